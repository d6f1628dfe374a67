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
  /** Several sheets as readSheet gives each, in one batch (Office.js: a fixed number of syncs); a missing sheet is absent. */
  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>>;
  /** Applies the operations in order, in one transaction. */
  apply(ops: readonly WorkbookOp[]): Promise<void>;
}

export { WorkbookError } from "../core/ops/checkOps";

/** readSheets for a gateway whose readSheet costs no round trip (files, memory): each sheet in turn. */
export async function readEachSheet(gateway: Pick<WorkbookGateway, "readSheet">, names: readonly string[]): Promise<Map<string, Cell[][]>> {
  const out = new Map<string, Cell[][]>();
  for (const name of names) {
    const cells = await gateway.readSheet(name);
    if (cells) out.set(name, cells);
  }
  return out;
}
