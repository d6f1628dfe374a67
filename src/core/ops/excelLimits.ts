/**
 * Excel's limits on what a workbook holds, shared by every gateway (Office.js, the .xlsx package,
 * exceljs, in-memory) and by the services that write:
 *
 * - a cell holds at most 32,767 characters;
 * - a row is at most 409 points high;
 * - a sheet name has 1–31 characters, none of : \ / ? * [ ], does not start or end with an apostrophe
 *   and is not "History"; names are compared without regard to letter case.
 *
 * The rule: the clerk's data (ledger tables) is never cut — a value beyond a limit is refused, naming
 * the cell. A generated sheet is the add-in's own copy of that data, so an over-long text there is cut
 * (ending in "…") and a row is capped at 409 points, each with a warning naming the cell or row; a
 * generated sheet name beyond the limits is refused (names are built to fit, see `fitSheetName`).
 */
import { type Cell, type CellSpec, type SheetModel, columnLetter } from "../sheetModel";
import { MAX_ROW_HEIGHT, mergedCells, wrappedRowHeight } from "./rowHeights";

export const EXCEL_LIMITS = { cellText: 32767, rowHeight: MAX_ROW_HEIGHT, sheetName: 31 } as const;

/** Characters Excel does not allow in sheet names. */
export const INVALID_SHEET_NAME_CHARS = /[:\\/?*[\]]/g;

/** Why Excel would refuse this sheet name, or null when it is a valid name. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "工作表名称不能为空";
  if (name.length > EXCEL_LIMITS.sheetName) return `工作表名称「${name}」超过 Excel 上限 ${EXCEL_LIMITS.sheetName} 个字符`;
  const bad = name.match(INVALID_SHEET_NAME_CHARS);
  if (bad) return `工作表名称「${name}」含有 Excel 不允许的字符 ${[...new Set(bad)].join(" ")}`;
  if (name.startsWith("'") || name.endsWith("'")) return `工作表名称「${name}」不能以单引号开头或结尾`;
  if (name.toLowerCase() === "history") return "工作表名称不能是 History（Excel 保留）";
  return null;
}

/** Sheet names as Excel compares them (case-insensitive). */
export function sheetNameKey(name: string): string {
  return name.toUpperCase();
}

/** The sheet of `names` that Excel takes for `name` (same name in another letter case), if any. */
export function sameSheetName(names: Iterable<string>, name: string): string | undefined {
  const key = sheetNameKey(name);
  for (const n of names) if (sheetNameKey(n) === key) return n;
  return undefined;
}

/**
 * `base` followed by `suffix` within the 31 characters, cutting `base` (never the suffix, which tells
 * sheets apart) and replacing characters Excel does not allow.
 */
export function fitSheetName(base: string, suffix = ""): string {
  const clean = (s: string) => s.replace(INVALID_SHEET_NAME_CHARS, "_");
  const room = EXCEL_LIMITS.sheetName - suffix.length;
  let head = clean(base);
  if (head.length > room) head = head.slice(0, room);
  // Do not leave half of a surrogate pair at the cut.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head}${clean(suffix)}`.replace(/^'+|'+$/g, "_");
}

/** A cell's text beyond Excel's limit, or null when it fits. */
export function cellTextTooLong(value: Cell | undefined): boolean {
  return typeof value === "string" && value.length > EXCEL_LIMITS.cellText;
}

/** "第 3 行第 B 列（B3）" style address for messages. */
export function cellName(sheet: string, row: number, column: number): string {
  return `工作表「${sheet}」${columnLetter(column)}${row} 单元格`;
}

/**
 * A generated sheet within Excel's limits: texts over 32,767 characters cut (ending in "…"), and a
 * warning for each such cell and for each row whose wrapped text needs more than 409 points (the row
 * is capped at 409 when written, so part of its text does not show in print).
 */
export function fitSheetModel(model: SheetModel): { model: SheetModel; warnings: string[] } {
  const warnings: string[] = [];
  let rows = model.rows;
  model.rows.forEach((cells, r) =>
    cells.forEach((spec, c) => {
      if (spec.formula === undefined && cellTextTooLong(spec.value)) {
        if (rows === model.rows) rows = model.rows.map((row) => [...row]);
        const text = spec.value as string;
        rows[r][c] = { ...spec, value: `${text.slice(0, EXCEL_LIMITS.cellText - 1)}…` };
        warnings.push(`${cellName(model.name, r + 1, c)}的文字有 ${text.length} 个字符，超过 Excel 上限 ${EXCEL_LIMITS.cellText}，已截断为前 ${EXCEL_LIMITS.cellText - 1} 个字符加「…」；完整内容仍在台账中`);
      }
    }),
  );
  const widths = model.columnWidths ?? [];
  const merged = mergedCells(model.merges ?? []);
  rows.forEach((cells, r) => {
    const height = uncappedRowHeight(cells, widths, merged, r + 1);
    if (height > EXCEL_LIMITS.rowHeight)
      warnings.push(`工作表「${model.name}」第 ${r + 1} 行的文字需要约 ${height} 磅行高，超过 Excel 上限 ${EXCEL_LIMITS.rowHeight} 磅：行高设为 ${EXCEL_LIMITS.rowHeight} 磅，打印时该行文字显示不全`);
  });
  return { model: rows === model.rows ? model : { ...model, rows }, warnings };
}

function uncappedRowHeight(cells: readonly CellSpec[], widths: readonly number[], merged: Set<string>, row: number): number {
  return wrappedRowHeight(cells, widths, merged, row, Infinity) ?? 0;
}
