/** What a cell can hand over: Excel passes numbers, strings, booleans and blanks (""). */
export type CellValue = string | number | boolean | null | undefined;

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const SPACES = /[\s\u3000\u00A0]+/g;

/** Full-width ASCII (１２、－３．５) to half-width, and all kinds of spaces removed from the ends. */
export function normalizeText(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(SPACES, " ").trim();
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number from a cell, accepting numeric text and full-width digits; null when the cell holds no number. */
export function toNumber(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const text = normalizeText(value).replace(/\s/g, "").replace(/^−/, "-");
  return NUMBER.test(text) ? Number(text) : null;
}

export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === "string" && normalizeText(value) === "");
}
