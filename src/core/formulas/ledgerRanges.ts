/**
 * The ledger tables as ranges (header row included, as the clerk selects them) read into what the
 * engine takes. Cells are read as readLedger reads them: numeric text, full-width digits, serial or
 * text dates; what cannot be read stays as written so the engine ignores that entry. Columns are
 * found by header text, in any order, among extra columns. Each parse is cached by content.
 */
import { CellError } from "../cellError";
import type { CellValue } from "../cells";
import type { Appraisal, LedgerColumns, Member } from "../engine/types";
import { allBlank, filled, parseEntryRows } from "../ledger/entryColumns";
import { SHEETS, TRANSFERRED_IN } from "../ledger/layout";
import { LEGACY_REVERSES, RECORD_ID, REVERSES } from "../ledger/recordIds";
import { PLAIN_READERS, appraisalFromCells, memberFromCells } from "../ledger/readLedger";
import type { AppraisalComponent, Scheme } from "../scheme/schema";
import { ColumnHasher, Lru, formulaCacheStats, hashColumns, registerCache } from "./cache";
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

/** Large ledgers: a parse holds a few typed arrays of 100,000 cells, so keep few. */
const ledgerCache = new Lru<LedgerColumns>(4);
const rosterCache = new Lru<Member[]>(8);
const appraisalCache = new Lru<Appraisal[]>(8);
registerCache(() => ledgerCache.clear());
registerCache(() => rosterCache.clear());
registerCache(() => appraisalCache.clear());

function at(row: readonly unknown[], column: number): CellValue {
  return column < 0 ? null : cellOf(row[column]);
}

/**
 * 积分台账 (日期, 编号, 项目代码, 次数, 分值) as ledger columns; blank rows are skipped. Columns,
 * not an object per row: a cold parse of 100,000 rows then allocates a few arrays, and the garbage
 * collector has next to nothing to copy.
 */
export function readLedgerRange(range: Matrix): Parsed<LedgerColumns> | CellError {
  const located = locateColumns(range, LEDGER_LABEL, LEDGER_REQUIRED, [REVERSES, LEGACY_REVERSES, RECORD_ID]);
  if (located instanceof CellError) return located;
  // By 记录号, or by sheet row in a ledger from before 记录号 (撤销行号): as ledgerKeyColumns decides for a table.
  const byRow = located.columns[REVERSES] < 0 && located.columns[LEGACY_REVERSES] >= 0;
  const reversesColumn = byRow ? located.columns[LEGACY_REVERSES] : located.columns[REVERSES];
  const idColumn = byRow ? -1 : located.columns[RECORD_ID];
  const columns = [...LEDGER_REQUIRED.map((h) => located.columns[h]), reversesColumn, idColumn].filter((c) => c >= 0);
  // With nothing cached (a fresh runtime) nothing can hit: hash while parsing instead of in a pass of its own.
  const hasher = ledgerCache.size === 0 ? new ColumnHasher(columns) : null;
  let key = "";
  if (!hasher) {
    key = `${byRow ? "R" : "I"}${hashColumns(range, located.headerRow + 1, columns)}`;
    const cached = ledgerCache.get(key);
    if (cached) return { key, value: cached };
  }
  formulaCacheStats.ledgerParses++;
  const [date, memberId, itemCode, count, value] = columns;
  // The same reading as readLedger's (a test holds the two to the same entries); 说明 only feeds veto reasons, which no formula shows.
  const parsed = parseEntryRows(range, located.headerRow + 1, { date, memberId, itemCode, count, value, reverses: reversesColumn, id: idColumn, note: -1 }, { firstRef: located.headerRow + 2, blankColumns: columns, hasher });
  if (hasher) key = `${byRow ? "R" : "I"}${hasher.key(Math.max(0, range.length - located.headerRow - 1))}`;
  ledgerCache.set(key, parsed);
  return { key, value: parsed };
}

/**
 * 党员名册 (编号, 姓名, 党员类别; 转入日期 where the scheme counts months before joining, read when
 * the range has it) as members. Rows without anything in those columns are skipped.
 */
export function readRosterRange(range: Matrix, scheme: Scheme): Parsed<Member[]> | CellError {
  const needsJoin = scheme.newMembers === "branchAverage";
  const required = ["编号", "姓名", "党员类别"];
  const located = locateColumns(range, ROSTER_LABEL, required, needsJoin ? [TRANSFERRED_IN] : []);
  if (located instanceof CellError) return located;
  const columns = [...required, ...(needsJoin ? [TRANSFERRED_IN] : [])].map((h) => located.columns[h]).filter((c) => c >= 0);
  const key = `${needsJoin ? "J" : "-"}${hashColumns(range, located.headerRow + 1, columns)}`;
  const cached = rosterCache.get(key);
  if (cached) return { key, value: cached };

  formulaCacheStats.rosterParses++;
  const [id, name, category, transferred = -1] = columns;
  // Plain readers: a roster names each member once, so a memo would only add a map entry per cell.
  const read = PLAIN_READERS;
  const members: Member[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (!filled(row[id]) && allBlank(row, columns)) continue;
    members.push(memberFromCells({ id: at(row, id), name: at(row, name), category: at(row, category), joinedOn: null, transferredIn: at(row, transferred) }, read));
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
  // One row per member and year: nothing repeats enough for a memo to pay.
  const read = PLAIN_READERS;
  const appraisals: Appraisal[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (!filled(row[id]) && allBlank(row, columns)) continue;
    const cell = at(row, result);
    appraisals.push(appraisalFromCells(at(row, year), at(row, id), byGrade ? cell : null, byGrade ? null : cell, read));
  }
  appraisalCache.set(key, appraisals);
  return { key, value: appraisals };
}
