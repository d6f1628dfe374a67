/**
 * Which sheets the add-in generated, and whether they still hold what it wrote (issue 23): a report is
 * written again over its old sheet only when that sheet is the add-in's own and untouched since. A sheet
 * of the report's name that the clerk made, or a generated one the clerk typed on (「支委会意见：同意」), is
 * kept as it is and the new report goes beside it, as 「排名通报-2026 (2)」.
 *
 * The marker the clerk does not see: a hidden sheet, 报表生成记录, with a row per generated sheet — its
 * name, the name the report asked for, and a fingerprint of the cells as a read gives them back. A
 * hidden sheet and its text cells survive Excel, WPS and LibreOffice saving the file, and every gateway
 * reads and writes it the same way (writeSheet with `hidden`, readSheets).
 *
 * The fingerprint covers every non-blank cell that is not a formula, with its address: values, text and
 * date serials as read, numbers to 12 significant digits (what any program writes back), line ends as
 * LF. Formula cells are left out — Excel rewrites formula text and a saved file may give a cell of a
 * shared formula as its cached result — and their addresses are kept in the record instead, so the
 * same cells are left out when the sheet is read again. Anything typed elsewhere, a value changed, a
 * row inserted or deleted changes the fingerprint. The formulas are checked by their results instead
 * (those the sheet's own cells determine, see fingerprintModel): a number or another formula typed over
 * one is an edit too; Excel's rewriting of a formula's text is not.
 */
import { fnv1a } from "../hash";
import { fitSheetName, sameSheetName } from "../ops/excelLimits";
import { specContent } from "../ops/checkOps";
import { withFormulaResults } from "./formulaResults";
import { type Cell, type CellSpec, type SheetModel, columnIndexOf, columnLetter } from "../sheetModel";

/** The hidden sheet holding the record. */
export const GENERATED_RECORD_SHEET = "报表生成记录";

const HEADERS = ["工作表", "报表工作表名", "报表", "期间", "生成时间", "内容指纹", "公式单元格"] as const;
const NOTE = "本表由党员积分台账加载项维护（隐藏）：记录加载项生成的报表工作表及其内容指纹。重新生成报表时，只替换记录中、生成后未改动过的工作表；请勿修改本表。";
/** Formula addresses longer than a cell holds go on in the next cells of the row. */
const CHUNK = 32000;

export interface GeneratedRecord {
  /** The sheet as written. */
  sheet: string;
  /** The name the report asked for (differs when written beside a kept sheet). */
  base: string;
  form: string;
  period: string;
  time: string;
  fingerprint: string;
  /** Addresses of the formula cells, e.g. "F4:F33,D35" (left out of the fingerprint). */
  formulas: string;
}

/** Why a sheet of the report's name was kept. */
export type KeptReason = "not-generated" | "edited" | "posted";

export interface KeptSheet {
  /** The sheet kept as it is. */
  sheet: string;
  reason: KeptReason;
  /** Where the new report went instead. */
  writtenTo: string;
  /** The same in Chinese, for the clerk. */
  message: string;
}

// ---- fingerprint -------------------------------------------------------------------------------

/** A cell as compared: null for a blank one. */
function token(v: Cell | undefined): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return `n${Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v)}`;
  if (typeof v === "boolean") return v ? "b1" : "b0";
  return `s${v.replace(/\r\n?/g, "\n")}`;
}

const key = (row: number, column: number) => row * 16384 + column;

/** The fingerprint of cells (row-major from A1), leaving out the formula cells. */
function fingerprintOf(rows: readonly (readonly (Cell | undefined)[])[], formulas: ReadonlySet<number>): string {
  const parts: string[] = [];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const t = formulas.has(key(r, c)) ? null : token(v);
      if (t !== null) parts.push(`${r},${c}:${t}`);
    }),
  );
  return `${parts.length}:${fnv1a(parts.join("\u0001")).toString(16).padStart(8, "0")}`;
}

/** What a read gives back of a cell written from this spec (formulas: undefined). */
function asRead(spec: CellSpec): Cell | undefined {
  const content = specContent(spec);
  return "formula" in content ? undefined : content.value;
}

/** The results part of a fingerprint: each formula cell with a known result, at its place, in row-major order. */
function resultsPart(entries: readonly string[]): string {
  return `r${entries.length}:${fnv1a(entries.join("\u0001")).toString(16).padStart(8, "0")}`;
}

/** The formula cells whose results are not known beyond this many characters of addresses: no results part then. */
const UNKNOWN_LIMIT = 20_000;

/**
 * The fingerprint of a generated sheet as it is written, and where its formulas are. After the cells'
 * fingerprint come the formula results the sheet's own cells determine (`;r…`) and, when some are not
 * known, their addresses (`;u…`): a formula the clerk typed over — a number in 合计, another formula —
 * then counts as an edit too.
 */
export function fingerprintModel(model: SheetModel): { fingerprint: string; formulas: string } {
  const cells: [number, number][] = [];
  const at = new Set<number>();
  const known: string[] = [];
  const unknown: [number, number][] = [];
  // Worked out from the formula text, as the read side does (not taken from the result a builder supplied).
  const worked = withFormulaResults({ ...model, rows: model.rows.map((row) => row.map((spec) => (spec.formula ? { ...spec, result: undefined } : spec))) }).rows;
  model.rows.forEach((row, r) =>
    row.forEach((spec, c) => {
      if (spec.formula) {
        cells.push([r, c]);
        at.add(key(r, c));
        const result = worked[r][c].result;
        if (result === undefined) unknown.push([r, c]);
        else known.push(`${r},${c}:${token(result)}`);
      }
    }),
  );
  const base = fingerprintOf(model.rows.map((row) => row.map(asRead)), at);
  const u = encodeCells(unknown);
  const results = known.length === 0 || u.length > UNKNOWN_LIMIT ? "" : `;${resultsPart(known)}${u ? `;u${u}` : ""}`;
  return { fingerprint: base + results, formulas: encodeCells(cells) };
}

/** The fingerprint of a sheet as read (gateway.readSheets), leaving out the recorded formula cells. */
export function fingerprintCells(rows: readonly (readonly Cell[])[], formulas: string): string {
  return fingerprintOf(rows, new Set(decodeCells(formulas).map(([r, c]) => key(r, c))));
}

const isFormulaText = (v: Cell | undefined): v is string => typeof v === "string" && v.startsWith("=");

/**
 * The results part as read: a formula cell read as its cached result gives that value; one read as its
 * formula text (a gateway that gives formulas, or Excel's rewriting of it) is worked out from the cells
 * read, as when it was written.
 */
function readResultsPart(rows: readonly (readonly Cell[])[], formulas: string, unknown: string): string {
  const cells = decodeCells(formulas).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const skip = new Set(decodeCells(unknown).map(([r, c]) => key(r, c)));
  const formulaAt = new Set(cells.map(([r, c]) => key(r, c)));
  const needsWork = cells.some(([r, c]) => isFormulaText(rows[r]?.[c]));
  const worked = needsWork
    ? withFormulaResults({
        name: "",
        rows: rows.map((row, r) => row.map((v, c): CellSpec => (formulaAt.has(key(r, c)) && isFormulaText(v) ? { formula: v } : { value: v }))),
      }).rows
    : null;
  const known: string[] = [];
  for (const [r, c] of cells) {
    if (skip.has(key(r, c))) continue;
    const read = rows[r]?.[c];
    known.push(`${r},${c}:${token(isFormulaText(read) ? worked?.[r]?.[c]?.result : read)}`);
  }
  return resultsPart(known);
}

/** Whether a sheet as read is the generated sheet its record describes (cells, and formula results when recorded). */
export function matchesRecord(rows: readonly (readonly Cell[])[], record: Pick<GeneratedRecord, "fingerprint" | "formulas">): boolean {
  const [base, ...parts] = record.fingerprint.split(";");
  if (fingerprintCells(rows, record.formulas) !== base) return false;
  const results = parts.find((p) => p.startsWith("r"));
  if (!results) return true;
  return readResultsPart(rows, record.formulas, parts.find((p) => p.startsWith("u"))?.slice(1) ?? "") === results;
}

/**
 * Zero-based cells as A1 ranges: runs down a column, runs of equal runs across columns as rectangles
 * ("D5:F34,B36").
 */
export function encodeCells(cells: readonly [number, number][]): string {
  const byColumn = new Map<number, number[]>();
  for (const [r, c] of cells) {
    const list = byColumn.get(c) ?? [];
    list.push(r);
    byColumn.set(c, list);
  }
  const runs: { top: number; bottom: number; left: number; right: number }[] = [];
  const open = new Map<string, (typeof runs)[number]>();
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(c)!)].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      const id = `${rows[i]}:${rows[j]}`;
      const run = open.get(id);
      if (run && run.right === c - 1) run.right = c;
      else {
        const fresh = { top: rows[i], bottom: rows[j], left: c, right: c };
        runs.push(fresh);
        open.set(id, fresh);
      }
      i = j + 1;
    }
  }
  return runs
    .map((x) => {
      const a = `${columnLetter(x.left)}${x.top + 1}`;
      const b = `${columnLetter(x.right)}${x.bottom + 1}`;
      return a === b ? a : `${a}:${b}`;
    })
    .join(",");
}

/** The cells of encodeCells' ranges (zero-based); anything unreadable is skipped. */
export function decodeCells(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(",")) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const top = Number(m[2]) - 1;
    const bottom = Number(m[4] ?? m[2]) - 1;
    const left = columnIndexOf(m[1]);
    const right = columnIndexOf(m[3] ?? m[1]);
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) out.push([r, c]);
  }
  return out;
}

// ---- the record sheet --------------------------------------------------------------------------

const textOf = (v: Cell | undefined) => (v === null || v === undefined ? "" : String(v));

/**
 * The rows of the record sheet as read; null when a sheet of that name is there but is not the
 * add-in's record (no header row): it is then left alone.
 */
export function readGeneratedRecords(cells: readonly (readonly Cell[])[] | null | undefined): GeneratedRecord[] | null {
  if (!cells) return [];
  const headerRow = cells.findIndex((row) => HEADERS.every((h, i) => textOf(row[i]).trim() === h));
  if (headerRow < 0) return cells.every((row) => row.every((v) => token(v) === null)) ? [] : null;
  const out: GeneratedRecord[] = [];
  for (const row of cells.slice(headerRow + 1)) {
    const [sheet, base, form, period, time, fingerprint] = row.slice(0, 6).map(textOf);
    if (!sheet || !fingerprint) continue;
    out.push({ sheet, base: base || sheet, form, period, time, fingerprint, formulas: row.slice(6).map(textOf).join("") });
  }
  return out;
}

/** The hidden record sheet with these rows, all text. */
export function recordSheetModel(records: readonly GeneratedRecord[]): SheetModel {
  const t = (value: string, style: CellSpec["style"] = "cell"): CellSpec => ({ value, text: true, style });
  return {
    name: GENERATED_RECORD_SHEET,
    hidden: true,
    rows: [
      [t(NOTE, "note")],
      HEADERS.map((h) => t(h, "header")),
      ...records.map((x) => {
        const chunks: string[] = [];
        for (let i = 0; i < x.formulas.length; i += CHUNK) chunks.push(x.formulas.slice(i, i + CHUNK));
        return [x.sheet, x.base, x.form, x.period, x.time, x.fingerprint, ...chunks].map((v) => t(v));
      }),
    ],
    columnWidths: [24, 24, 14, 10, 18, 16, 30],
  };
}

// ---- where each sheet goes ---------------------------------------------------------------------

const BESIDE = / \((\d+)\)$/;

/** The name of the k-th sheet beside `base`, within Excel's 31 characters. */
export function besideName(base: string, k: number): string {
  return fitSheetName(base, ` (${k})`);
}

/**
 * The sheets to read before writing `models`: the record and every existing sheet a report may be
 * written over (one of the report's names, or one beside it).
 */
export function sheetsToRead(models: readonly SheetModel[], sheets: readonly string[]): string[] {
  const byKey = new Map(sheets.map((s) => [s.toUpperCase(), s]));
  const suffixes = new Set<number>();
  for (const s of sheets) {
    const m = BESIDE.exec(s);
    if (m) suffixes.add(Number(m[1]));
  }
  const out = new Set<string>();
  const add = (name: string) => {
    const s = byKey.get(name.toUpperCase());
    if (s !== undefined) out.add(s);
  };
  add(GENERATED_RECORD_SHEET);
  for (const m of models) {
    add(m.name);
    for (const k of suffixes) add(besideName(m.name, k));
  }
  return [...out];
}

export interface GeneratedPlan {
  /** The models, each named for the sheet it is written to. */
  models: SheetModel[];
  /** Sheets of a report's name that were kept, and where the report went instead. */
  kept: KeptSheet[];
  /** The record sheet to write (hidden); null when a sheet of its name is not the add-in's (nothing recorded). */
  record: SheetModel | null;
  warnings: string[];
}

export function keptMessage(sheet: string, reason: KeptReason, writtenTo: string, title: string): string {
  const why =
    reason === "posted"
      ? "是已审定期间张贴过的版本"
      : reason === "edited"
        ? "在生成后有改动（如手工填写的意见或修改的数字）"
        : "不是本加载项生成的（或无法确认是加载项生成的）";
  return `工作表「${sheet}」${why}，已原样保留；新生成的${title}写在工作表「${writtenTo}」。核对后可删除不需要的一张。`;
}

/**
 * Where each generated sheet is written. A sheet of the report's name (as Excel compares names) is
 * written over only when the record has it and it reads back with the fingerprint recorded; otherwise
 * it is kept and the report goes to a sheet beside it — the first one the record has for this report
 * that is still untouched, else a new one, 「<名称> (2)」, 「<名称> (3)」… The record then lists the sheets
 * written now and keeps the rows of every other sheet still in the workbook.
 */
export function planGeneratedSheets(input: {
  models: readonly SheetModel[];
  /** Every sheet of the workbook now. */
  sheets: readonly string[];
  /** The sheets of sheetsToRead as read (absent: not there). */
  reads: ReadonlyMap<string, Cell[][]>;
  /** Form title and period, for the record and messages. */
  title: string;
  period: string;
  time: string;
  /** Keep every existing sheet of the report's names, untouched or not (an approved period's posted 公示): the report goes beside them. */
  keepPosted?: boolean;
}): GeneratedPlan {
  const { models, sheets, reads, title, period, time, keepPosted = false } = input;
  const recordRead = reads.get(sameSheetName(sheets, GENERATED_RECORD_SHEET) ?? GENERATED_RECORD_SHEET);
  const parsed = readGeneratedRecords(recordRead);
  const warnings: string[] = [];
  if (parsed === null)
    warnings.push(`工作簿中已有名为「${GENERATED_RECORD_SHEET}」的工作表，但不是本加载项的记录：没有改动它，本次生成的表也没有登记（下次生成时会写在新的工作表中）`);
  const records = parsed ?? [];
  const bySheet = new Map(records.map((x) => [x.sheet, x]));
  // Asked more than once for a sheet (whether to keep it, then why): worked out once (results mean evaluating its formulas).
  const judged = new Map<string, boolean>();
  const intact = (sheet: string): boolean => {
    let known = judged.get(sheet);
    if (known === undefined) {
      const record = bySheet.get(sheet);
      const cells = reads.get(sheet);
      judged.set(sheet, (known = record !== undefined && cells !== undefined && matchesRecord(cells, record)));
    }
    return known;
  };
  const taken = new Set(sheets.map((s) => s.toUpperCase()));
  for (const m of models) taken.add(m.name.toUpperCase());
  const chosen = new Set<string>();
  const out: SheetModel[] = [];
  const kept: KeptSheet[] = [];
  const written: GeneratedRecord[] = [];
  for (const model of models) {
    const existing = sameSheetName(sheets, model.name);
    let target = model.name;
    if (existing !== undefined && (keepPosted || !(intact(existing) && !chosen.has(existing.toUpperCase())))) {
      const reuse = !keepPosted && records.find((x) => x.base === model.name && x.sheet !== existing && sameSheetName(sheets, x.sheet) === x.sheet && !chosen.has(x.sheet.toUpperCase()) && intact(x.sheet));
      if (reuse) target = reuse.sheet;
      else {
        let k = 2;
        while (taken.has(besideName(model.name, k).toUpperCase())) k++;
        target = besideName(model.name, k);
        taken.add(target.toUpperCase());
      }
      const reason: KeptReason = keepPosted && intact(existing) ? "posted" : bySheet.has(existing) ? "edited" : "not-generated";
      kept.push({ sheet: existing, reason, writtenTo: target, message: keptMessage(existing, reason, target, title) });
    } else if (existing !== undefined) target = existing;
    chosen.add(target.toUpperCase());
    const placed = target === model.name ? model : { ...model, name: target };
    out.push(placed);
    written.push({ sheet: target, base: model.name, form: title, period, time, ...fingerprintModel(placed) });
  }
  const stillThere = records.filter((x) => sameSheetName(sheets, x.sheet) === x.sheet && !chosen.has(x.sheet.toUpperCase()));
  return { models: out, kept, record: parsed === null ? null : recordSheetModel([...stillThere, ...written]), warnings };
}
