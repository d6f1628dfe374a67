import { Refused } from "../errors";
import { isBlank, toIsoDate, toText } from "../cells";
import { SHEETS } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
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
  /** Ledger row (sheet row number) the appeal showed to be wrong: cancelled by a reversing row. */
  reverseRow?: number;
  /** A correct entry to add instead (or in addition). */
  correction?: { itemCode: string; date: string; count?: number; value?: number };
}

/**
 * Resolves an appeal. The original entry is never edited: a wrong row is cancelled by a new row that
 * names it in 撤销行号, and a correct entry is added as a new row; both point to the appeal, and the
 * appeal row records where they went.
 */
export function planResolution(tables: Map<string, TableData>, scheme: Scheme, r: Resolution, now: Date): { ops: WorkbookOp[]; rows: number[] } {
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
  const ledgerRows = rowsOf(ledger);
  let next = (ledger?.firstRow ?? 2) + (ledger?.rows.length ?? 0);
  const newRows: Cell[][] = [];
  const rowNumbers: number[] = [];
  const note = `申诉 ${r.appealId}：${r.result}`;
  if (r.reverseRow !== undefined) {
    const original = ledgerRows.find((x) => x.row === r.reverseRow);
    if (!original) throw new Refused("appeal", `积分台账没有第${r.reverseRow}行`);
    if (toText(original.values["编号"]) !== memberId) throw new Refused("appeal", `积分台账第${r.reverseRow}行不是申诉人 ${name}（${memberId}）的记录`);
    const v = original.values;
    newRows.push([v["日期"], memberId, name, v["项目代码"], v["项目名称"], v["次数"], v["分值"], `申诉 ${r.appealId}`, null, `撤销第${r.reverseRow}行（${note}）`, r.reverseRow]);
    rowNumbers.push(next++);
  }
  if (r.correction) {
    const item = scheme.items.find((i) => i.code.toUpperCase() === r.correction!.itemCode.toUpperCase());
    if (!item) throw new Refused("appeal", `更正项目「${r.correction.itemCode}」不是本方案的积分项目`);
    const points = entryPoints(item, r.correction.count, r.correction.value);
    if (!points.ok) throw new Refused("appeal", `更正记录无效：${points.message}`);
    const entryDate = toIsoDate(r.correction.date);
    if (!entryDate) throw new Refused("appeal", `更正记录日期「${r.correction.date}」不是有效日期`);
    const value = r.correction.value ?? (item.points.kind === "fixed" ? item.points.value : null);
    newRows.push([isoToSerial(entryDate), memberId, name, item.code, item.name, r.correction.count ?? 1, value, `申诉 ${r.appealId}`, null, `更正（${note}）`, null]);
    rowNumbers.push(next++);
  }
  const ops: WorkbookOp[] = [];
  if (newRows.length) ops.push({ op: "appendRows", table: SHEETS.ledger.table, rows: newRows, formats: formatsOf(SHEETS.ledger) });
  const where = rowNumbers.length ? `积分台账第${rowNumbers.join("、")}行` : "无需更正";
  ops.push({ op: "setCells", table: SHEETS.appeals.table, row: index, cells: { 7: r.result, 8: isoToSerial(date), 9: where }, formats: formatsOf(SHEETS.appeals) });
  ops.push(logOp(now, [{ action: "处理申诉", sheet: SHEETS.appeals.sheet, range: r.appealId, detail: `${r.result}；${where}` }]));
  return { ops, rows: rowNumbers };
}
