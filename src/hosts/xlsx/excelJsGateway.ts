import ExcelJS from "exceljs";
import {
  type Cell,
  type CellSpec,
  type ColumnFormat,
  NUMBER_FORMATS,
  type SheetModel,
  type TableData,
  type TableSpec,
  type ValidationSource,
  type WorkbookOp,
  type WorkbookSnapshot,
  columnLetter,
  VALIDATION_ROWS,
  columnIndexOf,
  isoToSerial,
  validationRangeRef,
} from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError } from "../../app/gateway";
import { STYLES } from "../../core/ops/styles";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  columns: { name: string }[];
}

/** Parses "A1:J20" into 1-based bounds. */
function bounds(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.replace(/^.*!/, ""));
  if (!m) throw new WorkbookError("no-table", `无法解析区域 ${ref}`);
  const col = (s: string) => columnIndexOf(s) + 1;
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4] ?? m[2]), right: col(m[3] ?? m[1]) };
}

function ref(top: number, left: number, bottom: number, right: number): string {
  return `${columnLetter(left - 1)}${top}:${columnLetter(right - 1)}${bottom}`;
}

/** An exceljs cell value as the gateway's raw Cell (dates as Excel serials, formulas as their result). */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Math.round((value.getTime() - EXCEL_EPOCH) / 86400000);
  if (typeof value === "object") {
    if ("error" in value) return String(value.error);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) return toCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

function isBlankRow(row: Cell[]): boolean {
  return row.every((v) => v === null || v === "");
}

/** The gateway for .xlsx files (the CLI, the demo, WPS users). Changes are in memory until save(). */
export class ExcelJsGateway implements WorkbookGateway {
  constructor(readonly workbook: ExcelJS.Workbook = new ExcelJS.Workbook()) {}

  static async open(path: string): Promise<ExcelJsGateway> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return new ExcelJsGateway(workbook);
  }

  async save(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }

  private tables(): { sheet: ExcelJS.Worksheet; model: TableModel }[] {
    const out: { sheet: ExcelJS.Worksheet; model: TableModel }[] = [];
    for (const sheet of this.workbook.worksheets)
      for (const t of sheet.getTables() as unknown as { model: TableModel }[]) out.push({ sheet, model: t.model });
    return out;
  }

  private table(name: string): { sheet: ExcelJS.Worksheet; model: TableModel } {
    const t = this.tables().find((x) => x.model.name === name);
    if (!t) throw new WorkbookError("no-table", `工作簿中没有表格 ${name}`);
    return t;
  }

  /** Data rows: the table's range, plus rows typed right below it that the table did not grow to cover. */
  private dataRows(sheet: ExcelJS.Worksheet, model: TableModel): { rows: Cell[][]; top: number; left: number } {
    const b = bounds(model.tableRef);
    const rows: Cell[][] = [];
    const readRow = (r: number) => {
      const row = sheet.getRow(r);
      return Array.from({ length: b.right - b.left + 1 }, (_, i) => toCell(row.getCell(b.left + i).value));
    };
    for (let r = b.top + 1; r <= b.bottom; r++) rows.push(readRow(r));
    for (let r = b.bottom + 1; r <= sheet.rowCount; r++) {
      const row = readRow(r);
      if (isBlankRow(row)) break;
      rows.push(row);
    }
    while (rows.length > 0 && isBlankRow(rows[rows.length - 1])) rows.pop();
    return { rows, top: b.top, left: b.left };
  }

  async inspect(): Promise<WorkbookSnapshot> {
    return {
      sheets: this.workbook.worksheets.map((s) => s.name),
      tables: this.tables().map(({ sheet, model }) => ({
        name: model.name,
        sheet: sheet.name,
        headers: this.headers(sheet, model),
        rowCount: this.dataRows(sheet, model).rows.length,
      })),
    };
  }

  private headers(sheet: ExcelJS.Worksheet, model: TableModel): string[] {
    const b = bounds(model.tableRef);
    const row = sheet.getRow(b.top);
    return Array.from({ length: b.right - b.left + 1 }, (_, i) => String(toCell(row.getCell(b.left + i).value) ?? ""));
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    const out = new Map<string, TableData>();
    for (const { sheet, model } of this.tables()) {
      if (!names.includes(model.name)) continue;
      const { rows, top, left } = this.dataRows(sheet, model);
      out.set(model.name, {
        name: model.name,
        sheet: sheet.name,
        headers: this.headers(sheet, model),
        rowCount: rows.length,
        rows,
        firstRow: top + 1,
        firstColumn: columnLetter(left - 1),
      });
    }
    return out;
  }

  async readSheet(name: string): Promise<Cell[][] | null> {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) return null;
    const out: Cell[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : toCell(cell.value));
      }
      out.push(cells);
    }
    return out;
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    // Check every precondition before changing anything, so a failing batch changes nothing.
    const sheets = new Set(this.workbook.worksheets.map((s) => s.name));
    const tables = new Map(this.tables().map((t) => [t.model.name, t]));
    const created = new Set<string>();
    const isProtected = (sheet: ExcelJS.Worksheet) => Boolean((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
    const protectedSheets = new Set(this.workbook.worksheets.filter(isProtected).map((s) => s.name));
    for (const op of ops) {
      if (op.op === "createTable") {
        if (sheets.has(op.spec.sheet)) throw new WorkbookError("sheet-exists", `工作表「${op.spec.sheet}」已存在`);
        if (tables.has(op.spec.table) || created.has(op.spec.table)) throw new WorkbookError("sheet-exists", `表格 ${op.spec.table} 已存在`);
        sheets.add(op.spec.sheet);
        created.add(op.spec.table);
      } else if (op.op === "appendRows" || op.op === "replaceRows" || op.op === "setValidation" || op.op === "setCells") {
        if (!tables.has(op.table) && !created.has(op.table)) throw new WorkbookError("no-table", `工作簿中没有表格 ${op.table}`);
        const sheet = tables.get(op.table)?.sheet;
        if (sheet && protectedSheets.has(sheet.name)) throw new WorkbookError("no-sheet", `工作表「${sheet.name}」已保护，不能修改`);
      } else if (op.op === "writeSheet") {
        const isTableSheet = [...tables.values()].some((x) => x.sheet.name === op.model.name) || ops.some((o) => o.op === "createTable" && o.spec.sheet === op.model.name);
        if (isTableSheet)
          throw new WorkbookError("sheet-exists", `工作表「${op.model.name}」是台账表格，不能被报表覆盖`);
        sheets.add(op.model.name);
      } else if (op.op === "protectSheet" || op.op === "unprotectSheet") {
        if (!sheets.has(op.sheet)) throw new WorkbookError("no-sheet", `工作簿中没有工作表「${op.sheet}」`);
        if (op.op === "protectSheet") protectedSheets.add(op.sheet);
        else protectedSheets.delete(op.sheet);
      }
    }
    for (const op of ops) {
      switch (op.op) {
        case "createTable":
          this.createTable(op.spec);
          break;
        case "appendRows": {
          const { sheet, model } = this.table(op.table);
          const current = this.dataRows(sheet, model);
          writeRows(sheet, current.top + 1 + current.rows.length, current.left, op.rows, op.formats, model.columns.length, op.table);
          setHeight(model, current.rows.length + op.rows.length);
          break;
        }
        case "replaceRows": {
          const { sheet, model } = this.table(op.table);
          const current = this.dataRows(sheet, model);
          for (let r = 0; r < current.rows.length; r++)
            for (let c = 0; c < model.columns.length; c++) sheet.getRow(current.top + 1 + r).getCell(current.left + c).value = null;
          writeRows(sheet, current.top + 1, current.left, op.rows, op.formats, model.columns.length, op.table);
          setHeight(model, op.rows.length);
          break;
        }
        case "setCells": {
          const { sheet, model } = this.table(op.table);
          const current = this.dataRows(sheet, model);
          if (op.row < 0 || op.row >= current.rows.length) throw new WorkbookError("bad-rows", `表格 ${op.table} 没有第 ${op.row + 1} 条数据`);
          const row = [...current.rows[op.row]];
          for (const [c, v] of Object.entries(op.cells)) row[Number(c)] = v;
          writeRows(sheet, current.top + 1 + op.row, current.left, [row], op.formats, model.columns.length, op.table);
          break;
        }
        case "setValidation": {
          const { sheet, model } = this.table(op.table);
          const b = bounds(model.tableRef);
          const letter = columnLetter(b.left - 1 + op.column);
          addListValidation(sheet, `${letter}${b.top + 1}:${letter}${b.top + VALIDATION_ROWS}`, op.source);
          break;
        }
        case "writeSheet": {
          const old = this.workbook.getWorksheet(op.model.name);
          if (old) this.workbook.removeWorksheet(old.id);
          writeSheet(this.workbook.addWorksheet(op.model.name), op.model);
          break;
        }
        case "protectSheet":
          await this.workbook.getWorksheet(op.sheet)!.protect("", { formatColumns: true, formatRows: true, sort: true, autoFilter: true });
          break;
        case "unprotectSheet":
          this.workbook.getWorksheet(op.sheet)!.unprotect();
          break;
      }
    }
  }

  private createTable(spec: TableSpec): void {
    const sheet = this.workbook.addWorksheet(spec.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    spec.widths.forEach((w, i) => {
      sheet.getColumn(i + 1).width = w;
    });
    spec.formats.forEach((f, i) => {
      sheet.getColumn(i + 1).numFmt = NUMBER_FORMATS[f];
    });
    sheet.addTable({
      name: spec.table,
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: spec.headers.map((name) => ({ name, filterButton: true })),
      rows: [],
    });
    const model = this.table(spec.table).model;
    writeRows(sheet, 2, 1, spec.rows, spec.formats, spec.headers.length, spec.table);
    setHeight(model, spec.rows.length);
  }
}

/** A table with no data rows keeps one empty row, as Excel does. */
function setHeight(model: TableModel, dataRows: number): void {
  const b = bounds(model.tableRef);
  const r = ref(b.top, b.left, b.top + Math.max(1, dataRows), b.right);
  model.tableRef = r;
  model.autoFilterRef = r;
}

function writeRows(sheet: ExcelJS.Worksheet, firstRow: number, left: number, rows: Cell[][], formats: ColumnFormat[], width: number, table: string): void {
  rows.forEach((values, i) => {
    if (values.length !== width) throw new WorkbookError("bad-rows", `写入表格 ${table} 的第 ${i + 1} 行有 ${values.length} 列，应为 ${width} 列`);
    const row = sheet.getRow(firstRow + i);
    values.forEach((v, c) => {
      const cell = row.getCell(left + c);
      const format = formats[c];
      // New cells inherit the column's format; set it only where it differs (a clerk's own workbook).
      if (cell.numFmt !== NUMBER_FORMATS[format]) cell.numFmt = NUMBER_FORMATS[format];
      // exceljs never turns a string into a formula; text columns hold strings only.
      cell.value = format === "text" && v !== null ? String(v) : v;
    });
  });
}

function addListValidation(sheet: ExcelJS.Worksheet, address: string, source: ValidationSource): void {
  const formula = "list" in source ? `"${source.list.join(",")}"` : validationRangeRef(source.range);
  (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(address, {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: "warning",
    error: "请从下拉列表中选择",
  });
}

function specValue(cell: CellSpec): ExcelJS.CellValue {
  if (cell.formula) return { formula: cell.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  if (cell.date && typeof cell.value === "string") return isoToSerial(cell.value);
  return cell.value ?? null;
}

/** Display width in character cells: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Row heights for wrapped text. Excel grows such rows itself; a .xlsx read by LibreOffice or WPS keeps
 * the stored height, so we store one tall enough for the lines the text will take.
 */
function wrappedRowHeight(cells: CellSpec[], widths: readonly number[], merged: Set<string>, row: number): number | null {
  let lines = 1;
  cells.forEach((spec, c) => {
    if (!spec.style || !STYLES[spec.style].wrap || merged.has(`${row}:${c}`)) return;
    const text = spec.value === null || spec.value === undefined ? "" : String(spec.value);
    const width = Math.max(1, (widths[c] ?? 8.43) - 1);
    lines = Math.max(lines, Math.ceil(displayWidth(text) / width));
  });
  return lines > 1 ? lines * 15 + 2 : null;
}

function mergedCells(merges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const m of merges) {
    const b = bounds(m);
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) out.add(`${r}:${c - 1}`);
  }
  return out;
}

function writeSheet(sheet: ExcelJS.Worksheet, model: SheetModel): void {
  const merged = mergedCells(model.merges ?? []);
  model.rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    const height = wrappedRowHeight(cells, model.columnWidths ?? [], merged, r + 1);
    if (height) row.height = height;
    cells.forEach((spec, c) => {
      const cell = row.getCell(c + 1);
      cell.value = specValue(spec);
      if (spec.date) cell.numFmt = NUMBER_FORMATS.date;
      else if (spec.text || (typeof spec.value === "string" && !spec.formula)) cell.numFmt = "@";
      if (spec.style) {
        const s = STYLES[spec.style];
        cell.font = { bold: s.bold, size: s.size, name: "宋体" };
        cell.alignment = { horizontal: s.align, vertical: "middle", wrapText: s.wrap };
        if (s.border) cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
        if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill.slice(1)}` } };
      }
    });
  });
  model.columnWidths?.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (const m of model.merges ?? []) sheet.mergeCells(m);
  if (model.freezeRows) sheet.views = [{ state: "frozen", ySplit: model.freezeRows }];
  // exceljs breaks after a row; the model names the row that starts the next page.
  for (const row of model.pageBreaks ?? []) if (row > 1) sheet.getRow(row - 1).addPageBreak();
  if (model.page) {
    sheet.pageSetup = {
      ...sheet.pageSetup,
      paperSize: 9,
      orientation: model.page.orientation,
      fitToPage: model.page.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: model.page.printTitleRows ? `${model.page.printTitleRows[0]}:${model.page.printTitleRows[1]}` : undefined,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    if (model.page.centerFooter) sheet.headerFooter = { oddFooter: `&C${model.page.centerFooter}` };
  }
}
