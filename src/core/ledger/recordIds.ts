/**
 * 记录号: each ledger row's stable identity, written by the add-in. A correction names the row it
 * cancels by its 记录号 (in 撤销记录号), which sorting the ledger or inserting rows does not change.
 *
 * A ledger from before 记录号 (corrections in 撤销行号, a sheet row number) is brought up to date in
 * one batch: every row gets its current sheet row as its 记录号, so each 撤销行号 already names the
 * right 记录号 and the column is only renamed. Rows typed by hand get their 记录号 the next time the
 * add-in writes to the ledger.
 */
import { isBlank, toNumber } from "../cells";
import type { Cell, ColumnFormat, TableData, WorkbookOp } from "../sheetModel";
import { headerIndex, headerText } from "../tableRegion";
import { SHEETS, type TableSheetDef } from "./layout";
import type { LogEntry } from "./log";

export const RECORD_ID = "记录号";
export const REVERSES = "撤销记录号";
/** The column of corrections before 记录号: it holds sheet row numbers. */
export const LEGACY_REVERSES = "撤销行号";

/** How a ledger's corrections name their rows: by 记录号, or (a ledger not yet brought up to date) by sheet row. */
export interface ReversalColumns {
  /** The column a correction names its row in (撤销记录号, or 撤销行号 in an older ledger); null when absent. */
  reverses: string | null;
  /** "ids": rows are named by 记录号; "rows": by sheet row number (撤销行号). */
  keys: "ids" | "rows";
}

export function reversalColumns(headers: readonly string[]): ReversalColumns {
  const has = (h: string) => headerIndex(headers, h) >= 0;
  if (has(REVERSES)) return { reverses: REVERSES, keys: "ids" };
  if (has(LEGACY_REVERSES)) return { reverses: LEGACY_REVERSES, keys: "rows" };
  return { reverses: null, keys: "ids" };
}

/** A ledger without 记录号, or with corrections still by sheet row (撤销行号): planRecordIds brings it up to date. */
export function ledgerNeedsUpgrade(headers: readonly string[]): boolean {
  return reversalColumns(headers).keys === "rows" || headerIndex(headers, RECORD_ID) < 0;
}

/** The ledger headers scaffolding expects, given what the table has: an older ledger is brought up to date, not refused. */
export function expectedLedgerHeaders(layout: readonly string[], headers: readonly string[]): string[] {
  const legacy = reversalColumns(headers).keys === "rows";
  return layout.filter((h) => h !== RECORD_ID).map((h) => (h === REVERSES && legacy ? LEGACY_REVERSES : h));
}

/** A positive whole number as a 记录号 or a reference to one; null otherwise. */
export function recordNumber(value: Cell | undefined): number | null {
  if (value === undefined || isBlank(value)) return null;
  const n = typeof value === "number" ? value : toNumber(value);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** A row's key as corrections name it: its 记录号, or its sheet row in an older ledger. */
export function rowKey(row: { row: number; values: Record<string, Cell> }, keys: ReversalColumns["keys"]): number | null {
  return keys === "rows" ? row.row : recordNumber(row.values[RECORD_ID]);
}

/** The key of the row a correction cancels, or null. */
export function reversalTarget(row: { values: Record<string, Cell> }, columns: ReversalColumns): number | null {
  return columns.reverses === null ? null : recordNumber(row.values[columns.reverses]);
}

function blankRow(row: readonly Cell[]): boolean {
  return row.every((v) => isBlank(v));
}

/** The ledger after a plan's operations, and those operations with what they did (for 操作日志). */
export interface RecordIdPlan {
  table: TableData;
  ops: WorkbookOp[];
  log: LogEntry[];
  /** The next free 记录号. */
  next: number;
}

/**
 * Brings the ledger up to date (记录号 column, 撤销行号 renamed) and numbers every row without a
 * 记录号, in one batch. The plan's `table` is the ledger as the batch leaves it.
 */
export function planRecordIds(table: TableData): RecordIdPlan {
  const ops: WorkbookOp[] = [];
  const log: LogEntry[] = [];
  const headers = table.headers.map(headerText);
  // Rows are copied only where this plan changes them (a large ledger is mostly left as read).
  let rows: Cell[][] = table.rows as Cell[][];
  const edit = (i: number): Cell[] => (rows[i] === table.rows[i] ? (rows[i] = [...rows[i]]) : rows[i]);
  let outHeaders = [...table.headers];
  const legacy = reversalColumns(headers).keys === "rows";
  let idColumn = headers.indexOf(RECORD_ID);
  const sheet = SHEETS.ledger.sheet;
  if (idColumn < 0) {
    // Every row numbered by its sheet row: what each 撤销行号 names already.
    const values: Cell[] = rows.map((r, i) => (blankRow(r) ? null : table.firstRow + i));
    ops.push(...(legacy ? [renameOp(table)] : []), { op: "addColumn", table: table.name, header: RECORD_ID, values, format: "integer" });
    rows = rows.map((r, i) => [...r, values[i]]);
    outHeaders = [...outHeaders, RECORD_ID];
    idColumn = outHeaders.length - 1;
    log.push({ action: "升级台账", sheet, range: RECORD_ID, detail: `新增「${RECORD_ID}」列，${values.filter((v) => v !== null).length} 行按当前行号编号${legacy ? `；「${LEGACY_REVERSES}」改名为「${REVERSES}」，其中的行号即记录号` : ""}` });
  } else if (legacy) {
    // 记录号 already there but corrections still by row: each row number becomes that row's 记录号.
    const reverses = headers.indexOf(LEGACY_REVERSES);
    ops.push(renameOp(table));
    let changed = 0;
    rows = [...rows];
    rows.forEach((r, i) => {
      const target = recordNumber(r[reverses]);
      const id = target === null ? null : recordNumber(table.rows[target - table.firstRow]?.[idColumn]);
      if (id !== null && id !== target) {
        edit(i)[reverses] = id;
        ops.push({ op: "setCells", table: table.name, row: i, cells: { [reverses]: id }, formats: tableFormats(SHEETS.ledger, outHeaders) });
        changed++;
      }
    });
    log.push({ action: "升级台账", sheet, range: REVERSES, detail: `「${LEGACY_REVERSES}」改名为「${REVERSES}」，${changed} 个行号换成所指行的记录号` });
  }
  if (legacy) outHeaders = outHeaders.map((h) => (headerText(h) === LEGACY_REVERSES ? REVERSES : h));
  let next = 1;
  for (const r of rows) next = Math.max(next, (recordNumber(r[idColumn]) ?? 0) + 1);
  const numbered: number[] = [];
  const formats = tableFormats(SHEETS.ledger, outHeaders);
  rows.forEach((r, i) => {
    if (recordNumber(r[idColumn]) !== null || blankRow(r)) return;
    if (rows === table.rows) rows = [...rows];
    edit(i)[idColumn] = next;
    ops.push({ op: "setCells", table: table.name, row: i, cells: { [idColumn]: next }, formats });
    numbered.push(table.firstRow + i);
    next++;
  });
  if (numbered.length > 0) log.push({ action: "补编记录号", sheet, range: RECORD_ID, detail: `${numbered.length} 行没有记录号（手工录入），已编号：第${numbered.slice(0, 20).join("、")}${numbered.length > 20 ? "…" : ""}行` });
  return { table: { ...table, headers: outHeaders, rows }, ops, log, next };
}

function renameOp(table: TableData): WorkbookOp {
  const from = table.headers.find((h) => headerText(h) === LEGACY_REVERSES)!;
  return { op: "renameColumn", table: table.name, from, to: REVERSES };
}

/** A table's column formats by its own headers: the layout's where it names the column, plain elsewhere (the clerk's own columns). */
export function tableFormats(def: TableSheetDef, headers: readonly string[]): ColumnFormat[] {
  return headers.map((h) => def.columns.find((c) => c.header === headerText(h))?.type ?? "number");
}

/** Rows in the layout's column order put in a table's own column order (a hand-reordered table, the clerk's extra columns). */
export function rowsInTableOrder(def: TableSheetDef, headers: readonly string[], rows: readonly (readonly Cell[])[]): Cell[][] {
  const source = headers.map((h) => def.columns.findIndex((c) => c.header === headerText(h)));
  return rows.map((row) => source.map((i) => (i < 0 ? null : row[i] ?? null)));
}

/**
 * Rows appended to the ledger (in the layout's order, their 记录号 ignored) with the next 记录号 each,
 * after bringing the ledger up to date: one batch of operations and what it logged.
 */
export function planLedgerAppend(table: TableData, rows: readonly (readonly Cell[])[], upToDate: RecordIdPlan = planRecordIds(table)): RecordIdPlan & { ids: number[]; rowNumbers: number[] } {
  const plan = upToDate;
  const idAt = SHEETS.ledger.columns.findIndex((c) => c.header === RECORD_ID);
  let next = plan.next;
  const ids: number[] = [];
  const withIds = rows.map((r) => {
    const row = [...r];
    while (row.length < SHEETS.ledger.columns.length) row.push(null);
    row[idAt] = next;
    ids.push(next++);
    return row;
  });
  const inLayoutOrder = plan.table.headers.length === SHEETS.ledger.columns.length && plan.table.headers.every((h, i) => headerText(h) === SHEETS.ledger.columns[i].header);
  const ordered = inLayoutOrder ? withIds : rowsInTableOrder(SHEETS.ledger, plan.table.headers, withIds);
  const firstNew = plan.table.firstRow + plan.table.rows.length;
  const ops: WorkbookOp[] = [...plan.ops];
  if (ordered.length > 0) ops.push({ op: "appendRows", table: table.name, rows: ordered, formats: tableFormats(SHEETS.ledger, plan.table.headers) });
  return {
    ...plan,
    ops,
    next,
    ids,
    rowNumbers: ordered.map((_, i) => firstNew + i),
    table: { ...plan.table, rows: [...plan.table.rows, ...ordered], rowCount: plan.table.rowCount + ordered.length },
  };
}

/** A 撤销记录号 cell's text for messages. */
export function showKey(keys: ReversalColumns["keys"], key: number): string {
  return keys === "rows" ? `第${key}行` : `记录号 ${key}`;
}
