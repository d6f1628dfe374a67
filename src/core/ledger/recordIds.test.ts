import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { SHEETS } from "./layout";
import { ledgerNeedsUpgrade, planLedgerAppend, planRecordIds, reversalColumns } from "./recordIds";

const d = isoToSerial("2026-03-02");
const LAYOUT = SHEETS.ledger.columns.map((c) => c.header);

function table(headers: string[], rows: Cell[][]): TableData {
  return { name: SHEETS.ledger.table, sheet: SHEETS.ledger.sheet, headers, rows, rowCount: rows.length, firstRow: 2, firstColumn: 0 };
}

describe("记录号", () => {
  it("tells an older ledger (撤销行号, no 记录号) from a current one", () => {
    const legacy = LAYOUT.slice(0, 11).map((h) => (h === "撤销记录号" ? "撤销行号" : h));
    expect(reversalColumns(legacy)).toEqual({ reverses: "撤销行号", keys: "rows" });
    expect(reversalColumns(LAYOUT)).toEqual({ reverses: "撤销记录号", keys: "ids" });
    expect(ledgerNeedsUpgrade(legacy)).toBe(true);
    expect(ledgerNeedsUpgrade(LAYOUT)).toBe(false);
    expect(ledgerNeedsUpgrade(LAYOUT.slice(0, 11))).toBe(true);
  });

  it("numbers an older ledger by its current rows, so every 撤销行号 already names its 记录号; blank rows stay blank", () => {
    const legacy = LAYOUT.slice(0, 11).map((h) => (h === "撤销记录号" ? "撤销行号" : h));
    const row = (reverses: Cell = null): Cell[] => [d, "001", null, "D1", null, 1, -1, null, null, null, reverses];
    const plan = planRecordIds(table(legacy, [row(), new Array<Cell>(11).fill(null), row(2)]));
    expect(plan.ops).toEqual([
      { op: "renameColumn", table: SHEETS.ledger.table, from: "撤销行号", to: "撤销记录号" },
      { op: "addColumn", table: SHEETS.ledger.table, header: "记录号", values: [2, null, 4], format: "integer" },
    ]);
    expect(plan.table.headers).toEqual(LAYOUT);
    expect(plan.table.rows.map((r) => [r[10], r[11]])).toEqual([
      [null, 2],
      [null, null],
      [2, 4],
    ]);
    expect(plan.next).toBe(5);
    expect(plan.log.map((l) => l.action)).toEqual(["升级台账"]);
  });

  it("gives rows typed by hand the next numbers, and leaves a numbered ledger's rows as they were read", () => {
    const row = (id: Cell): Cell[] => [d, "001", null, "D1", null, 1, -1, null, null, null, null, id];
    const read = [row(7), row(null), row(3), row("x")];
    const plan = planRecordIds(table(LAYOUT, read));
    expect(plan.ops.map((o) => (o.op === "setCells" ? [o.row, o.cells] : o.op))).toEqual([
      [1, { 11: 8 }],
      [3, { 11: 9 }],
    ]);
    expect(plan.table.rows[0]).toBe(read[0]);
    expect(read[1][11]).toBeNull();
    expect(planRecordIds(table(LAYOUT, [row(1), row(2)])).ops).toEqual([]);
  });

  it("appends rows with the next 记录号 in the table's own column order", () => {
    const reordered = [...LAYOUT].reverse();
    const existing: Cell[] = reordered.map((h) => ({ 日期: d, 编号: "001", 项目代码: "D1", 记录号: 5 })[h] ?? null);
    const layoutRow: Cell[] = LAYOUT.map((h) => ({ 日期: d, 编号: "002", 项目代码: "D2", 撤销记录号: 5 })[h] ?? null);
    const plan = planLedgerAppend(table(reordered, [existing]), [layoutRow]);
    expect(plan.ids).toEqual([6]);
    expect(plan.rowNumbers).toEqual([3]);
    const append = plan.ops.find((o) => o.op === "appendRows");
    expect(append && append.op === "appendRows" && append.rows[0]).toEqual(reordered.map((h) => ({ 日期: d, 编号: "002", 项目代码: "D2", 撤销记录号: 5, 记录号: 6 })[h] ?? null));
  });
});
