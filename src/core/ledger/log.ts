import { localTimestamp } from "../dates";
import type { WorkbookOp } from "../sheetModel";
import { SHEETS } from "./layout";

export interface LogEntry {
  action: string;
  sheet: string;
  range: string;
  detail: string;
}

/** The 操作日志 rows for changes the add-in makes; appended in the same batch as the change. */
export function logOp(now: Date, entries: LogEntry[]): WorkbookOp {
  return {
    op: "appendRows",
    table: SHEETS.log.table,
    rows: entries.map((e) => [localTimestamp(now), e.action, e.sheet, e.range, e.detail]),
    formats: SHEETS.log.columns.map((c) => c.type),
  };
}
