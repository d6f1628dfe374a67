import { CellError } from "../cellError";
import { isoToSerial } from "../sheetModel";
import { getBuiltinScheme } from "../scheme/presets";
import { formulaCacheStats, resetFormulaCaches } from "./cache";
import { memberTotal, scoresTable, type ScoreRanges } from "./scores";

const star = getBuiltinScheme("star-member");
const detailed = getBuiltinScheme("detailed-100");
const decNov = getBuiltinScheme("dec-nov-cycle");

const d = isoToSerial;
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// The tables as Excel hands them: header row first, dates as serial numbers, every column of the sheet.
const LEDGER_HEADERS = ["日期", "编号", "姓名", "项目代码", "项目名称", "次数", "分值", "证明材料", "记录人", "说明"];
const ledger = [
  LEDGER_HEADERS,
  [d("2026-03-02"), "001", "张三", "D1", "未经同意缺席应参加的活动", 2, -1, "", "刘", ""],
  [d("2026-05-10"), "001", "张三", "D2", "违反工作纪律", 1, -2, "", "刘", ""],
  [d("2026-09-01"), "001", "张三", "D6", "其他不良行为", 1, -3, "", "刘", "酒后失态"],
  [d("2026-04-01"), "002", "李四", "V1", "受留党察看及以上处分", 1, "", "党委决定", "刘", ""],
  [d("2025-12-20"), "003", "王五", "D5", "未按时交纳党费", 1, -5, "", "刘", "上一年度"],
  [d("2026-07-01"), "003", "王五", "D5", "未按时交纳党费", 1, -5, "", "刘", ""],
];
const roster = [
  ["编号", "姓名", "党员类别", "所在支部", "入党日期", "转正日期", "联系方式", "在册状态", "备注"],
  ["001", "张三", "正式党员", "一支部", d("2001-07-01"), "", "", "在册", ""],
  ["002", "李四", "正式党员", "一支部", d("2005-07-01"), "", "", "在册", ""],
  ["003", "王五", "预备党员", "一支部", d("2025-07-01"), "", "", "在册", ""],
  ["004", "赵六", "入党积极分子", "一支部", "", "", "", "在册", ""],
];
const appraisals = [
  ["年度", "编号", "姓名", "评议等次", "分值"],
  [2026, "001", "张三", "合格", ""],
  [2026, "002", "李四", "优秀", ""],
  [2026, "003", "王五", "优秀", ""],
  [2025, "004", "赵六", "优秀", ""],
];

const base: ScoreRanges = { ledger, roster, appraisals, period: "2026", scheme: star };
const SCORES_2026 = [
  ["编号", "姓名", "日常行为积分", "年度评议积分", "总分", "等次", "排名"],
  ["001", "张三", 73, 15, 88, "合格", 2],
  ["002", "李四", 0, 0, 0, "不合格", 3],
  ["003", "王五", 75, 20, 95, "优秀", 1],
  ["004", "赵六", 80, 0, 80, "", ""],
];
const total = (memberId: unknown, period: unknown = "2026", component?: unknown, extra: Partial<ScoreRanges> = {}) =>
  memberTotal({ ...base, period: period as ScoreRanges["period"], memberId: memberId as string, component: component as string, ...extra });

beforeEach(() => resetFormulaCaches());

describe("PARTY.SCORES core (star-member: 日常行为积分 80 + 年度评议积分 20)", () => {
  it("scores the year: deductions, veto, appraisal by grade, grade and rank", () => {
    // 001: 80 − 1×2 (D1 ×2) − 2 (D2) − 3 (D6 酌情) = 73, 评议合格 +15 = 88 合格.
    // 002: V1 一票否决 → 0, ranked last. 003: 80 − 5 = 75 (the December 2025 entry is last cycle's), 优秀 +20 = 95.
    // 004 入党积极分子: 80, no grade and no rank; the 2025 appraisal does not count in 2026.
    expect(scoresTable(base)).toEqual(SCORES_2026);
  });

  it("scores a half-year: no appraisal and no grade before the year end, ranks still shown", () => {
    // 2026H1: 001 80 − 2 − 2 = 76; 003's deduction is in July.
    expect(scoresTable({ ...base, period: "2026H1" })).toEqual([
      ["编号", "姓名", "日常行为积分", "年度评议积分", "总分", "等次", "排名"],
      ["001", "张三", 76, 0, 76, "", 2],
      ["002", "李四", 0, 0, 0, "", 3],
      ["003", "王五", 80, 0, 80, "", 1],
      ["004", "赵六", 80, 0, 80, "", ""],
    ]);
  });

  it("without the appraisals range the appraisal counts 0", () => {
    const table = scoresTable({ ...base, appraisals: null }) as (string | number)[][];
    expect(table[1]).toEqual(["001", "张三", 73, 0, 73, "合格", 2]);
    expect(scoresTable({ ...base, appraisals: [[""]] })).toEqual(table);
  });

  it("detailed-100: 基础分 60 − deductions, 加分 up to 20, 民主评议分 as voted (score mode)", () => {
    const l = [
      ["日期", "编号", "项目代码", "次数", "分值"],
      [d("2026-02-01"), "a", "B1", 1, -2],
      [d("2026-03-01"), "a", "A1", 1, 4],
      [d("2026-04-01"), "a", "A2", 2, 2],
      [d("2026-05-01"), "b", "A3", 5, 5], // 25 points of bonus, capped at the component's 20
      [d("2026-06-01"), "b", "X1", 1, ""],
    ];
    const r = [
      ["编号", "姓名", "党员类别"],
      ["a", "甲", "正式党员"],
      ["b", "乙", "正式党员"],
    ];
    const a = [
      ["年度", "编号", "分值"],
      [2026, "a", 18],
      [2026, "b", "２０"],
    ];
    // a: 基础分 60 − 2 = 58, 加分 4 + 2×2 = 8, 民主评议分 18 → 84 合格.
    expect(scoresTable({ ledger: l, roster: r, appraisals: a, period: 2026, scheme: detailed })).toEqual([
      ["编号", "姓名", "基础分", "加分", "民主评议分", "总分", "等次", "排名"],
      ["a", "甲", 58, 8, 18, 84, "合格", 1],
      ["b", "乙", 0, 0, 0, 0, "不合格", 2],
    ]);
    // The score-mode appraisal needs the 分值 column.
    const noScore = scoresTable({ ledger: l, roster: r, appraisals: [["年度", "编号", "评议等次"], [2026, "a", "优秀"]], period: 2026, scheme: detailed });
    expect(noScore).toMatchObject({ type: "VALUE", message: expect.stringContaining("民主评议范围缺少「分值」列") });
  });

  it("dec-nov-cycle: December counts in the next cycle; the new-member rule reads 转入日期 where the roster has it", () => {
    const l = [
      ["日期", "编号", "项目代码", "次数", "分值"],
      ["2025-12-15", "p", "D5", 1, -5],
    ];
    const r = [
      ["编号", "姓名", "党员类别", "入党日期"],
      ["a", "甲", "正式党员", "2001-07-01"],
      ["p", "乙", "预备党员", "2025-06-01"],
    ];
    const a = [
      ["年度", "编号", "评议等次"],
      [2026, "p", "合格"],
    ];
    // p: 80 − 5 + 15 = 90 (the December 2025 entry is in cycle 2026); a: 80.
    expect(memberTotal({ ledger: l, roster: r, appraisals: a, period: "2026", scheme: decNov, memberId: "p" })).toBe(90);
    expect(memberTotal({ ledger: l, roster: r, appraisals: a, period: "2026Q1", scheme: decNov, memberId: "p" })).toBe(75);
    // 「新入职党员未考核月份积分按支部之前月份考核平均积分计算」: a roster without 转入日期 makes nobody new (p keeps 90);
    // with it, p (转入 2026-01-05) has December as the branch average of a alone: 80 + 0 + 15 = 95.
    expect(memberTotal({ ledger: l, roster: r.map((row) => row.slice(0, 3)), appraisals: a, period: "2026", scheme: decNov, memberId: "p" })).toBe(90);
    const withTransfer = r.map((row, i) => [...row, i === 0 ? "转入日期" : i === 2 ? "2026-01-05" : ""]);
    expect(memberTotal({ ledger: l, roster: withTransfer, appraisals: a, period: "2026", scheme: decNov, memberId: "p" })).toBe(95);
  });
});

describe("PARTY.TOTAL core", () => {
  it("gives a member's total or one component for a year, half, quarter or month", () => {
    expect(total("001")).toBe(88);
    expect(total("003")).toBe(95);
    expect(total("002")).toBe(0);
    expect(total("001", "2026", "日常行为积分")).toBe(73);
    expect(total("001", "2026", " 年度评议积分 ")).toBe(15);
    expect(total("001", "2026", "总分")).toBe(88);
    expect(total("001", "2026", "daily")).toBe(73); // the component's id works too
    // A component granted for the year shows its standing at the end of the period.
    expect(total("001", "2026Q1")).toBe(78);
    expect(total("001", "2026Q3")).toBe(73);
    expect(total("001", "2026-05")).toBe(76);
    expect(total("003", "2026H2")).toBe(75);
  });

  it("accepts the period as a number, in full width, lower case or with 年/月", () => {
    expect(total("001", 2026)).toBe(88);
    expect(total("001", "２０２６")).toBe(88);
    expect(total("001", "2026年")).toBe(88);
    expect(total("001", "2026q3")).toBe(73);
    expect(total("001", " 2026 Q3 ")).toBe(73);
    expect(total("001", "2026年5月")).toBe(76);
    expect(total("001", "2026/5")).toBe(76);
  });

  it("explains a bad period, member or component", () => {
    expect(total("001", "2026Q5")).toEqual(new CellError("VALUE", "期间「2026Q5」无法识别：请填写 2026（年度）、2026H1（半年）、2026Q3（季度）或 2026-07（月）"));
    expect(total("001", "")).toEqual(new CellError("VALUE", "期间为空：请填写 2026（年度）、2026H1（半年）、2026Q3（季度）或 2026-07（月）"));
    expect(total("001", 2026.5)).toMatchObject({ type: "VALUE" });
    expect(total("009")).toEqual(new CellError("NA", "党员名册中没有编号为「009」的党员：请检查编号，或名册范围是否包含该党员"));
    expect(total("")).toEqual(new CellError("VALUE", "党员编号为空：请填写名册中的编号"));
    expect(total("001", "2026", "加分")).toEqual(
      new CellError("VALUE", "方案「星级党员管理量化考评制度」没有「加分」这一组成部分：可填 日常行为积分、年度评议积分，或留空取总分"),
    );
  });

  it("names the missing header when a range is not the whole table", () => {
    const noValue = ledger.map((row) => row.filter((_, c) => c !== 6));
    expect(total("001", "2026", undefined, { ledger: noValue })).toEqual(
      new CellError("VALUE", "积分台账范围缺少「分值」列：请选中整张「积分台账」表（含标题行，须有 日期、编号、项目代码、次数、分值 列）"),
    );
    // Data rows without the header row: every header is missing.
    expect(total("001", "2026", undefined, { ledger: ledger.slice(1) })).toMatchObject({ type: "VALUE", message: expect.stringContaining("「日期」、「编号」、「项目代码」、「次数」、「分值」") });
    expect(total("001", "2026", undefined, { roster: [["编号", "姓名"], ["001", "张三"]] })).toMatchObject({ type: "VALUE", message: expect.stringContaining("党员名册范围缺少「党员类别」列") });
    expect(total("001", "2026", undefined, { appraisals: [["编号", "评议等次"], ["001", "优秀"]] })).toMatchObject({ type: "VALUE", message: expect.stringContaining("民主评议范围缺少「年度」列") });
    // A single cell (not a table) is a range without headers, too.
    expect(total("001", "2026", undefined, { ledger: "台账" })).toMatchObject({ type: "VALUE" });
  });

  it("reads messy ranges: columns in another order, extra columns, a title row, numbers as text, full-width digits, blanks, #N/A", () => {
    const messy = [
      ["2026年积分台账", "", "", "", "", "", ""],
      ["分值", "备用", " 项目 代码 ", "编号", "日期", "次数", "姓名"],
      ["-1", "x", "d1", 1001, "2026/3/2", "２", "张三"], // −2
      ["", "", "", "", "", "", ""],
      [null, null, null, null, null, null, null],
      ["－２", "", "D2", "1001", "２０２６－０５－１０", "", "张三"], // −2
      ["－３", "", "D6", " 1001 ", 46266, 1, "张三"], // 46266 = 2026-09-01: −3
      ["#N/A", "", "D6", "1001", d("2026-09-02"), 1, "张三"], // 分值 #N/A: not scored
      [-1, "", "D1", "1001", "#N/A", 1, "张三"], // 日期 #N/A: not scored
      [-1, "", "D1", "#N/A", d("2026-09-03"), 1, "张三"], // 编号 #N/A: no such member
      [{ code: "#N/A" }, "", "D1", "1001", d("2026-09-04"), 1, "张三"], // an error cell as Excel may pass it
      [-1, "", "D1", "1002", "2026-02-30", 1, "李四"], // no such date: not scored
    ];
    const messyRoster = [
      ["备注", "党员类别", "姓名", "编号"],
      ["", "正式党员", "张三", "1001"],
      ["", "正式党员", "李四", 1002],
      ["", "", "", ""],
    ];
    const messyAppraisals = [
      ["姓名", "评议等次", "编号", "年度"],
      ["张三", " 合格 ", 1001, "２０２６"],
    ];
    // Rows 8–12 of the range cannot be read: the year is not scored without them (never as if they were not there).
    const unreadable = { ledger: messy, roster: messyRoster, appraisals: messyAppraisals, scheme: star, period: "2026" };
    const refused = { type: "VALUE", message: "积分台账（所选区域）第 8 行分值，第 9 行日期，第 10 行编号，第 11 行分值无法读取，2026 不能计分（这些行不会当作 0 或略过不计）：请改正后再算" };
    expect(memberTotal({ ...unreadable, memberId: 1001 })).toEqual(refused);
    expect(memberTotal({ ...unreadable, memberId: 1002 })).toEqual(refused);
    expect(scoresTable(unreadable)).toEqual(refused);
    // #N/A in 日期 may be of any month: the first half is refused for it alone.
    const naDateOnly = [...messy.slice(0, 7), messy[8]];
    expect(memberTotal({ ...unreadable, ledger: naDateOnly, period: "2026H1", memberId: 1001 })).toMatchObject({ type: "VALUE", message: expect.stringContaining("第 8 行日期无法读取，2026H1 不能计分") });
    // A date that does not exist (2026-02-30) is read, and left out as scores, reports and approval leave it (validate names it).
    expect(memberTotal({ ...unreadable, ledger: [...messy.slice(0, 7), messy[11]], period: "2026H1", memberId: 1001 })).toBe(76);
    // 分值 #N/A in September blocks the second half and the year, not the first half.
    const septemberNa = [...messy.slice(0, 7), messy[7]];
    expect(memberTotal({ ...unreadable, ledger: septemberNa, period: "2026H2", memberId: 1001 })).toMatchObject({ type: "VALUE" });
    expect(memberTotal({ ...unreadable, ledger: septemberNa, period: "2026H1", memberId: 1001 })).toBe(76);

    const input = { ...unreadable, ledger: messy.slice(0, 7) };
    // 80 − 2 − 2 − 3 = 73 + 合格 15 = 88.
    expect(memberTotal({ ...input, memberId: 1001 })).toBe(88);
    expect(memberTotal({ ...input, memberId: "１００１" })).toBe(88);
    expect(memberTotal({ ...input, memberId: "1002" })).toBe(80);
    expect(scoresTable(input)).toEqual([
      ["编号", "姓名", "日常行为积分", "年度评议积分", "总分", "等次", "排名"],
      ["1001", "张三", 73, 15, 88, "合格", 1],
      ["1002", "李四", 80, 0, 80, "合格", 2],
    ]);
  });
});

describe("PARTY.TOTAL core: a correction whose 撤销记录号 cannot be read", () => {
  const headers = ["日期", "编号", "项目代码", "次数", "分值", "记录号", "撤销记录号"];
  const rows = (reverses: unknown) => [
    headers,
    [d("2026-03-02"), "001", "D1", 1, "", 1, ""], // −1
    [d("2026-03-20"), "001", "D1", 1, "", 2, reverses], // cancels 记录号 1: both drop out
  ];
  const total = (reverses: unknown, period = "2026H1") => memberTotal({ ledger: rows(reverses), roster, period, scheme: star, memberId: "001" });

  it("is refused in its period, not scored as a second deduction", () => {
    // 80 with the correction; 78 if the unreadable one counted as an entry of its own.
    expect(total(1)).toBe(80);
    for (const bad of ["#REF!", "一", { code: "#REF!" }])
      expect(total(bad)).toEqual(new CellError("VALUE", "积分台账（所选区域）第 3 行撤销记录号无法读取，2026H1 不能计分（这些行不会当作 0 或略过不计）：请改正后再算"));
    // 日常行为积分 is granted for the year, so the second half shows the standing since January: refused too.
    expect(total("#REF!", "2026H2")).toMatchObject({ type: "VALUE", message: expect.stringContaining("第 3 行撤销记录号无法读取，2026H2") });
    // It may cancel an entry of any month: February is refused too.
    expect(total("#REF!", "2026-02")).toMatchObject({ type: "VALUE", message: expect.stringContaining("第 3 行撤销记录号无法读取，2026-02") });
  });
});

describe("PARTY.TOTAL core: a cell that may hide a veto", () => {
  const headers = ["日期", "编号", "项目代码", "次数", "分值"];
  const rows = (late: unknown[]) => [headers, [d("2026-03-02"), "001", "D1", 1, ""], late];
  const total = (late: unknown[], period: string) => memberTotal({ ledger: rows(late), roster, period, scheme: star, memberId: "001" });

  it("refuses every period of the cycle; an ordinary unreadable cell only the periods reaching it", () => {
    // 编号 #REF! in October: whose row, and whether a veto, is unknown; the first quarter would be 0 if it is 张三's V1.
    expect(total([d("2026-10-08"), "#REF!", "V1", 1, ""], "2026Q1")).toMatchObject({ type: "VALUE", message: expect.stringContaining("第 3 行编号无法读取，2026Q1") });
    // 次数 text on a V1 row: the veto's row, so the whole cycle too.
    expect(total([d("2026-10-08"), "001", "V1", "一", ""], "2026Q1")).toMatchObject({ type: "VALUE" });
    // 次数 text on a D1 row in October: the first quarter does not read it (79 = 80 − 1).
    expect(total([d("2026-10-08"), "001", "D1", "一", ""], "2026Q1")).toBe(79);
    expect(total([d("2026-10-08"), "001", "D1", "一", ""], "2026Q4")).toMatchObject({ type: "VALUE" });
  });
});

describe("formula cache", () => {
  it("parses and scores a ledger once for many formulas over equal content", () => {
    expect(total("001")).toBe(88);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 1, rosterParses: 1, appraisalParses: 1, scorings: 1 });
    // Excel passes a fresh array to every call: equal content, other arrays.
    for (const [id, expected] of [["002", 0], ["003", 95], ["004", 80]] as const) expect(memberTotal({ ...copy(base), scheme: star, memberId: id })).toBe(expected);
    expect(scoresTable({ ...copy(base), scheme: star })).toEqual(SCORES_2026);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 1, rosterParses: 1, appraisalParses: 1, scorings: 1 });

    // Another period scores again but does not parse again, nor pass over the cycle's entries again.
    expect(total("001", "2026Q3")).toBe(73);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 1, scorings: 2, cycleReads: 1 });
    // The same columns in another order, with a title row and extra columns: same content, no parse.
    const order = [9, 6, 3, 1, 0, 5, 2];
    const reordered = [["台账"], ...ledger.map((row) => order.map((c) => row[c]))];
    expect(total("001", "2026", undefined, { ledger: reordered })).toBe(88);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 1, scorings: 2 });
    // Columns no formula reads (姓名, 项目名称 …) do not count either.
    const renamed = copy(ledger).map((row, i) => (i === 0 ? row : [...row.slice(0, 2), "改名", ...row.slice(3)]));
    expect(total("001", "2026", undefined, { ledger: renamed })).toBe(88);
    expect(formulaCacheStats.ledgerParses).toBe(1);
  });

  it("parses again when a cell that counts changes, and keys on type (1 is not \"1\")", () => {
    expect(total("001")).toBe(88);
    const changed = copy(ledger);
    changed[1][5] = 3; // D1 ×3 instead of ×2
    expect(total("001", "2026", undefined, { ledger: changed })).toBe(87);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 2, scorings: 2 });
    const asText = copy(ledger);
    asText[1][5] = "2"; // same meaning, other content: parsed again, same result
    expect(total("001", "2026", undefined, { ledger: asText })).toBe(88);
    expect(formulaCacheStats.ledgerParses).toBe(3);
    // Back to the first ledger: still cached.
    expect(total("001", "2026", undefined, { ledger: copy(ledger) })).toBe(88);
    expect(formulaCacheStats.ledgerParses).toBe(3);
  });

  it("keys on the scheme: the same ledger under another scheme is scored again", () => {
    expect(total("001")).toBe(88);
    // dec-nov-cycle: 2025-12-20 counts in cycle 2026 and its grade lines differ; its roster needs 入党日期 (present).
    expect(total("003", "2026", undefined, { scheme: decNov })).toBe(90);
    expect(formulaCacheStats).toMatchObject({ ledgerParses: 1, scorings: 2 });
  });
});
