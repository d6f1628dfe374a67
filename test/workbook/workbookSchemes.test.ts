import { getBuiltinScheme } from "../../src/core/scheme/presets";
import type { Scheme } from "../../src/core/scheme/schema";
import { appendEntry, importCsvFiles, loadLedger, saveWorkbookScheme, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../src/app/ledgerService";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";

const NOW = new Date(2026, 7, 1, 9, 0, 0);
const star = getBuiltinScheme("star-member");

/** A copy of star-member whose D1 (absence) costs `points`, from a date. */
function branchVersion(version: number, effectiveFrom: string, points: number): Scheme {
  return {
    ...star,
    id: "star-member-branch",
    name: "星级党员量化考评制度（本支部）",
    version,
    effectiveFrom,
    items: star.items.map((i) => (i.code === "D1" ? { ...i, points: { kind: "fixed" as const, value: points } } : i)),
  };
}

describe("a scheme kept in the workbook", () => {
  it("becomes the workbook's scheme; each entry is scored by the version in force on its date", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, { branch: "第一党支部", year: 2026, secretary: "王书记" }, NOW);
    await importCsvFiles(gw, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n" }, NOW);
    await saveWorkbookScheme(gw, branchVersion(1, "2017-01-01", -1), { activate: true }, NOW);
    await saveWorkbookScheme(gw, branchVersion(2, "2026-07-01", -3), { activate: true }, NOW);

    const ledger = await loadLedger(gw);
    expect(ledger.scheme.id).toBe("star-member-branch");
    expect(ledger.versions.map((s) => s.version)).toEqual([1, 2]);
    expect(ledger.settings.get("方案版本")).toBe("2");

    expect(await appendEntry(gw, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW)).toMatchObject({ written: true, issues: [] });
    expect(await appendEntry(gw, { 日期: "2026-07-02", 编号: "001", 项目代码: "D1" }, {}, NOW)).toMatchObject({ written: true, issues: [] });
    const year = scoreLedger(await loadLedger(gw), "2026");
    // 80 − 1 (March, version 1) − 3 (July, version 2); no appraisal yet.
    expect(year.members[0].components["日常行为积分"]).toBe(76);
    expect((await validateWorkbook(gw)).issues.filter((i) => i.code.startsWith("unknown-scheme"))).toEqual([]);
    expect(gw.book.tables.get("LogTable")!.rows.filter((r) => r.includes("保存自定义方案"))).toHaveLength(2);
  });

  it("refuses to load a ledger whose own scheme has a damaged version, saying where", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, { branch: "第一党支部", year: 2026, secretary: "王书记" }, NOW);
    await saveWorkbookScheme(gw, branchVersion(1, "2017-01-01", -1), { activate: true }, NOW);
    const store = gw.book.tables.get("SchemeTable")!;
    store.rows[0] = store.rows[0].map((v, c) => (c === 4 ? String(v).slice(0, 100) : v));
    await expect(loadLedger(gw)).rejects.toThrow(/^「自定义方案」第2行（方案 star-member-branch 第1版）无法读取：/);
  });
});
