/**
 * The workbook gateway over an .xlsx/.xlsm package, edited in place: it reads only the parts it needs
 * and rewrites only the sheets, tables and book parts its operations change. Pure: bytes in, bytes out.
 */
import {
  type Cell,
  type CellSpec,
  type ColumnFormat,
  NUMBER_FORMATS,
  type PageSetup,
  type SheetModel,
  type TableData,
  type TableSpec,
  type ValidationSource,
  type WorkbookOp,
  type WorkbookSnapshot,
  VALIDATION_ROWS,
  columnIndexOf,
  columnLetter,
  quoteSheet,
  validationRangeRef,
} from "../../../core/sheetModel";
import { mergedCells, wrappedRowHeight } from "../../../core/ops/rowHeights";
import { type CellAt, type SheetExtent, cellsNearTable, findTableByHeaders, tableDataAt } from "../../../core/tableRegion";
import { knownTable } from "../../../core/stores/knownTables";
import { checkOps, columnBesideTaken, columnToAdd, columnToRename, rowWithCells, runOps, specContent, tableRow } from "../../../core/ops/checkOps";
import { type WorkbookGateway, WorkbookError, readEachSheet } from "../../../app/gateway";
import { Book, type SheetEntry, type TableEntry } from "./book";
import { chartPartXml, dataBarsXml, drawingPartXml } from "./charts";
import { type SheetPart, cellXml, isBlank } from "./sheet";
import type { StylesPart } from "./styles";
import { NS_MAIN, NS_R, XML_DECL, attr, escapeText, findElement, findElements, findTag, setAttr } from "./xml";
import { hasOwnPageSetup } from "../../../core/ops/pageSetup";
import type { DeflateCodec } from "./zip";

interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B2:K20" as 1-based rows and 0-based columns. */
function parseRange(ref: string): Bounds {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new WorkbookError("no-table", `无法解析区域 ${ref}`);
  return { top: Number(m[2]), left: columnIndexOf(m[1]), bottom: Number(m[4] ?? m[2]), right: columnIndexOf(m[3] ?? m[1]) };
}

const PROTECTION = '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>';

/** A table sheet's print setup (A4 is paperSize 9) as the elements that carry it. */
function pageElements(page: PageSetup): { printOptions: string; pageMargins: string; pageSetup: string; headerFooter: string } {
  const header = page.centerHeader ? `<oddHeader>${escapeText(`&C${page.centerHeader}`)}</oddHeader>` : "";
  const footer = page.centerFooter ? `<oddFooter>${escapeText(`&C${page.centerFooter}`)}</oddFooter>` : "";
  return {
    printOptions: '<printOptions horizontalCentered="1"/>',
    pageMargins: '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
    pageSetup: `<pageSetup paperSize="9" orientation="${page.orientation}"${page.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`,
    headerFooter: header || footer ? `<headerFooter>${header}${footer}</headerFooter>` : "",
  };
}

/** The print setup's elements in the worksheet schema's order. */
function pageXml(page: PageSetup): string {
  const e = pageElements(page);
  return `${e.printOptions}${e.pageMargins}${e.pageSetup}${e.headerFooter}`;
}

/** A worksheet part's head with <sheetPr><pageSetUpPr fitToPage="1"/> (whatever else sheetPr holds is kept). */
function withFitToPage(head: string): string {
  const fit = '<pageSetUpPr fitToPage="1"/>';
  const pr = findElement(head, "sheetPr");
  if (!pr) {
    const open = head.indexOf(">", findTag(head, "worksheet")) + 1;
    return `${head.slice(0, open)}<sheetPr>${fit}</sheetPr>${head.slice(open)}`;
  }
  if (pr.selfClosing) return `${head.slice(0, pr.start)}${head.slice(pr.start, pr.end - 2).trimEnd()}>${fit}</sheetPr>${head.slice(pr.end)}`;
  const setUp = findElement(head, "pageSetUpPr", pr.openEnd, pr.innerEnd);
  // pageSetUpPr is sheetPr's last child.
  if (!setUp) return `${head.slice(0, pr.innerEnd)}${fit}${head.slice(pr.innerEnd)}`;
  return `${head.slice(0, setUp.start)}${setAttr(head.slice(setUp.start, setUp.openEnd), "fitToPage", "1")}${head.slice(setUp.openEnd)}`;
}

export class PackageGateway implements WorkbookGateway {
  constructor(readonly book: Book) {}

  /** A new, empty workbook. */
  static create(codec?: DeflateCodec): PackageGateway {
    return new PackageGateway(Book.create(codec));
  }

  /** Opens the bytes of an .xlsx/.xlsm; throws BookFileError for anything else. */
  static open(bytes: Uint8Array, fileName: string, codec?: DeflateCodec): PackageGateway {
    return new PackageGateway(Book.open(bytes, fileName, codec));
  }

  /** The package with the changes applied; unchanged entries are copied byte for byte. */
  toBytes(): Uint8Array {
    return this.book.toBytes();
  }

  private tableEntry(name: string): TableEntry {
    const t = this.book.tables().find((x) => x.name === name);
    if (!t) throw new WorkbookError("no-table", `工作簿中没有表格 ${name}`);
    return t;
  }

  private partOf(sheet: string): SheetPart {
    return this.book.sheetPart(this.book.sheet(sheet)!);
  }

  private headers(t: TableEntry): string[] {
    const b = parseRange(t.ref);
    return this.partOf(t.sheet)
      .values(b.top, b.left, b.right - b.left + 1, this.book.sharedString)
      .map((v) => (v === null ? "" : String(v)));
  }

  /** How many data rows: the table's range, plus rows typed right below it, less trailing blank rows. */
  private rowCount(t: TableEntry): number {
    const b = parseRange(t.ref);
    const part = this.partOf(t.sheet);
    const width = b.right - b.left + 1;
    const blank = (r: number) => isBlank(part.values(r, b.left, width, this.book.sharedString));
    const last = part.lastRow();
    let r = b.bottom + 1;
    while (r <= last && !blank(r)) r++;
    if (r > b.bottom + 1) return r - 1 - b.top;
    let k = b.bottom;
    while (k > b.top && blank(k)) k--;
    return k - b.top;
  }

  private dataRows(t: TableEntry): Cell[][] {
    const b = parseRange(t.ref);
    const part = this.partOf(t.sheet);
    const width = b.right - b.left + 1;
    const count = this.rowCount(t);
    const rows: Cell[][] = new Array(count);
    for (let i = 0; i < count; i++) rows[i] = part.values(b.top + 1 + i, b.left, width, this.book.sharedString);
    return rows;
  }

  async inspect(): Promise<WorkbookSnapshot> {
    return {
      sheets: this.book.sheets.map((s) => s.name),
      tables: this.book.tables().map((t) => ({ name: t.name, sheet: t.sheet, headers: this.headers(t), rowCount: this.rowCount(t) })),
    };
  }

  async readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    const out = new Map<string, TableData>();
    for (const t of this.book.tables()) {
      if (!names.includes(t.name)) continue;
      const b = parseRange(t.ref);
      const rows = this.dataRows(t);
      const data: TableData = { name: t.name, sheet: t.sheet, headers: this.headers(t), rowCount: rows.length, rows, firstRow: b.top + 1, firstColumn: b.left };
      const near = this.sheetCells(t.sheet);
      const outside = near && cellsNearTable(near.at, near.extent, { headerRow: b.top, firstColumn: b.left, lastColumn: b.right, lastRow: Math.max(b.bottom, b.top + rows.length) });
      out.set(t.name, outside ? { ...data, outside } : data);
    }
    // A known table whose table object is gone (converted to a range): found by its header row on its sheet.
    for (const name of names) {
      const known = out.has(name) ? undefined : knownTable(name);
      const cells = known && this.sheetCells(known.sheet);
      const bounds = cells && findTableByHeaders(cells.at, cells.extent, known.headers);
      if (!known || !cells || !bounds) continue;
      const data = tableDataAt(cells.at, bounds, name, known.sheet);
      const outside = cellsNearTable(cells.at, cells.extent, bounds);
      out.set(name, outside ? { ...data, outside } : data);
    }
    return out;
  }

  /** A worksheet's cells by row and column (rows read once, when asked for), with its used extent. */
  private sheetCells(name: string): { at: CellAt; extent: SheetExtent } | null {
    const entry = this.book.sheet(name);
    if (!entry || entry.kind !== "worksheet") return null;
    const part = this.book.sheetPart(entry);
    const extent = { lastRow: part.lastRow(), lastColumn: part.lastColumn() };
    const width = extent.lastColumn + 1;
    const rows = new Map<number, Cell[]>();
    const at: CellAt = (r, c) => {
      if (r < 1 || r > extent.lastRow || c < 0 || c >= width) return null;
      let row = rows.get(r);
      if (!row) rows.set(r, (row = part.values(r, 0, width, this.book.sharedString)));
      return row[c];
    };
    return { at, extent };
  }

  async readSheet(name: string): Promise<Cell[][] | null> {
    const entry = this.book.sheet(name);
    if (!entry) return null;
    if (entry.kind !== "worksheet") return [];
    const part = this.book.sheetPart(entry);
    const rows = part.lastRow();
    const width = part.lastColumn() + 1;
    const out: Cell[][] = [];
    for (let r = 1; r <= rows; r++) out.push(part.values(r, 0, width, this.book.sharedString, true));
    return out;
  }

  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    return readEachSheet(this, names);
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    this.check(ops);
    await runOps(ops, {
      createTable: (op) => this.createTable(op.spec),
      appendRows: (op) => {
        const t = this.tableEntry(op.table);
        const count = this.rowCount(t);
        this.writeRows(t, parseRange(t.ref).top + 1 + count, op.rows, op.formats);
        this.setHeight(t, count + op.rows.length);
      },
      replaceRows: (op) => {
        const t = this.tableEntry(op.table);
        const b = parseRange(t.ref);
        const width = b.right - b.left + 1;
        const blank = Array.from({ length: this.rowCount(t) }, () => new Array<Cell>(width).fill(null));
        this.writeRows(t, b.top + 1, blank, new Array<ColumnFormat>(width).fill("number"), true);
        this.writeRows(t, b.top + 1, op.rows, op.formats);
        this.setHeight(t, op.rows.length);
      },
      setCells: (op) => {
        const t = this.tableEntry(op.table);
        const b = parseRange(t.ref);
        const row = rowWithCells(op, this.rowCount(t), (r) => this.partOf(t.sheet).values(b.top + 1 + r, b.left, b.right - b.left + 1, this.book.sharedString));
        this.writeRows(t, b.top + 1 + op.row, [row], op.formats);
      },
      setValidation: (op) => this.setValidation(this.tableEntry(op.table), op.column, op.source),
      writeSheet: (op) => this.writeSheet(op.model),
      setTableRange: (op) => this.setTableRange(op.sheet, op.table, op.range, op.headers),
      protectSheet: (op) => this.partOf(op.sheet).setTailElement("sheetProtection", PROTECTION),
      unprotectSheet: (op) => this.partOf(op.sheet).setTailElement("sheetProtection", null),
      addColumn: (op) => this.addColumn(op),
      renameColumn: (op) => this.renameColumn(op),
      setPage: (op) => this.setPage(op.sheet, op.page),
    });
  }

  /** The print setup of a sheet that has none of its own; its cells, margins and printer settings stay. */
  private setPage(sheet: string, page: PageSetup): void {
    const entry = this.book.sheet(sheet)!;
    if (entry.kind !== "worksheet") return;
    const part = this.book.sheetPart(entry);
    const current = part.tailElement("pageSetup");
    const tag = current ? `${current.slice(0, current.indexOf(">")).replace(/\s*\/$/, "")}/>` : "<pageSetup/>";
    const facts = {
      landscape: attr(tag, "orientation") === "landscape",
      fitToPages: /<pageSetUpPr\b[^>]*\sfitToPage="(1|true)"/.test(part.headXml),
      scale: Number(attr(tag, "scale") ?? 100),
      headerFooter: /<(odd|even|first)(Header|Footer)>[^<]/.test(part.tailElement("headerFooter") ?? ""),
      printTitles: this.book.localName(entry, "_xlnm.Print_Titles") !== null,
    };
    if (hasOwnPageSetup(facts)) return;
    const el = pageElements(page);
    let setup = setAttr(setAttr(tag, "paperSize", "9"), "orientation", page.orientation);
    if (page.fitToWidth) {
      part.headXml = withFitToPage(part.headXml);
      setup = setAttr(setAttr(setup, "fitToWidth", "1"), "fitToHeight", "0");
    }
    part.setTailElement("pageSetup", setup);
    if (!part.tailElement("pageMargins")) part.setTailElement("pageMargins", el.pageMargins);
    part.setTailElement("headerFooter", el.headerFooter || null);
    this.setPrintTitles(entry, sheet, page);
  }

  private setPrintTitles(entry: SheetEntry, sheet: string, page: PageSetup | undefined): void {
    const titles = page?.printTitleRows;
    this.book.setLocalName(entry, "_xlnm.Print_Titles", titles ? `${quoteSheet(sheet)}!$${titles[0]}:$${titles[1]}` : null);
  }

  /** Every precondition before any change, so a refused batch changes nothing. */
  private check(ops: readonly WorkbookOp[]): void {
    checkOps(
      {
        sheets: this.book.sheets.map((s) => s.name),
        tables: this.book.tables().map((t) => ({ name: t.name, sheet: t.sheet })),
        protectedSheets: this.book.sheets.filter((s) => this.book.isProtected(s.name)).map((s) => s.name),
      },
      ops,
    );
    for (const op of ops) {
      const existing = op.op === "writeSheet" ? this.book.sheet(op.model.name) : undefined;
      if (existing && existing.kind !== "worksheet") throw new WorkbookError("sheet-exists", `工作表「${existing.name}」是图表工作表，不能被报表覆盖`);
    }
  }

  /** A table over cells on the sheet, none changed: re-created (converted to a range), or extended down over rows typed below it. */
  private setTableRange(sheet: string, name: string, range: string, headers: readonly string[]): void {
    const b = parseRange(range);
    const existing = this.book.tables().find((t) => t.name === name);
    if (existing) {
      const old = parseRange(existing.ref);
      if (old.top !== b.top || old.left !== b.left || old.right !== b.right || b.bottom < old.bottom)
        throw new WorkbookError("bad-rows", `表格 ${name}（${existing.ref}）只能向下扩展到 ${range}：表头和列不变`);
      this.book.setTableRef(existing, range);
      return;
    }
    const overlaps = (x: Bounds) => x.left <= b.right && b.left <= x.right && x.top <= b.bottom && b.top <= x.bottom;
    const other = this.book.tables().find((t) => t.sheet === sheet && overlaps(parseRange(t.ref)));
    if (other) throw new WorkbookError("sheet-exists", `工作表「${sheet}」的 ${range} 与表格 ${other.name}（${other.ref}）重叠`);
    const entry = this.book.sheet(sheet)!;
    const part = this.book.sheetPart(entry);
    const merges = part.tailElement("mergeCells");
    for (const m of merges ? findElements(merges, "mergeCell") : []) {
      const ref = attr(merges!.slice(m.start, m.end), "ref");
      if (ref && overlaps(parseRange(ref)))
        throw new WorkbookError("bad-rows", `工作表「${sheet}」的 ${ref} 是合并单元格，表格不能包含合并单元格：请先取消合并（开始 → 合并后居中）`);
    }
    // A filter on the range itself (Excel keeps one per range) gives way to the table's own.
    const filter = part.tailElement("autoFilter");
    const filterRef = filter && attr(filter.slice(0, filter.indexOf(">")), "ref");
    if (filterRef && overlaps(parseRange(filterRef))) {
      part.setTailElement("autoFilter", null);
      this.book.setLocalName(entry, "_xlnm._FilterDatabase", null);
    }
    const rid = this.book.addTable(entry, name, range, headers);
    const parts = part.tailElement("tableParts");
    const kept = parts ? findElements(parts, "tablePart").map((x) => parts.slice(x.start, x.end)) : [];
    kept.push(`<tablePart r:id="${rid}"/>`);
    part.setTailElement("tableParts", `<tableParts count="${kept.length}">${kept.join("")}</tableParts>`);
  }

  /**
   * A column added at the table's right end: its header, its values in the column's format, the table
   * part grown over it. The column right of the table must be empty there (and unmerged): the clerk's
   * cells are never overwritten.
   */
  private addColumn(op: Extract<WorkbookOp, { op: "addColumn" }>): void {
    const t = this.tableEntry(op.table);
    const b = parseRange(t.ref);
    const count = this.rowCount(t);
    const values = columnToAdd(op, this.headers(t), count);
    const col = b.right + 1;
    const letter = columnLetter(col);
    const bottom = Math.max(b.bottom, b.top + Math.max(1, count));
    const part = this.partOf(t.sheet);
    const taken: string[] = [];
    for (let r = b.top; r <= bottom; r++) {
      const v = part.values(r, col, 1, this.book.sharedString, true)[0];
      if (v !== null && v !== "") taken.push(`${letter}${r}`);
    }
    if (taken.length > 0) throw columnBesideTaken(op, t.sheet, t.ref, taken);
    const merges = part.tailElement("mergeCells");
    for (const m of merges ? findElements(merges, "mergeCell") : []) {
      const ref = attr(merges!.slice(m.start, m.end), "ref");
      const mb = ref ? parseRange(ref) : null;
      if (mb && mb.left <= col && col <= mb.right && mb.top <= bottom && b.top <= mb.bottom)
        throw new WorkbookError("bad-rows", `工作表「${t.sheet}」表格 ${op.table}（${t.ref}）右侧的 ${ref} 是合并单元格，表格不能包含合并单元格：请先取消合并（开始 → 合并后居中）后再新增列「${op.header}」`);
    }
    const styles = this.book.styles();
    const styleAt = (r: number) => part.rowStyles(r)?.get(col) ?? part.rowStyle(r) ?? part.columnStyle(col);
    part.setCells(b.top, col, [cellXml(`${letter}${b.top}`, styleAt(b.top), op.header, { text: true })]);
    values.forEach((v, i) => {
      const r = b.top + 1 + i;
      part.setCells(r, col, [cellXml(`${letter}${r}`, styles.withFormat(styleAt(r), NUMBER_FORMATS[op.format]), v, { text: op.format === "text" })]);
    });
    this.book.editTableColumns(t, { add: op.header, ref: `${columnLetter(b.left)}${b.top}:${letter}${bottom}` });
    this.book.noteCellsChanged();
  }

  /** A column's header cell and its <tableColumn> renamed; its cells stay as they are. */
  private renameColumn(op: Extract<WorkbookOp, { op: "renameColumn" }>): void {
    const t = this.tableEntry(op.table);
    const b = parseRange(t.ref);
    const index = columnToRename(op, this.headers(t));
    const col = b.left + index;
    const part = this.partOf(t.sheet);
    const style = part.rowStyles(b.top)?.get(col) ?? part.rowStyle(b.top) ?? part.columnStyle(col);
    part.setCells(b.top, col, [cellXml(`${columnLetter(col)}${b.top}`, style, op.to, { text: true })]);
    this.book.editTableColumns(t, { rename: { index, name: op.to } });
    this.book.noteCellsChanged();
  }

  /** A table never shrinks below one (empty) data row, as Excel keeps it. */
  private setHeight(t: TableEntry, dataRows: number): void {
    const b = parseRange(t.ref);
    this.book.setTableRef(t, `${columnLetter(b.left)}${b.top}:${columnLetter(b.right)}${b.top + Math.max(1, dataRows)}`);
  }

  /**
   * Writes rows into a table's columns. Each cell keeps its own style (else the row's or column's)
   * with the column's number format; text columns hold inline strings, never formulas.
   */
  private writeRows(t: TableEntry, firstRow: number, rows: readonly Cell[][], formats: readonly ColumnFormat[], keepFormats = false): void {
    const b = parseRange(t.ref);
    const width = b.right - b.left + 1;
    const part = this.partOf(t.sheet);
    const styles = this.book.styles();
    const columnStyles = Array.from({ length: width }, (_, c) => part.columnStyle(b.left + c));
    const letters = Array.from({ length: width }, (_, c) => columnLetter(b.left + c));
    rows.forEach((given, i) => {
      const values = keepFormats ? given : tableRow(given, formats, width, t.name, i);
      const r = firstRow + i;
      const present = part.rowStyles(r);
      const rowStyle = part.rowStyle(r);
      const cells = values.map((v, c) => {
        const base = present?.get(b.left + c) ?? rowStyle ?? columnStyles[c];
        const format = formats[c];
        const style = keepFormats ? base : styles.withFormat(base, NUMBER_FORMATS[format]);
        return cellXml(`${letters[c]}${r}`, style, v, { text: format === "text" && !keepFormats });
      });
      part.setCells(r, b.left, cells);
    });
    this.book.noteCellsChanged();
  }

  private setValidation(t: TableEntry, column: number, source: ValidationSource): void {
    const b = parseRange(t.ref);
    const letter = columnLetter(b.left + column);
    const sqref = `${letter}${b.top + 1}:${letter}${b.top + VALIDATION_ROWS}`;
    const formula = "list" in source ? `"${source.list.join(",")}"` : validationRangeRef(source.range);
    const el = `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" error="请从下拉列表中选择" sqref="${sqref}"><formula1>${escapeText(formula)}</formula1></dataValidation>`;
    const part = this.partOf(t.sheet);
    const existing = part.tailElement("dataValidations");
    const kept: string[] = [];
    if (existing)
      for (const s of findElements(existing, "dataValidation")) {
        const x = existing.slice(s.start, s.end);
        if (attr(x.slice(0, x.indexOf(">")), "sqref") !== sqref) kept.push(x);
      }
    kept.push(el);
    const open = existing ? existing.slice(0, existing.indexOf(">") + 1).replace(/\s*\/>$/, ">") : "<dataValidations>";
    const withCount = open.replace(/\scount="\d*"/, "").replace(/^<dataValidations/, `<dataValidations count="${kept.length}"`);
    part.setTailElement("dataValidations", `${withCount}${kept.join("")}</dataValidations>`);
  }

  private createTable(spec: TableSpec): void {
    const styles = this.book.styles();
    const width = spec.headers.length;
    const cols = spec.formats
      .map((f, i) => {
        const w = spec.widths[i];
        return `<col min="${i + 1}" max="${i + 1}"${w ? ` width="${w}" customWidth="1"` : ""} style="${styles.withFormat(0, NUMBER_FORMATS[f])}"/>`;
      })
      .join("");
    const xml =
      `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${spec.page?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ""}<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0">` +
      `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData></sheetData>` +
      (spec.page ? pageXml(spec.page) : `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`) +
      `</worksheet>`;
    const entry = this.book.addWorksheet(spec.sheet, xml);
    if (spec.page) this.setPrintTitles(entry, spec.sheet, spec.page);
    const ref = `A1:${columnLetter(width - 1)}${1 + Math.max(1, spec.rows.length)}`;
    const rid = this.book.addTable(entry, spec.table, ref, spec.headers);
    const part = this.book.sheetPart(entry);
    part.setTailElement("tableParts", `<tableParts count="1"><tablePart r:id="${rid}"/></tableParts>`);
    part.setCells(
      1,
      0,
      spec.headers.map((h, c) => cellXml(`${columnLetter(c)}1`, part.columnStyle(c), h, { text: true })),
    );
    const table = this.tableEntry(spec.table);
    this.writeRows(table, 2, spec.rows, spec.formats);
  }

  private writeSheet(model: SheetModel): void {
    const xml = reportSheetXml(model, this.book.styles());
    const existing = this.book.sheet(model.name);
    let entry: SheetEntry;
    if (existing) {
      this.book.replaceWorksheet(existing, xml);
      entry = existing;
    } else entry = this.book.addWorksheet(model.name, xml);
    const charts = model.charts ?? [];
    if (charts.length > 0) {
      const rid = this.book.addChartDrawing(
        entry,
        charts.map((c) => chartPartXml(c, model)),
        (rids) => drawingPartXml(charts, rids),
      );
      this.book.sheetPart(entry).setTailElement("drawing", `<drawing r:id="${rid}"/>`);
    }
    this.book.setHidden(entry, model.hidden === true);
    const titles = model.page?.printTitleRows;
    this.book.setLocalName(entry, "_xlnm.Print_Titles", titles ? `${quoteSheet(model.name)}!$${titles[0]}:$${titles[1]}` : null);
    this.book.setLocalName(entry, "_xlnm.Print_Area", null);
    this.book.setLocalName(entry, "_xlnm._FilterDatabase", null);
    this.book.noteCellsChanged();
  }
}

function specCellXml(spec: CellSpec, ref: string, styles: StylesPart): string | null {
  const content = specContent(spec);
  const style = styles.forStyle(spec.style, content.numberFormat ?? null);
  if ("formula" in content) return cellXml(ref, style, null, { formula: content.formula, result: spec.result });
  if (content.value === null && style === 0) return null;
  return cellXml(ref, style, content.value, { text: content.numberFormat === NUMBER_FORMATS.text });
}

/** The whole XML of a generated sheet: values, styles, merges, frozen rows, widths, A4 page setup, breaks. */
function reportSheetXml(model: SheetModel, styles: StylesPart): string {
  const widths = model.columnWidths ?? [];
  const merged = mergedCells(model.merges ?? []);
  let lastCol = Math.max(0, widths.length - 1);
  const rows = model.rows.map((cells, i) => {
    const r = i + 1;
    const height = wrappedRowHeight(cells, widths, merged, r);
    const xml = cells.map((spec, c) => specCellXml(spec, `${columnLetter(c)}${r}`, styles) ?? "").join("");
    if (cells.length) lastCol = Math.max(lastCol, cells.length - 1);
    return `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ""}>${xml}</row>`;
  });
  const page = model.page;
  const freeze = model.freezeRows
    ? `<pane ySplit="${model.freezeRows}" topLeftCell="A${model.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${model.freezeRows + 1}" sqref="A${model.freezeRows + 1}"/>`
    : "";
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const merges = model.merges?.length ? `<mergeCells count="${model.merges.length}">${model.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  const breaks = (model.pageBreaks ?? []).filter((r) => r > 1);
  const parts = [
    `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">`,
    page?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "",
    `<dimension ref="A1:${columnLetter(lastCol)}${Math.max(1, model.rows.length)}"/>`,
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : "",
    `<sheetData>${rows.join("")}</sheetData>`,
    merges,
    dataBarsXml(model.dataBars ?? []),
    page ? pageXml(page) : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    breaks.length ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r - 1}" max="16383" man="1"/>`).join("")}</rowBreaks>` : "",
    "</worksheet>",
  ];
  return parts.join("");
}
