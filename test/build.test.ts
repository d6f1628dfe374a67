import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "..");

describe("npm run build", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "party-build-"));
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    run = spawnSync(process.execPath, [path.join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", out], {
      cwd: root,
      encoding: "utf8",
    });
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
});
