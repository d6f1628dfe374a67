import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { SHEETS } from "../../src/core/ledger/layout";
import { BUILTIN_SCHEMES } from "../../src/core/scheme/presets";
import { buildDemoWorkbook } from "../../src/hosts/xlsx/demoFile";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-demo-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


describe("party-ledger demo", () => {
  it("writes a realistic branch workbook and says what is in it", async () => {
    const file = path.join(dir, "党员积分台账-示例.xlsx");
    const run = await cli("demo", "--out", file);
    expect(run.code).toBe(0);
    expect(run.out).toContain("方案 star-member；党员 30 名");
    expect(run.out).toMatch(/校验：3 个错误/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    for (const s of Object.values(SHEETS)) expect(names).toContain(s.sheet);
    for (const sheet of ["公示-2026H1", "排名通报-2026", "年终审批-2026", "季度申报-2026Q1", "季度明细-2026Q1", "半年备案-2026H1", "全年备案-2026", "民主评议-2026", "个人台账-D001-2026", "月度台账-2026-03"])
      expect(names).toContain(sheet);
    // An appeal resolved by a reversing row, an approved half-year, every change logged.
    expect(wb.getWorksheet("申诉登记")!.getCell("H2").value).toBe("经核实属实，撤销该条扣分");
    expect(wb.getWorksheet("审定记录")!.getCell("A2").value).toBe("2026H1");
    // The deliberately bad rows are what validation finds, at their rows and columns.
    const validate = await cli("validate", file, "--json");
    expect(validate.code).toBe(1);
    const issues = JSON.parse(validate.out) as { code: string; severity: string }[];
    expect(issues.filter((i) => i.severity === "error").map((i) => i.code).sort()).toEqual(["bad-date", "unknown-member", "value-out-of-range"]);
  });

  it.each(BUILTIN_SCHEMES.map((s) => [s.id]))("works for %s, the same every run", async (id) => {
    const a = await buildDemoWorkbook({ schemeId: id, out: path.join(dir, `${id}-a.xlsx`) });
    const b = await buildDemoWorkbook({ schemeId: id, out: path.join(dir, `${id}-b.xlsx`) });
    expect({ ...a, file: "", ms: 0 }).toEqual({ ...b, file: "", ms: 0 });
    expect(a.members).toBe(30);
    // The ten member forms and 统计 (with its charts), plus the branch-level 台账 of the schemes that keep one.
    const extra: Record<string, string[]> = { "branch-stars": ["评星晋级-2026"], "classified-grading": ["分类定级台账-2026", "管理卡-2026"], "hospital-40-50-10": ["支部积分-2026"] };
    expect(a.sheets.length).toBe(11 + (extra[id]?.length ?? 0));
    expect(a.sheets.some((name) => name.startsWith("统计-"))).toBe(true);
    expect(a.sheets).toEqual(expect.arrayContaining(extra[id] ?? []));
    expect(a.approved.length).toBeGreaterThan(0);
  });
});
