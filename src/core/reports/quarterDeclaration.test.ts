import { buildQuarterDeclarationSheet } from "./quarterDeclaration";
import { score, settings, star, valuesOf } from "./testBranch";

describe("buildQuarterDeclarationSheet", () => {
  const sheet = buildQuarterDeclarationSheet(score("2026Q3"), star, { ...settings, today: "2026-10-08" });

  it("is 季度申报-<quarter>, titled 第X季度党员积分申报表 with 所在支部 and 填表时间", () => {
    expect(sheet.name).toBe("季度申报-2026Q3");
    expect(sheet.rows[0][0]).toEqual({ value: "2026年度第三季度党员积分申报表", text: true, style: "title" });
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["所在支部：第一党支部", "填表时间：2026年10月8日"]);
  });

  it("has one row per member in roster order with the quarter's components and an empty 本人签字", () => {
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "日常行为积分", "季度得分", "本人签字"]);
    // Standing at 09-30: 张三 80 − 2 − 2 − 3 = 73, 李四 80 (the reversed D2 and the D6 without 分值 do not count),
    // =1+1 80 − 4 − 1 = 75, 赵六 78, 孙七 vetoed 0.
    expect(sheet.rows.slice(3, 8).map(valuesOf)).toEqual([
      [1, "001", "张三", "正式党员", 73, 73, null],
      [2, "002", "李四", "正式党员", 80, 80, null],
      [3, "003", "=1+1", "预备党员", 75, 75, null],
      [4, "004", "赵六", "入党积极分子", 78, 78, null],
      [5, "005", "孙七", "正式党员", 0, 0, null],
    ]);
    expect(sheet.rows[5][2]).toMatchObject({ value: "=1+1", text: true });
    expect(sheet.rows[3][6]).toEqual({ value: null, style: "cell" });
  });

  it("ends with the secretary's signature and 填表人, prints header row 3 on every page", () => {
    expect(sheet.rows[9].filter((c) => c.value).map((c) => c.value)).toEqual(["支部书记（签字）：", "填表人：刘委员"]);
    expect(sheet.page).toEqual({ orientation: "portrait", printTitleRows: [3, 3], fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
  });

  it("refuses a period that is not a quarter", () => {
    expect(() => buildQuarterDeclarationSheet(score("2026H1"), star, settings)).toThrow("须按季度生成");
  });
});
