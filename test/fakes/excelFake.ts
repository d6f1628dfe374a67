/**
 * A strict, in-memory fake of the subset of the Excel JavaScript API (Office.js) that our workbook
 * gateway uses, for tests that run without Excel.
 *
 * Unlike office-addin-mock it keeps Office.js' semantics, as Microsoft documents them
 * (learn.microsoft.com/javascript/api/excel and the "Application-specific API model" article):
 *
 * - Every API object is a proxy. Scalar properties can only be read after `load(...)` AND a completed
 *   `context.sync()`; otherwise reading throws `PropertyNotLoaded`. Loaded values are a snapshot taken
 *   at the point of the batch where the load was queued. (Stricter than Office.js, which echoes a value
 *   you set locally: here reading always needs load + sync.)
 * - Writes and method calls are queued and run in order at the next `sync()`. Errors surface as a
 *   rejected `sync()`, and — as in Excel — there is no rollback: the commands before the failing one
 *   stay applied, the rest of the batch is dropped, and nothing loaded in that batch is delivered.
 * - `*OrNullObject` methods give objects whose `isNullObject` is set by the next sync (Office loads it
 *   automatically); using a null object for anything but loading rejects the sync.
 * - Object paths are resolved the first time a queued command uses them (getItem("x") that nothing uses
 *   does not fail, as in Office.js) and keep pointing at the same sheet/table afterwards.
 * - Each sync is counted and its request payload (UTF-8 bytes of the JSON of the queued commands, with
 *   their arguments and load requests) recorded. A request over 5 MB is rejected with
 *   `RequestPayloadSizeLimitExceeded` and not applied (Excel on the web's limit); a response over 5 MB
 *   is rejected with `ResponsePayloadSizeLimitExceeded` (after the commands ran, as on the web).
 * - `ExcelFake.run`, like `Excel.run`, flushes commands still queued when the batch function resolves
 *   (that final flush is a sync and is counted). Objects of a finished run cannot queue commands.
 *
 * Anything outside the modelled subset throws `Error("excelFake: X is not modelled")` when touched,
 * instead of silently returning undefined.
 *
 * Cell values: formulas are stored but NOT evaluated. Reading `values` of a formula cell gives "" and
 * `formulas` gives the formula text. Writing `values`/`formulas` behaves like typing into the cell:
 * strings starting with "=" (and, as the Range.values reference says, "+" or "-"; and "@", the
 * implicit-intersection operator) become formulas — a write with one that does not parse ("-2分") is
 * refused whole with InvalidArgument — numeric strings become numbers and "TRUE"/"FALSE" booleans —
 * unless the cell's number format is "@" (text) at the moment the write is applied, in which case the
 * string is stored as typed.
 */

// ---------------------------------------------------------------------------------------------------
// Constants and errors

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Excel on the web: "payload size limit for requests and responses of 5MB". */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Broadcast writes over more cells than this are kept as a layer instead of per cell. */
const MATERIALIZE_LIMIT = 65_536;
/** Reading a format over more cells than this is not modelled (it would be slow, and is never needed). */
const UNIFORM_SCAN_LIMIT = 2_000_000;
/** Excel's default column width (8.43 characters of Calibri 11) and row height, in points. */
const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;
/** Excel's limit on a literal comma-separated list in a list data validation. */
const LIST_SOURCE_LIMIT = 255;

export type CellScalar = string | number | boolean;

/** An Office.js error as `sync()` rejects with it: `code` as in Excel.ErrorCodes; `name` equals the code. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = code;
    this.code = code;
    this.debugInfo = errorLocation ? { code, message, errorLocation } : { code, message };
  }
}

function notModelled(what: string): Error {
  return new Error(`excelFake: ${what} is not modelled`);
}

function invalidArgument(message: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${message}`);
}

function invalidOperation(message: string): FakeOfficeError {
  return new FakeOfficeError("InvalidOperation", message);
}

function propertyNotLoaded(cls: string, prop: string, isNull = false): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context. (${cls}.${prop}${isNull ? "; this is a null object" : ""})`,
  );
}

function protectedSheet(sheet: SheetEntity): FakeOfficeError {
  return invalidOperation(`The cell or chart you're trying to change is on a protected sheet ('${sheet.name}'). To make a change, unprotect the sheet.`);
}

// ---------------------------------------------------------------------------------------------------
// Geometry and A1 addresses

interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const FULL_SHEET: Rect = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
const rowsOf = (r: Rect): number => r.r1 - r.r0 + 1;
const colsOf = (r: Rect): number => r.c1 - r.c0 + 1;
const cellsOf = (r: Rect): number => rowsOf(r) * colsOf(r);
const cellKey = (r: number, c: number): number => r * MAX_COLS + c;
const cellAt = (key: number): { r: number; c: number } => ({ r: Math.floor(key / MAX_COLS), c: key % MAX_COLS });
const keyRow = (k: number): number => Math.floor(k / MAX_COLS);
const keyCol = (k: number): number => k % MAX_COLS;
const contains = (a: Rect, r: number, c: number): boolean => r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1;
const intersects = (a: Rect, b: Rect): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const inside = (inner: Rect, outer: Rect): boolean => inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
const intersection = (a: Rect, b: Rect): Rect | null => (intersects(a, b) ? { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) } : null);
const isEntireColumn = (r: Rect): boolean => r.r0 === 0 && r.r1 === MAX_ROWS - 1;
const isEntireRow = (r: Rect): boolean => r.c0 === 0 && r.c1 === MAX_COLS - 1;

function columnName(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function rectToA1(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireRow(r)) return `${d}${r.r0 + 1}:${d}${r.r1 + 1}`;
  if (isEntireColumn(r)) return `${d}${columnName(r.c0)}:${d}${columnName(r.c1)}`;
  const a = `${d}${columnName(r.c0)}${d}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${d}${columnName(r.c1)}${d}${r.r1 + 1}`;
}

/** Sheet names are quoted in addresses as Excel does: unless made only of letters, digits, "_" and "." and not looking like a reference. */
function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function splitSheetPrefix(address: string): { sheet?: string; ref: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { ref: address };
  let sheet = address.slice(0, bang);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(bang + 1) };
}

function parseRef(ref: string): Rect | null {
  const parts = ref.trim().replace(/\$/g, "").split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) return null;
  const cell = (s: string): { r: number; c: number } | null => {
    const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(s);
    if (!m) return null;
    const c = columnIndex(m[1]);
    const r = Number(m[2]) - 1;
    return c < MAX_COLS && r >= 0 && r < MAX_ROWS ? { r, c } : null;
  };
  const col = (s: string): number | null => (/^[A-Za-z]{1,3}$/.test(s) && columnIndex(s) < MAX_COLS ? columnIndex(s) : null);
  const row = (s: string): number | null => (/^\d{1,7}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_ROWS ? Number(s) - 1 : null);
  if (parts.length === 1) {
    const a = cell(parts[0]);
    return a ? { r0: a.r, c0: a.c, r1: a.r, c1: a.c } : null;
  }
  const [p, q] = parts;
  const a = cell(p);
  const b = cell(q);
  if (a && b) return { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
  const ca = col(p);
  const cb = col(q);
  if (ca !== null && cb !== null) return { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(ca, cb), c1: Math.max(ca, cb) };
  const ra = row(p);
  const rb = row(q);
  if (ra !== null && rb !== null) return { r0: Math.min(ra, rb), r1: Math.max(ra, rb), c0: 0, c1: MAX_COLS - 1 };
  return null;
}

function parseAddress(address: unknown, where: string): { sheet?: string; rect: Rect } {
  if (typeof address !== "string") throw invalidArgument(`${where}: the address must be a string.`);
  const { sheet, ref } = splitSheetPrefix(address);
  const rect = parseRef(ref);
  if (!rect) throw invalidArgument(`${where}: '${address}' is not an A1 address (named ranges are not modelled).`);
  return { sheet, rect };
}

function checkRect(r: Rect, where: string): Rect {
  const ok = [r.r0, r.r1, r.c0, r.c1].every(Number.isInteger) && r.r0 >= 0 && r.c0 >= 0 && r.r1 < MAX_ROWS && r.c1 < MAX_COLS && r.r0 <= r.r1 && r.c0 <= r.c1;
  if (!ok) throw invalidArgument(`${where}: the resulting range is outside the worksheet grid or empty.`);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Small value helpers

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function clonePlain<T>(v: T): T {
  return v === undefined || v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof FakeObject) && Object.getPrototypeOf(v) === Object.prototype;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function jsonBytes(v: unknown): number {
  return utf8Bytes(JSON.stringify(v) ?? "null");
}

// ---------------------------------------------------------------------------------------------------
// The workbook model

interface CellContent {
  value: CellScalar;
  /** Set for formula cells; their value is not computed (always ""). */
  formula?: string;
}

/** Per-cell properties (number formats, fonts, validation…) with cheap broadcasts over huge ranges. */
class LayerStore<T> {
  private cells = new Map<number, { v: T; seq: number }>();
  private layers: { rect: Rect; v: T; seq: number }[] = [];
  private seq = 0;
  /** `cells` is shared with a forked workbook's copy (entries are never changed in place): copied before this store's first change. */
  private shared = false;
  constructor(readonly fallback: T) {}

  /** A copy for a forked workbook (ExcelFake.fork): the per-cell entries shared until either store changes them. */
  fork(): LayerStore<T> {
    const copy = new LayerStore<T>(this.fallback);
    copy.cells = this.cells;
    copy.layers = [...this.layers];
    copy.seq = this.seq;
    copy.shared = this.shared = true;
    return copy;
  }

  private writable(): Map<number, { v: T; seq: number }> {
    if (this.shared) {
      this.cells = new Map(this.cells);
      this.shared = false;
    }
    return this.cells;
  }

  get(r: number, c: number): T {
    const e = this.cells.get(cellKey(r, c));
    const floor = e ? e.seq : -1;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (l.seq <= floor) break;
      if (contains(l.rect, r, c)) return l.v;
    }
    return e ? e.v : this.fallback;
  }

  setCell(r: number, c: number, v: T): void {
    this.writable().set(cellKey(r, c), { v, seq: ++this.seq });
  }

  fill(rect: Rect, v: T): void {
    if (cellsOf(rect) <= MATERIALIZE_LIMIT) {
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) this.setCell(r, c, v);
    } else {
      this.layers.push({ rect: { ...rect }, v, seq: ++this.seq });
    }
  }

  /** Keys of cells holding a non-default value set cell by cell (used-range bookkeeping). */
  *usedKeys(): Iterable<number> {
    for (const [k, e] of this.cells) if (!sameValue(e.v, this.fallback)) yield k;
  }

  /** Moves per-cell entries in columns c0..c1 from row `from` on by `delta` rows (negative: up; rows in the gap vanish). */
  shiftRows(c0: number, c1: number, from: number, delta: number): void {
    const moved: [number, { v: T; seq: number }][] = [];
    const cells = this.writable();
    for (const [k, e] of cells) {
      const r = keyRow(k);
      const c = keyCol(k);
      if (c < c0 || c > c1 || r < from) continue;
      cells.delete(k);
      if (delta < 0 && r < from - delta) continue; // in the deleted rows
      const nr = r + delta;
      if (nr < MAX_ROWS) moved.push([cellKey(nr, c), e]);
    }
    for (const [k, e] of moved) cells.set(k, e);
  }

  /** The common value over the rect, or `undefined` when the cells differ. */
  uniform(rect: Rect, what: string): { value: T } | undefined {
    if (cellsOf(rect) > UNIFORM_SCAN_LIMIT) throw notModelled(`reading ${what} over more than ${UNIFORM_SCAN_LIMIT} cells`);
    const first = this.get(rect.r0, rect.c0);
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) if (!sameValue(this.get(r, c), first)) return undefined;
    return { value: first };
  }
}

const BORDER_SIDES = ["top", "bottom", "left", "right", "diagDown", "diagUp"] as const;

const FORMAT_DEFAULTS: Record<string, unknown> = {
  "font.bold": false,
  "font.italic": false,
  "font.size": 11,
  "font.name": "Calibri",
  "font.color": "#000000",
  "font.underline": "None",
  "font.strikethrough": false,
  "fill.color": "#FFFFFF",
  wrapText: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  "dv.rule": null,
  "dv.ignoreBlanks": true,
  "dv.prompt": { showPrompt: false, title: "", message: "" },
  "dv.errorAlert": { showAlert: true, style: "Stop", title: "", message: "" },
};
for (const side of BORDER_SIDES) {
  FORMAT_DEFAULTS[`border.${side}.style`] = "None";
  FORMAT_DEFAULTS[`border.${side}.color`] = "#000000";
  FORMAT_DEFAULTS[`border.${side}.weight`] = "Thin";
}

const PAGE_DEFAULTS: Record<string, unknown> = {
  orientation: "Portrait",
  paperSize: "Letter",
  zoom: { scale: 100 },
  centerHorizontally: false,
  centerVertically: false,
  printGridlines: false,
  printHeadings: false,
  blackAndWhite: false,
  draftMode: false,
  topMargin: 54,
  bottomMargin: 54,
  leftMargin: 50.4,
  rightMargin: 50.4,
  headerMargin: 21.6,
  footerMargin: 21.6,
};

const HEADER_FOOTER_PARTS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;

interface SheetEntity {
  id: string;
  name: string;
  deleted: boolean;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  showGridlines: boolean;
  cells: Map<number, CellContent>;
  numberFormat: LayerStore<string>;
  formats: Map<string, LayerStore<unknown>>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  defaultColumnWidth: number;
  defaultRowHeight: number;
  merges: Rect[];
  protection: { protected: boolean; options: Record<string, unknown>; password?: string };
  freeze: { rows: number; columns: number };
  page: Record<string, unknown>;
  /** 0-based rows that start a new printed page (manual horizontal page breaks). */
  pageBreaks: number[];
  printTitleRows?: string;
  printTitleColumns?: string;
  printArea?: string;
  headerFooter: Record<string, string>;
  selection: Rect;
  /** Worksheet.charts (absent until a chart is added). */
  charts?: ChartEntity[];
  /** Range.conditionalFormats.add(...) on the sheet, in order (absent until one is added). */
  conditionalFormats?: { type: string; rect: Rect }[];
}

interface ChartSeriesEntity {
  name: string;
  /** null: a series added without values yet. */
  values: Rect | null;
  xAxis?: Rect;
}

interface ChartEntity {
  sheet: SheetEntity;
  type: string;
  title: string;
  series: ChartSeriesEntity[];
  position?: { start: Rect; end: Rect };
}

interface TableEntity {
  id: string;
  name: string;
  sheet: SheetEntity;
  rect: Rect;
  style: string;
  deleted: boolean;
  /** The clerk's filter on the table (column filter criteria): Excel will not insert table rows then. */
  filtered?: boolean;
}

/** A custom function as the calculation engine calls it: its arguments, then the invocation (address). */
export type FakeCustomFunction = (...args: unknown[]) => unknown;

/**
 * The calculation engine, for custom functions only: a cell whose formula is `=NS.NAME(literal, …)` calls
 * the registered function with its literal arguments (numbers, "text", blank → null) padded to the
 * function's parameter count, then an invocation { address }. Calculated when the formula is entered, by
 * Range.calculate / RangeAreas.calculate over the cell, and by Application.calculate (every open workbook).
 */
class CalcEngine {
  functions = new Map<string, { fn: FakeCustomFunction; params: number }>();
  results = new Map<string, { value?: unknown; error?: unknown }>();
  pending: Promise<unknown>[] = [];
  /** Addresses calculated, in order ("Sheet1!B2"). */
  log: string[] = [];
  /** Application.calculate calls (types): each recalculates every open workbook. */
  applicationCalculations: string[] = [];

  evaluate(sheet: SheetEntity, r: number, c: number): void {
    const formula = sheet.cells.get(cellKey(r, c))?.formula;
    const m = formula ? /^=([A-Z][\w]*\.[A-Z][\w]*)\((.*)\)$/i.exec(formula) : null;
    if (!m) return;
    const entry = this.functions.get(m[1].toUpperCase());
    const address = `${/^[\w\u4e00-\u9fff]+$/u.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`}!${rectToA1({ r0: r, c0: c, r1: r, c1: c })}`;
    const key = `${sheet.id}!${cellKey(r, c)}`;
    this.log.push(address);
    if (!entry) {
      this.results.set(key, { error: "#NAME?" });
      return;
    }
    const args: unknown[] = m[2].trim() === "" ? [] : m[2].split(",").map((a) => a.trim()).map((a) => (a === "" ? null : /^".*"$/.test(a) ? a.slice(1, -1).replace(/""/g, '"') : Number(a)));
    while (args.length < entry.params) args.push(null);
    const settle = Promise.resolve()
      .then(() => entry.fn(...args, { address }))
      .then(
        (value) => this.results.set(key, { value }),
        (error) => this.results.set(key, { error }),
      );
    this.pending.push(settle);
  }

  evaluateRect(sheet: SheetEntity, rect: Rect): void {
    for (const k of [...sheet.cells.keys()].sort((a, b) => a - b)) {
      const { r, c } = cellAt(k);
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) this.evaluate(sheet, r, c);
    }
  }
}

class WorkbookState {
  sheets: SheetEntity[] = [];
  tables: TableEntity[] = [];
  active: SheetEntity | undefined;
  calc = new CalcEngine();
  /** WorksheetCollection.onChanged handlers (registered by a sync). */
  changeHandlers: ((args: unknown) => unknown)[] = [];
  private nextSheetId = 1;
  private nextTableId = 1;

  newSheetId(): string {
    return `{00000000-0001-0000-0000-${String(this.nextSheetId++).padStart(12, "0")}}`;
  }

  newTableId(): string {
    return String(this.nextTableId++);
  }

  findSheet(key: string): SheetEntity | undefined {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k || s.id === key);
  }

  findTable(key: string, scope?: SheetEntity): TableEntity | undefined {
    const k = key.toLowerCase();
    return this.tables.find((t) => (t.name.toLowerCase() === k || t.id === key) && (!scope || t.sheet === scope));
  }

  visibleSheets(): SheetEntity[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  addSheet(name: string): SheetEntity {
    const sheet: SheetEntity = {
      id: this.newSheetId(),
      name,
      deleted: false,
      visibility: "Visible",
      showGridlines: true,
      cells: new Map(),
      numberFormat: new LayerStore<string>("General"),
      formats: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      defaultColumnWidth: DEFAULT_COLUMN_WIDTH,
      defaultRowHeight: DEFAULT_ROW_HEIGHT,
      merges: [],
      protection: { protected: false, options: {} },
      freeze: { rows: 0, columns: 0 },
      page: clonePlain(PAGE_DEFAULTS),
      pageBreaks: [],
      headerFooter: Object.fromEntries(HEADER_FOOTER_PARTS.map((p) => [p, ""])),
      selection: { r0: 0, c0: 0, r1: 0, c1: 0 },
    };
    this.sheets.push(sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  validateSheetName(name: unknown, self?: SheetEntity): string {
    if (typeof name !== "string" || name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw invalidArgument(`'${String(name)}' is not a valid worksheet name (1–31 characters, none of \\ / ? * [ ] :, not starting or ending with an apostrophe, not "History").`);
    }
    const other = this.findSheet(name);
    if (other && other !== self && other.name.toLowerCase() === name.toLowerCase()) {
      throw new FakeOfficeError("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
    }
    return name;
  }

  defaultSheetName(): string {
    for (let n = 1; ; n++) if (!this.findSheet(`Sheet${n}`)) return `Sheet${n}`;
  }

  defaultTableName(): string {
    for (let n = 1; ; n++) if (!this.tables.some((t) => t.name.toLowerCase() === `table${n}`)) return `Table${n}`;
  }
}

function formatStore(sheet: SheetEntity, key: string): LayerStore<unknown> {
  let s = sheet.formats.get(key);
  if (!s) {
    if (!(key in FORMAT_DEFAULTS)) throw new Error(`excelFake internal: unknown format key ${key}`);
    s = new LayerStore<unknown>(FORMAT_DEFAULTS[key]);
    sheet.formats.set(key, s);
  }
  return s;
}

function formatAt(sheet: SheetEntity, key: string, r: number, c: number): unknown {
  return sheet.formats.get(key)?.get(r, c) ?? FORMAT_DEFAULTS[key];
}

function uniformFormat(sheet: SheetEntity, key: string, rect: Rect): unknown {
  const store = sheet.formats.get(key);
  if (!store) return clonePlain(FORMAT_DEFAULTS[key]);
  const u = store.uniform(rect, key);
  return u ? clonePlain(u.value) : null;
}

function tablesOn(state: WorkbookState, sheet: SheetEntity): TableEntity[] {
  return state.tables.filter((t) => t.sheet === sheet);
}

function assertEditable(sheet: SheetEntity, kind: "cells" | "formatCells" | "formatColumns" | "formatRows"): void {
  const p = sheet.protection;
  if (!p.protected) return;
  if (kind === "formatCells" && p.options.allowFormatCells === true) return;
  if (kind === "formatColumns" && p.options.allowFormatColumns === true) return;
  if (kind === "formatRows" && p.options.allowFormatRows === true) return;
  throw protectedSheet(sheet);
}

// ---------------------------------------------------------------------------------------------------
// Cell contents

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Excel refuses a whole Range.values write when one string it reads as a formula does not parse, e.g.
 * "-2分" (a number followed by a name) or "=1+" — modelled: outside string literals, a number directly
 * followed by a letter or CJK character, unbalanced parentheses, or an operator at the end.
 */
function parseableFormula(formula: string, where: string): string {
  const code = formula.slice(1).replace(/"[^"]*"/g, '""').replace(/'[^']*'!/g, "S!");
  let depth = 0;
  for (const ch of code) {
    if (ch === "(") depth++;
    if (ch === ")" && --depth < 0) break;
  }
  const bad = depth !== 0 || /(^|[^A-Za-z_$\d.])\d+(\.\d+)?[A-DF-Za-df-z_\u3400-\u9fff\uff00-\uffef]/u.test(code) || /[-+*/^&=<>@]\s*$/.test(code) || code.trim() === "";
  if (bad) throw invalidArgument(`${where}: "${formula}" is not a valid formula (Excel reads text that starts with =, +, - or @ as one unless the cell is formatted as text).`);
  return formula;
}

/** What Excel stores when `input` is written through Range.values/formulas into a cell with number format `fmt`. `undefined`: leave the cell unchanged (null input). */
function interpretInput(input: unknown, fmt: string, where: string): CellContent | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw invalidArgument(`${where}: ${input} is not a cell value.`);
    return { value: input };
  }
  if (typeof input === "boolean") return { value: input };
  if (typeof input !== "string") throw invalidArgument(`${where}: a ${typeof input} is not a cell value.`);
  if (input === "" || fmt === "@") return { value: input };
  if (input.length > 1 && input[0] === "=") return { value: "", formula: parseableFormula(input, where) };
  if (NUMERIC.test(input)) return { value: Number(input) };
  if (input.length > 1 && (input[0] === "+" || input[0] === "-")) return { value: "", formula: parseableFormula(`=${input}`, where) };
  // "@x" is typed as the implicit-intersection operator: Excel makes it the formula =@x.
  if (input.length > 1 && input[0] === "@") return { value: "", formula: parseableFormula(`=${input}`, where) };
  const upper = input.toUpperCase();
  if (upper === "TRUE") return { value: true };
  if (upper === "FALSE") return { value: false };
  return { value: input };
}

function setContent(sheet: SheetEntity, r: number, c: number, content: CellContent): void {
  if (content.formula === undefined && content.value === "") sheet.cells.delete(cellKey(r, c));
  else sheet.cells.set(cellKey(r, c), content);
}

function valueOf(sheet: SheetEntity, r: number, c: number): CellScalar {
  const cell = sheet.cells.get(cellKey(r, c));
  return !cell || cell.formula !== undefined ? "" : cell.value;
}

function formulaOf(sheet: SheetEntity, r: number, c: number): CellScalar {
  const cell = sheet.cells.get(cellKey(r, c));
  return !cell ? "" : cell.formula ?? cell.value;
}

function guardResponse(rect: Rect): void {
  if (cellsOf(rect) * 3 > PAYLOAD_LIMIT_BYTES) {
    throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `Reading ${cellsOf(rect)} cells would exceed the 5 MB response limit of Excel on the web.`);
  }
}

function grid<T>(rect: Rect, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: T[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** Accessor over a value written to a range: an exact-size 2-D array, or (Office.js runtime behaviour) one non-array value for every cell. */
function matrixAccessor(input: unknown, rect: Rect, where: string): (r: number, c: number) => unknown {
  if (Array.isArray(input)) {
    const ok = input.length === rowsOf(rect) && input.every((row) => Array.isArray(row) && row.length === colsOf(rect));
    if (!ok) {
      const dims = input.every(Array.isArray) ? `${input.length}×${input.length ? (input[0] as unknown[]).length : 0}` : "not 2-D";
      throw invalidArgument(`${where}: the array (${dims}) doesn't match the size of the range (${rowsOf(rect)}×${colsOf(rect)}).`);
    }
    const rows = input as unknown[][];
    return (r, c) => rows[r - rect.r0][c - rect.c0];
  }
  return () => input;
}

/**
 * Merged areas by row, so that a sheet of thousands of merges (a 管理卡 of 10,000 members) is checked
 * in time proportional to the rows touched, not to every merge. Rebuilt whenever `sheet.merges` is
 * replaced or grown by anything but addMerge.
 */
const MERGE_INDEX = new WeakMap<SheetEntity, { array: Rect[]; count: number; byRow: Map<number, Rect[]> }>();

function mergeIndex(sheet: SheetEntity): Map<number, Rect[]> {
  let index = MERGE_INDEX.get(sheet);
  if (!index || index.array !== sheet.merges || index.count !== sheet.merges.length) {
    index = { array: sheet.merges, count: 0, byRow: new Map() };
    for (const m of sheet.merges) indexMerge(index, m);
    MERGE_INDEX.set(sheet, index);
  }
  return index.byRow;
}

function indexMerge(index: { count: number; byRow: Map<number, Rect[]> }, m: Rect): void {
  index.count++;
  for (let r = m.r0; r <= m.r1; r++) {
    const row = index.byRow.get(r);
    if (row) row.push(m);
    else index.byRow.set(r, [m]);
  }
}

/** The merges on rows the rect spans (a superset of those intersecting it). */
function mergesNear(sheet: SheetEntity, rect: Rect): Rect[] {
  const byRow = mergeIndex(sheet);
  const out = new Set<Rect>();
  for (let r = rect.r0; r <= rect.r1; r++) for (const m of byRow.get(r) ?? []) out.add(m);
  return [...out];
}

function addMerge(sheet: SheetEntity, m: Rect): void {
  mergeIndex(sheet);
  sheet.merges.push(m);
  indexMerge(MERGE_INDEX.get(sheet)!, m);
}

function writeContents(state: WorkbookState, sheet: SheetEntity, rect: Rect, input: unknown, where: string): void {
  assertEditable(sheet, "cells");
  if (!Array.isArray(input) && cellsOf(rect) > 2_000_000) throw notModelled(`${where} broadcast over more than 2,000,000 cells`);
  const at = matrixAccessor(input, rect, where);
  // Every cell is interpreted before any is set: one string that is not a valid formula refuses the whole write.
  const contents: [number, number, CellContent][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const content = interpretInput(at(r, c), sheet.numberFormat.get(r, c), where);
      if (content) contents.push([r, c, content]);
    }
  }
  for (const [r, c, content] of contents) setContent(sheet, r, c, content);
  normalizeHeaders(state, sheet, rect);
}

function writeNumberFormat(sheet: SheetEntity, rect: Rect, input: unknown, where: string): void {
  assertEditable(sheet, "formatCells");
  if (!Array.isArray(input)) {
    if (typeof input !== "string") throw invalidArgument(`${where}: a number format must be a string.`);
    sheet.numberFormat.fill(rect, input);
    return;
  }
  const at = matrixAccessor(input, rect, where);
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const f = at(r, c);
      if (f === null || f === undefined) continue;
      if (typeof f !== "string") throw invalidArgument(`${where}: a number format must be a string.`);
      sheet.numberFormat.setCell(r, c, f);
    }
  }
}

/** Table header cells always hold unique, non-empty text (Excel renames blanks to ColumnN and repeats to Name2…). */
function normalizeHeaders(state: WorkbookState, sheet: SheetEntity, touched: Rect): void {
  for (const t of tablesOn(state, sheet)) {
    const header: Rect = { ...t.rect, r1: t.rect.r0 };
    if (!intersects(header, touched)) continue;
    const seen = new Set<string>();
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const cell = sheet.cells.get(cellKey(t.rect.r0, c));
      let name = !cell ? "" : cell.formula ?? (typeof cell.value === "boolean" ? (cell.value ? "TRUE" : "FALSE") : String(cell.value));
      if (name === "") name = `Column${c - t.rect.c0 + 1}`;
      let unique = name;
      for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name}${n}`;
      seen.add(unique.toLowerCase());
      sheet.cells.set(cellKey(t.rect.r0, c), { value: unique });
    }
  }
}

/** The bounding box of the used cells (of those within `within`, when given), or null when none is used. */
function usedRect(sheet: SheetEntity, valuesOnly: boolean, within?: Rect): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  const take = (k: number): void => {
    const r = keyRow(k);
    const c = keyCol(k);
    if (within && !contains(within, r, c)) return;
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  };
  for (const k of sheet.cells.keys()) take(k);
  if (!valuesOnly) {
    for (const k of sheet.numberFormat.usedKeys()) take(k);
    for (const store of sheet.formats.values()) for (const k of store.usedKeys()) take(k);
    for (const merge of sheet.merges) {
      const m = within ? intersection(merge, within) : merge;
      if (!m) continue;
      take(cellKey(m.r0, m.c0));
      take(cellKey(m.r1, m.c1));
    }
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}

/** Moves everything stored per cell in columns c0..c1, rows >= from, by delta rows. */
function shiftCells(sheet: SheetEntity, c0: number, c1: number, from: number, delta: number): void {
  const moved: [number, CellContent][] = [];
  for (const [k, v] of sheet.cells) {
    const r = keyRow(k);
    const c = keyCol(k);
    if (c < c0 || c > c1 || r < from) continue;
    sheet.cells.delete(k);
    const nr = r + delta;
    if (delta < 0 && r < from - delta) continue; // deleted rows
    if (nr < MAX_ROWS) moved.push([cellKey(nr, c), v]);
  }
  for (const [k, v] of moved) sheet.cells.set(k, v);
  sheet.numberFormat.shiftRows(c0, c1, from, delta);
  for (const store of sheet.formats.values()) store.shiftRows(c0, c1, from, delta);
}

function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return u;
}

function displayText(cell: CellContent | undefined): string {
  if (!cell || cell.formula !== undefined) return "";
  if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
  return String(cell.value);
}

// ---------------------------------------------------------------------------------------------------
// Batches

interface QueuedCommand {
  bytes: number;
  where: string;
  /** The object the action is on (its path is sent with the request). */
  objects: FakeObject[];
  run(res: BatchResults): void;
}

/** The parts of one step of an object path: `getRange("A1")` → a method with its arguments; `format` → a property. */
function stepParts(step: string): { name: string; args: string | null } {
  const open = step.indexOf("(");
  return open < 0 ? { name: step, args: null } : { name: step.slice(0, open), args: step.slice(open + 1, step.lastIndexOf(")")) };
}

/** One ObjectPaths entry: `"7":{"Id":7,"ObjectPathType":3,"Name":"getRange","ParentObjectPathId":6,"ArgumentInfo":{"Arguments":["A1:B2"]}}`. */
function pathBytes(ctx: FakeContext, o: FakeObject): number {
  const id = ctx._idOf(o);
  if (!o._parent) return utf8Bytes(`"${id}":{"Id":${id},"ObjectPathType":1,"Name":""}`);
  const { name, args } = stepParts(o._step);
  const type = args === null ? 4 : 3;
  const argInfo = args === null ? "" : `,"ArgumentInfo":{"Arguments":[${args}]}`;
  return utf8Bytes(`"${id}":{"Id":${id},"ObjectPathType":${type},"Name":${JSON.stringify(name)},"ParentObjectPathId":${ctx._idOf(o._parent)}${argInfo}}`);
}

/** One action: SetProperty (4), Method (3), Query (2, a load) or Instantiate (1), with its arguments as JSON. */
function actionBytes(ctx: FakeContext, obj: FakeObject, desc: { op: string; n?: string; a?: unknown }): number {
  const head = `{"Id":${ctx._nextId++},"ActionType":`;
  const tail = `,"ObjectPathId":${ctx._idOf(obj)}`;
  switch (desc.op) {
    case "set":
      return utf8Bytes(`${head}4,"Name":${JSON.stringify(desc.n)}${tail},"ArgumentInfo":{"Arguments":[`) + jsonBytes(desc.a) + 4;
    case "call":
      return utf8Bytes(`${head}3,"Name":${JSON.stringify(desc.n)}${tail},"ArgumentInfo":{"Arguments":`) + jsonBytes(desc.a) + 3;
    case "load":
      return utf8Bytes(`${head}2,"Name":""${tail},"QueryInfo":{"Select":`) + jsonBytes(desc.a) + 3;
    default:
      return utf8Bytes(`${head}1,"Name":""${tail}}`);
  }
}

class BatchResults {
  responseBytes = 0;
  private readonly pubs: (() => void)[] = [];
  publish(f: () => void): void {
    this.pubs.push(f);
  }
  count(v: unknown): void {
    this.responseBytes += jsonBytes(v);
  }
  flush(): void {
    for (const f of this.pubs) f();
  }
}

interface Counters {
  syncCount: number;
  syncPayloads: number[];
  /** Per sync: whether its batch suspended API calculation. */
  syncSuspended: boolean[];
  /** Makes the n-th sync (counted since the last reset) fail as Excel would, given where its actions are. */
  failAt?: (sync: number, actions: string[]) => boolean;
}

/** Arguments are captured when the command is queued (as Office.js serializes them then). */
function captureArg(v: unknown): unknown {
  if (v instanceof FakeObject) return v;
  if (Array.isArray(v)) return v.map(captureArg);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, captureArg(x)]));
  return v;
}

function payloadForm(v: unknown): unknown {
  if (v instanceof FakeObject) return { $ref: v._path };
  if (Array.isArray(v)) return v.map(payloadForm);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, payloadForm(x)]));
  return v;
}

/** Probed by `await`, jest and node's inspector; answering undefined keeps them working. */
const PASSTHROUGH = new Set(["then", "asymmetricMatch", "nodeType", "tagName", "inspect"]);

/** Wraps an object so unknown members throw instead of quietly being undefined. */
function strict<T extends object>(target: T, className: () => string): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === "symbol" || prop in t) return Reflect.get(t, prop, receiver);
      if (PASSTHROUGH.has(prop) || prop.startsWith("@@") || prop.startsWith("$$") || prop.startsWith("_")) return undefined;
      throw notModelled(`${className()}.${prop}`);
    },
    set(t, prop, value, receiver) {
      if (typeof prop === "symbol" || prop.startsWith("_")) return Reflect.set(t, prop, value);
      let proto: object | null = t;
      while (proto) {
        const desc = Object.getOwnPropertyDescriptor(proto, prop);
        if (desc) {
          if (desc.set) {
            desc.set.call(receiver, value);
            return true;
          }
          throw new Error(`excelFake: ${className()}.${prop} is read-only`);
        }
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      throw notModelled(`setting ${className()}.${prop}`);
    },
  });
}

class FakeContext {
  _state: WorkbookState;
  _counters: Counters;
  _queue: QueuedCommand[] = [];
  _closed = false;
  _proxy: FakeContext;
  _workbook: Workbook;
  _tracked: { add(o: unknown): void; remove(o: unknown): void };

  /** Waits for (or refuses in) the host's cell-edit mode before a batch is processed. */
  _gate: () => Promise<void>;

  constructor(state: WorkbookState, counters: Counters, gate: () => Promise<void> = async () => undefined) {
    this._state = state;
    this._counters = counters;
    this._gate = gate;
    this._proxy = strict(this, () => "RequestContext");
    this._workbook = wrap(new Workbook(this, "workbook", () => state));
    this._tracked = strict({ add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined }, () => "TrackedObjects");
  }

  get workbook(): Workbook {
    return this._workbook;
  }

  get application(): FakeObject {
    return this._workbook._nav("application");
  }

  /** context.trackedObjects: accepted and ignored (objects stay usable within the run anyway). */
  get trackedObjects(): unknown {
    return this._tracked;
  }

  /** Office.js numbers the object paths and actions of a context in one sequence. */
  _nextId = 1;
  _pathIds = new Map<FakeObject, number>();
  /** Method-made objects already instantiated (Office.js sends their Instantiate action once). */
  _instantiated = new Set<FakeObject>();
  /** The batch calls application.suspendApiCalculationUntilNextSync. */
  _suspended = false;

  _enqueue(desc: { o: string; op: string; n?: string; a?: unknown }, run: (res: BatchResults) => void, obj?: FakeObject): void {
    if (this._closed) {
      throw new FakeOfficeError("InvalidRequestContext", `Cannot queue ${desc.o}.${desc.n ?? desc.op}: its Excel.run batch has finished. Use a new run.`);
    }
    const where = `${desc.o}.${desc.n ?? desc.op}`;
    if (!obj) {
      this._queue.push({ bytes: jsonBytes(desc), where, run, objects: [] });
      return;
    }
    this._queue.push({ bytes: actionBytes(this, obj, desc), where, run, objects: [obj] });
  }

  _idOf(obj: FakeObject): number {
    let id = this._pathIds.get(obj);
    if (id === undefined) {
      if (obj._parent) this._idOf(obj._parent);
      id = this._nextId++;
      this._pathIds.set(obj, id);
    }
    return id;
  }

  /**
   * The request body as Office.js serialises it (its RequestMessage): {"Actions":[…],"ObjectPaths":{…}},
   * every action with its Id, ActionType, Name, ObjectPathId and arguments, and every object path an
   * action refers to, with its ancestors, once per request; a method-made object's first use adds an
   * Instantiate action.
   */
  _requestBytes(batch: QueuedCommand[]): number {
    let bytes = `{"Actions":[],"ObjectPaths":{}}`.length;
    let entries = 0;
    let actions = batch.length;
    const paths = new Set<FakeObject>();
    for (const command of batch)
      for (let o: FakeObject | undefined = command.objects[0]; o && !paths.has(o); o = o._parent) {
        paths.add(o);
        if (o._step.includes("(") && !this._instantiated.has(o)) {
          this._instantiated.add(o);
          bytes += utf8Bytes(`{"Id":${this._nextId++},"ActionType":1,"Name":"","ObjectPathId":${this._idOf(o)}}`);
          actions++;
        }
      }
    for (const command of batch) bytes += command.bytes;
    for (const o of paths) {
      bytes += pathBytes(this, o);
      entries++;
    }
    return bytes + Math.max(0, actions - 1) + Math.max(0, entries - 1);
  }

  async sync(): Promise<void> {
    if (this._closed) throw new FakeOfficeError("InvalidRequestContext", "context.sync() called after its Excel.run batch finished.");
    const batch = this._queue;
    this._queue = [];
    const bytes = this._requestBytes(batch);
    this._counters.syncCount++;
    this._counters.syncPayloads.push(bytes);
    this._counters.syncSuspended.push(this._suspended);
    this._suspended = false;
    await Promise.resolve();
    await this._gate();
    if (this._counters.failAt?.(this._counters.syncCount, batch.map((c) => c.where))) {
      throw new FakeOfficeError("GeneralException", "There was an internal error while processing the request.");
    }
    if (bytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${bytes} bytes) has exceeded the limit (${PAYLOAD_LIMIT_BYTES} bytes) of Excel on the web.`);
    }
    const res = new BatchResults();
    for (const command of batch) {
      try {
        command.run(res);
      } catch (e) {
        if (e instanceof FakeOfficeError && !e.debugInfo.errorLocation) e.debugInfo.errorLocation = command.where;
        throw e;
      }
    }
    if (res.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${res.responseBytes} bytes) has exceeded the limit of Excel on the web.`);
    }
    res.flush();
  }
}

// ---------------------------------------------------------------------------------------------------
// Class metadata and the proxy-object base

interface ScalarDef<O> {
  get(o: O): unknown;
  set?(o: O, value: unknown): void;
  /** Validation when the property is assigned (not-modelled values fail here, before anything is queued). */
  check?(value: unknown): void;
  /** Not loaded by a bare load(). */
  explicitOnly?: boolean;
}

interface Meta {
  name: string;
  scalars: Record<string, ScalarDef<FakeObject>>;
  navs: Record<string, () => object>;
  item?: () => object;
  setOrder?: string[];
}

const META = new Map<object, Meta>();

function metaOf(ctor: object): Meta {
  const m = META.get(ctor);
  if (!m) throw new Error("excelFake internal: class without metadata");
  return m;
}

function defineClass<O extends FakeObject>(
  ctor: { prototype: O },
  meta: { name: string; scalars?: Record<string, ScalarDef<O>>; navs?: Record<string, () => object>; item?: () => object; setOrder?: string[] },
): void {
  const scalars = (meta.scalars ?? {}) as unknown as Record<string, ScalarDef<FakeObject>>;
  META.set(ctor, { name: meta.name, scalars, navs: meta.navs ?? {}, item: meta.item, setOrder: meta.setOrder });
  for (const [name, def] of Object.entries(scalars)) {
    Object.defineProperty(ctor.prototype, name, {
      configurable: true,
      get(this: FakeObject) {
        return this._read(name);
      },
      set: def.set
        ? function (this: FakeObject, v: unknown) {
            this._setScalar(name, v);
          }
        : undefined,
    });
  }
  for (const nav of Object.keys(meta.navs ?? {})) {
    Object.defineProperty(ctor.prototype, nav, {
      configurable: true,
      get(this: FakeObject) {
        return this._nav(nav);
      },
    });
  }
}

interface LoadSpec {
  all: boolean;
  scalars: Set<string>;
  navs: Map<string, LoadSpec>;
  items?: LoadSpec;
}

const newSpec = (all = false): LoadSpec => ({ all, scalars: new Set(), navs: new Map() });

function addLoadPath(meta: Meta, spec: LoadSpec, segs: string[]): void {
  const [head, ...rest] = segs;
  if (head === undefined || head === "") throw invalidArgument(`empty property path in load() on ${meta.name}`);
  if (meta.item) {
    const itemMeta = metaOf(meta.item());
    if (head === "items") {
      spec.items ??= newSpec();
      if (rest.length === 0) spec.items.all = true;
      else addLoadPath(itemMeta, spec.items, rest);
      return;
    }
    if (head in meta.scalars && rest.length === 0) {
      spec.scalars.add(head);
      return;
    }
    spec.items ??= newSpec();
    addLoadPath(itemMeta, spec.items, segs);
    return;
  }
  if (head === "isNullObject" && rest.length === 0) return;
  if (head === "$all" && rest.length === 0) {
    spec.all = true;
    return;
  }
  if (head in meta.scalars) {
    if (rest.length > 0) throw notModelled(`load path '${segs.join("/")}' on ${meta.name} (${head} is a scalar)`);
    spec.scalars.add(head);
    return;
  }
  const nav = meta.navs[head];
  if (nav) {
    let sub = spec.navs.get(head);
    if (!sub) {
      sub = newSpec();
      spec.navs.set(head, sub);
    }
    if (rest.length === 0) sub.all = true;
    else addLoadPath(metaOf(nav()), sub, rest);
    return;
  }
  throw notModelled(`loading '${head}' on ${meta.name}`);
}

function addLoadOptions(meta: Meta, spec: LoadSpec, options: Record<string, unknown>): void {
  if ("select" in options || "expand" in options) {
    for (const key of Object.keys(options)) if (key !== "select" && key !== "expand") throw notModelled(`load option '${key}' on ${meta.name}`);
    const select = options.select;
    const expand = options.expand;
    if (select !== undefined && typeof select !== "string") throw invalidArgument("load({ select }) takes a comma-delimited string.");
    if (expand !== undefined && typeof expand !== "string") throw invalidArgument("load({ expand }) takes a comma-delimited string.");
    for (const p of (select ?? "").split(",").map((s) => s.trim()).filter(Boolean)) addLoadPath(meta, spec, p.split("/"));
    for (const p of (expand ?? "").split(",").map((s) => s.trim()).filter(Boolean)) addLoadPath(meta, spec, p.split("/"));
    return;
  }
  for (const [key, v] of Object.entries(options)) {
    if (key === "$top" || key === "$skip") throw notModelled(`load option '${key}' on ${meta.name}`);
    if (v === false || v === undefined) continue;
    if (v === true) {
      addLoadPath(meta, spec, [key]);
      continue;
    }
    if (!isPlainObject(v)) throw invalidArgument(`load option '${key}' on ${meta.name} must be true or an object.`);
    if (meta.item) {
      spec.items ??= newSpec();
      addLoadOptions(metaOf(meta.item()), spec.items, { [key]: v });
      continue;
    }
    const nav = meta.navs[key];
    if (!nav) throw notModelled(`loading '${key}' on ${meta.name}`);
    let sub = spec.navs.get(key);
    if (!sub) {
      sub = newSpec();
      spec.navs.set(key, sub);
    }
    addLoadOptions(metaOf(nav()), sub, v);
  }
}

function parseLoad(meta: Meta, arg: unknown): LoadSpec {
  const spec = newSpec();
  if (arg === undefined || arg === null) {
    spec.all = true;
    if (meta.item) spec.items = newSpec(true);
    return spec;
  }
  const paths = typeof arg === "string" ? arg.split(",") : Array.isArray(arg) ? arg : undefined;
  if (paths) {
    for (const p of paths) {
      if (typeof p !== "string") throw invalidArgument(`load() takes property names as strings (${meta.name}).`);
      if (p.trim() === "") continue;
      addLoadPath(meta, spec, p.trim().split("/"));
    }
    return spec;
  }
  if (isPlainObject(arg)) {
    addLoadOptions(meta, spec, arg);
    return spec;
  }
  throw invalidArgument(`load() on ${meta.name} takes a string, a string array or an options object.`);
}

type Resolver<E> = () => E | null;

abstract class FakeObject<E = unknown> {
  _ctx: FakeContext;
  _path: string;
  _resolver: Resolver<E>;
  _memo: { v: E | null } | undefined;
  _loaded: Map<string, unknown>;
  _isNull: boolean | undefined;
  _children: Map<string, FakeObject>;
  /** The object this one was reached from, and the step (`getRange("A1")`, `format`): its object path. */
  _parent: FakeObject | undefined;
  _step = "";

  constructor(ctx: FakeContext, path: string, resolver: Resolver<E>) {
    this._ctx = ctx;
    this._path = path;
    this._resolver = resolver;
    this._memo = undefined;
    this._loaded = new Map();
    this._isNull = undefined;
    this._children = new Map();
  }

  get _cls(): string {
    return metaOf(this.constructor).name;
  }

  get context(): FakeContext {
    return this._ctx._proxy;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._cls, "isNullObject");
    return this._isNull;
  }

  _alive(_e: E): boolean {
    return true;
  }

  /** The entity this proxy stands for, resolved once (at first use in a batch), or null for a null object. */
  _resolveRaw(): E | null {
    if (!this._memo) this._memo = { v: this._resolver() };
    const v = this._memo.v;
    if (v !== null && !this._alive(v)) throw new FakeOfficeError("ItemNotFound", `The ${this._cls} referenced by ${this._path} no longer exists.`);
    return v;
  }

  _target(): E {
    const v = this._resolveRaw();
    if (v === null) {
      throw new FakeOfficeError("ItemNotFound", `${this._path} is a null object (from an *OrNullObject method); it can only be loaded, not used.`);
    }
    return v;
  }

  _preset(v: E): this {
    this._memo = { v };
    return this;
  }

  _read(name: string): unknown {
    if (!this._loaded.has(name)) throw propertyNotLoaded(this._cls, name, this._isNull === true);
    return this._loaded.get(name);
  }

  _setScalar(name: string, value: unknown): void {
    const def = metaOf(this.constructor).scalars[name];
    if (!def?.set) throw new Error(`excelFake: ${this._cls}.${name} is read-only`);
    def.check?.(value);
    const captured = captureArg(value);
    const set = def.set;
    this._ctx._enqueue({ o: this._path, op: "set", n: name, a: payloadForm(captured) }, () => set(this, captured), this);
  }

  _call(name: string, args: unknown[], run: (res: BatchResults) => void): void {
    this._ctx._enqueue({ o: this._path, op: "call", n: name, a: payloadForm(args.map(captureArg)) }, run, this);
  }

  _nav(name: string): FakeObject {
    let child = this._children.get(name);
    if (!child) {
      child = this._makeNav(name);
      this._children.set(name, child);
    }
    return child;
  }

  _makeNav(name: string): FakeObject {
    throw new Error(`excelFake internal: ${this._cls} has no navigation property ${name}`);
  }

  /** A child proxy resolved from this one (null parent → null child). */
  _sub<X, C extends FakeObject<X>>(Cls: new (ctx: FakeContext, path: string, resolver: Resolver<X>) => C, suffix: string, f: (e: E) => X | null): C {
    const child = new Cls(this._ctx, `${this._path}.${suffix}`, () => {
      const e = this._resolveRaw();
      return e === null ? null : f(e);
    });
    child._parent = this;
    child._step = suffix;
    return wrap(child);
  }

  /** *OrNullObject results: Office loads isNullObject at the next sync without an explicit load. */
  _instantiate<C extends FakeObject>(obj: C): C {
    this._ctx._enqueue(
      { o: obj._path, op: "instantiate" },
      (res) => {
        const v = obj._resolveRaw();
        res.publish(() => {
          obj._isNull = v === null;
        });
      },
      obj,
    );
    this._ctx._instantiated.add(obj);
    return obj;
  }

  load(arg?: unknown): this {
    const spec = parseLoad(metaOf(this.constructor), arg);
    this._ctx._enqueue({ o: this._path, op: "load", a: arg === undefined ? null : payloadForm(captureArg(arg)) }, (res) => this._runLoad(spec, res), this);
    return this;
  }

  _runLoad(spec: LoadSpec, res: BatchResults): void {
    const e = this._resolveRaw();
    res.publish(() => {
      this._isNull = e === null;
    });
    if (e === null) return;
    const meta = metaOf(this.constructor);
    const names = new Set(spec.scalars);
    if (spec.all) for (const [n, d] of Object.entries(meta.scalars)) if (!d.explicitOnly) names.add(n);
    for (const name of names) {
      const v = meta.scalars[name].get(this);
      res.count(v);
      res.publish(() => {
        this._loaded.set(name, v);
      });
    }
    for (const [nav, sub] of spec.navs) this._nav(nav)._runLoad(sub, res);
  }

  /** Sets several properties at once; nested objects set navigation properties (Office.js `set`). */
  set(properties: unknown, _options?: unknown): void {
    if (!isPlainObject(properties)) throw notModelled(`${this._cls}.set() with anything but a plain object`);
    const meta = metaOf(this.constructor);
    const keys = Object.keys(properties);
    const order = [...(meta.setOrder ?? []).filter((k) => keys.includes(k)), ...keys.filter((k) => !(meta.setOrder ?? []).includes(k))];
    for (const key of order) {
      const v = properties[key];
      if (key in meta.scalars) this._setScalar(key, v);
      else if (key in meta.navs) this._nav(key).set(v);
      else throw notModelled(`${this._cls}.set({ ${key} })`);
    }
  }

  /** Plain data of what has been loaded (as Office.js' toJSON). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._loaded) out[k] = k === "items" && Array.isArray(v) ? v.map((i: FakeObject) => i.toJSON()) : v;
    for (const [k, child] of this._children) {
      const j = child.toJSON();
      if (Object.keys(j).length > 0) out[k] = j;
    }
    return out;
  }
}

function childOf<T extends FakeObject>(parent: FakeObject, child: T, step: string): T {
  child._parent = parent;
  child._step = step;
  return child;
}

function wrap<T extends FakeObject>(obj: T): T {
  return strict(obj, () => obj._cls);
}

abstract class FakeCollection<E, I> extends FakeObject<E> {
  abstract _itemEntities(e: E): I[];
  abstract _makeItem(entity: I): FakeObject;

  get items(): unknown {
    return this._read("items");
  }

  override _runLoad(spec: LoadSpec, res: BatchResults): void {
    super._runLoad({ ...spec, navs: new Map() }, res);
    const e = this._resolveRaw();
    if (e === null) return;
    if (!spec.items && !spec.all) return;
    const itemSpec = spec.items ?? newSpec(true);
    const items = this._itemEntities(e).map((x) => this._makeItem(x));
    for (const item of items) item._runLoad(itemSpec, res);
    res.publish(() => {
      this._loaded.set("items", items);
    });
  }
}

class ClientResult<T> {
  _value: { v: T } | undefined = undefined;
  get value(): T {
    if (!this._value) throw new FakeOfficeError("ValueNotLoaded", 'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.');
    return this._value.v;
  }
}

function clientResult<T>(obj: FakeObject, name: string, args: unknown[], compute: () => T): ClientResult<T> {
  const result = strict(new ClientResult<T>(), () => "ClientResult");
  obj._call(name, args, (res) => {
    const v = compute();
    res.count(v);
    res.publish(() => {
      result._value = { v };
    });
  });
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Workbook, application, worksheets

class Workbook extends FakeObject<WorkbookState> {
  override _makeNav(name: string): FakeObject {
    if (name === "worksheets") return this._sub(WorksheetCollection, "worksheets", (s) => s);
    if (name === "tables") return this._sub(TableCollection, "tables", (s): TableScope => ({ state: s }));
    if (name === "application") return this._sub(Application, "application", (s) => s);
    return super._makeNav(name);
  }

  getSelectedRange(): Range {
    return this._sub(Range, "getSelectedRange()", (s): RangeTarget => {
      const sheet = s.active;
      if (!sheet) throw invalidOperation("There is no active worksheet.");
      return { sheet, rect: { ...sheet.selection } };
    });
  }

  getActiveCell(): Range {
    return this._sub(Range, "getActiveCell()", (s): RangeTarget => {
      const sheet = s.active;
      if (!sheet) throw invalidOperation("There is no active worksheet.");
      return { sheet, rect: { r0: sheet.selection.r0, c0: sheet.selection.c0, r1: sheet.selection.r0, c1: sheet.selection.c0 } };
    });
  }
}
defineClass(Workbook, {
  name: "Workbook",
  navs: { worksheets: () => WorksheetCollection, tables: () => TableCollection, application: () => Application },
});

class Application extends FakeObject<WorkbookState> {
  suspendApiCalculationUntilNextSync(): void {
    this._ctx._suspended = true;
    this._call("suspendApiCalculationUntilNextSync", [], () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call("suspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
  /** Recalculates every open workbook (Excel's Application.calculate); here: every custom-function cell of this one, logged. */
  calculate(calculationType: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw invalidArgument(`Application.calculate('${calculationType}')`);
    this._call("calculate", [calculationType], () => {
      const s = this._target();
      s.calc.applicationCalculations.push(calculationType);
      for (const sheet of s.sheets) s.calc.evaluateRect(sheet, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 });
    });
  }
}
defineClass(Application, { name: "Application", scalars: { calculationMode: { get: () => "Automatic" } } });

class WorksheetCollection extends FakeCollection<WorkbookState, SheetEntity> {
  _itemEntities(s: WorkbookState): SheetEntity[] {
    return [...s.sheets];
  }

  _makeItem(sheet: SheetEntity): FakeObject {
    return wrap(childOf(this, new Worksheet(this._ctx, `${this._path}.getItem(${JSON.stringify(sheet.name)})`, () => sheet)._preset(sheet), `getItem(${JSON.stringify(sheet.name)})`));
  }

  getItem(key: string): Worksheet {
    return this._sub(Worksheet, `getItem(${JSON.stringify(key)})`, (s) => {
      const sheet = typeof key === "string" ? s.findSheet(key) : undefined;
      if (!sheet) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet '${String(key)}'.`);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): Worksheet {
    return this._instantiate(this._sub(Worksheet, `getItemOrNullObject(${JSON.stringify(key)})`, (s) => (typeof key === "string" ? s.findSheet(key) ?? null : null)));
  }

  add(name?: string): Worksheet {
    let created: SheetEntity | undefined;
    const ws = this._sub(Worksheet, `add(${JSON.stringify(name ?? null)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The worksheet from worksheets.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [name], () => {
      const s = this._target();
      const sheetName = name === undefined || name === null ? s.defaultSheetName() : s.validateSheetName(name);
      created = s.addSheet(sheetName);
      ws._preset(created);
    });
    return ws;
  }

  /** WorksheetCollection.onChanged (ExcelApi 1.9): the handler is registered by the next sync. */
  get onChanged(): { add(handler: (args: unknown) => unknown): { remove(): void } } {
    return {
      add: (handler) => {
        let registered = false;
        this._call("onChanged.add", [], () => {
          this._target().changeHandlers.push(handler);
          registered = true;
        });
        return {
          remove: () => {
            if (!registered) return;
            const list = this._target().changeHandlers;
            list.splice(list.indexOf(handler), 1);
          },
        };
      },
    };
  }

  getActiveWorksheet(): Worksheet {
    return this._sub(Worksheet, "getActiveWorksheet()", (s) => {
      if (!s.active) throw invalidOperation("There is no active worksheet.");
      return s.active;
    });
  }

  getFirst(visibleOnly?: boolean): Worksheet {
    return this._sub(Worksheet, "getFirst()", (s) => {
      const list = visibleOnly ? s.visibleSheets() : s.sheets;
      if (list.length === 0) throw new FakeOfficeError("ItemNotFound", "The workbook has no worksheets.");
      return list[0];
    });
  }

  getCount(visibleOnly?: boolean): ClientResult<number> {
    return clientResult(this, "getCount", [visibleOnly], () => {
      const s = this._target();
      return visibleOnly ? s.visibleSheets().length : s.sheets.length;
    });
  }
}
defineClass(WorksheetCollection, { name: "WorksheetCollection", item: () => Worksheet });

const VISIBILITIES = ["Visible", "Hidden", "VeryHidden"];

class Worksheet extends FakeObject<SheetEntity> {
  override _alive(s: SheetEntity): boolean {
    return !s.deleted;
  }

  override _makeNav(name: string): FakeObject {
    switch (name) {
      case "tables":
        return this._sub(TableCollection, "tables", (sheet): TableScope => ({ state: this._ctx._state, sheet }));
      case "freezePanes":
        return this._sub(WorksheetFreezePanes, "freezePanes", (s) => s);
      case "protection":
        return this._sub(WorksheetProtection, "protection", (s) => s);
      case "pageLayout":
        return this._sub(PageLayout, "pageLayout", (s) => s);
      case "horizontalPageBreaks":
        return this._sub(PageBreakCollection, "horizontalPageBreaks", (s) => s);
      case "charts":
        return this._sub(ChartCollection, "charts", (s) => s);
    }
    return super._makeNav(name);
  }

  getRange(address?: string): Range {
    return this._sub(Range, `getRange(${JSON.stringify(address ?? null)})`, (sheet): RangeTarget => {
      if (address === undefined || address === null || address === "") return { sheet, rect: { ...FULL_SHEET } };
      const parsed = parseAddress(address, "Worksheet.getRange");
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument(`Worksheet.getRange: '${address}' refers to another worksheet than '${sheet.name}'.`);
      }
      return { sheet, rect: parsed.rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this._sub(Range, `getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, (sheet): RangeTarget => ({
      sheet,
      rect: checkRect({ r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 }, "Worksheet.getRangeByIndexes"),
    }));
  }

  getCell(row: number, column: number): Range {
    return this._sub(Range, `getCell(${row},${column})`, (sheet): RangeTarget => ({ sheet, rect: checkRect({ r0: row, c0: column, r1: row, c1: column }, "Worksheet.getCell") }));
  }

  /** "If the entire worksheet is blank, this function will return the top left cell." */
  getUsedRange(valuesOnly?: boolean): Range {
    return this._sub(Range, `getUsedRange(${valuesOnly === true})`, (sheet): RangeTarget => ({ sheet, rect: usedRect(sheet, valuesOnly === true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } }));
  }

  /** A null object when the worksheet is blank. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this._instantiate(
      this._sub(Range, `getUsedRangeOrNullObject(${valuesOnly === true})`, (sheet): RangeTarget | null => {
        const rect = usedRect(sheet, valuesOnly === true);
        return rect ? { sheet, rect } : null;
      }),
    );
  }

  delete(): void {
    this._call("delete", [], () => {
      const sheet = this._target();
      const state = this._ctx._state;
      if (sheet.visibility === "Visible" && state.visibleSheets().length === 1) throw invalidOperation("A workbook must contain at least one visible worksheet.");
      sheet.deleted = true;
      state.sheets = state.sheets.filter((s) => s !== sheet);
      for (const t of tablesOn(state, sheet)) t.deleted = true;
      state.tables = state.tables.filter((t) => t.sheet !== sheet);
      if (state.active === sheet) state.active = state.visibleSheets()[0];
    });
  }

  activate(): void {
    this._call("activate", [], () => {
      const sheet = this._target();
      if (sheet.visibility !== "Visible") throw invalidOperation(`The worksheet '${sheet.name}' is hidden and can't be activated.`);
      this._ctx._state.active = sheet;
    });
  }
}
defineClass(Worksheet, {
  name: "Worksheet",
  scalars: {
    name: {
      get: (o) => o._target().name,
      set: (o, v) => {
        const sheet = o._target();
        sheet.name = o._ctx._state.validateSheetName(v, sheet);
      },
    },
    id: { get: (o) => o._target().id },
    position: {
      get: (o) => o._ctx._state.sheets.indexOf(o._target()),
      set: (o, v) => {
        const sheet = o._target();
        const state = o._ctx._state;
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= state.sheets.length) throw invalidArgument(`Worksheet.position ${String(v)} is out of range.`);
        state.sheets = state.sheets.filter((s) => s !== sheet);
        state.sheets.splice(v, 0, sheet);
      },
    },
    visibility: {
      get: (o) => o._target().visibility,
      set: (o, v) => {
        const sheet = o._target();
        const state = o._ctx._state;
        if (typeof v !== "string" || !VISIBILITIES.includes(v)) throw invalidArgument(`Worksheet.visibility '${String(v)}'.`);
        if (v !== "Visible" && sheet.visibility === "Visible" && state.visibleSheets().length === 1) throw invalidOperation("A workbook must contain at least one visible worksheet.");
        sheet.visibility = v as SheetEntity["visibility"];
        if (v !== "Visible" && state.active === sheet) state.active = state.visibleSheets()[0];
      },
    },
    showGridlines: {
      get: (o) => o._target().showGridlines,
      set: (o, v) => {
        if (typeof v !== "boolean") throw invalidArgument("Worksheet.showGridlines must be a boolean.");
        o._target().showGridlines = v;
      },
    },
  },
  navs: {
    tables: () => TableCollection,
    freezePanes: () => WorksheetFreezePanes,
    protection: () => WorksheetProtection,
    pageLayout: () => PageLayout,
    horizontalPageBreaks: () => PageBreakCollection,
    charts: () => ChartCollection,
  },
});

class WorksheetFreezePanes extends FakeObject<SheetEntity> {
  private _freeze(name: string, count: unknown, rows: boolean): void {
    this._call(name, [count], () => {
      const sheet = this._target();
      const n = count === undefined ? 1 : count;
      const max = rows ? MAX_ROWS : MAX_COLS;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= max) throw invalidArgument(`WorksheetFreezePanes.${name}(${String(count)}).`);
      sheet.freeze = rows ? { rows: n, columns: 0 } : { rows: 0, columns: n };
    });
  }

  freezeRows(count?: number): void {
    this._freeze("freezeRows", count, true);
  }

  freezeColumns(count?: number): void {
    this._freeze("freezeColumns", count, false);
  }

  freezeAt(frozenRange: Range | string): void {
    this._call("freezeAt", [frozenRange], () => {
      const sheet = this._target();
      const rect = frozenRange instanceof FakeObject ? (frozenRange as Range)._target().rect : parseAddress(frozenRange, "WorksheetFreezePanes.freezeAt").rect;
      if (rect.r0 !== 0 || rect.c0 !== 0) throw invalidArgument("WorksheetFreezePanes.freezeAt: the range must start at A1.");
      sheet.freeze = { rows: isEntireColumn(rect) ? 0 : rect.r1 + 1, columns: isEntireRow(rect) ? 0 : rect.c1 + 1 };
    });
  }

  unfreeze(): void {
    this._call("unfreeze", [], () => {
      this._target().freeze = { rows: 0, columns: 0 };
    });
  }

  getLocationOrNullObject(): Range {
    return this._instantiate(
      this._sub(Range, "getLocationOrNullObject()", (sheet): RangeTarget | null => {
        const { rows, columns } = sheet.freeze;
        if (rows === 0 && columns === 0) return null;
        return { sheet, rect: { r0: 0, c0: 0, r1: rows === 0 ? MAX_ROWS - 1 : rows - 1, c1: columns === 0 ? MAX_COLS - 1 : columns - 1 } };
      }),
    );
  }
}
defineClass(WorksheetFreezePanes, { name: "WorksheetFreezePanes" });

// ---------------------------------------------------------------------------------------------------
// Charts and conditional formats (the subset the gateway uses)

const CHART_TYPES = ["ColumnClustered", "BarClustered", "Line", "LineMarkers", "Pie"];
const SERIES_BY = ["Auto", "Columns", "Rows"];

/** A range argument's rectangle, which must be on `sheet` (an address string is read on it). */
function rectOn(sheet: SheetEntity, arg: unknown, where: string): Rect {
  if (arg instanceof FakeObject) {
    const t = (arg as Range)._target();
    if (t.sheet !== sheet) throw invalidArgument(`${where}: the range is on another worksheet.`);
    return t.rect;
  }
  if (typeof arg !== "string") throw invalidArgument(`${where} takes a Range or an address.`);
  const parsed = parseAddress(arg, where);
  if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw invalidArgument(`${where}: '${arg}' is on another worksheet.`);
  return parsed.rect;
}

/** Worksheet.charts: add(type, sourceData, seriesBy) makes one series per column (or row) of the source. */
class ChartCollection extends FakeObject<SheetEntity> {
  override _alive(s: SheetEntity): boolean {
    return !s.deleted;
  }

  add(type: string, sourceData: Range | string, seriesBy?: string): Chart {
    let created: ChartEntity | undefined;
    const chart = this._sub(Chart, `add(${JSON.stringify(type)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The chart from charts.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [type, sourceData, seriesBy], () => {
      const sheet = this._target();
      if (!CHART_TYPES.includes(type)) throw notModelled(`ChartCollection.add of type '${String(type)}'`);
      const by = seriesBy ?? "Auto";
      if (!SERIES_BY.includes(by)) throw invalidArgument(`ChartCollection.add: seriesBy '${String(seriesBy)}'.`);
      assertEditable(sheet, "cells");
      const rect = rectOn(sheet, sourceData, "ChartCollection.add");
      const rows = by === "Rows";
      const count = rows ? rect.r1 - rect.r0 + 1 : rect.c1 - rect.c0 + 1;
      const series = Array.from({ length: count }, (_, i) => ({
        name: `系列${i + 1}`,
        values: rows ? { ...rect, r0: rect.r0 + i, r1: rect.r0 + i } : { ...rect, c0: rect.c0 + i, c1: rect.c0 + i },
      }));
      created = { sheet, type, title: "", series };
      (sheet.charts ??= []).push(created);
      chart._preset(created);
    });
    return chart;
  }

  getCount(): ClientResult<number> {
    return clientResult(this, "getCount", [], () => (this._target().charts ?? []).length);
  }
}
defineClass(ChartCollection, { name: "ChartCollection" });

class Chart extends FakeObject<ChartEntity> {
  override _alive(c: ChartEntity): boolean {
    return !c.sheet.deleted;
  }

  override _makeNav(name: string): FakeObject {
    switch (name) {
      case "title":
        return this._sub(ChartTitle, "title", (c) => c);
      case "series":
        return this._sub(ChartSeriesCollection, "series", (c) => c);
    }
    return super._makeNav(name);
  }

  /** Places the chart over the cells from startCell to endCell. */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._call("setPosition", [startCell, endCell], () => {
      const chart = this._target();
      const start = rectOn(chart.sheet, startCell, "Chart.setPosition");
      const end = endCell === undefined ? start : rectOn(chart.sheet, endCell, "Chart.setPosition");
      if (end.r1 < start.r0 || end.c1 < start.c0) throw invalidArgument("Chart.setPosition: endCell is above or left of startCell.");
      chart.position = { start, end };
    });
  }
}
defineClass(Chart, { name: "Chart", navs: { title: () => ChartTitle, series: () => ChartSeriesCollection } });

class ChartTitle extends FakeObject<ChartEntity> {}
defineClass(ChartTitle, {
  name: "ChartTitle",
  scalars: {
    text: {
      get: (o) => o._target().title,
      set: (o, v) => {
        if (typeof v !== "string") throw invalidArgument("ChartTitle.text must be a string.");
        o._target().title = v;
      },
    },
  },
});

class ChartSeriesCollection extends FakeObject<ChartEntity> {
  getItemAt(index: number): ChartSeries {
    return this._sub(ChartSeries, `getItemAt(${index})`, (c) => {
      const s = c.series[index];
      if (!s) throw invalidArgument(`ChartSeriesCollection.getItemAt(${index}) is out of range.`);
      return s;
    });
  }

  /** A new series without values (ExcelApi 1.7): they are given with setValues. */
  add(name?: string): ChartSeries {
    let created: ChartSeriesEntity | undefined;
    const series = this._sub(ChartSeries, `add(${JSON.stringify(name ?? null)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The series from series.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [name], () => {
      const chart = this._target();
      created = { name: name ?? `系列${chart.series.length + 1}`, values: null };
      chart.series.push(created);
      series._preset(created);
    });
    return series;
  }
}
defineClass(ChartSeriesCollection, { name: "ChartSeriesCollection" });

class ChartSeries extends FakeObject<ChartSeriesEntity> {
  private _setRange(name: string, sourceData: Range, apply: (s: ChartSeriesEntity, r: Rect) => void): void {
    this._call(name, [sourceData], () => {
      if (!(sourceData instanceof FakeObject)) throw invalidArgument(`ChartSeries.${name} takes a Range.`);
      const rect = (sourceData as Range)._target().rect;
      if (rect.r0 !== rect.r1 && rect.c0 !== rect.c1) throw invalidArgument(`ChartSeries.${name}: the range must be a single row or column.`);
      apply(this._target(), rect);
    });
  }

  setValues(sourceData: Range): void {
    this._setRange("setValues", sourceData, (s, r) => {
      s.values = r;
    });
  }

  setXAxisValues(sourceData: Range): void {
    this._setRange("setXAxisValues", sourceData, (s, r) => {
      s.xAxis = r;
    });
  }
}
defineClass(ChartSeries, {
  name: "ChartSeries",
  scalars: {
    name: {
      get: (o) => o._target().name,
      set: (o, v) => {
        if (typeof v !== "string") throw invalidArgument("ChartSeries.name must be a string.");
        o._target().name = v;
      },
    },
  },
});

const CONDITIONAL_FORMAT_TYPES = ["DataBar", "ColorScale", "IconSet", "Custom", "CellValue", "TopBottom", "PresetCriteria", "ContainsText"];

/** Range.conditionalFormats: add(type) records the rule over the range (its settings are not modelled). */
class ConditionalFormatCollection extends FakeObject<RangeTarget> {
  add(type: string): ConditionalFormat {
    const format = this._sub(ConditionalFormat, `add(${JSON.stringify(type)})`, (t) => t);
    this._call("add", [type], () => {
      const { sheet, rect } = this._target();
      if (!CONDITIONAL_FORMAT_TYPES.includes(type)) throw invalidArgument(`ConditionalFormatCollection.add: type '${String(type)}'.`);
      assertEditable(sheet, "formatCells");
      (sheet.conditionalFormats ??= []).push({ type, rect });
    });
    return format;
  }
}
defineClass(ConditionalFormatCollection, { name: "ConditionalFormatCollection" });

class ConditionalFormat extends FakeObject<RangeTarget> {}
defineClass(ConditionalFormat, { name: "ConditionalFormat" });

/** Worksheet.horizontalPageBreaks: add(range) breaks before the range's top row. */
class PageBreakCollection extends FakeObject<SheetEntity> {
  add(pageBreakRange: Range | string): void {
    this._call("add", [pageBreakRange], () => {
      const sheet = this._target();
      const rect = pageBreakRange instanceof FakeObject ? (pageBreakRange as Range)._target().rect : parseAddress(pageBreakRange, "PageBreakCollection.add").rect;
      if (rect.r0 === 0) throw invalidArgument("PageBreakCollection.add: a page break cannot be placed before the first row.");
      if (!sheet.pageBreaks.includes(rect.r0)) sheet.pageBreaks.push(rect.r0);
    });
  }

  removePageBreaks(): void {
    this._call("removePageBreaks", [], () => {
      this._target().pageBreaks = [];
    });
  }
}
defineClass(PageBreakCollection, { name: "PageBreakCollection" });

const PROTECTION_OPTIONS = [
  "allowAutoFilter",
  "allowDeleteColumns",
  "allowDeleteRows",
  "allowEditObjects",
  "allowEditScenarios",
  "allowFormatCells",
  "allowFormatColumns",
  "allowFormatRows",
  "allowInsertColumns",
  "allowInsertHyperlinks",
  "allowInsertRows",
  "allowPivotTables",
  "allowSort",
];

class WorksheetProtection extends FakeObject<SheetEntity> {
  /** "Protects a worksheet. Fails if the worksheet has already been protected." */
  protect(options?: Record<string, unknown>, password?: string): void {
    this._call("protect", [options, password], () => {
      const sheet = this._target();
      if (sheet.protection.protected) throw invalidOperation(`The worksheet '${sheet.name}' is already protected.`);
      if (options !== undefined && options !== null) {
        if (!isPlainObject(options)) throw invalidArgument("WorksheetProtection.protect: options must be an object.");
        for (const [k, v] of Object.entries(options)) {
          if (k === "selectionMode") {
            if (!["Normal", "Unlocked", "None"].includes(String(v))) throw invalidArgument(`selectionMode '${String(v)}'.`);
          } else if (!PROTECTION_OPTIONS.includes(k) || typeof v !== "boolean") {
            throw invalidArgument(`WorksheetProtection.protect: unknown or non-boolean option '${k}'.`);
          }
        }
      }
      if (password !== undefined && password !== null && typeof password !== "string") throw invalidArgument("The password must be a string.");
      sheet.protection = { protected: true, options: clonePlain(options ?? {}), password: password || undefined };
    });
  }

  /** Unprotecting an unprotected sheet does nothing; a wrong password rejects. */
  unprotect(password?: string): void {
    this._call("unprotect", [password], () => {
      const sheet = this._target();
      if (!sheet.protection.protected) return;
      if (sheet.protection.password !== undefined && password !== sheet.protection.password) throw new FakeOfficeError("InvalidArgument", "The password you supplied is not correct.");
      sheet.protection = { protected: false, options: {} };
    });
  }
}
defineClass(WorksheetProtection, {
  name: "WorksheetProtection",
  scalars: {
    protected: { get: (o) => o._target().protection.protected },
    isPasswordProtected: { get: (o) => o._target().protection.password !== undefined },
    options: {
      get: (o) => {
        const p = o._target().protection;
        return { ...Object.fromEntries(PROTECTION_OPTIONS.map((k) => [k, p.options[k] === true])), selectionMode: (p.options.selectionMode as string | undefined) ?? "Normal" };
      },
    },
  },
});

// ---------------------------------------------------------------------------------------------------
// Page layout

const PAPER_SIZES = [
  "Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5", "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note",
  "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14", "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65",
  "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS", "FanfoldStdGerman", "FanfoldLegalGerman",
];

function normalizeZoom(v: unknown): Record<string, number> {
  if (!isPlainObject(v)) throw invalidArgument("PageLayout.zoom must be set with a whole PageLayoutZoomOptions object.");
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null) continue;
    if (k === "scale") {
      if (typeof x !== "number" || x < 10 || x > 400) throw invalidArgument("PageLayout.zoom.scale must be between 10 and 400.");
    } else if (k === "horizontalFitToPages" || k === "verticalFitToPages") {
      if (typeof x !== "number" || !Number.isInteger(x) || x < 0) throw invalidArgument(`PageLayout.zoom.${k} must be a whole number ≥ 0.`);
    } else {
      throw invalidArgument(`PageLayout.zoom has no option '${k}'.`);
    }
    out[k] = x;
  }
  if (Object.keys(out).length === 0) throw invalidArgument("PageLayout.zoom needs scale or fit-to-pages values.");
  return out;
}

function pageScalar(key: string, validate: (v: unknown) => unknown): ScalarDef<PageLayout> {
  return {
    get: (o) => clonePlain(o._target().page[key]),
    set: (o, v) => {
      o._target().page[key] = validate(v);
    },
  };
}

const booleanValue = (what: string) => (v: unknown): boolean => {
  if (typeof v !== "boolean") throw invalidArgument(`${what} must be a boolean.`);
  return v;
};
const marginValue = (what: string) => (v: unknown): number => {
  if (typeof v !== "number" || !(v >= 0)) throw invalidArgument(`${what} must be a number of points ≥ 0.`);
  return v;
};

/** Print titles must span entire rows (or columns): "The range must span the entire row to be valid." */
function printTitles(sheet: SheetEntity, arg: unknown, rows: boolean, where: string): string {
  let rect: Rect;
  if (arg instanceof FakeObject) {
    const t = (arg as Range)._target();
    if (t.sheet !== sheet) throw invalidArgument(`${where}: the range is on another worksheet.`);
    rect = t.rect;
  } else {
    const parsed = parseAddress(arg, where);
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw invalidArgument(`${where}: the address is on another worksheet.`);
    rect = parsed.rect;
  }
  if (rows ? !isEntireRow(rect) : !isEntireColumn(rect)) throw invalidArgument(`${where}: the range must span entire ${rows ? "rows" : "columns"}.`);
  return rectToA1(rect, true);
}

class PageLayout extends FakeObject<SheetEntity> {
  override _makeNav(name: string): FakeObject {
    if (name === "headersFooters") return this._sub(HeaderFooterGroup, "headersFooters", (s) => s);
    return super._makeNav(name);
  }

  setPrintTitleRows(printTitleRows: Range | string): void {
    this._call("setPrintTitleRows", [printTitleRows], () => {
      const sheet = this._target();
      sheet.printTitleRows = printTitles(sheet, printTitleRows, true, "PageLayout.setPrintTitleRows");
    });
  }

  /** ExcelApi 1.9: the rows set as print titles, or a null object when none are set. */
  getPrintTitleRowsOrNullObject(): Range {
    return this._instantiate(
      this._sub(Range, "getPrintTitleRowsOrNullObject()", (sheet): RangeTarget | null =>
        sheet.printTitleRows ? { sheet, rect: parseAddress(sheet.printTitleRows, "PageLayout.getPrintTitleRowsOrNullObject").rect } : null,
      ),
    );
  }

  setPrintTitleColumns(printTitleColumns: Range | string): void {
    this._call("setPrintTitleColumns", [printTitleColumns], () => {
      const sheet = this._target();
      sheet.printTitleColumns = printTitles(sheet, printTitleColumns, false, "PageLayout.setPrintTitleColumns");
    });
  }

  setPrintArea(printArea: Range | string): void {
    this._call("setPrintArea", [printArea], () => {
      const sheet = this._target();
      if (printArea instanceof FakeObject) {
        const t = (printArea as Range)._target();
        if (t.sheet !== sheet) throw invalidArgument("PageLayout.setPrintArea: the range is on another worksheet.");
        sheet.printArea = rectToA1(t.rect, true);
      } else {
        sheet.printArea = rectToA1(parseAddress(printArea, "PageLayout.setPrintArea").rect, true);
      }
    });
  }
}
defineClass(PageLayout, {
  name: "PageLayout",
  scalars: {
    orientation: pageScalar("orientation", (v) => {
      if (v !== "Portrait" && v !== "Landscape") throw invalidArgument(`PageLayout.orientation '${String(v)}'.`);
      return v;
    }),
    paperSize: pageScalar("paperSize", (v) => {
      if (typeof v !== "string" || !PAPER_SIZES.includes(v)) throw invalidArgument(`PageLayout.paperSize '${String(v)}'.`);
      return v;
    }),
    zoom: pageScalar("zoom", normalizeZoom),
    centerHorizontally: pageScalar("centerHorizontally", booleanValue("PageLayout.centerHorizontally")),
    centerVertically: pageScalar("centerVertically", booleanValue("PageLayout.centerVertically")),
    printGridlines: pageScalar("printGridlines", booleanValue("PageLayout.printGridlines")),
    printHeadings: pageScalar("printHeadings", booleanValue("PageLayout.printHeadings")),
    blackAndWhite: pageScalar("blackAndWhite", booleanValue("PageLayout.blackAndWhite")),
    draftMode: pageScalar("draftMode", booleanValue("PageLayout.draftMode")),
    topMargin: pageScalar("topMargin", marginValue("PageLayout.topMargin")),
    bottomMargin: pageScalar("bottomMargin", marginValue("PageLayout.bottomMargin")),
    leftMargin: pageScalar("leftMargin", marginValue("PageLayout.leftMargin")),
    rightMargin: pageScalar("rightMargin", marginValue("PageLayout.rightMargin")),
    headerMargin: pageScalar("headerMargin", marginValue("PageLayout.headerMargin")),
    footerMargin: pageScalar("footerMargin", marginValue("PageLayout.footerMargin")),
  },
  navs: { headersFooters: () => HeaderFooterGroup },
});

class HeaderFooterGroup extends FakeObject<SheetEntity> {
  override _makeNav(name: string): FakeObject {
    if (name === "defaultForAllPages") return this._sub(HeaderFooter, "defaultForAllPages", (s) => s);
    return super._makeNav(name);
  }
}
defineClass(HeaderFooterGroup, { name: "HeaderFooterGroup", navs: { defaultForAllPages: () => HeaderFooter } });

class HeaderFooter extends FakeObject<SheetEntity> {}
defineClass(HeaderFooter, {
  name: "HeaderFooter",
  scalars: Object.fromEntries(
    HEADER_FOOTER_PARTS.map((part): [string, ScalarDef<HeaderFooter>] => [
      part,
      {
        get: (o) => o._target().headerFooter[part],
        set: (o, v) => {
          if (typeof v !== "string") throw invalidArgument(`HeaderFooter.${part} must be a string.`);
          o._target().headerFooter[part] = v;
        },
      },
    ]),
  ),
});

// ---------------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetEntity;
  rect: Rect;
}

class Range extends FakeObject<RangeTarget> {
  override _alive(t: RangeTarget): boolean {
    return !t.sheet.deleted;
  }

  override _makeNav(name: string): FakeObject {
    switch (name) {
      case "format":
        return this._sub(RangeFormat, "format", (t) => t);
      case "dataValidation":
        return this._sub(DataValidation, "dataValidation", (t) => t);
      case "conditionalFormats":
        return this._sub(ConditionalFormatCollection, "conditionalFormats", (t) => t);
      case "worksheet":
        return this._sub(Worksheet, "worksheet", (t) => t.sheet);
    }
    return super._makeNav(name);
  }

  private _derive(suffix: string, where: string, f: (r: Rect) => Rect): Range {
    return this._sub(Range, suffix, (t): RangeTarget => ({ sheet: t.sheet, rect: checkRect(f(t.rect), where) }));
  }

  /** "The cell can be outside the bounds of its parent range, so long as it stays within the worksheet grid." */
  getCell(row: number, column: number): Range {
    return this._derive(`getCell(${row},${column})`, "Range.getCell", (r) => ({ r0: r.r0 + row, c0: r.c0 + column, r1: r.r0 + row, c1: r.c0 + column }));
  }

  getRow(row: number): Range {
    return this._derive(`getRow(${row})`, "Range.getRow", (r) => ({ ...r, r0: r.r0 + row, r1: r.r0 + row }));
  }

  getColumn(column: number): Range {
    return this._derive(`getColumn(${column})`, "Range.getColumn", (r) => ({ ...r, c0: r.c0 + column, c1: r.c0 + column }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._derive(`getResizedRange(${deltaRows},${deltaColumns})`, "Range.getResizedRange", (r) => ({ ...r, r1: r.r1 + deltaRows, c1: r.c1 + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._derive(`getOffsetRange(${rowOffset},${columnOffset})`, "Range.getOffsetRange", (r) => ({ r0: r.r0 + rowOffset, r1: r.r1 + rowOffset, c0: r.c0 + columnOffset, c1: r.c1 + columnOffset }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this._derive(`getAbsoluteResizedRange(${numRows},${numColumns})`, "Range.getAbsoluteResizedRange", (r) => ({ ...r, r1: r.r0 + numRows - 1, c1: r.c0 + numColumns - 1 }));
  }

  getLastRow(): Range {
    return this._derive("getLastRow()", "Range.getLastRow", (r) => ({ ...r, r0: r.r1 }));
  }

  /** The used cells within the range (ExcelApi 1.4); a null object when none of its cells is used. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this._instantiate(
      this._sub(Range, `getUsedRangeOrNullObject(${valuesOnly === true})`, (t): RangeTarget | null => {
        const rect = usedRect(t.sheet, valuesOnly === true, t.rect);
        return rect ? { sheet: t.sheet, rect } : null;
      }),
    );
  }

  getLastColumn(): Range {
    return this._derive("getLastColumn()", "Range.getLastColumn", (r) => ({ ...r, c0: r.c1 }));
  }

  getLastCell(): Range {
    return this._derive("getLastCell()", "Range.getLastCell", (r) => ({ r0: r.r1, c0: r.c1, r1: r.r1, c1: r.c1 }));
  }

  getEntireRow(): Range {
    return this._derive("getEntireRow()", "Range.getEntireRow", (r) => ({ ...r, c0: 0, c1: MAX_COLS - 1 }));
  }

  getEntireColumn(): Range {
    return this._derive("getEntireColumn()", "Range.getEntireColumn", (r) => ({ ...r, r0: 0, r1: MAX_ROWS - 1 }));
  }

  /** Merges the cells (each row separately with across=true); only the top-left value of each area is kept. */
  merge(across?: boolean): void {
    this._call("merge", [across], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "cells");
      const state = this._ctx._state;
      if (tablesOn(state, sheet).some((t) => intersects(t.rect, rect))) throw invalidOperation("Cells in a table can't be merged.");
      const areas = across ? Array.from({ length: rowsOf(rect) }, (_, i) => ({ ...rect, r0: rect.r0 + i, r1: rect.r0 + i })) : [rect];
      for (const area of areas) {
        if (cellsOf(area) === 1) continue;
        const near = mergesNear(sheet, area);
        if (near.some((m) => intersects(m, area) && !inside(m, area))) throw invalidOperation(`Range.merge: ${rectToA1(area)} partly overlaps an existing merged area.`);
        if (near.some((m) => inside(m, area))) sheet.merges = sheet.merges.filter((m) => !inside(m, area));
        for (let r = area.r0; r <= area.r1; r++) for (let c = area.c0; c <= area.c1; c++) if (r !== area.r0 || c !== area.c0) sheet.cells.delete(cellKey(r, c));
        addMerge(sheet, { ...area });
      }
    });
  }

  unmerge(): void {
    this._call("unmerge", [], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "cells");
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }

  /** applyTo "All" (default), "Contents" or "Formats" (clearing formats also unmerges, as in Excel). */
  clear(applyTo?: string): void {
    this._call("clear", [applyTo], () => {
      const { sheet, rect } = this._target();
      const what = applyTo ?? "All";
      if (!["All", "Contents", "Formats"].includes(what)) throw notModelled(`Range.clear("${what}")`);
      assertEditable(sheet, "cells");
      if (what !== "Formats") {
        if (cellsOf(rect) <= MATERIALIZE_LIMIT) {
          for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) sheet.cells.delete(cellKey(r, c));
        } else {
          for (const k of [...sheet.cells.keys()]) if (contains(rect, keyRow(k), keyCol(k))) sheet.cells.delete(k);
        }
        normalizeHeaders(this._ctx._state, sheet, rect);
      }
      if (what !== "Contents") {
        sheet.numberFormat.fill(rect, "General");
        for (const [key, store] of sheet.formats) if (!key.startsWith("dv.")) store.fill(rect, FORMAT_DEFAULTS[key]);
        sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
      }
    });
  }

  /**
   * Deletes the cells; only shift "Up" is modelled. Cells below (in the range's columns) move up.
   * Deleting rows of a table's body (across the table's full width) shrinks the table; anything
   * that would split a table or a merged area rejects, as Excel does.
   */
  delete(shift: string): void {
    if (shift !== "Up") throw notModelled(`Range.delete("${String(shift)}")`);
    this._call("delete", [shift], () => {
      const { sheet, rect } = this._target();
      const state = this._ctx._state;
      if (sheet.protection.protected) throw protectedSheet(sheet);
      if (isEntireColumn(rect)) throw notModelled("Range.delete of entire columns");
      const k = rowsOf(rect);
      for (const t of tablesOn(state, sheet)) {
        const colsOverlap = t.rect.c0 <= rect.c1 && rect.c0 <= t.rect.c1;
        if (!colsOverlap || t.rect.r1 < rect.r0) continue;
        const fullWidth = t.rect.c0 >= rect.c0 && t.rect.c1 <= rect.c1;
        if (!fullWidth) throw invalidOperation("This operation is not allowed: it would shift cells in a table.");
        if (t.rect.r0 > rect.r1) continue; // below: moves up with the cells
        if (rect.r0 > t.rect.r0 && rect.r1 <= t.rect.r1) {
          if (rowsOf(t.rect) - k < 2) throw notModelled("deleting every data row of a table with Range.delete (use clear)");
          continue;
        }
        if (inside(t.rect, rect)) continue; // the whole table goes
        throw invalidOperation("This operation is not allowed: it would delete part of a table's header or extend past it.");
      }
      for (const m of sheet.merges) {
        const colsOverlap = m.c0 <= rect.c1 && rect.c0 <= m.c1;
        if (!colsOverlap || m.r1 < rect.r0) continue;
        if (m.c0 < rect.c0 || m.c1 > rect.c1) throw new FakeOfficeError("MergedRangeConflict", "The operation would split a merged area.");
        if (m.r0 < rect.r0 && m.r1 >= rect.r0) throw new FakeOfficeError("MergedRangeConflict", "The operation would split a merged area.");
        if (m.r0 <= rect.r1 && m.r1 > rect.r1) throw new FakeOfficeError("MergedRangeConflict", "The operation would split a merged area.");
      }
      for (const t of [...tablesOn(state, sheet)]) {
        const colsOverlap = t.rect.c0 <= rect.c1 && rect.c0 <= t.rect.c1;
        if (!colsOverlap || t.rect.r1 < rect.r0) continue;
        if (inside(t.rect, rect)) {
          t.deleted = true;
          state.tables = state.tables.filter((x) => x !== t);
        } else if (t.rect.r0 > rect.r1) {
          t.rect = { ...t.rect, r0: t.rect.r0 - k, r1: t.rect.r1 - k };
        } else {
          t.rect = { ...t.rect, r1: t.rect.r1 - k };
        }
      }
      sheet.merges = sheet.merges
        .filter((m) => !(m.c0 >= rect.c0 && m.c1 <= rect.c1 && m.r0 >= rect.r0 && m.r1 <= rect.r1))
        .map((m) => (m.c0 >= rect.c0 && m.c1 <= rect.c1 && m.r0 > rect.r1 ? { ...m, r0: m.r0 - k, r1: m.r1 - k } : m));
      shiftCells(sheet, rect.c0, rect.c1, rect.r0, -k);
    });
  }

  /** Calculates the range's cells (ExcelApi 1.6): here, the custom-function cells among them. */
  calculate(): void {
    this._call("calculate", [], () => {
      const { sheet, rect } = this._target();
      this._ctx._state.calc.evaluateRect(sheet, rect);
    });
  }

  select(): void {
    this._call("select", [], () => {
      const { sheet, rect } = this._target();
      if (sheet.visibility !== "Visible") throw invalidOperation(`The worksheet '${sheet.name}' is hidden.`);
      this._ctx._state.active = sheet;
      sheet.selection = { ...rect };
    });
  }
}
defineClass(Range, {
  name: "Range",
  setOrder: ["numberFormat", "values", "formulas"],
  scalars: {
    /** Formula cells read as "" (formulas are not evaluated). */
    values: {
      get: (o) => {
        const { sheet, rect } = o._target();
        guardResponse(rect);
        return grid(rect, (r, c) => valueOf(sheet, r, c));
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        writeContents(o._ctx._state, sheet, rect, v, "Range.values");
      },
    },
    formulas: {
      get: (o) => {
        const { sheet, rect } = o._target();
        guardResponse(rect);
        return grid(rect, (r, c) => formulaOf(sheet, r, c));
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        writeContents(o._ctx._state, sheet, rect, v, "Range.formulas");
      },
    },
    numberFormat: {
      get: (o) => {
        const { sheet, rect } = o._target();
        guardResponse(rect);
        return grid(rect, (r, c) => sheet.numberFormat.get(r, c));
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        writeNumberFormat(sheet, rect, v, "Range.numberFormat");
      },
    },
    valueTypes: {
      get: (o) => {
        const { sheet, rect } = o._target();
        guardResponse(rect);
        return grid(rect, (r, c) => {
          const cell = sheet.cells.get(cellKey(r, c));
          if (!cell || cell.formula !== undefined) return "Empty";
          return typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String";
        });
      },
    },
    address: { get: (o) => `${quoteSheetName(o._target().sheet.name)}!${rectToA1(o._target().rect)}` },
    addressLocal: { get: (o) => `${quoteSheetName(o._target().sheet.name)}!${rectToA1(o._target().rect)}` },
    rowCount: { get: (o) => rowsOf(o._target().rect) },
    columnCount: { get: (o) => colsOf(o._target().rect) },
    cellCount: { get: (o) => cellsOf(o._target().rect) },
    rowIndex: { get: (o) => o._target().rect.r0 },
    columnIndex: { get: (o) => o._target().rect.c0 },
    isEntireColumn: { get: (o) => isEntireColumn(o._target().rect) },
    isEntireRow: { get: (o) => isEntireRow(o._target().rect) },
  },
  navs: { format: () => RangeFormat, dataValidation: () => DataValidation, worksheet: () => Worksheet, conditionalFormats: () => ConditionalFormatCollection },
});

// ---------------------------------------------------------------------------------------------------
// Range formats

const NAMED_COLORS: Record<string, string> = {
  black: "#000000", white: "#FFFFFF", red: "#FF0000", green: "#008000", blue: "#0000FF", yellow: "#FFFF00", orange: "#FFA500", gray: "#808080", grey: "#808080",
  silver: "#C0C0C0", purple: "#800080", navy: "#000080", lime: "#00FF00", aqua: "#00FFFF", cyan: "#00FFFF", fuchsia: "#FF00FF", magenta: "#FF00FF", maroon: "#800000",
  olive: "#808000", teal: "#008080",
};

function normalizeColor(v: unknown, where: string): string {
  if (typeof v !== "string") throw invalidArgument(`${where} must be a color string.`);
  const s = v.trim();
  if (/^#[0-9a-f]{6}$/i.test(s)) return s.toUpperCase();
  if (/^#[0-9a-f]{3}$/i.test(s)) return `#${[...s.slice(1)].map((ch) => ch + ch).join("")}`.toUpperCase();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  throw notModelled(`the color '${v}' in ${where} (use #RRGGBB or a basic HTML color name)`);
}

function checkColor(where: string) {
  return (v: unknown): void => {
    normalizeColor(v, where);
  };
}

function formatScalar<O extends FakeObject<RangeTarget>>(key: string, kind: "formatCells", normalize: (v: unknown) => unknown, check?: (v: unknown) => void): ScalarDef<O> {
  return {
    get: (o) => {
      const { sheet, rect } = o._target();
      return uniformFormat(sheet, key, rect);
    },
    set: (o, v) => {
      const { sheet, rect } = o._target();
      assertEditable(sheet, kind);
      formatStore(sheet, key).fill(rect, normalize(v));
    },
    check,
  };
}

const oneOf = (what: string, allowed: string[]) => (v: unknown): string => {
  if (typeof v !== "string" || !allowed.includes(v)) throw invalidArgument(`${what} '${String(v)}' (allowed: ${allowed.join(", ")}).`);
  return v;
};

function uniformIndexed(map: Map<number, number>, fallback: number, from: number, to: number): number | null {
  let count = 0;
  let value: number | undefined;
  for (const [i, w] of map) {
    if (i < from || i > to) continue;
    count++;
    if (value === undefined) value = w;
    else if (value !== w) return null;
  }
  if (count === 0) return fallback;
  if (count === to - from + 1) return value ?? fallback;
  return value === fallback ? fallback : null;
}

class RangeFormat extends FakeObject<RangeTarget> {
  override _makeNav(name: string): FakeObject {
    switch (name) {
      case "font":
        return this._sub(RangeFont, "font", (t) => t);
      case "fill":
        return this._sub(RangeFill, "fill", (t) => t);
      case "borders":
        return this._sub(RangeBorderCollection, "borders", (t) => t);
    }
    return super._makeNav(name);
  }

  /** Sets each column of the range to fit its longest displayed text (approximated from character counts). */
  autofitColumns(): void {
    this._call("autofitColumns", [], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "formatColumns");
      const used = usedRect(sheet, true);
      if (!used) return;
      const r0 = Math.max(rect.r0, used.r0);
      const r1 = Math.min(rect.r1, used.r1);
      for (let c = Math.max(rect.c0, used.c0); c <= Math.min(rect.c1, used.c1); c++) {
        let best = 0;
        for (let r = r0; r <= r1; r++) {
          if (mergesNear(sheet, { r0: r, r1: r, c0: c, c1: c }).some((m) => contains(m, r, c) && cellsOf(m) > 1)) continue;
          const text = displayText(sheet.cells.get(cellKey(r, c)));
          if (text === "") continue;
          const size = Number(formatAt(sheet, "font.size", r, c)) || 11;
          const units = Math.max(...text.split("\n").map(textUnits));
          best = Math.max(best, Math.round((units * 5.25 * (size / 11) + 5.25) * 100) / 100);
        }
        if (best > 0) sheet.columnWidths.set(c, Math.min(best, 1789));
      }
    });
  }

  autofitRows(): void {
    this._call("autofitRows", [], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "formatRows");
      const used = usedRect(sheet, true);
      if (!used) return;
      for (let r = Math.max(rect.r0, used.r0); r <= Math.min(rect.r1, used.r1); r++) {
        let best = 0;
        for (let c = Math.max(rect.c0, used.c0); c <= Math.min(rect.c1, used.c1); c++) {
          const text = displayText(sheet.cells.get(cellKey(r, c)));
          const size = Number(formatAt(sheet, "font.size", r, c)) || 11;
          best = Math.max(best, text.split("\n").length * DEFAULT_ROW_HEIGHT * (size / 11));
        }
        sheet.rowHeights.set(r, best || DEFAULT_ROW_HEIGHT);
      }
    });
  }
}
defineClass(RangeFormat, {
  name: "RangeFormat",
  scalars: {
    columnWidth: {
      get: (o) => {
        const { sheet, rect } = o._target();
        return uniformIndexed(sheet.columnWidths, sheet.defaultColumnWidth, rect.c0, rect.c1);
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        assertEditable(sheet, "formatColumns");
        if (typeof v !== "number" || !(v >= 0) || v > 1789) throw invalidArgument("RangeFormat.columnWidth must be between 0 and 1789 points.");
        if (isEntireRow(rect)) {
          sheet.columnWidths.clear();
          sheet.defaultColumnWidth = v;
        } else {
          for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, v);
        }
      },
    },
    rowHeight: {
      get: (o) => {
        const { sheet, rect } = o._target();
        return uniformIndexed(sheet.rowHeights, sheet.defaultRowHeight, rect.r0, rect.r1);
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        assertEditable(sheet, "formatRows");
        if (typeof v !== "number" || !(v >= 0) || v > 409) throw invalidArgument("RangeFormat.rowHeight must be between 0 and 409 points.");
        if (isEntireColumn(rect)) {
          sheet.rowHeights.clear();
          sheet.defaultRowHeight = v;
        } else {
          for (let r = rect.r0; r <= rect.r1; r++) sheet.rowHeights.set(r, v);
        }
      },
    },
    wrapText: formatScalar("wrapText", "formatCells", booleanValue("RangeFormat.wrapText")),
    horizontalAlignment: formatScalar(
      "horizontalAlignment",
      "formatCells",
      oneOf("RangeFormat.horizontalAlignment", ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"]),
    ),
    verticalAlignment: formatScalar("verticalAlignment", "formatCells", oneOf("RangeFormat.verticalAlignment", ["Top", "Center", "Bottom", "Justify", "Distributed"])),
  },
  navs: { font: () => RangeFont, fill: () => RangeFill, borders: () => RangeBorderCollection },
});

class RangeFont extends FakeObject<RangeTarget> {}
defineClass(RangeFont, {
  name: "RangeFont",
  scalars: {
    bold: formatScalar("font.bold", "formatCells", booleanValue("RangeFont.bold")),
    italic: formatScalar("font.italic", "formatCells", booleanValue("RangeFont.italic")),
    strikethrough: formatScalar("font.strikethrough", "formatCells", booleanValue("RangeFont.strikethrough")),
    size: formatScalar("font.size", "formatCells", (v) => {
      if (typeof v !== "number" || v < 1 || v > 409) throw invalidArgument("RangeFont.size must be between 1 and 409.");
      return v;
    }),
    name: formatScalar("font.name", "formatCells", (v) => {
      if (typeof v !== "string" || v.trim() === "") throw invalidArgument("RangeFont.name must be a font name.");
      return v;
    }),
    color: formatScalar("font.color", "formatCells", (v) => normalizeColor(v, "RangeFont.color"), checkColor("RangeFont.color")),
    underline: formatScalar("font.underline", "formatCells", oneOf("RangeFont.underline", ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"])),
  },
});

class RangeFill extends FakeObject<RangeTarget> {
  clear(): void {
    this._call("clear", [], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "formatCells");
      formatStore(sheet, "fill.color").fill(rect, FORMAT_DEFAULTS["fill.color"]);
    });
  }
}
defineClass(RangeFill, {
  name: "RangeFill",
  scalars: { color: formatScalar("fill.color", "formatCells", (v) => normalizeColor(v, "RangeFill.color"), checkColor("RangeFill.color")) },
});

type BorderPart = { rect: Rect; side: (typeof BORDER_SIDES)[number] };
const BORDER_INDEXES: Record<string, (r: Rect) => BorderPart[]> = {
  EdgeTop: (r) => [{ rect: { ...r, r1: r.r0 }, side: "top" }],
  EdgeBottom: (r) => [{ rect: { ...r, r0: r.r1 }, side: "bottom" }],
  EdgeLeft: (r) => [{ rect: { ...r, c1: r.c0 }, side: "left" }],
  EdgeRight: (r) => [{ rect: { ...r, c0: r.c1 }, side: "right" }],
  InsideHorizontal: (r) => (r.r1 > r.r0 ? [{ rect: { ...r, r1: r.r1 - 1 }, side: "bottom" }] : []),
  InsideVertical: (r) => (r.c1 > r.c0 ? [{ rect: { ...r, c1: r.c1 - 1 }, side: "right" }] : []),
  DiagonalDown: (r) => [{ rect: r, side: "diagDown" }],
  DiagonalUp: (r) => [{ rect: r, side: "diagUp" }],
};

interface BorderTarget extends RangeTarget {
  index: string;
}

class RangeBorderCollection extends FakeObject<RangeTarget> {
  getItem(index: string): RangeBorder {
    if (!(index in BORDER_INDEXES)) throw invalidArgument(`RangeBorderCollection.getItem('${index}'): not a BorderIndex.`);
    return this._sub(RangeBorder, `getItem(${JSON.stringify(index)})`, (t): BorderTarget => ({ ...t, index }));
  }
}
defineClass(RangeBorderCollection, { name: "RangeBorderCollection" });

function borderScalar(prop: "style" | "color" | "weight", normalize: (v: unknown) => unknown, check?: (v: unknown) => void): ScalarDef<RangeBorder> {
  return {
    get: (o) => {
      const t = o._target();
      const values = BORDER_INDEXES[t.index](t.rect).map((p) => uniformFormat(t.sheet, `border.${p.side}.${prop}`, p.rect));
      if (values.length === 0) return clonePlain(FORMAT_DEFAULTS[`border.top.${prop}`]);
      return values.every((v) => sameValue(v, values[0])) ? values[0] : null;
    },
    set: (o, v) => {
      const t = o._target();
      assertEditable(t.sheet, "formatCells");
      const value = normalize(v);
      for (const p of BORDER_INDEXES[t.index](t.rect)) formatStore(t.sheet, `border.${p.side}.${prop}`).fill(p.rect, value);
    },
    check,
  };
}

class RangeBorder extends FakeObject<BorderTarget> {}
defineClass(RangeBorder, {
  name: "RangeBorder",
  scalars: {
    sideIndex: { get: (o) => o._target().index },
    style: borderScalar("style", oneOf("RangeBorder.style", ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"])),
    color: borderScalar("color", (v) => normalizeColor(v, "RangeBorder.color"), checkColor("RangeBorder.color")),
    weight: borderScalar("weight", oneOf("RangeBorder.weight", ["Hairline", "Thin", "Medium", "Thick"])),
  },
});

// ---------------------------------------------------------------------------------------------------
// Data validation

const RULE_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};

/** "A data validation rule contains different types of data validation. You can only use one of them at a time." */
function normalizeRule(rule: unknown): Record<string, unknown> {
  if (!isPlainObject(rule)) throw invalidArgument("DataValidation.rule must be a DataValidationRule object.");
  const keys = Object.keys(rule).filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (keys.length !== 1 || !(keys[0] in RULE_TYPES)) throw invalidArgument(`DataValidation.rule must have exactly one of ${Object.keys(RULE_TYPES).join(", ")} (got ${keys.join(", ") || "none"}).`);
  const type = keys[0];
  const criteria = rule[type];
  if (!isPlainObject(criteria)) throw invalidArgument(`DataValidation.rule.${type} must be an object.`);
  if (type === "list") {
    let source = criteria.source;
    if (source instanceof FakeObject) {
      const t = (source as Range)._target();
      source = `=${quoteSheetName(t.sheet.name)}!${rectToA1(t.rect, true)}`;
    }
    if (typeof source !== "string" || source === "") throw invalidArgument("ListDataValidation.source must be a non-empty string or a Range.");
    if (!source.startsWith("=") && source.length > LIST_SOURCE_LIMIT) {
      throw invalidArgument(`ListDataValidation.source: a literal list is limited to ${LIST_SOURCE_LIMIT} characters (got ${source.length}); use a range reference.`);
    }
    const inCellDropDown = criteria.inCellDropDown ?? true;
    if (typeof inCellDropDown !== "boolean") throw invalidArgument("ListDataValidation.inCellDropDown must be a boolean.");
    return { list: { inCellDropDown, source } };
  }
  if (type === "custom") {
    if (typeof criteria.formula !== "string") throw invalidArgument("CustomDataValidation.formula must be a string.");
    return { custom: { formula: criteria.formula } };
  }
  if (typeof criteria.operator !== "string") throw invalidArgument(`DataValidation.rule.${type}.operator is required.`);
  return { [type]: clonePlain(captureArg(criteria) as Record<string, unknown>) };
}

function dvScalar(key: string, normalize: (v: unknown) => unknown, merge = false): ScalarDef<DataValidation> {
  return {
    get: (o) => {
      const { sheet, rect } = o._target();
      return uniformFormat(sheet, key, rect);
    },
    set: (o, v) => {
      const { sheet, rect } = o._target();
      assertEditable(sheet, "cells");
      const value = merge && isPlainObject(v) ? { ...(FORMAT_DEFAULTS[key] as object), ...normalize(v) as object } : normalize(v);
      formatStore(sheet, key).fill(rect, value);
    },
  };
}

class DataValidation extends FakeObject<RangeTarget> {
  clear(): void {
    this._call("clear", [], () => {
      const { sheet, rect } = this._target();
      assertEditable(sheet, "cells");
      for (const key of ["dv.rule", "dv.ignoreBlanks", "dv.prompt", "dv.errorAlert"]) formatStore(sheet, key).fill(rect, FORMAT_DEFAULTS[key]);
    });
  }
}
defineClass(DataValidation, {
  name: "DataValidation",
  scalars: {
    rule: {
      /** {} when the range has no validation, null when its cells differ. */
      get: (o) => {
        const { sheet, rect } = o._target();
        const store = sheet.formats.get("dv.rule");
        if (!store) return {};
        const u = store.uniform(rect, "dv.rule");
        if (!u) return null;
        return u.value === null ? {} : clonePlain(u.value);
      },
      set: (o, v) => {
        const { sheet, rect } = o._target();
        assertEditable(sheet, "cells");
        formatStore(sheet, "dv.rule").fill(rect, normalizeRule(v));
      },
    },
    type: {
      get: (o) => {
        const { sheet, rect } = o._target();
        const store = sheet.formats.get("dv.rule");
        if (!store) return "None";
        const u = store.uniform(rect, "dv.rule");
        if (!u) return "Inconsistent";
        return u.value === null ? "None" : RULE_TYPES[Object.keys(u.value as object)[0]];
      },
    },
    ignoreBlanks: dvScalar("dv.ignoreBlanks", booleanValue("DataValidation.ignoreBlanks")),
    prompt: dvScalar(
      "dv.prompt",
      (v) => {
        if (!isPlainObject(v)) throw invalidArgument("DataValidation.prompt must be an object.");
        return clonePlain(v);
      },
      true,
    ),
    errorAlert: dvScalar(
      "dv.errorAlert",
      (v) => {
        if (!isPlainObject(v)) throw invalidArgument("DataValidation.errorAlert must be an object.");
        return clonePlain(v);
      },
      true,
    ),
  },
});

// ---------------------------------------------------------------------------------------------------
// Tables

interface TableScope {
  state: WorkbookState;
  sheet?: SheetEntity;
}

const TABLE_STYLE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

function validateTableName(state: WorkbookState, name: unknown, self?: TableEntity): string {
  const valid =
    typeof name === "string" &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  if (!valid) {
    throw invalidArgument(`'${String(name)}' is not a valid table name: start with a letter or underscore, use only letters, digits, "_" and ".", no spaces, and don't look like a cell reference.`);
  }
  const clash = state.tables.find((t) => t !== self && t.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new FakeOfficeError("ItemAlreadyExists", `A table named '${name}' already exists in the workbook.`);
  return name;
}

class TableCollection extends FakeCollection<TableScope, TableEntity> {
  override _alive(scope: TableScope): boolean {
    return !scope.sheet?.deleted;
  }

  _itemEntities(scope: TableScope): TableEntity[] {
    return scope.state.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet);
  }

  _makeItem(table: TableEntity): FakeObject {
    return wrap(childOf(this, new Table(this._ctx, `${this._path}.getItem(${JSON.stringify(table.name)})`, () => table)._preset(table), `getItem(${JSON.stringify(table.name)})`));
  }

  getItem(key: string): Table {
    return this._sub(Table, `getItem(${JSON.stringify(key)})`, (scope) => {
      const t = typeof key === "string" ? scope.state.findTable(key, scope.sheet) : undefined;
      if (!t) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: table '${String(key)}'.`);
      return t;
    });
  }

  getItemOrNullObject(key: string): Table {
    return this._instantiate(this._sub(Table, `getItemOrNullObject(${JSON.stringify(key)})`, (scope) => (typeof key === "string" ? scope.state.findTable(key, scope.sheet) ?? null : null)));
  }

  getItemAt(index: number): Table {
    return this._sub(Table, `getItemAt(${index})`, (scope) => {
      const t = this._itemEntities(scope)[index];
      if (!t) throw invalidArgument(`TableCollection.getItemAt(${index}) is out of range.`);
      return t;
    });
  }

  getCount(): ClientResult<number> {
    return clientResult(this, "getCount", [], () => this._itemEntities(this._target()).length);
  }

  /**
   * Creates a table (hasHeaders=true only). A header-only range gets one empty data row, as in Excel.
   * Fails when the range overlaps another table or a merged area, or the sheet is protected.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    if (hasHeaders !== true) throw notModelled("TableCollection.add with hasHeaders=false");
    let created: TableEntity | undefined;
    const table = this._sub(Table, `add(${JSON.stringify(address instanceof FakeObject ? address._path : address)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The table from tables.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [address, hasHeaders], () => {
      const scope = this._target();
      const state = scope.state;
      let sheet: SheetEntity;
      let rect: Rect;
      if (address instanceof FakeObject) {
        const t = (address as Range)._target();
        sheet = t.sheet;
        rect = t.rect;
      } else {
        const parsed = parseAddress(address, "TableCollection.add");
        if (scope.sheet) {
          if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== scope.sheet.name.toLowerCase()) throw invalidArgument("TableCollection.add: the address is on another worksheet.");
          sheet = scope.sheet;
        } else {
          const found = parsed.sheet !== undefined ? state.findSheet(parsed.sheet) : state.active;
          if (!found) throw new FakeOfficeError("ItemNotFound", `TableCollection.add: no worksheet '${parsed.sheet ?? "(active)"}'.`);
          sheet = found;
        }
        rect = parsed.rect;
      }
      if (scope.sheet && sheet !== scope.sheet) throw invalidArgument("TableCollection.add: the range is on another worksheet.");
      if (isEntireColumn(rect) || isEntireRow(rect)) throw notModelled("a table over entire rows or columns");
      assertEditable(sheet, "cells");
      if (rect.r0 === rect.r1) rect = checkRect({ ...rect, r1: rect.r0 + 1 }, "TableCollection.add");
      if (tablesOn(state, sheet).some((t) => intersects(t.rect, rect))) throw invalidArgument("A table can't overlap another table.");
      if (sheet.merges.some((m) => intersects(m, rect))) throw invalidOperation("A table can't contain merged cells.");
      created = { id: state.newTableId(), name: state.defaultTableName(), sheet, rect, style: "TableStyleMedium2", deleted: false };
      state.tables.push(created);
      normalizeHeaders(state, sheet, rect);
      table._preset(created);
    });
    return table;
  }
}
defineClass(TableCollection, {
  name: "TableCollection",
  item: () => Table,
  scalars: { count: { get: (o) => o._itemEntities(o._target()).length } },
});

const bodyRect = (t: TableEntity): Rect => ({ ...t.rect, r0: t.rect.r0 + 1 });
const headerRect = (t: TableEntity): Rect => ({ ...t.rect, r1: t.rect.r0 });

function rowIsEmpty(sheet: SheetEntity, r: number, c0: number, c1: number): boolean {
  for (let c = c0; c <= c1; c++) if (sheet.cells.has(cellKey(r, c))) return false;
  return true;
}

/** Inserts k rows at `at` into table t: cells below, in the table's columns, move down; the new rows take the formats of the row next to them. */
function insertTableRows(state: WorkbookState, t: TableEntity, at: number, k: number): void {
  const sheet = t.sheet;
  const { c0, c1 } = t.rect;
  for (const other of tablesOn(state, sheet)) {
    if (other === t || other.rect.r1 < at || other.rect.c1 < c0 || other.rect.c0 > c1) continue;
    if (other.rect.c0 < c0 || other.rect.c1 > c1) throw invalidOperation(`This operation is not allowed: it would shift cells of table '${other.name}'.`);
  }
  for (const m of sheet.merges) {
    if (m.r1 < at || m.c1 < c0 || m.c0 > c1) continue;
    if (m.c0 < c0 || m.c1 > c1 || m.r0 < at) throw new FakeOfficeError("MergedRangeConflict", "Inserting table rows would split a merged area.");
  }
  for (const key of sheet.cells.keys()) {
    const c = keyCol(key);
    if (c >= c0 && c <= c1 && keyRow(key) + k >= MAX_ROWS) throw new FakeOfficeError("NonBlankCellOffSheet", "Inserting rows would push non-empty cells off the worksheet.");
  }
  shiftCells(sheet, c0, c1, at, k);
  sheet.merges = sheet.merges.map((m) => (m.r0 >= at && m.c0 >= c0 && m.c1 <= c1 ? { ...m, r0: m.r0 + k, r1: m.r1 + k } : m));
  for (const other of tablesOn(state, sheet)) if (other !== t && other.rect.r0 >= at && other.rect.c0 >= c0 && other.rect.c1 <= c1) other.rect = { ...other.rect, r0: other.rect.r0 + k, r1: other.rect.r1 + k };
  t.rect = { ...t.rect, r1: t.rect.r1 + k };
  const source = at - 1 > t.rect.r0 ? at - 1 : at + k <= t.rect.r1 ? at + k : -1;
  if (source < 0) return;
  for (let c = c0; c <= c1; c++) {
    const nf = sheet.numberFormat.get(source, c);
    for (let r = at; r < at + k; r++) if (sheet.numberFormat.get(r, c) !== nf) sheet.numberFormat.setCell(r, c, nf);
    for (const store of sheet.formats.values()) {
      const v = store.get(source, c);
      for (let r = at; r < at + k; r++) if (!sameValue(store.get(r, c), v)) store.setCell(r, c, v);
    }
  }
}

class Table extends FakeObject<TableEntity> {
  override _alive(t: TableEntity): boolean {
    return !t.deleted && !t.sheet.deleted;
  }

  override _makeNav(name: string): FakeObject {
    switch (name) {
      case "worksheet":
        return this._sub(Worksheet, "worksheet", (t) => t.sheet);
      case "rows":
        return this._sub(TableRowCollection, "rows", (t) => t);
      case "columns":
        return this._sub(TableColumnCollection, "columns", (t) => t);
      case "autoFilter":
        return this._sub(AutoFilter, "autoFilter", (t) => t);
    }
    return super._makeNav(name);
  }

  getRange(): Range {
    return this._sub(Range, "getRange()", (t): RangeTarget => ({ sheet: t.sheet, rect: { ...t.rect } }));
  }

  getHeaderRowRange(): Range {
    return this._sub(Range, "getHeaderRowRange()", (t): RangeTarget => ({ sheet: t.sheet, rect: headerRect(t) }));
  }

  /** A table always has at least one data row (an empty one right after tables.add of a header-only range). */
  getDataBodyRange(): Range {
    return this._sub(Range, "getDataBodyRange()", (t): RangeTarget => ({ sheet: t.sheet, rect: bodyRect(t) }));
  }

  /** Deletes the table and its contents (use convertToRange to keep the cells). */
  delete(): void {
    this._call("delete", [], () => {
      const t = this._target();
      const state = this._ctx._state;
      assertEditable(t.sheet, "cells");
      for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.cells.delete(cellKey(r, c));
      t.deleted = true;
      state.tables = state.tables.filter((x) => x !== t);
    });
  }

  /**
   * Table.resize (ExcelApi 1.13): the table over newRange; its header stays in the same row and the new
   * range overlaps the old. No cells move; the clerk's filter stays (new rows are not filtered until reapplied).
   */
  resize(newRange: string | Range): void {
    this._call("resize", [newRange], () => {
      const t = this._target();
      let rect: Rect | null;
      let sameSheet: boolean;
      if (typeof newRange === "string") {
        const { sheet: named, ref } = splitSheetPrefix(newRange);
        rect = parseRef(ref);
        sameSheet = named === undefined || named.toLowerCase() === t.sheet.name.toLowerCase();
      } else {
        const target = newRange._target();
        rect = target.rect;
        sameSheet = target.sheet === t.sheet;
      }
      if (!rect || !sameSheet) throw invalidArgument(`Table.resize(${String(newRange)}): not a range of the table's sheet.`);
      const r = rect;
      if (r.r0 !== t.rect.r0 || r.r1 < t.rect.r0 + 1 || r.c1 < t.rect.c0 || r.c0 > t.rect.c1) throw invalidArgument(`Table.resize: the header must stay in row ${t.rect.r0 + 1} and the ranges overlap.`);
      const other = this._ctx._state.tables.find((x) => x !== t && x.sheet === t.sheet && !(x.rect.r1 < r.r0 || x.rect.r0 > r.r1 || x.rect.c1 < r.c0 || x.rect.c0 > r.c1));
      if (other) throw invalidArgument(`Table.resize would overlap table '${other.name}'.`);
      assertEditable(t.sheet, "cells");
      t.rect = r;
    });
  }

  convertToRange(): Range {
    let rect: Rect | undefined;
    const range = this._sub(Range, "convertToRange()", (t): RangeTarget => ({ sheet: t.sheet, rect: rect ?? { ...t.rect } }));
    this._call("convertToRange", [], () => {
      const t = this._target();
      assertEditable(t.sheet, "cells");
      rect = { ...t.rect };
      range._preset({ sheet: t.sheet, rect });
      t.deleted = true;
      this._ctx._state.tables = this._ctx._state.tables.filter((x) => x !== t);
    });
    return range;
  }
}
defineClass(Table, {
  name: "Table",
  scalars: {
    name: {
      get: (o) => o._target().name,
      set: (o, v) => {
        const t = o._target();
        t.name = validateTableName(o._ctx._state, v, t);
      },
    },
    id: { get: (o) => o._target().id },
    style: {
      get: (o) => o._target().style,
      set: (o, v) => {
        if (typeof v !== "string" || (v !== "" && !TABLE_STYLE.test(v))) throw invalidArgument(`Table.style '${String(v)}' is not a built-in table style.`);
        o._target().style = v;
      },
    },
    showHeaders: {
      get: () => true,
      check: (v) => {
        if (v !== true) throw notModelled("hiding a table's header row (Table.showHeaders = false)");
      },
      set: () => undefined,
    },
    showTotals: {
      get: () => false,
      check: (v) => {
        if (v !== false) throw notModelled("a table's totals row (Table.showTotals = true)");
      },
      set: () => undefined,
    },
  },
  navs: { worksheet: () => Worksheet, rows: () => TableRowCollection, columns: () => TableColumnCollection, autoFilter: () => AutoFilter },
});

/** A table's AutoFilter (ExcelApi 1.9): whether the clerk's filter is on; clearing its criteria shows every row. */
class AutoFilter extends FakeObject<TableEntity> {
  clearCriteria(): void {
    this._call("clearCriteria", [], () => {
      this._target().filtered = false;
    });
  }
}
defineClass(AutoFilter, {
  name: "AutoFilter",
  scalars: { enabled: { get: () => true }, isDataFiltered: { get: (o) => o._target().filtered === true } },
});

interface TableRowTarget {
  table: TableEntity;
  index: number;
}

class TableRowCollection extends FakeCollection<TableEntity, TableRowTarget> {
  override _alive(t: TableEntity): boolean {
    return !t.deleted && !t.sheet.deleted;
  }

  _itemEntities(t: TableEntity): TableRowTarget[] {
    return Array.from({ length: rowsOf(bodyRect(t)) }, (_, index) => ({ table: t, index }));
  }

  _makeItem(row: TableRowTarget): FakeObject {
    return wrap(childOf(this, new TableRow(this._ctx, `${this._path}.getItemAt(${row.index})`, () => row)._preset(row), `getItemAt(${row.index})`));
  }

  getItemAt(index: number): TableRow {
    return this._sub(TableRow, `getItemAt(${index})`, (t): TableRowTarget => {
      if (!Number.isInteger(index) || index < 0 || index >= rowsOf(bodyRect(t))) throw invalidArgument(`TableRowCollection.getItemAt(${index}) is out of range.`);
      return { table: t, index };
    });
  }

  getCount(): ClientResult<number> {
    return clientResult(this, "getCount", [], () => rowsOf(bodyRect(this._target())));
  }

  /**
   * Adds rows (at the end when index is null/undefined/-1). `values` is 2-D and each row must be as
   * wide as the table. When the table's only data row is the empty row Excel leaves after tables.add,
   * the first added row fills it. New rows take the number formats of the neighbouring data row.
   */
  add(index?: number | null, values?: unknown, alwaysInsert?: boolean): TableRow {
    if (alwaysInsert === false) throw notModelled("TableRowCollection.add with alwaysInsert=false");
    let created: TableRowTarget | undefined;
    const row = this._sub(TableRow, `add(${JSON.stringify(index ?? null)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The row from rows.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [index, values, alwaysInsert], () => {
      const t = this._target();
      const state = this._ctx._state;
      const sheet = t.sheet;
      if (sheet.protection.protected) throw protectedSheet(sheet);
      // Excel does not insert rows into a filtered table (the reference says so of deleteRows; the UI greys out Insert).
      if (t.filtered) throw new FakeOfficeError("InsertDeleteConflict", `The insert or delete operation attempted resulted in a conflict: table '${t.name}' has a filter applied.`);
      const width = colsOf(t.rect);
      let rows: unknown[][];
      if (values === undefined || values === null) rows = [Array.from({ length: width }, () => "")];
      else if (!Array.isArray(values)) rows = [Array.from({ length: width }, () => values)];
      else {
        if (values.length === 0 || !values.every((r) => Array.isArray(r) && r.length === width)) {
          throw invalidArgument(`TableRowCollection.add: each row of values must have exactly ${width} values (the table's column count).`);
        }
        rows = values as unknown[][];
      }
      const count = rowsOf(bodyRect(t));
      const end = index === undefined || index === null || index === -1;
      if (!end && (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > count)) throw invalidArgument(`TableRowCollection.add: index ${String(index)} is out of range.`);
      const position = end ? count : (index as number);
      const placeholder = count === 1 && position <= 1 && rowIsEmpty(sheet, t.rect.r0 + 1, t.rect.c0, t.rect.c1);
      const first = placeholder ? t.rect.r0 + 1 : t.rect.r0 + 1 + position;
      const toInsert = placeholder ? rows.length - 1 : rows.length;
      if (toInsert > 0) insertTableRows(state, t, placeholder ? first + 1 : first, toInsert);
      writeContents(state, sheet, { r0: first, r1: first + rows.length - 1, c0: t.rect.c0, c1: t.rect.c1 }, rows, "TableRowCollection.add");
      created = { table: t, index: first - t.rect.r0 - 1 };
      row._preset(created);
    });
    return row;
  }
}
defineClass(TableRowCollection, {
  name: "TableRowCollection",
  item: () => TableRow,
  scalars: { count: { get: (o) => rowsOf(bodyRect(o._target())) } },
});

function tableRowRect(row: TableRowTarget): Rect {
  const r = row.table.rect.r0 + 1 + row.index;
  if (r > row.table.rect.r1) throw new FakeOfficeError("ItemNotFound", `Table row ${row.index} no longer exists.`);
  return { ...row.table.rect, r0: r, r1: r };
}

class TableRow extends FakeObject<TableRowTarget> {
  override _alive(row: TableRowTarget): boolean {
    return !row.table.deleted && !row.table.sheet.deleted;
  }

  getRange(): Range {
    return this._sub(Range, "getRange()", (row): RangeTarget => ({ sheet: row.table.sheet, rect: tableRowRect(row) }));
  }
}
defineClass(TableRow, {
  name: "TableRow",
  scalars: {
    index: { get: (o) => o._target().index },
    values: {
      get: (o) => {
        const row = o._target();
        const rect = tableRowRect(row);
        return grid(rect, (r, c) => valueOf(row.table.sheet, r, c));
      },
      set: (o, v) => {
        const row = o._target();
        writeContents(o._ctx._state, row.table.sheet, tableRowRect(row), v, "TableRow.values");
      },
    },
  },
});

interface TableColumnTarget {
  table: TableEntity;
  index: number;
}

function tableColumnRect(col: TableColumnTarget): Rect {
  const c = col.table.rect.c0 + col.index;
  if (c > col.table.rect.c1) throw new FakeOfficeError("ItemNotFound", `Table column ${col.index} no longer exists.`);
  return { ...col.table.rect, c0: c, c1: c };
}

class TableColumnCollection extends FakeCollection<TableEntity, TableColumnTarget> {
  override _alive(t: TableEntity): boolean {
    return !t.deleted && !t.sheet.deleted;
  }

  _itemEntities(t: TableEntity): TableColumnTarget[] {
    return Array.from({ length: colsOf(t.rect) }, (_, index) => ({ table: t, index }));
  }

  _makeItem(col: TableColumnTarget): FakeObject {
    return wrap(childOf(this, new TableColumn(this._ctx, `${this._path}.getItemAt(${col.index})`, () => col)._preset(col), `getItemAt(${col.index})`));
  }

  getItemAt(index: number): TableColumn {
    return this._sub(TableColumn, `getItemAt(${index})`, (t): TableColumnTarget => {
      if (!Number.isInteger(index) || index < 0 || index >= colsOf(t.rect)) throw invalidArgument(`TableColumnCollection.getItemAt(${index}) is out of range.`);
      return { table: t, index };
    });
  }

  private _find(t: TableEntity, key: number | string): TableColumnTarget | null {
    for (let i = 0; i < colsOf(t.rect); i++) {
      const name = String(valueOf(t.sheet, t.rect.r0, t.rect.c0 + i));
      if (String(i + 1) === String(key) || (typeof key === "string" && name.toLowerCase() === key.toLowerCase())) return { table: t, index: i };
    }
    return null;
  }

  getItem(key: number | string): TableColumn {
    return this._sub(TableColumn, `getItem(${JSON.stringify(key)})`, (t) => {
      const col = this._find(t, key);
      if (!col) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: table column '${String(key)}'.`);
      return col;
    });
  }

  getItemOrNullObject(key: number | string): TableColumn {
    return this._instantiate(this._sub(TableColumn, `getItemOrNullObject(${JSON.stringify(key)})`, (t) => this._find(t, key)));
  }

  getCount(): ClientResult<number> {
    return clientResult(this, "getCount", [], () => colsOf(this._target().rect));
  }

  /**
   * Adds a column at the table's right end (index null, undefined or -1, or the column count; an index
   * inside the table is not modelled). `values` is 2-D, one row for the header and each data row, one
   * value wide (or one value for every cell); `name`, when given, is the header. Written like typing:
   * the new cells take the formats of the column to their left, so "=x" becomes a formula unless that
   * format is text. Header names stay unique (a repeat becomes Name2, as in Excel). Cells right of the
   * table in its rows must be empty (what Excel does with them is not modelled).
   */
  add(index?: number | null, values?: unknown, name?: string | null): TableColumn {
    let created: TableColumnTarget | undefined;
    const column = this._sub(TableColumn, `add(${JSON.stringify(index ?? null)})`, () => {
      if (!created) throw new FakeOfficeError("InvalidObjectPath", "The column from columns.add() was never created (its batch failed).");
      return created;
    });
    this._call("add", [index, values, name], () => {
      const t = this._target();
      const state = this._ctx._state;
      const sheet = t.sheet;
      const width = colsOf(t.rect);
      const end = index === undefined || index === null || index === -1 || index === width;
      if (!end) {
        if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > width) throw invalidArgument(`TableColumnCollection.add: index ${String(index)} is out of range.`);
        throw notModelled("TableColumnCollection.add with an index inside the table");
      }
      if (name !== undefined && name !== null && typeof name !== "string") throw invalidArgument("TableColumnCollection.add: the name must be a string.");
      const height = rowsOf(t.rect);
      if (values !== undefined && values !== null && Array.isArray(values) && !(values.length === height && values.every((r) => Array.isArray(r) && r.length === 1))) {
        throw invalidArgument(`TableColumnCollection.add: values must have exactly ${height} rows (the header and each data row) of one value.`);
      }
      assertEditable(sheet, "cells");
      const c = t.rect.c1 + 1;
      if (c >= MAX_COLS) throw new FakeOfficeError("NonBlankCellOffSheet", "The table's right end is the worksheet's last column.");
      const rect: Rect = { r0: t.rect.r0, r1: t.rect.r1, c0: c, c1: c };
      if (tablesOn(state, sheet).some((other) => other !== t && intersects(other.rect, rect))) throw invalidOperation("This operation is not allowed: the new column would overlap another table.");
      if (sheet.merges.some((m) => intersects(m, rect))) throw new FakeOfficeError("MergedRangeConflict", "The new column would overlap a merged area.");
      for (let r = rect.r0; r <= rect.r1; r++) if (sheet.cells.has(cellKey(r, c))) throw notModelled(`TableColumnCollection.add when the cells right of the table hold data (${rectToA1(rect)})`);
      for (let r = rect.r0; r <= rect.r1; r++) {
        const nf = sheet.numberFormat.get(r, c - 1);
        if (sheet.numberFormat.get(r, c) !== nf) sheet.numberFormat.setCell(r, c, nf);
        for (const store of sheet.formats.values()) {
          const v = store.get(r, c - 1);
          if (!sameValue(store.get(r, c), v)) store.setCell(r, c, v);
        }
      }
      if (values !== undefined && values !== null) writeContents(state, sheet, rect, values, "TableColumnCollection.add");
      if (typeof name === "string") setContent(sheet, rect.r0, c, { value: name });
      t.rect = { ...t.rect, c1: c };
      normalizeHeaders(state, sheet, rect);
      created = { table: t, index: width };
      column._preset(created);
    });
    return column;
  }
}
defineClass(TableColumnCollection, {
  name: "TableColumnCollection",
  item: () => TableColumn,
  scalars: { count: { get: (o) => colsOf(o._target().rect) } },
});

class TableColumn extends FakeObject<TableColumnTarget> {
  override _alive(col: TableColumnTarget): boolean {
    return !col.table.deleted && !col.table.sheet.deleted;
  }

  getRange(): Range {
    return this._sub(Range, "getRange()", (col): RangeTarget => ({ sheet: col.table.sheet, rect: tableColumnRect(col) }));
  }

  getHeaderRowRange(): Range {
    return this._sub(Range, "getHeaderRowRange()", (col): RangeTarget => {
      const rect = tableColumnRect(col);
      return { sheet: col.table.sheet, rect: { ...rect, r1: rect.r0 } };
    });
  }

  getDataBodyRange(): Range {
    return this._sub(Range, "getDataBodyRange()", (col): RangeTarget => {
      const rect = tableColumnRect(col);
      return { sheet: col.table.sheet, rect: { ...rect, r0: rect.r0 + 1 } };
    });
  }
}
defineClass(TableColumn, {
  name: "TableColumn",
  scalars: {
    name: {
      get: (o) => {
        const col = o._target();
        return String(valueOf(col.table.sheet, col.table.rect.r0, tableColumnRect(col).c0));
      },
      set: (o, v) => {
        const col = o._target();
        const rect = tableColumnRect(col);
        const header = { ...rect, r1: rect.r0 };
        if (typeof v !== "string") throw invalidArgument("TableColumn.name must be a string.");
        assertEditable(col.table.sheet, "cells");
        setContent(col.table.sheet, header.r0, header.c0, { value: v });
        normalizeHeaders(o._ctx._state, col.table.sheet, header);
      },
    },
    index: { get: (o) => o._target().index },
    id: { get: (o) => o._target().index + 1 },
    values: {
      get: (o) => {
        const col = o._target();
        const rect = tableColumnRect(col);
        return grid(rect, (r, c) => valueOf(col.table.sheet, r, c));
      },
    },
  },
});

// ---------------------------------------------------------------------------------------------------
// The fake

export interface ExcelFakeModel {
  sheetNames(): string[];
  /**
   * One cell as Excel holds it: `value` as Range.values returns it ("" for formula cells — formulas are
   * not evaluated), `formula` the formula text of a formula cell ("" for any other cell), and its number format.
   */
  cell(sheet: string, address: string): { value: CellScalar; formula: string; numberFormat: string };
  /** Range.values of A1 through the bottom-right corner of the used range (values only); [] for a blank sheet. */
  usedValues(sheet: string): CellScalar[][];
  /** Every table, in creation order; `address` without the sheet name, e.g. "A1:J20". */
  tables(): { name: string; sheet: string; address: string }[];
  /** The DataValidationRule set on that cell (list sources given as Range objects appear as "=Sheet!$A$1:$A$9"), or null. */
  validation(sheet: string, address: string): unknown;
  isProtected(sheet: string): boolean;
  freezeRows(sheet: string): number;
  /** 1-based rows that start a new printed page (manual page breaks), in the order added. */
  pageBreaks(sheet: string): number[];
  /** Current page setup; printTitleRows as "$1:$2" or undefined when none was set. */
  pageLayout(sheet: string): {
    orientation?: string;
    paperSize?: string;
    zoom?: unknown;
    printTitleRows?: string;
    printTitleColumns?: string;
    printArea?: string;
    centerFooter?: string;
    centerHeader?: string;
    centerHorizontally?: boolean;
  };
  /** Merged areas, e.g. ["A1:J1"]. */
  merges(sheet: string): string[];
  /** Width in points of the 0-based column, or undefined when it was never set (Excel's default is 48). */
  columnWidth(sheet: string, column: number): number | undefined;
  /** The sheet's charts: type, title, position ("A12:F27") and each series' name, values and categories as A1. */
  charts(sheet: string): { type: string; title: string; position: string | null; series: { name: string; values: string | null; categories: string | null }[] }[];
  /** The sheet's conditional formats, in order, as type and A1 range. */
  conditionalFormats(sheet: string): { type: string; address: string }[];
  /** Adds a sheet at the end with values from A1, interpreted like a Range.values write to General cells. */
  addSheetWithValues(name: string, values: CellScalar[][]): void;
  /**
   * The clerk (source "Local") or a co-author ("Remote") types a value into a cell: written as typed,
   * then every WorksheetCollection.onChanged handler is called; resolves when they have settled.
   */
  edit(sheet: string, address: string, value: CellScalar, source?: "Local" | "Remote"): Promise<void>;
  /** The clerk enters a formula; a custom-function call in it is calculated at once (see CalcEngine). */
  enterFormula(sheet: string, address: string, formula: string): void;
  /** A custom-function cell's last result: its value, or the error it threw (after settle()). */
  result(sheet: string, address: string): { value?: unknown; error?: unknown } | undefined;
  /** Custom-function cells calculated so far, in order ("Sheet1!B2"). */
  calculated(): string[];
  /** Application.calculate calls (their types): each recalculates every open workbook, not only this one. */
  applicationCalculations(): string[];
  /** The clerk filters a table (a column filter): Excel then refuses to insert rows into it. */
  filterTable(name: string): void;
  tableFiltered(name: string): boolean;
}

export interface ExcelFake {
  /**
   * Like Excel.run (with or without Excel.RunOptions first): gives a fresh RequestContext to the callback,
   * flushes what is still queued when it resolves, resolves with its result.
   */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /**
   * The clerk starts typing in a cell (cell-edit mode). As Excel.RunOptions.delayForCellEdit documents: a
   * batch of a run without `delayForCellEdit: true` fails (InvalidOperationInCellEditMode) and changes
   * nothing; a run with it waits until `exitCellEdit()`.
   */
  enterCellEdit(): void;
  /** The clerk presses Enter: delayed batches go ahead. */
  exitCellEdit(): void;
  /** Number of context.sync() calls (including run's final flush) since creation or resetCounters(). */
  readonly syncCount: number;
  /** UTF-8 bytes of each sync's request payload (as Office.js serialises the queued actions and object paths), in order. */
  readonly syncPayloads: number[];
  /** Per sync: whether its batch called application.suspendApiCalculationUntilNextSync. */
  readonly syncSuspended: boolean[];
  resetCounters(): void;
  /**
   * Makes a sync fail with GeneralException, before any of its actions runs, when `when` says so (given
   * the sync's number since resetCounters and where its actions are); null stops failing.
   */
  failSync(when: ((sync: number, actions: string[]) => boolean) | null): void;
  /** Custom functions for the calculation engine: id ("PARTY.GRADE") → the function and its parameter count. */
  attachFunctions(functions: ReadonlyMap<string, { fn: FakeCustomFunction; params: number }>): void;
  /** Waits for every custom-function call started so far to settle. */
  settle(): Promise<void>;
  /** Test helpers that bypass the API (no syncs): inspect or seed the model directly. */
  model: ExcelFakeModel;
  /** A second workbook, a copy of this one as it stands (its own counters): a filled workbook built once, edited many ways. */
  fork(): ExcelFake;
}

export interface ExcelFakeOptions {
  /** Worksheets the workbook starts with (a real workbook always has one). Default ["Sheet1"]. */
  sheets?: string[];
}

/** Data with no class instances in it (a cell's content, a format value). */
function isPlainData(v: unknown): boolean {
  if (v === null || typeof v !== "object") return typeof v !== "function";
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  return Object.values(v as object).every(isPlainData);
}

/** A copy of an object graph (the workbook model): shared references and cycles kept, classes kept, Maps and Sets copied. */
function cloneGraph<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  const known = seen.get(value);
  if (known !== undefined) return known as T;
  if (value instanceof LayerStore) {
    const copy = value.fork();
    seen.set(value, copy);
    return copy as T;
  }
  if (value instanceof Map) {
    // Cells and per-cell formats, keyed by cell: many entries of plain data, never changed in place (a
    // write replaces the entry), so the copy shares them.
    const first = value.entries().next().value as [unknown, unknown] | undefined;
    if (first && typeof first[0] === "number" && isPlainData(first[1])) {
      const copy = new Map(value);
      seen.set(value, copy);
      return copy as T;
    }
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(cloneGraph(k, seen), cloneGraph(v, seen));
    return copy as T;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(cloneGraph(v, seen));
    return copy as T;
  }
  const copy = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value))) as Record<PropertyKey, unknown>;
  seen.set(value, copy);
  for (const key of Reflect.ownKeys(value)) copy[key] = cloneGraph((value as Record<PropertyKey, unknown>)[key], seen);
  return copy as T;
}

export function createExcelFake(options: ExcelFakeOptions = {}, from?: WorkbookState): ExcelFake {
  const state = from ?? new WorkbookState();
  const counters: Counters = { syncCount: 0, syncPayloads: [], syncSuspended: [] };
  if (!from) for (const name of options.sheets ?? ["Sheet1"]) state.addSheet(state.validateSheetName(name));

  const sheetOf = (name: string): SheetEntity => {
    const sheet = state.findSheet(name);
    if (!sheet) throw new Error(`excelFake.model: no worksheet '${name}' (have: ${state.sheets.map((s) => s.name).join(", ")})`);
    return sheet;
  };
  const rectOf = (address: string): Rect => {
    const rect = parseRef(splitSheetPrefix(address).ref);
    if (!rect) throw new Error(`excelFake.model: '${address}' is not an A1 address`);
    return rect;
  };

  const model: ExcelFakeModel = {
    sheetNames: () => state.sheets.map((s) => s.name),
    cell(sheetName, address) {
      const sheet = sheetOf(sheetName);
      const { r0, c0 } = rectOf(address);
      const cell = sheet.cells.get(cellKey(r0, c0));
      return { value: valueOf(sheet, r0, c0), formula: cell?.formula ?? "", numberFormat: sheet.numberFormat.get(r0, c0) };
    },
    usedValues(sheetName) {
      const sheet = sheetOf(sheetName);
      const used = usedRect(sheet, true);
      return used ? grid({ r0: 0, c0: 0, r1: used.r1, c1: used.c1 }, (r, c) => valueOf(sheet, r, c)) : [];
    },
    tables: () => state.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: rectToA1(t.rect) })),
    charts: (sheetName) =>
      (sheetOf(sheetName).charts ?? []).map((c) => ({
        type: c.type,
        title: c.title,
        position: c.position ? rectToA1({ r0: c.position.start.r0, c0: c.position.start.c0, r1: c.position.end.r1, c1: c.position.end.c1 }) : null,
        series: c.series.map((x) => ({ name: x.name, values: x.values ? rectToA1(x.values) : null, categories: x.xAxis ? rectToA1(x.xAxis) : null })),
      })),
    conditionalFormats: (sheetName) => (sheetOf(sheetName).conditionalFormats ?? []).map((f) => ({ type: f.type, address: rectToA1(f.rect) })),
    validation(sheetName, address) {
      const sheet = sheetOf(sheetName);
      const { r0, c0 } = rectOf(address);
      return clonePlain(formatAt(sheet, "dv.rule", r0, c0)) ?? null;
    },
    isProtected: (sheetName) => sheetOf(sheetName).protection.protected,
    freezeRows: (sheetName) => sheetOf(sheetName).freeze.rows,
    pageBreaks: (sheetName) => sheetOf(sheetName).pageBreaks.map((r) => r + 1),
    pageLayout(sheetName) {
      const sheet = sheetOf(sheetName);
      return {
        orientation: sheet.page.orientation as string,
        paperSize: sheet.page.paperSize as string,
        zoom: clonePlain(sheet.page.zoom),
        printTitleRows: sheet.printTitleRows,
        printTitleColumns: sheet.printTitleColumns,
        printArea: sheet.printArea,
        centerFooter: sheet.headerFooter.centerFooter,
        centerHeader: sheet.headerFooter.centerHeader,
        centerHorizontally: sheet.page.centerHorizontally as boolean,
      };
    },
    merges: (sheetName) => sheetOf(sheetName).merges.map((m) => rectToA1(m)),
    columnWidth(sheetName, column) {
      const sheet = sheetOf(sheetName);
      return sheet.columnWidths.get(column) ?? (sheet.defaultColumnWidth !== DEFAULT_COLUMN_WIDTH ? sheet.defaultColumnWidth : undefined);
    },
    edit(sheetName, address, value, source = "Local") {
      const sheet = sheetOf(sheetName);
      const { r0, c0 } = rectOf(address);
      const content = interpretInput(value, sheet.numberFormat.get(r0, c0), "model.edit");
      if (content) setContent(sheet, r0, c0, content);
      else sheet.cells.delete(cellKey(r0, c0));
      const args = { type: "WorksheetChanged", changeType: "RangeEdited", source, worksheetId: sheet.id, address: rectToA1({ r0, c0, r1: r0, c1: c0 }) };
      return Promise.all(state.changeHandlers.map((h) => h(args))).then(() => undefined);
    },
    enterFormula(sheetName, address, formula) {
      const sheet = sheetOf(sheetName);
      const { r0, c0 } = rectOf(address);
      setContent(sheet, r0, c0, { value: "", formula });
      state.calc.evaluate(sheet, r0, c0);
    },
    result(sheetName, address) {
      const sheet = sheetOf(sheetName);
      const { r0, c0 } = rectOf(address);
      return state.calc.results.get(`${sheet.id}!${cellKey(r0, c0)}`);
    },
    calculated: () => [...state.calc.log],
    applicationCalculations: () => [...state.calc.applicationCalculations],
    filterTable(name) {
      const t = state.findTable(name);
      if (!t) throw new Error(`excelFake.model: no table '${name}'`);
      t.filtered = true;
    },
    tableFiltered: (name) => state.findTable(name)?.filtered === true,
    addSheetWithValues(name, values) {
      const sheet = state.addSheet(state.validateSheetName(name));
      values.forEach((row, r) =>
        row.forEach((v, c) => {
          const content = interpretInput(v, "General", "model.addSheetWithValues");
          if (content) setContent(sheet, r, c, content);
        }),
      );
    },
  };

  let cellEdit: { ended: Promise<void>; end: () => void } | null = null;
  return {
    async run<T>(first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>), second?: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const batch = typeof first === "function" ? first : second;
      if (!batch) throw new Error("excelFake.run: no batch function");
      const delayForCellEdit = typeof first === "object" && first !== null && first.delayForCellEdit === true;
      const ctx = new FakeContext(state, counters, async () => {
        if (!cellEdit) return;
        if (!delayForCellEdit)
          throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
        await cellEdit.ended;
      });
      try {
        const result = await batch(ctx._proxy as unknown as Excel.RequestContext);
        if (ctx._queue.length > 0) await ctx.sync();
        return result;
      } finally {
        ctx._closed = true;
      }
    },
    get syncCount() {
      return counters.syncCount;
    },
    get syncPayloads() {
      return [...counters.syncPayloads];
    },
    get syncSuspended() {
      return [...counters.syncSuspended];
    },
    resetCounters() {
      counters.syncCount = 0;
      counters.syncPayloads = [];
      counters.syncSuspended = [];
    },
    failSync(when) {
      counters.failAt = when ?? undefined;
    },
    attachFunctions(functions) {
      for (const [id, f] of functions) state.calc.functions.set(id.toUpperCase(), f);
    },
    async settle() {
      while (state.calc.pending.length > 0) await Promise.all(state.calc.pending.splice(0));
    },
    enterCellEdit() {
      if (cellEdit) return;
      let end = () => undefined as void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      cellEdit = { ended, end };
    },
    exitCellEdit() {
      const was = cellEdit;
      cellEdit = null;
      was?.end();
    },
    model,
    fork: () => createExcelFake(options, cloneGraph(state)),
  };
}
