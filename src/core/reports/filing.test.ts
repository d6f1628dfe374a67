import { buildHalfYearFilingSheet, buildYearFilingSheet } from "./filing";
import { score, settings, star, valuesOf } from "./testBranch";

describe("buildHalfYearFilingSheet", () => {
  const sheet = buildHalfYearFilingSheet(score("2026H1"), star, settings);

  it("is 半年备案-<half> with 支部名称（盖章）and 填表日期 over the publicity table", () => {
    expect(sheet.name).toBe("半年备案-2026H1");
    expect(sheet.rows[0][0].value).toBe("党员半年积分备案表（2026年度上半年）");
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["支部名称（盖章）：第一党支部", "填表日期：2026年7月1日"]);
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "日常行为积分", "总分", "排名", "备注"]);
    expect(valuesOf(sheet.rows[3])).toEqual([1, "002", "李四", "正式党员", 80, 80, 1, ""]);
    expect(valuesOf(sheet.rows[7])).toEqual([5, "004", "赵六", "入党积极分子", 78, 78, null, "积分作为教育考察依据"]);
  });

  it("totals rows 4–8 and ends with the signatures", () => {
    expect(valuesOf(sheet.rows[8]).slice(4, 6)).toEqual(["=SUM(E4:E8)", "=SUM(F4:F8)"]);
    expect(valuesOf(sheet.rows[9]).slice(4, 6)).toEqual(["=ROUND(AVERAGE(E4:E8),1)", "=ROUND(AVERAGE(F4:F8),1)"]);
    expect(sheet.rows[11].filter((c) => c.value).map((c) => c.value)).toEqual(["支部书记（签字）：", "填表人：刘委员"]);
    expect(sheet.page?.printTitleRows).toEqual([3, 3]);
  });

  it("refuses another period", () => {
    expect(() => buildHalfYearFilingSheet(score("2026Q1"), star, settings)).toThrow("须按半年生成");
  });
});

describe("buildYearFilingSheet", () => {
  const sheet = buildYearFilingSheet(score("2026"), star, settings);

  it("is 全年备案-<year> with the appraisal and an 等次 column", () => {
    expect(sheet.name).toBe("全年备案-2026");
    expect(sheet.rows[0][0].value).toBe("党员全年积分备案表（2026年度）");
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "日常行为积分", "年度评议积分", "总分", "排名", "等次", "备注"]);
    expect(sheet.rows.slice(3, 8).map(valuesOf)).toEqual([
      [1, "002", "李四", "正式党员", 80, 20, 100, 1, "优秀", ""],
      [2, "003", "=1+1", "预备党员", 75, 15, 90, 2, "优秀", ""],
      [3, "001", "张三", "正式党员", 73, 15, 88, 3, "合格", ""],
      [4, "005", "孙七", "正式党员", 0, 0, 0, 4, "不合格", "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
      [5, "004", "赵六", "入党积极分子", 78, 0, 78, null, "", "积分作为教育考察依据"],
    ]);
    expect(valuesOf(sheet.rows[8]).slice(4, 7)).toEqual(["=SUM(E4:E8)", "=SUM(F4:F8)", "=SUM(G4:G8)"]);
  });

  it("refuses another period", () => {
    expect(() => buildYearFilingSheet(score("2026H2"), star, settings)).toThrow("须按年度生成");
  });
});
