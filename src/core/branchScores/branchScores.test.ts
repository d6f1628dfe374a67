import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { type Cell, isoToSerial } from "../sheetModel";
import { BRANCH_MONTHLY_RULES, type BranchScoreInput, BRANCH_SCORE_PENDING, BRANCH_SCORE_STORE, parseMonth, planBranchScore, scoreBranchMonths, validateBranchScores } from "./branchScores";

const NOW = new Date(2026, 3, 1, 9, 0, 0);
const sheet = (rows: Cell[][]) => tableFromRows(BRANCH_SCORE_STORE, rows);

/*
 * Worked example, 2026 (months 1..3: March is the last month with a row):
 * 内科党支部  上年得分 90.
 *   1月 base 0.4×90 = 36, 扣 2 → 34, 任务 45, 奖励 5 → 84
 *   2月 base 0.4×84 = 33.6, 任务 50 → 83.6
 *   3月 base 0.4×83.6 = 33.44 → 33.4, 扣 1.5 (written −1.5) → 31.9, 任务 30+25 = 55 → 50, 奖励 4+8 = 12 → 10 → 91.9
 *   年度 (84 + 83.6 + 91.9) / 3 = 259.5 / 3 = 86.5
 * 外科党支部  no 上年得分 (warning): 1月 40 → 40; 2月 0.4×40 = 16, 任务 40 → 56; 3月 0.4×56 = 22.4 → 22.4;
 *   年度 118.4 / 3 = 39.47 → 39.5
 * 药剂科党支部 上年得分 50: 1月 base 20, 扣 25 → 0 → 0; 2月, 3月 0; 年度 0
 */
const rows: Cell[][] = [
  ["内科党支部", "2026-01", "上年得分", "", 90, ""], // row 2
  ["内科党支部", "2026-1", "基础分扣分", "三会一课记录不全", 2, ""], // 3
  ["内科党支部", "2026年1月", "任务分", "当月任务", 45, ""], // 4
  ["内科党支部", isoToSerial("2026-01-20"), "奖励分", "上级表彰", 5, ""], // 5
  ["外科党支部", "2026.02", "任务分", "当月任务", 40, ""], // 6: first row of 外科 → no 上年得分
  ["内科党支部", "2026-02-28", "任务分", "当月任务", "50", ""], // 7
  ["内科党支部", "2026-03", "基础分扣分", "党费未按时交纳", -1.5, ""], // 8
  ["内科党支部", "2026-03", "任务分", "当月任务", 30, ""], // 9
  ["内科党支部", "2026-03", "任务分", "重点任务", 25, ""], // 10: 55 > 50
  ["内科党支部", "2026-03", "奖励分", "锦旗", 4, ""], // 11
  ["内科党支部", "2026-03", "奖励分", "先进集体", 8, ""], // 12: 12 > 10
  ["药剂科党支部", "2026-01", "上年得分", "", 50, ""], // 13
  ["药剂科党支部", "2026-01", "基础分扣分", "医德医风投诉", 25, ""], // 14
  ["内科党支部", "2025-12", "任务分", "上年的", 50, ""], // 15: other year, ignored
];

describe("党支部月度积分 (S6)", () => {
  it("quotes the seed's rules and says what is pending", () => {
    expect(BRANCH_MONTHLY_RULES).toEqual({ carry: 0.4, fallback: 40, base: 40, task: 50, reward: 10 });
    expect(BRANCH_SCORE_PENDING[0]).toContain("年度得分");
    expect(BRANCH_SCORE_STORE.columns.map((c) => c.header)).toEqual(["党支部", "月份", "类别", "考核内容", "分值", "说明"]);
  });

  it("reads months written in several ways", () => {
    expect(parseMonth("2026-03")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("2026-3")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("2026年3月")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("2026.03")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("２０２６－０３")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth("2026-03-15")).toEqual({ year: 2026, month: 3 });
    expect(parseMonth(isoToSerial("2026-12-31"))).toEqual({ year: 2026, month: 12 });
    for (const bad of ["2026-13", "2026-00", "三月", "", null, true, "2026-02-30"]) expect(parseMonth(bad)).toBeNull();
  });

  it("scores each branch month by month: carried 基础分, deductions, capped 任务分 and 奖励分, year average", () => {
    const { branches } = scoreBranchMonths(sheet(rows), 2026);
    expect(branches.map((b) => [b.branch, b.previousYear, b.yearScore])).toEqual([
      ["内科党支部", 90, 86.5],
      ["外科党支部", null, 39.5],
      ["药剂科党支部", 50, 0],
    ]);
    expect(branches[0].months).toEqual([
      { month: 1, base: 36, deducted: 2, baseScore: 34, task: 45, reward: 5, total: 84 },
      { month: 2, base: 33.6, deducted: 0, baseScore: 33.6, task: 50, reward: 0, total: 83.6 },
      { month: 3, base: 33.4, deducted: 1.5, baseScore: 31.9, task: 50, reward: 10, total: 91.9 },
    ]);
    expect(branches[1].months.map((m) => [m.base, m.task, m.total])).toEqual([
      [40, 0, 40],
      [16, 40, 56],
      [22.4, 0, 22.4],
    ]);
    expect(branches[2].months.map((m) => [m.base, m.deducted, m.baseScore, m.total])).toEqual([
      [20, 25, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("warns of capped months and a branch without 上年得分", () => {
    const issues = scoreBranchMonths(sheet(rows), 2026).issues;
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [6, "C", "warning", "no-previous-score"],
      [10, "E", "warning", "over-cap"],
      [12, "E", "warning", "over-cap"],
    ]);
    expect(issues[0].message).toBe("第6行 外科党支部没有登记2026年的上年得分，1月基础分按40分计");
    expect(issues[1].message).toBe("第10行 内科党支部3月任务分合计55分，超过50分，按50分计");
    expect(issues[2].message).toBe("第12行 内科党支部3月奖励分合计12分，超过10分，按10分计");
  });

  it("reports bad cells at their row and column, and does not count those rows", () => {
    const bad: Cell[][] = [
      ["内科党支部", "2026-01", "上年得分", "", 120, ""], // 2: out of range
      ["内科党支部", "2026-01", "上年得分", "", 80, ""], // 3: duplicate, not counted
      ["内科党支部", "2026-13", "任务分", "", 10, ""], // 4: bad month
      ["内科党支部", "2026-01", "加分", "", 10, ""], // 5: unknown kind
      ["内科党支部", "2026-01", "任务分", "", "三", ""], // 6: not a number
      ["内科党支部", "2026-01", "奖励分", "", -2, ""], // 7: negative
      ["", "2026-01", "任务分", "", 10, ""], // 8: no branch
      ["内科党支部", "2026-02", "任务分", "", 20, ""], // 9: counted
      [null, null, null, null, null, null], // 10: blank, skipped
    ];
    const { branches, issues } = scoreBranchMonths(sheet(bad), 2026);
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [2, "E", "error", "previous-out-of-range"],
      [3, "C", "error", "previous-duplicate"],
      [4, "B", "error", "bad-month"],
      [5, "C", "error", "unknown-kind"],
      [6, "E", "error", "bad-points"],
      [7, "E", "error", "negative-points"],
      [8, "A", "error", "branch-score-blank"],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      "第2行 上年得分 120 须在0至100之间",
      "第3行 内科党支部2026年的上年得分重复登记，只计第一条",
      "第4行 月份「2026-13」不是有效月份，应为 YYYY-MM",
      "第5行 类别「加分」须为：上年得分、基础分扣分、任务分、奖励分",
      "第6行 分值「三」不是数字",
      "第7行 奖励分不能为负数（-2）",
      "第8行 党支部为空",
    ]);
    // No valid 上年得分 → 40; 1月 nothing counted → 40; 2月 0.4×40 = 16 + 20 = 36; 年度 76 / 2 = 38.
    expect(branches).toEqual([
      {
        branch: "内科党支部",
        previousYear: null,
        months: [
          { month: 1, base: 40, deducted: 0, baseScore: 40, task: 0, reward: 0, total: 40 },
          { month: 2, base: 16, deducted: 0, baseScore: 16, task: 20, reward: 0, total: 36 },
        ],
        yearScore: 38,
      },
    ]);
    expect(validateBranchScores(sheet(bad), 2026)).toEqual(issues);
    expect(scoreBranchMonths(undefined, 2026)).toEqual({ branches: [], issues: [] });
    expect(scoreBranchMonths(sheet(rows), 2027).branches).toEqual([]);
  });

  it("creates the sheet with the 类别 dropdown first, appends later rows, stores deductions as positive, and logs", () => {
    const first = planBranchScore(undefined, { branch: "内科党支部", month: "2026-03", kind: "基础分扣分", item: "党费未按时交纳", points: -3 }, NOW);
    expect(first.map((o) => o.op)).toEqual(["createTable", "setValidation", "appendRows"]);
    expect(first[0]).toMatchObject({ spec: { sheet: "支部积分", table: "BranchScoreTable", rows: [["内科党支部", "2026-03", "基础分扣分", "党费未按时交纳", 3, null]] } });
    expect(first[1]).toEqual({ op: "setValidation", table: "BranchScoreTable", column: 2, source: { list: ["上年得分", "基础分扣分", "任务分", "奖励分"] } });
    expect(first[2]).toMatchObject({ table: SHEETS.log.table, rows: [["2026-04-01 09:00:00", "登记支部积分", "支部积分", "", "内科党支部2026年3月：基础分扣分「党费未按时交纳」 3分"]] });

    const existing = sheet(rows);
    expect(planBranchScore(existing, { branch: "外科党支部", month: "2026-5", kind: "上年得分", item: "", points: "88.5", note: "2025年考核" }, NOW)[0]).toEqual({
      op: "appendRows",
      table: "BranchScoreTable",
      rows: [["外科党支部", "2026-01", "上年得分", null, 88.5, "2025年考核"]],
      formats: ["text", "text", "text", "text", "number", "text"],
    });
  });

  it("refuses a blank branch, a bad month or kind, non-number or negative points and a bad or repeated 上年得分", () => {
    const base: BranchScoreInput = { branch: "内科党支部", month: "2026-03", kind: "任务分", item: "当月任务", points: 10 };
    const refused = (change: Partial<BranchScoreInput>, existing = sheet(rows)) => () => planBranchScore(existing, { ...base, ...change }, NOW);
    expect(refused({ branch: "  " })).toThrow("请填写党支部");
    expect(refused({ month: "2026-13" })).toThrow("月份「2026-13」不是有效月份，应为 YYYY-MM");
    expect(refused({ kind: "加分" })).toThrow("类别「加分」须为：上年得分、基础分扣分、任务分、奖励分");
    expect(refused({ points: "十" })).toThrow("分值「十」不是数字");
    expect(refused({ kind: "奖励分", points: -1 })).toThrow("奖励分不能为负数（收到 -1）");
    expect(refused({ kind: "上年得分", points: 101 })).toThrow("上年得分 101 须在0至100之间");
    expect(refused({ kind: "上年得分", points: 95 })).toThrow("内科党支部已登记2026年的上年得分");
    expect(refused({ kind: "上年得分", points: 95 })).toThrow(expect.objectContaining({ code: "branch-score-refused" }));
  });
});
