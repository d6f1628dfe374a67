import fs from "fs";
import os from "os";
import path from "path";
import { buildDemoWorkbook } from "../../src/hosts/xlsx/demoFile";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-stats-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("party-ledger report --form 统计", () => {
  it("writes 统计-<期间> with the 优秀 share given by --share, and refuses a share it cannot read", async () => {
    const book = path.join(dir, "demo.xlsx");
    await buildDemoWorkbook({ schemeId: "star-member", out: book });
    const ok = await cli("report", book, "--form", "statistics", "--period", "2026", "--share", "1/4", "--date", "2026-12-20");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("已生成工作表：统计-2026");
    const rows = await PackageGateway.open(fs.readFileSync(book), "demo.xlsx").readSheet("统计-2026");
    const line = rows!.flat().find((v) => typeof v === "string" && v.startsWith("优秀比例上限"));
    // The demo's 26 graded members: a quarter allows 6.
    expect(line).toMatch(/^优秀比例上限 1\/4（26人中至多6人），现有\d+人/);

    const bad = await cli("report", book, "--form", "统计", "--period", "2026", "--share", "两成");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--share 应为优秀比例上限，如 1/3 或 30%，收到「两成」");
  }, 60_000);
});
