/**
 * One worksheet part, edited in place. Rows nobody touches stay the exact text they were (written back
 * as slices of the original); an edited row keeps its own attributes and every cell outside the edit.
 */
import type { Cell } from "../../../core/sheetModel";
import { columnIndexOf, columnLetter } from "../../../core/sheetModel";
import { attr, decodeOoxmlText, escapeText, findElement, findTag, setAttr, setChild, unescapeXml } from "./xml";

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

const EPOCH = Date.UTC(1899, 11, 30);

/** Text of <t> runs inside an <si> or <is>, leaving out phonetic runs (<rPh>). */
export function runText(source: string, from: number, to: number): string {
  // Work on the slice: searches must not run on into the rest of a large part.
  const xml = source.slice(from, to);
  let out = "";
  let i = 0;
  let ph = xml.indexOf("<rPh");
  while (i < xml.length) {
    const t = xml.indexOf("<t", i);
    if (t < 0) break;
    if (ph >= 0 && t > ph) {
      i = xml.indexOf("</rPh>", ph) + 6;
      if (i < 6) break;
      ph = xml.indexOf("<rPh", i);
      continue;
    }
    const c = xml.charCodeAt(t + 2);
    const gt = xml.indexOf(">", t);
    if ((c !== 62 && c !== 32) || gt < 0) {
      i = t + 2;
      continue;
    }
    if (xml.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf("</t>", gt);
    if (end < 0) break;
    out += xml.slice(gt + 1, end);
    i = end + 4;
  }
  return decodeOoxmlText(out);
}

/** The value of one <c> element (formulas give their cached result; `formulas` gives "=…" instead). */
export function cellValue(source: string, start: number, end: number, sst: (i: number) => string, formulas = false): Cell {
  const xml = source.slice(start, end);
  const gt = xml.indexOf(">");
  if (xml.charCodeAt(gt - 1) === 47) return null;
  const tag = xml.slice(0, gt);
  if (formulas) {
    const f = xml.indexOf("<f", gt);
    if (f >= 0) {
      const fgt = xml.indexOf(">", f);
      if (xml.charCodeAt(fgt - 1) !== 47) {
        const text = xml.slice(fgt + 1, xml.indexOf("</f>", fgt));
        if (text) return `=${unescapeXml(text)}`;
      }
    }
  }
  const tPos = tag.indexOf(' t="');
  const type = tPos < 0 ? "n" : tag.slice(tPos + 4, tag.indexOf('"', tPos + 4));
  if (type === "inlineStr") {
    const is = xml.indexOf("<is>", gt);
    return is >= 0 ? runText(xml, is, xml.length) : null;
  }
  const v = xml.indexOf("<v", gt);
  if (v < 0) return null;
  const vgt = xml.indexOf(">", v);
  if (xml.charCodeAt(vgt - 1) === 47) return type === "str" ? "" : null;
  const text = xml.slice(vgt + 1, xml.indexOf("</v>", vgt));
  switch (type) {
    case "s":
      return sst(Number(text));
    case "str":
      return decodeOoxmlText(text);
    case "b":
      return text === "1" || text === "true";
    case "e":
      return unescapeXml(text);
    case "d": {
      const ms = Date.parse(text.length <= 10 ? `${text}T00:00:00Z` : /Z|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(ms) ? text : (ms - EPOCH) / 86400000;
    }
    default:
      return text === "" ? null : Number(text);
  }
}

function cellRefCol(xml: string, start: number, gt: number): number {
  const tag = xml.slice(start, gt);
  const r = tag.indexOf(' r="');
  if (r < 0) return -1;
  let n = 0;
  for (let i = r + 4; ; i++) {
    const c = tag.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Positions of each <c> in a row's XML: [start, end, col] triples. */
function cellSpans(xml: string, from: number, to: number): number[] {
  const out: number[] = [];
  let col = -1;
  let i = from;
  while (i < to) {
    const c = xml.indexOf("<c", i);
    if (c < 0 || c >= to) break;
    const ch = xml.charCodeAt(c + 2);
    if (ch !== 32 && ch !== 62 && ch !== 47) {
      i = c + 2;
      continue;
    }
    const gt = xml.indexOf(">", c);
    const end = xml.charCodeAt(gt - 1) === 47 ? gt + 1 : xml.indexOf("</c>", gt) + 4;
    const at = cellRefCol(xml, c, gt);
    col = at >= 0 ? at : col + 1;
    out.push(c, end, col);
    i = end;
  }
  return out;
}

export function isBlank(row: readonly Cell[]): boolean {
  return row.every((v) => v === null || v === "");
}

export class SheetPart {
  /** Original text; rows not edited are slices of it. */
  private xml!: string;
  private head!: string;
  private tail!: string;
  private bodyStart!: number;
  private bodyEnd!: number;
  private rowNums: Int32Array = new Int32Array(0);
  private rowStart: Int32Array = new Int32Array(0);
  private rowEnd: Int32Array = new Int32Array(0);
  private indexed = false;
  private readonly edits = new Map<number, string | null>();
  changed = false;
  /** A cell that held a formula was overwritten (the calculation chain would point at it). */
  formulaRemoved = false;

  constructor(xml: string) {
    this.load(xml);
  }

  /** Starts again from `xml` (after a save: the written text becomes the original, edits are dropped). */
  rebase(xml: string): void {
    this.edits.clear();
    this.changed = false;
    this.indexed = false;
    this.rowNums = this.rowStart = this.rowEnd = new Int32Array(0);
    this.load(xml);
  }

  private load(xml: string): void {
    this.xml = xml;
    const sd = findElement(xml, "sheetData");
    if (!sd) {
      // A worksheet must have sheetData; make an empty one in its place.
      const at = findTag(xml, "sheetCalcPr") >= 0 ? findTag(xml, "sheetCalcPr") : xml.lastIndexOf("</worksheet>");
      this.head = `${xml.slice(0, at)}<sheetData>`;
      this.tail = `</sheetData>${xml.slice(at)}`;
      this.bodyStart = this.bodyEnd = 0;
      this.indexed = true;
    } else {
      this.head = sd.selfClosing ? `${xml.slice(0, sd.start)}<sheetData>` : xml.slice(0, sd.openEnd);
      this.tail = sd.selfClosing ? `</sheetData>${xml.slice(sd.end)}` : xml.slice(sd.innerEnd);
      this.bodyStart = sd.openEnd;
      this.bodyEnd = sd.innerEnd;
    }
  }

  private index(): void {
    if (this.indexed) return;
    this.indexed = true;
    const xml = this.xml;
    let cap = 1024;
    let nums = new Int32Array(cap);
    let starts = new Int32Array(cap);
    let ends = new Int32Array(cap);
    let n = 0;
    let last = 0;
    let sorted = true;
    let i = this.bodyStart;
    while (i < this.bodyEnd) {
      const s = xml.indexOf("<row", i);
      if (s < 0 || s >= this.bodyEnd) break;
      const gt = xml.indexOf(">", s);
      const self = xml.charCodeAt(gt - 1) === 47;
      const e = self ? gt + 1 : xml.indexOf("</row>", gt) + 6;
      const tag = xml.slice(s, gt);
      const rAt = tag.indexOf(' r="');
      const r = rAt >= 0 ? parseInt(tag.slice(rAt + 4, tag.indexOf('"', rAt + 4)), 10) : last + 1;
      if (r <= last) sorted = false;
      last = r;
      if (n === cap) {
        cap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(cap);
          b.set(a);
          return b;
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
      const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => nums[a] - nums[b]);
      const pick = (a: Int32Array) => Int32Array.from(order, (k) => a[k]);
      [nums, starts, ends] = [pick(nums), pick(starts), pick(ends)];
    }
    this.rowNums = nums.subarray(0, n);
    this.rowStart = starts.subarray(0, n);
    this.rowEnd = ends.subarray(0, n);
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

  /** The row's XML and where it lies in it, or null when the row is absent. */
  private row(r: number): { xml: string; start: number; end: number } | null {
    this.index();
    if (this.edits.has(r)) {
      const x = this.edits.get(r);
      return x ? { xml: x, start: 0, end: x.length } : null;
    }
    const k = this.find(r);
    return k < 0 ? null : { xml: this.xml, start: this.rowStart[k], end: this.rowEnd[k] };
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
    const out: Cell[] = new Array(width).fill(null);
    const row = this.row(r);
    if (!row) return out;
    const spans = cellSpans(row.xml, row.start, row.end);
    for (let k = 0; k < spans.length; k += 3) {
      const c = spans[k + 2] - left;
      if (c >= 0 && c < width) out[c] = cellValue(row.xml, spans[k], spans[k + 1], sst, formulas);
    }
    return out;
  }

  /** The highest column (0-based) used in any row, -1 when none. */
  lastColumn(): number {
    this.index();
    let max = -1;
    const scan = (xml: string, s: number, e: number) => {
      const spans = cellSpans(xml, s, e);
      if (spans.length) max = Math.max(max, spans[spans.length - 1]);
    };
    for (let k = 0; k < this.rowNums.length; k++) if (!this.edits.has(this.rowNums[k])) scan(this.xml, this.rowStart[k], this.rowEnd[k]);
    for (const x of this.edits.values()) if (x) scan(x, 0, x.length);
    return max;
  }

  /** The exact XML of one cell, or null when absent. */
  rawCell(r: number, col: number): string | null {
    const row = this.row(r);
    if (!row) return null;
    const spans = cellSpans(row.xml, row.start, row.end);
    for (let k = 0; k < spans.length; k += 3) if (spans[k + 2] === col) return row.xml.slice(spans[k], spans[k + 1]);
    return null;
  }

  /** Style index of each cell present in row r, by column; null when the row is absent. */
  rowStyles(r: number): Map<number, number> | null {
    const row = this.row(r);
    if (!row) return null;
    const out = new Map<number, number>();
    const spans = cellSpans(row.xml, row.start, row.end);
    for (let k = 0; k < spans.length; k += 3) {
      const tag = row.xml.slice(spans[k], row.xml.indexOf(">", spans[k]));
      const at = tag.indexOf(' s="');
      out.set(spans[k + 2], at >= 0 ? parseInt(tag.slice(at + 4, tag.indexOf('"', at + 4)), 10) : 0);
    }
    return out;
  }

  /** The style a whole row carries (customFormat), if any. */
  rowStyle(r: number): number | undefined {
    const row = this.row(r);
    if (!row) return undefined;
    const tag = row.xml.slice(row.start, row.xml.indexOf(">", row.start));
    const custom = attr(tag, "customFormat");
    return custom === "1" || custom === "true" ? Number(attr(tag, "s") ?? 0) : undefined;
  }

  /** A column's default style from <cols> (0 when none). */
  columnStyle(col: number): number {
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
    if (row) {
      const gt = row.xml.indexOf(">", row.start);
      open = setAttr(row.xml.slice(row.start, gt + 1).replace(/\s*\/>$/, ">"), "spans", undefined);
      const spans = cellSpans(row.xml, row.start, row.end);
      for (let k = 0; k < spans.length; k += 3) {
        const col = spans[k + 2];
        const x = row.xml.slice(spans[k], spans[k + 1]);
        if (col >= left && col < left + cells.length) {
          if (findTag(x, "f") >= 0) this.formulaRemoved = true;
          continue;
        }
        kept.push({ col, xml: /\sr="/.test(x.slice(0, x.indexOf(">"))) ? x : x.replace(/^<c/, `<c r="${columnLetter(col)}${r}"`) });
      }
    }
    cells.forEach((xml, i) => {
      if (xml !== null) kept.push({ col: left + i, xml });
    });
    kept.sort((a, b) => a.col - b.col);
    let extLst = "";
    if (row) {
      const own = row.xml.slice(row.start, row.end);
      const e = own.indexOf("<extLst");
      if (e >= 0) extLst = own.slice(e, own.lastIndexOf("</row>"));
    }
    this.edits.set(r, `${open}${kept.map((c) => c.xml).join("")}${extLst}</row>`);
    this.changed = true;
  }

  /** Replaces a whole row's XML (a generated sheet's rows). */
  setRow(r: number, xml: string | null): void {
    this.index();
    this.edits.set(r, xml);
    this.changed = true;
  }

  /** Replaces, inserts (schema order) or removes a top-level element after sheetData. */
  setTailElement(name: string, element: string | null): void {
    this.tail = setChild(this.tail, "</worksheet>", WORKSHEET_ORDER, name, element);
    this.changed = true;
  }

  tailElement(name: string): string | null {
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

  toString(): string {
    if (!this.changed) return this.xml;
    this.index();
    this.fixDimension();
    const parts: string[] = [this.head];
    const editRows = [...this.edits.keys()].sort((a, b) => a - b);
    let e = 0;
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) parts.push(this.xml.slice(runStart, runEnd));
      runStart = -1;
    };
    for (let k = 0; k < this.rowNums.length; k++) {
      const r = this.rowNums[k];
      while (e < editRows.length && editRows[e] < r) {
        flush();
        const x = this.edits.get(editRows[e++]);
        if (x) parts.push(x);
      }
      if (e < editRows.length && editRows[e] === r) {
        flush();
        const x = this.edits.get(editRows[e++]);
        if (x) parts.push(x);
        continue;
      }
      if (runStart >= 0 && runEnd === this.rowStart[k]) runEnd = this.rowEnd[k];
      else {
        flush();
        runStart = this.rowStart[k];
        runEnd = this.rowEnd[k];
      }
    }
    flush();
    while (e < editRows.length) {
      const x = this.edits.get(editRows[e++]);
      if (x) parts.push(x);
    }
    parts.push(this.tail);
    return parts.join("");
  }

  get headXml(): string {
    return this.head;
  }

  set headXml(xml: string) {
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
