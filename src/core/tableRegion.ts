/**
 * Where a table's data is on its sheet when the Excel table object does not say it all: the table was
 * converted to a range (found by its header row), or rows and columns were typed next to it. One rule,
 * written once; each gateway only supplies the cells (a getter over what it read).
 */
import { type CellValue, isBlank, toText } from "./cells";
import { type Cell, type OutsideCells, type TableData, columnLetter } from "./sheetModel";

/** How many blank rows (below) or columns (beside) the add-in looks past for data typed near a table. */
export const NEAR_GAP = 5;
/** How many rows from the top of a sheet a header row is looked for (titles and notes may sit above it). */
export const HEADER_SEARCH_ROWS = 20;

/** A cell of the sheet by its 1-based row and 0-based column; null outside what was read. */
export type CellAt = (row: number, column: number) => Cell;

/** The used extent of a sheet: its last non-blank row (1-based) and column (0-based). */
export interface SheetExtent {
  lastRow: number;
  lastColumn: number;
}

/** A rectangle of cells as read: cells[0][0] is at (top, left). */
export interface SheetBlock {
  top: number;
  left: number;
  cells: readonly (readonly Cell[])[];
}

/** A getter over blocks of cells (the first block holding a cell wins). */
export function cellsOf(blocks: readonly SheetBlock[]): CellAt {
  return (row, column) => {
    for (const b of blocks) {
      const r = b.cells[row - b.top];
      if (r && column >= b.left && column - b.left < r.length) return r[column - b.left] ?? null;
    }
    return null;
  };
}

/** The extent of blocks of cells (the non-blank cells in them). */
export function extentOf(blocks: readonly SheetBlock[]): SheetExtent {
  let lastRow = 0;
  let lastColumn = -1;
  for (const b of blocks)
    b.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (isBlank(v)) return;
        lastRow = Math.max(lastRow, b.top + i);
        lastColumn = Math.max(lastColumn, b.left + j);
      }),
    );
  return { lastRow, lastColumn };
}

/**
 * A header as compared: no spaces anywhere, full-width or not, and no line breaks (「 分 值 」, 「项目\u3000代码」
 * and 「分值」 typed with Alt+Enter inside are 分值 and 项目代码). Every reader of the add-in's tables
 * compares headers through this (rowsOf, headerIndex), whatever the gateway.
 */
export function headerText(value: CellValue): string {
  return toText(value).replace(/\s+/g, "");
}

/** Where `header` is among a table's headers as written, compared by headerText; -1 when absent. */
export function headerIndex(headers: readonly CellValue[], header: string): number {
  const wanted = headerText(header);
  return headers.findIndex((h) => headerText(h) === wanted);
}

/** Where a table's cells are: header row and columns (1-based row, 0-based columns), last data row. */
export interface TableBounds {
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  /** The last data row read as the table's (headerRow when none). */
  lastRow: number;
}

/**
 * The region a table converted to a range occupies, found by its header row: the row (within the first
 * HEADER_SEARCH_ROWS) where most of the expected headers are, at least half of them and two; its columns
 * are the run of non-blank header cells around them; its rows go down to the last non-blank row before
 * more than NEAR_GAP blank rows (blank rows in between stay, as in a table). Null when no row matches.
 */
export function findTableByHeaders(at: CellAt, extent: SheetExtent, expected: readonly string[]): TableBounds | null {
  const wanted = new Set(expected.map(headerText));
  const needed = Math.max(2, Math.ceil(wanted.size / 2));
  let best: { row: number; columns: number[] } | null = null;
  for (let r = 1; r <= Math.min(extent.lastRow, HEADER_SEARCH_ROWS); r++) {
    const columns: number[] = [];
    const seen = new Set<string>();
    for (let c = 0; c <= extent.lastColumn; c++) {
      const h = headerText(at(r, c));
      if (wanted.has(h) && !seen.has(h)) {
        seen.add(h);
        columns.push(c);
      }
    }
    if (columns.length >= needed && (!best || columns.length > best.columns.length)) best = { row: r, columns };
  }
  if (!best) return null;
  const headerRow = best.row;
  let firstColumn = Math.min(...best.columns);
  let lastColumn = Math.max(...best.columns);
  while (firstColumn > 0 && !isBlank(at(headerRow, firstColumn - 1))) firstColumn--;
  while (lastColumn < extent.lastColumn && !isBlank(at(headerRow, lastColumn + 1))) lastColumn++;
  const blankRow = (r: number) => {
    for (let c = firstColumn; c <= lastColumn; c++) if (!isBlank(at(r, c))) return false;
    return true;
  };
  let lastRow = headerRow;
  let gap = 0;
  for (let r = headerRow + 1; r <= extent.lastRow && gap <= NEAR_GAP; r++) {
    if (blankRow(r)) gap++;
    else {
      lastRow = r;
      gap = 0;
    }
  }
  return { headerRow, firstColumn, lastColumn, lastRow };
}

/** A table's data read from its bounds (headers as written, rows from the row below the header). */
export function tableDataAt(at: CellAt, bounds: TableBounds, name: string, sheet: string): TableData {
  const width = bounds.lastColumn - bounds.firstColumn + 1;
  const row = (r: number) => Array.from({ length: width }, (_, c) => at(r, bounds.firstColumn + c));
  const rows: Cell[][] = [];
  for (let r = bounds.headerRow + 1; r <= bounds.lastRow; r++) rows.push(row(r));
  return {
    name,
    sheet,
    headers: row(bounds.headerRow).map((h) => toText(h)),
    rowCount: rows.length,
    rows,
    firstRow: bounds.headerRow + 1,
    firstColumn: bounds.firstColumn,
    foundBy: "headers",
  };
}

/**
 * What is typed near a table but outside it: rows below its last data row after one or more blank
 * rows (up to NEAR_GAP blank rows between), and columns beside it from its header row down to its last
 * row (or the last row found below). Null when there is nothing.
 */
export function cellsNearTable(at: CellAt, extent: SheetExtent, bounds: TableBounds): OutsideCells | null {
  const rowsBelow: OutsideCells["rowsBelow"] = [];
  let gap = 0;
  for (let r = bounds.lastRow + 1; r <= extent.lastRow && gap <= NEAR_GAP; r++) {
    const cells = Array.from({ length: bounds.lastColumn - bounds.firstColumn + 1 }, (_, c) => at(r, bounds.firstColumn + c));
    if (cells.every((v) => isBlank(v))) gap++;
    else {
      rowsBelow.push({ row: r, cells });
      gap = 0;
    }
  }
  const bottom = rowsBelow.length ? rowsBelow[rowsBelow.length - 1].row : bounds.lastRow;
  const columnsBeside: OutsideCells["columnsBeside"] = [];
  const look = (c: number): boolean => {
    let first = 0;
    let last = 0;
    let count = 0;
    for (let r = bounds.headerRow; r <= bottom; r++) {
      if (isBlank(at(r, c))) continue;
      if (!first) first = r;
      last = r;
      count++;
    }
    if (count === 0) return false;
    columnsBeside.push({ column: c, header: toText(at(bounds.headerRow, c)), firstRow: first, lastRow: last, cells: count });
    return true;
  };
  for (let c = bounds.lastColumn + 1, g = 0; c <= extent.lastColumn && g <= NEAR_GAP; c++) g = look(c) ? 0 : g + 1;
  for (let c = bounds.firstColumn - 1, g = 0; c >= 0 && g <= NEAR_GAP; c--) g = look(c) ? 0 : g + 1;
  columnsBeside.sort((a, b) => a.column - b.column);
  return rowsBelow.length || columnsBeside.length ? { rowsBelow, columnsBeside } : null;
}

/** "I:K" style list of columns, e.g. "I、J、L". */
export function columnList(columns: readonly { column: number }[]): string {
  return columns.map((c) => columnLetter(c.column)).join("、");
}
