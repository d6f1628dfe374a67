import { type Cell, type CellSpec, type ChartSpec, type ColumnFormat, NUMBER_FORMATS, type PageSetup, type SheetModel, type TableData, type ValidationSource, type WorkbookOp, type WorkbookSnapshot, columnIndexOf } from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError, readEachSheet } from "../../app/gateway";
import { checkOps, columnToAdd, columnToRename, rowWithCells, specContent, tableRows } from "../../core/ops/checkOps";
import { knownTable } from "../../core/stores/knownTables";
import { cellsNearTable, cellsOf, extentOf, findTableByHeaders, tableDataAt } from "../../core/tableRegion";

export interface MemoryCell {
  value: Cell;
  formula?: string;
  /** Stored as text: a value starting with "=" is not a formula. */
  text?: boolean;
  style?: CellSpec["style"];
  numberFormat?: string;
}

export interface MemoryTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** Per column: stored as text, as a date, … */
  formats: ColumnFormat[];
  validations: Map<number, ValidationSource>;
}

export interface MemorySheet {
  name: string;
  /** Cells of a free-form sheet (not a table sheet), row-major from A1. */
  cells: MemoryCell[][];
  table?: string;
  protected: boolean;
  freezeRows: number;
  merges: string[];
  columnWidths: number[];
  page?: PageSetup;
  pageBreaks: number[];
  /** A hidden sheet (the add-in's own record): not shown to the clerk. */
  hidden?: boolean;
  /** The native charts and data-bar ranges of a generated sheet, as the model gave them. */
  charts?: ChartSpec[];
  dataBars?: string[];
}

/** A workbook in plain objects: the reference implementation of the gateway (tests). */
export class MemoryWorkbook {
  readonly sheets = new Map<string, MemorySheet>();
  readonly tables = new Map<string, MemoryTable>();
}

function cellFromSpec(spec: CellSpec): MemoryCell {
  const content = specContent(spec);
  if ("formula" in content) return { value: spec.result ?? null, formula: content.formula, style: spec.style };
  const text = content.numberFormat === NUMBER_FORMATS.text && typeof content.value === "string" && content.value.startsWith("=");
  return { value: content.value, text: text || undefined, style: spec.style, numberFormat: content.numberFormat === NUMBER_FORMATS.date ? content.numberFormat : undefined };
}

export class MemoryGateway implements WorkbookGateway {
  constructor(readonly book: MemoryWorkbook = new MemoryWorkbook()) {}

  async inspect(): Promise<WorkbookSnapshot> {
    return {
      sheets: [...this.book.sheets.keys()],
      tables: [...this.book.tables.values()].map((t) => ({ name: t.name, sheet: t.sheet, headers: [...t.headers], rowCount: t.rows.length })),
    };
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    const out = new Map<string, TableData>();
    for (const name of names) {
      const t = this.book.tables.get(name);
      if (!t) {
        const found = this.byHeaders(name);
        if (found) out.set(name, found);
        continue;
      }
      out.set(name, {
        name: t.name,
        sheet: t.sheet,
        headers: [...t.headers],
        rowCount: t.rows.length,
        rows: t.rows.map((r) => [...r]),
        firstRow: 2,
        firstColumn: 0,
      });
    }
    return out;
  }

  /** A known table whose table object is gone: found by its header row on its sheet (cells of a free-form sheet). */
  private byHeaders(name: string): TableData | null {
    const known = knownTable(name);
    const sheet = known && this.book.sheets.get(known.sheet);
    if (!known || !sheet || sheet.table) return null;
    const blocks = [{ top: 1, left: 0, cells: sheet.cells.map((row) => row.map((c) => c.value)) }];
    const at = cellsOf(blocks);
    const extent = extentOf(blocks);
    const bounds = findTableByHeaders(at, extent, known.headers);
    if (!bounds) return null;
    const outside = cellsNearTable(at, extent, bounds);
    const data = tableDataAt(at, bounds, name, known.sheet);
    return outside ? { ...data, outside } : data;
  }

  async readSheet(name: string): Promise<Cell[][] | null> {
    const sheet = this.book.sheets.get(name);
    if (!sheet) return null;
    if (sheet.table) {
      const t = this.book.tables.get(sheet.table)!;
      return [[...t.headers], ...t.rows.map((r) => [...r])];
    }
    return sheet.cells.map((row) => row.map((c) => (c.formula ? c.formula : c.value)));
  }

  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    return readEachSheet(this, names);
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    // Validate first so that a failing batch changes nothing, as a failed Office.js sync does.
    checkOps(
      { sheets: this.book.sheets.keys(), tables: this.book.tables.values(), protectedSheets: [...this.book.sheets.values()].filter((s) => s.protected).map((s) => s.name) },
      ops,
    );
    const staged = new MemoryWorkbook();
    // Shallow copies suffice: operations replace rows and sheets, they never edit them in place.
    for (const [k, v] of this.book.sheets) staged.sheets.set(k, { ...v });
    for (const [k, v] of this.book.tables) staged.tables.set(k, { ...v, rows: [...v.rows], validations: new Map(v.validations) });
    for (const op of ops) applyOp(staged, op);
    this.book.sheets.clear();
    this.book.tables.clear();
    for (const [k, v] of staged.sheets) this.book.sheets.set(k, v);
    for (const [k, v] of staged.tables) this.book.tables.set(k, v);
  }
}

/** The batch was checked by checkOps: every table named exists. */
function tableOf(book: MemoryWorkbook, name: string): MemoryTable {
  return book.tables.get(name)!;
}

const normalizeRows = tableRows;

function applyOp(book: MemoryWorkbook, op: WorkbookOp): void {
  switch (op.op) {
    case "createTable": {
      const { spec } = op;
      book.sheets.set(spec.sheet, { name: spec.sheet, cells: [], table: spec.table, protected: false, freezeRows: 1, merges: [], columnWidths: [...spec.widths], page: spec.page, pageBreaks: [] });
      book.tables.set(spec.table, {
        name: spec.table,
        sheet: spec.sheet,
        headers: [...spec.headers],
        rows: normalizeRows(spec.rows, spec.formats, spec.headers.length, spec.table),
        formats: [...spec.formats],
        validations: new Map(),
      });
      return;
    }
    case "appendRows": {
      const t = tableOf(book, op.table);
      for (const row of normalizeRows(op.rows, op.formats, t.headers.length, t.name)) t.rows.push(row);
      return;
    }
    case "replaceRows": {
      const t = tableOf(book, op.table);
      t.rows = normalizeRows(op.rows, op.formats, t.headers.length, t.name);
      return;
    }
    case "setCells": {
      const t = tableOf(book, op.table);
      const row = rowWithCells(op, t.rows.length, (r) => t.rows[r]);
      t.rows[op.row] = normalizeRows([row], op.formats, t.headers.length, t.name)[0];
      return;
    }
    case "addColumn": {
      const t = tableOf(book, op.table);
      const values = columnToAdd(op, t.headers, t.rows.length);
      t.headers = [...t.headers, op.header];
      t.formats = [...t.formats, op.format];
      t.rows = t.rows.map((row, r) => [...row, values[r]]);
      return;
    }
    case "renameColumn": {
      const t = tableOf(book, op.table);
      const index = columnToRename(op, t.headers);
      t.headers = t.headers.map((h, c) => (c === index ? op.to : h));
      return;
    }
    case "setValidation": {
      tableOf(book, op.table).validations.set(op.column, op.source);
      return;
    }
    case "writeSheet": {
      book.sheets.set(op.model.name, sheetFromModel(op.model));
      return;
    }
    case "setTableRange": {
      setTableRange(book, op);
      return;
    }
    case "setPage": {
      const sheet = book.sheets.get(op.sheet)!;
      if (!sheet.page) sheet.page = op.page;
      return;
    }
    case "protectSheet":
    case "unprotectSheet": {
      const sheet = book.sheets.get(op.sheet)!;
      sheet.protected = op.op === "protectSheet";
      return;
    }
  }
}

/**
 * A table over cells of a free-form sheet (the memory book keeps a table's cells in the table): only a
 * region from A1 can be held. An existing table already holds every row of its sheet.
 */
function setTableRange(book: MemoryWorkbook, op: Extract<WorkbookOp, { op: "setTableRange" }>): void {
  if (book.tables.has(op.table)) return;
  const sheet = book.sheets.get(op.sheet)!;
  const m = /^A1:([A-Z]+)(\d+)$/.exec(op.range);
  if (!m || columnIndexOf(m[1]) !== op.headers.length - 1) throw new WorkbookError("bad-rows", `内存工作簿中的表格只能从 A1 开始（${op.range}）`);
  const bottom = Number(m[2]);
  const rows = sheet.cells.slice(1, bottom).map((row) => op.headers.map((_, c) => row[c]?.value ?? null));
  book.tables.set(op.table, { name: op.table, sheet: op.sheet, headers: [...op.headers], rows, formats: op.headers.map(() => "number"), validations: new Map() });
  book.sheets.set(op.sheet, { ...sheet, cells: [], table: op.table });
}

function sheetFromModel(model: SheetModel): MemorySheet {
  return {
    name: model.name,
    cells: model.rows.map((row) => row.map(cellFromSpec)),
    protected: false,
    freezeRows: model.freezeRows ?? 0,
    merges: [...(model.merges ?? [])],
    columnWidths: [...(model.columnWidths ?? [])],
    ...(model.charts?.length ? { charts: model.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })) } : {}),
    ...(model.dataBars?.length ? { dataBars: [...model.dataBars] } : {}),
    page: model.page,
    pageBreaks: [...(model.pageBreaks ?? [])],
    hidden: model.hidden || undefined,
  };
}
