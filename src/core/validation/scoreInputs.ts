/**
 * The cells the scores are read from, checked before any total is given (issue 22: the totals are
 * either the hand-checked right ones or none at all).
 *
 * A cell a score depends on that cannot be read — text in a number column (「两分」 in 分值, 「两次」 in
 * 次数), an Excel error value (#REF!, #N/A …) where a formula lost what it referred to, a 评议等次 that is
 * none of the scheme's grades — would otherwise drop its row from the totals without a word, so the
 * scores, reports and approvals of the periods it falls in are refused until it is corrected. Values
 * that can be read but break a rule (an unknown 编号, a 分值 out of range, a date that does not exist) are
 * not this: validation lists them and the scores leave those rows out, naming them.
 *
 * Also here, for the sheets kept beside the ledger: the headers each one needs (a renamed header is
 * flagged at the header row instead of every row reading as blank).
 */
import { isBlank, isErrorValue, toIsoDate, toNumber, toText } from "../cells";
import { APPROVED_SCORES } from "../approval/approvedScores";
import { PREVIOUS_TOTALS, carryOverComponents } from "../carryOver/previousTotals";
import { DUES_STORE } from "../dues/duesRegister";
import { SHEETS, type TableSheetDef, TRANSFERRED_IN } from "../ledger/layout";
import { type Period, periodDates, periodReach } from "../period";

export { isErrorValue } from "../cells";

const REVERSAL_HEADERS = new Set(["撤销记录号", "撤销行号"]);
const IDENTITY_HEADERS = new Set(["日期", "编号", "项目代码"]);
import { type Scheme, cycleWideItems, grantsOf } from "../scheme/schema";
import { KNOWN_TABLES } from "../stores/knownTables";
import { type Cell, type TableData, columnLetter } from "../sheetModel";
import { headerIndex, headerText } from "../tableRegion";
import type { ValidationIssue } from "./validateLedger";

/** A table the scores read: the columns read, those of them that must hold numbers, and whether this scheme reads it at all. */
interface ScoreInput {
  def: TableSheetDef;
  reads: readonly string[];
  numbers: (scheme: Scheme | null) => readonly string[];
  /** Which periods a bad cell of a row blocks: an entry's date, an appraisal's year, or every period. */
  scope: "entry" | "appraisal" | "all";
  usedBy?: (scheme: Scheme | null) => boolean;
}

const appraisalMode = (scheme: Scheme | null) => {
  const c = scheme?.components.find((x) => x.kind === "appraisal");
  return c?.kind === "appraisal" ? c.appraisal : null;
};

const SCORE_INPUTS: readonly ScoreInput[] = [
  { def: SHEETS.settings, reads: ["项目", "值"], numbers: () => [], scope: "all" },
  { def: SHEETS.roster, reads: ["编号", "姓名", "党员类别", "入党日期", TRANSFERRED_IN], numbers: () => [], scope: "all" },
  {
    def: SHEETS.ledger,
    reads: ["日期", "编号", "项目代码", "次数", "分值", "撤销记录号", "撤销行号"],
    numbers: () => ["次数", "分值", "撤销记录号", "撤销行号"],
    scope: "entry",
  },
  {
    def: SHEETS.appraisals,
    reads: ["年度", "编号", "评议等次", "分值"],
    // 分值 is read only when the scheme scores the appraisal by votes; by grades it is a note.
    numbers: (scheme) => (appraisalMode(scheme)?.mode === "grades" ? ["年度"] : ["年度", "分值"]),
    scope: "appraisal",
  },
  { def: APPROVED_SCORES, reads: ["期间", "次序", "编号", "否决", "逐月积分"], numbers: () => ["次序"], scope: "all" },
  { def: PREVIOUS_TOTALS, reads: ["编号", "上年得分"], numbers: () => ["上年得分"], scope: "all", usedBy: (s) => s !== null && carryOverComponents(s).length > 0 },
  { def: DUES_STORE, reads: ["月份", "编号", "应交", "实交", "交纳日期"], numbers: () => ["应交", "实交"], scope: "all", usedBy: (s) => Boolean(s?.dues) },
];

/** The sheets kept beside the ledger whose rows feed the scores (rows typed below them are errors, like the ledger's). */
export const SCORE_FEEDING_SIDE_TABLES: readonly string[] = [APPROVED_SCORES.table, PREVIOUS_TOTALS.table, DUES_STORE.table];

/** A cell the scores cannot read, at its place, with the periods it keeps from being scored. */
export interface UnreadableCell extends ValidationIssue {
  /** "all"; an entry's date (ISO: the periods holding it; null when the date itself is unreadable: all); an appraisal's year (the year's totals). */
  blocks: { kind: "all" } | { kind: "entry"; date: string | null; cycle?: true } | { kind: "appraisal"; year: number | null };
}

function show(value: Cell): string {
  const s = String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Every cell the scores read that cannot be read, in sheet order. `scheme` (the workbook's, latest
 * version) says which side sheets it reads and its appraisal grades; null checks the ledger's own sheets.
 */
export function unreadableCells(tables: ReadonlyMap<string, TableData>, scheme: Scheme | null): UnreadableCell[] {
  const out: UnreadableCell[] = [];
  const appraisal = appraisalMode(scheme);
  const grades = appraisal?.mode === "grades" ? new Set(appraisal.grades.map((g) => g.name)) : null;
  // A cell that may hide a veto (who, which item, when; any cell of a veto or veto-pattern item's row) or
  // cancel an entry of any period (撤销) changes the whole cycle, not only the periods reaching its date.
  const wide = scheme ? cycleWideItems(scheme) : { vetoes: false, codes: new Set<string>() };
  const cycleWide = (header: string, code: Cell | undefined) =>
    REVERSAL_HEADERS.has(header) || (wide.vetoes && (IDENTITY_HEADERS.has(header) || wide.codes.has(toText(code ?? null).toUpperCase())));
  for (const input of SCORE_INPUTS) {
    const table = tables.get(input.def.table);
    if (!table || (input.usedBy && !input.usedBy(scheme))) continue;
    const at = (header: string) => headerIndex(table.headers, header);
    const reads = input.reads.map((h) => ({ header: h, index: at(h) })).filter((c) => c.index >= 0);
    const numbers = new Set(input.numbers(scheme));
    const dateColumn = at("日期");
    const yearColumn = at("年度");
    const gradeColumn = input.scope === "appraisal" && grades ? at("评议等次") : -1;
    const codeColumn = at("项目代码");
    table.rows.forEach((cells, i) => {
      const row = table.firstRow + i;
      let blocks: UnreadableCell["blocks"] | null = null;
      const scope = (): UnreadableCell["blocks"] => {
        if (input.scope === "entry") return { kind: "entry", date: dateColumn < 0 ? null : toIsoDate(cells[dateColumn] ?? null) };
        if (input.scope === "appraisal") {
          const year = yearColumn < 0 ? null : toNumber(cells[yearColumn] ?? null);
          return { kind: "appraisal", year: year !== null && Number.isInteger(year) ? year : null };
        }
        return { kind: "all" };
      };
      const add = (index: number, header: string, message: string) => {
        blocks ??= scope();
        const values = Object.fromEntries(table.headers.map((h, c) => [headerText(h), cells[c] ?? null]));
        const cell = blocks.kind === "entry" && cycleWide(header, cells[codeColumn]) ? { ...blocks, cycle: true as const } : blocks;
        out.push({ code: "unreadable-cell", severity: "error", sheet: table.sheet, row, column: columnLetter(table.firstColumn + index), header, message: `第${row}行 ${message}`, values, blocks: cell });
      };
      for (const { header, index } of reads) {
        const v = cells[index] ?? null;
        if (typeof v === "number" || isBlank(v)) continue;
        if (isErrorValue(v)) add(index, header, `${header}是错误值 ${v.trim()}：单元格原来的内容已丢失（如公式引用的单元格被删除），这一行无法计分`);
        else if (numbers.has(header) && toNumber(v) === null) add(index, header, `${header}「${show(v)}」不是数字，这一行无法计分`);
        else if (index === gradeColumn && !grades!.has(toText(v)))
          add(index, header, `评议等次「${show(v)}」不是本方案的评议等次（${[...grades!].join("、")}），${toText(cells[at("编号")] ?? null) || "这名党员"}的评议分无法计入`);
      }
    });
  }
  return out;
}

/** Whether a cell that cannot be read keeps `period` from being scored. */
export function blocksPeriod(cell: UnreadableCell, period: Period, scheme: Pick<Scheme, "cycleStartMonth" | "components">, approved: readonly { start: string; end: string }[] = []): boolean {
  const b = cell.blocks;
  if (b.kind === "all") return true;
  if (b.kind === "appraisal") return period.kind === "cycle" && (b.year === null || b.year === period.cycleYear);
  if (b.date === null) return true;
  const date = b.date;
  // An approved period's points are final: a cell of its months reaches no later period.
  const frozen = !b.cycle && approved.some((a) => date >= a.start && date <= a.end);
  const { start, end } = b.cycle
    ? periodDates({ ...period, kind: "cycle", startOffset: 0, months: 12 }, scheme.cycleStartMonth)
    : frozen
      ? periodDates(period, scheme.cycleStartMonth)
      : periodReach(period, scheme.cycleStartMonth, grantsOf(scheme));
  return date >= start && date <= end;
}


/** Headers the feeding side sheets cannot be read without; the other side sheets need every header of their layout. */
const NEEDED_HEADERS: Readonly<Record<string, readonly string[]>> = {
  [APPROVED_SCORES.table]: ["期间", "编号", "逐月积分"],
  [PREVIOUS_TOTALS.table]: ["编号", "上年得分"],
  [DUES_STORE.table]: ["月份", "编号", "应交", "实交"],
};

/**
 * Headers missing from the sheets kept beside the ledger (those of `skip`, checked with the ledger, aside):
 * an error where the sheet feeds the scores, else a warning (the column is not read).
 */
export function sideHeaderIssues(tables: ReadonlyMap<string, TableData>, skip: ReadonlySet<string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const k of KNOWN_TABLES) {
    const table = tables.get(k.table);
    if (!table || skip.has(k.table)) continue;
    const needed = NEEDED_HEADERS[k.table];
    const missing = (needed ?? k.headers).filter((h) => headerIndex(table.headers, h) < 0);
    if (missing.length === 0) continue;
    const headerRow = table.firstRow - 1;
    issues.push({
      code: "missing-column",
      severity: needed ? "error" : "warning",
      sheet: table.sheet,
      row: headerRow,
      column: columnLetter(table.firstColumn),
      header: missing.join("、"),
      message: `第${headerRow}行 表头缺少：${missing.join("、")}${needed ? "" : "（这些列的内容未读取）"}`,
      values: {},
    });
  }
  return issues;
}
