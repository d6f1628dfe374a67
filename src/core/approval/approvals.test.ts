import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { getBuiltinScheme } from "../scheme/presets";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { approvalStatus, findApprovedEdits, planApproval } from "./approvals";

const company = getBuiltinScheme("company");
const d = (iso: string) => isoToSerial(iso);
const NOW = new Date(Date.UTC(2026, 3, 5, 2, 0, 0));

function ledger(rows: Cell[][]): TableData {
  return tableFromRows(SHEETS.ledger, rows);
}

/** Applies an approval plan's appended rows to plain tables (what a gateway would do). */
function approve(tables: Map<string, TableData>, period: string): Map<string, TableData> {
  const { ops } = planApproval(tables, company, period, { date: "2026-04-03", meeting: "支委会" }, NOW);
  const out = new Map(tables);
  for (const op of ops) {
    if (op.op !== "appendRows") continue;
    const def = Object.values(SHEETS).find((s) => s.table === op.table)!;
    const old = out.get(op.table)?.rows ?? [];
    out.set(op.table, tableFromRows(def, [...old, ...op.rows]));
  }
  return out;
}

const q1: Cell[][] = [
  [d("2026-01-05"), "001", "张三", "K1", null, 1, -2],
  [d("2026-02-05"), "002", "李四", "J4", null, 1, 1, "志愿服务证明"],
  [d("2026-04-05"), "001", "张三", "K2", null, 1, -1],
];

describe("approvals (审定)", () => {
  it("fingerprints each row of the period and finds nothing while the ledger is unchanged", () => {
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)]]), "2026Q1");
    expect(tables.get(SHEETS.approvalPrints.table)!.rows.map((r) => [r[0], r[1]])).toEqual([
      ["2026Q1", 2],
      ["2026Q1", 3],
    ]);
    expect(tables.get(SHEETS.approvals.table)!.rows[0].slice(0, 4)).toEqual(["2026Q1", d("2026-04-03"), "支委会", 2]);
    expect(findApprovedEdits(tables, company)).toEqual([]);
    // A cell rewritten with the same meaning (text instead of a number) is no edit.
    const same = new Map(tables).set(SHEETS.ledger.table, ledger([[...q1[0].slice(0, 5), "1", "-2"], q1[1], q1[2]]));
    expect(findApprovedEdits(same, company)).toEqual([]);
    // Rows of later periods may change freely.
    const later = new Map(tables).set(SHEETS.ledger.table, ledger([q1[0], q1[1], [d("2026-04-05"), "001", "张三", "K2", null, 3, -1]]));
    expect(findApprovedEdits(later, company)).toEqual([]);
  });

  it("names a changed row, an added row and a removed row", () => {
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)]]), "2026Q1");
    const changed = new Map(tables).set(SHEETS.ledger.table, ledger([[d("2026-01-05"), "001", "张三", "K1", null, 2, -2], q1[1], q1[2]]));
    expect(findApprovedEdits(changed, company).map((e) => [e.kind, e.row])).toEqual([["changed", 2]]);
    const added = new Map(tables).set(SHEETS.ledger.table, ledger([...q1, [d("2026-03-31"), "002", "李四", "K1", null, 1, -2]]));
    expect(findApprovedEdits(added, company).map((e) => [e.kind, e.row, e.detail])).toEqual([["added", 5, "是审定后新增的 2026Q1 记录（2026Q1 已于 2026-04-03 审定）"]]);
    const removed = new Map(tables).set(SHEETS.ledger.table, ledger([q1[1], q1[2]]));
    expect(findApprovedEdits(removed, company).map((e) => [e.kind, e.row])).toEqual([["removed", 2]]);
  });

  it("knows which quarters are approved, and refuses a second approval or a period of the wrong kind", () => {
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)]]), "2026Q1");
    expect(approvalStatus(tables, company, 2026)).toEqual([
      { period: "2026Q1", approved: true },
      { period: "2026Q2", approved: false },
      { period: "2026Q3", approved: false },
      { period: "2026Q4", approved: false },
    ]);
    expect(() => planApproval(tables, company, "2026Q1", { date: "2026-04-04" }, NOW)).toThrow("2026Q1 已经审定过，不能重复审定");
    expect(() => planApproval(tables, company, "2026Q2", { date: "2026-06-29" }, NOW)).toThrow("期间结束后");
    expect(() => planApproval(tables, company, "2026H1", { date: "2026-07-04" }, NOW)).toThrow("本方案按季度审定");
    expect(() => planApproval(tables, company, "2026Q2", { date: "2026-07-44" }, NOW)).toThrow("不是有效日期");
  });
});
