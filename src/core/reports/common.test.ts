import { scoreMembers } from "../engine/scoreMembers";
import {
  SheetBuilder,
  addDays,
  averageCell,
  byRank,
  checkIsoDate,
  chineseDate,
  countIfCell,
  exactCriteria,
  isIsoDate,
  memberSheetName,
  sheetName,
  shownComponents,
  sumCell,
  widthFor,
} from "./common";
import { roster, score, star } from "./testBranch";

describe("report helpers", () => {
  it("formats and adds dates without the clock", () => {
    expect(chineseDate("2026-07-01")).toBe("2026年7月1日");
    expect(addDays("2028-02-27", 2)).toBe("2028-02-29");
    expect(addDays("2026-12-30", 5)).toBe("2027-01-04");
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
    expect(() => checkIsoDate("2026/07/01")).toThrow("制表日期「2026/07/01」不是有效日期");
  });

  it("makes Excel-safe sheet names", () => {
    expect(sheetName("公示", "2026Q3")).toBe("公示-2026Q3");
    expect(sheetName("个人台账", "a/b:c?[d]*", 2026)).toBe("个人台账-a_b_c__d__-2026");
    expect(sheetName("个人台账", "x".repeat(40)).length).toBe(31);
  });

  it("escapes COUNTIF criteria so they match the text exactly", () => {
    expect(exactCriteria("优秀")).toBe('"优秀"');
    expect(exactCriteria('A*"B"?~')).toBe('"A~*""B""~?~~"');
    expect(exactCriteria(">=90")).toBe('"=>=90"');
  });

  it("writes formulas over a range, or a plain value when the range is empty", () => {
    expect(sumCell(4, 5, 9)).toEqual({ formula: "=SUM(E5:E9)", style: "total" });
    expect(averageCell(27, 5, 9)).toEqual({ formula: "=ROUND(AVERAGE(AB5:AB9),1)", style: "total" });
    expect(countIfCell(5, 4, 8, "合格")).toEqual({ formula: '=COUNTIF(F4:F8,"合格")', style: "number" });
    expect(sumCell(4, 5, 4)).toEqual({ value: 0, style: "total" });
    expect(averageCell(4, 5, 4)).toEqual({ value: null, style: "total" });
    expect(countIfCell(5, 4, 3, "合格")).toEqual({ value: 0, style: "total" });
  });

  it("spreads signature parts across the width, each merged over its share", () => {
    const b = new SheetBuilder("x", 8);
    b.line("标题", "title");
    const row = b.spread(["制表人：甲", "制表日期：乙", "党支部（盖章）"]);
    expect(row).toBe(2);
    expect(b.rows[1].map((c) => c.value ?? null)).toEqual(["制表人：甲", null, "制表日期：乙", null, null, "党支部（盖章）"]);
    expect(b.merges).toEqual(["A1:H1", "A2:B2", "C2:E2", "F2:H2"]);
    const narrow = new SheetBuilder("y", 1);
    narrow.line("标题");
    narrow.spread(["甲"]);
    expect(narrow.merges).toEqual([]);
  });

  it("orders by rank, ties and the unranked in roster order", () => {
    expect(byRank(score("2026H1").members).map((m) => [m.id, m.rank])).toEqual([
      ["002", 1],
      ["001", 2],
      ["003", 2],
      ["005", 4],
      ["004", null],
    ]);
  });

  it("leaves the appraisal out of periods shorter than the cycle", () => {
    expect(shownComponents(score("2026Q1"), star)).toEqual(["日常行为积分"]);
    expect(shownComponents(score("2026"), star)).toEqual(["日常行为积分", "年度评议积分"]);
    expect(shownComponents(scoreMembers({ scheme: star, members: roster, entries: [], period: "2026-05" }), star)).toEqual(["日常行为积分"]);
  });

  it("sizes columns by their header", () => {
    expect(widthFor("总分")).toBe(8);
    expect(widthFor("日常行为积分")).toBe(8);
    expect(widthFor("参与党建活动积分情况说明")).toBe(14);
  });
});

describe("memberSheetName", () => {
  it("keeps plain ids plain and tells apart ids Excel would take for one name", () => {
    expect(memberSheetName("个人台账", "001", 2026)).toBe("个人台账-001-2026");
    const ids = ["A/1", "A_1", "a1", "A1", "A1~x", `${"长".repeat(30)}1`, `${"长".repeat(30)}2`, "A:1", "A?1"];
    const names = ids.map((id) => memberSheetName("个人台账", id, 2026));
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(ids.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[:\\/?*[\]]/);
      expect(n.endsWith("-2026")).toBe(true);
    }
    expect(memberSheetName("个人台账", "a1", 2026)).toBe(memberSheetName("个人台账", "a1", 2026));
  });
});
