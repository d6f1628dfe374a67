/**
 * The web page's workbook: the clerk's own .xlsx, opened into the preserving package layer, observable
 * (every change, activation and selection), with the grid's edits turned into the gateway's operations
 * and a flag for unsaved changes.
 */
import { toIsoDate } from "../core/dates";
import { CoreError } from "../core/errors";
import { SHEETS, type TableSheetDef } from "../core/ledger/layout";
import { SCHEME_STORE } from "../core/scheme/workbookSchemes";
import { type Cell, type ColumnFormat, type TableData, type WorkbookOp, type WorkbookSnapshot, columnIndexOf, columnLetter } from "../core/sheetModel";
import { headerText } from "../core/tableRegion";
import type { WorkbookGateway } from "../app/gateway";
import { PackageGateway } from "../hosts/xlsx/package/packageGateway";
import { FFLATE_CODEC } from "../hosts/xlsx/package/zip";
import type { LedgerHost } from "../taskpane/host";
import { syncWorkbookScheme } from "../taskpane/workbookScheme";
import { EDITABLE_TABLES, cellFromInput, columnFormats } from "./cellInput";

export interface CellRef {
  sheet: string;
  /** Sheet row number, 1-based. */
  row: number;
  /** Column letter. */
  column: string;
}

/** A grid edit the workbook does not allow (a generated sheet, the header row …); nothing was written. */
export class GridEditError extends CoreError {
  override readonly name = "GridEditError";
  constructor(message: string) {
    super("grid", message);
  }
}

/** The table on a sheet, as the grid edits it. */
export interface GridTable {
  name: string;
  headers: string[];
  formats: ColumnFormat[];
  /** Sheet row of the header (1-based); data row i is sheet row headerRow + 1 + i. */
  headerRow: number;
  /** Zero-based sheet column of the table's first column. */
  firstColumn: number;
  dataRows: number;
  /** A table the clerk types into (党员名册, 积分台账 …), not one the add-in generates. */
  editable: boolean;
}

export interface SheetView {
  sheet: string;
  /** Display text of each row from row 1; an editable table gets one empty row below it to type into. */
  rows: string[][];
  /** Column widths in pixels. */
  widths: number[];
  table: GridTable | null;
  /** Why the grid cannot be edited here, for a caption; null for an editable table. */
  readOnly: string | null;
}

/** The gateway the pane and the grid share: the package, telling the page after every batch. */
export class WatchedGateway implements WorkbookGateway {
  constructor(
    readonly inner: PackageGateway,
    private readonly onChange: () => void,
  ) {}

  inspect(): Promise<WorkbookSnapshot> {
    return this.inner.inspect();
  }

  readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    return this.inner.readTables(names);
  }

  readSheet(name: string): Promise<Cell[][] | null> {
    return this.inner.readSheet(name);
  }

  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    return this.inner.readSheets(names);
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    try {
      await this.inner.apply(ops);
    } finally {
      // A refused batch changes nothing, but a batch that failed part-way may have: never lose work silently.
      if (ops.length) this.onChange();
    }
  }
}

/** The tables the add-in writes itself (审定记录, 操作日志, 积分规则, 自定义方案 …). */
const ADDIN_TABLES = new Set([...Object.values(SHEETS).filter((d: TableSheetDef) => d.generated).map((d) => d.table), SCHEME_STORE.table]);

const MIN_WIDTH = 40;
const MAX_WIDTH = 280;

/** Pixels for text: CJK characters count double. */
function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return n * 7 + 12;
}

function shownNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/** A cell as the grid shows it. */
function shown(value: Cell, isDate: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return isDate ? (toIsoDate(value) ?? shownNumber(value)) : shownNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** Whether an Excel number format shows a date (y or d outside quoted text and [..] sections). */
function isDateFormat(code: string): boolean {
  return /[yd]/i.test(code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "")) && !/^general$/i.test(code);
}

export class WebWorkbook {
  readonly gateway: WatchedGateway;
  activeSheet: string | null = null;
  selection: CellRef | null = null;
  /** Changes not yet saved. */
  dirty = false;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private edits = 0;

  private constructor(
    inner: PackageGateway,
    /** The file name it came from, or will be saved as. */
    public fileName: string,
  ) {
    this.gateway = new WatchedGateway(inner, () => {
      this.dirty = true;
      this.edits++;
      this.changed();
    });
    this.activeSheet = this.sheetNames()[0] ?? null;
  }

  /** The clerk's file; throws BookFileError (in Chinese) for what is not an .xlsx/.xlsm. */
  static open(bytes: Uint8Array, fileName: string): WebWorkbook {
    return new WebWorkbook(PackageGateway.open(bytes, fileName, FFLATE_CODEC), fileName);
  }

  /** A new, empty workbook. */
  static create(fileName: string): WebWorkbook {
    return new WebWorkbook(PackageGateway.create(FFLATE_CODEC), fileName);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes on every edit, activation or selection (for useSyncExternalStore). */
  snapshot(): number {
    return this.version;
  }

  /** Changes only when cells change (the grid re-reads the sheet then, not on every click). */
  get contentVersion(): number {
    return this.edits;
  }

  sheetNames(): string[] {
    // The add-in's hidden record (报表生成记录) is not the clerk's to see, here as in Excel.
    return this.gateway.inner.book.sheets.filter((s) => !s.hidden).map((s) => s.name);
  }

  show(sheet: string): void {
    this.activeSheet = sheet;
    this.changed();
  }

  select(ref: CellRef): void {
    this.activeSheet = ref.sheet;
    this.selection = ref;
    this.changed();
  }

  /** The package's bytes with every change (what is saved). */
  toBytes(): Uint8Array {
    return this.gateway.inner.toBytes();
  }

  /** The bytes were written to disk: nothing is unsaved any more. */
  /** Saved as it was at `asOf` (its contentVersion when the bytes were taken): an edit made while saving stays unsaved. */
  markSaved(fileName?: string, asOf = this.edits): void {
    if (this.edits === asOf) this.dirty = false;
    if (fileName) this.fileName = fileName;
    this.changed();
  }

  /** Everything done since opening is the starting point (a new or demo workbook: nothing to lose yet). */
  markPristine(): void {
    this.dirty = false;
    this.changed();
  }

  /** The table on a sheet (an editable one first), with where it sits. */
  async tableOn(sheet: string): Promise<GridTable | null> {
    const book = this.gateway.inner.book;
    const entries = book.tables().filter((t) => t.sheet === sheet);
    if (!entries.length) return null;
    const entry = entries.find((t) => EDITABLE_TABLES.has(t.name)) ?? entries[0];
    const info = (await this.gateway.inspect()).tables.find((t) => t.name === entry.name)!;
    const m = /^\$?([A-Z]+)\$?(\d+)/.exec(entry.ref);
    const def: TableSheetDef | undefined = EDITABLE_TABLES.get(entry.name);
    return {
      name: entry.name,
      headers: info.headers,
      formats: columnFormats(def, info.headers),
      headerRow: m ? Number(m[2]) : 1,
      firstColumn: m ? columnIndexOf(m[1]) : 0,
      dataRows: info.rowCount,
      editable: def !== undefined && !book.isProtected(sheet),
    };
  }

  /** A sheet as the grid shows it: values (formulas by their results), dates as dates. */
  async view(sheet: string): Promise<SheetView | null> {
    const book = this.gateway.inner.book;
    const entry = book.sheet(sheet);
    if (!entry) return null;
    if (entry.kind !== "worksheet") return { sheet, rows: [], widths: [], table: null, readOnly: "图表工作表：在 Excel 或 WPS 中查看。保存时原样保留。" };
    const table = await this.tableOn(sheet);
    const part = book.sheetPart(entry);
    const last = Math.max(part.lastRow(), table ? table.headerRow + table.dataRows + (table.editable ? 1 : 0) : 0);
    const width = Math.max(part.lastColumn() + 1, table ? table.firstColumn + table.headers.length : 0);
    const tableTop = table ? table.headerRow + 1 : 0;
    const tableBottom = table ? table.headerRow + table.dataRows : -1;
    let styles: ReturnType<typeof book.styles> | null = null;
    const rows: string[][] = new Array(last);
    for (let r = 1; r <= last; r++) {
      const values = part.values(r, 0, width, book.sharedString);
      if (table && r >= tableTop && r <= tableBottom) {
        rows[r - 1] = values.map((v, c) => shown(v, table.formats[c - table.firstColumn] === "date"));
        continue;
      }
      const cellStyles = part.rowStyles(r);
      const formulas = values.some((v) => v === null) && cellStyles ? part.values(r, 0, width, book.sharedString, true) : null;
      rows[r - 1] = values.map((v, c) => {
        if (v === null) return formulas && typeof formulas[c] === "string" && (formulas[c] as string).startsWith("=") ? (formulas[c] as string) : "";
        if (typeof v !== "number") return shown(v, false);
        styles ??= book.styles();
        const xf = cellStyles?.get(c);
        return shown(v, xf !== undefined && isDateFormat(styles.formatOf(xf)));
      });
    }
    const widths = Array.from({ length: width }, (_, c) => {
      let w = MIN_WIDTH + 24;
      const header = table && c >= table.firstColumn ? EDITABLE_TABLES.get(table.name)?.columns.find((d) => d.header === headerText(table.headers[c - table.firstColumn])) : undefined;
      if (header) w = Math.max(w, header.width * 8);
      for (let r = 0; r < Math.min(rows.length, 200); r++) {
        const text = rows[r][c];
        // A title or a note alone on its row spans the sheet; it does not widen its column.
        if (text && rows[r].some((t, k) => k !== c && t !== "")) w = Math.max(w, textWidth(text));
      }
      return Math.min(MAX_WIDTH, w);
    });
    const readOnly = !table
      ? "这张工作表不是台账表格，在这里只能查看；报表在右侧任务窗格中生成。"
      : table.editable
        ? null
        : book.isProtected(sheet)
          ? "这张工作表处于保护状态（审定记录），只能查看。"
          : ADDIN_TABLES.has(table.name)
            ? "这张表由加载项填写，只能查看。"
            : "这是支部自己的表格，在这里只能查看；请在 Excel 或 WPS 中修改。";
    return { sheet, rows, widths, table, readOnly };
  }

  /** The editable table of a sheet, and which of its columns a sheet column is; refuses the rest. */
  private async target(sheet: string, column: string): Promise<{ table: GridTable; col: number }> {
    const table = await this.tableOn(sheet);
    if (!table || !table.editable) throw new GridEditError(`「${sheet}」不能在这里修改：只有台账表格（党员名册、积分台账、民主评议……）可以在网页中录入。`);
    const col = columnIndexOf(column) - table.firstColumn;
    if (col < 0 || col >= table.headers.length)
      throw new GridEditError(`${column} 列不在「${sheet}」的表格中：表格是 ${columnLetter(table.firstColumn)}–${columnLetter(table.firstColumn + table.headers.length - 1)} 列。`);
    return { table, col };
  }

  /** Types one cell: a data row's cell is set; the empty row below the table appends a row. */
  async setCell(ref: CellRef, text: string): Promise<void> {
    await this.paste(ref, [[text]]);
  }

  /**
   * Writes a block (typed or pasted) from a cell down and right: rows inside the table are set cell by
   * cell, rows beyond its end are appended, in one batch. Returns how many rows were set and appended.
   */
  async paste(ref: CellRef, block: readonly string[][]): Promise<{ set: number; appended: number }> {
    const { table, col } = await this.target(ref.sheet, ref.column);
    const first = ref.row - table.headerRow - 1;
    if (first < 0) throw new GridEditError("表头不能在这里修改：它是工作簿与加载项之间的约定。请从表头下面的行开始录入。");
    if (first > table.dataRows) throw new GridEditError(`请在表格末尾紧接着的空行（第 ${table.headerRow + table.dataRows + 1} 行）录入新的一行。`);
    const width = table.headers.length;
    const tooWide = block.find((r) => col + r.length > width);
    if (tooWide) throw new GridEditError(`粘贴的内容有 ${tooWide.length} 列，从 ${ref.column} 列起超出了表格（共 ${width} 列）。`);
    const ops: WorkbookOp[] = [];
    const appended: Cell[][] = [];
    let set = 0;
    block.forEach((cells, k) => {
      const i = first + k;
      const values = cells.map((text, j) => cellFromInput(text, table.formats[col + j]));
      if (i < table.dataRows) {
        ops.push({ op: "setCells", table: table.name, row: i, cells: Object.fromEntries(values.map((v, j) => [col + j, v])), formats: table.formats });
        set++;
      } else {
        const row = new Array<Cell>(width).fill(null);
        values.forEach((v, j) => (row[col + j] = v));
        appended.push(row);
      }
    });
    // Blank rows at the end of a block add nothing (a table does not end in blank rows).
    while (appended.length && appended[appended.length - 1].every((v) => v === null)) appended.pop();
    if (appended.length) ops.push({ op: "appendRows", table: table.name, rows: appended, formats: table.formats });
    if (ops.length) await this.gateway.apply(ops);
    return { set, appended: appended.length };
  }

  /** Deletes data rows (sheet rows from..to); the rows below move up. Returns how many were deleted. */
  async deleteRows(sheet: string, from: number, to: number): Promise<number> {
    const { table } = await this.target(sheet, columnLetter((await this.tableOn(sheet))?.firstColumn ?? 0));
    const lo = Math.max(from, table.headerRow + 1) - table.headerRow - 1;
    const hi = Math.min(to, table.headerRow + table.dataRows) - table.headerRow - 1;
    if (hi < lo) throw new GridEditError("所选的行不是表格中的数据行，没有删除任何内容。");
    const rows = (await this.gateway.readTables([table.name])).get(table.name)!.rows;
    const kept = [...rows.slice(0, lo), ...rows.slice(hi + 1)];
    await this.gateway.apply([{ op: "replaceRows", table: table.name, rows: kept, formats: table.formats, currentRows: rows.length }]);
    return hi - lo + 1;
  }

  /** The task pane's host over this workbook. */
  host(): LedgerHost {
    return {
      kind: "web",
      gateway: this.gateway,
      selectCell: async (sheet, row, column) => {
        if (!this.gateway.inner.book.sheet(sheet)) throw new Error(`没有工作表「${sheet}」`);
        this.select({ sheet, row, column });
      },
      // No PARTY.* functions run in the page; the pane still learns the scheme id.
      schemeChanged: async () => (await syncWorkbookScheme(this.gateway)).schemeId,
      showSheet: async (sheet) => {
        if (!this.gateway.inner.book.sheet(sheet)) throw new Error(`没有工作表「${sheet}」`);
        this.show(sheet);
      },
    };
  }

  private changed(): void {
    this.version++;
    if (this.activeSheet === null || !this.gateway.inner.book.sheet(this.activeSheet)) this.activeSheet = this.sheetNames()[0] ?? null;
    for (const listener of this.listeners) listener();
  }
}
