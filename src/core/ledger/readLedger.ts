import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import type { Appraisal, LedgerEntry, Member } from "../engine/types";
import type { Cell, TableData } from "../sheetModel";
import { SETTINGS_KEYS, SHEETS, type SheetKey } from "./layout";

/** One table row with its cells keyed by header and its sheet row number. */
export interface SheetRow {
  row: number;
  values: Record<string, Cell>;
}

export function rowsOf(table: TableData | undefined): SheetRow[] {
  if (!table) return [];
  return table.rows.map((cells, i) => ({
    row: table.firstRow + i,
    values: Object.fromEntries(table.headers.map((h, c) => [h.trim(), cells[c] ?? null])),
  }));
}

function get(row: SheetRow, header: string): CellValue {
  return row.values[header] ?? null;
}

function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.values).every((v) => isBlank(v));
}

export interface LedgerContents {
  settings: Map<string, string>;
  members: Member[];
  entries: LedgerEntry[];
  appraisals: Appraisal[];
}

/** The tables a whole-ledger read takes (approvals included, so edits to approved periods can be found). */
export const LEDGER_TABLES: SheetKey[] = ["settings", "roster", "ledger", "appraisals", "approvals", "approvalPrints"];

/** How cells become ids, codes and dates; a caller reading big ranges may pass memoized versions. */
export interface CellReaders {
  text: (value: CellValue) => string;
  code: (value: CellValue) => string;
  date: (value: CellValue) => string;
}

export const PLAIN_READERS: CellReaders = {
  text: toText,
  code: (value) => toText(value).toUpperCase(),
  // What is not a date stays as written, so the engine reports it as a bad date.
  date: (value) => toIsoDate(value) ?? toText(value),
};

function optionalNumber(value: CellValue): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  return isBlank(value) ? undefined : toNumber(value) ?? Number.NaN;
}

export function memberFromCells(id: CellValue, name: CellValue, category: CellValue, joinedOn: CellValue, read: CellReaders = PLAIN_READERS): Member {
  return { id: read.text(id), name: read.text(name), category: read.text(category), joinedOn: toIsoDate(joinedOn) ?? undefined };
}

export function entryFromCells(
  cells: { date: CellValue; memberId: CellValue; itemCode: CellValue; count: CellValue; value: CellValue; note?: CellValue; reverses?: CellValue },
  ref: number,
  read: CellReaders = PLAIN_READERS,
): LedgerEntry {
  const reverses = cells.reverses === undefined || isBlank(cells.reverses) ? null : toNumber(cells.reverses);
  // Every entry has the same shape (all keys, in one order): the engine's hot loop stays monomorphic.
  return {
    date: read.date(cells.date),
    memberId: read.text(cells.memberId),
    itemCode: read.code(cells.itemCode),
    count: optionalNumber(cells.count),
    value: optionalNumber(cells.value),
    note: cells.note === undefined ? undefined : toText(cells.note) || undefined,
    ref,
    reverses: reverses !== null && Number.isInteger(reverses) ? reverses : undefined,
  };
}

export function appraisalFromCells(year: CellValue, memberId: CellValue, grade: CellValue, score: CellValue, read: CellReaders = PLAIN_READERS): Appraisal {
  return { cycleYear: toNumber(year) ?? Number.NaN, memberId: read.text(memberId), grade: read.text(grade) || undefined, score: optionalNumber(score) };
}

/**
 * The ledger as the engine takes it. Cells are read leniently (numeric text, full-width digits,
 * serial or text dates); what cannot be read stays as written so the engine and the validator
 * can report it at its row. Blank rows are skipped.
 */
export function readLedger(tables: Map<string, TableData>): LedgerContents {
  const settings = readSettings(tables);
  const members = rowsOf(tables.get(SHEETS.roster.table))
    .filter((r) => !isBlankRow(r))
    .map((r) => memberFromCells(get(r, "编号"), get(r, "姓名"), get(r, "党员类别"), get(r, "入党日期")));
  const entries = rowsOf(tables.get(SHEETS.ledger.table))
    .filter((r) => !isBlankRow(r))
    .map((r) =>
      entryFromCells({ date: get(r, "日期"), memberId: get(r, "编号"), itemCode: get(r, "项目代码"), count: get(r, "次数"), value: get(r, "分值"), note: get(r, "说明"), reverses: get(r, "撤销行号") }, r.row),
    );
  const appraisals = rowsOf(tables.get(SHEETS.appraisals.table))
    .filter((r) => !isBlankRow(r))
    .map((r) => appraisalFromCells(get(r, "年度"), get(r, "编号"), get(r, "评议等次"), get(r, "分值")));
  return { settings, members, entries, appraisals };
}

/** The 设置 sheet as 项目 → 值. */
export function readSettings(tables: Map<string, TableData>): Map<string, string> {
  const settings = new Map<string, string>();
  for (const r of rowsOf(tables.get(SHEETS.settings.table))) {
    const key = toText(get(r, "项目"));
    if (key) settings.set(key, toText(get(r, "值")));
  }
  return settings;
}

export function settingsYear(settings: Map<string, string>): number | null {
  const n = toNumber(settings.get(SETTINGS_KEYS.year) ?? "");
  return n !== null && Number.isInteger(n) ? n : null;
}

/** A TableData for a layout table from rows in its column order (first data row at sheet row 2). */
export function tableFromRows(def: { table: string; sheet: string; columns: readonly { header: string }[] }, rows: Cell[][]): TableData {
  const headers = def.columns.map((c) => c.header);
  return { name: def.table, sheet: def.sheet, headers, rows: rows.map((r) => headers.map((_, i) => r[i] ?? null)), rowCount: rows.length, firstRow: 2, firstColumn: "A" };
}
