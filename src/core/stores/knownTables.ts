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

// 审定积分 too: the committee's final points, which every score of an approved period is read from.
export const KNOWN_TABLES: readonly KnownTable[] = [...Object.values(SHEETS).map(known), ...SIDE_STORES.map((s) => known(s.def)), known(SCHEME_STORE), known(APPROVED_SCORES)];

export function knownTable(name: string): KnownTable | undefined {
  return KNOWN_TABLES.find((t) => t.table === name);
}
