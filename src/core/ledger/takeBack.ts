/**
 * 撤销本条: a mistaken ledger row is never edited or deleted; a reversing row naming its 记录号 (in
 * 撤销记录号) is appended with the same date, so both drop out of the same open period. A row of an
 * approved period is taken back only through an appeal (申诉·审定).
 */
import { isBlank, toIsoDate, toText } from "../cells";
import { readApprovals } from "../approval/approvals";
import { periodDates, tryParsePeriod } from "../period";
import { Refused } from "../errors";
import type { Scheme } from "../scheme/schema";
import type { Cell, TableData } from "../sheetModel";
import { SHEETS } from "./layout";
import { rowsOf } from "./readLedger";
import { RECORD_ID, REVERSES, type RecordIdPlan, planLedgerAppend, planRecordIds, recordNumber, reversalColumns, reversalTarget } from "./recordIds";

/** The approval period (and its approval date) a date falls in, or null while the date's periods are open. */
export function approvalCovering(tables: Map<string, TableData>, cycleStartMonth: number, isoDate: string): { period: string; date: string } | null {
  for (const r of readApprovals(tables).records) {
    const p = tryParsePeriod(r.period, cycleStartMonth);
    if (!p) continue;
    const { start, end } = periodDates(p, cycleStartMonth);
    if (isoDate >= start && isoDate <= end) return { period: r.period, date: r.date };
  }
  return null;
}

export interface TakeBackRequest {
  /** The row's 记录号; null for a row typed by hand that has none yet. */
  id: number | null;
  /** Its sheet row as the pane read it (used when it has no 记录号). */
  row: number;
  recorder?: string;
  reason?: string;
}

export interface TakeBackPlan extends RecordIdPlan {
  ids: number[];
  rowNumbers: number[];
  /** The row taken back: its sheet row and 记录号 (given now if it had none). */
  original: { row: number; id: number; memberId: string; name: string; itemCode: string };
}

/** The reversing row of one ledger row, appended after bringing the ledger up to date; refused (Refused "entry") where the pane may not do it. */
export function planTakeBack(tables: Map<string, TableData>, scheme: Scheme, request: TakeBackRequest): TakeBackPlan {
  const ledger = tables.get(SHEETS.ledger.table);
  if (!ledger) throw new Refused("entry", `没有「${SHEETS.ledger.sheet}」表格`);
  const current = planRecordIds(ledger);
  const rows = rowsOf(current.table);
  const named = request.id !== null ? `记录号 ${request.id}` : `第${request.row}行`;
  const original = request.id !== null ? rows.find((r) => recordNumber(r.values[RECORD_ID]) === request.id) : rows.find((r) => r.row === request.row);
  if (!original || Object.values(original.values).every((v) => isBlank(v))) throw new Refused("entry", `积分台账中没有${named}（可能已被删除）：请重新读取台账`);
  const v = original.values;
  const id = recordNumber(v[RECORD_ID])!;
  const where = `第${original.row}行（记录号 ${id}）`;
  const columns = reversalColumns(current.table.headers);
  if (reversalTarget(original, columns) !== null) throw new Refused("entry", `${where}本身是一条撤销记录，不能再撤销`);
  const by = rows.find((r) => reversalTarget(r, columns) === id);
  if (by) throw new Refused("entry", `${where}已由第${by.row}行撤销`);
  const date = toIsoDate(v["日期"]);
  if (!date) throw new Refused("entry", `${where}的日期「${toText(v["日期"])}」不是日期，无法确定期间：请先改正日期`);
  const approved = approvalCovering(tables, scheme.cycleStartMonth, date);
  if (approved)
    throw new Refused(
      "entry",
      `${where}属于已审定的 ${approved.period}（${approved.date} 审定），不能在这里撤销：审定后的更正须通过申诉——在「申诉·审定」中为 ${toText(v["姓名"]) || toText(v["编号"])} 登记申诉，处理申诉时撤销这条记录`,
    );
  const reason = request.reason?.trim() || "录入有误";
  const cells: Record<string, Cell> = {
    日期: v["日期"],
    编号: v["编号"],
    姓名: v["姓名"],
    项目代码: v["项目代码"],
    项目名称: v["项目名称"],
    次数: v["次数"],
    分值: v["分值"],
    证明材料: v["证明材料"],
    记录人: request.recorder?.trim() || null,
    说明: `撤销记录号 ${id}（第${original.row}行）：${reason}`,
    [REVERSES]: id,
  };
  const append = planLedgerAppend(ledger, [SHEETS.ledger.columns.map((c) => cells[c.header] ?? null)], current);
  return { ...append, original: { row: original.row, id, memberId: toText(v["编号"]), name: toText(v["姓名"]), itemCode: toText(v["项目代码"]) } };
}
