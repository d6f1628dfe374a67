import { scoreMembers } from "../engine/scoreMembers";
import { getBuiltinScheme } from "../scheme/presets";
import { appraisalResultsOf, bandRanges, buildApprovalSheet } from "./approval";
import { appraisals, score, settings, star, valuesOf } from "./testBranch";

describe("buildApprovalSheet", () => {
  const results = appraisalResultsOf(appraisals, 2026);
  const sheet = buildApprovalSheet(score("2026"), star, { ...settings, today: "2026-12-20" }, results);

  it("is 年终审批-<year> with the title, 支部名称（盖章）and 填表日期", () => {
    expect(sheet.name).toBe("年终审批-2026");
    expect(sheet.rows[0][0]).toEqual({ value: "党员年终等次评定审批表（2026年度）", text: true, style: "title" });
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["支部名称（盖章）：第一党支部", "填表日期：2026年12月20日"]);
    // The two parts share the 9 columns: A–D and E–I.
    expect(sheet.merges).toEqual(expect.arrayContaining(["A1:I1", "A2:D2", "E2:I2"]));
  });

  it("lists members in rank order with total, suggested grade, appraisal, an empty 审定 column and notes", () => {
    expect(valuesOf(sheet.rows[2])).toEqual(["序号", "编号", "姓名", "党员类别", "年度积分", "积分等次（建议）", "民主评议结果", "支部审定等次", "备注"]);
    expect(sheet.rows.slice(3, 8).map(valuesOf)).toEqual([
      // 80 + 优秀 20 = 100 → 优秀 (90 分以上具有评为优秀党员资格).
      [1, "002", "李四", "正式党员", 100, "优秀", "优秀", null, "具备评优资格"],
      // 80 − 4 − 1 = 75 + 合格 15 = 90 → 优秀.
      [2, "003", "=1+1", "预备党员", 90, "优秀", "合格", null, "具备评优资格"],
      // 80 − 2 − 2 − 3 = 73 + 15 = 88 → 合格.
      [3, "001", "张三", "正式党员", 88, "合格", "合格", null, ""],
      [4, "005", "孙七", "正式党员", 0, "不合格", "优秀", null, "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
      [5, "004", "赵六", "入党积极分子", 78, "", "", null, "积分作为教育考察依据"],
    ]);
    expect(sheet.rows[4][2]).toMatchObject({ value: "=1+1", text: true });
  });

  it("counts each grade band with COUNTIF over the 积分等次 cells F4:F8 into column E, and sums the counts", () => {
    expect(sheet.rows[8]).toEqual([]);
    expect(valuesOf(sheet.rows[9])).toEqual([null, "积分等次", "分数线", null, "人数"]);
    expect(sheet.rows.slice(10, 15).map(valuesOf)).toEqual([
      [null, "优秀", "90分及以上", null, '=COUNTIF(F4:F8,"优秀")'],
      [null, "合格", "70分及以上、90分以下", null, '=COUNTIF(F4:F8,"合格")'],
      [null, "基本合格", "60分及以上、70分以下", null, '=COUNTIF(F4:F8,"基本合格")'],
      [null, "不合格", "60分以下", null, '=COUNTIF(F4:F8,"不合格")'],
      [null, "合计", null, null, "=SUM(E11:E14)"],
    ]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["C10:D10", "C11:D11", "C15:D15"]));
  });

  it("ends with the secretary's signature, the committee's date, 党委意见 and the seal", () => {
    const texts = sheet.rows.slice(15).flatMap((r) => r.filter((c) => c.value).map((c) => c.value));
    expect(texts).toEqual(["支部书记（签字）：", "支委会审定日期：    年    月    日", "党委意见：", "（盖章）", "    年    月    日"]);
  });

  it("prints portrait with the header row 3 repeated", () => {
    expect(sheet.page).toEqual({ orientation: "portrait", printTitleRows: [3, 3], fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
  });

  it("notes the probation outcome of 预备党员 (S8, December to November)", () => {
    const decNov = getBuiltinScheme("dec-nov-cycle");
    const members = [
      { id: "01", name: "甲", category: "正式党员" },
      { id: "02", name: "乙", category: "预备党员" },
    ];
    // 乙: ④留党察看以下处分 −20 in December 2025, inside cycle 2026: 60 + 0 → 具有评优资格 (≥60), 延期转正 (60–80).
    const r = scoreMembers({ scheme: decNov, members, entries: [{ date: "2025-12-05", memberId: "02", itemCode: "D4" }], period: "2026" });
    const s = buildApprovalSheet(r, decNov, settings, new Map([["01", "优秀"]]));
    expect(s.rows[0][0].value).toBe("党员年终等次评定审批表（2026年度（2025年12月至2026年11月））");
    // The regulation's words (「60分以上的党员，具有评优资格」), not 优秀; the 民主评议 column keeps the appraisal's 优秀.
    expect(valuesOf(s.rows[3])).toEqual([1, "01", "甲", "正式党员", 80, "具有评优资格", "优秀", null, ""]);
    expect(valuesOf(s.rows[4])).toEqual([2, "02", "乙", "预备党员", 60, "具有评优资格", "", null, "转正建议：延期转正（继续培养）"]);
    // Three bands, rows 4–5.
    expect(s.rows.slice(7, 11).map((r) => valuesOf(r).slice(1))).toEqual([
      ["具有评优资格", "60分及以上", null, '=COUNTIF(F4:F5,"具有评优资格")'],
      ["合格", "40分及以上、60分以下", null, '=COUNTIF(F4:F5,"合格")'],
      ["谈话教育", "40分以下", null, '=COUNTIF(F4:F5,"谈话教育")'],
      ["合计", null, null, "=SUM(E8:E10)"],
    ]);
  });

  it("refuses a result that is not for the whole cycle", () => {
    expect(() => buildApprovalSheet(score("2026H1"), star, settings, results)).toThrow("须按年度生成");
  });
});

describe("appraisalResultsOf", () => {
  it("takes the grade, else the score, of the cycle's first record per member", () => {
    const map = appraisalResultsOf(
      [
        { cycleYear: 2025, memberId: "1", grade: "优秀" },
        { cycleYear: 2026, memberId: "1", grade: " 合格 " },
        { cycleYear: 2026, memberId: "1", grade: "优秀" },
        { cycleYear: 2026, memberId: "2", score: 18.5 },
        { cycleYear: 2026, memberId: "3" },
      ],
      2026,
    );
    expect([...map]).toEqual([
      ["1", "合格"],
      ["2", "18.5"],
    ]);
  });
});

describe("bandRanges", () => {
  it("describes one band as 全部", () => {
    expect(bandRanges({ ...star, grades: [{ name: "合格", min: 0 }] })).toEqual(["全部"]);
  });
});
