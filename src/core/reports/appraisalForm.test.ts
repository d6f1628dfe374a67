import { scoreMembers } from "../engine/scoreMembers";
import { getBuiltinScheme } from "../scheme/presets";
import { buildAppraisalFormSheet } from "./appraisalForm";
import { appraisals, roster, score, settings, star, valuesOf } from "./testBranch";

describe("buildAppraisalFormSheet", () => {
  const sheet = buildAppraisalFormSheet(score("2026"), star, settings, appraisals);

  it("is 民主评议-<year> with 支部名称（盖章）and 填表日期", () => {
    expect(sheet.name).toBe("民主评议-2026");
    expect(sheet.rows[0][0].value).toBe("党员民主评议表（2026年度）");
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["支部名称（盖章）：第一党支部", "填表日期：2026年7月1日"]);
  });

  it("lists 评议等次 and the points it gives, roster order, blank where nothing was recorded", () => {
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "评议等次", "评议积分", "备注"]);
    expect(sheet.rows.slice(3, 8).map(valuesOf)).toEqual([
      [1, "001", "张三", "正式党员", "合格", 15, ""],
      [2, "002", "李四", "正式党员", "优秀", 20, ""],
      [3, "003", "=1+1", "预备党员", "合格", 15, ""],
      [4, "004", "赵六", "入党积极分子", null, 0, "积分作为教育考察依据"],
      // A veto zeroes the appraisal's points too.
      [5, "005", "孙七", "正式党员", "优秀", 0, "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
    ]);
    expect(sheet.rows[9].filter((c) => c.value).map((c) => c.value)).toEqual(["支部书记（签字）：", "填表人：刘委员"]);
    expect(sheet.page?.printTitleRows).toEqual([3, 3]);
  });

  it("shows 评议得分 for schemes that take the vote's score, and no points column without an appraisal component", () => {
    const detailed = getBuiltinScheme("detailed-100");
    const given = [{ cycleYear: 2026, memberId: "001", score: 18.5 }];
    const r = scoreMembers({ scheme: detailed, members: roster, entries: [], appraisals: given, period: "2026" });
    const s = buildAppraisalFormSheet(r, detailed, settings, given);
    expect(valuesOf(s.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "评议得分", "评议积分", "备注"]);
    expect(valuesOf(s.rows[3])).toEqual([1, "001", "张三", "正式党员", 18.5, 18.5, ""]);

    const handbook = getBuiltinScheme("handbook");
    const h = buildAppraisalFormSheet(scoreMembers({ scheme: handbook, members: roster, entries: [], period: "2026" }), handbook, settings, appraisals);
    expect(valuesOf(h.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "评议等次", "备注"]);
    expect(valuesOf(h.rows[3])).toEqual([1, "001", "张三", "正式党员", "合格", ""]);
  });
});
