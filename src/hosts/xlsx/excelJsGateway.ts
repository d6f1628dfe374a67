import ExcelJS from "exceljs";
import { type Cell, type ColumnFormat, NUMBER_FORMATS, type PageSetup, type SheetModel, type TableData, type TableSpec, type ValidationSource, type WorkbookOp, type WorkbookSnapshot, columnLetter, VALIDATION_ROWS, columnIndexOf, validationRangeRef } from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError, readEachSheet } from "../../app/gateway";
import { STYLES } from "../../core/ops/styles";
import { mergedCells, wrappedRowHeight } from "../../core/ops/rowHeights";
import { hasOwnPageSetup } from "../../core/ops/pageSetup";
import { type SpecContent, checkOps, columnBesideTaken, columnToAdd, columnToRename, rowWithCells, runOps, specContent, tableRow } from "../../core/ops/checkOps";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
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
        firstColumn: left - 1,
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
        // exceljs gives every cell of a merge the first one's value; Excel holds it in the first cell only.
        if (cell.isMerged && cell.master !== cell) cells.push(null);
        else cells.push(cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : toCell(cell.value));
      }
      out.push(cells);
    }
    return out;
  }

  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    return readEachSheet(this, names);
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    const isProtected = (sheet: ExcelJS.Worksheet) => Boolean((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
    checkOps(
      {
        sheets: this.workbook.worksheets.map((s) => s.name),
        tables: this.tables().map((t) => ({ name: t.model.name, sheet: t.sheet.name })),
        protectedSheets: this.workbook.worksheets.filter(isProtected).map((s) => s.name),
      },
      ops,
    );
    await runOps(ops, {
      addColumn: (op) => this.addColumn(op),
      renameColumn: (op) => {
        const { sheet, model } = this.table(op.table);
        const index = columnToRename(op, this.headers(sheet, model));
        const b = bounds(model.tableRef);
        sheet.getRow(b.top).getCell(b.left + index).value = op.to;
        model.columns[index].name = op.to;
      },
      setTableRange: (op) => {
        throw new WorkbookError("no-table", `exceljs 网关不能在已有单元格上重建表格 ${op.table}：请用命令行（原地编辑 .xlsx）`);
      },
      createTable: (op) => this.createTable(op.spec),
      appendRows: (op) => {
        const { sheet, model } = this.table(op.table);
        const current = this.dataRows(sheet, model);
        writeRows(sheet, current.top + 1 + current.rows.length, current.left, op.rows, op.formats, model.columns.length, op.table);
        setHeight(model, current.rows.length + op.rows.length);
      },
      replaceRows: (op) => {
        const { sheet, model } = this.table(op.table);
        const current = this.dataRows(sheet, model);
        for (let r = 0; r < current.rows.length; r++)
          for (let c = 0; c < model.columns.length; c++) sheet.getRow(current.top + 1 + r).getCell(current.left + c).value = null;
        writeRows(sheet, current.top + 1, current.left, op.rows, op.formats, model.columns.length, op.table);
        setHeight(model, op.rows.length);
      },
      setCells: (op) => {
        const { sheet, model } = this.table(op.table);
        const current = this.dataRows(sheet, model);
        const row = rowWithCells(op, current.rows.length, (r) => current.rows[r]);
        writeRows(sheet, current.top + 1 + op.row, current.left, [row], op.formats, model.columns.length, op.table);
      },
      setValidation: (op) => {
        const { sheet, model } = this.table(op.table);
        const b = bounds(model.tableRef);
        const letter = columnLetter(b.left - 1 + op.column);
        addListValidation(sheet, `${letter}${b.top + 1}:${letter}${b.top + VALIDATION_ROWS}`, op.source);
      },
      writeSheet: (op) => {
        const old = this.workbook.getWorksheet(op.model.name);
        if (old) this.workbook.removeWorksheet(old.id);
        writeSheet(this.workbook.addWorksheet(op.model.name, { state: op.model.hidden ? "hidden" : "visible" }), op.model);
      },
      setPage: (op) => {
        const sheet = this.workbook.getWorksheet(op.sheet)!;
        if (!hasOwnPageSetup(pageFacts(sheet))) setPageSetup(sheet, op.page);
      },
      protectSheet: (op) => this.workbook.getWorksheet(op.sheet)!.protect("", { formatColumns: true, formatRows: true, sort: true, autoFilter: true }),
      unprotectSheet: (op) => this.workbook.getWorksheet(op.sheet)!.unprotect(),
    });
  }

  /**
   * A column added at the table's right end (the table model grows by a column; exceljs numbers the
   * columns when it writes). The column right of the table must be empty there: the clerk's cells are
   * never overwritten.
   */
  private addColumn(op: Extract<WorkbookOp, { op: "addColumn" }>): void {
    const { sheet, model } = this.table(op.table);
    const current = this.dataRows(sheet, model);
    const values = columnToAdd(op, this.headers(sheet, model), current.rows.length);
    const b = bounds(model.tableRef);
    const col = b.right + 1;
    const bottom = Math.max(b.bottom, b.top + Math.max(1, values.length));
    const taken: string[] = [];
    for (let r = b.top; r <= bottom; r++) {
      const v = toCell(sheet.getRow(r).getCell(col).value);
      if (v !== null && v !== "") taken.push(`${columnLetter(col - 1)}${r}`);
    }
    if (taken.length > 0) throw columnBesideTaken(op, sheet.name, model.tableRef, taken);
    sheet.getRow(b.top).getCell(col).value = op.header;
    writeRows(sheet, current.top + 1, col, values.map((v) => [v]), [op.format], 1, op.table);
    model.columns.push({ name: op.header, filterButton: true });
    model.tableRef = ref(b.top, b.left, bottom, col);
    model.autoFilterRef = model.tableRef;
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
    if (spec.page) setPageSetup(sheet, spec.page);
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
  rows.forEach((given, i) => {
    const values = tableRow(given, formats, width, table, i);
    const row = sheet.getRow(firstRow + i);
    values.forEach((v, c) => {
      const cell = row.getCell(left + c);
      const format = formats[c];
      // New cells inherit the column's format; set it only where it differs (a clerk's own workbook).
      if (cell.numFmt !== NUMBER_FORMATS[format]) cell.numFmt = NUMBER_FORMATS[format];
      // exceljs never turns a string into a formula.
      cell.value = v;
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

function specValue(content: SpecContent): ExcelJS.CellValue {
  return "formula" in content ? ({ formula: content.formula.slice(1) } as ExcelJS.CellFormulaValue) : content.value;
}

function writeSheet(sheet: ExcelJS.Worksheet, model: SheetModel): void {
  const merged = mergedCells(model.merges ?? []);
  model.rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    const height = wrappedRowHeight(cells, model.columnWidths ?? [], merged, r + 1);
    if (height) row.height = height;
    cells.forEach((spec, c) => {
      const cell = row.getCell(c + 1);
      const content = specContent(spec);
      cell.value = specValue(content);
      if (content.numberFormat) cell.numFmt = content.numberFormat;
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
  if (model.page) setPageSetup(sheet, model.page);
  // exceljs writes no charts (model.charts): the sheet carries their data tables only. Data bars it can write.
  for (const ref of model.dataBars ?? [])
    sheet.addConditionalFormatting({ ref, rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as ExcelJS.DataBarRuleType] });
}

/** A4 (paper size 9), one page wide when asked, the title rows repeated, centre header and footer. */
function setPageSetup(sheet: ExcelJS.Worksheet, page: PageSetup): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: page.orientation,
    fitToPage: page.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: page.printTitleRows ? `${page.printTitleRows[0]}:${page.printTitleRows[1]}` : undefined,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  if (page.centerHeader || page.centerFooter)
    sheet.headerFooter = { ...(page.centerHeader ? { oddHeader: `&C${page.centerHeader}` } : {}), ...(page.centerFooter ? { oddFooter: `&C${page.centerFooter}` } : {}) };
}

function pageFacts(sheet: ExcelJS.Worksheet) {
  const p = sheet.pageSetup;
  const hf = sheet.headerFooter ?? {};
  return {
    landscape: p.orientation === "landscape",
    fitToPages: Boolean(p.fitToPage),
    scale: p.scale ?? 100,
    headerFooter: [hf.oddHeader, hf.oddFooter, hf.evenHeader, hf.evenFooter, hf.firstHeader, hf.firstFooter].some(Boolean),
    printTitles: Boolean(p.printTitlesRow || p.printTitlesColumn),
  };
}
