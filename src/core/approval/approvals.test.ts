import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { getBuiltinScheme } from "../scheme/presets";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { DUES_STORE } from "../dues/duesRegister";
import { approvalStatus, findApprovedDuesEdits, findApprovedEdits, findMissingApprovals, planApproval, readApprovals } from "./approvals";

const company = getBuiltinScheme("company");
const d = (iso: string) => isoToSerial(iso);
const NOW = new Date(Date.UTC(2026, 3, 5, 2, 0, 0));

function ledger(rows: Cell[][]): TableData {
  return tableFromRows(SHEETS.ledger, rows);
}

/** Applies an approval plan's appended rows to plain tables (what a gateway would do). */
function approve(tables: Map<string, TableData>, period: string, scheme = company, date = "2026-04-03"): Map<string, TableData> {
  const { ops } = planApproval(tables, scheme, period, { date, meeting: "支委会" }, NOW);
  const out = new Map(tables);
  for (const op of ops) {
    if (op.op !== "appendRows") continue;
    const def = Object.values(SHEETS).find((s) => s.table === op.table) ?? [DUES_STORE].find((s) => s.table === op.table)!;
    const old = out.get(op.table)?.rows ?? [];
    out.set(op.table, tableFromRows(def, [...old, ...op.rows]));
  }
  return out;
}

/** A ledger row with its 记录号 (column L). */
const withId = (id: number, cells: Cell[]): Cell[] => Object.assign(new Array<Cell>(12).fill(null), cells, { 11: id });

const q1: Cell[][] = [
  withId(2, [d("2026-01-05"), "001", "张三", "K1", null, 1, -2]),
  withId(3, [d("2026-02-05"), "002", "李四", "J4", null, 1, 1, "志愿服务证明"]),
  withId(4, [d("2026-04-05"), "001", "张三", "K2", null, 1, -1]),
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
    const same = new Map(tables).set(SHEETS.ledger.table, ledger([Object.assign([...q1[0]], { 5: "1", 6: "-2" }), q1[1], q1[2]]));
    expect(findApprovedEdits(same, company)).toEqual([]);
    // Rows of later periods may change freely.
    const later = new Map(tables).set(SHEETS.ledger.table, ledger([q1[0], q1[1], withId(4, [d("2026-04-05"), "001", "张三", "K2", null, 3, -1])]));
    expect(findApprovedEdits(later, company)).toEqual([]);
  });

  it("names a changed row, an added row and a removed row", () => {
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)]]), "2026Q1");
    const changed = new Map(tables).set(SHEETS.ledger.table, ledger([withId(2, [d("2026-01-05"), "001", "张三", "K1", null, 2, -2]), q1[1], q1[2]]));
    expect(findApprovedEdits(changed, company).map((e) => [e.kind, e.row])).toEqual([["changed", 2]]);
    const added = new Map(tables).set(SHEETS.ledger.table, ledger([...q1, withId(5, [d("2026-03-31"), "002", "李四", "K1", null, 1, -2])]));
    expect(findApprovedEdits(added, company).map((e) => [e.kind, e.row, e.detail])).toEqual([["added", 5, "是审定后新增的 2026Q1 记录（2026Q1 已于 2026-04-03 审定）"]]);
    const removed = new Map(tables).set(SHEETS.ledger.table, ledger([q1[1], q1[2]]));
    expect(findApprovedEdits(removed, company).map((e) => [e.kind, e.row])).toEqual([["removed", 2]]);
  });

  it("keeps what was approved under sorts and inserted rows, and names the row of a changed or cleared 撤销记录号", () => {
    // 记录号 5 cancels 记录号 2 inside the approved quarter (an appeal resolved before approval).
    const rows = [...q1, withId(5, [d("2026-03-20"), "001", "张三", "K1", null, 1, -2, "申诉 A001", null, "撤销", 2])];
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(rows)]]), "2026Q1");
    const edits = (ledgerRows: Cell[][]) => findApprovedEdits(new Map(tables).set(SHEETS.ledger.table, ledger(ledgerRows)), company).map((e) => [e.kind, e.row]);
    // Sorted by date descending, a row of another period inserted at the top: nothing changed.
    expect(edits([withId(6, [d("2026-05-01"), "002", "李四", "J4", null, 1, 1]), ...[...rows].reverse()])).toEqual([]);
    // 撤销记录号 changed or cleared on the approved correction: named at its row, wherever it now stands.
    const retargeted = Object.assign([...rows[3]], { 10: 4 });
    expect(edits([rows[3], rows[0], rows[1], rows[2]].map((r) => (r === rows[3] ? retargeted : r)))).toEqual([["changed", 2]]);
    expect(edits([rows[0], rows[1], rows[2], Object.assign([...rows[3]], { 10: null })])).toEqual([["changed", 5]]);
    // A row of a later quarter that cancels an approved row, without an appeal, is named too.
    const laterReversal = withId(6, [d("2026-05-02"), "002", "李四", "J4", null, 1, 1, null, null, "撤销", 3]);
    expect(findApprovedEdits(new Map(tables).set(SHEETS.ledger.table, ledger([...rows, laterReversal])), company).map((e) => [e.kind, e.row, e.detail])).toEqual([
      ["changed", 6, "撤销了 2026Q1 已审定的记录号 3（第3行），未经申诉（2026Q1 已于 2026-04-03 审定）"],
    ]);
  });

  it("brings a ledger from before 记录号 up to date in the approval's batch", () => {
    const legacy: TableData = { ...ledger([]), headers: SHEETS.ledger.columns.slice(0, 11).map((c) => (c.header === "撤销记录号" ? "撤销行号" : c.header)), rows: q1.map((r) => r.slice(0, 10).concat([null])), rowCount: 3 };
    const { ops } = planApproval(new Map([[SHEETS.ledger.table, legacy]]), company, "2026Q1", { date: "2026-04-03" }, NOW);
    expect(ops.slice(0, 2)).toEqual([
      { op: "renameColumn", table: SHEETS.ledger.table, from: "撤销行号", to: "撤销记录号" },
      { op: "addColumn", table: SHEETS.ledger.table, header: "记录号", values: [2, 3, 4], format: "integer" },
    ]);
    const prints = ops.find((o) => o.op === "appendRows" && o.table === SHEETS.approvalPrints.table);
    expect(prints && prints.op === "appendRows" && prints.rows.every((r) => String(r[5]).startsWith("v2:"))).toBe(true);
  });

  it("reports approvals on record in 审定积分 or 操作日志 whose 审定记录 are gone", () => {
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)]]), "2026Q1");
    expect(findMissingApprovals(tables)).toEqual([]);
    const log = tableFromRows(SHEETS.log, [["2026-04-05 10:00", "审定", "审定记录", "2026Q1", "…"]]);
    const gone = new Map(tables).set(SHEETS.log.table, log);
    gone.delete(SHEETS.approvals.table);
    gone.delete(SHEETS.approvalPrints.table);
    expect(findMissingApprovals(gone)).toEqual([{ period: "2026Q1", sheet: "操作日志", row: 2, detail: "操作日志记有 2026-04-05 10:00 审定 2026Q1，但「审定记录」中没有 2026Q1 的审定记录" }]);
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

  // 星级党员 ⑤「党员不能按时或足额交纳党费每次扣5分，连续6个月以上无正当理由不交纳党费的全年无积分」: the register scores,
  // so its rows of an approved half-year are approved with the ledger's, and a later change is named at its row.
  it("fingerprints the 党费交纳 rows of the period for a scheme that scores dues, and names a later change, addition or deletion", () => {
    const star = getBuiltinScheme("star-member");
    const dues = (rows: Cell[][]) => tableFromRows(DUES_STORE, rows);
    const register: Cell[][] = [
      ["2026-03", "001", "张三", 50, 30, d("2026-03-10"), null],
      ["2026-05", "002", "李四", 50, null, null, null],
      ["2026-07", "002", "李四", 50, null, null, null],
    ];
    const tables = approve(new Map([[SHEETS.ledger.table, ledger(q1)], [DUES_STORE.table, dues(register)]]), "2026H1", star, "2026-07-03");
    const prints = readApprovals(tables).prints;
    expect(prints.filter((p) => p.source === "dues").map((p) => [p.row, p.memberId, p.code])).toEqual([
      [2, "001", "2026-03"],
      [3, "002", "2026-05"],
    ]);
    expect(prints.filter((p) => p.source === "ledger")).toHaveLength(3);
    expect(findApprovedEdits(tables, star)).toEqual([]);
    expect(findApprovedDuesEdits(tables, star)).toEqual([]);
    // Retyped with the same meaning (text amounts, 2026/3): no edit. July is outside the approved half-year.
    const same = new Map(tables).set(DUES_STORE.table, dues([["2026/3", "001", "张三", "50", "30", "2026-03-10", null], register[1], [...register[2].slice(0, 4), 50, d("2026-07-20"), null]]));
    expect(findApprovedDuesEdits(same, star)).toEqual([]);
    // 张三 "paid in full" after approval, a 正当理由 added for 李四's May, a June row typed in: each named.
    const edited = new Map(tables).set(
      DUES_STORE.table,
      dues([["2026-03", "001", "张三", 50, 50, d("2026-03-10"), null], [...register[1].slice(0, 6), "病休"], register[2], ["2026-06", "001", "张三", 50, null, null, null]]),
    );
    expect(findApprovedDuesEdits(edited, star).map((e) => [e.kind, e.row, e.detail])).toEqual([
      ["changed", 2, "001 2026-03 的党费记录在审定后被修改（2026H1 已于 2026-07-03 审定）"],
      ["changed", 3, "002 2026-05 的党费记录在审定后被修改（2026H1 已于 2026-07-03 审定）"],
      ["added", 5, "001 2026-06 的党费记录是审定后新增的（2026H1 已于 2026-07-03 审定）"],
    ]);
    const deleted = new Map(tables);
    deleted.delete(DUES_STORE.table);
    expect(findApprovedDuesEdits(deleted, star).map((e) => [e.kind, e.row])).toEqual([
      ["removed", 2],
      ["removed", 3],
    ]);
    // A scheme that does not score dues does not fingerprint the register.
    const plain = approve(new Map([[SHEETS.ledger.table, ledger(q1)], [DUES_STORE.table, dues(register)]]), "2026Q1");
    expect(readApprovals(plain).prints.every((p) => p.source === "ledger")).toBe(true);
    expect(findApprovedDuesEdits(new Map(plain).set(DUES_STORE.table, dues([])), company)).toEqual([]);
  });

  it("adds 记录号 and 来源 to a 审定指纹 table from before them, and appends in its column order", () => {
    const old: TableData = { ...tableFromRows(SHEETS.approvalPrints, []), headers: SHEETS.approvalPrints.columns.slice(0, 6).map((c) => c.header), rows: [["2025Q4", 9, null, "001", "K1", "abc"]], rowCount: 1 };
    const { ops } = planApproval(new Map([[SHEETS.ledger.table, ledger(q1)], [SHEETS.approvalPrints.table, old]]), company, "2026Q1", { date: "2026-04-03" }, NOW);
    expect(ops.filter((o) => o.op === "addColumn").map((o) => o.op === "addColumn" && [o.header, o.values])).toEqual([
      ["记录号", [null]],
      ["来源", [null]],
    ]);
    const prints = ops.find((o) => o.op === "appendRows" && o.table === SHEETS.approvalPrints.table);
    expect(prints && prints.op === "appendRows" && prints.rows.map((r) => r.length)).toEqual([8, 8]);
  });
});
