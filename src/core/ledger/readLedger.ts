import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { ledgerEntries } from "../engine/scoreMembers";
import type { Appraisal, LedgerColumns, LedgerEntry, Member } from "../engine/types";
import type { Cell, TableData } from "../sheetModel";
import { headerText } from "../tableRegion";
import { type CellReaders, PLAIN_READERS, ledgerColumnsOfTable } from "./entryColumns";
import { SETTINGS_KEYS, SHEETS, type SheetKey, TRANSFERRED_IN } from "./layout";

export { type CellReaders, PLAIN_READERS } from "./entryColumns";

/** One table row with its cells keyed by header (as compared: spaces and line breaks left out, headerText) and its sheet row number. */
export interface SheetRow {
  row: number;
  values: Record<string, Cell>;
}

export function rowsOf(table: TableData | undefined): SheetRow[] {
  if (!table) return [];
  const keys = table.headers.map(headerText);
  return table.rows.map((cells, i) => ({
    row: table.firstRow + i,
    values: Object.fromEntries(keys.map((h, c) => [h, cells[c] ?? null])),
  }));
}

function get(row: SheetRow, header: string): CellValue {
  return row.values[header] ?? null;
}

function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.values).every((v) => isBlank(v));
}

/** The ledger as the engine scores it. */
export interface LedgerModel {
  settings: Map<string, string>;
  members: Member[];
  /** 积分台账 as columns (the one reading, entryColumns.ts): no object per row. */
  entries: LedgerColumns;
  appraisals: Appraisal[];
}

/** The ledger with an object per entry, for callers that walk a few entries (not the engine). */
export interface LedgerContents extends Omit<LedgerModel, "entries"> {
  entries: LedgerEntry[];
}

/** The tables a whole-ledger read takes (approvals included, so edits to approved periods can be found). */
export const LEDGER_TABLES: SheetKey[] = ["settings", "roster", "ledger", "appraisals", "approvals", "approvalPrints"];

function optionalNumber(value: CellValue): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  return isBlank(value) ? undefined : toNumber(value) ?? Number.NaN;
}

export interface MemberCells {
  id: CellValue;
  name: CellValue;
  category: CellValue;
  joinedOn: CellValue;
  transferredIn?: CellValue;
}

export function memberFromCells(cells: MemberCells, read: CellReaders = PLAIN_READERS): Member {
  const member: Member = { id: read.text(cells.id), name: read.text(cells.name), category: read.text(cells.category), joinedOn: toIsoDate(cells.joinedOn) ?? undefined };
  const transferredIn = toIsoDate(cells.transferredIn ?? null);
  if (transferredIn) member.transferredIn = transferredIn;
  return member;
}

export function appraisalFromCells(year: CellValue, memberId: CellValue, grade: CellValue, score: CellValue, read: CellReaders = PLAIN_READERS): Appraisal {
  return { cycleYear: toNumber(year) ?? Number.NaN, memberId: read.text(memberId), grade: read.text(grade) || undefined, score: optionalNumber(score) };
}

/**
 * The ledger as the engine takes it. Cells are read leniently (numeric text, full-width digits,
 * serial or text dates); what cannot be read stays as written so the engine and the validator
 * can report it at its row. Blank rows are skipped. 积分台账 is read straight into columns.
 */
export function readLedgerModel(tables: Map<string, TableData>): LedgerModel {
  const settings = readSettings(tables);
  const members = rowsOf(tables.get(SHEETS.roster.table))
    .filter((r) => !isBlankRow(r))
    .map((r) => memberFromCells({ id: get(r, "编号"), name: get(r, "姓名"), category: get(r, "党员类别"), joinedOn: get(r, "入党日期"), transferredIn: get(r, TRANSFERRED_IN) }));
  const entries = ledgerColumnsOfTable(tables.get(SHEETS.ledger.table));
  const appraisals = rowsOf(tables.get(SHEETS.appraisals.table))
    .filter((r) => !isBlankRow(r))
    .map((r) => appraisalFromCells(get(r, "年度"), get(r, "编号"), get(r, "评议等次"), get(r, "分值")));
  return { settings, members, entries, appraisals };
}

/** readLedgerModel with an object per entry. */
export function readLedger(tables: Map<string, TableData>): LedgerContents {
  const model = readLedgerModel(tables);
  return { ...model, entries: ledgerEntries(model.entries) };
}

/** The 设置 sheet as 项目 → 值. */
export function readSettings(tables: ReadonlyMap<string, TableData>): Map<string, string> {
  const settings = new Map<string, string>();
  for (const r of rowsOf(tables.get(SHEETS.settings.table))) {
    const key = toText(get(r, "项目"));
    // Kept under SETTINGS_KEYS' own spelling: reading turns its full-width brackets （） half-width.
    // Values as typed: a branch name or 申诉联系人 prints with the clerk's own full-width punctuation.
    const value = get(r, "值");
    if (key) settings.set(CANONICAL_KEYS.get(key) ?? key, typeof value === "string" ? value.trim() : toText(value));
  }
  return settings;
}

const CANONICAL_KEYS = new Map(Object.values(SETTINGS_KEYS).map((k) => [toText(k), k]));

export function settingsYear(settings: Map<string, string>): number | null {
  const n = toNumber(settings.get(SETTINGS_KEYS.year) ?? "");
  return n !== null && Number.isInteger(n) ? n : null;
}

/** A TableData for a layout table from rows in its column order (first data row at sheet row 2). */
export function tableFromRows(def: { table: string; sheet: string; columns: readonly { header: string }[] }, rows: Cell[][]): TableData {
  const headers = def.columns.map((c) => c.header);
  return { name: def.table, sheet: def.sheet, headers, rows: rows.map((r) => headers.map((_, i) => r[i] ?? null)), rowCount: rows.length, firstRow: 2, firstColumn: 0 };
}
