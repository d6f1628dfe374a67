import { SHEETS } from "../ledger/layout";
import { getBuiltinScheme } from "../scheme/presets";
import { type TableData, isoToSerial } from "../sheetModel";
import { GRADING_STORE, PROMOTION_CHOICES, deadlineOf, gradingRows, planGradingRecord, readGrading, validateGrading } from "./classifiedGrading";

// S9 党组织和党员分类定级积分晋位管理台账 (仓街海源片区党支部); 民主测评 by 优秀/合格/基本合格/不合格.
const scheme = getBuiltinScheme("classified-grading");
const star = getBuiltinScheme("star-member");
const members = [
  { id: "001", name: "杨正龙" },
  { id: "002", name: "肖燕" },
  { id: "003", name: "沙朝文" },
];
const ids = new Set(members.map((m) => m.id));
const NOW = new Date(2015, 11, 1, 9, 0, 0);
const headers = GRADING_STORE.columns.map((c) => c.header);

function table(rows: TableData["rows"]): TableData {
  return { name: GRADING_STORE.table, sheet: GRADING_STORE.sheet, headers, rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 };
}
const DEADLINE = "2015-12-31";
const xiaoYan: TableData["rows"][number] = [2015, "002", "肖燕", "理论学习不够,政策理论水平不强。", "加强对党的理论知识学习", DEADLINE, "王书记", "", "优秀", ""];

describe("分类定级 store (S9)", () => {
  it("defines the sheet, its columns and the 是否晋位 choices", () => {
    expect(headers).toEqual(["年度", "编号", "姓名", "存在问题", "整改措施", "整改时限", "联系领导", "整改结果", "测评结果", "是否晋位"]);
    expect(GRADING_STORE.columns.map((c) => c.type)).toEqual(["integer", "text", "text", "text", "text", "text", "text", "text", "text", "text"]);
    expect(PROMOTION_CHOICES).toEqual(["是", "否"]);
  });

  it("creates the sheet with the 编号 and 是否晋位 dropdowns on the first record, and logs it", () => {
    const ops = planGradingRecord(
      undefined,
      members,
      { year: 2015, memberId: "002", problems: "理论学习不够,政策理论水平不强。", measures: "加强对党的理论知识学习", deadline: "2015-12-31", appraisal: "优秀" },
      NOW,
    );
    expect(ops.map((o) => o.op)).toEqual(["createTable", "setValidation", "setValidation", "appendRows"]);
    expect(ops[0]).toMatchObject({
      spec: { sheet: "分类定级", table: "GradingTable", rows: [[2015, "002", "肖燕", "理论学习不够,政策理论水平不强。", "加强对党的理论知识学习", DEADLINE, null, null, "优秀", null]] },
    });
    expect(ops[1]).toEqual({ op: "setValidation", table: "GradingTable", column: 1, source: { range: { sheet: SHEETS.roster.sheet, column: 0 } } });
    expect(ops[2]).toEqual({ op: "setValidation", table: "GradingTable", column: 9, source: { list: ["是", "否"] } });
    expect(ops[3]).toMatchObject({ op: "appendRows", table: SHEETS.log.table, rows: [["2015-12-01 09:00:00", "登记分类定级", "分类定级", "", "肖燕（002）2015年"]] });
  });

  it("appends another member's record to an existing sheet", () => {
    const ops = planGradingRecord(table([xiaoYan]), members, { year: 2015, memberId: "003", problems: "缺乏开拓创新精神", measures: "加强与广大师生的联系", promoted: "否" }, NOW);
    expect(ops.map((o) => o.op)).toEqual(["appendRows", "appendRows"]);
    expect(ops[0]).toMatchObject({ table: "GradingTable", rows: [[2015, "003", "沙朝文", "缺乏开拓创新精神", "加强与广大师生的联系", null, null, null, null, "否"]] });
  });

  it("updates only the given fields of the same member's row of the same year", () => {
    const sheet = table([[2014, "002", "肖燕", "", "", null, "", "", "", ""], xiaoYan]);
    const ops = planGradingRecord(sheet, members, { year: 2015, memberId: "002", outcome: "已整改，理论水平明显提高", promoted: "是", deadline: "" }, NOW);
    expect(ops[0]).toEqual({ op: "setCells", table: "GradingTable", row: 1, cells: { 5: null, 7: "已整改，理论水平明显提高", 9: "是" }, formats: GRADING_STORE.columns.map((c) => c.type) });
    expect(ops[1]).toMatchObject({ rows: [["2015-12-01 09:00:00", "更新分类定级", "分类定级", "第3行", "肖燕（002）2015年"]] });
    // Another year of the same member is a new row.
    expect(planGradingRecord(sheet, members, { year: 2016, memberId: "002" }, NOW)[0]).toMatchObject({ op: "appendRows", rows: [[2016, "002", "肖燕", null, null, null, null, null, null, null]] });
  });

  it("refuses an unknown member, a deadline that is not a date, a bad 是否晋位 and an empty update", () => {
    expect(() => planGradingRecord(undefined, members, { year: 2015, memberId: "009" }, NOW)).toThrow("编号「009」不在党员名册中");
    expect(() => planGradingRecord(undefined, members, { year: 2015, memberId: "001", deadline: "年底前" }, NOW)).toThrow("整改时限「年底前」应为日期（2026-12-31）或月份（2026-12）");
    expect(() => planGradingRecord(undefined, members, { year: 2015, memberId: "001", promoted: "晋位" as "是" }, NOW)).toThrow("是否晋位「晋位」须为：是、否");
    expect(() => planGradingRecord(undefined, members, { year: 15, memberId: "001" }, NOW)).toThrow("年度「15」不是四位年份");
    expect(() => planGradingRecord(table([xiaoYan]), members, { year: 2015, memberId: "002" }, NOW)).toThrow("肖燕（002）2015年已有分类定级记录，请填写要更新的内容");
    let error: unknown;
    try {
      planGradingRecord(undefined, members, { year: 2015, memberId: "009" }, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: "Refused", code: "grading-refused" });
  });

  it("accepts the seed's rows and skips blank ones", () => {
    const sheet = table([
      xiaoYan,
      [null, "", "", "", "", null, "", "", "", ""],
      [2015, "003", "沙朝文", "缺乏开拓创新精神", "多与学生家长联系沟通", "2015-12-31", "", "已整改", "合格", "是"],
    ]);
    expect(validateGrading(sheet, ids, scheme)).toEqual([]);
    expect(validateGrading(undefined, ids, scheme)).toEqual([]);
  });

  it("reports each problem at its row and column", () => {
    const sheet = table([
      ["二〇一五", "009", "", "", "", "2015.13", "", "", "良好", "晋位"],
      xiaoYan,
      [2015, "002", "肖燕", "", "", null, "", "", "", "是"],
    ]);
    const issues = validateGrading(sheet, ids, scheme);
    expect(issues.map((i) => [i.row, i.column, i.header, i.severity, i.code])).toEqual([
      [2, "B", "编号", "error", "unknown-member"],
      [2, "A", "年度", "error", "bad-year"],
      [2, "F", "整改时限", "error", "grading-bad-deadline"],
      [2, "J", "是否晋位", "error", "bad-promotion"],
      [2, "I", "测评结果", "error", "grading-unknown-appraisal"],
      [4, "B", "编号", "error", "duplicate-grading"],
      [4, "H", "整改结果", "warning", "promotion-without-outcome"],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      "第2行 编号「009」不在党员名册中",
      "第2行 年度「二〇一五」不是四位年份",
      "第2行 整改时限「2015.13」应为日期（2026-12-31）或月份（2026-12）",
      "第2行 是否晋位「晋位」须为：是、否",
      "第2行 测评结果「良好」不是评议等次（优秀、合格、基本合格、不合格）",
      "第4行 编号 002 在2015年度已有分类定级记录（第3行）",
      "第4行 是否晋位为「是」，但整改结果为空",
    ]);
    expect(issues[0].values["编号"]).toBe("009");
  });

  it("checks 测评结果 only where the appraisal is graded", () => {
    // 星级党员: 评议 优秀 20 / 合格 15 — also grades, so 良好 is refused; a score-mode scheme takes any text.
    const sheet = table([[2015, "001", "杨正龙", "", "", null, "", "", "良好", ""]]);
    expect(validateGrading(sheet, ids, star).map((i) => i.code)).toEqual(["grading-unknown-appraisal"]);
    const scored = { ...scheme, components: scheme.components.map((c) => (c.kind === "appraisal" ? { ...c, appraisal: { mode: "score" as const, min: 0, max: 20 } } : c)) };
    expect(validateGrading(sheet, ids, scored)).toEqual([]);
  });

  it("takes 整改时限 as a date or a month, as the seed writes it (2015.12), also when Excel made it a number", () => {
    expect(["2015-12-31", "2015.12", "2015年12月", "2015-1", 2015.12, 2015.1, isoToSerial("2015-12-31"), "2015.13", 2015.123, "年底"].map((c) => deadlineOf(c))).toEqual([
      "2015-12-31",
      "2015-12",
      "2015-12",
      "2015-01",
      "2015-12",
      "2015-10",
      "2015-12-31",
      null,
      null,
      null,
    ]);
    const ops = planGradingRecord(undefined, members, { year: 2015, memberId: "001", deadline: "2015.12" }, NOW);
    expect(ops[0]).toMatchObject({ spec: { rows: [[2015, "001", "杨正龙", null, null, "2015-12", null, null, null, null]] } });
  });

  it("reads the rows with ISO deadlines (or the text as written) and filters by year", () => {
    const sheet = table([xiaoYan, [2016, "001", "杨正龙", "遇事不敢坚持原则,身体力行不足。", "", "2015.12", "", "", "", "否"], [null, "", "", "", "", null, "", "", "", ""]]);
    expect(gradingRows(sheet)).toEqual([
      { row: 2, year: 2015, memberId: "002", name: "肖燕", problems: "理论学习不够,政策理论水平不强。", measures: "加强对党的理论知识学习", deadline: "2015-12-31", leader: "王书记", outcome: "", appraisal: "优秀", promoted: "" },
      { row: 3, year: 2016, memberId: "001", name: "杨正龙", problems: "遇事不敢坚持原则,身体力行不足。", measures: "", deadline: "2015-12", leader: "", outcome: "", appraisal: "", promoted: "否" },
    ]);
    expect(readGrading(sheet, 2016).map((g) => g.name)).toEqual(["杨正龙"]);
    expect(readGrading(undefined, 2015)).toEqual([]);
  });
});
