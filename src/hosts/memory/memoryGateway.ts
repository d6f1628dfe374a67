import {
  type Cell,
  type CellSpec,
  type ColumnFormat,
  type PageSetup,
  type SheetModel,
  type TableData,
  type ValidationSource,
  type WorkbookOp,
  type WorkbookSnapshot,
  isoToSerial,
} from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError } from "../../app/gateway";

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
}

/** A workbook in plain objects: the reference implementation of the gateway, and the browser preview's book. */
export class MemoryWorkbook {
  readonly sheets = new Map<string, MemorySheet>();
  readonly tables = new Map<string, MemoryTable>();
}

function cellFromSpec(spec: CellSpec): MemoryCell {
  if (spec.formula) return { value: null, formula: spec.formula, style: spec.style };
  if (spec.date && typeof spec.value === "string") return { value: isoToSerial(spec.value), style: spec.style, numberFormat: "yyyy-mm-dd" };
  const text = spec.text || (typeof spec.value === "string" && spec.value.startsWith("="));
  return { value: spec.value ?? null, text: text || undefined, style: spec.style };
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
      if (!t) continue;
      out.set(name, {
        name: t.name,
        sheet: t.sheet,
        headers: [...t.headers],
        rowCount: t.rows.length,
        rows: t.rows.map((r) => [...r]),
        firstRow: 2,
        firstColumn: "A",
      });
    }
    return out;
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

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    // Validate first so that a failing batch changes nothing, as a failed Office.js sync does.
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

function tableOf(book: MemoryWorkbook, name: string): MemoryTable {
  const t = book.tables.get(name);
  if (!t) throw new WorkbookError("no-table", `工作簿中没有表格 ${name}`);
  if (book.sheets.get(t.sheet)?.protected) throw new WorkbookError("no-sheet", `工作表「${t.sheet}」已保护，不能修改`);
  return t;
}

function normalizeRows(rows: Cell[][], formats: ColumnFormat[], width: number, table: string): Cell[][] {
  return rows.map((row, i) => {
    if (row.length !== width) throw new WorkbookError("bad-rows", `写入表格 ${table} 的第 ${i + 1} 行有 ${row.length} 列，应为 ${width} 列`);
    return row.map((v, c) => (formats[c] === "text" && v !== null && typeof v !== "string" ? String(v) : v));
  });
}

function applyOp(book: MemoryWorkbook, op: WorkbookOp): void {
  switch (op.op) {
    case "createTable": {
      const { spec } = op;
      if (book.sheets.has(spec.sheet)) throw new WorkbookError("sheet-exists", `工作表「${spec.sheet}」已存在`);
      if (book.tables.has(spec.table)) throw new WorkbookError("sheet-exists", `表格 ${spec.table} 已存在`);
      book.sheets.set(spec.sheet, { name: spec.sheet, cells: [], table: spec.table, protected: false, freezeRows: 1, merges: [], columnWidths: [...spec.widths], pageBreaks: [] });
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
      if (op.row < 0 || op.row >= t.rows.length) throw new WorkbookError("bad-rows", `表格 ${t.name} 没有第 ${op.row + 1} 条数据`);
      const row = [...t.rows[op.row]];
      for (const [c, v] of Object.entries(op.cells)) row[Number(c)] = v;
      t.rows[op.row] = normalizeRows([row], op.formats, t.headers.length, t.name)[0];
      return;
    }
    case "setValidation": {
      tableOf(book, op.table).validations.set(op.column, op.source);
      return;
    }
    case "writeSheet": {
      const existing = book.sheets.get(op.model.name);
      if (existing?.table) throw new WorkbookError("sheet-exists", `工作表「${op.model.name}」是台账表格，不能被报表覆盖`);
      book.sheets.set(op.model.name, sheetFromModel(op.model));
      return;
    }
    case "protectSheet":
    case "unprotectSheet": {
      const sheet = book.sheets.get(op.sheet);
      if (!sheet) throw new WorkbookError("no-sheet", `工作簿中没有工作表「${op.sheet}」`);
      sheet.protected = op.op === "protectSheet";
      return;
    }
  }
}

function sheetFromModel(model: SheetModel): MemorySheet {
  return {
    name: model.name,
    cells: model.rows.map((row) => row.map(cellFromSpec)),
    protected: false,
    freezeRows: model.freezeRows ?? 0,
    merges: [...(model.merges ?? [])],
    columnWidths: [...(model.columnWidths ?? [])],
    page: model.page,
    pageBreaks: [...(model.pageBreaks ?? [])],
  };
}
