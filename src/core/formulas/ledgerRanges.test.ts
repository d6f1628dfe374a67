import fc from "fast-check";
import { isBlank } from "../cells";
import type { LedgerColumns } from "../engine/types";
import { SHEETS } from "../ledger/layout";
import { readLedgerModel } from "../ledger/readLedger";
import type { Cell, TableData } from "../sheetModel";
import { resetFormulaCaches } from "./cache";
import { readLedgerRange } from "./ledgerRanges";
import { cellOf } from "./rangeTable";

const HEADERS = SHEETS.ledger.columns.map((c) => c.header);
const FIRST_ROW = 2;

/** Both readings of one ledger: readLedgerModel over the table (CLI, task pane) and the range a formula gets. */
function bothWays(rows: Cell[][]): { viaTable: LedgerColumns; viaRange: LedgerColumns } {
  const table: TableData = { name: SHEETS.ledger.table, sheet: SHEETS.ledger.sheet, headers: HEADERS, rowCount: rows.length, rows, firstRow: FIRST_ROW, firstColumn: 0 };
  const viaTable = readLedgerModel(new Map([[SHEETS.ledger.table, table]])).entries;
  resetFormulaCaches();
  const parsed = readLedgerRange([HEADERS, ...rows]);
  if (!("value" in parsed)) throw new Error(parsed.message);
  return { viaTable, viaRange: parsed.value };
}

/** A column set as plain per-entry records, texts resolved, so that two pools compare equal. */
function records(columns: LedgerColumns) {
  return Array.from({ length: columns.length }, (_, i) => ({
    date: columns.texts[columns.date[i]],
    memberId: columns.texts[columns.memberId[i]],
    itemCode: columns.texts[columns.itemCode[i]],
    count: columns.count[i],
    value: columns.value[i],
    ref: columns.ref[i],
    reverses: columns.reverses[i],
    id: columns.id?.[i],
  }));
}

const row = (date: Cell, id: Cell, code: Cell, count: Cell, value: Cell, reverses: Cell = null): Cell[] => [date, id, "", code, "", count, value, "", "", "", reverses];

describe("readLedgerRange reads cells as readLedger does", () => {
  it("agrees on serial and text dates, numeric and full-width text, blanks, bad cells and reversals", () => {
    const { viaTable, viaRange } = bothWays([
      row(46023, "M001", "a1", 1, 2),
      row("2026/3/5", " M002 ", "A1", "２", "3"),
      row("2026-02-30", "M003", "B2", "", null),
      row(null, null, null, null, null),
      row("   ", "", "", "", ""),
      row(46030, "M001", "A1", "x", "#N/A"),
      row(46031, 7, "C3", 1.5, -2, 3),
      row(46031, "M004", "C3", 1, -2, "abc"),
      row("2026年4月1日", "M005", "d4", "1", "−4"),
    ]);
    expect(records(viaRange)).toEqual(records(viaTable));
    expect(viaRange.length).toBe(7);
    expect(records(viaRange)[0]).toEqual({ date: "2026-01-01", memberId: "M001", itemCode: "A1", count: 1, value: 2, ref: 2, reverses: Number.NaN, id: Number.NaN });
  });

  it("agrees on random cells (a row blank in every scored column is skipped by the range reader: it scores nothing either way)", () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -5, max: 47000 }),
      fc.double({ noNaN: true, min: -10, max: 10 }),
      fc.constantFrom("", " ", "M001", "m001 ", "A1", "２０２６-０３-０１", "2026-03-01", "2026/13/01", "#N/A", "1.5", "3", "−2", "abc"),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 12, maxLength: 12 }), { maxLength: 12 }), (rows) => {
        const { viaTable, viaRange } = bothWays(rows);
        // 日期, 编号, 项目代码, 次数, 分值, 撤销记录号, 记录号
        const kept = new Set(rows.flatMap((r, i) => ([0, 1, 3, 5, 6, 10, 11].some((c) => !isBlank(cellOf(r[c]))) ? [FIRST_ROW + i] : [])));
        expect(records(viaRange)).toEqual(records(viaTable).filter((r) => kept.has(r.ref)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("readLedgerRange keys", () => {
  const headers = SHEETS.ledger.columns.map((c) => c.header);
  const range = [headers, [46000, "001", "张三", "D1", "", 1, -1, "", "", "", ""], ["", "", "", "", "", "", "", "", "", "", ""], [46001, "002", "李四", "P1", "", 2, 3, "", "", "", 2]];

  it("makes the same key whether it hashed while parsing (nothing cached) or before (a cache to look in)", () => {
    resetFormulaCaches();
    const cold = readLedgerRange(range);
    const other = readLedgerRange([...range, [46002, "003", "王五", "D1", "", 1, -1, "", "", "", ""]]);
    const warm = readLedgerRange(range.map((r) => [...r]));
    expect(cold).not.toBeInstanceOf(Error);
    expect((warm as { key: string }).key).toBe((cold as { key: string }).key);
    expect((other as { key: string }).key).not.toBe((cold as { key: string }).key);
    // The warm call found the cold call's parse.
    expect((warm as { value: unknown }).value).toBe((cold as { value: unknown }).value);
  });
});
