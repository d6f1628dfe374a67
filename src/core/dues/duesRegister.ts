// 党费交纳: one row per member and month (应交, 实交, 交纳日期, 正当理由). For schemes that score dues
// (星级党员 ⑤「党员不能按时或足额交纳党费每次扣5分，连续6个月以上无正当理由不交纳党费的全年无积分」) each month
// paid short, late or not at all without a 正当理由 becomes an entry of the scheme's dues item, so the
// deduction and the six-month veto (scheme.vetoPatterns) follow from the register, with their months.
import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { daysInMonth } from "../period";
import type { LedgerEntry } from "../engine/types";
import { date, memberId, number, sideSheet, text } from "../ledger/layout";
import { rowsOf } from "../ledger/readLedger";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, columnLetter, isoToSerial } from "../sheetModel";
import { headerIndex } from "../tableRegion";
import { findApprovedDuesEdits } from "../approval/approvals";
import { Refused } from "../errors";
import { logOp } from "../ledger/log";
import { appendToStore } from "../ledger/scaffold";
import { checkStoreRows } from "../stores/storeRows";
import type { ValidationIssue } from "../validation/validateLedger";

export const DUES_STORE = sideSheet("党费交纳", "DuesTable", "每名党员每月一行：应交、实交、交纳日期；未按时或足额交纳而有正当理由的，写明理由", [
  text("月份", 10),
  memberId(),
  text("姓名", 10),
  number("应交", 8),
  number("实交", 8),
  date("交纳日期"),
  text("正当理由", 24),
]);

const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/** "2026-03", "2026/3", "2026年3月" → "2026-03"; null when not a month. */
export function duesMonth(value: CellValue): string | null {
  const m = MONTH.exec(toText(value).trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, "0")}` : null;
}

export type DuesProblem = "unpaid" | "short" | "late";
const PROBLEM_TEXT: Record<DuesProblem, string> = { unpaid: "未交纳", short: "未足额交纳", late: "逾期交纳" };

/** What a register row says of its month: nothing wrong, or unpaid / short / late (none when a 正当理由 is given). */
function problemOf(values: Record<string, CellValue>, month: string): DuesProblem | null {
  if (!isBlank(values["正当理由"])) return null;
  const due = toNumber(values["应交"]);
  const paid = toNumber(values["实交"]);
  if (paid === null || paid <= 0) return "unpaid";
  if (due !== null && paid < due) return "short";
  const on = toIsoDate(values["交纳日期"]);
  const [y, m] = month.split("-").map(Number);
  if (on && on > `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}`) return "late";
  return null;
}

/** The dues item's entries the register gives (dated the last day of the month), for a scheme that names one. */
export function duesEntries(table: TableData | undefined, scheme: Scheme): LedgerEntry[] {
  const item = scheme.dues?.item;
  if (!item || !table) return [];
  const entries: LedgerEntry[] = [];
  for (const r of rowsOf(table)) {
    const month = duesMonth(r.values["月份"]);
    const id = toText(r.values["编号"]);
    if (!month || !id) continue;
    const problem = problemOf(r.values, month);
    if (!problem) continue;
    const [y, m] = month.split("-").map(Number);
    entries.push({ date: `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}`, memberId: id, itemCode: item, note: `「${DUES_STORE.sheet}」第${r.row}行 ${month} ${PROBLEM_TEXT[problem]}` });
  }
  return entries;
}

/** 党费交纳 rows of approved periods changed since the approval (findApprovedDuesEdits), as errors at their rows. */
export function approvedDuesIssues(table: TableData | undefined, tables: ReadonlyMap<string, TableData>, scheme: Scheme): ValidationIssue[] {
  const month = table ? headerIndex(table.headers, "月份") : -1;
  const column = columnLetter((table?.firstColumn ?? 0) + Math.max(month, 0));
  return findApprovedDuesEdits(tables, scheme).map((e) => ({
    code: "approved-period-edited",
    severity: "error",
    sheet: DUES_STORE.sheet,
    row: e.row,
    column,
    header: "月份",
    message: `第${e.row}行 ${e.detail}`,
    values: {},
  }));
}

/** Problems of the register as typed; and, where the ledger also has the dues item in a month the register covers, a warning (it would count twice). */
export function validateDues(table: TableData | undefined, rosterIds: ReadonlySet<string>, scheme: Scheme | null, ledgerDues: readonly { memberId: string; date: string }[]): ValidationIssue[] {
  const seen = new Map<string, number>();
  const inLedger = new Set(ledgerDues.map((e) => `${e.memberId}|${e.date.slice(0, 7)}`));
  return checkStoreRows(table, (row) => {
    const month = duesMonth(row.values["月份"]);
    if (!month) row.add("月份", "error", "dues-bad-month", `月份「${row.text("月份") || "（空）"}」应写作 2026-03`);
    const id = row.member(rosterIds);
    for (const header of ["应交", "实交"]) {
      const v = row.values[header];
      if (!isBlank(v ?? null) && (toNumber(v ?? null) === null || toNumber(v ?? null)! < 0)) row.add(header, "error", "dues-bad-amount", `${header}「${row.text(header)}」不是金额`);
    }
    if (!isBlank(row.values["交纳日期"] ?? null) && !toIsoDate(row.values["交纳日期"] ?? null)) row.add("交纳日期", "error", "dues-bad-date", `交纳日期「${row.text("交纳日期")}」不是日期`);
    if (!month) return;
    row.once(seen, `${id}|${month}`, "月份", "dues-duplicate", (first) => `${id} 的 ${month} 党费已在第${first}行登记`);
    if (scheme?.dues && inLedger.has(`${id}|${month}`))
      row.add("月份", "warning", "dues-also-in-ledger", `${id} ${month} 的党费问题已由本表计分，「积分台账」中又有 ${scheme.dues.item} 记录：会重复扣分`);
  });
}

export interface DuesInput {
  memberId: string;
  month: string;
  due: number | string;
  paid?: number | string;
  paidOn?: string;
  reason?: string;
}

/**
 * Appends one member-month to 党费交纳 (created with its dropdowns on first use), logged; a bad field is
 * refused, and so is a month of an approved period (`approvedPeriod`, for schemes that score dues).
 */
export function planDues(
  table: TableData | undefined,
  members: readonly { id: string; name: string }[],
  input: DuesInput,
  now: Date,
  approvedPeriod?: (month: string) => string | null,
): WorkbookOp[] {
  const member = members.find((m) => m.id === input.memberId);
  if (!member) throw new Refused("dues", `编号「${input.memberId}」不在党员名册中`);
  const month = duesMonth(input.month);
  if (!month) throw new Refused("dues", `月份「${input.month}」应写作 2026-03`);
  const closed = approvedPeriod?.(month);
  if (closed) throw new Refused("dues", `${month} 属于已审定的 ${closed}，党费记录计分，不能再补登；更正须通过申诉（处理申诉后再重新审定）`);
  const due = toNumber(input.due);
  if (due === null || due < 0) throw new Refused("dues", `应交「${input.due}」不是金额`);
  const paid = input.paid === undefined || input.paid === "" ? null : toNumber(input.paid);
  if (paid !== null && paid < 0) throw new Refused("dues", `实交「${input.paid}」不是金额`);
  if (input.paid !== undefined && input.paid !== "" && paid === null) throw new Refused("dues", `实交「${input.paid}」不是金额`);
  const paidOn = input.paidOn ? toIsoDate(input.paidOn) : null;
  if (input.paidOn && !paidOn) throw new Refused("dues", `交纳日期「${input.paidOn}」不是日期`);
  if (rowsOf(table).some((r) => toText(r.values["编号"]) === member.id && duesMonth(r.values["月份"]) === month)) throw new Refused("dues", `${member.name}（${member.id}）${month} 的党费已登记`);
  const row: Cell[] = [month, member.id, member.name, due, paid, paidOn ? isoToSerial(paidOn) : null, input.reason?.trim() || null];
  const problem = problemOf({ 应交: due, 实交: paid, 交纳日期: paidOn, 正当理由: input.reason ?? null }, month);
  return [
    ...appendToStore(DUES_STORE, table, [row]),
    logOp(now, [{ action: "登记党费", sheet: DUES_STORE.sheet, range: "", detail: `${member.name}（${member.id}）${month} 应交 ${due} 实交 ${paid ?? 0}${problem ? `（${PROBLEM_TEXT[problem]}）` : ""}` }]),
  ];
}
