import { type BranchStarInput, BRANCH_STAR_STORE, planBranchStars, readBranchStars } from "../stars/branchStars";
import { type TableData, modelRangeValues, parseA1Range } from "../sheetModel";
import { buildBranchStarSheet } from "./branchStars";
import { type BranchSummary, buildRollupSheets, withStarLevelChart } from "./rollup";

function summary(branch: string, average: number, grades: Record<string, number>): BranchSummary {
  return { branch, file: `${branch}.xlsx`, schemeId: "star-member", schemeName: "星级党员", year: 2026, maxTotal: 100, members: 10, average, grades, vetoes: 0, approval: "已审定", leaders: [] };
}

describe("党委汇总 charts", () => {
  const [sheet] = buildRollupSheets([summary("一支部", 82.5, { 优秀: 3, 合格: 7 }), summary("二支部", 76, { 优秀: 1, 合格: 9 })], "2026", "same");

  it("compares the branches' averages and grade counts, drawn from the 支部汇总 table", () => {
    const [average, grades] = sheet.charts!;
    expect(modelRangeValues(sheet, average.categories)).toEqual(["一支部", "二支部"]);
    expect(modelRangeValues(sheet, average.series[0].values)).toEqual([82.5, 76]);
    expect(modelRangeValues(sheet, average.series[0].nameCell!)).toEqual(["平均分"]);
    expect(grades.series.map((s) => [s.name, modelRangeValues(sheet, s.values)])).toEqual([
      ["优秀", [3, 1]],
      ["合格", [7, 9]],
    ]);
  });

  it("puts the charts on blank rows below the table, one after the other", () => {
    const [a, b] = sheet.charts!.map((c) => parseA1Range(c.anchor)!);
    expect(a.top).toBeGreaterThan(6);
    expect(b.top).toBeGreaterThan(a.bottom);
    for (let r = a.top; r <= b.bottom; r++) expect(sheet.rows[r - 1] ?? []).toEqual([]);
  });
});

describe("评星晋级 star-level chart", () => {
  const inputs: BranchStarInput[] = [
    { year: 2026, branch: "掘进六队党支部", secretary: "陆岩本", counts: { members: 9 }, stars: ["安全星", "绩效星", "廉洁星"], target: "四星级党支部" },
    { year: 2026, branch: "选煤厂党支部", secretary: "谢福怀", counts: { members: 25 }, stars: ["学习星", "安全星", "绩效星", "廉洁星", "创新星"], target: "五星级党支部" },
    { year: 2026, branch: "综采一队党支部", counts: { members: 29 }, stars: ["学习星", "安全星", "绩效星"], target: "四星级党支部" },
  ];
  const rows: TableData["rows"] = [];
  for (const input of inputs) {
    const op = planBranchStars(undefined, input, new Date(2026, 11, 20))[0];
    if (op.op === "createTable") rows.push(...op.spec.rows);
  }
  const headers = BRANCH_STAR_STORE.columns.map((c) => c.header);
  const records = readBranchStars({ name: BRANCH_STAR_STORE.table, sheet: BRANCH_STAR_STORE.sheet, headers, rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 }, 2026);
  const plain = buildBranchStarSheet(records, 2026, { branch: "某矿党委", secretary: "", clerk: "李红梅", contact: "", today: "2026-12-20" });
  const sheet = withStarLevelChart(plain, records);

  it("draws 现有 against 晋级目标 per level from the roll-up table, its COUNTIF results cached", () => {
    const [chart] = sheet.charts!;
    expect(modelRangeValues(sheet, chart.categories)).toEqual(["五星级党支部", "四星级党支部", "三星级党支部", "未定级"]);
    // Now: 选煤厂 五星, the other two 三星; aims: 一个五星, 两个四星.
    expect(chart.series.map((s) => modelRangeValues(sheet, s.values))).toEqual([
      [1, 0, 2, 0],
      [1, 2, 0, 0],
    ]);
  });

  it("goes between the roll-up and the signatures, which move down with their merges", () => {
    const anchor = parseA1Range(sheet.charts![0].anchor)!;
    const added = sheet.rows.length - plain.rows.length;
    expect(added).toBe(anchor.bottom - anchor.top + 2);
    const signature = plain.rows.findIndex((r) => String(r[0]?.value ?? "").startsWith("党委书记"));
    expect(sheet.rows[signature + added]).toEqual(plain.rows[signature]);
    expect(anchor.top).toBeLessThan(signature + added + 1);
    const oldMerge = plain.merges!.find((m) => parseA1Range(m)!.top === signature + 1)!;
    expect(sheet.merges).toContain(oldMerge.replace(/\d+/g, String(signature + 1 + added)));
    for (let r = anchor.top; r <= anchor.bottom; r++) expect(sheet.rows[r - 1]).toEqual([]);
  });
});
