/**
 * The ledger tables as ranges (header row included, as the clerk selects them) read into what the
 * engine takes. Cells are read as readLedger reads them: numeric text, full-width digits, serial or
 * text dates; what cannot be read stays as written so the engine ignores that entry. Columns are
 * found by header text, in any order, among extra columns. Each parse is cached by content.
 */
import { CellError } from "../cellError";
import { type CellValue, isBlank, toNumber } from "../cells";
import { textPool } from "../engine/scoreMembers";
import { type Appraisal, BLANK_NUMBER, type LedgerColumns, type Member } from "../engine/types";
import { SHEETS } from "../ledger/layout";
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
 * A per-parse memo over raw cells: a ledger repeats the same dates, ids and codes thousands of
 * times, and reading each cell anew (a Date per serial, regular expressions per text) would dominate
 * a cold parse. Numbers and strings are memoized apart so that 1 and "1" stay distinct.
 */
function memoized<V>(read: (value: CellValue) => V): (raw: unknown) => V {
  const numbers = new Map<number, V>();
  const strings = new Map<string, V>();
  return (raw) => {
    if (typeof raw === "number") {
      let value = numbers.get(raw);
      if (value === undefined) numbers.set(raw, (value = read(raw)));
      return value;
    }
    if (typeof raw === "string") {
      let value = strings.get(raw);
      if (value === undefined) strings.set(raw, (value = read(raw)));
      return value;
    }
    return read(cellOf(raw));
  };
}

function allBlank(row: readonly unknown[], columns: readonly number[]): boolean {
  for (const c of columns) if (!isBlank(at(row, c))) return false;
  return true;
}

/** A 次数 or 分值 cell as readLedger reads it (BLANK_NUMBER when blank, NaN when not a number), with numbers (nearly every cell) taken as they are. */
function numberCell(raw: unknown): number {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : Number.NaN;
  const cell = cellOf(raw);
  return isBlank(cell) ? BLANK_NUMBER : toNumber(cell) ?? Number.NaN;
}

/** A cell that is surely not blank, decided without reading it (the common case of a filled row). */
function filled(raw: unknown): boolean {
  return typeof raw === "number" || (typeof raw === "string" && raw.length > 0 && raw.charCodeAt(0) > 0x20 && raw.charCodeAt(0) !== 0x3000 && raw.charCodeAt(0) !== 0xa0);
}

/**
 * 积分台账 (日期, 编号, 项目代码, 次数, 分值) as ledger columns; blank rows are skipped. Columns,
 * not an object per row: a cold parse of 100,000 rows then allocates a few arrays, and the garbage
 * collector has next to nothing to copy.
 */
export function readLedgerRange(range: Matrix): Parsed<LedgerColumns> | CellError {
  const located = locateColumns(range, LEDGER_LABEL, LEDGER_REQUIRED, ["撤销行号"]);
  if (located instanceof CellError) return located;
  const reversesColumn = located.columns["撤销行号"];
  const columns = [...LEDGER_REQUIRED.map((h) => located.columns[h]), ...(reversesColumn >= 0 ? [reversesColumn] : [])];
  // With nothing cached (a fresh runtime) nothing can hit: hash while parsing instead of in a pass of its own.
  const hasher = ledgerCache.size === 0 ? new ColumnHasher(columns) : null;
  let key = "";
  if (!hasher) {
    key = hashColumns(range, located.headerRow + 1, columns);
    const cached = ledgerCache.get(key);
    if (cached) return { key, value: cached };
  }
  const value = parseLedgerColumns(range, located.headerRow, columns, hasher);
  if (hasher) key = hasher.key(Math.max(0, range.length - located.headerRow - 1));
  ledgerCache.set(key, value);
  return { key, value };
}

/** Parses the ledger columns, feeding each row to `hasher` when the key is still to be made. */
function parseLedgerColumns(range: Matrix, headerRow: number, columns: readonly number[], hasher: ColumnHasher | null): LedgerColumns {
  formulaCacheStats.ledgerParses++;
  const [date, id, code, count, value, reverses = -1] = columns;
  // The same readers as readLedger's entryFromCells (a test holds the two to the same entries),
  // each distinct cell read once into the shared text pool.
  const pool = textPool();
  const readDate = memoized((cell) => pool.index(PLAIN_READERS.date(cell)));
  // Member ids: most are already plain text, which the reader returns at the cost of a scan; the pool's
  // own map then does what a memo would, one lookup instead of two.
  const readText = (raw: unknown) => pool.index(PLAIN_READERS.text(typeof raw === "string" || typeof raw === "number" ? raw : cellOf(raw)));
  const readCode = memoized((cell) => pool.index(PLAIN_READERS.code(cell)));
  const size = Math.max(0, range.length - headerRow - 1);
  const columnsOut = {
    date: new Int32Array(size),
    memberId: new Int32Array(size),
    itemCode: new Int32Array(size),
    count: new Float64Array(size),
    value: new Float64Array(size),
    ref: new Float64Array(size),
    reverses: new Float64Array(size),
  };
  let n = 0;
  for (let r = headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (hasher) hasher.row(row);
    const d = row[date];
    const m = row[id];
    const c = row[code];
    if (!filled(d) && !filled(m) && !filled(c) && allBlank(row, columns)) continue;
    const x = reverses < 0 ? null : row[reverses];
    const reversed = x === null || x === undefined || x === "" ? BLANK_NUMBER : numberCell(x);
    columnsOut.date[n] = readDate(d);
    columnsOut.memberId[n] = readText(m);
    columnsOut.itemCode[n] = readCode(c);
    columnsOut.count[n] = numberCell(row[count]);
    columnsOut.value[n] = numberCell(row[value]);
    columnsOut.ref[n] = r + 1;
    columnsOut.reverses[n] = Number.isInteger(reversed) ? reversed : Number.NaN;
    n++;
  }
  return {
    length: n,
    texts: pool.texts,
    date: columnsOut.date.subarray(0, n),
    memberId: columnsOut.memberId.subarray(0, n),
    itemCode: columnsOut.itemCode.subarray(0, n),
    count: columnsOut.count.subarray(0, n),
    value: columnsOut.value.subarray(0, n),
    ref: columnsOut.ref.subarray(0, n),
    reverses: columnsOut.reverses.subarray(0, n),
  };
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
  // Plain readers: a roster names each member once, so a memo would only add a map entry per cell.
  const read = PLAIN_READERS;
  const members: Member[] = [];
  for (let r = located.headerRow + 1; r < range.length; r++) {
    const row = range[r];
    if (!filled(row[id]) && allBlank(row, columns)) continue;
    members.push(memberFromCells(at(row, id), at(row, name), at(row, category), at(row, joined), read));
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
