// Import from a workbook the branch already keeps (a roster or a ledger in Excel): the sheet is
// chosen, its header row found and matched (exact names, then synonyms), previewed, then appended
// through the same row builder as the CSV import. The source is read only through a WorkbookGateway.
import { type CellValue, isBlank } from "../core/cells";
import { CoreError } from "../core/errors";
import { type HeaderMatch, IMPORT_TARGET, type ImportKind, REQUIRED_HEADERS, matchHeaders } from "../core/ledger/headerMatch";
import { type ImportedRows, buildImportRows } from "../core/ledger/importCsv";
import { type Cell, type TableData, columnLetter } from "../core/sheetModel";
import type { WorkbookGateway } from "./gateway";
import { IMPORT_NAMES, type InputReport, appendImportOps, displayCell, previousTotalNote, sheetReport } from "./importPlan";
import { PREVIOUS_TOTALS } from "../core/carryOver/previousTotals";
import { loadLedger } from "./ledgerService";
import { SETTINGS_KEYS } from "../core/ledger/layout";
import { readSettings } from "../core/ledger/readLedger";
import { headedByBranch } from "../core/ledger/scaffold";

export interface TableSource {
  /** The gateway that opened the clerk's workbook (any host). */
  gateway: WorkbookGateway;
  /** The file's name, for messages. */
  name?: string;
  /** The sheet to read; else the first sheet whose header row has the kind's required columns. */
  sheet?: string;
}

/** How far down a sheet its header row is looked for (titles and notes may come first). */
const HEADER_SEARCH_ROWS = 20;
const PREVIEW_ROWS = 10;

export interface PreviewColumn {
  /** Our header. */
  target: string;
  /** The clerk's header and its column letter in the sheet. */
  source: string;
  column: string;
  how: "exact" | "synonym";
}

export interface TableImportPreview {
  kind: ImportKind;
  source: string;
  sheet: string;
  /** Sheet row (1-based) of the header. */
  headerRow: number;
  /** Our columns, each with the clerk's column that feeds it (absent: left blank or filled in). */
  columns: PreviewColumn[];
  /** The clerk's headers that are not imported. */
  ignored: string[];
  /** Our table's headers, in layout order: the header of `rows` and `text`. */
  headers: string[];
  /** The first rows as they will be appended (dates as serials), and their sheet rows. */
  rows: Cell[][];
  sourceRows: number[];
  /** The same rows for display (dates as YYYY-MM-DD). */
  text: string[][];
  /** Rows that will be appended. */
  total: number;
  /** Cells of date or number columns that cannot be read (imported as typed, listed by validate). */
  kept: ImportedRows["kept"];
}

interface FoundTable {
  sheet: string;
  headerIndex: number;
  match: HeaderMatch;
  cells: Cell[][];
}

/** The first row (of the top ones) that has the kind's required columns; else the closest, for the message. */
function headerRowOf(cells: readonly (readonly Cell[])[], kind: ImportKind): { index: number; match: HeaderMatch | null } {
  let best: HeaderMatch | null = null;
  for (let i = 0; i < Math.min(cells.length, HEADER_SEARCH_ROWS); i++) {
    const row = cells[i] ?? [];
    if (row.filter((c) => !isBlank(c)).length < 2) continue;
    const match = matchHeaders(row, kind);
    if (match.missing.length === 0) return { index: i, match };
    if (!best || match.missing.length < best.missing.length) best = match;
  }
  return { index: -1, match: best };
}

function required(kind: ImportKind): string {
  return REQUIRED_HEADERS[kind].map((g) => `「${g.join("」或「")}」`).join("");
}

async function findTable(source: TableSource, kind: ImportKind, name: string): Promise<FoundTable> {
  const { sheets } = await source.gateway.inspect();
  if (source.sheet !== undefined) {
    const cells = sheets.includes(source.sheet) ? await source.gateway.readSheet(source.sheet) : null;
    if (!cells) throw new CoreError("no-sheet", `${name} 中没有名为「${source.sheet}」的工作表；有：${sheets.join("、") || "（无）"}`);
    const found = headerRowOf(cells, kind);
    if (found.index < 0 || !found.match) {
      const missing = found.match ? `（最接近的一行缺少${found.match.missing.map((g) => `「${g.join("」或「")}」`).join("")}列）` : "";
      throw new CoreError("bad-table", `${name}「${source.sheet}」的前 ${HEADER_SEARCH_ROWS} 行中没有含${required(kind)}列的表头${missing}`);
    }
    return { sheet: source.sheet, headerIndex: found.index, match: found.match, cells };
  }
  for (const sheet of sheets) {
    const cells = await source.gateway.readSheet(sheet);
    if (!cells) continue;
    const found = headerRowOf(cells, kind);
    if (found.index >= 0 && found.match) return { sheet, headerIndex: found.index, match: found.match, cells };
  }
  throw new CoreError("bad-table", `${name} 中没有一张工作表的表头含有${required(kind)}列（已查看：${sheets.join("、") || "无工作表"}）；表头须在工作表的前 ${HEADER_SEARCH_ROWS} 行内`);
}

interface ReadTable {
  found: FoundTable;
  imported: ImportedRows;
  name: string;
  /** The ledger's tables as read (积分台账 for 记录号, 上年积分). */
  tables: ReadonlyMap<string, TableData>;
}

async function readTable(target: WorkbookGateway, kind: ImportKind, source: TableSource): Promise<ReadTable> {
  const name = source.name ?? IMPORT_NAMES[kind];
  const ledger = await loadLedger(target);
  const found = await findTable(source, kind, name);
  const body: CellValue[][] = [];
  const lines: number[] = [];
  for (let i = found.headerIndex + 1; i < found.cells.length; i++) {
    const row = found.cells[i] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    body.push(row);
    lines.push(i + 1);
  }
  const imported = buildImportRows(kind, found.cells[found.headerIndex], body, lines, { scheme: ledger.scheme, members: ledger.members, year: ledger.year }, `${name}「${found.sheet}」`);
  return { found, imported, name, tables: ledger.tables };
}

function previewOf(kind: ImportKind, { found, imported, name }: ReadTable, count: number): TableImportPreview {
  const def = IMPORT_TARGET[kind];
  const rows = imported.rows.slice(0, count);
  return {
    kind,
    source: name,
    sheet: found.sheet,
    headerRow: found.headerIndex + 1,
    columns: found.match.columns.map((c) => ({ target: c.target, source: c.source, column: columnLetter(c.index), how: c.how })),
    ignored: found.match.ignored,
    headers: def.columns.map((c) => c.header),
    rows,
    sourceRows: imported.lines.slice(0, count),
    text: rows.map((r) => r.map((v, i) => displayCell(v, def.columns[i].type))),
    total: imported.rows.length,
    kept: imported.kept,
  };
}

/**
 * What importing a sheet of the clerk's workbook would append, without writing: the sheet and header
 * row chosen, the column mapping, the first rows as they will be written. `target` is the ledger
 * workbook (its scheme and roster fill in item names and 姓名).
 */
export async function previewTableImport(target: WorkbookGateway, kind: ImportKind, source: TableSource, rows = PREVIEW_ROWS): Promise<TableImportPreview> {
  return previewOf(kind, await readTable(target, kind, source), rows);
}

export interface TableImportResult {
  preview: TableImportPreview;
  /** Rows appended. */
  rows: number;
  report: InputReport;
}

/**
 * Appends the rows of a sheet of the clerk's workbook (a roster, a ledger, appraisals) to the
 * ledger workbook `target`, logged, in one batch. Cells that cannot be read are kept as typed for
 * validation to flag; a missing required column or sheet throws CoreError (nothing written).
 */
export async function importTableRows(target: WorkbookGateway, kind: ImportKind, source: TableSource, now = new Date()): Promise<TableImportResult> {
  const read = await readTable(target, kind, source);
  const from = `「${read.name}」工作表「${read.found.sheet}」`;
  const ops = appendImportOps([{ kind, rows: read.imported.rows, from, previous: read.imported.previous }], now, read.tables);
  const report = sheetReport(kind, read.name, read.found.sheet, read.found.headerIndex + 1, read.imported);
  const note = previousTotalNote(from, read.imported.previous, read.tables.get(PREVIOUS_TOTALS.table));
  if (note) report.notes.push(note);
  if (ops.length > 0) await target.apply(headedByBranch(ops, readSettings(read.tables).get(SETTINGS_KEYS.branch) ?? ""));
  return {
    preview: previewOf(kind, read, PREVIEW_ROWS),
    rows: read.imported.rows.length,
    report,
  };
}

/** The mapping as lines for a CLI or a pane: 「编号 ← B 列「工号」（同义词）」. */
export function describePreview(preview: TableImportPreview): string[] {
  return preview.columns.map((c) => `${c.target} ← ${c.column} 列「${c.source}」${c.how === "synonym" ? "（同义词）" : ""}`);
}
