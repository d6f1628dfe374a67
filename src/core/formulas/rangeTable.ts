import { CellError } from "../cellError";
import { type CellValue, toText } from "../cells";

/**
 * A range as Excel hands it to a custom function: rows of cells, the table's header row included.
 * Cells are numbers, strings, booleans or blanks; error cells may arrive as objects with a `code`.
 */
export type Matrix = readonly (readonly unknown[])[];

/** Any value Excel might pass in a cell, as a CellValue: an error object becomes its code ("#N/A"). */
export function cellOf(value: unknown): CellValue {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object": {
      if (value === null) return null;
      const code = (value as { code?: unknown }).code;
      return typeof code === "string" ? code : "";
    }
    default:
      return null;
  }
}

/** A range argument as rows (a lone scalar becomes a 1×1 range; a missing one, no rows). */
export function asMatrix(range: unknown): Matrix {
  if (range === null || range === undefined) return [];
  if (!Array.isArray(range)) return [[range]];
  for (let r = 0; r < range.length; r++) if (!Array.isArray(range[r])) return range.map((row: unknown) => (Array.isArray(row) ? row : [row]));
  return range as Matrix;
}

/** A header as the clerk might type it: full-width folded, all spaces removed. */
export function headerKey(value: unknown): string {
  return toText(cellOf(value)).replace(/\s/g, "");
}

/** How many rows from the top are searched for the header row (a title line above the table is tolerated). */
const HEADER_SCAN_ROWS = 10;

export interface LocatedTable {
  /** Index of the header row in the range. */
  headerRow: number;
  /** Column index per header asked for, -1 where an optional header is absent. */
  columns: Record<string, number>;
}

/**
 * Finds the header row of a table range and the columns by header text, in any order and among extra
 * columns. A range without a required header is a #VALUE! that names what is missing.
 */
export function locateColumns(range: Matrix, tableLabel: string, required: readonly string[], optional: readonly string[] = []): LocatedTable | CellError {
  let best = -1;
  let bestFound = -1;
  let bestIndex: Map<string, number> | null = null;
  for (let r = 0; r < Math.min(range.length, HEADER_SCAN_ROWS); r++) {
    const index = new Map<string, number>();
    range[r].forEach((cell, c) => {
      const key = headerKey(cell);
      if (key && !index.has(key)) index.set(key, c);
    });
    const found = required.filter((h) => index.has(h)).length;
    if (found > bestFound) {
      best = r;
      bestFound = found;
      bestIndex = index;
    }
    if (found === required.length) break;
  }
  if (!bestIndex || bestFound < required.length) {
    const missing = required.filter((h) => !bestIndex?.has(h));
    const list = missing.map((h) => `「${h}」`).join("、");
    const expected = required.join("、");
    return new CellError("VALUE", `${tableLabel}范围缺少${list}列：请选中整张「${tableLabel}」表（含标题行，须有 ${expected} 列）`);
  }
  const columns: Record<string, number> = {};
  for (const h of [...required, ...optional]) columns[h] = bestIndex.get(h) ?? -1;
  return { headerRow: best, columns };
}

/** True when a range holds nothing at all (an omitted optional range, or one blank cell). */
export function isEmptyRange(range: Matrix): boolean {
  return range.every((row) => row.every((cell) => toText(cellOf(cell)) === ""));
}
