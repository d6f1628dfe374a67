/**
 * Plain descriptions of what goes into a workbook. The core produces these; the gateways
 * (Office.js, exceljs, in-memory) turn them into real sheets.
 */

/** A raw cell as read from a workbook: dates arrive as Excel serial numbers, errors as "#N/A" etc. */
export type Cell = string | number | boolean | null;

export type CellStyle = "title" | "subtitle" | "header" | "cell" | "number" | "date" | "total" | "note" | "signature";

/** One cell to write. `text` forces the value to be stored as text (a name like "=1+1" stays a name). */
export interface CellSpec {
  value?: Cell;
  /** A standard Excel formula, e.g. "=SUM(C4:C20)". Never PARTY.* in committee sheets. */
  formula?: string;
  /** The formula's result when the model knows it, stored as the cached value for readers that do not recalculate. */
  result?: Cell;
  text?: boolean;
  /** Written as a real date (Excel serial) with a date format. Value is an ISO date. */
  date?: boolean;
  style?: CellStyle;
}

export interface PageSetup {
  orientation: "portrait" | "landscape";
  /** Rows repeated at the top of every printed page, 1-based inclusive. */
  printTitleRows?: [number, number];
  /** Fit all columns onto one page wide. */
  fitToWidth: boolean;
  /** Excel header/footer codes: &P page, &N pages, &A the sheet's name; a literal & is written &&. */
  centerHeader?: string;
  centerFooter?: string;
}

export interface SheetModel {
  name: string;
  rows: CellSpec[][];
  /** Widths in characters, from column A. */
  columnWidths?: number[];
  /** A1-style ranges to merge, e.g. "A1:H1". */
  merges?: string[];
  freezeRows?: number;
  page?: PageSetup;
  /** 1-based rows that start a new printed page (a card per member). */
  pageBreaks?: number[];
  /** Written as a hidden sheet: the add-in's own record (报表生成记录), which the clerk does not see. */
  hidden?: boolean;
  /** Native charts drawn from ranges of this sheet (gateways that cannot draw them write the data only). */
  charts?: ChartSpec[];
  /** A1 ranges that get data-bar conditional formatting (e.g. the 总分 column). */
  dataBars?: string[];
}

export type ChartKind = "column" | "bar" | "line" | "pie";

export interface ChartSeriesSpec {
  /** The series' name as shown in the legend. */
  name: string;
  /** The cell holding the name (the table header), A1 on the same sheet; the legend follows it. */
  nameCell?: string;
  /** One column of values, A1 on the same sheet, e.g. "B5:B8". */
  values: string;
}

/** A native chart: categories and series are ranges of the sheet it is on. */
export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** One column of category labels, A1, as long as each series' values. */
  categories: string;
  series: ChartSeriesSpec[];
  /** The cells the chart covers, e.g. "A12:F27". */
  anchor: string;
}

/** 1-based rows and 0-based columns of an A1 range ("B2:K20"); null when it is not one. */
export function parseA1Range(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) return null;
  return { top: Number(m[2]), left: columnIndexOf(m[1]), bottom: Number(m[4] ?? m[2]), right: columnIndexOf(m[3] ?? m[1]) };
}

/** What a model holds in each cell of a range, row by row (a formula's known result; null where unknown). */
export function modelRangeValues(model: SheetModel, ref: string): Cell[] {
  const b = parseA1Range(ref);
  if (!b) return [];
  const out: Cell[] = [];
  for (let r = b.top; r <= b.bottom; r++)
    for (let c = b.left; c <= b.right; c++) {
      const spec = model.rows[r - 1]?.[c];
      out.push(spec === undefined ? null : spec.formula !== undefined ? spec.result ?? null : spec.value ?? null);
    }
  return out;
}

export type ColumnFormat = "text" | "date" | "number" | "integer";

/** Excel number formats for column formats. */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = { text: "@", date: "yyyy-mm-dd", number: "General", integer: "0" };

export interface TableSpec {
  sheet: string;
  table: string;
  headers: string[];
  /** Per column; rows follow the same rules as appendRows. */
  formats: ColumnFormat[];
  widths: number[];
  rows: Cell[][];
  note?: string;
  /** How the sheet prints (A4, header row repeated); absent: the host's defaults. */
  page?: PageSetup;
}

export type ValidationSource = { list: string[] } | { range: { sheet: string; column: number } };

/** Rows below the header that dropdowns and whole-column formats cover (10,000 members or entries). */
export const VALIDATION_ROWS = 10000;

/** The absolute reference a range dropdown lists, e.g. '党员名册'!$A$2:$A$10001 (no leading "="). */
export function validationRangeRef(range: { sheet: string; column: number }): string {
  const c = columnLetter(range.column);
  return `${quoteSheet(range.sheet)}!$${c}$2:$${c}$${VALIDATION_ROWS + 1}`;
}

export type WorkbookOp =
  /** A new sheet holding an Excel table with a frozen header row. Fails if the sheet exists. */
  | { op: "createTable"; spec: TableSpec }
  /**
   * Rows appended at the end of an existing table. Text columns are written as text ("=x" stays text);
   * date columns take Excel serial numbers and get a date format.
   */
  | { op: "appendRows"; table: string; rows: Cell[][]; formats: ColumnFormat[] }
  /**
   * All data rows of a table replaced (for tables the add-in owns, e.g. 积分规则). `currentRows`, when
   * the caller already knows it (from inspect), saves the Office.js gateway a round trip.
   */
  | { op: "replaceRows"; table: string; rows: Cell[][]; formats: ColumnFormat[]; currentRows?: number }
  /** Some cells of one data row (0-based) of a table set, e.g. an appeal's 处理结果; keyed by column index. */
  | { op: "setCells"; table: string; row: number; cells: Record<number, Cell>; formats: ColumnFormat[] }
  /** A dropdown on a table column's data cells. */
  | { op: "setValidation"; table: string; column: number; source: ValidationSource }
  /** A generated sheet written anew: an existing sheet of that name is replaced whole. */
  | { op: "writeSheet"; model: SheetModel }
  /**
   * A table over cells already on its sheet, none of them changed: a table converted to a range is
   * re-created over `range` (A1 style, its header row first), an existing table is made to span it
   * (rows typed below it taken in; same columns). `headers` are the header cells as they stand.
   */
  | { op: "setTableRange"; sheet: string; table: string; range: string; headers: string[] }
  /**
   * A column added at the right end of an existing table: its header and each data row's value (as
   * `format` says; one value per data row). Used to bring an older ledger up to date (记录号).
   */
  | { op: "addColumn"; table: string; header: string; values: Cell[]; format: ColumnFormat }
  /** A table column's header renamed; its cells are untouched. */
  | { op: "renameColumn"; table: string; from: string; to: string }
  /**
   * A sheet's page setup, unless it has one of its own (see hasOwnPageSetup): an older ledger's sheets
   * get the add-in's print setup, a setup the clerk made is kept. Cells are not touched.
   */
  | { op: "setPage"; sheet: string; page: PageSetup }
  | { op: "protectSheet"; sheet: string }
  /** Lifted by the add-in only to append to its own protected tables (approval records), then restored. */
  | { op: "unprotectSheet"; sheet: string };

export interface TableInfo {
  name: string;
  sheet: string;
  headers: string[];
  /** Data rows (excluding the header). */
  rowCount: number;
}

export interface WorkbookSnapshot {
  sheets: string[];
  tables: TableInfo[];
}

export interface TableData extends TableInfo {
  rows: Cell[][];
  /** Sheet row number (1-based) of the first data row. */
  firstRow: number;
  /** Zero-based sheet column of the table's first column (0 = A). */
  firstColumn: number;
  /**
   * How the rows were found: by the Excel table object (absent: the default) or, the table object gone
   * (converted to a range), by its header row on its sheet (tableRegion.ts).
   */
  foundBy?: "table" | "headers";
  /** Data typed near the table but outside it (rows below after blank rows, columns beside): reported, never read as its rows. */
  outside?: OutsideCells;
}

/** Rows typed below a table after blank rows, and columns filled beside it (found by tableRegion.cellsNearTable). */
export interface OutsideCells {
  /** Non-blank rows below the table, each with its cells in the table's columns. */
  rowsBelow: { row: number; cells: Cell[] }[];
  /** Columns beside the table (0-based) with something from its header row down. */
  columnsBeside: { column: number; header: string; firstRow: number; lastRow: number; cells: number }[];
}

/** "A", "B", … "Z", "AA" … from a zero-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based column index of a column letter ("A" → 0, "AA" → 26). */
export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheet names in formulas need quotes when they are not plain identifiers (all Chinese names do in practice). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// Excel date serials are kept in ./dates with the other date helpers; re-exported for the many writers.
export { isoToSerial, serialToIso } from "./dates";
