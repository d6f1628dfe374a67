import { modelRangeValues, parseA1Range } from "../sheetModel";
import { buildRankingSheet } from "./ranking";
import { buildPublicitySheet } from "./publicity";
import { buildStatisticsSheet, parseShareText, periodStatistics } from "./statistics";
import { entries, months, score, settings, star } from "./testBranch";

describe("periodStatistics (testBranch, see its header for the hand-worked totals)", () => {
  const year = periodStatistics({ result: score("2026"), scheme: star, monthly: months(), previous: null, entries, excellentShare: 1 / 3 });

  it("counts the graded members per grade, and the 优秀 the share allows", () => {
    expect(year.grades.basis).toBe("engine");
    expect(year.grades.bands.map((b) => [b.grade, b.count, b.memberIds])).toEqual([
      ["优秀", 2, ["002", "003"]],
      ["合格", 1, ["001"]],
      ["基本合格", 0, []],
      ["不合格", 1, ["005"]],
    ]);
    // 4 graded members, 1/3 → at most 1 优秀; there are 2.
    expect(year.grades.best).toEqual({ grade: "优秀", count: 2, allowedShare: 1 / 3, allowedCount: 1, over: true });
  });

  it("gives each month's average, lowest and highest over the ranked members", () => {
    expect(year.months).toHaveLength(12);
    // January: 001, 002, 003 at 80, 005 vetoed at 0 (004 takes no rank).
    expect(year.months[0]).toMatchObject({ label: "2026-01", average: 60, min: 0, max: 80, members: 4, minIds: ["005"], maxIds: ["001", "002", "003"] });
    // February: 003's D6 −4 → 76.
    expect(year.months[1]).toMatchObject({ average: 59, maxIds: ["001", "002"] });
  });

  it("lists deductions by occurrences, leaving out reversed rows, corrections, unscorable rows and vetoed members", () => {
    // D1: 001 ×2, 003 ×1 (005's D1 is under a veto); D6: 001 −3, 003 −4 (002's D6 has no 分值); D2: 001, 004 (002's was reversed).
    expect(year.deductions.map((d) => [d.code, d.count, d.points, d.memberIds.sort()])).toEqual([
      ["D1", 3, -3, ["001", "003"]],
      ["D6", 2, -7, ["001", "003"]],
      ["D2", 2, -4, ["001", "004"]],
    ]);
    expect(year.bonuses).toEqual([]);
    expect(year.previousLabel).toBeNull();
    expect(year.drops).toEqual([]);
  });

  it("names the members whose total fell against the previous period, most first", () => {
    const q3 = periodStatistics({ result: score("2026Q3"), scheme: star, monthly: [], previous: score("2026H1"), entries });
    expect(q3.previousLabel).toBe("2026H1");
    expect(q3.drops).toEqual([
      { id: "001", name: "张三", previous: 76, current: 73, change: -3 },
      { id: "003", name: "=1+1", previous: 76, current: 75, change: -1 },
    ]);
  });

  it("scales the grade lines to the period's maximum when the period is not graded", () => {
    const h1 = periodStatistics({ result: score("2026H1"), scheme: star, monthly: [], entries });
    expect(h1.grades.basis).toBe("scaled");
    expect(h1.grades.counted).toBe(4);
    expect(h1.grades.bands.reduce((a, b) => a + b.count, 0)).toBe(4);
    expect(h1.grades.bands[h1.grades.bands.length - 1].memberIds).toContain("005");
  });
});

describe("buildStatisticsSheet", () => {
  const stats = periodStatistics({ result: score("2026"), scheme: star, monthly: months(), previous: score("2026H1"), entries, excellentShare: 1 / 3 });
  const sheet = buildStatisticsSheet(stats, settings);
  const cellText = sheet.rows.flat().map((c) => String(c.value ?? ""));

  it("is 统计-<period>, print-ready on A4 with the branch and period in the title", () => {
    expect(sheet.name).toBe("统计-2026");
    expect(sheet.rows[0][0].value).toBe("第一党支部党员积分统计（2026年度）");
    expect(sheet.page).toMatchObject({ orientation: "portrait", fitToWidth: true });
    expect(cellText).toContain("优秀比例上限 1/3（4人中至多1人），现有2人，超出上限");
  });

  it("holds values and standard formulas only", () => {
    for (const c of sheet.rows.flat()) if (c.formula) expect(c.formula).not.toMatch(/PARTY\./i);
  });

  it("draws each chart from the cells of its table: categories and values as the statistics say", () => {
    expect(sheet.charts!.map((c) => c.kind)).toEqual(["column", "line", "bar"]);
    const [grades, monthly, deductions] = sheet.charts!;
    expect(modelRangeValues(sheet, grades.categories)).toEqual(["优秀", "合格", "基本合格", "不合格"]);
    expect(modelRangeValues(sheet, grades.series[0].values)).toEqual([2, 1, 0, 1]);
    expect(modelRangeValues(sheet, grades.series[0].nameCell!)).toEqual(["人数"]);
    expect(modelRangeValues(sheet, monthly.categories)).toEqual(stats.months.map((m) => `${Number(m.label.slice(5))}月`));
    expect(monthly.series.map((s) => modelRangeValues(sheet, s.values))).toEqual([stats.months.map((m) => m.average), stats.months.map((m) => m.min), stats.months.map((m) => m.max)]);
    const itemName = (code: string) => `${code} ${star.items.find((i) => i.code === code)!.name}`;
    expect(modelRangeValues(sheet, deductions.categories)).toEqual(["D1", "D6", "D2"].map(itemName));
    expect(modelRangeValues(sheet, deductions.series[0].values)).toEqual([3, 2, 2]);
  });

  it("places each chart on blank rows below its table, within the six columns, never over a cell", () => {
    for (const c of sheet.charts!) {
      const m = /^A(\d+):F(\d+)$/.exec(c.anchor)!;
      expect(m).not.toBeNull();
      for (let r = Number(m[1]); r <= Number(m[2]); r++) expect(sheet.rows[r - 1]).toEqual([]);
    }
  });

  it("says when a list is empty instead of drawing an empty chart", () => {
    expect(cellText).toContain("（本期无加分记录）");
    // Nobody's year total (with the 评议) is below the H1 total given as the previous period.
    expect(cellText).toContain("（没有积分下降的党员）");
  });

  it("has a 占比 formula and a 合计 SUM with their results cached", () => {
    const shareCell = sheet.rows.flat().find((c) => c.formula?.includes("ROUND("))!;
    expect(shareCell.formula).toMatch(/^=IF\(SUM\(\$B\$\d+:\$B\$\d+\)=0,0,ROUND\(B\d+\/SUM\(\$B\$\d+:\$B\$\d+\)\*100,1\)\)$/);
    // 优秀 2 of the 4 graded.
    expect(shareCell.result).toBe(50);
    const sum = sheet.rows.flat().find((c) => c.formula?.startsWith("=SUM("))!;
    expect(sum.result).toBe(4);
  });
});

describe("data bars on the ranking and publicity sheets", () => {
  it("cover the 总分 column of the member rows", () => {
    const ranking = buildRankingSheet(score("2026H1"), star, settings);
    expect(ranking.dataBars).toEqual(["F4:F7"]);
    expect(modelRangeValues(ranking, "F4:F7")).toEqual([80, 76, 76, 0]);
    const publicity = buildPublicitySheet(score("2026H1"), star, settings);
    const bar = parseA1Range(publicity.dataBars![0])!;
    expect(bar.left).toBe(bar.right);
    expect(publicity.rows[bar.top - 2][bar.left].value).toBe("总分");
    // Every member, rank order: 002 80, 001 76, 003 76, 005 0, then 004 (no rank) 78.
    expect(modelRangeValues(publicity, publicity.dataBars![0])).toEqual([80, 76, 76, 0, 78]);
  });
});

describe("parseShareText", () => {
  it.each([
    ["1/3", 1 / 3],
    ["１/４", 0.25],
    ["1／4", 0.25],
    ["30%", 0.3],
    ["30％", 0.3],
    ["0.5", 0.5],
    ["1", 1],
    ["0", null],
    ["120%", null],
    ["1/0", null],
    ["三分之一", null],
  ])("%s → %s", (text, share) => {
    expect(parseShareText(text)).toBe(share);
  });
});
