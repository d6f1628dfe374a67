import { type Cell, type CellSpec, type ColumnFormat, NUMBER_FORMATS, type SheetModel, type TableData, type TableSpec, type ValidationSource, type WorkbookOp, type WorkbookSnapshot, columnIndexOf, columnLetter, VALIDATION_ROWS, validationRangeRef } from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError } from "../../app/gateway";
import { STYLES } from "../../core/ops/styles";
import { checkOpLimits, columnBesideTaken, columnToAdd, columnToRename, specContent } from "../../core/ops/checkOps";
import { knownTable } from "../../core/stores/knownTables";
import { type CellAt, cellsNearTable, cellsOf, findTableByHeaders, tableDataAt } from "../../core/tableRegion";

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Every Excel.run of the add-in goes through here. `delayForCellEdit`: while the clerk is typing in a cell,
 * Excel holds the batch until the edit ends instead of failing it with InvalidOperationInCellEditMode
 * (Excel.RunOptions.delayForCellEdit; Microsoft's reference names no requirement set for the option).
 */
export const runInExcel: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** Excel on the web rejects a request or response over 5 MB; we stay well below it. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/**
 * Rows read in the first read, shared by the tables asked for, before we know how long a row is:
 * sized for ledger rows of about 320 bytes (11 columns, names and notes in Chinese) within 3 MB.
 * Rows beyond a table's end come back blank and cost little. Should a workbook with very long texts
 * still pass Excel's 5 MB response limit, the read is retried with small first chunks.
 */
const FIRST_READ_ROWS = Math.floor((3 * 1024 * 1024) / 320);

function isPayloadLimit(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string };
  return /PayloadSizeLimit/i.test(`${e?.code ?? ""} ${e?.name ?? ""}`) || /payload size/i.test(e?.message ?? "");
}

function trimTrailingBlankRows(rows: Cell[][]): Cell[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((v) => v === "" || v === null)) end--;
  return end === rows.length ? rows : rows.slice(0, end);
}

/** "'积分台账'!B3:K120" → { column: "B", row: 3 } */
function topLeftOf(address: string): { column: string; row: number } {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const m = /^\$?([A-Z]+)\$?(\d+)/.exec(local);
  if (!m) throw new WorkbookError("no-table", `无法解析单元格地址 ${address}`);
  return { column: m[1], row: Number(m[2]) };
}

/** "'积分台账'!B3:K120" (or a single cell) → 1-based rows, 0-based columns. */
function rectOf(address: string): { top: number; left: number; bottom: number; right: number } {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(local);
  if (!m) throw new WorkbookError("no-table", `无法解析单元格地址 ${address}`);
  return { top: Number(m[2]), left: columnIndexOf(m[1]), bottom: Number(m[4] ?? m[2]), right: columnIndexOf(m[3] ?? m[1]) };
}

/** Values of rectangles of sheets, loaded in chunks of rows within the payload budget, then read as one getter per sheet. */
class BlockReader {
  private readonly loads: { sheet: Excel.Worksheet; top: number; left: number; range: Excel.Range }[] = [];
  private queued = 0;
  private pending = false;
  constructor(private readonly context: Excel.RequestContext) {}

  queue(sheet: Excel.Worksheet, rect: { top: number; left: number; bottom: number; right: number }): void {
    const width = rect.right - rect.left + 1;
    const rowsPerChunk = Math.max(1, Math.floor(PAYLOAD_BUDGET / (width * 64)));
    for (let top = rect.top; top <= rect.bottom; top += rowsPerChunk) {
      const bottom = Math.min(rect.bottom, top + rowsPerChunk - 1);
      const range = sheet.getRange(`${columnLetter(rect.left)}${top}:${columnLetter(rect.right)}${bottom}`).load("values");
      this.loads.push({ sheet, top, left: rect.left, range });
      this.pending = true;
    }
  }

  async sync(): Promise<void> {
    if (this.pending) await this.context.sync();
    this.pending = false;
  }

  /** Cells of one sheet from the blocks loaded (null elsewhere). */
  cells(sheet: Excel.Worksheet): CellAt {
    return cellsOf(this.loads.filter((l) => l.sheet === sheet).map((l) => ({ top: l.top, left: l.left, cells: l.range.values as Cell[][] })));
  }
}

/** A plain decimal number as text ("3", "-2.5", " 1e3 "): written as the number it says. */
const PLAIN_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * What a row block sends to Excel: number formats and values, formats first in the same batch.
 * Text columns are text-formatted ("@") so "=1+1", "+86…", "-2分" or "@x" stay text. A number or date
 * column never receives a string Excel would interpret: a plain number in text is written as that
 * number; any other text (a value the import could not read, kept as typed for 校验 to point out) gets
 * the text format on that one cell, so it is stored exactly as typed — never a formula, never a failed write.
 */
function cellsFor(rows: Cell[][], formats: ColumnFormat[]): { numberFormat: string[][]; values: (string | number | boolean)[][] } {
  const line = formats.map((f) => NUMBER_FORMATS[f]);
  const numberFormat: string[][] = [];
  const values = rows.map((row) => {
    let formatRow = line;
    const out = row.map((v, c) => {
      if (v === null) return "";
      if (typeof v !== "string" || v === "" || (formats[c] ?? "text") === "text") return v;
      if (PLAIN_NUMBER.test(v)) return Number(v);
      if (formatRow === line) formatRow = [...line];
      formatRow[c] = NUMBER_FORMATS.text;
      return v;
    });
    numberFormat.push(formatRow);
    return out;
  });
  return { numberFormat, values };
}

/** UTF-8 size, roughly: a Chinese character is 3 bytes. */
function approxBytes(value: unknown): number {
  return JSON.stringify(value).length * 3;
}

/** Payload per row, estimated from a sample of rows (at least 64 bytes). */
function bytesPerRowOf(sample: readonly unknown[], rows = sample.length): number {
  return Math.max(64, approxBytes(sample) / Math.max(1, rows));
}

/**
 * The gateway inside Excel. Each call runs one Excel.run batch with a fixed number of syncs:
 * inspect 2, readTables 2, apply 1 (2 when it replaces a sheet, rewrites rows of unknown count or adds or
 * renames a table column, 3 when the replaced sheet exists), plus one per extra 4 MB chunk.
 */
export class OfficeJsGateway implements WorkbookGateway {
  constructor(private readonly run: ExcelRunner = runInExcel) {}

  async inspect(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const details = tables.items.map((t) => ({
        table: t,
        sheet: t.worksheet.load("name"),
        header: t.getHeaderRowRange().load("values"),
        rows: t.rows.load("count"),
      }));
      await context.sync();
      return {
        sheets: sheets.items.map((s) => s.name),
        tables: details.map((d) => ({
          name: d.table.name,
          sheet: d.sheet.name,
          headers: d.header.values[0].map(String),
          rowCount: d.rows.count,
        })),
      };
    });
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    try {
      return await this.readTablesWith(names, FIRST_READ_ROWS);
    } catch (e) {
      if (!isPayloadLimit(e)) throw e;
      return this.readTablesWith(names, FIRST_READ_ROWS / 16);
    }
  }

  private async readTablesWith(names: readonly string[], firstReadRows: number): Promise<Map<string, TableData>> {
    return this.run(async (context) => {
      const all = context.workbook.tables.load("items/name");
      await context.sync();
      const wanted = all.items.filter((t) => names.includes(t.name));
      const perTable = Math.max(50, Math.floor(firstReadRows / Math.max(1, wanted.length)));
      const reads = wanted.map((t) => {
        const body = t.getDataBodyRange();
        return {
          table: t,
          sheet: t.worksheet.load("name"),
          header: t.getHeaderRowRange().load("values"),
          bodyInfo: body.load("rowCount,columnCount,address"),
          // What else the sheet holds: data typed below or beside the table is looked at (tableRegion.ts).
          used: t.worksheet.getUsedRangeOrNullObject(true).load("address"),
          chunks: [body.getRow(0).getResizedRange(perTable - 1, 0).load("values")],
          chunkRows: perTable,
        };
      });
      // Known tables whose table object is gone (converted to a range): their sheets' used ranges.
      const lost = names.flatMap((name) => {
        const known = wanted.some((t) => t.name === name) ? undefined : knownTable(name);
        if (!known) return [];
        const sheet = context.workbook.worksheets.getItemOrNullObject(known.sheet);
        return [{ known, sheet, used: sheet.getUsedRangeOrNullObject(true).load("address") }];
      });
      await context.sync();

      // Large tables: the rest in chunks sized from the first one, one sync per chunk.
      let queued = 0;
      for (const r of reads) {
        const total = r.bodyInfo.rowCount;
        if (total <= r.chunkRows) continue;
        const bytesPerRow = bytesPerRowOf(r.chunks[0].values, r.chunkRows);
        const rowsPerChunk = Math.max(100, Math.floor(PAYLOAD_BUDGET / bytesPerRow));
        for (let start = r.chunkRows; start < total; start += rowsPerChunk) {
          const n = Math.min(rowsPerChunk, total - start);
          if (queued + n * bytesPerRow > PAYLOAD_BUDGET) {
            await context.sync();
            queued = 0;
          }
          r.chunks.push(r.table.getDataBodyRange().getRow(start).getResizedRange(n - 1, 0).load("values"));
          queued += n * bytesPerRow;
        }
      }
      if (queued > 0) await context.sync();

      // Cells outside the tables that the rule looks at, one more sync only when there are any:
      // a table's sheet past the table (below, beside), a lost table's whole used range.
      const blocks = new BlockReader(context);
      const near = reads.map((r) => {
        const body = rectOf(r.bodyInfo.address);
        const used = r.used.isNullObject ? null : rectOf(r.used.address);
        const table = { ...body, top: body.top - 1 };
        if (!used || (used.bottom <= table.bottom && used.right <= table.right && used.left >= table.left)) return null;
        const sheet = r.table.worksheet;
        if (used.bottom > table.bottom) blocks.queue(sheet, { top: table.bottom + 1, left: Math.min(used.left, table.left), bottom: used.bottom, right: Math.max(used.right, table.right) });
        if (used.right > table.right) blocks.queue(sheet, { top: table.top, left: table.right + 1, bottom: table.bottom, right: used.right });
        if (used.left < table.left) blocks.queue(sheet, { top: table.top, left: used.left, bottom: table.bottom, right: table.left - 1 });
        return { sheet, table, used };
      });
      const lostBlocks = lost.map((l) => (l.used.isNullObject ? null : { block: blocks.queue(l.sheet, rectOf(l.used.address)), used: rectOf(l.used.address) }));
      await blocks.sync();

      const out = new Map<string, TableData>();
      reads.forEach((r, i) => {
        const rows = r.chunks.flatMap((c) => c.values as Cell[][]).slice(0, r.bodyInfo.rowCount);
        const data = trimTrailingBlankRows(rows);
        const topLeft = topLeftOf(r.bodyInfo.address);
        const read: TableData = {
          name: r.table.name,
          sheet: r.sheet.name,
          headers: r.header.values[0].map(String),
          rowCount: data.length,
          rows: data,
          firstRow: topLeft.row,
          firstColumn: columnIndexOf(topLeft.column),
        };
        const n = near[i];
        const outside = n && cellsNearTable(blocks.cells(n.sheet), { lastRow: n.used.bottom, lastColumn: n.used.right }, { headerRow: n.table.top, firstColumn: n.table.left, lastColumn: n.table.right, lastRow: n.table.bottom });
        out.set(r.table.name, outside ? { ...read, outside } : read);
      });
      lost.forEach((l, i) => {
        const b = lostBlocks[i];
        if (!b) return;
        const at = blocks.cells(l.sheet);
        const extent = { lastRow: b.used.bottom, lastColumn: b.used.right };
        const bounds = findTableByHeaders(at, extent, l.known.headers);
        if (!bounds) return;
        const read = tableDataAt(at, bounds, l.known.table, l.known.sheet);
        const outside = cellsNearTable(at, extent, bounds);
        out.set(l.known.table, outside ? { ...read, outside } : read);
      });
      return out;
    });
  }

  async readSheet(name: string): Promise<Cell[][] | null> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      sheet.load("isNullObject");
      used.load("isNullObject");
      await context.sync();
      if (sheet.isNullObject) return null;
      if (used.isNullObject) return [];
      // Read from A1 so row and column numbers match the sheet's.
      used.load("address");
      await context.sync();
      const local = used.address.slice(used.address.lastIndexOf("!") + 1);
      const end = local.includes(":") ? local.split(":")[1] : local;
      const whole = sheet.getRange(`A1:${end}`).load("formulas");
      await context.sync();
      return whole.formulas as Cell[][];
    });
  }

  /**
   * Several sheets as readSheet gives each: one sync for which exist and how far each is used, one for
   * their cells (another per 4 MB of cells), however many sheets.
   */
  async readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    const out = new Map<string, Cell[][]>();
    if (names.length === 0) return out;
    return this.run(async (context) => {
      const looks = [...new Set(names)].map((name) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(name);
        const used = sheet.getUsedRangeOrNullObject(true);
        sheet.load("isNullObject");
        used.load("isNullObject,address");
        return { name, sheet, used };
      });
      await context.sync();
      const reads: { name: string; chunks: { top: number; range: Excel.Range }[] }[] = [];
      let queued = 0;
      for (const { name, sheet, used } of looks) {
        if (sheet.isNullObject) continue;
        const read = { name, chunks: [] as { top: number; range: Excel.Range }[] };
        reads.push(read);
        if (used.isNullObject) continue;
        // From A1 so that row and column numbers match the sheet's.
        const end = rectOf(used.address);
        const width = end.right + 1;
        const rowsPerChunk = Math.max(1, Math.floor(PAYLOAD_BUDGET / (width * 64)));
        for (let top = 1; top <= end.bottom; top += rowsPerChunk) {
          const bottom = Math.min(end.bottom, top + rowsPerChunk - 1);
          const bytes = (bottom - top + 1) * width * 64;
          if (queued > 0 && queued + bytes > PAYLOAD_BUDGET) {
            await context.sync();
            queued = 0;
          }
          read.chunks.push({ top, range: sheet.getRange(`A${top}:${columnLetter(end.right)}${bottom}`).load("formulas") });
          queued += bytes;
        }
      }
      if (queued > 0) await context.sync();
      for (const r of reads) out.set(r.name, r.chunks.flatMap((c) => c.range.formulas as Cell[][]));
      return out;
    });
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    if (ops.length === 0) return;
    // Excel enforces the rest itself (names taken, tables missing); its limits are checked first, as every gateway does.
    checkOpLimits(ops);
    await this.run(async (context) => {
      // A look first when sheets are replaced or table rows rewritten: what exists, how many rows.
      const existing = new Map<string, Excel.Worksheet>();
      const rowCounts = new Map<string, Excel.TableRowCollection>();
      const refitted = new Map<string, Excel.Table>();
      for (const op of ops) {
        if (op.op === "writeSheet" && !existing.has(op.model.name)) existing.set(op.model.name, context.workbook.worksheets.getItemOrNullObject(op.model.name).load("isNullObject"));
        if (op.op === "replaceRows" && op.currentRows === undefined && !rowCounts.has(op.table)) rowCounts.set(op.table, context.workbook.tables.getItem(op.table).rows.load("count"));
        if (op.op === "setTableRange" && !refitted.has(op.table)) refitted.set(op.table, context.workbook.tables.getItemOrNullObject(op.table).load("name"));
      }
      const columnLooks = lookAtColumns(context, ops);
      if (existing.size > 0 || rowCounts.size > 0 || refitted.size > 0 || columnLooks.size > 0) await context.sync();
      // Added and renamed columns are checked against the tables as the batch's earlier operations leave them, before anything is written.
      const columnPlans = planColumns(ops, columnLooks);
      // A report never replaces a sheet that holds a table (the clerk's ledger).
      const tablesOn = [...existing].filter(([, sheet]) => !sheet.isNullObject).map(([name, sheet]) => [name, sheet.tables.load("items/name")] as const);
      if (tablesOn.length > 0) {
        await context.sync();
        for (const [name, tables] of tablesOn)
          if (tables.items.length > 0) throw new WorkbookError("sheet-exists", `工作表「${name}」是台账表格，不能被报表覆盖`);
      }
      let queued = 0;
      const budget = async (bytes: number) => {
        if (queued > 0 && queued + bytes > PAYLOAD_BUDGET) {
          await context.sync();
          queued = 0;
        }
        queued += bytes;
      };
      for (const op of ops) {
        switch (op.op) {
          case "createTable":
            await budget(approxBytes(op.spec.rows));
            createTable(context, op.spec);
            break;
          case "appendRows":
            for (const chunk of chunkRows(op.rows)) {
              await budget(approxBytes(chunk));
              appendTableRows(context.workbook.tables.getItem(op.table), chunk, op.formats);
            }
            break;
          case "replaceRows":
            await budget(approxBytes(op.rows));
            replaceTableRows(context.workbook.tables.getItem(op.table), op.currentRows ?? rowCounts.get(op.table)!.count, op.rows, op.formats);
            break;
          case "setValidation":
            setValidation(context.workbook.tables.getItem(op.table), op.column, op.source);
            break;
          case "setCells": {
            const row = context.workbook.tables.getItem(op.table).getDataBodyRange().getRow(op.row);
            for (const [c, v] of Object.entries(op.cells)) {
              const cells = cellsFor([[v]], [op.formats[Number(c)]]);
              const cell = row.getCell(0, Number(c));
              cell.numberFormat = cells.numberFormat;
              cell.values = cells.values;
            }
            break;
          }
          case "writeSheet": {
            const old = existing.get(op.model.name);
            if (old && !old.isNullObject) {
              old.delete();
              existing.delete(op.model.name);
            }
            await writeSheet(context, op.model, budget);
            break;
          }
          case "setTableRange": {
            // Excel's Table.resize needs ExcelApi 1.13: a table to extend is made a range, then a table again over the larger range.
            const old = refitted.get(op.table)!;
            if (!old.isNullObject) old.convertToRange();
            const table = context.workbook.worksheets.getItem(op.sheet).tables.add(op.range, true);
            table.name = op.table;
            table.style = "TableStyleMedium2";
            break;
          }
          case "protectSheet":
            context.workbook.worksheets.getItem(op.sheet).protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowSort: true, allowAutoFilter: true });
            break;
          case "unprotectSheet":
            context.workbook.worksheets.getItem(op.sheet).protection.unprotect();
            break;
          case "addColumn": {
            const plan = columnPlans.get(op) as AddPlan;
            await budget(approxBytes(plan.values) + plan.bodyRows * 8);
            addTableColumn(context.workbook.tables.getItem(op.table), op.header, plan.values, op.format, plan.bodyRows);
            break;
          }
          case "renameColumn":
            // TableColumn.name: ExcelApi 1.4 to set it. The header cell changes, the column's cells do not.
            context.workbook.tables.getItem(op.table).columns.getItemAt((columnPlans.get(op) as RenamePlan).index).name = op.to;
            break;
          default: {
            // Every operation has its case: a new one is a compile error here, never silently skipped.
            const unknown: never = op;
            throw new WorkbookError("bad-rows", `Excel 加载项不支持的工作簿操作：${JSON.stringify(unknown)}`);
          }
        }
      }
      await context.sync();
    });
  }
}

/** What adding or renaming a table's columns needs to know of the table, looked at in the batch's first sync. */
interface ColumnLook {
  sheet: Excel.Worksheet;
  header: Excel.Range;
  rows: Excel.TableRowCollection;
  /** The used cells of the data body (values only): the last one ends the data rows. */
  used: Excel.Range;
  /** The used cells (values only) of the columns the batch adds right of the table, in the table's rows. */
  beside: Excel.Range | null;
}

/**
 * Loads what the batch's addColumn and renameColumn ops need of each table that exists before the
 * batch (its header, rows, and what lies right of it), for the batch's first sync.
 */
function lookAtColumns(context: Excel.RequestContext, ops: readonly WorkbookOp[]): Map<string, ColumnLook> {
  const made = new Set<string>();
  const adds = new Map<string, number>();
  for (const op of ops) {
    if (op.op === "createTable") made.add(op.spec.table);
    else if (op.op === "setTableRange") made.add(op.table);
    else if ((op.op === "addColumn" || op.op === "renameColumn") && !made.has(op.table)) adds.set(op.table, (adds.get(op.table) ?? 0) + (op.op === "addColumn" ? 1 : 0));
  }
  const looks = new Map<string, ColumnLook>();
  for (const [name, added] of adds) {
    const table = context.workbook.tables.getItem(name);
    looks.set(name, {
      sheet: table.worksheet.load("name"),
      header: table.getHeaderRowRange().load("values,address"),
      rows: table.rows.load("count"),
      // Range.getUsedRangeOrNullObject: ExcelApi 1.4.
      used: table.getDataBodyRange().getUsedRangeOrNullObject(true).load("address"),
      beside: added > 0 ? table.getRange().getLastColumn().getOffsetRange(0, 1).getResizedRange(0, added - 1).getUsedRangeOrNullObject(true).load("address") : null,
    });
  }
  return looks;
}

/** A table as the batch's earlier operations leave it: its headers, data rows (to the last non-blank one) and body rows. */
interface TableShape {
  headers: string[];
  dataRows: number;
  bodyRows: number;
}

interface AddPlan {
  values: Cell[];
  bodyRows: number;
}

interface RenamePlan {
  index: number;
}

/** Each addColumn's values and each renameColumn's column, checked as every gateway checks them (checkOps.ts); throws before anything is written. */
function planColumns(ops: readonly WorkbookOp[], looks: ReadonlyMap<string, ColumnLook>): Map<WorkbookOp, AddPlan | RenamePlan> {
  const plans = new Map<WorkbookOp, AddPlan | RenamePlan>();
  if (!ops.some((op) => op.op === "addColumn" || op.op === "renameColumn")) return plans;
  const shapes = new Map<string, TableShape>();
  for (const [name, look] of looks) {
    const top = rectOf(look.header.address).top;
    shapes.set(name, { headers: (look.header.values[0] as Cell[]).map(String), bodyRows: look.rows.count, dataRows: look.used.isNullObject ? 0 : rectOf(look.used.address).bottom - top });
  }
  const shapeOf = (table: string) => {
    const shape = shapes.get(table);
    if (!shape) throw new WorkbookError("no-table", `工作簿中没有表格 ${table}`);
    return shape;
  };
  for (const op of ops) {
    const shape = "table" in op ? shapes.get(op.table) : undefined;
    switch (op.op) {
      case "createTable":
        shapes.set(op.spec.table, { headers: [...op.spec.headers], dataRows: op.spec.rows.length, bodyRows: Math.max(1, op.spec.rows.length) });
        break;
      case "setTableRange": {
        const r = rectOf(op.range);
        const rows = Math.max(1, r.bottom - r.top);
        shapes.set(op.table, { headers: [...op.headers], dataRows: rows, bodyRows: rows });
        break;
      }
      case "appendRows":
        // rows.add fills the empty row of a table without data, else adds below the body.
        if (shape && op.rows.length > 0) shape.bodyRows = shape.dataRows = shape.bodyRows === 1 && shape.dataRows === 0 ? op.rows.length : shape.bodyRows + op.rows.length;
        break;
      case "replaceRows":
        if (shape) {
          shape.bodyRows = op.rows.length === 0 ? shape.bodyRows : op.rows.length;
          shape.dataRows = op.rows.length;
        }
        break;
      case "setCells":
        if (shape) shape.dataRows = Math.max(shape.dataRows, op.row + 1);
        break;
      case "addColumn": {
        const s = shapeOf(op.table);
        // One value per data row: counted to the last non-blank row (as readTables reads them), or over the
        // whole body as inspect counts it (rows.count: blank rows and a new table's empty row included) when
        // the values for those blank rows are blank too.
        const overBody = op.values.length <= s.bodyRows && op.values.slice(s.dataRows).every((v) => v === null || v === "");
        const values = columnToAdd(op, s.headers, overBody ? Math.max(s.dataRows, op.values.length) : s.dataRows);
        const look = looks.get(op.table);
        if (look?.beside && !look.beside.isNullObject) {
          const header = rectOf(look.header.address);
          const ref = `${columnLetter(header.left)}${header.top}:${columnLetter(header.right)}${header.top + look.rows.count}`;
          throw columnBesideTaken(op, look.sheet.name, ref, [look.beside.address.slice(look.beside.address.lastIndexOf("!") + 1)]);
        }
        plans.set(op, { values, bodyRows: s.bodyRows });
        s.headers.push(op.header);
        break;
      }
      case "renameColumn": {
        const s = shapeOf(op.table);
        const index = columnToRename(op, s.headers);
        plans.set(op, { index });
        s.headers[index] = op.to;
        break;
      }
      default:
        break;
    }
  }
  return plans;
}

/**
 * A column at the table's right end: TableColumnCollection.add with no index and the header as its
 * name (ExcelApi 1.4), then the body's number format, then the values (see cellsFor), so text stays
 * text ("=3" is never a formula). The whole body takes the format, blank rows too.
 */
function addTableColumn(table: Excel.Table, header: string, values: Cell[], format: ColumnFormat, bodyRows: number): void {
  const column = table.columns.add(undefined, undefined, header);
  const body = column.getDataBodyRange();
  body.numberFormat = Array.from({ length: bodyRows }, () => [NUMBER_FORMATS[format]]);
  if (values.length > 0)
    writeRows(
      body.getRow(0).getResizedRange(values.length - 1, 0),
      values.map((v) => [v]),
      [format],
    );
}

function chunkRows(rows: Cell[][]): Cell[][][] {
  if (rows.length === 0) return [rows];
  const bytesPerRow = bytesPerRowOf(rows.slice(0, 50));
  const size = Math.max(100, Math.floor(PAYLOAD_BUDGET / bytesPerRow / 2));
  const out: Cell[][][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Formats first, then values, in one batch (see cellsFor). Dates take serials and a date format. */
function writeRows(range: Excel.Range, rows: Cell[][], formats: ColumnFormat[]): void {
  const cells = cellsFor(rows, formats);
  range.numberFormat = cells.numberFormat;
  range.values = cells.values;
}

function appendTableRows(table: Excel.Table, rows: Cell[][], formats: ColumnFormat[]): void {
  if (rows.length === 0) return;
  const top = table.rows.add(undefined, rows.map((r) => r.map(() => "")));
  writeRows(top.getRange().getResizedRange(rows.length - 1, 0), rows, formats);
}

/** Overwrites the body in place, then adds or deletes the difference (the sheet itself is never replaced). */
function replaceTableRows(table: Excel.Table, current: number, rows: Cell[][], formats: ColumnFormat[]): void {
  const body = table.getDataBodyRange();
  const overlap = Math.min(current, rows.length);
  if (overlap > 0) writeRows(body.getRow(0).getResizedRange(overlap - 1, 0), rows.slice(0, overlap), formats);
  if (rows.length > current) appendTableRows(table, rows.slice(current), formats);
  else if (current > rows.length) {
    const extra = body.getRow(rows.length).getResizedRange(current - rows.length - 1, 0);
    if (rows.length === 0) extra.clear("Contents");
    else extra.delete("Up");
  }
}

function createTable(context: Excel.RequestContext, spec: TableSpec): void {
  const sheet = context.workbook.worksheets.add(spec.sheet);
  const lastColumn = columnLetter(spec.headers.length - 1);
  const header = sheet.getRange(`A1:${lastColumn}1`);
  header.numberFormat = [spec.headers.map(() => "@")];
  header.values = [spec.headers];
  const table = sheet.tables.add(`A1:${lastColumn}1`, true);
  table.name = spec.table;
  table.style = "TableStyleMedium2";
  // Whole columns take the format so rows the clerk adds by hand get it too.
  spec.formats.forEach((f, i) => {
    const column = sheet.getRange(`${columnLetter(i)}2:${columnLetter(i)}${VALIDATION_ROWS + 1}`);
    column.numberFormat = Array.from({ length: VALIDATION_ROWS }, () => [NUMBER_FORMATS[f]]);
  });
  spec.widths.forEach((w, i) => {
    sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = w * 7.5;
  });
  sheet.freezePanes.freezeRows(1);
  appendTableRows(table, spec.rows, spec.formats);
}

function setValidation(table: Excel.Table, column: number, source: ValidationSource): void {
  const range = table.columns.getItemAt(column).getDataBodyRange();
  range.dataValidation.clear();
  const formula = "list" in source ? source.list.join(",") : `=${validationRangeRef(source.range)}`;
  range.dataValidation.rule = { list: { inCellDropDown: true, source: formula } };
}

/** Writes a sheet model in row blocks that each stay under the payload budget. */
async function writeSheet(context: Excel.RequestContext, model: SheetModel, budget: (bytes: number) => Promise<void>): Promise<void> {
  const sheet = context.workbook.worksheets.add(model.name);
  // The add-in's own record is hidden (Worksheet.visibility, ExcelApi 1.1); a workbook always keeps a visible sheet besides.
  if (model.hidden) sheet.visibility = "Hidden";
  const width = Math.max(1, ...model.rows.map((r) => r.length));
  const cells = model.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? {}));
  // Formulas plus a number format per cell.
  const bytesPerRow = bytesPerRowOf(cells.slice(0, 50).map((r) => r.map(formulaOf))) + width * 24;
  const block = Math.max(50, Math.floor(PAYLOAD_BUDGET / bytesPerRow / 2));
  for (let start = 0; start < cells.length; start += block) {
    const rows = cells.slice(start, start + block);
    await budget(rows.length * bytesPerRow);
    const range = sheet.getRange(`A${start + 1}:${columnLetter(width - 1)}${start + rows.length}`);
    range.numberFormat = rows.map((r) => r.map(numberFormatOf));
    range.formulas = rows.map((r) => r.map(formulaOf));
  }
  await budget(applyStyles(sheet, cells));
  model.columnWidths?.forEach((w, i) => {
    sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = w * 7.5;
  });
  for (const m of model.merges ?? []) sheet.getRange(m).merge(false);
  if (model.freezeRows) sheet.freezePanes.freezeRows(model.freezeRows);
  for (const row of model.pageBreaks ?? []) sheet.horizontalPageBreaks.add(`A${row}`);
  if (model.page) {
    const layout = sheet.pageLayout;
    layout.orientation = model.page.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.paperSize = "A4";
    if (model.page.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (model.page.printTitleRows) layout.setPrintTitleRows(`$${model.page.printTitleRows[0]}:$${model.page.printTitleRows[1]}`);
    if (model.page.centerFooter) layout.headersFooters.defaultForAllPages.centerFooter = model.page.centerFooter;
  }
}

function numberFormatOf(cell: CellSpec): string {
  return specContent(cell).numberFormat ?? "General";
}

function formulaOf(cell: CellSpec): string | number | boolean {
  const content = specContent(cell);
  return "formula" in content ? content.formula : (content.value ?? "");
}

/**
 * Styles go on rectangles: consecutive rows with the same style pattern share one range per run of
 * equally styled columns, so a 10,000-row report costs a handful of format calls. Returns the bytes queued.
 */
function applyStyles(sheet: Excel.Worksheet, cells: CellSpec[][]): number {
  const signature = (row: CellSpec[]) => row.map((c) => c.style ?? "").join("|");
  let queued = 0;
  for (let top = 0; top < cells.length; ) {
    const sig = signature(cells[top]);
    let bottom = top;
    while (bottom + 1 < cells.length && signature(cells[bottom + 1]) === sig) bottom++;
    const row = cells[top];
    for (let start = 0; start < row.length; ) {
      let end = start;
      while (end + 1 < row.length && row[end + 1].style === row[start].style) end++;
      const style = row[start].style;
      if (style) {
        queued += 600;
        const range = sheet.getRange(`${columnLetter(start)}${top + 1}:${columnLetter(end)}${bottom + 1}`);
        const s = STYLES[style];
        range.format.font.bold = s.bold;
        range.format.font.size = s.size;
        range.format.horizontalAlignment = s.align === "center" ? "Center" : s.align === "right" ? "Right" : "Left";
        range.format.wrapText = s.wrap;
        if (s.border)
          for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) range.format.borders.getItem(edge).style = "Continuous";
        if (s.fill) range.format.fill.color = s.fill;
      }
      start = end + 1;
    }
    top = bottom + 1;
  }
  return queued;
}
