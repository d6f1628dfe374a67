import { ledgerEntries } from "../engine/scoreMembers";
import { BLANK_NUMBER } from "../engine/types";
import type { TableData } from "../sheetModel";
import { ledgerColumnsOfTable } from "./entryColumns";
import { SHEETS } from "./layout";
import { readLedger, readLedgerModel } from "./readLedger";

/** 积分台账 as a gateway reads it, columns in another order with one the layout does not have, from sheet row 5. */
const table: TableData = {
  name: SHEETS.ledger.table,
  sheet: SHEETS.ledger.sheet,
  headers: ["备用", " 说明 ", "项目代码", "编号", "日期", "次数", "分值", "撤销行号"],
  rows: [
    ["x", "缺席两次", "d1", "001", 46083, 2, -1, null],
    [null, null, null, null, null, null, null, null],
    ["", "只写了说明", "", "", "", "", "", ""],
    [null, "", "D6", " 002 ", "2026/3/5", "", "−3", 5],
  ],
  rowCount: 4,
  firstRow: 5,
  firstColumn: 2,
};

describe("ledgerColumnsOfTable: 积分台账 read once into the columns the engine scores", () => {
  const columns = ledgerColumnsOfTable(table);

  it("finds columns by header, keeps each entry's sheet row, and skips only rows blank in every column", () => {
    expect(ledgerEntries(columns)).toEqual([
      { date: "2026-03-02", memberId: "001", itemCode: "D1", count: 2, value: -1, note: "缺席两次", ref: 5, reverses: undefined },
      // A row with only 说明 stays an entry (the engine ignores it as a bad date, validation reports it).
      { date: "", memberId: "", itemCode: "", count: undefined, value: undefined, note: "只写了说明", ref: 7, reverses: undefined },
      { date: "2026-03-05", memberId: "002", itemCode: "D6", count: undefined, value: -3, note: undefined, ref: 8, reverses: 5 },
    ]);
    expect(columns.count[1]).toBe(BLANK_NUMBER);
  });

  it("pools each distinct text once", () => {
    expect(new Set(columns.texts).size).toBe(columns.texts.length);
  });

  it("is what readLedgerModel gives, and readLedger the same entries as objects", () => {
    const tables = new Map([[table.name, table]]);
    expect(readLedgerModel(tables).entries).toEqual(columns);
    expect(readLedger(tables).entries).toEqual(ledgerEntries(columns));
  });

  it("reads no entries where there is no table", () => {
    expect(ledgerColumnsOfTable(undefined).length).toBe(0);
  });
});
