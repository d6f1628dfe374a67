import { type ParserStep, Parser as PapaParser, parse as papaParse, unparse as papaUnparse } from "papaparse";
import { type CellValue, isBlank, parseNumberInput, toText } from "../cells";
import { readDateSerial } from "../dates";
import { CoreError } from "../errors";
import type { Member } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { Cell } from "../sheetModel";
import type { TableSheetDef } from "./layout";
import { type HeaderMatch, type ImportKind, IMPORT_TARGET, headerKey, matchHeaders } from "./headerMatch";

export type { ImportKind } from "./headerMatch";

// ---------------------------------------------------------------------------------------------
// Delimited text: papaparse does the parsing; here the separator is chosen, lines are counted
// and every malformed spot is reported by line and column (as Notepad counts them).

export type CsvDelimiter = "," | "\t" | ";" | "，";

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [",", "\t", ";", "，"];

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ",": "逗号分隔", "\t": "制表符分隔", ";": "分号分隔", "，": "全角逗号分隔" };

export interface CsvProblem {
  /** 1-based line of the file. */
  line: number;
  /** 1-based character in that line. */
  column: number;
  message: string;
}

const SHOWN_PROBLEMS = 10;

/** A file that cannot be read as CSV (an unclosed quote, a row longer than the header): nothing is imported. */
export class CsvFormatError extends CoreError {
  constructor(
    readonly source: string,
    readonly problems: readonly CsvProblem[],
  ) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  第 ${p.line} 行第 ${p.column} 列：${p.message}`);
    const more = problems.length > SHOWN_PROBLEMS ? [`  另有 ${problems.length - SHOWN_PROBLEMS} 处`] : [];
    super("bad-csv", [`${source}：CSV 格式有误，未导入：`, ...shown, ...more].join("\n"));
  }
}

export interface CsvTable {
  /** Records with any content, the header first; blank lines are skipped. */
  rows: string[][];
  /** The file line each record starts on (1-based). */
  lines: number[];
  delimiter: CsvDelimiter;
}

export interface CsvOptions {
  /** The separator; detected from the header line when absent. */
  delimiter?: CsvDelimiter;
  /** The file's name for messages. */
  source?: string;
  /** Told the records read so far (header included), once per piece of text parsed (about every megabyte). */
  onProgress?: (records: number) => void;
}

/** Line breaks (CRLF, LF, CR, mixed) as LF, and no BOM: what the parser and the line counts see. */
function normalizeBreaks(text: string): string {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return src.includes("\r") ? src.replace(/\r\n?/g, "\n") : src;
}

/** The same, piece by piece: a CR ending one piece and an LF starting the next are one line break. */
function* normalizedChunks(chunks: Iterable<string>): Generator<string> {
  let first = true;
  let afterCr = false;
  for (let text of chunks) {
    if (afterCr && text.charCodeAt(0) === 10) {
      text = text.slice(1);
      afterCr = false;
    }
    if (!text) continue;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!text) continue;
    }
    afterCr = text.charCodeAt(text.length - 1) === 13;
    yield text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  }
}

/** Characters of text held in memory parsed at a time. */
const CHUNK_CHARS = 1 << 20;

function* stringChunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 50;

/**
 * The separator of a delimited text: the candidate that splits the header into most fields while the
 * first rows keep that count (a full-width comma inside a 说明 does not split the header). Comma
 * when nothing splits it.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = normalizeBreaks(text.slice(0, SAMPLE_CHARS));
  let best: { delimiter: CsvDelimiter; fit: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const rows = papaParse(sample, { delimiter, newline: "\n", preview: SAMPLE_ROWS, skipEmptyLines: "greedy" }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    // The sample may end inside a row: its last row does not count.
    const body = rows.slice(1, rows.length > 2 ? -1 : undefined);
    const fit = body.filter((r) => r.length === width).length;
    if (!best || fit > best.fit || (fit === best.fit && width > best.width)) best = { delimiter, fit, width };
  }
  return best?.delimiter ?? ",";
}

function isBlankRow(fields: readonly string[]): boolean {
  for (const f of fields) if (!isBlank(f)) return false;
  return true;
}

/** Characters (not UTF-16 units) of text[from, to). */
function characters(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Offset where field k (0-based) of the record in src[start, end) begins, quotes respected; the record's
 * start when its quotes are too broken to tell.
 */
function fieldOffset(src: string, start: number, end: number, delimiter: string, k: number): number {
  let quoted = false;
  let field = 0;
  for (let i = start; i < end; i++) {
    if (field === k) return i;
    const ch = src[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && src.startsWith(delimiter, i)) field++;
    else if (!quoted && ch === "\n") break;
  }
  return start;
}

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: '从这里开始的引号直到文件末尾都没有配对的结束引号（字段中的引号应写成两个 ""）',
  InvalidQuotes: '引号括起的字段在结束引号之后还有其他字符（字段中的引号应写成两个 ""）',
};

export interface CsvScan {
  delimiter: CsvDelimiter;
  /** Records with any content, the header included. */
  records: number;
}

/**
 * Streams the records of a delimited text (CSV, 「Unicode 文本」) with the line each starts on, blank
 * lines skipped. The text is a string or pieces of one as a file is decoded (a piece may end anywhere,
 * even inside a quoted field): only the piece being parsed is held, never the whole text. Malformed
 * text (an unclosed quote, a record with more non-blank fields than the header) throws CsvFormatError
 * listing every spot once the text is read; records stop being handed over at the first one. Nothing
 * is swallowed or cut off silently.
 */
export function scanCsv(text: string | Iterable<string>, options: CsvOptions, onRecord: (fields: string[], line: number, index: number) => void): CsvScan {
  const pieces = normalizedChunks(typeof text === "string" ? stringChunks(text) : text)[Symbol.iterator]();
  // The separator, from the first 64K characters; those pieces are then parsed like the others.
  const head: string[] = [];
  let headLength = 0;
  let next = pieces.next();
  while (!next.done && headLength < SAMPLE_CHARS) {
    head.push(next.value);
    headLength += next.value.length;
    next = pieces.next();
  }
  const delimiter = options.delimiter ?? detectDelimiter(head.join(""));
  const take = (): string | undefined => {
    if (head.length) return head.shift();
    if (next.done) return undefined;
    const value = next.value;
    next = pieces.next();
    return value;
  };
  const more = () => head.length > 0 || !next.done;

  // Offsets are in the whole (normalized) text; `input` is the text being parsed, starting at `base`.
  const problems = new Map<number, CsvProblem>();
  let input = "";
  let base = 0;
  let start = 0;
  let records = 0;
  let width = 0;
  // The line of offset `lineAt`, counted forward as records are read (lineAt never falls before `base`).
  let line = 1;
  let lineAt = 0;
  const countLines = (to: number) => {
    for (let i = input.indexOf("\n", lineAt - base); i !== -1 && i + base < to; i = input.indexOf("\n", i + 1)) line++;
    lineAt = Math.max(lineAt, to);
  };
  // Line and column (1-based, counting characters) of an offset in the current record.
  const locate = (offset: number): { line: number; column: number } => {
    let at = line;
    let lineStart = start - base;
    for (let i = input.indexOf("\n", lineStart); i !== -1 && i < offset - base; i = input.indexOf("\n", i + 1)) {
      at++;
      lineStart = i + 1;
    }
    return { line: at, column: characters(input, lineStart, Math.max(lineStart, offset - base)) + 1 };
  };
  const problem = (offset: number, message: string) => {
    if (!problems.has(offset)) problems.set(offset, { ...locate(offset), message });
  };
  const step = (r: ParserStep) => {
    const fields = r.data[0];
    countLines(start);
    for (const e of r.errors) {
      if (e.index === undefined) continue;
      // Quote errors point just past the opening quote.
      const at = e.index > 0 && input.charCodeAt(e.index - 1) === 34 ? e.index - 1 : e.index;
      problem(at + base, QUOTE_MESSAGES[e.code] ?? e.message);
    }
    if (!isBlankRow(fields)) {
      if (records === 0) width = fields.length;
      else if (fields.length > width) {
        const extra = fields.findIndex((f, k) => k >= width && !isBlank(f));
        if (extra >= 0) problem(fieldOffset(input, start - base, r.meta.cursor - base, delimiter, extra) + base, `这一行有 ${fields.length} 个字段，比表头的 ${width} 个多；多出的「${fields[extra].slice(0, 20)}」没有对应的列`);
      }
      if (problems.size === 0) onRecord(fields, line, records);
      records++;
    }
    start = r.meta.cursor;
  };
  const parser = new PapaParser({ delimiter, newline: "\n", quoteChar: '"', escapeChar: '"', step });
  // As papaparse streams a file: each piece is parsed after the unfinished record the last one ended
  // in; that record is parsed again with at least as much new text as it holds (an unclosed quote
  // early in a large file is re-read a few times, not once per piece).
  let partial = "";
  for (;;) {
    let fresh = take() ?? "";
    while (more() && fresh.length < partial.length) fresh += take()!;
    const finished = !more();
    input = partial + fresh;
    const result = parser.parse(input, base, !finished);
    if (finished) break;
    const cursor = result.meta.cursor;
    countLines(cursor);
    partial = input.slice(cursor - base);
    base = cursor;
    options.onProgress?.(records);
  }
  input = "";
  options.onProgress?.(records);
  if (problems.size > 0) {
    const sorted = [...problems].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    throw new CsvFormatError(options.source ?? "CSV", sorted);
  }
  return { delimiter, records };
}

/** A delimited text as records (header included) with their lines; throws CsvFormatError on malformed text. */
export function readCsv(text: string | Iterable<string>, options: CsvOptions = {}): CsvTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  const { delimiter } = scanCsv(text, options, (fields, line) => {
    rows.push(fields);
    lines.push(line);
  });
  return { rows, lines, delimiter };
}

/** Records of a delimited text (header included); throws CsvFormatError on malformed text. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  return readCsv(text, options).rows;
}

/** Records as CSV text (quoted where needed, CRLF as Excel writes it). */
export function serializeCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ","): string {
  return papaUnparse(rows, { delimiter, newline: "\r\n" });
}

// ---------------------------------------------------------------------------------------------
// Rows of a clerk's table (a CSV or a sheet) as rows of ours.

export interface ImportContext {
  scheme: Scheme;
  members: readonly Member[];
  /** The workbook's year, for appraisals without a 年度 column. */
  year: number;
}

type ColumnType = TableSheetDef["columns"][number]["type"];

/**
 * One cell as the layout column wants it: dates as serials, numbers as numbers (typed the clerk's way:
 * 2026年3月5日, 20260305, "2026/03/05 00:00:00", ３分, −2). What cannot be read is kept as typed, for
 * validation to flag: never a zero, never dropped.
 */
function convert(value: CellValue, type: ColumnType): Cell {
  if (value === undefined || value === null || value === "" || isBlank(value)) return null;
  if (type === "date") return readDateSerial(value) ?? value;
  if (type === "number" || type === "integer") return parseNumberInput(value) ?? value;
  return typeof value === "string" ? value : String(value);
}

/**
 * Rows in layout order from cells in layout order (undefined where the clerk's table has no such
 * column), converted in place: cells typed by column, an entry's item name and fixed 分值 and the
 * member's 姓名 filled in. Column positions are looked up once: an import calls this per row.
 */
function layoutRowBuilder(kind: ImportKind, ctx: ImportContext): (cells: CellValue[]) => Cell[] {
  const def = IMPORT_TARGET[kind];
  const types = def.columns.map((c) => c.type);
  const items = new Map(ctx.scheme.items.map((i) => [i.code.toUpperCase(), i]));
  const names = new Map(ctx.members.map((m) => [m.id, m.name]));
  const at = (h: string) => def.columns.findIndex((c) => c.header === h);
  const [iCode, iItem, iPoints, iCount, iName, iId, iYear] = ["项目代码", "项目名称", "分值", "次数", "姓名", "编号", "年度"].map(at);
  return (cells) => {
    const row = cells as Cell[];
    for (let j = 0; j < types.length; j++) row[j] = convert(cells[j], types[j]);
    if (kind === "entries") {
      const item = items.get(toText(row[iCode]).toUpperCase());
      if (item) {
        row[iCode] = item.code;
        row[iItem] = item.name;
        if (row[iPoints] === null && item.points.kind === "fixed") row[iPoints] = item.points.value;
      }
      if (row[iCount] === null) row[iCount] = 1;
    }
    if (kind === "appraisals" && row[iYear] === null) row[iYear] = ctx.year;
    if (kind !== "roster" && row[iName] === null) row[iName] = names.get(toText(row[iId])) ?? null;
    return row;
  };
}

/**
 * One row in its table's layout order from cells keyed by our header (the task pane's entry form, a
 * line of a file): cells typed by column, an entry's item name and fixed 分值 and the member's 姓名
 * filled in.
 */
export function tableRowBuilder(kind: ImportKind, ctx: ImportContext): (byHeader: ReadonlyMap<string, CellValue>) => Cell[] {
  const headers = IMPORT_TARGET[kind].columns.map((c) => c.header);
  const build = layoutRowBuilder(kind, ctx);
  return (byHeader) => build(headers.map((h) => byHeader.get(h)));
}

/** A cell of a typed column (date, number) that could not be read: imported as typed, flagged by validation. */
export interface KeptValue {
  /** Line of the file (CSV) or row of the sheet (.xlsx). */
  line: number;
  /** Our header. */
  header: string;
  /** The clerk's header, when another name was matched. */
  source: string;
  value: string;
}

export interface ImportedRows {
  /** Rows in the target table's layout order. */
  rows: Cell[][];
  /** Line (CSV) or sheet row (.xlsx) of each row. */
  lines: number[];
  match: HeaderMatch;
  kept: KeptValue[];
  /** A roster's 上年得分 column (last year's total per member), for 上年积分: what the roster table has no column for. */
  previous?: PreviousTotalCell[];
}

/** One member's last-year total as a roster file gives it. */
export interface PreviousTotalCell {
  line: number;
  id: string;
  name: string;
  /** A number, or the text as typed (validation flags it). */
  value: Cell;
  /** The clerk's header. */
  source: string;
}

/** Headers a roster gives last year's total under. */
const PREVIOUS_TOTAL_HEADERS = /^上(一)?年(度)?(得分|积分|总分|考核分|考核得分|总积分)$/;

const TYPED_NAMES: Partial<Record<ColumnType, string>> = { date: "日期", number: "数字", integer: "整数" };

/** Takes the body rows of a clerk's table one by one (a file is streamed) and types them. */
export interface ImportRowSink {
  match: HeaderMatch;
  add(fields: readonly CellValue[], line: number): void;
  result(): ImportedRows;
}

/** A column is taken for one of unique texts (说明) once it has shown this many distinct ones, at least every other value new. */
const POOL_LIMIT = 4096;

/** A copy of a text holding only its own characters (see TextPool). */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * The texts of one column of imported rows, held as compactly as the rows of a large file need: a value
 * that repeats down the file (编号, 姓名, 记录人, 证明材料) is held once, and no value keeps the piece of
 * file text it was cut from alive. (In V8 — node, Chrome, Edge — a substring of 13 characters or more
 * is a view of the whole piece of text it came from; a copy holds only its own characters.)
 */
class TextPool {
  private known: Map<string, string> | null = new Map();
  private lookups = 0;

  keep(text: string): string {
    if (!this.known) return ownCopy(text);
    this.lookups++;
    const known = this.known.get(text);
    if (known !== undefined) return known;
    const own = ownCopy(text);
    if (this.known.size >= POOL_LIMIT && this.known.size * 2 > this.lookups) this.known = null;
    else this.known.set(own, own);
    return own;
  }
}

/**
 * Rows of ours from a clerk's table with this header row. Headers match exactly, then by synonym;
 * only a missing required column stops the import (`what` names the table in that message, e.g. "CSV"
 * or "名册.xlsx「名单」").
 */
export function importRowSink(kind: ImportKind, header: readonly CellValue[], ctx: ImportContext, what = "CSV"): ImportRowSink {
  const match = matchHeaders(header, kind);
  if (match.missing.length > 0) {
    const names = match.missing.map((g) => `「${g.join("」或「")}」`).join("、");
    throw new CoreError("bad-csv", `${what} 缺少${names}列；表头为：${header.map((h) => toText(h)).join(",")}`);
  }
  const def = IMPORT_TARGET[kind];
  const width = def.columns.length;
  const sourceOf = def.columns.map((c) => match.columns.find((m) => m.target === c.header)?.index ?? -1);
  const typed = match.columns.flatMap((c) => {
    const col = def.columns.findIndex((d) => d.header === c.target);
    return TYPED_NAMES[def.columns[col].type] ? [{ ...c, col }] : [];
  });
  const build = layoutRowBuilder(kind, ctx);
  const texts = def.columns.map(() => new TextPool());
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const kept: KeptValue[] = [];
  // A roster's last-year total goes to 上年积分 rather than being dropped.
  const previousAt = kind === "roster" ? header.findIndex((h) => PREVIOUS_TOTAL_HEADERS.test(headerKey(h))) : -1;
  const previousSource = previousAt < 0 ? "" : toText(header[previousAt]).trim();
  const previous: PreviousTotalCell[] = [];
  const used = previousAt < 0 ? match : { ...match, ignored: match.ignored.filter((h) => h.trim() !== previousSource) };
  return {
    match: used,
    add(fields, line) {
      const cells = new Array<CellValue>(width);
      for (let j = 0; j < width; j++) cells[j] = sourceOf[j] < 0 ? undefined : fields[sourceOf[j]];
      const row = build(cells);
      for (let j = 0; j < width; j++) if (typeof row[j] === "string") row[j] = texts[j].keep(row[j] as string);
      for (const c of typed) if (typeof row[c.col] === "string") kept.push({ line, header: c.target, source: c.source, value: row[c.col] as string });
      rows.push(row);
      lines.push(line);
      if (previousAt >= 0) {
        const value = convert(fields[previousAt], "number");
        if (value !== null) previous.push({ line, id: toText(row[0]), name: toText(row[1]), value, source: previousSource });
      }
    },
    result: () => ({ rows, lines, match: used, kept, ...(previousAt >= 0 ? { previous } : {}) }),
  };
}

/** A clerk's table (header row, then body rows with their line or row numbers) as rows of ours; see importRowSink. */
export function buildImportRows(
  kind: ImportKind,
  header: readonly CellValue[],
  body: readonly (readonly CellValue[])[],
  lines: readonly number[],
  ctx: ImportContext,
  what = "CSV",
): ImportedRows {
  const sink = importRowSink(kind, header, ctx, what);
  body.forEach((fields, i) => sink.add(fields, lines[i]));
  return sink.result();
}

export interface CsvImport extends ImportedRows {
  delimiter: CsvDelimiter;
  /** Records read, the header included (blank lines not counted). */
  records: number;
}

/** A delimited text (a string, or pieces of one as a file is decoded) as rows of a kind's table: streamed (separator detected), headers matched, cells typed. */
export function readCsvImport(kind: ImportKind, text: string | Iterable<string>, ctx: ImportContext, options: CsvOptions = {}): CsvImport {
  const state: { sink?: ImportRowSink } = {};
  const scan = scanCsv(text, options, (fields, line, index) => {
    if (index === 0) state.sink = importRowSink(kind, fields, ctx, options.source ? `${options.source}：CSV` : "CSV");
    else state.sink!.add(fields, line);
  });
  const imported = state.sink ? state.sink.result() : { rows: [], lines: [], match: { columns: [], ignored: [], missing: [] }, kept: [] };
  return { ...imported, delimiter: scan.delimiter, records: scan.records };
}

/**
 * CSV rows in the order of the target table's columns. Bad values are imported as they are and left
 * for validation to flag; only a missing required column or malformed text stops the import.
 */
export function importCsvRows(kind: ImportKind, csv: string, ctx: ImportContext): Cell[][] {
  return readCsvImport(kind, csv, ctx).rows;
}
