/**
 * The rules of every workbook operation, shared by every gateway: which batches may be carried out,
 * and what a cell holds once written. Gateways differ only in how they reach the workbook.
 */
import { type Cell, type CellSpec, type ColumnFormat, NUMBER_FORMATS, type WorkbookOp, columnLetter, isoToSerial } from "../sheetModel";
import { EXCEL_LIMITS, cellName, cellTextTooLong, sameSheetName, sheetNameProblem } from "./excelLimits";

/** A workbook operation that cannot be carried out (a name taken, a table missing). */
export class WorkbookError extends Error {
  override readonly name = "WorkbookError";
  constructor(
    readonly code: "sheet-exists" | "no-table" | "no-sheet" | "bad-rows" | "too-large" | "bad-name",
    message: string,
  ) {
    super(message);
  }
}

/** What a gateway knows of the workbook before a batch: its sheets, its tables and which sheets are protected. */
export interface WorkbookState {
  sheets: Iterable<string>;
  tables: Iterable<{ name: string; sheet: string }>;
  protectedSheets: Iterable<string>;
}

/** The clerk's data is never cut: a text beyond Excel's limit is refused, naming its place. */
function rowsFit(table: string, rows: readonly (readonly Cell[])[], where: (row: number) => string): void {
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (cellTextTooLong(v))
        throw new WorkbookError("too-large", `${where(r)}第 ${c + 1} 列（${columnLetter(c)} 列）的文字有 ${(v as string).length} 个字符，超过 Excel 单元格上限 ${EXCEL_LIMITS.cellText}：没有写入（${table}）`);
    }),
  );
}

/**
 * Excel's limits (see excelLimits.ts), needing no knowledge of the workbook: sheet names Excel takes,
 * and no text over 32,767 characters — refused in the clerk's tables; a generated sheet must have been
 * fitted (`fitSheetModel`) before. Every gateway runs this; `checkOps` includes it.
 */
export function checkOpLimits(ops: readonly WorkbookOp[], sheetOf: (table: string) => string | undefined = () => undefined): void {
  const place = (table: string) => {
    const sheet = sheetOf(table);
    return sheet === undefined ? `表格 ${table} ` : `工作表「${sheet}」`;
  };
  for (const op of ops) {
    const name = op.op === "createTable" ? op.spec.sheet : op.op === "writeSheet" ? op.model.name : null;
    const problem = name === null ? null : sheetNameProblem(name);
    if (problem) throw new WorkbookError("bad-name", problem);
    switch (op.op) {
      case "createTable":
        rowsFit(op.spec.table, op.spec.rows, (r) => `工作表「${op.spec.sheet}」第 ${r + 2} 行`);
        break;
      case "appendRows":
      case "replaceRows":
        rowsFit(op.table, op.rows, (r) => `${place(op.table)}${op.op === "appendRows" ? "新增的" : ""}第 ${r + 1} 条数据`);
        break;
      case "setCells":
        rowsFit(op.table, [Object.entries(op.cells).reduce<Cell[]>((row, [c, v]) => ((row[Number(c)] = v), row), [])], () => `${place(op.table)}第 ${op.row + 1} 条数据`);
        break;
      case "setTableRange":
        checkTableHeaders(op.sheet, op.headers);
        break;
      case "addColumn":
        rowsFit(op.table, op.values.map((v) => [v]), (r) => `${place(op.table)}第 ${r + 1} 条数据`);
        break;
      case "writeSheet":
        op.model.rows.forEach((cells, r) =>
          cells.forEach((spec, c) => {
            if (spec.formula === undefined && cellTextTooLong(spec.value))
              throw new WorkbookError("too-large", `${cellName(op.model.name, r + 1, c)}的文字超过 Excel 上限 ${EXCEL_LIMITS.cellText} 个字符`);
          }),
        );
        break;
      default:
        break;
    }
  }
}

/**
 * Checks a whole batch before anything is changed, each operation against the workbook as the earlier
 * operations of the batch leave it, so that a failing batch changes nothing.
 */
export function checkOps(state: WorkbookState, ops: readonly WorkbookOp[]): void {
  const sheets = new Set(state.sheets);
  const tableSheet = new Map<string, string>();
  for (const t of state.tables) tableSheet.set(t.name, t.sheet);
  checkOpLimits(ops, (table) => tableSheet.get(table));
  const tableSheets = new Set(tableSheet.values());
  const locked = new Set(state.protectedSheets);
  const table = (name: string) => {
    const sheet = tableSheet.get(name);
    if (sheet === undefined) throw new WorkbookError("no-table", `工作簿中没有表格 ${name}`);
    if (locked.has(sheet)) throw new WorkbookError("no-sheet", `工作表「${sheet}」已保护，不能修改`);
  };
  /** Excel compares sheet names without regard to case: "a1" is the sheet "A1". */
  const notTakenInOtherCase = (name: string) => {
    const other = sameSheetName(sheets, name);
    if (other !== undefined && other !== name) throw new WorkbookError("sheet-exists", `工作表「${name}」与已有的工作表「${other}」同名（Excel 不区分大小写）`);
  };
  for (const op of ops) {
    switch (op.op) {
      case "createTable":
        notTakenInOtherCase(op.spec.sheet);
        if (sheets.has(op.spec.sheet)) throw new WorkbookError("sheet-exists", `工作表「${op.spec.sheet}」已存在`);
        if (tableSheet.has(op.spec.table)) throw new WorkbookError("sheet-exists", `表格 ${op.spec.table} 已存在`);
        sheets.add(op.spec.sheet);
        tableSheet.set(op.spec.table, op.spec.sheet);
        tableSheets.add(op.spec.sheet);
        break;
      case "appendRows":
      case "replaceRows":
      case "setCells":
      case "setValidation":
      case "addColumn":
      case "renameColumn":
        table(op.table);
        break;
      case "writeSheet": {
        const taken = sameSheetName(tableSheets, op.model.name);
        if (taken !== undefined) throw new WorkbookError("sheet-exists", `工作表「${taken}」是台账表格，不能被报表覆盖`);
        notTakenInOtherCase(op.model.name);
        sheets.add(op.model.name);
        locked.delete(op.model.name);
        break;
      }
      case "setTableRange": {
        if (!sheets.has(op.sheet)) throw new WorkbookError("no-sheet", `工作簿中没有工作表「${op.sheet}」`);
        if (locked.has(op.sheet)) throw new WorkbookError("no-sheet", `工作表「${op.sheet}」已保护，不能修改`);
        const other = tableSheet.get(op.table);
        if (other !== undefined && other !== op.sheet) throw new WorkbookError("sheet-exists", `表格 ${op.table} 在工作表「${other}」中，不在「${op.sheet}」中`);
        tableSheet.set(op.table, op.sheet);
        tableSheets.add(op.sheet);
        break;
      }
      // Page setup is not part of a sheet's protection (Excel lets it change on a protected sheet).
      case "setPage":
      case "protectSheet":
      case "unprotectSheet":
        if (!sheets.has(op.sheet)) throw new WorkbookError("no-sheet", `工作簿中没有工作表「${op.sheet}」`);
        if (op.op === "protectSheet") locked.add(op.sheet);
        else if (op.op === "unprotectSheet") locked.delete(op.sheet);
        break;
    }
  }
}

/** Excel makes a table only over a header row of distinct, non-blank names: anything else is refused, naming the cell. */
export function checkTableHeaders(sheet: string, headers: readonly string[]): void {
  const seen = new Map<string, number>();
  headers.forEach((h, c) => {
    const name = h.trim().toLowerCase();
    if (!name) throw new WorkbookError("bad-name", `工作表「${sheet}」表头第 ${c + 1} 列为空：表格的每一列都须有列名，请先填写`);
    if (seen.has(name)) throw new WorkbookError("bad-name", `工作表「${sheet}」表头第 ${seen.get(name)! + 1} 列与第 ${c + 1} 列同名「${h.trim()}」：表格的列名须各不相同`);
    seen.set(name, c);
  });
}

/** A table row as it is stored: the right width, and text columns holding text (so "=1+1" stays text). */
export function tableRow(values: readonly Cell[], formats: readonly ColumnFormat[], width: number, table: string, index: number): Cell[] {
  if (values.length !== width) throw new WorkbookError("bad-rows", `写入表格 ${table} 的第 ${index + 1} 行有 ${values.length} 列，应为 ${width} 列`);
  return values.map((v, c) => (formats[c] === "text" && v !== null && typeof v !== "string" ? String(v) : v));
}

export function tableRows(rows: readonly Cell[][], formats: readonly ColumnFormat[], width: number, table: string): Cell[][] {
  return rows.map((r, i) => tableRow(r, formats, width, table, i));
}

/** What one cell of a generated sheet holds: a formula, or a value with the number format that keeps it what it is. */
export type SpecContent = { formula: string; numberFormat?: undefined } | { value: Cell; numberFormat?: string };

export function specContent(spec: CellSpec): SpecContent {
  if (spec.formula) return { formula: spec.formula.startsWith("=") ? spec.formula : `=${spec.formula}` };
  if (spec.date && typeof spec.value === "string") return { value: isoToSerial(spec.value), numberFormat: NUMBER_FORMATS.date };
  const value = spec.value ?? null;
  // Text from the clerk's data is stored as text: a name like "=张三" is never a formula.
  if (spec.text || typeof value === "string") return { value: value === null ? null : String(value), numberFormat: NUMBER_FORMATS.text };
  return { value };
}

type OpOf<K extends WorkbookOp["op"]> = Extract<WorkbookOp, { op: K }>;

/** What a gateway does for each operation; the compiler holds every gateway to every operation. */
export type OpHandlers = { [K in WorkbookOp["op"]]: (op: OpOf<K>) => void | Promise<void> };

/** Runs a checked batch in order, each operation through its handler. */
export async function runOps(ops: readonly WorkbookOp[], handlers: OpHandlers): Promise<void> {
  for (const op of ops) await (handlers[op.op] as (op: WorkbookOp) => void | Promise<void>)(op);
}

/** The row a setCells op leaves: the current row with the op's cells put in (refused for a row the table does not have). */
export function rowWithCells(op: OpOf<"setCells">, rowCount: number, current: (row: number) => readonly Cell[]): Cell[] {
  if (op.row < 0 || op.row >= rowCount) throw new WorkbookError("bad-rows", `表格 ${op.table} 没有第 ${op.row + 1} 条数据`);
  const row = [...current(op.row)];
  for (const [c, v] of Object.entries(op.cells)) row[Number(c)] = v;
  return row;
}

/** The values an addColumn op puts under its header, refused where the table already has the header or another row count. */
export function columnToAdd(op: OpOf<"addColumn">, headers: readonly string[], rowCount: number): Cell[] {
  if (headers.some((h) => h.trim().toLowerCase() === op.header.trim().toLowerCase())) throw new WorkbookError("bad-name", `表格 ${op.table} 已有列「${op.header}」`);
  if (op.values.length !== rowCount) throw new WorkbookError("bad-rows", `新增列「${op.header}」有 ${op.values.length} 个值，表格 ${op.table} 有 ${rowCount} 行数据`);
  return op.values.map((v) => (op.format === "text" && v !== null && typeof v !== "string" ? String(v) : v));
}

/** The column a renameColumn op renames (its index), refused where the table lacks it or already has the new name. */
export function columnToRename(op: OpOf<"renameColumn">, headers: readonly string[]): number {
  const index = headers.indexOf(op.from);
  if (index < 0) throw new WorkbookError("bad-name", `表格 ${op.table} 没有列「${op.from}」`);
  if (headers.some((h, c) => c !== index && h.trim().toLowerCase() === op.to.trim().toLowerCase())) throw new WorkbookError("bad-name", `表格 ${op.table} 已有列「${op.to}」`);
  return index;
}

/**
 * An addColumn refused because the column right of the table holds the clerk's cells (`cells`: their
 * addresses or ranges, e.g. "D3"): a new column never overwrites them, in any gateway.
 */
export function columnBesideTaken(op: OpOf<"addColumn">, sheet: string, ref: string, cells: readonly string[]): WorkbookError {
  const named = cells.length > 5 ? `${cells.slice(0, 5).join("、")} 等 ${cells.length} 处` : cells.join("、");
  return new WorkbookError(
    "bad-rows",
    `工作表「${sheet}」表格 ${op.table}（${ref}）右侧的 ${named} 已有内容：新增列「${op.header}」要占用这一列，为不覆盖这些数据，没有写入。请先把它们移到别处（或在表格右侧插入一列）后再试`,
  );
}
