/**
 * Cells read straight from a worksheet's UTF-8 bytes: markup is found byte by byte (offsets are byte
 * offsets), and only the slices that hold values are decoded.
 */
import type { Cell } from "../../../core/sheetModel";
import { decodeOoxmlText, unescapeXml } from "./xml";

const EPOCH = Date.UTC(1899, 11, 30);
let sharedDecoder: TextDecoder | undefined;
/**
 * ignoreBOM: a U+FEFF at the start of a slice is text, not a byte-order mark. Made on first use, so that
 * loading this module needs no TextDecoder (jsdom, where the web page's grid is tested, has none).
 */
export const decoder = { decode: (bytes: Uint8Array): string => (sharedDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true })).decode(bytes) };

/** Index of the ASCII text `s` in b[from, to), or -1. */
export function seek(b: Uint8Array, s: string, from: number, to = b.length): number {
  const first = s.charCodeAt(0);
  const n = s.length;
  next: for (let i = from, last = to - n; i <= last; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < n; k++) if (b[i + k] !== s.charCodeAt(k)) continue next;
    return i;
  }
  return -1;
}

/** Whether b[at…] starts with the ASCII text `s`. */
function startsWith(b: Uint8Array, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (b[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

const SKIPS = new Map<string, Uint8Array>();

/** seek over a long stretch: Horspool's skips read about one byte in every pattern length. */
export function seekFar(b: Uint8Array, s: string, from: number, to = b.length): number {
  const n = s.length;
  let skip = SKIPS.get(s);
  if (!skip) {
    skip = new Uint8Array(256).fill(n);
    for (let k = 0; k < n - 1; k++) skip[s.charCodeAt(k)] = n - 1 - k;
    SKIPS.set(s, skip);
  }
  const last = s.charCodeAt(n - 1);
  for (let i = from; i + n <= to; i += skip[b[i + n - 1]]) if (b[i + n - 1] === last && startsWith(b, i, s)) return i;
  return -1;
}

/** The text of UTF-8 bytes [from, to); short runs are decoded here, without the decoder's cost per call. */
export function utf8(b: Uint8Array, from: number, to: number): string {
  if (to - from > 64) return decoder.decode(b.subarray(from, to));
  let s = "";
  for (let i = from; i < to; ) {
    const c = b[i];
    if (c < 0x80) {
      s += String.fromCharCode(c);
      i++;
    } else if (c >= 0xc2 && c < 0xe0 && i + 1 < to && b[i + 1] >> 6 === 2) {
      s += String.fromCharCode(((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
      i += 2;
    } else if (c > 0xe0 && c < 0xf0 && c !== 0xed && i + 2 < to && b[i + 1] >> 6 === 2 && b[i + 2] >> 6 === 2) {
      s += String.fromCharCode(((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
      i += 3;
    } else {
      // 0xE0/0xED leads, 4-byte sequences and invalid bytes: the decoder's own rules.
      return decoder.decode(b.subarray(from, to));
    }
  }
  return s;
}

/** The value of 1 to 15 plain decimal digits b[from, to); -1 when they are anything else. */
function digitsAt(b: Uint8Array, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Number(text) of the bytes, without making the string for a plain integer. */
function numberAt(b: Uint8Array, from: number, to: number): number {
  const minus = b[from] === 45;
  const n = digitsAt(b, minus ? from + 1 : from, to);
  return n < 0 ? Number(utf8(b, from, to)) : minus ? -n : n;
}

/** parseInt(text, 10) of the bytes, without making the string for plain digits. */
export function intAt(b: Uint8Array, from: number, to: number): number {
  const n = digitsAt(b, from, to);
  return n < 0 ? parseInt(utf8(b, from, to), 10) : n;
}

/** Where the value of the one-letter attribute `name` (' r="…"') starts in the start tag [start, gt); -1 when absent. */
export function attrAt(b: Uint8Array, name: string, start: number, gt: number): number {
  const ch = name.charCodeAt(0);
  for (let i = start; i + 4 <= gt; i++) if (b[i] === 32 && b[i + 1] === ch && b[i + 2] === 61 && b[i + 3] === 34) return i + 4;
  return -1;
}

/** The closing quote of an attribute value starting at `from` in a start tag ending at `gt` (gt - 1 when none). */
export function valueEnd(b: Uint8Array, from: number, gt: number): number {
  while (from < gt && b[from] !== 34) from++;
  return from < gt ? from : gt - 1;
}

/** Index of `<name` followed by a delimiter in the bytes, from `from`; -1 when absent (xml.ts findTag on bytes). */
export function findTagIn(b: Uint8Array, name: string, from = 0): number {
  for (let i = seekFar(b, `<${name}`, from); i >= 0; i = seekFar(b, `<${name}`, i + 1)) {
    const c = b[i + name.length + 1];
    if (c === 32 || c === 62 || c === 47 || c === 10 || c === 13 || c === 9) return i;
  }
  return -1;
}

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

/** The text of a cell's <is> at `from` (up to the cell's end `to`). */
function inlineText(b: Uint8Array, from: number, to: number): string {
  // The usual <is><t>…</t></is></c> without building the element's text first.
  const t = from + 4;
  if (startsWith(b, t, "<t") && (b[t + 2] === 62 || b[t + 2] === 32)) {
    const gt = seek(b, ">", t, to);
    const lt = gt < 0 ? -1 : seek(b, "<", gt, to);
    if (lt >= 0 && b[gt - 1] !== 47 && lt + 13 === to && startsWith(b, lt, "</t></is></c>")) return decodeOoxmlText(utf8(b, gt + 1, lt));
  }
  return runText(utf8(b, from, to), 0, Infinity);
}

/** The cell type named in b[from, to); "n" for numbers and for any type not known here. */
function typeAt(b: Uint8Array, from: number, to: number): "s" | "str" | "inlineStr" | "b" | "e" | "d" | "n" {
  if (to - from === 1) {
    const c = b[from];
    return c === 115 ? "s" : c === 98 ? "b" : c === 101 ? "e" : c === 100 ? "d" : "n";
  }
  if (to - from === 3 && startsWith(b, from, "str")) return "str";
  return to - from === 9 && startsWith(b, from, "inlineStr") ? "inlineStr" : "n";
}

/**
 * The value of the <c> element b[start, end) whose start tag ends at `gt` (formulas give their cached
 * result; `formulas` gives "=…" instead).
 */
function cellValue(b: Uint8Array, start: number, gt: number, end: number, sst: (i: number) => string, formulas: boolean): Cell {
  if (b[gt - 1] === 47) return null;
  if (formulas) {
    const f = seek(b, "<f", gt, end);
    if (f >= 0) {
      const fgt = seek(b, ">", f, end);
      if (b[fgt - 1] !== 47) {
        const close = seek(b, "</f>", fgt, end);
        const text = utf8(b, fgt + 1, close < 0 ? end - 1 : close);
        if (text) return `=${unescapeXml(text)}`;
      }
    }
  }
  const t = attrAt(b, "t", start, gt);
  const type = t >= 0 ? typeAt(b, t, valueEnd(b, t, gt)) : "n";
  if (type === "inlineStr") {
    const is = seek(b, "<is>", gt, end);
    return is >= 0 ? inlineText(b, is, end) : null;
  }
  const v = seek(b, "<v", gt, end);
  if (v < 0) return null;
  const vgt = seek(b, ">", v, end);
  if (b[vgt - 1] === 47) return type === "str" ? "" : null;
  const close = seek(b, "</v>", vgt, end);
  const from = vgt + 1;
  const to = close < 0 ? end - 1 : close;
  switch (type) {
    case "s":
      return sst(numberAt(b, from, to));
    case "str":
      return decodeOoxmlText(utf8(b, from, to));
    case "b": {
      const text = utf8(b, from, to);
      return text === "1" || text === "true";
    }
    case "e":
      return unescapeXml(utf8(b, from, to));
    case "d": {
      const text = utf8(b, from, to);
      const ms = Date.parse(text.length <= 10 ? `${text}T00:00:00Z` : /Z|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(ms) ? text : (ms - EPOCH) / 86400000;
    }
    default:
      return from >= to ? null : numberAt(b, from, to);
  }
}

/**
 * Each <c> in the row bytes [from, to): [start, gt, end, col] quadruples, gt being the index of the
 * start tag's ">". A cell without r="…" takes the column after the previous one.
 */
export function cellSpans(b: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  const len = b.length;
  let col = -1;
  let i = from;
  while (i < to) {
    while (i < to && b[i] !== 60) i++;
    if (i >= to) break;
    if (b[i + 1] !== 99) {
      i++;
      continue;
    }
    const ch = b[i + 2];
    if (ch !== 32 && ch !== 62 && ch !== 47) {
      i += 2;
      continue;
    }
    const start = i;
    let gt = i + 2;
    while (gt < len && b[gt] !== 62) gt++;
    let end = gt + 1;
    if (b[gt - 1] !== 47) {
      while (end < len && !(b[end] === 60 && b[end + 1] === 47 && b[end + 2] === 99 && b[end + 3] === 62)) end++;
      end = end < len ? end + 4 : to; // a cell never closed runs to the row's end
    }
    const ref = attrAt(b, "r", start, gt);
    let n = 0;
    for (let k = ref; ref >= 0 && k < gt && b[k] >= 65 && b[k] <= 90; k++) n = n * 26 + (b[k] - 64);
    col = n > 0 ? n - 1 : col + 1;
    out.push(start, gt, end, col);
    i = end;
  }
  return out;
}

/** The values in columns [left, left + width) of a row, from its cellSpans. */
export function spanValues(b: Uint8Array, spans: readonly number[], left: number, width: number, sst: (i: number) => string, formulas: boolean): Cell[] {
  const out: Cell[] = new Array(width).fill(null);
  for (let k = 0; k < spans.length; k += 4) {
    const c = spans[k + 3] - left;
    if (c >= 0 && c < width) out[c] = cellValue(b, spans[k], spans[k + 1], spans[k + 2], sst, formulas);
  }
  return out;
}
