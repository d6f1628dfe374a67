import type { WorkbookGateway } from "../app/gateway";

/**
 * Where the task pane's workbook lives: Excel (Office.js) or the web page (网页版, the .xlsx in the browser). The
 * gateway carries all reading and writing; the host adds what only a workbook window can do.
 */
export interface LedgerHost {
  readonly kind: "excel" | "web";
  readonly gateway: WorkbookGateway;
  /** Shows the sheet and selects one cell (column letter, sheet row number). */
  selectCell(sheet: string, row: number, column: string): Promise<void>;
  /** Shows a sheet. */
  showSheet(sheet: string): Promise<void>;
  /**
   * The workbook's scheme (设置, 自定义方案) may have changed: hand it to the PARTY.* functions and
   * recalculate. Resolves to the scheme id now in 设置.
   */
  schemeChanged(): Promise<string | null>;
}
