import type { Cell, TableData, WorkbookOp, WorkbookSnapshot } from "../core/sheetModel";

/**
 * The one door to a workbook. Implementations: Office.js (inside Excel), exceljs (.xlsx files) and
 * in-memory. Each call is one batched transaction: Office.js makes a fixed number of context.sync()
 * calls per call whatever the ledger's size (plus one per 5 MB chunk of payload).
 */
export interface WorkbookGateway {
  /** Sheet names and the tables with their headers and row counts. */
  inspect(): Promise<WorkbookSnapshot>;
  /** The data of the named tables; a missing table is absent from the result. */
  readTables(names: readonly string[]): Promise<Map<string, TableData>>;
  /** The values of a whole sheet (its used range from A1), or null when there is no such sheet. */
  readSheet(name: string): Promise<Cell[][] | null>;
  /** Applies the operations in order, in one transaction. */
  apply(ops: readonly WorkbookOp[]): Promise<void>;
}

export { WorkbookError } from "../core/ops/checkOps";
