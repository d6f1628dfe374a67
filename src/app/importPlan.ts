// What an import appends, and what it tells the clerk about each file: shared by the CSV import
// (importCsvFiles) and the import from a workbook the branch already keeps (importTableRows).
import { toText } from "../core/cells";
import { serialToIso } from "../core/dates";
import { type HeaderMatch, IMPORT_TARGET, type ImportKind, describeMatch } from "../core/ledger/headerMatch";
import { type CsvDelimiter, type CsvImport, DELIMITER_NAMES, type ImportContext, type ImportedRows, type PreviousTotalCell, type KeptValue, readCsvImport } from "../core/ledger/importCsv";
import { type LogEntry, logOp } from "../core/ledger/log";
import { formatsOf, planTableAppend } from "../core/ledger/scaffold";
import { PREVIOUS_TOTALS, planPreviousFromRoster } from "../core/carryOver/previousTotals";
import { SHEETS } from "../core/ledger/layout";
import { planLedgerAppend } from "../core/ledger/recordIds";
import type { Cell, TableData, WorkbookOp } from "../core/sheetModel";
import { type ByteSource, type TextEncodingInfo, type TextEncodingName, describeTextInput, readText } from "./textInput";

/**
 * A CSV or text file: bytes as read (the encoding is detected; a large file from disk read piece by
 * piece, see ByteStream) or text already decoded, either with its file name.
 */
export type TextSource = string | Uint8Array | { name: string; data: string | ByteSource };

/** How far a long import has got: records read from a file (with the share of its bytes when known), then rows being written. */
export type ImportProgress =
  | { phase: "read"; kind: ImportKind; source: string; records: number; fraction: number | null }
  | { phase: "write"; rows: number };

export interface ImportOptions {
  /** Told how far the import has got, about once per megabyte read (for a progress line). */
  onProgress?: (progress: ImportProgress) => void;
}

export const IMPORT_KINDS: readonly ImportKind[] = ["roster", "entries", "appraisals"];

export const IMPORT_NAMES: Record<ImportKind, string> = { roster: "名册", entries: "积分记录", appraisals: "民主评议" };

const IMPORT_ACTIONS: Record<ImportKind, string> = { roster: "导入名册", entries: "导入积分记录", appraisals: "导入民主评议" };

/** What was read from one file, and how. */
export interface InputReport {
  kind: ImportKind;
  /** The file's name, or 名册 / 积分记录 / 民主评议 when none was given. */
  source: string;
  /** Detected encoding; null for text handed over already decoded. */
  encoding: TextEncodingName | null;
  /** "GBK 编码", "UTF-8 编码（带 BOM）"…; null as above. */
  encodingLabel: string | null;
  /** The sheet read (.xlsx only). */
  sheet?: string;
  /** Sheet row of the header (.xlsx only). */
  headerRow?: number;
  delimiter: CsvDelimiter | null;
  /** "逗号分隔"…; null for a sheet. */
  delimiterLabel: string | null;
  /** Records read, the header included (blank lines not counted). */
  records: number;
  /** Rows appended. */
  rows: number;
  match: HeaderMatch;
  /** Cells of date or number columns that could not be read: imported as typed, listed by validate. */
  kept: KeptValue[];
  /** 「名册.csv：GBK 编码，逗号分隔，共 31 行」. */
  summary: string;
  /** Further lines for the clerk: headers matched by other names, columns left out, values kept as typed. */
  notes: string[];
}

/** Rows appended per kind (as before), and what was read from each file. */
export type ImportCounts = Record<ImportKind, number> & { inputs: InputReport[] };

const SHOWN_KEPT = 5;

function notesOf(source: string, imported: ImportedRows): string[] {
  const notes: string[] = [];
  const synonyms = describeMatch(imported.match);
  if (synonyms) notes.push(`${source}：表头按同义词对应：${synonyms}`);
  if (imported.match.ignored.length) notes.push(`${source}：以下列不导入：${imported.match.ignored.join("、")}`);
  for (const k of imported.kept.slice(0, SHOWN_KEPT))
    notes.push(`${source} 第 ${k.line} 行「${k.source}」：「${k.value}」无法识别，照原样导入，校验时会指出`);
  if (imported.kept.length > SHOWN_KEPT) notes.push(`${source}：另有 ${imported.kept.length - SHOWN_KEPT} 个无法识别的日期或数字照原样导入`);
  return notes;
}

function sourceOf(kind: ImportKind, source: TextSource): { name: string; data: string | ByteSource } {
  if (typeof source === "string" || source instanceof Uint8Array) return { name: IMPORT_NAMES[kind], data: source };
  return source;
}

/**
 * One kind's rows read from a delimited text file (bytes decoded, separator detected), piece by piece:
 * the file's text is never held whole, only the rows it gives.
 */
export function readTextImport(kind: ImportKind, source: TextSource, ctx: ImportContext, options: ImportOptions = {}): { imported: ImportedRows; report: InputReport } {
  const { name, data } = sourceOf(kind, source);
  const total = typeof data === "string" ? null : data instanceof Uint8Array ? data.length : (data.size ?? null);
  let bytes = 0;
  const onProgress = options.onProgress
    ? (records: number) => options.onProgress!({ phase: "read", kind, source: name, records, fraction: total ? Math.min(1, bytes / total) : null })
    : undefined;
  let decoded: TextEncodingInfo | null = null;
  let csv: CsvImport;
  if (typeof data === "string") csv = readCsvImport(kind, data, ctx, { source: name, onProgress });
  else {
    const read = readText(data, (text) => readCsvImport(kind, text, ctx, { source: name, onProgress }), name, (n) => (bytes = n));
    csv = read.value;
    decoded = read.encoding;
  }
  const delimiterLabel = DELIMITER_NAMES[csv.delimiter];
  return {
    imported: csv,
    report: {
      kind,
      source: name,
      encoding: decoded?.encoding ?? null,
      encodingLabel: decoded?.label ?? null,
      delimiter: csv.delimiter,
      delimiterLabel,
      records: csv.records,
      rows: csv.rows.length,
      match: csv.match,
      kept: csv.kept,
      summary: describeTextInput(name, { encoding: decoded?.label, delimiter: delimiterLabel, records: csv.records }),
      notes: notesOf(name, csv),
    },
  };
}

/** The report of rows read from a sheet of a workbook. */
export function sheetReport(kind: ImportKind, source: string, sheet: string, headerRow: number, imported: ImportedRows): InputReport {
  const records = imported.rows.length + 1;
  return {
    kind,
    source,
    encoding: null,
    encodingLabel: null,
    sheet,
    headerRow,
    delimiter: null,
    delimiterLabel: null,
    records,
    rows: imported.rows.length,
    match: imported.match,
    kept: imported.kept,
    summary: `${source}：工作表「${sheet}」，第 ${headerRow} 行为表头，共 ${records} 行`,
    notes: notesOf(`${source}「${sheet}」`, imported),
  };
}

/** One kind's imported rows, where they came from (「名册.csv」), and a roster's 上年得分 column. */
export interface ImportBatch {
  kind: ImportKind;
  rows: Cell[][];
  from: string;
  previous?: readonly PreviousTotalCell[];
}

/** What a roster's 上年得分 column will do, for the import's report. */
export function previousTotalNote(from: string, previous: readonly PreviousTotalCell[] | undefined, table: TableData | undefined): string | null {
  if (!previous || previous.length === 0) return null;
  const { added, kept } = planPreviousFromRoster(table, previous, from);
  const keptText = kept.length ? `；${kept.slice(0, 10).join("、")}${kept.length > 10 ? ` 等 ${kept.length} 人` : ""}在「${PREVIOUS_TOTALS.sheet}」中已有，保留原值` : "";
  return `${from}：「${previous[0].source}」列写入「${PREVIOUS_TOTALS.sheet}」：${added} 名党员的上年得分${keptText}`;
}

/**
 * The operations that append imported rows, one kind after another, with one 操作日志 line each (`from`: 「名册.csv」).
 * Ledger rows get their 记录号 (the ledger brought up to date first) when the ledger as read is given.
 */
export function appendImportOps(batches: readonly ImportBatch[], now: Date, tables?: ReadonlyMap<string, TableData>): WorkbookOp[] {
  const ops: WorkbookOp[] = [];
  const log: LogEntry[] = [];
  const ledger = tables?.get(SHEETS.ledger.table);
  for (const { kind, rows, from, previous } of batches) {
    if (previous && previous.length > 0) {
      const carried = planPreviousFromRoster(tables?.get(PREVIOUS_TOTALS.table), previous, from);
      ops.push(...carried.ops);
      if (carried.added > 0) log.push({ action: "结转上年得分", sheet: PREVIOUS_TOTALS.sheet, range: "", detail: `从${from}的「${previous[0].source}」列写入 ${carried.added} 名党员的上年得分` });
    }
    if (rows.length === 0) continue;
    const def = IMPORT_TARGET[kind];
    if (kind === "entries" && ledger) {
      const append = planLedgerAppend(ledger, rows);
      ops.push(...append.ops);
      log.push(...append.log);
    } else {
      const table = tables?.get(def.table);
      ops.push(...(table ? planTableAppend(def, table, rows) : [{ op: "appendRows" as const, table: def.table, rows, formats: formatsOf(def) }]));
    }
    log.push({ action: IMPORT_ACTIONS[kind], sheet: def.sheet, range: "", detail: `从${from}追加 ${rows.length} 行` });
  }
  return ops.length > 0 ? [...ops, logOp(now, log)] : [];
}

/** Members the roster rows add (rows in layout order: 编号, 姓名, 党员类别 first), so that entries imported with them find names. */
export function membersOfRosterRows(rows: readonly Cell[][]): { id: string; name: string; category: string }[] {
  return rows.map((r) => ({ id: toText(r[0]), name: toText(r[1]), category: toText(r[2]) }));
}

/**
 * CSV / text files of each kind as one batch of operations (roster first, so entries can take names
 * from it). Throws on a file that cannot be read (its encoding, its quoting, a missing column).
 */
export function planCsvImport(
  ctx: ImportContext,
  files: Partial<Record<ImportKind, TextSource>>,
  now: Date,
  tables?: ReadonlyMap<string, TableData>,
  options: ImportOptions = {},
): { ops: WorkbookOp[]; result: ImportCounts } {
  const result: ImportCounts = { roster: 0, entries: 0, appraisals: 0, inputs: [] };
  const batches: ImportBatch[] = [];
  let members = ctx.members;
  for (const kind of IMPORT_KINDS) {
    const source = files[kind];
    if (source === undefined) continue;
    const { imported, report } = readTextImport(kind, source, { ...ctx, members }, options);
    if (kind === "roster") members = [...members, ...membersOfRosterRows(imported.rows)];
    result[kind] = imported.rows.length;
    result.inputs.push(report);
    const from = `「${report.source}」`;
    const note = previousTotalNote(from, imported.previous, tables?.get(PREVIOUS_TOTALS.table));
    if (note) report.notes.push(note);
    batches.push({ kind, rows: imported.rows, from, previous: imported.previous });
  }
  return { ops: appendImportOps(batches, now, tables), result };
}

/** A cell as a preview shows it: dates of date columns as YYYY-MM-DD, everything else as text. */
export function displayCell(value: Cell, type: string): string {
  if (type === "date" && typeof value === "number") return serialToIso(value);
  return toText(value);
}
