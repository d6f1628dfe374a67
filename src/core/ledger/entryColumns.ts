/**
 * The one reading of 积分台账 rows into the model the engine scores (LedgerColumns: a text pool and
 * typed arrays), shared by readLedger (a gateway's TableData: CLI, task pane) and the PARTY.* range
 * reader. Cells are read leniently (numeric text, full-width digits, serial or text dates); what cannot
 * be read stays as written so the engine and the validator report it at its row.
 */
import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { textPool } from "../engine/scoreMembers";
import { BLANK_NUMBER, type LedgerColumns } from "../engine/types";
import { cellOf } from "../formulas/rangeTable";
import type { TableData } from "../sheetModel";
import { headerText } from "../tableRegion";
import { RECORD_ID, reversalColumns } from "./recordIds";

/** How cells become ids, codes and dates. */
export interface CellReaders {
  text: (value: CellValue) => string;
  code: (value: CellValue) => string;
  date: (value: CellValue) => string;
}

export const PLAIN_READERS: CellReaders = {
  text: toText,
  code: (value) => toText(value).toUpperCase(),
  // What is not a date stays as written, so the engine reports it as a bad date.
  date: (value) => toIsoDate(value) ?? toText(value),
};

/** Column index of each ledger field in a row; -1 where the column is absent. */
export interface EntryColumnIndexes {
  date: number;
  memberId: number;
  itemCode: number;
  count: number;
  value: number;
  reverses: number;
  /** 记录号, which `reverses` names; -1 for an older ledger whose corrections name sheet rows. */
  id?: number;
  /** 说明, which only feeds veto reasons; -1 to leave notes out. */
  note: number;
}

export interface EntryRowsOptions {
  /** The sheet row of rows[0] (an entry's ref is its sheet row). */
  firstRef: number;
  /** A row blank in all of these columns is skipped. */
  blankColumns: readonly number[];
  /** Fed every row read, skipped rows included (a content hash made while parsing). */
  hasher?: { row(row: readonly unknown[]): void } | null;
}

/**
 * A per-parse memo over raw cells: a ledger repeats the same dates and codes thousands of times, and
 * reading each cell anew (a Date per serial, regular expressions per text) would dominate a parse.
 * Numbers and strings are memoized apart so that 1 and "1" stay distinct.
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

function at(row: readonly unknown[], column: number): CellValue {
  return column < 0 ? null : cellOf(row[column]);
}

export function allBlank(row: readonly unknown[], columns: readonly number[]): boolean {
  for (const c of columns) if (!isBlank(at(row, c))) return false;
  return true;
}

/** A cell that is surely not blank, decided without reading it (the common case of a filled row). */
export function filled(raw: unknown): boolean {
  return typeof raw === "number" || (typeof raw === "string" && raw.length > 0 && raw.charCodeAt(0) > 0x20 && raw.charCodeAt(0) !== 0x3000 && raw.charCodeAt(0) !== 0xa0);
}

/** A 次数 or 分值 cell: BLANK_NUMBER when blank, NaN when not a number; numbers (nearly every cell) taken as they are. */
function numberCell(raw: unknown): number {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : Number.NaN;
  const cell = cellOf(raw);
  return isBlank(cell) ? BLANK_NUMBER : toNumber(cell) ?? Number.NaN;
}

/** Rows from `from` on as ledger columns, blank rows skipped; a few arrays whatever the number of rows. */
export function parseEntryRows(rows: readonly (readonly unknown[])[], from: number, columns: EntryColumnIndexes, options: EntryRowsOptions): LedgerColumns {
  const { date, memberId: id, itemCode: code, count, value, reverses, note } = columns;
  const idColumn = columns.id ?? -1;
  const { blankColumns, hasher } = options;
  const refBase = options.firstRef;
  // Each distinct cell read once into the shared text pool.
  const pool = textPool();
  const readDate = memoized((cell) => pool.index(PLAIN_READERS.date(cell)));
  // Member ids: most are plain text already, which the reader returns after a scan; the pool's own map
  // then does what a memo would, one lookup instead of two.
  const readText = (raw: unknown) => pool.index(PLAIN_READERS.text(typeof raw === "string" || typeof raw === "number" ? raw : cellOf(raw)));
  const readCode = memoized((cell) => pool.index(PLAIN_READERS.code(cell)));
  const size = Math.max(0, rows.length - from);
  const out = {
    date: new Int32Array(size),
    memberId: new Int32Array(size),
    itemCode: new Int32Array(size),
    count: new Float64Array(size),
    value: new Float64Array(size),
    ref: new Float64Array(size),
    reverses: new Float64Array(size),
    id: idColumn < 0 ? undefined : new Float64Array(size),
  };
  let notes: (string | undefined)[] | undefined;
  let badReverses: number[] | undefined;
  let n = 0;
  for (let r = from; r < rows.length; r++) {
    const row = rows[r];
    if (hasher) hasher.row(row);
    const d = row[date];
    const m = row[id];
    const c = row[code];
    if (!filled(d) && !filled(m) && !filled(c) && allBlank(row, blankColumns)) continue;
    const x = reverses < 0 ? null : row[reverses];
    const reversed = x === null || x === undefined || x === "" ? BLANK_NUMBER : numberCell(x);
    out.date[n] = readDate(d);
    out.memberId[n] = readText(m);
    out.itemCode[n] = readCode(c);
    out.count[n] = numberCell(row[count]);
    out.value[n] = numberCell(row[value]);
    out.ref[n] = refBase + r - from;
    out.reverses[n] = Number.isInteger(reversed) ? reversed : Number.NaN;
    if (reversed !== BLANK_NUMBER && !Number.isInteger(reversed)) (badReverses ??= []).push(n);
    if (out.id) {
      const key = numberCell(row[idColumn]);
      out.id[n] = Number.isInteger(key) ? key : Number.NaN;
    }
    if (note >= 0) {
      const raw = row[note];
      if (raw !== null && raw !== undefined && raw !== "") {
        const text = toText(cellOf(raw));
        if (text) (notes ??= [])[n] = text;
      }
    }
    n++;
  }
  if (notes && notes.length < n) notes.length = n;
  return {
    length: n,
    texts: pool.texts,
    date: out.date.subarray(0, n),
    memberId: out.memberId.subarray(0, n),
    itemCode: out.itemCode.subarray(0, n),
    count: out.count.subarray(0, n),
    value: out.value.subarray(0, n),
    ref: out.ref.subarray(0, n),
    reverses: out.reverses.subarray(0, n),
    ...(out.id ? { id: out.id.subarray(0, n) } : {}),
    note: notes,
    ...(badReverses ? { unreadableReverses: badReverses } : {}),
  };
}

/** Where corrections and the 记录号 they name are: by 记录号, or by sheet row in a ledger from before 记录号. */
export function ledgerKeyColumns(headers: readonly string[]): { reverses: number; id: number } {
  const { reverses, keys } = reversalColumns(headers);
  return { reverses: reverses === null ? -1 : headers.lastIndexOf(reverses), id: keys === "rows" ? -1 : headers.lastIndexOf(RECORD_ID) };
}

/** The 积分台账 table as read by a gateway; no table, no entries. A row blank in every column is skipped. */
export function ledgerColumnsOfTable(table: TableData | undefined): LedgerColumns {
  const headers = table ? table.headers.map(headerText) : [];
  // The last column of a header, as a row keyed by header keeps it.
  const column = (header: string) => headers.lastIndexOf(header);
  const columns: EntryColumnIndexes = {
    date: column("日期"),
    memberId: column("编号"),
    itemCode: column("项目代码"),
    count: column("次数"),
    value: column("分值"),
    ...ledgerKeyColumns(headers),
    note: column("说明"),
  };
  return parseEntryRows(table?.rows ?? [], 0, columns, { firstRef: table?.firstRow ?? 0, blankColumns: headers.map((_, i) => i) });
}
