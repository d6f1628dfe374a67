// 上年积分: last cycle's total of each member, for schemes whose base is carried over (医院: 「当年党支部、
// 党员基础分为上年党支部、党员个人考核分的40%」). Written by `init --previous` from last year's ledger, or typed.
import { toNumber, toText } from "../cells";
import type { MemberScore } from "../engine/types";
import { type TableSheetDef, memberId, number, sideSheet, text } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
import { appendToStore, formatsOf } from "../ledger/scaffold";
import type { Scheme } from "../scheme/schema";
import type { Cell, TableData, WorkbookOp } from "../sheetModel";
import { checkStoreRows } from "../stores/storeRows";
import type { ValidationIssue } from "../validation/validateLedger";

export const PREVIOUS_TOTALS: TableSheetDef = sideSheet("上年积分", "PreviousTotalTable", "上年度每名党员的考核总分（按方案结转为今年的基础分）", [
  memberId(),
  text("姓名", 10),
  number("上年得分", 10),
  text("来源", 40),
]);

/** The components that start from last cycle's total, with their share and fallback. */
export function carryOverComponents(scheme: Scheme): { name: string; fraction: number; fallback: number }[] {
  return scheme.components.flatMap((c) => (c.kind === "points" && c.carryOver ? [{ name: c.name, fraction: c.carryOver.fraction, fallback: c.carryOver.fallback }] : []));
}

/** Last cycle's totals by member id (rows whose 上年得分 is not a number are left out and reported by validation). */
export function readPreviousTotals(table: TableData | undefined): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of rowsOf(table)) {
    const id = toText(r.values["编号"]);
    const total = toNumber(r.values["上年得分"]);
    if (id && total !== null && !(id in totals)) totals[id] = total;
  }
  return totals;
}

/** Problems of 上年积分, and, for a carrying scheme, the members it lacks (who start from the fallback). */
export function validatePreviousTotals(table: TableData | undefined, scheme: Scheme | null, members: readonly { id: string; name: string }[]): ValidationIssue[] {
  const seen = new Map<string, number>();
  const issues = checkStoreRows(table, (row) => {
    // A member who has left the branch keeps last year's row: only a blank 编号 is wrong.
    const id = row.text("编号");
    if (!id) row.add("编号", "error", "member-id-blank", "编号为空");
    const total = toNumber(row.values["上年得分"] ?? null);
    if (total === null || total < 0) row.add("上年得分", "error", "previous-total-bad", `上年得分「${row.text("上年得分") || "（空）"}」不是不小于 0 的数`);
    row.once(seen, id, "编号", "previous-total-duplicate", (first) => `${id} 的上年得分已在第${first}行填写`);
  });
  const carried = scheme ? carryOverComponents(scheme) : [];
  if (carried.length === 0) return issues;
  const have = readPreviousTotals(table);
  const missing = members.filter((m) => !(m.id in have));
  if (missing.length > 0) {
    const fallback = carried.map((c) => `${c.name}按 ${c.fallback} 分`).join("、");
    const names = missing.slice(0, 10).map((m) => `${m.name}（${m.id}）`).join("、") + (missing.length > 10 ? ` 等 ${missing.length} 人` : "");
    issues.push({
      code: "previous-total-missing",
      severity: "warning",
      sheet: PREVIOUS_TOTALS.sheet,
      row: (table?.firstRow ?? 2) + (table?.rows.length ?? 0),
      column: "A",
      header: "编号",
      message: `本方案的基础分由上年得分结转（${carried.map((c) => `${c.name}为上年得分的 ${c.fraction * 100}%`).join("、")}），以下党员没有上年得分，${fallback}：${names}`,
      values: {},
    });
  }
  return issues;
}

/** Replaces 上年积分 with last cycle's totals (`init --previous`), logged. */
export function planPreviousTotals(table: TableData | undefined, totals: readonly Pick<MemberScore, "id" | "name" | "total">[], source: string, now: Date): WorkbookOp[] {
  const rows: Cell[][] = totals.map((m) => [m.id, m.name, m.total, source]);
  const write: WorkbookOp[] = table ? [{ op: "replaceRows", table: PREVIOUS_TOTALS.table, rows, formats: formatsOf(PREVIOUS_TOTALS), currentRows: table.rows.length }] : appendToStore(PREVIOUS_TOTALS, undefined, rows);
  return [...write, logOp(now, [{ action: "结转上年得分", sheet: PREVIOUS_TOTALS.sheet, range: "", detail: `${rows.length} 名党员的上年得分，来自${source}` }])];
}

/**
 * A roster file's 上年得分 column into 上年积分: members not there yet are added (one row each, with where
 * it came from); a member already there keeps the row it has, and is named in `kept`.
 */
export function planPreviousFromRoster(
  table: TableData | undefined,
  cells: readonly { line: number; id: string; name: string; value: Cell; source: string }[],
  from: string,
): { ops: WorkbookOp[]; added: number; kept: string[] } {
  const have = new Set(rowsOf(table).map((r) => toText(r.values["编号"])));
  const rows: Cell[][] = [];
  const kept: string[] = [];
  for (const c of cells) {
    if (!c.id) continue;
    if (have.has(c.id)) {
      kept.push(c.id);
      continue;
    }
    have.add(c.id);
    rows.push([c.id, c.name, c.value, `${from}第 ${c.line} 行「${c.source}」`]);
  }
  return { ops: rows.length ? appendToStore(PREVIOUS_TOTALS, table, rows) : [], added: rows.length, kept };
}
