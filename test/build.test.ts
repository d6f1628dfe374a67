import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { validateManifest } from "../scripts/validateManifest";

const root = path.resolve(__dirname, "..");
// One build (~15 s) for everything: the production build for a server, here an IDN host with a Chinese
// path. That the default build keeps localhost is tested on the config (scripts/manifestForUrl.test.ts).
const URL_GIVEN = "https://内网地址/党建/party-ledger";
const BASE = new URL(`${URL_GIVEN}/`).href;

describe("npm run build -- --env url=…", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "party-build-"));
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", out, "--env", `url=${URL_GIVEN}`],
      { cwd: root, encoding: "utf8" },
    );
  }, 180_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("compiles without errors", () => {
    expect(`${run.stderr}${run.stdout}`).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);
  });

  it("writes the task pane, both bundles, the manifest and the icons", () => {
    for (const file of ["taskpane.html", "taskpane.js", "functions.js", "functions.json", "manifest.xml", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-80.png"])
      expect(fs.existsSync(path.join(out, file))).toBe(true);
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    // Shared runtime: the page loads Office.js and both bundles.
    expect(html).toContain("office.js");
    expect(html).toMatch(/src="?functions\.js/);
    expect(html).toMatch(/src="?taskpane\.js/);
  });

  it("generates functions.json from the JSDoc, in Chinese, and registers each function", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: { id: string; description: string }[] };
    const ids = metadata.functions.map((f) => f.id);
    expect(ids).toContain("GRADE");
    for (const f of metadata.functions) expect(f.description).toMatch(/[\u4e00-\u9fff]/);
    const bundle = fs.readFileSync(path.join(out, "functions.js"), "utf8");
    for (const id of ids) expect(bundle).toContain(`"${id}"`);
  });

  it("writes a manifest whose every URL is on the given server, and which passes the production check", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(BASE).toMatch(/^https:\/\/xn--[\w-]+\/%E5%85%9A%E5%BB%BA\/party-ledger\/$/);
    expect(manifest).not.toMatch(/localhost|127\.0\.0\.1/i);
    const urls = [...manifest.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:[^"<]+)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const url of urls) expect(url === new URL(BASE).origin || url.startsWith(BASE)).toBe(true);
    const fileExists = (file: string) => fs.existsSync(path.join(out, file));
    expect(validateManifest(manifest, { production: true, fileExists })).toEqual([]);
  });

  it("leaves no localhost in the pages and scripts the manifest names; they load only relative files and Office.js", () => {
    const emitted = fs.readdirSync(out).filter((file) => /\.(html|js|json)$/.test(file));
    expect(emitted.sort()).toEqual(["functions.js", "functions.json", "taskpane.html", "taskpane.js"]);
    for (const file of emitted) expect(fs.readFileSync(path.join(out, file), "utf8")).not.toMatch(/localhost|127\.0\.0\.1/i);
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const references = [...html.matchAll(/\b(?:src|href)=(?:"([^"]*)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) {
      if (/^https?:/.test(reference)) expect(reference).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      else expect(fs.existsSync(path.join(out, reference.split("?")[0]))).toBe(true);
    }
  });
});
