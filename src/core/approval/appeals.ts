import { Refused } from "../errors";
import { isBlank, toIsoDate, toText } from "../cells";
import { SHEETS } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
import { RECORD_ID, REVERSES, planLedgerAppend, planRecordIds, recordNumber } from "../ledger/recordIds";
import { formatsOf } from "../ledger/scaffold";
import { tryParsePeriod } from "../period";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, isoToSerial } from "../sheetModel";
import { entryPoints } from "../engine/entryPoints";


export interface AppealInput {
  memberId: string;
  period: string;
  claim: string;
  evidence?: string;
  date: string;
}

function memberName(tables: Map<string, TableData>, id: string): string | null {
  const row = rowsOf(tables.get(SHEETS.roster.table)).find((r) => toText(r.values["编号"]) === id);
  return row ? toText(row.values["姓名"]) : null;
}

/** Records a member's appeal; returns its number (A001, A002, …). */
export function planAppeal(tables: Map<string, TableData>, scheme: Scheme, input: AppealInput, now: Date): { id: string; ops: WorkbookOp[] } {
  const name = memberName(tables, input.memberId);
  if (name === null) throw new Refused("appeal", `编号「${input.memberId}」不在党员名册中`);
  const period = tryParsePeriod(input.period, scheme.cycleStartMonth);
  if (!period) throw new Refused("appeal", `期间「${input.period}」无法识别`);
  const date = toIsoDate(input.date);
  if (!date) throw new Refused("appeal", `登记日期「${input.date}」不是有效日期`);
  if (!input.claim.trim()) throw new Refused("appeal", "申诉事项不能为空");
  const existing = rowsOf(tables.get(SHEETS.appeals.table)).map((r) => toText(r.values["申诉编号"]));
  let n = existing.length + 1;
  while (existing.includes(`A${String(n).padStart(3, "0")}`)) n++;
  const id = `A${String(n).padStart(3, "0")}`;
  return {
    id,
    ops: [
      {
        op: "appendRows",
        table: SHEETS.appeals.table,
        rows: [[id, isoToSerial(date), input.memberId, name, period.label, input.claim, input.evidence ?? null, null, null, null]],
        formats: formatsOf(SHEETS.appeals),
      },
      logOp(now, [{ action: "登记申诉", sheet: SHEETS.appeals.sheet, range: id, detail: `${name}（${input.memberId}）对 ${period.label} 积分提出申诉` }]),
    ],
  };
}

export interface Resolution {
  appealId: string;
  result: string;
  date: string;
  /** Ledger row (sheet row number, as the clerk sees it now) the appeal showed to be wrong: cancelled by a reversing row. */
  reverseRow?: number;
  /** The same by its 记录号 (what the reversing row records either way). */
  reverseId?: number;
  /** A correct entry to add instead (or in addition). */
  correction?: { itemCode: string; date: string; count?: number; value?: number };
}

/**
 * Resolves an appeal. The original entry is never edited: a wrong row is cancelled by a new row that
 * names its 记录号 in 撤销记录号, and a correct entry is added as a new row; both point to the appeal,
 * and the appeal row records where they went.
 */
export function planResolution(tables: Map<string, TableData>, scheme: Scheme, r: Resolution, now: Date): { ops: WorkbookOp[]; rows: number[]; ids: number[] } {
  const appeals = rowsOf(tables.get(SHEETS.appeals.table));
  const index = appeals.findIndex((a) => toText(a.values["申诉编号"]) === r.appealId);
  if (index < 0) throw new Refused("appeal", `没有申诉编号 ${r.appealId}`);
  const appeal = appeals[index];
  if (!isBlank(appeal.values["处理结果"])) throw new Refused("appeal", `申诉 ${r.appealId} 已处理：${toText(appeal.values["处理结果"])}`);
  const date = toIsoDate(r.date);
  if (!date) throw new Refused("appeal", `处理日期「${r.date}」不是有效日期`);
  const memberId = toText(appeal.values["编号"]);
  const name = toText(appeal.values["姓名"]);
  const ledger = tables.get(SHEETS.ledger.table);
  if (!ledger && (r.reverseRow !== undefined || r.reverseId !== undefined || r.correction)) throw new Refused("appeal", `没有「${SHEETS.ledger.sheet}」表格`);
  // Rows named by 记录号: the ledger is brought up to date first, in the same batch.
  const current = ledger ? planRecordIds(ledger) : null;
  const ledgerRows = rowsOf(current?.table);
  const newRows: Cell[][] = [];
  const note = `申诉 ${r.appealId}：${r.result}`;
  const layout = (cells: Record<string, Cell>): Cell[] => SHEETS.ledger.columns.map((c) => cells[c.header] ?? null);
  if (r.reverseRow !== undefined || r.reverseId !== undefined) {
    const original =
      r.reverseId !== undefined ? ledgerRows.find((x) => recordNumber(x.values[RECORD_ID]) === r.reverseId) : ledgerRows.find((x) => x.row === r.reverseRow);
    const named = r.reverseId !== undefined ? `记录号 ${r.reverseId}` : `第${r.reverseRow}行`;
    if (!original || Object.values(original.values).every((v) => isBlank(v))) throw new Refused("appeal", `积分台账没有${named}`);
    if (toText(original.values["编号"]) !== memberId) throw new Refused("appeal", `积分台账${named}不是申诉人 ${name}（${memberId}）的记录`);
    const v = original.values;
    const id = recordNumber(v[RECORD_ID])!;
    newRows.push(layout({ 日期: v["日期"], 编号: memberId, 姓名: name, 项目代码: v["项目代码"], 项目名称: v["项目名称"], 次数: v["次数"], 分值: v["分值"], 证明材料: `申诉 ${r.appealId}`, 说明: `撤销记录号 ${id}（第${original.row}行；${note}）`, [REVERSES]: id }));
  }
  if (r.correction) {
    const item = scheme.items.find((i) => i.code.toUpperCase() === r.correction!.itemCode.toUpperCase());
    if (!item) throw new Refused("appeal", `更正项目「${r.correction.itemCode}」不是本方案的积分项目`);
    const points = entryPoints(item, r.correction.count, r.correction.value);
    if (!points.ok) throw new Refused("appeal", `更正记录无效：${points.message}`);
    const entryDate = toIsoDate(r.correction.date);
    if (!entryDate) throw new Refused("appeal", `更正记录日期「${r.correction.date}」不是有效日期`);
    const value = r.correction.value ?? (item.points.kind === "fixed" ? item.points.value : null);
    newRows.push(layout({ 日期: isoToSerial(entryDate), 编号: memberId, 姓名: name, 项目代码: item.code, 项目名称: item.name, 次数: r.correction.count ?? 1, 分值: value, 证明材料: `申诉 ${r.appealId}`, 说明: `更正（${note}）` }));
  }
  const ops: WorkbookOp[] = [];
  let rows: number[] = [];
  let ids: number[] = [];
  if (newRows.length && ledger) {
    const append = planLedgerAppend(ledger, newRows, current ?? undefined);
    ops.push(...append.ops);
    if (append.log.length) ops.push(logOp(now, append.log));
    rows = append.rowNumbers;
    ids = append.ids;
  }
  const where = rows.length ? `积分台账记录号 ${ids.join("、")}（第${rows.join("、")}行）` : "无需更正";
  ops.push({ op: "setCells", table: SHEETS.appeals.table, row: index, cells: { 7: r.result, 8: isoToSerial(date), 9: where }, formats: formatsOf(SHEETS.appeals) });
  ops.push(logOp(now, [{ action: "处理申诉", sheet: SHEETS.appeals.sheet, range: r.appealId, detail: `${r.result}；${where}` }]));
  return { ops, rows, ids };
}
