import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { DOMParser, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import { manifestForUrl } from "./manifestForUrl";
import { MANIFEST_RULES, main, validateManifest, type ManifestProblem, type ValidateOptions } from "./validateManifest";

const root = path.resolve(__dirname, "..");
const manifestPath = path.join(root, "manifest.xml");
const manifest = fs.readFileSync(manifestPath, "utf8");
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** Replaces the one occurrence of `from`; fails loudly if the real manifest no longer has it exactly once. */
function edit(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(from)} in the manifest, found ${count}`);
  return text.replace(from, to);
}

function mutate(change: (doc: Document) => void): string {
  const doc = new DOMParser().parseFromString(manifest, "text/xml");
  change(doc);
  return new XMLSerializer().serializeToString(doc);
}

function element(doc: Document, name: string, index = 0): Element {
  const found = doc.getElementsByTagNameNS("*", name)[index];
  if (!found) throw new Error(`no <${name}> #${index} in the manifest`);
  return found;
}

function byAttribute(doc: Document, name: string, attribute: string, value: string): Element {
  const found = Array.from(doc.getElementsByTagNameNS("*", name)).find(
    (e) => (attribute === "xsi:type" ? e.getAttributeNS(XSI_NS, "type") : e.getAttribute(attribute)) === value,
  );
  if (!found) throw new Error(`no <${name} ${attribute}="${value}"> in the manifest`);
  return found;
}

function remove(node: Element): void {
  node.parentNode!.removeChild(node);
}

const rulesSeen = new Set<string>();

/** Asserts the broken manifest fails with `rule` (and, unless `alsoOther`, only that rule), each culprit named. */
function expectProblem(xml: string, rule: string, culprits: string[], alsoOther = false, options: ValidateOptions = {}): ManifestProblem[] {
  const problems = validateManifest(xml, options);
  const messages = problems.filter((p) => p.rule === rule).map((p) => p.message);
  expect(messages.length).toBeGreaterThan(0);
  for (const culprit of culprits) expect(messages.join("\n")).toContain(culprit);
  if (!alsoOther) expect(problems.filter((p) => p.rule !== rule)).toEqual([]);
  rulesSeen.add(rule);
  return problems;
}

describe("the real manifest.xml", () => {
  it("passes with zero problems", () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("keeps the identity the add-in was published with", () => {
    expect(manifest).toContain("<Id>a7f60576-7927-4911-b222-8413692582e5</Id>");
    expect(manifest).toContain("<Version>1.0.0.0</Version>");
  });

  it("references only icons that exist in assets/", () => {
    for (const [, file] of manifest.matchAll(/https:\/\/localhost:3000\/assets\/([\w-]+\.png)/g))
      expect(fs.existsSync(path.join(root, "assets", file))).toBe(true);
  });
});

describe("missing-element", () => {
  it("reports a missing <Permissions>", () => {
    expectProblem(
      mutate((doc) => remove(element(doc, "Permissions"))),
      "missing-element",
      ["Permissions"],
    );
  });

  it("reports a missing <VersionOverrides> once, not once per element inside it", () => {
    const problems = expectProblem(
      mutate((doc) => remove(element(doc, "VersionOverrides"))),
      "missing-element",
      ["VersionOverrides"],
    );
    expect(problems).toHaveLength(1);
  });

  it("reports the missing Runtimes, Namespace, FunctionFile and ribbon Control", () => {
    expectProblem(mutate((doc) => remove(element(doc, "Runtimes"))), "missing-element", ["Runtimes"]);
    expectProblem(mutate((doc) => remove(element(doc, "Namespace"))), "missing-element", ["Namespace"]);
    expectProblem(mutate((doc) => remove(element(doc, "Metadata"))), "missing-element", ["Metadata"]);
    expectProblem(mutate((doc) => remove(element(doc, "FunctionFile"))), "missing-element", ["FunctionFile"]);
    expectProblem(mutate((doc) => remove(element(doc, "Control"))), "missing-element", ["Control"]);
  });

  it("requires the Workbook host, a TaskPaneApp root and DefaultValue attributes", () => {
    expectProblem(edit(manifest, '<Host Name="Workbook"/>', '<Host Name="Document"/>'), "missing-element", ["Host[Name=Workbook]"]);
    expectProblem(edit(manifest, 'xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"'), "missing-element", ["TaskPaneApp", "ContentApp"]);
    expectProblem(
      mutate((doc) => element(doc, "DisplayName").removeAttribute("DefaultValue")),
      "missing-element",
      ["DisplayName", "DefaultValue"],
    );
    expectProblem(
      mutate((doc) => remove(element(doc, "SourceLocation"))),
      "missing-element",
      ["DefaultSettings/SourceLocation"],
    );
    expectProblem(edit(manifest, "<ProviderName>党员积分台账</ProviderName>", "<ProviderName> </ProviderName>"), "missing-element", ["ProviderName"]);
  });

  it("rejects a document whose root is not <OfficeApp>", () => {
    expectProblem('<?xml version="1.0"?><Manifest/>', "missing-element", ["OfficeApp", "Manifest"]);
  });
});

describe("element-order", () => {
  it("reports <Description> placed before <DisplayName>", () => {
    const xml = mutate((doc) => {
      const description = element(doc, "Description");
      description.parentNode!.insertBefore(description, element(doc, "DisplayName"));
    });
    expectProblem(xml, "element-order", ["<OfficeApp>", "<DisplayName>", "<Description>"]);
  });

  it("reports <Permissions> placed after <VersionOverrides>", () => {
    const xml = mutate((doc) => element(doc, "OfficeApp").appendChild(element(doc, "Permissions")));
    expectProblem(xml, "element-order", ["<Permissions>", "<VersionOverrides>"]);
  });

  it("reports <Resources> before <Hosts> inside VersionOverrides", () => {
    const xml = mutate((doc) => {
      const versionOverrides = element(doc, "VersionOverrides");
      versionOverrides.insertBefore(element(doc, "Resources"), versionOverrides.firstChild);
    });
    expectProblem(xml, "element-order", ["<VersionOverrides>", "<Hosts>", "<Resources>"]);
  });

  it("reports bt:Images after bt:LongStrings", () => {
    const xml = mutate((doc) => element(doc, "Resources").appendChild(element(doc, "Images")));
    expectProblem(xml, "element-order", ["Resources", "<Images>"]);
  });

  it("reports <Namespace> before <Script> in the custom functions extension point", () => {
    const xml = mutate((doc) => {
      const namespace = element(doc, "Namespace");
      namespace.parentNode!.insertBefore(namespace, element(doc, "Script"));
    });
    expectProblem(xml, "element-order", ['xsi:type="CustomFunctions"', "<Script>", "<Namespace>"]);
  });

  it("reports <Page> after <Metadata>", () => {
    const xml = mutate((doc) => {
      const page = element(doc, "Page");
      page.parentNode!.insertBefore(page, element(doc, "Namespace"));
    });
    expectProblem(xml, "element-order", ["<Page>", "<Metadata>"]);
  });
});

describe("unresolved-resid", () => {
  it("reports a Label resid that no resource defines", () => {
    const xml = edit(manifest, '<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>');
    expectProblem(xml, "unresolved-resid", ["Group.Missing", "<Label>", "PartyLedger.Group", "bt:ShortStrings"]);
  });

  it("reports an icon resid of the wrong kind", () => {
    const xml = mutate((doc) => byAttribute(doc, "Image", "size", "16").setAttribute("resid", "Taskpane.Url"));
    expectProblem(xml, "unresolved-resid", ["<Image>", "Taskpane.Url", "bt:Urls", "bt:Images"]);
  });

  it("reports a Supertip Description that points at a short string", () => {
    const xml = edit(manifest, '<Description resid="TaskpaneButton.Tooltip"/>', '<Description resid="Group.Label"/>');
    expectProblem(xml, "unresolved-resid", ["Group.Label", "bt:LongStrings"]);
  });

  it("reports a removed resid attribute, a duplicate id and an over-long resid", () => {
    expectProblem(edit(manifest, '<Title resid="GetStarted.Title"/>', "<Title/>"), "unresolved-resid", ["<Title>", "缺少 resid"]);
    expectProblem(
      edit(manifest, '<bt:Url id="GetStarted.LearnMoreUrl"', '<bt:Url id="Taskpane.Url"'),
      "unresolved-resid",
      ['id="Taskpane.Url"', "重复"],
      true,
    );
    const longId = "Group.Label.That.Is.Far.Too.Long.To.Be.Valid";
    expectProblem(manifest.split('"Group.Label"').join(`"${longId}"`), "unresolved-resid", [longId, "32"]);
  });
});

describe("foreign-url", () => {
  it("reports an icon on another origin", () => {
    const xml = edit(manifest, 'DefaultValue="https://localhost:3000/assets/icon-16.png"', 'DefaultValue="https://evil.example.com/icon-16.png"');
    expectProblem(xml, "foreign-url", ["Icon.16x16", "https://evil.example.com/icon-16.png", "https://localhost:3000"]);
  });

  it("reports the custom functions script on another port", () => {
    const xml = edit(manifest, '"https://localhost:3000/functions.js"', '"https://localhost:4000/functions.js"');
    expectProblem(xml, "foreign-url", ["Functions.Script.Url", "https://localhost:4000/functions.js"]);
  });

  it("reports plain http, foreign overrides and non-URLs", () => {
    expectProblem(
      edit(manifest, '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>', '<IconUrl DefaultValue="http://localhost:3000/assets/icon-32.png"/>'),
      "foreign-url",
      ["IconUrl", "https"],
    );
    expectProblem(
      edit(
        manifest,
        '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
        '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"><Override Locale="en-US" Value="https://cdn.example.com/icon-64.png"/></HighResolutionIconUrl>',
      ),
      "foreign-url",
      ["HighResolutionIconUrl", "<Override>", "https://cdn.example.com/icon-64.png"],
    );
    expectProblem(
      edit(
        manifest,
        '<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
        '<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"><bt:Override Locale="en-US" Value="https://evil.example.com/80.png"/></bt:Image>',
      ),
      "foreign-url",
      ["Icon.80x80", "https://evil.example.com/80.png"],
    );
    expectProblem(edit(manifest, "https://localhost:3000/functions.json", "functions.json"), "foreign-url", ["Functions.Metadata.Url", "不是有效"]);
  });

  it("allows any https SupportUrl and LearnMoreUrl, but not http ones", () => {
    const docs = edit(
      edit(manifest, '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>', '<SupportUrl DefaultValue="https://support.example.org/ledger"/>'),
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://learn.example.org/ledger"/>',
    );
    expect(validateManifest(docs)).toEqual([]);
    expectProblem(edit(docs, "https://support.example.org/ledger", "http://support.example.org/ledger"), "foreign-url", ["SupportUrl", "https"]);
  });
});

describe("namespace", () => {
  it("reports a namespace other than PARTY", () => {
    const xml = edit(manifest, '<bt:String id="Functions.Namespace" DefaultValue="PARTY">', '<bt:String id="Functions.Namespace" DefaultValue="FOO">');
    expectProblem(xml, "namespace", ["Functions.Namespace", '"FOO"', "PARTY"]);
  });

  it("reports a localized namespace override", () => {
    const xml = edit(manifest, '<bt:Override Locale="en-US" Value="PARTY"/>', '<bt:Override Locale="en-US" Value="PARTYPOINTS"/>');
    expectProblem(xml, "namespace", ["Functions.Namespace", "PARTYPOINTS"]);
  });
});

describe("permissions", () => {
  it("reports anything but ReadWriteDocument", () => {
    expectProblem(edit(manifest, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"), "permissions", [
      "<Permissions>",
      "ReadDocument",
      "ReadWriteDocument",
    ]);
    expectProblem(edit(manifest, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>WriteDocument</Permissions>"), "permissions", [
      "WriteDocument",
    ]);
  });
});

describe("shared-runtime", () => {
  it("reports lifetime=short and a missing lifetime", () => {
    expectProblem(edit(manifest, 'lifetime="long"', 'lifetime="short"'), "shared-runtime", ["<Runtime", "Taskpane.Url", '"short"', '"long"']);
    expectProblem(edit(manifest, ' lifetime="long"', ""), "shared-runtime", ["lifetime", "默认 short"]);
  });

  it("reports a missing or too old SharedRuntime requirement set", () => {
    expectProblem(
      edit(manifest, '<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="DialogApi" MinVersion="1.1"/>'),
      "shared-runtime",
      ["SharedRuntime", "Requirements"],
    );
    expectProblem(edit(manifest, '<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="SharedRuntime" MinVersion="1.0"/>'), "shared-runtime", [
      "MinVersion",
      "1.0",
    ]);
  });

  it("requirement-sets: reports a missing or too old ExcelApi or CustomFunctionsRuntime set", () => {
    expectProblem(edit(manifest, '\n      <Set Name="ExcelApi" MinVersion="1.9"/>', ""), "requirement-sets", ["ExcelApi", "1.9"]);
    expectProblem(edit(manifest, '<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>'), "requirement-sets", ["ExcelApi", "1.7", "1.9"]);
    expectProblem(edit(manifest, '\n      <Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>', ""), "requirement-sets", ["CustomFunctionsRuntime"]);
  });

  it("reports a FunctionFile that is not the runtime page", () => {
    const xml = edit(manifest, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>');
    expectProblem(xml, "shared-runtime", ["<FunctionFile>", "Functions.Script.Url", "Taskpane.Url"]);
  });

  it("reports a custom functions Page and a task pane button that are not the runtime page", () => {
    const page = mutate((doc) => element(doc, "SourceLocation", 2).setAttribute("resid", "Functions.Metadata.Url"));
    expect(page).toContain('<Page>\n              <SourceLocation resid="Functions.Metadata.Url"/>');
    expectProblem(page, "shared-runtime", ["<Page>", "Functions.Metadata.Url", "https://localhost:3000/functions.json"]);

    const button = edit(manifest, '<SourceLocation resid="Taskpane.Url"/>\n                  </Action>', '<SourceLocation resid="Functions.Script.Url"/>\n                  </Action>');
    expectProblem(button, "shared-runtime", ["PartyLedger.TaskpaneButton", "ShowTaskpane", "Functions.Script.Url"]);
  });

  it("accepts a different resid that resolves to the same URL", () => {
    const xml = edit(
      edit(manifest, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'),
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
    );
    expect(validateManifest(xml)).toEqual([]);
  });

  it("reports more than one Runtime", () => {
    const xml = edit(manifest, '<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url" lifetime="long"/><Runtime resid="Taskpane.Url" lifetime="long"/>');
    expectProblem(xml, "shared-runtime", ["<Runtime>", "2"]);
  });
});

describe("malformed-xml", () => {
  it("reports truncated XML instead of throwing", () => {
    const problems = expectProblem(manifest.slice(0, Math.floor(manifest.length / 2)), "malformed-xml", ["unclosed"]);
    expect(problems).toHaveLength(1);
  });

  it("reports empty input, mismatched tags and unbound prefixes", () => {
    expectProblem("", "malformed-xml", ["XML"]);
    expectProblem("<OfficeApp><Id></OfficeApp>", "malformed-xml", ["mismatch"]);
    expectProblem(edit(manifest, "<Permissions>ReadWriteDocument</Permissions>", "<x:Permissions>ReadWriteDocument</x:Permissions>"), "malformed-xml", [
      "prefix",
    ]);
  });
});

describe("production (a manifest built with --env url=…)", () => {
  const BASE = "https://oa.example.cn/party-ledger/";
  const built = manifestForUrl(manifest, BASE);
  const production = { production: true };
  const expectProduction = (xml: string, rule: string, culprits: string[], alsoOther = false) =>
    expectProblem(xml, rule, culprits, alsoOther, production);

  it("passes for the manifest the build writes, also for an IDN host with a Chinese path", () => {
    expect(validateManifest(built, production)).toEqual([]);
    expect(validateManifest(manifestForUrl(manifest, "https://内网地址/党建/积分台账/"), production)).toEqual([]);
  });

  it("fails for the development manifest, naming each localhost URL and how to build for a server", () => {
    const problems = expectProduction(manifest, "production", ["localhost", "<IconUrl>", "Icon.16x16", "Functions.Script.Url", "<AppDomain>", "--env url="]);
    expect(problems.filter((p) => p.message.includes("https://localhost:3000"))).toHaveLength(urlCount(manifest));
  });

  it("fails when one localhost URL is left in", () => {
    const xml = edit(built, `"${BASE}functions.json"`, '"https://localhost:3000/functions.json"');
    const problems = expectProduction(xml, "production", ["Functions.Metadata.Url", "https://localhost:3000/functions.json", "localhost"], true);
    // foreign-url also names it: a different origin from SourceLocation.
    expect(problems.map((p) => p.rule).sort()).toEqual(["foreign-url", "production"]);
    expectProduction(edit(built, `"${BASE}assets/icon-16.png"`, '"https://127.0.0.1/party-ledger/assets/icon-16.png"'), "production", ["Icon.16x16", "127.0.0.1"], true);
  });

  it("fails for an http URL", () => {
    const xml = edit(built, `<IconUrl DefaultValue="${BASE}assets/icon-32.png"/>`, '<IconUrl DefaultValue="http://oa.example.cn/party-ledger/assets/icon-32.png"/>');
    expectProduction(xml, "foreign-url", ["IconUrl", "http://oa.example.cn/party-ledger/assets/icon-32.png", "必须使用 https"]);
  });

  it("fails for a mixed origin, also where the development manifest allows another host", () => {
    expectProduction(
      edit(built, `<SupportUrl DefaultValue="${BASE}taskpane.html"/>`, '<SupportUrl DefaultValue="https://help.example.org/ledger"/>'),
      "production",
      ["SupportUrl", "https://help.example.org/ledger", "https://oa.example.cn"],
    );
    expectProduction(
      edit(built, "<AppDomain>https://oa.example.cn</AppDomain>", "<AppDomain>https://cdn.example.org</AppDomain>"),
      "production",
      ["<AppDomains>", "https://cdn.example.org"],
    );
    expectProduction(
      edit(built, `"${BASE}functions.js"`, '"https://oa.example.cn:8443/party-ledger/functions.js"'),
      "foreign-url",
      ["Functions.Script.Url", "https://oa.example.cn:8443/party-ledger/functions.js"],
    );
  });

  it("fails for a URL outside the add-in folder and a SourceLocation that is not the runtime page", () => {
    expectProduction(edit(built, `"${BASE}assets/icon-80.png"`, '"https://oa.example.cn/other/icon-80.png"'), "production", [
      "Icon.80x80",
      "https://oa.example.cn/other/icon-80.png",
      BASE,
    ]);
    const moved = edit(built, `<SourceLocation DefaultValue="${BASE}taskpane.html"/>`, `<SourceLocation DefaultValue="${BASE}index.html"/>`);
    expectProduction(moved, "production", ["SourceLocation", `${BASE}index.html`, "Taskpane.Url", `${BASE}taskpane.html`]);
  });

  it("checks that each file the manifest names is next to it, when told how", () => {
    const present = new Set(["taskpane.html", "functions.js", "functions.json", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png"]);
    expect(validateManifest(built, { production: true, fileExists: (file) => present.has(file) })).toEqual([]);
    present.delete("functions.json");
    expectProblem(built, "production", ["Functions.Metadata.Url", "functions.json", "dist/"], false, { production: true, fileExists: (file) => present.has(file) });
  });

  it("leaves the development checks alone without the option", () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateManifest(built)).toEqual([]);
  });
});

function urlCount(xml: string): number {
  return xml.match(/https:\/\/localhost:3000/g)?.length ?? 0;
}

describe("rule coverage", () => {
  it("has a failing case above for every rule", () => {
    expect([...rulesSeen].sort()).toEqual([...MANIFEST_RULES].sort());
  });
});

describe("CLI", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "party-manifest-"));
  const broken = path.join(tmp, "broken.xml");
  fs.writeFileSync(broken, edit(manifest, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = (file: string) =>
    spawnSync("npx", ["tsx", "scripts/validateManifest.ts", file], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("exits 0 and says so for the real manifest", () => {
    const result = run("manifest.xml");
    expect(result.stdout).toContain("manifest.xml 校验通过");
    expect(result.status).toBe(0);
  });

  it("exits 1 and prints each problem for a broken manifest", () => {
    const result = run(broken);
    expect(result.stderr).toContain("[permissions]");
    expect(result.stderr).toContain("ReadDocument");
    expect(result.status).toBe(1);
  });

  it("exits 2 when the file cannot be read", () => {
    const result = run(path.join(tmp, "absent.xml"));
    expect(result.stderr).toContain("无法读取");
    expect(result.status).toBe(2);
  });

  it("checks any other file, or any file with --production, as a production manifest", () => {
    const result = run(broken);
    expect(result.stderr).toContain("生产清单");
    expect(result.stderr).toContain("[production]");
    const forced = spawnSync("npx", ["tsx", "scripts/validateManifest.ts", "--production", "manifest.xml"], { cwd: root, encoding: "utf8" });
    expect(forced.stderr).toContain("localhost");
    expect(forced.status).toBe(1);
  });

  it("passes a built dist/ folder, and names a file missing from it", () => {
    const dist = path.join(tmp, "dist");
    fs.mkdirSync(path.join(dist, "assets"), { recursive: true });
    fs.writeFileSync(path.join(dist, "manifest.xml"), manifestForUrl(manifest, "https://内网地址/party-ledger/"));
    for (const file of ["taskpane.html", "functions.js", "functions.json"]) fs.writeFileSync(path.join(dist, file), "");
    for (const file of fs.readdirSync(path.join(root, "assets"))) fs.copyFileSync(path.join(root, "assets", file), path.join(dist, "assets", file));
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // As `npm run validate -- dist/manifest.xml` runs it: the development manifest, then the built one.
      expect(main([manifestPath, path.join(dist, "manifest.xml")])).toBe(0);
      expect(log).toHaveBeenCalledWith("manifest.xml 校验通过");
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/校验通过（生产清单：https:\/\/xn--[\w-]+\/party-ledger\/，所引用的文件都在）/));
      fs.rmSync(path.join(dist, "functions.json"));
      expect(main([path.join(dist, "manifest.xml")])).toBe(1);
      expect(error).toHaveBeenCalledWith(expect.stringContaining("functions.json"));
      expect(main(["--development", path.join(dist, "manifest.xml")])).toBe(0);
      expect(main(["--bogus"])).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it("main() returns the same codes in-process", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(main([manifestPath])).toBe(0);
      expect(main([broken])).toBe(1);
      expect(main([path.join(tmp, "absent.xml")])).toBe(2);
      expect(log).toHaveBeenCalledWith("manifest.xml 校验通过");
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
