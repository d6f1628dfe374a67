/**
 * Every table the add-in reads, by table name: its sheet and headers. A gateway that does not find a
 * table object looks for the table's header row on its sheet (the table converted to a range).
 */
import { SHEETS, type TableSheetDef } from "../ledger/layout";
import { SCHEME_STORE } from "../scheme/workbookSchemes";
import { APPROVED_SCORES } from "../approval/approvedScores";
import { SIDE_STORES } from "./index";

export interface KnownTable {
  table: string;
  sheet: string;
  headers: readonly string[];
}

function known(def: TableSheetDef): KnownTable {
  return { table: def.table, sheet: def.sheet, headers: def.columns.map((c) => c.header) };
}

/** The add-in's table sheets beside the ledger's own (SHEETS), created on first use. */
export const SIDE_SHEET_DEFS: readonly TableSheetDef[] = [...SIDE_STORES.map((s) => s.def), SCHEME_STORE, APPROVED_SCORES];

// 审定积分 too: the committee's final points, which every score of an approved period is read from.
export const KNOWN_TABLES: readonly KnownTable[] = [...Object.values(SHEETS).map(known), ...SIDE_SHEET_DEFS.map(known)];

export function knownTable(name: string): KnownTable | undefined {
  return KNOWN_TABLES.find((t) => t.table === name);
}
