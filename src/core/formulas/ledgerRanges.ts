/**
 * The ledger tables as ranges (header row included, as the clerk selects them) read into what the
 * engine takes. Cells are read as readLedger reads them: numeric text, full-width digits, serial or
 * text dates; what cannot be read stays as written so the engine ignores that entry. Columns are
 * found by header text, in any order, among extra columns. Each parse is cached by content.
 */
import { CellError } from "../cellError";
import { type CellValue, isBlank } from "../cells";
import type { Appraisal, LedgerEntry, Member } from "../engine/types";
import { SHEETS } from "../ledger/layout";
import { type CellReaders, PLAIN_READERS, appraisalFromCells, entryFromCells, memberFromCells } from "../ledger/readLedger";
import type { AppraisalComponent, Scheme } from "../scheme/schema";
import { Lru, formulaCacheStats, hashColumns, registerCache } from "./cache";
import { type Matrix, cellOf, isEmptyRange, locateColumns } from "./rangeTable";

export interface Parsed<T> {
  /** Content key of the cells read. */
  key: string;
  value: T;
}

const LEDGER_LABEL = SHEETS.ledger.sheet;
const ROSTER_LABEL = SHEETS.roster.sheet;
const APPRAISAL_LABEL = SHEETS.appraisals.sheet;

/** The ledger columns scoring reads; 说明 only feeds veto reasons, which no formula shows. */
const LEDGER_REQUIRED = ["日期", "编号", "项目代码", "次数", "分值"] as const;

/** Large ledgers: a parse holds one object per entry, so keep few. */
const ledgerCache = new Lru<LedgerEntry[]>(4);
const rosterCache = new Lru<Member[]>(8);
const appraisalCache = new Lru<Appraisal[]>(8);
registerCache(() => ledgerCache.clear());
registerCache(() => rosterCache.clear());
registerCache(() => appraisalCache.clear());

function at(row: readonly unknown[], column: number): CellValue {
  return column < 0 ? null : cellOf(row[column]);
}

/**
 * Per-parse memos: a ledger repeats the same dates, ids and codes thousands of times, and reading
 * each cell anew (a Date per serial, two regular expressions per text) dominates a cold parse.
 */
function memoized<K, V>(read: (key: K) => V): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      value = read(key);
      memo.set(key, value);
    }
    return value as V;
  };
}

function allBlank(row: readonly unknown[], columns: readonly number[]): boolean {
  for (const c of columns) if (!isBlank(at(row, c))) return false;
  return true;
}

/** 积分台账 (日期, 编号, 项目代码, 次数, 分值) as ledger entries; blank rows are skipped. */
export function readLedgerRange(range: Matrix): Parsed<LedgerEntry[]> | CellError {
  const located = locateColumns(range, LEDGER_LABEL, LEDGER_REQUIRED, ["撤销行号"]);
  if (located instanceof CellError) return located;
  const reversesColumn = located.columns["撤销行号"];
  const columns = [...LEDGER_REQUIRED.map((h) => located.columns[h]), ...(reversesColumn >= 0 ? [reversesColumn] : [])];
  const key = hashColumns(range, located.headerRow + 1, columns);
  const cached = ledgerCache.get(key);
  if (cached) return { key, value: cached };

  formulaCacheStats.ledgerParses++;
  const [date, id, code, count, value, reverses = -1] = columns;
  const read: CellReaders = { text: memoized(PLAIN_READERS.text), code: memoized(PLAIN_READERS.code), date: memoized(PLAIN_READERS.date) };
  const entries: LedgerEntry[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    // Each cell read once: the blank check and the entry share it.
    const cells = { date: at(row, date), memberId: at(row, id), itemCode: at(row, code), count: at(row, count), value: at(row, value), reverses: at(row, reverses) };
    if (isBlank(cells.date) && isBlank(cells.memberId) && isBlank(cells.itemCode) && isBlank(cells.count) && isBlank(cells.value) && isBlank(cells.reverses)) continue;
    entries.push(entryFromCells(cells, r + 1, read));
  }
  ledgerCache.set(key, entries);
  return { key, value: entries };
}

/**
 * 党员名册 (编号, 姓名, 党员类别; 入党日期 where the scheme counts months before joining) as members.
 * Rows without anything in those columns are skipped.
 */
export function readRosterRange(range: Matrix, scheme: Scheme): Parsed<Member[]> | CellError {
  const needsJoin = scheme.newMembers === "branchAverage";
  const required = needsJoin ? ["编号", "姓名", "党员类别", "入党日期"] : ["编号", "姓名", "党员类别"];
  const located = locateColumns(range, ROSTER_LABEL, required);
  if (located instanceof CellError) return located;
  const columns = required.map((h) => located.columns[h]);
  const key = `${needsJoin ? "J" : "-"}${hashColumns(range, located.headerRow + 1, columns)}`;
  const cached = rosterCache.get(key);
  if (cached) return { key, value: cached };

  formulaCacheStats.rosterParses++;
  const [id, name, category, joined = -1] = columns;
  const members: Member[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (allBlank(row, columns)) continue;
    members.push(memberFromCells(at(row, id), at(row, name), at(row, category), at(row, joined)));
  }
  rosterCache.set(key, members);
  return { key, value: members };
}

/**
 * 民主评议 (年度, 编号, and 评议等次 or 分值 as the scheme's appraisal takes grades or a score).
 * An omitted or blank range means no appraisals; a scheme without an appraisal needs none.
 */
export function readAppraisalRange(range: Matrix, scheme: Scheme): Parsed<Appraisal[]> | CellError {
  const component = scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal");
  if (!component || isEmptyRange(range)) return { key: "none", value: [] };
  const byGrade = component.appraisal.mode === "grades";
  const required = ["年度", "编号", byGrade ? "评议等次" : "分值"];
  const located = locateColumns(range, APPRAISAL_LABEL, required);
  if (located instanceof CellError) return located;
  const columns = required.map((h) => located.columns[h]);
  const key = `${byGrade ? "G" : "S"}${hashColumns(range, located.headerRow + 1, columns)}`;
  const cached = appraisalCache.get(key);
  if (cached) return { key, value: cached };

  formulaCacheStats.appraisalParses++;
  const [year, id, result] = columns;
  const appraisals: Appraisal[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (allBlank(row, columns)) continue;
    const cell = at(row, result);
    appraisals.push(appraisalFromCells(at(row, year), at(row, id), byGrade ? cell : null, byGrade ? null : cell));
  }
  appraisalCache.set(key, appraisals);
  return { key, value: appraisals };
}
