import type { LedgerEntry } from "../engine/types";
import { buildQuarterDetailSheet } from "./quarterDetail";
import { entries, score, settings, star, valuesOf } from "./testBranch";

describe("buildQuarterDetailSheet", () => {
  const sheet = buildQuarterDetailSheet(score("2026Q3"), star, settings, entries);

  it("is 季度明细-<quarter> with the title, branch and the quarter's dates", () => {
    expect(sheet.name).toBe("季度明细-2026Q3");
    expect(sheet.rows[0][0].value).toBe("党员季度积分明细登记表（2026年度第三季度）");
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["党支部：第一党支部", "期间：2026年7月1日至2026年9月30日"]);
    expect(valuesOf(sheet.rows[2])).toEqual(["日期", "项目", "分值", "说明"]);
    expect(sheet.page?.printTitleRows).toEqual([3, 3]);
  });

  it("lists each member's entries of the quarter, their SUM over the block and the quarter score", () => {
    expect(sheet.rows.slice(3, 23).map(valuesOf)).toEqual([
      ["姓名：张三\u3000编号：001\u3000党员类别：正式党员"],
      // Only the September entry falls in Q3; the score is the standing at 09-30.
      ["2026-09-01", "D6 其他不良行为", -3, "酒后失态"],
      ["加扣分合计", null, "=SUM(C5:C5)", null],
      ["本季度积分", null, 73, ""],
      ["姓名：李四\u3000编号：002\u3000党员类别：正式党员"],
      // The D2 of 07-20 and its reversal of 07-25 cancel out and are left out; the D6 without 分值 does not count.
      ["2026-08-10", "D6 其他不良行为", null, "未计分：D6 为酌情计分项目，须填写分值（-4至-1分/次（酌情））"],
      ["加扣分合计", null, "=SUM(C9:C9)", null],
      ["本季度积分", null, 80, ""],
      ["姓名：=1+1\u3000编号：003\u3000党员类别：预备党员"],
      ["2026-08-05", "D1 未经同意缺席应参加的活动", -1, ""],
      ["加扣分合计", null, "=SUM(C13:C13)", null],
      ["本季度积分", null, 75, ""],
      ["姓名：赵六\u3000编号：004\u3000党员类别：入党积极分子"],
      ["本季度无加扣分记录"],
      ["加扣分合计", null, 0, null],
      ["本季度积分", null, 78, "积分作为教育考察依据"],
      ["姓名：孙七\u3000编号：005\u3000党员类别：正式党员"],
      ["本季度无加扣分记录"],
      ["加扣分合计", null, 0, null],
      ["本季度积分", null, 0, "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
    ]);
    expect(sheet.rows[4][0]).toEqual({ value: "2026-09-01", date: true, style: "date" });
    expect(sheet.rows[24].filter((c) => c.value).map((c) => c.value)).toEqual(["支部书记（签字）：", "登记人：刘委员"]);
  });

  it("sorts by date, counts 次数, marks vetoes and unknown or inapplicable items", () => {
    const extra: LedgerEntry[] = [
      { date: "2026-02-20", memberId: "001", itemCode: "d1", count: 3, note: "三次缺席" },
      { date: "2026-01-05", memberId: "001", itemCode: "V2" },
      { date: "2026-03-01", memberId: "001", itemCode: "Z9" },
      { date: "2026-02-30", memberId: "001", itemCode: "D1" },
      { date: "2026-04-01", memberId: "001", itemCode: "D1" },
    ];
    const r = buildQuarterDetailSheet(score("2026Q1"), star, settings, extra);
    expect(r.name).toBe("季度明细-2026Q1");
    expect(r.rows.slice(4, 8).map(valuesOf)).toEqual([
      ["2026-01-05", "V2 连续6个月以上无正当理由不交纳党费", "一票否决", ""],
      ["2026-02-20", "D1 未经同意缺席应参加的活动（3次）", -3, "三次缺席"],
      ["2026-03-01", "Z9（方案中无此项目）", null, "未计分：项目代码不存在"],
      ["加扣分合计", null, "=SUM(C5:C7)", null],
    ]);
    const scoped = { ...star, items: star.items.map((i) => (i.code === "D2" ? { ...i, categories: ["正式党员"] } : i)) };
    const s = buildQuarterDetailSheet(score("2026Q2"), scoped, settings, [{ date: "2026-04-01", memberId: "004", itemCode: "D2" }]);
    const row = s.rows.find((x) => x[1]?.value === "D2 违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等）");
    expect(valuesOf(row)).toEqual(["2026-04-01", "D2 违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等）", null, "未计分：不适用于入党积极分子"]);
  });

  it("refuses a period that is not a quarter", () => {
    expect(() => buildQuarterDetailSheet(score("2026"), star, settings, entries)).toThrow("须按季度生成");
  });
});
