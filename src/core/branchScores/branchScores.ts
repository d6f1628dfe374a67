/**
 * 党支部月度积分 (S6, 医院《党支部、党员积分制管理细则》): branches, not members, scored month by month.
 * Each month = 基础分 (carried from the month before, 倒扣) + 任务分 + 奖励分. The clerk records one
 * row per 上年得分, 基础分扣分, 任务分 or 奖励分 on the 支部积分 sheet; scoring and validation read it.
 */
import { type CellValue, normalizeText, toIsoDate, toNumber, toProse, toText } from "../cells";
import { Refused } from "../errors";
import { choice, number, text, sideSheet } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { type SheetRow, rowsOf } from "../ledger/readLedger";
import { appendToStore } from "../ledger/scaffold";
import { checkStoreRows, issueAt } from "../stores/storeRows";
import type { IssueCode } from "../validation/issueCodes";
import { type Cell, type TableData, type WorkbookOp } from "../sheetModel";
import { fromTenths, toTenths } from "../tenths";
import type { ValidationIssue } from "../validation/validateLedger";

/**
 * The seed's monthly scheme:
 * 「党支部、党员积分按年度100分计算,分基础分40分、任务分50分和奖励分10分。」
 * 「当年第一个月基础分为上一年度党支部考核得分40%。」「每月依次为上月考核总分的40%。」
 * 「任务分(50分)……量化得分占每月积分50%。」
 * `fallback` is the first month's 基础分 when no 上年得分 is recorded (a warning says so; not in the seed).
 */
export const BRANCH_MONTHLY_RULES = { carry: 0.4, fallback: 40, base: 40, task: 50, reward: 10 } as const;
export type BranchMonthlyRules = { readonly carry: number; readonly fallback: number; readonly base: number; readonly task: number; readonly reward: number };

/** What the seed leaves open: shown on the report. */
export const BRANCH_YEAR_SCORE_PENDING = "年度得分的计算方式（细则未规定：暂按各月月度总分的平均值计，保留一位小数，待支部确定）";
export const BRANCH_SCORE_PENDING: readonly string[] = [
  BRANCH_YEAR_SCORE_PENDING,
  "无上年考核得分时第一个月基础分的取值（细则未规定：暂按40分计，待支部确定）",
  "奖励分按月计、每月最多10分（细则只写“奖励分10分”，待支部确定）",
  "基础分扣分以当月基础分为限，基础分得分不低于0（待支部确定）",
];

export const BRANCH_SCORE_KINDS = ["上年得分", "基础分扣分", "任务分", "奖励分"] as const;
export type BranchScoreKind = (typeof BRANCH_SCORE_KINDS)[number];

export const BRANCH_SCORE_STORE = sideSheet("支部积分", "BranchScoreTable", "党支部月度积分：每条上年得分、基础分扣分、任务分、奖励分一行；月份写 YYYY-MM（上年得分写当年1月）；基础分扣分填扣去的分数", [text("党支部", 16), text("月份", 10), choice("类别", 12, BRANCH_SCORE_KINDS), text("考核内容", 30), number("分值"), text("说明", 24)]);

export interface BranchMonthRef {
  year: number;
  month: number;
}

const MONTH_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

function ofIso(iso: string): BranchMonthRef {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

/** A month from a cell: "2026-03", "2026-3", "2026年3月", "2026.03", or a date (ISO text or Excel serial). */
export function parseMonth(cell: CellValue): BranchMonthRef | null {
  if (typeof cell === "number") {
    const iso = toIsoDate(cell);
    return iso ? ofIso(iso) : null;
  }
  if (typeof cell !== "string" || cell.length > 40) return null;
  const text = normalizeText(cell);
  const m = MONTH_TEXT.exec(text);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 ? { year, month } : null;
  }
  const iso = toIsoDate(text);
  return iso ? ofIso(iso) : null;
}

/** "2026-03". */
export function monthKey(ref: BranchMonthRef): string {
  return `${ref.year}-${String(ref.month).padStart(2, "0")}`;
}

export interface BranchScoreInput {
  branch: string;
  /** "YYYY-MM" (other forms parseMonth reads are accepted too). */
  month: string;
  kind: string;
  /** 考核内容: the 责任书 item. */
  item: string;
  points: number | string;
  note?: string;
}

const isKind = (kind: string): kind is BranchScoreKind => (BRANCH_SCORE_KINDS as readonly string[]).includes(kind);

/** Appends one branch score row (creating the sheet with its 类别 dropdown the first time), logged. */
export function planBranchScore(table: TableData | undefined, input: BranchScoreInput, now: Date): WorkbookOp[] {
  const refuse = (message: string) => new Refused("branch-score", message);
  const branch = toText(input.branch);
  if (!branch) throw refuse("请填写党支部");
  const ref = parseMonth(input.month);
  if (!ref) throw refuse(`月份「${input.month}」不是有效月份，应为 YYYY-MM`);
  const kind = toText(input.kind);
  if (!isKind(kind)) throw refuse(`类别「${input.kind}」须为：${BRANCH_SCORE_KINDS.join("、")}`);
  let points = toNumber(input.points);
  if (points === null) throw refuse(`分值「${input.points}」不是数字`);
  if ((kind === "任务分" || kind === "奖励分") && points < 0) throw refuse(`${kind}不能为负数（收到 ${points}）`);
  if (kind === "基础分扣分") points = Math.abs(points);
  if (kind === "上年得分") {
    if (points < 0 || points > 100) throw refuse(`上年得分 ${points} 须在0至100之间`);
    ref.month = 1;
    const recorded = rowsOf(table).some((r) => toText(r.values["党支部"]) === branch && toText(r.values["类别"]) === "上年得分" && parseMonth(r.values["月份"])?.year === ref.year);
    if (recorded) throw refuse(`${branch}已登记${ref.year}年的上年得分`);
  }
  const item = toProse(input.item);
  const note = toProse(input.note ?? "");
  const row: Cell[] = [branch, monthKey(ref), kind, item || null, points, note || null];
  const ops = appendToStore(BRANCH_SCORE_STORE, table, [row]);
  const what = `${branch}${ref.year}年${ref.month}月：${kind}${item ? `「${item}」` : ""} ${points}分`;
  ops.push(logOp(now, [{ action: "登记支部积分", sheet: BRANCH_SCORE_STORE.sheet, range: "", detail: what }]));
  return ops;
}

export interface BranchMonth {
  /** 1..12 */
  month: number;
  /** 基础分: carried from 上年得分 or the month before, at most 40. */
  base: number;
  /** Σ 基础分扣分 of the month (points deducted, positive). */
  deducted: number;
  /** max(0, base − deducted) */
  baseScore: number;
  /** Σ 任务分, at most 50. */
  task: number;
  /** Σ 奖励分, at most 10. */
  reward: number;
  total: number;
}

export interface BranchYear {
  branch: string;
  previousYear: number | null;
  months: BranchMonth[];
  /** round1(average of the months' totals): see BRANCH_YEAR_SCORE_PENDING. */
  yearScore: number;
}

interface Tally {
  branch: string;
  firstRow: SheetRow;
  previous: number | null;
  previousRows: number;
  /** Per month (index 1..12), tenths. */
  deducted: number[];
  task: number[];
  reward: number[];
}

/**
 * The branches' monthly scores for `year` (months 1 to the last month any branch has a row), with the
 * problems of the sheet. Rows with errors are not counted; nothing throws on bad cells.
 */
export function scoreBranchMonths(table: TableData | undefined, year: number, rules: BranchMonthlyRules = BRANCH_MONTHLY_RULES): { branches: BranchYear[]; issues: ValidationIssue[] } {
  const tallies = new Map<string, Tally>();
  let lastMonth = 0;
  const [taskCap, rewardCap] = [toTenths(rules.task), toTenths(rules.reward)];

  const issues = checkStoreRows(table, (row) => {
    const { values } = row;
    const add = (header: string, severity: "error" | "warning", code: IssueCode, message: string) => row.add(header, severity, code, message);
    const r = row.row;
    const ref = parseMonth(values["月份"]);
    if (!ref) {
      add("月份", "error", "bad-month", `月份「${toText(values["月份"]) || "（空）"}」不是有效月份，应为 YYYY-MM`);
      return;
    }
    if (ref.year !== year) return;
    const branch = toText(values["党支部"]);
    if (!branch) {
      add("党支部", "error", "branch-score-blank", "党支部为空");
      return;
    }
    lastMonth = Math.max(lastMonth, ref.month);
    let t = tallies.get(branch);
    if (!t) {
      t = { branch, firstRow: r, previous: null, previousRows: 0, deducted: Array(13).fill(0), task: Array(13).fill(0), reward: Array(13).fill(0) };
      tallies.set(branch, t);
    }
    const kind = toText(values["类别"]);
    if (!isKind(kind)) {
      add("类别", "error", "unknown-kind", `类别「${kind || "（空）"}」须为：${BRANCH_SCORE_KINDS.join("、")}`);
      return;
    }
    const points = toNumber(values["分值"]);
    if (points === null) {
      add("分值", "error", "bad-points", `分值「${toText(values["分值"]) || "（空）"}」不是数字`);
      return;
    }
    const m = ref.month;
    switch (kind) {
      case "上年得分":
        t.previousRows += 1;
        if (t.previousRows > 1) add("类别", "error", "previous-duplicate", `${branch}${year}年的上年得分重复登记，只计第一条`);
        else if (points < 0 || points > 100) add("分值", "error", "previous-out-of-range", `上年得分 ${points} 须在0至100之间`);
        else t.previous = points;
        break;
      case "基础分扣分":
        t.deducted[m] += toTenths(Math.abs(points));
        break;
      case "任务分":
      case "奖励分": {
        if (points < 0) {
          add("分值", "error", "negative-points", `${kind}不能为负数（${points}）`);
          break;
        }
        const [sums, cap] = kind === "任务分" ? [t.task, taskCap] : [t.reward, rewardCap];
        const before = sums[m];
        sums[m] += toTenths(points);
        if (before <= cap && sums[m] > cap)
          add("分值", "warning", "over-cap", `${branch}${m}月${kind}合计${fromTenths(sums[m])}分，超过${fromTenths(cap)}分，按${fromTenths(cap)}分计`);
        break;
      }
    }
  });

  for (const t of tallies.values())
    if (t.previousRows === 0 && table)
      issues.push(issueAt(table, t.firstRow, "类别", "warning", "no-previous-score", `${t.branch}没有登记${year}年的上年得分，1月基础分按${rules.fallback}分计`));
  issues.sort((a, b) => a.row - b.row);

  const baseCap = toTenths(rules.base);
  const branches = [...tallies.values()].map((t): BranchYear => {
    const months: BranchMonth[] = [];
    let carried = t.previous === null ? Math.min(baseCap, toTenths(rules.fallback)) : Math.min(baseCap, toTenths(rules.carry * t.previous));
    let sum = 0;
    for (let m = 1; m <= lastMonth; m++) {
      const baseScore = Math.max(0, carried - t.deducted[m]);
      const task = Math.min(taskCap, t.task[m]);
      const reward = Math.min(rewardCap, t.reward[m]);
      const total = baseScore + task + reward;
      months.push({ month: m, base: fromTenths(carried), deducted: fromTenths(t.deducted[m]), baseScore: fromTenths(baseScore), task: fromTenths(task), reward: fromTenths(reward), total: fromTenths(total) });
      sum += total;
      carried = Math.min(baseCap, toTenths(rules.carry * fromTenths(total)));
    }
    return { branch: t.branch, previousYear: t.previous, months, yearScore: months.length ? fromTenths(Math.round(sum / months.length)) : 0 };
  });
  return { branches, issues };
}

/** Just the problems of the 支部积分 sheet for `year`. */
export function validateBranchScores(table: TableData | undefined, year: number): ValidationIssue[] {
  return scoreBranchMonths(table, year).issues;
}
