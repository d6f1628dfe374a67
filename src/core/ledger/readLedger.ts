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

export const LEDGER_TABLES: SheetKey[] = ["settings", "roster", "ledger", "appraisals"];

/**
 * The ledger as the engine takes it. Cells are read leniently (numeric text, full-width digits,
 * serial or text dates); what cannot be read stays as written so the engine and the validator
 * can report it at its row. Blank rows are skipped.
 */
export function readLedger(tables: Map<string, TableData>): LedgerContents {
  const settings = new Map<string, string>();
  for (const r of rowsOf(tables.get(SHEETS.settings.table))) {
    const key = toText(get(r, "项目"));
    if (key) settings.set(key, toText(get(r, "值")));
  }
  const members: Member[] = [];
  for (const r of rowsOf(tables.get(SHEETS.roster.table))) {
    if (isBlankRow(r)) continue;
    members.push({
      id: toText(get(r, "编号")),
      name: toText(get(r, "姓名")),
      category: toText(get(r, "党员类别")),
      joinedOn: toIsoDate(get(r, "入党日期")) ?? undefined,
    });
  }
  const entries: LedgerEntry[] = [];
  for (const r of rowsOf(tables.get(SHEETS.ledger.table))) {
    if (isBlankRow(r)) continue;
    const count = get(r, "次数");
    const value = get(r, "分值");
    entries.push({
      date: toIsoDate(get(r, "日期")) ?? toText(get(r, "日期")),
      memberId: toText(get(r, "编号")),
      itemCode: toText(get(r, "项目代码")).toUpperCase(),
      count: isBlank(count) ? undefined : toNumber(count) ?? Number.NaN,
      value: isBlank(value) ? undefined : toNumber(value) ?? Number.NaN,
      note: toText(get(r, "说明")) || undefined,
      ref: r.row,
    });
  }
  const appraisals: Appraisal[] = [];
  for (const r of rowsOf(tables.get(SHEETS.appraisals.table))) {
    if (isBlankRow(r)) continue;
    const score = get(r, "分值");
    appraisals.push({
      cycleYear: toNumber(get(r, "年度")) ?? Number.NaN,
      memberId: toText(get(r, "编号")),
      grade: toText(get(r, "评议等次")) || undefined,
      score: isBlank(score) ? undefined : toNumber(score) ?? Number.NaN,
    });
  }
  return { settings, members, entries, appraisals };
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
