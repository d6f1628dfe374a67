/** What a cell can hand over: Excel passes numbers, strings, booleans and blanks (""). */
export type CellValue = string | number | boolean | null | undefined;

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const SPACES = /[\s\u3000\u00A0]+/g;

/** Whether c is one of JavaScript's \s characters (the ASCII space aside). */
function isOtherSpace(c: number): boolean {
  return c < 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when normalizeText would return the text unchanged: no full-width ASCII, no space but single inner ASCII spaces. */
function isNormal(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === n - 1 || text.charCodeAt(i - 1) === 0x20) return false;
    } else if (c < 0x80 ? c < 0x20 : isOtherSpace(c) || (c >= 0xff01 && c <= 0xff5e)) return false;
  }
  return true;
}

/** Full-width ASCII (１２、－３．５) to half-width, and all kinds of spaces removed from the ends. */
export function normalizeText(text: string): string {
  // Most cells (ids, names, codes) need nothing: a scan is much cheaper than three regular-expression passes.
  if (isNormal(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(SPACES, " ").trim();
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number from a cell, accepting numeric text and full-width digits; null when the cell holds no number. */
export function toNumber(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.length > 64) return null;
  const text = normalizeText(value).replace(/\s/g, "").replace(/^−/, "-");
  return NUMBER.test(text) ? Number(text) : null;
}

const SIGNS = /^[−﹣‒–]/;
const POINTS_SUFFIX = /分$/;

/**
 * A number as a clerk types it into an import file or a form: what toNumber reads, and a trailing 分
 * ("3分"), a minus sign from a word processor ("−2") and spaces anywhere ("+ 2 分"). Null when none.
 */
export function parseNumberInput(value: CellValue): number | null {
  if (typeof value !== "string") return toNumber(value);
  if (value.length > 64) return null;
  const text = normalizeText(value).replace(/\s/g, "").replace(SIGNS, "-").replace(POINTS_SUFFIX, "");
  return toNumber(text);
}

const BLANK = /^[\s\u3000\u00A0]*$/;

/** An Excel error value as a gateway reads it (Range.values, the .xlsx file): the error's text. */
const ERROR_VALUE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!|EXTERNAL!)$/;

export function isErrorValue(value: CellValue | Date): value is string {
  return typeof value === "string" && value.charCodeAt(0) === 35 && ERROR_VALUE.test(value.trim());
}

export function isBlank(value: CellValue): boolean {
  if (typeof value === "string") return value.length === 0 || BLANK.test(value);
  return value === null || value === undefined;
}

// Dates live in ./dates (one module for serials, typed dates, months and timestamps); re-exported for the many readers.
export { toIsoDate } from "./dates";

/** Prose as the clerk wrote it (full-width punctuation kept), trimmed; "" for a blank cell. */
export function toProse(value: CellValue): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/^[\s\u3000\u00A0]+|[\s\u3000\u00A0]+$/g, "");
}

/** Text of a cell for names, codes and ids: trimmed, full-width folded; numbers as written. */
export function toText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  return normalizeText(String(value));
}
