import { type Cell, type CellSpec, type ColumnFormat, NUMBER_FORMATS, type PageSetup, type SheetModel, type TableData, type TableSpec, type ValidationSource, type WorkbookOp, type WorkbookSnapshot, columnIndexOf, columnLetter, VALIDATION_ROWS, validationRangeRef } from "../../core/sheetModel";
import { type WorkbookGateway, WorkbookError } from "../../app/gateway";
import { STYLES } from "../../core/ops/styles";
import { addChartsAndDataBars } from "./charts";
import { hasOwnPageSetup } from "../../core/ops/pageSetup";
import { checkOpLimits, columnBesideTaken, columnToAdd, columnToRename, specContent } from "../../core/ops/checkOps";
import { knownTable } from "../../core/stores/knownTables";
import { type CellAt, cellsNearTable, cellsOf, findTableByHeaders, tableDataAt } from "../../core/tableRegion";
import { SHEETS } from "../../core/ledger/layout";
import { COLUMN_WIDTH_BYTES, REQUEST_BUDGET, SHEET_BYTES, actionBytes, chartsBytes, jsonLength, mergeBytes, pageBreakBytes, pageLayoutBytes, pathBytes, rangeWriteBytes, styleBytes } from "./requestSize";
import { WriteRequests, orderForConsistency } from "./writeRequests";

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Every Excel.run of the add-in goes through here. `delayForCellEdit`: while the clerk is typing in a cell,
 * Excel holds the batch until the edit ends instead of failing it with InvalidOperationInCellEditMode
 * (Excel.RunOptions.delayForCellEdit; Microsoft's reference names no requirement set for the option).
 */
export const runInExcel: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** Table.resize needs ExcelApi 1.13 (the manifest asks for 1.9); outside Office (tests) it is assumed. */
function resizeSupported(): boolean {
  return typeof Office === "undefined" || !Office.context?.requirements || Office.context.requirements.isSetSupported("ExcelApi", "1.13");
}

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
  /** `tableResize`: Table.resize is there (ExcelApi 1.13), so appends go below the table; else rows.add. */
  constructor(
    private readonly run: ExcelRunner = runInExcel,
    private readonly tableResize: boolean = resizeSupported(),
  ) {}

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
    // New ledger rows last, so that a failure leaves no ledger rows without what goes with them.
    const ordered = orderForConsistency(ops, SHEETS.ledger.table);
    const writing: { requests?: WriteRequests } = {};
    try {
      await this.applyOrdered(ordered, writing);
    } catch (e) {
      if (!writing.requests) throw e;
      throw await writing.requests.failure(ordered, e, (batch) => this.run(batch));
    }
  }

  private async applyOrdered(ops: readonly WorkbookOp[], writing: { requests?: WriteRequests }): Promise<void> {
    await this.run(async (context) => {
      const requests = new WriteRequests(context);
      writing.requests = requests;
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
      const pageLooks = lookAtPages(context, ops);
      const appends = lookAtAppends(context, ops);
      if (existing.size > 0 || rowCounts.size > 0 || refitted.size > 0 || columnLooks.size > 0 || pageLooks.size > 0 || appends.looks.size > 0) await context.sync();
      // An append that cannot go below its table goes through rows.add, which Excel refuses on a filtered table: said before anything is written.
      for (const [name, look] of appends.looks)
        if (look.filter.isDataFiltered && (!this.tableResize || !look.below.isNullObject))
          throw new WorkbookError(
            "bad-rows",
            `「${look.sheet.name}」正在筛选，${this.tableResize ? "且表格下方紧接着有内容，" : "而此版本的 Excel 不能向筛选中的表格追加行，"}新记录无法写入（表格 ${name}）：请先清除筛选（「数据」→「清除」）${this.tableResize ? "并移开表格下方的内容" : ""}后再试。什么也没有写入。`,
          );
      // Added and renamed columns are checked against the tables as the batch's earlier operations leave them, before anything is written.
      const columnPlans = planColumns(ops, columnLooks);
      // A report never replaces a sheet that holds a table (the clerk's ledger).
      const tablesOn = [...existing].filter(([, sheet]) => !sheet.isNullObject).map(([name, sheet]) => [name, sheet.tables.load("items/name")] as const);
      if (tablesOn.length > 0) {
        await context.sync();
        for (const [name, tables] of tablesOn)
          if (tables.items.length > 0) throw new WorkbookError("sheet-exists", `工作表「${name}」是台账表格，不能被报表覆盖`);
      }
      const budget = (bytes: number) => requests.room(bytes);
      let temporary = 0;
      for (const op of ops) {
        requests.begin(op);
        switch (op.op) {
          case "createTable":
            await createTable(context, op.spec, budget);
            break;
          case "appendRows": {
            const look = appends.looks.get(op.table);
            if (look && appends.below.has(op) && this.tableResize && look.below.isNullObject) await appendBelow(look, op, budget, requests);
            else
              for (const block of rowBlocks(op.rows, op.formats)) {
                await budget(block.bytes + pathBytes("add", [null, block.rows.map((r) => r.map(() => ""))]));
                appendTableRows(context.workbook.tables.getItem(op.table), block.rows, op.formats);
              }
            break;
          }
          case "replaceRows":
            await budget(rowBlocks(op.rows, op.formats).reduce((n, b) => n + b.bytes, 0));
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
            if (!old || old.isNullObject) {
              requests.onFailure(op, deleteSheetIfThere(op.model.name));
              await writeSheet(context, op.model, budget);
              break;
            }
            // Write-then-rename: the new sheet is written whole under a temporary name; only then does the old one go.
            const name = `~生成中${++temporary}`;
            requests.onFailure(op, deleteSheetIfThere(name));
            await writeSheet(context, { ...op.model, name }, budget);
            await budget(pathBytes("getItem", [name]) + actionBytes("delete") + actionBytes("name", [op.model.name]));
            old.delete();
            context.workbook.worksheets.getItem(name).name = op.model.name;
            existing.delete(op.model.name);
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
          case "setPage": {
            const look = pageLooks.get(op.sheet);
            const own = look ? hasOwnPageSetup(pageFactsOf(look)) : madeWithPage(ops, op);
            if (!own) {
              await budget(pathBytes("getItem", [op.sheet]) + pageLayoutBytes(op.page));
              setPageLayout(context.workbook.worksheets.getItem(op.sheet), op.page);
            }
            break;
          }
          default: {
            // Every operation has its case: a new one is a compile error here, never silently skipped.
            const unknown: never = op;
            throw new WorkbookError("bad-rows", `Excel 加载项不支持的工作簿操作：${JSON.stringify(unknown)}`);
          }
        }
        requests.end(op);
      }
      await requests.send();
    });
  }
}

/** Undoing a sheet the batch was making: deleted should it be there (a failed request may or may not have made it). */
function deleteSheetIfThere(name: string): (context: Excel.RequestContext) => Promise<void> {
  return async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    if (!sheet.isNullObject) sheet.delete();
    await context.sync();
  };
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

/** What a setPage op needs to know of a sheet that exists before the batch: its page setup. */
interface PageLook {
  layout: Excel.PageLayout;
  headerFooter: Excel.HeaderFooter;
  titles: Excel.Range;
}

/** Sheets made earlier in the same batch are not looked at (madeWithPage tells); the others' page setup, for the batch's first sync. */
function lookAtPages(context: Excel.RequestContext, ops: readonly WorkbookOp[]): Map<string, PageLook> {
  const made = new Set<string>();
  const looks = new Map<string, PageLook>();
  for (const op of ops) {
    if (op.op === "createTable") made.add(op.spec.sheet);
    else if (op.op === "writeSheet") made.add(op.model.name);
    else if (op.op === "setPage" && !made.has(op.sheet) && !looks.has(op.sheet)) {
      // PageLayout, its zoom, HeaderFooter and getPrintTitleRowsOrNullObject: ExcelApi 1.9.
      const layout = context.workbook.worksheets.getItem(op.sheet).pageLayout;
      looks.set(op.sheet, {
        layout: layout.load("orientation,zoom"),
        headerFooter: layout.headersFooters.defaultForAllPages.load("leftHeader,centerHeader,rightHeader,leftFooter,centerFooter,rightFooter"),
        titles: layout.getPrintTitleRowsOrNullObject(),
      });
    }
  }
  return looks;
}

function pageFactsOf(look: PageLook) {
  const zoom = look.layout.zoom ?? {};
  const hf = look.headerFooter;
  return {
    landscape: look.layout.orientation === "Landscape",
    fitToPages: zoom.horizontalFitToPages != null || zoom.verticalFitToPages != null,
    scale: zoom.scale ?? 100,
    headerFooter: [hf.leftHeader, hf.centerHeader, hf.rightHeader, hf.leftFooter, hf.centerFooter, hf.rightFooter].some(Boolean),
    printTitles: !look.titles.isNullObject,
  };
}

/** A sheet made in the batch has its own setup when the op that made it gave one. */
function madeWithPage(ops: readonly WorkbookOp[], setPage: WorkbookOp): boolean {
  const before = ops.slice(0, ops.indexOf(setPage)).reverse();
  const sheet = setPage.op === "setPage" ? setPage.sheet : "";
  const made = before.find((op) => (op.op === "createTable" && op.spec.sheet === sheet) || (op.op === "writeSheet" && op.model.name === sheet));
  return made?.op === "createTable" ? made.spec.page !== undefined : made?.op === "writeSheet" ? made.model.page !== undefined : false;
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

/** A block of rows goes in one range write of at most this many bytes (several blocks share a request). */
const BLOCK_BYTES = REQUEST_BUDGET / 4;

/** Rows [start, end) in blocks of at most BLOCK_BYTES as serialised (formats and contents), one row at least. */
function blocksOf(formats: readonly unknown[][], contents: readonly unknown[][]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < contents.length; r++) {
    const row = jsonLength(formats[r]) + jsonLength(contents[r]) + 2;
    if (r > start && bytes + row > BLOCK_BYTES) {
      out.push({ start, end: r });
      start = r;
      bytes = 0;
    }
    bytes += row;
  }
  if (contents.length > start) out.push({ start, end: contents.length });
  return out;
}

/** Row blocks of a table write, each with what Excel receives (see cellsFor) and its size. */
function rowBlocks(rows: Cell[][], formats: ColumnFormat[]): { rows: Cell[][]; start: number; bytes: number }[] {
  const cells = cellsFor(rows, formats);
  return blocksOf(cells.numberFormat, cells.values).map((b) => ({
    rows: rows.slice(b.start, b.end),
    start: b.start,
    bytes: rangeWriteBytes("XFD1048576:XFD1048576", cells.numberFormat.slice(b.start, b.end), cells.values.slice(b.start, b.end)),
  }));
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

/** What appending below a table needs to know of it, looked at in the batch's first sync. */
interface AppendLook {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  range: Excel.Range;
  /** The used cells (values) of the body: none means the new rows fill the blank body from its top. */
  body: Excel.Range;
  /** The used cells (values) where the new rows go below the table: they must be free. */
  below: Excel.Range;
  filter: Excel.AutoFilter;
  /** Where the table ends and the next rows go (1-based sheet rows), as the batch's appends leave it. */
  at?: { top: number; left: number; right: number; bottom: number; next: number };
}

/**
 * The appends that can go below their table: tables that exist before the batch and that no earlier
 * operation of the batch reshapes. Each gets a look (its range, whether its body holds data, whether
 * the rows below are free, whether the clerk filtered it).
 */
function lookAtAppends(context: Excel.RequestContext, ops: readonly WorkbookOp[]): { looks: Map<string, AppendLook>; below: Set<WorkbookOp> } {
  const reshaped = new Set<string>();
  const rows = new Map<string, number>();
  const below = new Set<WorkbookOp>();
  for (const op of ops) {
    if (op.op === "createTable") reshaped.add(op.spec.table);
    else if (op.op === "appendRows" && !reshaped.has(op.table)) {
      rows.set(op.table, (rows.get(op.table) ?? 0) + op.rows.length);
      below.add(op);
    } else if (op.op === "replaceRows" || op.op === "setTableRange" || op.op === "addColumn" || op.op === "renameColumn") reshaped.add(op.table);
  }
  const looks = new Map<string, AppendLook>();
  for (const [name, count] of rows) {
    if (count === 0) continue;
    const table = context.workbook.tables.getItem(name);
    const range = table.getRange().load("address");
    looks.set(name, {
      table,
      sheet: table.worksheet.load("name"),
      range,
      body: table.getDataBodyRange().getUsedRangeOrNullObject(true).load("address"),
      below: range.getLastRow().getOffsetRange(1, 0).getResizedRange(count - 1, 0).getUsedRangeOrNullObject(true).load("address"),
      // Table.autoFilter and AutoFilter.isDataFiltered: ExcelApi 1.9.
      filter: table.autoFilter.load("isDataFiltered"),
    });
  }
  return { looks, below };
}

/**
 * New rows written straight below the table in blocks, then the table resized over them (Table.resize,
 * ExcelApi 1.13): no rows.add, which Excel refuses on a filtered table, and no inserted cells. Should a
 * request fail before the resize, the rows written below are cleared again (WriteRequests.failure).
 */
async function appendBelow(look: AppendLook, op: Extract<WorkbookOp, { op: "appendRows" }>, budget: (bytes: number) => Promise<void>, requests: WriteRequests): Promise<void> {
  if (op.rows.length === 0) return;
  if (!look.at) {
    const rect = rectOf(look.range.address);
    look.at = { ...rect, next: look.body.isNullObject ? rect.top + 1 : rect.bottom + 1 };
  }
  const at = look.at;
  const [left, right] = [columnLetter(at.left), columnLetter(at.right)];
  const first = at.next;
  const last = first + op.rows.length - 1;
  const sheetName = look.sheet.name;
  requests.onFailure(op, async (context) => {
    context.workbook.worksheets.getItem(sheetName).getRange(`${left}${first}:${right}${last}`).clear("Contents");
    await context.sync();
  });
  for (const block of rowBlocks(op.rows, op.formats)) {
    await budget(block.bytes);
    const top = first + block.start;
    writeRows(look.sheet.getRange(`${left}${top}:${right}${top + block.rows.length - 1}`), block.rows, op.formats);
  }
  at.next = last + 1;
  at.bottom = Math.max(at.bottom, last);
  const address = `${left}${at.top}:${right}${at.bottom}`;
  await budget(pathBytes("getRange", [address]) + actionBytes("resize", [{ $ref: address }]));
  look.table.resize(look.sheet.getRange(address));
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

/**
 * A sheet with a table: the header, whole-column formats, then the rows in blocks below the header, and
 * only then the table over header and rows (tables.add): a large import never goes through rows.add.
 */
async function createTable(context: Excel.RequestContext, spec: TableSpec, budget: (bytes: number) => Promise<void>): Promise<void> {
  const lastColumn = columnLetter(spec.headers.length - 1);
  const headerFormats = [spec.headers.map(() => "@")];
  await budget(SHEET_BYTES + rangeWriteBytes(`A1:${lastColumn}1`, headerFormats, [spec.headers]));
  const sheet = context.workbook.worksheets.add(spec.sheet);
  const header = sheet.getRange(`A1:${lastColumn}1`);
  header.numberFormat = headerFormats;
  header.values = [spec.headers];
  // Whole columns take the format so rows the clerk adds by hand get it too.
  for (const [i, f] of spec.formats.entries()) {
    const address = `${columnLetter(i)}2:${columnLetter(i)}${VALIDATION_ROWS + 1}`;
    const numberFormat = Array.from({ length: VALIDATION_ROWS }, () => [NUMBER_FORMATS[f]]);
    await budget(pathBytes("getRange", [address]) + actionBytes("numberFormat", [numberFormat]));
    sheet.getRange(address).numberFormat = numberFormat;
  }
  for (const [i, w] of spec.widths.entries()) {
    await budget(COLUMN_WIDTH_BYTES);
    sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = w * 7.5;
  }
  sheet.freezePanes.freezeRows(1);
  for (const block of rowBlocks(spec.rows, spec.formats)) {
    await budget(block.bytes);
    writeRows(sheet.getRange(`A${block.start + 2}:${lastColumn}${block.start + block.rows.length + 1}`), block.rows, spec.formats);
  }
  await budget(pathBytes("add", [`A1:${lastColumn}${spec.rows.length + 1}`, true]) + actionBytes("name", [spec.table]) + actionBytes("style", ["TableStyleMedium2"]));
  const table = sheet.tables.add(`A1:${lastColumn}${Math.max(1, spec.rows.length + 1)}`, true);
  table.name = spec.table;
  table.style = "TableStyleMedium2";
  if (spec.page) {
    await budget(pageLayoutBytes(spec.page));
    setPageLayout(sheet, spec.page);
  }
}

/** A4, one page wide when asked (zoom, ExcelApi 1.9), the title rows repeated, centre header and footer. */
function setPageLayout(sheet: Excel.Worksheet, page: PageSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  if (page.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (page.printTitleRows) layout.setPrintTitleRows(`$${page.printTitleRows[0]}:$${page.printTitleRows[1]}`);
  if (page.centerHeader) layout.headersFooters.defaultForAllPages.centerHeader = page.centerHeader;
  if (page.centerFooter) layout.headersFooters.defaultForAllPages.centerFooter = page.centerFooter;
}

function setValidation(table: Excel.Table, column: number, source: ValidationSource): void {
  const range = table.columns.getItemAt(column).getDataBodyRange();
  range.dataValidation.clear();
  const formula = "list" in source ? source.list.join(",") : `=${validationRangeRef(source.range)}`;
  range.dataValidation.rule = { list: { inCellDropDown: true, source: formula } };
}

/** Writes a sheet model in row blocks that each stay under the payload budget. */
async function writeSheet(context: Excel.RequestContext, model: SheetModel, budget: (bytes: number) => Promise<void>): Promise<void> {
  await budget(SHEET_BYTES);
  const sheet = context.workbook.worksheets.add(model.name);
  // The add-in's own record is hidden (Worksheet.visibility, ExcelApi 1.1); a workbook always keeps a visible sheet besides.
  if (model.hidden) sheet.visibility = "Hidden";
  // A loop, not Math.max(...rows): a 10,000-member 管理卡 has more rows than a call takes arguments.
  const width = model.rows.reduce((w, r) => Math.max(w, r.length), 1);
  const cells = model.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? {}));
  // Formulas plus a number format per cell, in blocks sized as Office.js serialises them.
  const formats = cells.map((r) => r.map(numberFormatOf));
  const contents = cells.map((r) => r.map(formulaOf));
  for (const block of blocksOf(formats, contents)) {
    const address = `A${block.start + 1}:${columnLetter(width - 1)}${block.end}`;
    const numberFormat = formats.slice(block.start, block.end);
    const formulas = contents.slice(block.start, block.end);
    await budget(rangeWriteBytes(address, numberFormat, formulas));
    const range = sheet.getRange(address);
    range.numberFormat = numberFormat;
    range.formulas = formulas;
  }
  await applyStyles(sheet, cells, budget);
  for (const [i, w] of (model.columnWidths ?? []).entries()) {
    await budget(COLUMN_WIDTH_BYTES);
    sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = w * 7.5;
  }
  for (const m of model.merges ?? []) {
    await budget(mergeBytes(m));
    sheet.getRange(m).merge(false);
  }
  if (model.freezeRows) sheet.freezePanes.freezeRows(model.freezeRows);
  for (const row of model.pageBreaks ?? []) {
    await budget(pageBreakBytes(row));
    sheet.horizontalPageBreaks.add(`A${row}`);
  }
  if (model.page) {
    await budget(pageLayoutBytes(model.page));
    setPageLayout(sheet, model.page);
  }
  await budget(chartsBytes(model));
  addChartsAndDataBars(sheet, model);
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
 * equally styled columns, so a 10,000-row report costs a handful of format calls. Each rectangle is
 * sized (its range, format, font, borders and fill paths and their actions) before it is queued.
 */
async function applyStyles(sheet: Excel.Worksheet, cells: CellSpec[][], budget: (bytes: number) => Promise<void>): Promise<void> {
  const signature = (row: CellSpec[]) => row.map((c) => c.style ?? "").join("|");
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
        const address = `${columnLetter(start)}${top + 1}:${columnLetter(end)}${bottom + 1}`;
        await budget(styleBytes(address, style));
        const range = sheet.getRange(address);
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
}
