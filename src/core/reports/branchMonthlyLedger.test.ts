import { scoreMembers } from "../engine/scoreMembers";
import { getBuiltinScheme } from "../scheme/presets";
import { buildBranchMonthlyLedgerSheet } from "./branchMonthlyLedger";
import { roster, score, settings, star, valuesOf } from "./testBranch";

describe("buildBranchMonthlyLedgerSheet", () => {
  const sheet = buildBranchMonthlyLedgerSheet(score("2026-03"), star, settings);

  it("is 月度台账-<month> titled 党员积分量化管理台账（年）with 党支部 and 支部书记签字", () => {
    expect(sheet.name).toBe("月度台账-2026-03");
    expect(sheet.rows[0][0].value).toBe("党员积分量化管理台账（2026年）");
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["党支部：第一党支部", "月份：2026年3月", "支部书记签字："]);
  });

  it("lists members in roster order with the points components (no appraisal), =SUM subtotals and signature columns", () => {
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "党员姓名", "日常行为积分", "本月小计", "党员本人签字", "支部书记签字"]);
    // Standing at 03-31: 张三 80 − 2, 李四 80, =1+1 80 − 4, 赵六 80, 孙七 vetoed.
    expect(sheet.rows.slice(3, 8).map(valuesOf)).toEqual([
      [1, "张三", 78, "=SUM(C4:C4)", null, null],
      [2, "李四", 80, "=SUM(C5:C5)", null, null],
      [3, "=1+1", 76, "=SUM(C6:C6)", null, null],
      [4, "赵六", 80, "=SUM(C7:C7)", null, null],
      [5, "孙七", 0, "=SUM(C8:C8)", null, null],
    ]);
    expect(sheet.rows[5][1]).toMatchObject({ value: "=1+1", text: true });
    expect(sheet.rows[8][0].value).toBe("注：按季度、半年或年度核定的积分，显示截至本月末的余额。");
    expect(sheet.page?.printTitleRows).toEqual([3, 3]);
  });

  it("spans several components and goes landscape beyond three (oilfield)", () => {
    const oilfield = getBuiltinScheme("oilfield-60-40");
    const r = scoreMembers({ scheme: oilfield, members: roster, entries: [{ date: "2026-01-09", memberId: "001", itemCode: "G1" }], period: "2026-01" });
    const s = buildBranchMonthlyLedgerSheet(r, oilfield, settings);
    expect(valuesOf(s.rows[2])).toEqual(["序号", "党员姓名", "基础分", "履职分", "加分项", "扣分项", "本月小计", "党员本人签字", "支部书记签字"]);
    expect(valuesOf(s.rows[3])).toEqual([1, "张三", 55, 0, 0, 0, "=SUM(C4:F4)", null, null]);
    expect(s.page?.orientation).toBe("landscape");
  });

  it("refuses a period that is not a month", () => {
    expect(() => buildBranchMonthlyLedgerSheet(score("2026Q1"), star, settings)).toThrow("须按月份生成");
  });
});
