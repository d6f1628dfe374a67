import fs from "fs";
import path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { BaseUrlError, DEV_BASE_URL, manifestForUrl, normalizeBaseUrl } from "./manifestForUrl";
import { validateManifest } from "./validateManifest";

const manifest = fs.readFileSync(path.resolve(__dirname, "..", "manifest.xml"), "utf8");

/** Every URL-valued attribute and AppDomain text of a manifest. */
function urlsIn(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const urls: string[] = [];
  for (const element of Array.from(doc.getElementsByTagNameNS("*", "*"))) {
    const value = element.getAttribute("DefaultValue");
    if (value && /^\w+:\/\//.test(value)) urls.push(value);
    if (element.localName === "AppDomain") urls.push((element.textContent ?? "").trim());
  }
  return urls;
}

describe("normalizeBaseUrl", () => {
  it("makes the address a folder and keeps an ASCII host as it is", () => {
    expect(normalizeBaseUrl("https://oa.example.cn/party-ledger/").href).toBe("https://oa.example.cn/party-ledger/");
    expect(normalizeBaseUrl(" https://oa.example.cn/party-ledger ").href).toBe("https://oa.example.cn/party-ledger/");
    expect(normalizeBaseUrl("https://oa.example.cn").href).toBe("https://oa.example.cn/");
    expect(normalizeBaseUrl("https://OA.Example.cn:8443/a/b").href).toBe("https://oa.example.cn:8443/a/b/");
    expect(normalizeBaseUrl("https://oa.example.cn:443/x/").href).toBe("https://oa.example.cn/x/");
  });

  it("punycodes an IDN host and percent-encodes a Chinese path, as a URL parser does", () => {
    const url = normalizeBaseUrl("https://内网地址/党建/积分 台账");
    expect(url.hostname).toMatch(/^xn--/);
    expect(url.hostname).toBe(new URL("https://内网地址/").hostname);
    expect(url.pathname).toBe("/%E5%85%9A%E5%BB%BA/%E7%A7%AF%E5%88%86%20%E5%8F%B0%E8%B4%A6/");
    expect(url.href).toMatch(/^[\x21-\x7e]+$/);
  });

  it.each([
    ["", "为空"],
    ["oa.example.cn/party-ledger/", "不是有效的绝对 URL"],
    ["/party-ledger/", "不是有效的绝对 URL"],
    ["http://oa.example.cn/party-ledger/", "https"],
    ["file:///C:/dist/", "https"],
    ["https://user:pw@oa.example.cn/", "用户名或密码"],
    ["https://oa.example.cn/party-ledger/?v=2", "查询串"],
    ["https://oa.example.cn/party-ledger/#top", "锚点"],
  ])("rejects %j with a message in Chinese", (input, words) => {
    expect(() => normalizeBaseUrl(input)).toThrow(BaseUrlError);
    expect(() => normalizeBaseUrl(input)).toThrow(words);
  });
});

describe("manifestForUrl", () => {
  it("moves every URL of the development manifest under the base URL", () => {
    const xml = manifestForUrl(manifest, "https://oa.example.cn/party-ledger/");
    expect(xml).not.toMatch(/localhost/i);
    const before = urlsIn(manifest);
    const after = urlsIn(xml);
    expect(after).toHaveLength(before.length);
    expect(after.length).toBeGreaterThanOrEqual(12);
    for (const [i, url] of after.entries()) {
      if (before[i] === "https://localhost:3000") expect(url).toBe("https://oa.example.cn");
      else expect(url).toBe(before[i].replace(DEV_BASE_URL, "https://oa.example.cn/party-ledger/"));
    }
    expect(xml).toContain('<SourceLocation DefaultValue="https://oa.example.cn/party-ledger/taskpane.html"/>');
    expect(xml).toContain('<bt:Url id="Functions.Metadata.Url" DefaultValue="https://oa.example.cn/party-ledger/functions.json"/>');
    expect(xml).toContain("<AppDomain>https://oa.example.cn</AppDomain>");
  });

  it("changes nothing but the URLs", () => {
    const xml = manifestForUrl(manifest, "https://oa.example.cn/party-ledger/");
    const strip = (text: string) => text.replace(/https:\/\/[^"<\s]+/g, "URL");
    expect(strip(xml)).toBe(strip(manifest));
  });

  it("writes valid URLs for an IDN host with a Chinese path, and the result passes the production check", () => {
    const xml = manifestForUrl(manifest, "https://内网地址/党建/积分台账/");
    const base = normalizeBaseUrl("https://内网地址/党建/积分台账/").href;
    for (const url of urlsIn(xml)) {
      expect(url).toMatch(/^[\x21-\x7e]+$/);
      // A URL parser leaves it as it is: already punycoded and percent-encoded.
      expect(new URL(url).href.replace(/\/$/, "")).toBe(url.replace(/\/$/, ""));
      expect(url.startsWith(base) || url === new URL(base).origin).toBe(true);
    }
    expect(validateManifest(xml, { production: true })).toEqual([]);
  });

  it("escapes what XML needs escaped in a path", () => {
    const xml = manifestForUrl(manifest, "https://oa.example.cn/a&b'c/");
    expect(xml).toContain("https://oa.example.cn/a&amp;b&apos;c/taskpane.html");
    expect(urlsIn(xml)).toContain("https://oa.example.cn/a&b'c/taskpane.html");
    expect(validateManifest(xml, { production: true })).toEqual([]);
  });

  it("leaves the development manifest unchanged for the development address", () => {
    expect(manifestForUrl(manifest, DEV_BASE_URL)).toBe(manifest);
  });

  it("refuses a bad base URL and a manifest without a SourceLocation", () => {
    expect(() => manifestForUrl(manifest, "http://oa.example.cn/")).toThrow(BaseUrlError);
    expect(() => manifestForUrl("<OfficeApp/>", "https://oa.example.cn/")).toThrow("SourceLocation");
  });

  it("refuses to leave a localhost URL that is not on the manifest's origin", () => {
    const stray = manifest.replace("https://localhost:3000/functions.js", "https://localhost:4000/functions.js");
    expect(() => manifestForUrl(stray, "https://oa.example.cn/")).toThrow("localhost");
  });
});

describe("webpack.config.js", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configure = require("../webpack.config.js") as (env: object, options: object) => Promise<{ plugins: object[] }>;

  async function manifestPattern(env: object) {
    const config = await configure(env, { mode: "production" });
    const copy = config.plugins.find((plugin) => plugin.constructor.name === "CopyPlugin") as { patterns: { from: string; transform?: unknown }[] };
    return copy.patterns.find((pattern) => pattern.from === "manifest.xml")!;
  }

  it("copies manifest.xml unchanged by default (https://localhost:3000/ for development)", async () => {
    expect((await manifestPattern({})).transform).toBeUndefined();
  });

  it("rewrites it for --env url=…", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const pattern = await manifestPattern({ url: "https://内网地址/party-ledger" });
      const transform = pattern.transform as (content: Buffer) => string;
      const xml = transform(Buffer.from(manifest));
      expect(xml).toBe(manifestForUrl(manifest, "https://内网地址/party-ledger/"));
      expect(log).toHaveBeenCalledWith(expect.stringContaining(normalizeBaseUrl("https://内网地址/party-ledger/").href));
    } finally {
      log.mockRestore();
    }
  });

  it("stops the build with a clear message for a bad or missing url", async () => {
    await expect(configure({ url: "http://oa.example.cn/" }, { mode: "production" })).rejects.toThrow("https");
    await expect(configure({ url: true }, { mode: "production" })).rejects.toThrow("--env url");
  });
});
