/**
 * One worksheet part, edited in place. It is held as its UTF-8 bytes: rows nobody touches are written
 * back as the exact bytes they were; an edited row keeps its own attributes and every cell outside the edit.
 */
import type { Cell } from "../../../core/sheetModel";
import { columnIndexOf, columnLetter } from "../../../core/sheetModel";
import { attr, escapeText, findElement, findTag, setAttr, setChild } from "./xml";
import { attrAt, cellSpans, decoder, findTagIn, intAt, seek, seekFar, spanValues, utf8, valueEnd } from "./cells";

/** Top-level children of <worksheet>, in schema order. */
export const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/** A cell of a parsed row: its column and its exact XML. */
export interface RawCell {
  col: number;
  xml: string;
}

export interface CellFacts {
  style: number;
  hasFormula: boolean;
}

const encoder = new TextEncoder();

/** A row's XML: the bytes holding it, where it lies in them, and its index among the original rows (-1 when edited). */
interface RowAt {
  b: Uint8Array;
  start: number;
  end: number;
  k: number;
}

export function isBlank(row: readonly Cell[]): boolean {
  return row.every((v) => v === null || v === "");
}

export class SheetPart {
  /** Original UTF-8 bytes; rows not edited are copied from them. */
  private src!: Uint8Array;
  private head!: string;
  private tail!: string;
  private bodyStart!: number;
  private bodyEnd!: number;
  private rowNums: Int32Array = new Int32Array(0);
  private rowStart: Int32Array = new Int32Array(0);
  private rowEnd: Int32Array = new Int32Array(0);
  /** The last column of each original row once its cells were read (-2: not yet). */
  private rowLastCol: Int32Array = new Int32Array(0);
  private indexed = false;
  /** The part to load before the sheet is next used (see rebase()). */
  private pending: (() => string | Uint8Array) | null = null;
  /** Edited rows as UTF-8 bytes; null: the row is removed. */
  private readonly edits = new Map<number, Uint8Array | null>();
  changed = false;
  /** A cell that held a formula was overwritten (the calculation chain would point at it). */
  formulaRemoved = false;

  /** `xml`: the part's text, or its UTF-8 bytes without a byte-order mark. */
  constructor(xml: string | Uint8Array) {
    this.load(xml);
  }

  /**
   * Starts again from `xml` (after a save: the written part becomes the original, edits are dropped). A
   * function is called for the part only when the sheet is next used (after a save, nothing is reread
   * unless the sheet is edited or read again).
   */
  rebase(xml: string | Uint8Array | (() => string | Uint8Array)): void {
    this.edits.clear();
    this.changed = false;
    this.indexed = false;
    this.rowNums = this.rowStart = this.rowEnd = this.rowLastCol = new Int32Array(0);
    this.src = new Uint8Array(0);
    if (typeof xml === "function") this.pending = xml;
    else {
      this.pending = null;
      this.load(xml);
    }
  }

  /** Loads the part given to rebase() as a function, when it is first needed. */
  private ensure(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.load(pending());
  }

  private load(xml: string | Uint8Array): void {
    // A node Buffer is viewed as a plain Uint8Array: one kind of array for the scanning code.
    const b = typeof xml === "string" ? encoder.encode(xml) : new Uint8Array(xml.buffer, xml.byteOffset, xml.byteLength);
    this.src = b;
    const start = findTagIn(b, "sheetData");
    const gt = start < 0 ? -1 : seek(b, ">", start);
    const selfClosing = gt >= 0 && b[gt - 1] === 47;
    const close = gt < 0 || selfClosing ? -1 : seekFar(b, "</sheetData>", gt);
    if (start < 0 || (!selfClosing && close < 0)) {
      // A worksheet must have sheetData; make an empty one in its place.
      const text = decoder.decode(b);
      const at = findTag(text, "sheetCalcPr") >= 0 ? findTag(text, "sheetCalcPr") : text.lastIndexOf("</worksheet>");
      this.head = `${text.slice(0, at)}<sheetData>`;
      this.tail = `</sheetData>${text.slice(at)}`;
      this.bodyStart = this.bodyEnd = 0;
      this.indexed = true;
    } else if (selfClosing) {
      this.head = `${decoder.decode(b.subarray(0, start))}<sheetData>`;
      this.tail = `</sheetData>${decoder.decode(b.subarray(gt + 1))}`;
      this.bodyStart = this.bodyEnd = gt + 1;
    } else {
      this.head = decoder.decode(b.subarray(0, gt + 1));
      this.tail = decoder.decode(b.subarray(close));
      this.bodyStart = gt + 1;
      this.bodyEnd = close;
    }
  }

  private index(): void {
    this.ensure();
    if (this.indexed) return;
    this.indexed = true;
    const b = this.src;
    let cap = 1024;
    let nums = new Int32Array(cap);
    let starts = new Int32Array(cap);
    let ends = new Int32Array(cap);
    let n = 0;
    let last = 0;
    let sorted = true;
    let i = this.bodyStart;
    while (i < this.bodyEnd) {
      const s = seek(b, "<row", i, this.bodyEnd);
      if (s < 0) break;
      const gt = seek(b, ">", s);
      const close = b[gt - 1] === 47 ? -1 : seekFar(b, "</row>", gt, this.bodyEnd);
      const e = b[gt - 1] === 47 ? gt + 1 : close < 0 ? this.bodyEnd : close + 6;
      const rAt = attrAt(b, "r", s, gt);
      const r = rAt >= 0 ? intAt(b, rAt, valueEnd(b, rAt, gt)) : last + 1;
      if (r <= last) sorted = false;
      last = r;
      if (n === cap) {
        cap *= 2;
        const grow = (a: Int32Array) => {
          const c = new Int32Array(cap);
          c.set(a);
          return c;
        };
        nums = grow(nums);
        starts = grow(starts);
        ends = grow(ends);
      }
      nums[n] = r;
      starts[n] = s;
      ends[n] = e;
      n++;
      i = e;
    }
    if (!sorted) {
      const order = Array.from({ length: n }, (_, k) => k).sort((a, c) => nums[a] - nums[c]);
      const pick = (a: Int32Array) => Int32Array.from(order, (k) => a[k]);
      [nums, starts, ends] = [pick(nums), pick(starts), pick(ends)];
    }
    this.rowNums = nums.subarray(0, n);
    this.rowStart = starts.subarray(0, n);
    this.rowEnd = ends.subarray(0, n);
    this.rowLastCol = new Int32Array(n).fill(-2);
  }

  private find(r: number): number {
    let lo = 0;
    let hi = this.rowNums.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.rowNums[mid];
      if (v === r) return mid;
      if (v < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The row's XML, or null when the row is absent. */
  private row(r: number): RowAt | null {
    this.index();
    if (this.edits.has(r)) {
      const x = this.edits.get(r);
      return x ? { b: x, start: 0, end: x.length, k: -1 } : null;
    }
    const k = this.find(r);
    return k < 0 ? null : { b: this.src, start: this.rowStart[k], end: this.rowEnd[k], k };
  }

  /** cellSpans of a row, noting an original row's last column for lastColumn(). */
  private cells(row: RowAt): number[] {
    const spans = cellSpans(row.b, row.start, row.end);
    if (row.k >= 0) this.rowLastCol[row.k] = spans.length ? spans[spans.length - 1] : -1;
    return spans;
  }

  /** The last row number that has a row element. */
  lastRow(): number {
    this.index();
    let max = 0;
    for (const [r, x] of this.edits) if (x !== null && r > max) max = r;
    for (let k = this.rowNums.length - 1; k >= 0; k--) {
      const r = this.rowNums[k];
      if (r <= max) break;
      if (this.edits.get(r) !== null) return r;
    }
    return max;
  }

  /** Values of columns [left, left + width) of row r (0-based columns). */
  values(r: number, left: number, width: number, sst: (i: number) => string, formulas = false): Cell[] {
    const row = this.row(r);
    return row ? spanValues(row.b, this.cells(row), left, width, sst, formulas) : new Array<Cell>(width).fill(null);
  }

  /** The highest column (0-based) used in any row, -1 when none. */
  lastColumn(): number {
    this.index();
    let max = -1;
    for (let k = 0; k < this.rowNums.length; k++) {
      if (this.edits.has(this.rowNums[k])) continue;
      if (this.rowLastCol[k] === -2) this.cells({ b: this.src, start: this.rowStart[k], end: this.rowEnd[k], k });
      max = Math.max(max, this.rowLastCol[k]);
    }
    for (const x of this.edits.values()) {
      const spans = x ? cellSpans(x, 0, x.length) : [];
      if (spans.length) max = Math.max(max, spans[spans.length - 1]);
    }
    return max;
  }

  /** The exact XML of one cell, or null when absent. */
  rawCell(r: number, col: number): string | null {
    const row = this.row(r);
    if (!row) return null;
    const spans = this.cells(row);
    for (let k = 0; k < spans.length; k += 4) if (spans[k + 3] === col) return utf8(row.b, spans[k], spans[k + 2]);
    return null;
  }

  /** Style index of each cell present in row r, by column; null when the row is absent. */
  rowStyles(r: number): Map<number, number> | null {
    const row = this.row(r);
    if (!row) return null;
    const out = new Map<number, number>();
    const spans = this.cells(row);
    for (let k = 0; k < spans.length; k += 4) {
      const s = attrAt(row.b, "s", spans[k], spans[k + 1]);
      out.set(spans[k + 3], s >= 0 ? intAt(row.b, s, valueEnd(row.b, s, spans[k + 1])) : 0);
    }
    return out;
  }

  /** The style a whole row carries (customFormat), if any. */
  rowStyle(r: number): number | undefined {
    const row = this.row(r);
    if (!row) return undefined;
    const tag = utf8(row.b, row.start, seek(row.b, ">", row.start));
    const custom = attr(tag, "customFormat");
    return custom === "1" || custom === "true" ? Number(attr(tag, "s") ?? 0) : undefined;
  }

  /** A column's default style from <cols> (0 when none). */
  columnStyle(col: number): number {
    this.ensure();
    const cols = findElement(this.head, "cols");
    if (!cols) return 0;
    for (let s = findElement(this.head, "col", cols.openEnd, cols.innerEnd); s && s.start < cols.innerEnd; s = findElement(this.head, "col", s.end, cols.innerEnd)) {
      const tag = this.head.slice(s.start, s.openEnd);
      if (Number(attr(tag, "min")) - 1 <= col && col <= Number(attr(tag, "max")) - 1) return Number(attr(tag, "style") ?? 0);
    }
    return 0;
  }

  /**
   * Replaces the cells of row r in [left, left + cells.length) with the given XML (null: remove the
   * cell); other cells of the row stay as they were.
   */
  setCells(r: number, left: number, cells: readonly (string | null)[]): void {
    const row = this.row(r);
    const kept: RawCell[] = [];
    let open = `<row r="${r}">`;
    let extLst = "";
    if (row) {
      const gt = seek(row.b, ">", row.start);
      open = setAttr(utf8(row.b, row.start, gt + 1).replace(/\s*\/>$/, ">"), "spans", undefined);
      const spans = this.cells(row);
      for (let k = 0; k < spans.length; k += 4) {
        const col = spans[k + 3];
        const x = utf8(row.b, spans[k], spans[k + 2]);
        if (col >= left && col < left + cells.length) {
          if (findTag(x, "f") >= 0) this.formulaRemoved = true;
          continue;
        }
        kept.push({ col, xml: /\sr="/.test(x.slice(0, x.indexOf(">"))) ? x : x.replace(/^<c/, `<c r="${columnLetter(col)}${r}"`) });
      }
      const own = utf8(row.b, row.start, row.end);
      const e = own.indexOf("<extLst");
      if (e >= 0) extLst = own.slice(e, own.lastIndexOf("</row>"));
    }
    cells.forEach((xml, i) => {
      if (xml !== null) kept.push({ col: left + i, xml });
    });
    kept.sort((a, b) => a.col - b.col);
    this.edits.set(r, encoder.encode(`${open}${kept.map((c) => c.xml).join("")}${extLst}</row>`));
    this.changed = true;
  }

  /** Replaces a whole row's XML (a generated sheet's rows). */
  setRow(r: number, xml: string | null): void {
    this.index();
    this.edits.set(r, xml === null ? null : encoder.encode(xml));
    this.changed = true;
  }

  /** Replaces, inserts (schema order) or removes a top-level element after sheetData. */
  setTailElement(name: string, element: string | null): void {
    this.ensure();
    this.tail = setChild(this.tail, "</worksheet>", WORKSHEET_ORDER, name, element);
    this.changed = true;
  }

  tailElement(name: string): string | null {
    this.ensure();
    const s = findElement(this.tail, name);
    return s ? this.tail.slice(s.start, s.end) : null;
  }

  /** The <dimension> grown to cover the edited rows (a larger one is only a hint, so it never shrinks). */
  private fixDimension(): void {
    const d = findElement(this.head, "dimension");
    if (!d) return;
    const tag = this.head.slice(d.start, d.end);
    const [a, b = a] = (attr(tag, "ref") ?? "A1").split(":");
    const first = /^([A-Z]+)(\d+)$/.exec(a);
    const last = /^([A-Z]+)(\d+)$/.exec(b);
    if (!first || !last) return;
    let maxRow = Number(last[2]);
    let maxCol = columnIndexOf(last[1]);
    for (const [r, x] of this.edits) {
      if (!x) continue;
      maxRow = Math.max(maxRow, r);
      const spans = cellSpans(x, 0, x.length);
      if (spans.length) maxCol = Math.max(maxCol, spans[spans.length - 1]);
    }
    const ref = `${first[1]}${first[2]}:${columnLetter(maxCol)}${maxRow}`;
    if (ref !== `${a}:${b}`) this.head = this.head.slice(0, d.start) + setAttr(tag, "ref", ref) + this.head.slice(d.end);
  }

  /** The part as UTF-8: rows not edited are the original bytes. */
  toBytes(): Uint8Array {
    this.ensure();
    if (!this.changed) return this.src;
    const parts = [...this.segments()];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /**
   * The same bytes as toBytes(), in pieces of about `size` bytes made as they are taken, so a large edited
   * sheet is never whole in memory (the package deflates it piece by piece).
   */
  *pieces(size = 1 << 22): Generator<Uint8Array> {
    this.ensure();
    if (!this.changed) {
      for (let at = 0; at < this.src.length; at += size) yield this.src.subarray(at, at + size);
      return;
    }
    let buf = new Uint8Array(size);
    let used = 0;
    for (const seg of this.segments()) {
      for (let at = 0; at < seg.length; ) {
        if (used === 0 && seg.length - at >= size) {
          // A long run of original rows: handed on as it is, without a copy.
          yield seg.subarray(at, at + size);
          at += size;
          continue;
        }
        const n = Math.min(size - used, seg.length - at);
        buf.set(seg.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === size) {
          yield buf;
          buf = new Uint8Array(size);
          used = 0;
        }
      }
    }
    if (used) yield buf.subarray(0, used);
  }

  /** The edited part's bytes in order: head, runs of original rows and edited rows, tail. */
  private *segments(): Generator<Uint8Array> {
    this.index();
    this.fixDimension();
    yield encoder.encode(this.head);
    const editRows = [...this.edits.keys()].sort((a, b) => a - b);
    let e = 0;
    let runStart = -1;
    let runEnd = -1;
    for (let k = 0; k < this.rowNums.length; k++) {
      const r = this.rowNums[k];
      let edited = false;
      while (e < editRows.length && editRows[e] <= r) {
        if (runStart >= 0) yield this.src.subarray(runStart, runEnd);
        runStart = -1;
        edited = editRows[e] === r;
        const x = this.edits.get(editRows[e++]);
        if (x) yield x;
      }
      if (edited) continue;
      if (runStart >= 0 && runEnd === this.rowStart[k]) runEnd = this.rowEnd[k];
      else {
        if (runStart >= 0) yield this.src.subarray(runStart, runEnd);
        runStart = this.rowStart[k];
        runEnd = this.rowEnd[k];
      }
    }
    if (runStart >= 0) yield this.src.subarray(runStart, runEnd);
    while (e < editRows.length) {
      const x = this.edits.get(editRows[e++]);
      if (x) yield x;
    }
    yield encoder.encode(this.tail);
  }

  toString(): string {
    return decoder.decode(this.toBytes());
  }

  get headXml(): string {
    this.ensure();
    return this.head;
  }

  set headXml(xml: string) {
    this.ensure();
    this.head = xml;
    this.changed = true;
  }
}

/** "B12" → { row: 12, col: 1 }. */
export function parseRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
  return { row: Number(m[2]), col: columnIndexOf(m[1]) };
}

/** XML of one cell. `style` 0 is left out. */
export function cellXml(ref: string, style: number, value: Cell, opts: { text?: boolean; formula?: string; result?: Cell } = {}): string {
  const s = style ? ` s="${style}"` : "";
  if (opts.formula !== undefined) {
    const f = `<f>${escapeText(opts.formula.replace(/^=/, ""))}</f>`;
    const r = opts.result;
    if (r === undefined || r === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof r === "number") return `<c r="${ref}"${s}>${f}<v>${numberText(r)}</v></c>`;
    if (typeof r === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
    if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/.test(r)) return `<c r="${ref}"${s} t="e">${f}<v>${escapeText(r)}</v></c>`;
    return `<c r="${ref}"${s} t="str">${f}<v>${escapeText(r)}</v></c>`;
  }
  if (value === null || value === undefined) return `<c r="${ref}"${s}/>`;
  if (opts.text || typeof value === "string" || (typeof value === "number" && !Number.isFinite(value))) {
    const t = String(value);
    const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeText(t)}</t></is></c>`;
  }
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`;
}

function numberText(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}
