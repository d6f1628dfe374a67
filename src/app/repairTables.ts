import { logOp } from "../core/ledger/log";
import { SHEETS } from "../core/ledger/layout";
import { KNOWN_TABLES } from "../core/stores/knownTables";
import { type TableData, type WorkbookOp, columnLetter } from "../core/sheetModel";
import { type ValidationIssue, structuralIssues } from "../core/validation/validateLedger";
import type { WorkbookGateway } from "./gateway";

/** One table put back over its cells. */
export interface TableRepair {
  sheet: string;
  table: string;
  /** The table's range afterwards, e.g. A1:K120. */
  range: string;
  /** "restored": the table object re-created over a range found by its headers; "extended": rows typed below it taken in. */
  action: "restored" | "extended";
  /** Data rows the table holds afterwards (blank rows included). */
  rows: number;
}

export interface RepairResult {
  repaired: TableRepair[];
  /** What is still wrong with the structure after the repair (columns beside a table, missing headers …). */
  remaining: ValidationIssue[];
}

/** The range a table should span: its header row and columns, down to its last row or the last row typed below it. */
function repairOf(t: TableData): TableRepair | null {
  const below = t.outside?.rowsBelow ?? [];
  if (t.foundBy !== "headers" && below.length === 0) return null;
  const headerRow = t.firstRow - 1;
  const bottom = Math.max(headerRow + 1, t.firstRow + t.rows.length - 1, ...below.map((r) => r.row));
  const range = `${columnLetter(t.firstColumn)}${headerRow}:${columnLetter(t.firstColumn + t.headers.length - 1)}${bottom}`;
  return { sheet: t.sheet, table: t.name, range, action: t.foundBy === "headers" ? "restored" : "extended", rows: bottom - headerRow };
}

/**
 * The one-action repair of hand-edited tables: every table the add-in reads that was converted to a
 * range is re-created over its cells (found by its header row), and rows typed below a table after
 * blank rows are taken into it. No cell changes; logged. One read, one batch.
 */
export async function repairTables(gateway: WorkbookGateway, now = new Date()): Promise<RepairResult> {
  const tables = await gateway.readTables(KNOWN_TABLES.map((t) => t.table));
  const repaired = [...tables.values()].flatMap((t) => repairOf(t) ?? []);
  const ops: WorkbookOp[] = repaired.map((r) => ({ op: "setTableRange", sheet: r.sheet, table: r.table, range: r.range, headers: tables.get(r.table)!.headers }));
  if (ops.length > 0) {
    if (tables.has(SHEETS.log.table))
      ops.push(
        logOp(
          now,
          repaired.map((r) => ({ action: r.action === "restored" ? "恢复表格" : "并入表格下方的行", sheet: r.sheet, range: r.range, detail: `表格 ${r.table}，${r.rows} 行（单元格未改动）` })),
        ),
      );
    await gateway.apply(ops);
  }
  const after = ops.length > 0 ? await gateway.readTables(KNOWN_TABLES.map((t) => t.table)) : tables;
  return { repaired, remaining: structuralIssues(after) };
}
