import { SHEETS } from "../ledger/layout";
import { getBuiltinScheme } from "../scheme/presets";
import { type TableData, isoToSerial } from "../sheetModel";
import { COMMITMENT_STORE, LEGACY_ENTRY_ROW, commitmentItems, planCommitment, planCommitmentUpdate, validateCommitments } from "./commitments";

// S3 党员积分手册范本: 党员承诺事项登记表; 业绩分「完成承诺事项」P1, 基础分「无正当理由未兑现承诺事项」B6.
const handbook = getBuiltinScheme("handbook");
const star = getBuiltinScheme("star-member");
const members = [
  { id: "001", name: "张三" },
  { id: "002", name: "李四" },
];
const NOW = new Date(2026, 2, 1, 9, 0, 0);

function table(name: string, sheet: string, headers: string[], rows: TableData["rows"]): TableData {
  return { name, sheet, headers, rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 };
}
const headers = COMMITMENT_STORE.columns.map((c) => c.header);
// Rows 2 and 3 of 积分台账, with 记录号 12 and 13.
const ledgerRows: TableData["rows"] = [
  [isoToSerial("2026-06-30"), "001", "张三", "P1", "完成承诺事项", 1, 3, "结对帮扶记录", "", "", null, 12],
  [isoToSerial("2026-12-20"), "002", "李四", "B6", "无正当理由未兑现承诺事项", 1, -2, "", "", "", null, 13],
];
const ledger = table(SHEETS.ledger.table, SHEETS.ledger.sheet, SHEETS.ledger.columns.map((c) => c.header), ledgerRows);
/** The same ledger sorted by date descending: the records move, their 记录号 do not. */
const sorted = table(SHEETS.ledger.table, SHEETS.ledger.sheet, SHEETS.ledger.columns.map((c) => c.header), [ledgerRows[1], ledgerRows[0]]);
/** A 承诺事项 sheet from before 记录号: the link by sheet row. */
const legacyHeaders = COMMITMENT_STORE.columns.map((c, i, all) => (i === all.length - 1 ? LEGACY_ENTRY_ROW : c.header));
const commitment = (status: string, entryRow: number | null, id = "001"): TableData["rows"][number] => [2026, id, "张三", "结对帮扶一名困难职工", isoToSerial("2026-03-01"), isoToSerial("2026-06-30"), status, "", entryRow];

describe("承诺事项 (S3)", () => {
  it("finds the items that score commitments where the scheme has them", () => {
    expect(commitmentItems(handbook)).toEqual({ fulfilled: "P1", broken: "B6" });
    expect(commitmentItems(star)).toEqual({ fulfilled: null, broken: null });
  });

  it("accepts a fulfilled commitment linked to the member's P1 record and a broken one linked to B6, by 记录号 whatever the ledger's order", () => {
    const sheet = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, headers, [commitment("已兑现", 12), commitment("未兑现", 13, "002"), commitment("进行中", null)]);
    expect(validateCommitments(sheet, ledger, new Set(["001", "002"]), handbook)).toEqual([]);
    expect(validateCommitments(sheet, sorted, new Set(["001", "002"]), handbook)).toEqual([]);
    // An older sheet links by sheet row: read as such (a sort then breaks it, and validation says so).
    const legacy = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, legacyHeaders, [commitment("已兑现", 2), commitment("未兑现", 3, "002")]);
    expect(validateCommitments(legacy, ledger, new Set(["001", "002"]), handbook)).toEqual([]);
    expect(validateCommitments(legacy, sorted, new Set(["001", "002"]), handbook).map((i) => [i.row, i.code, i.message])).toEqual([
      [2, "commitment-entry-mismatch", "第2行 积分记录行 2 不是编号 001 的 P1 记录"],
      [3, "commitment-entry-mismatch", "第3行 积分记录行 3 不是编号 002 的 B6 记录"],
    ]);
  });

  it("turns an older sheet's 积分记录行 into 积分记录号 on its next update, each row number into the 记录号 of the row it names", () => {
    const legacy = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, legacyHeaders, [commitment("已兑现", 2), commitment("未兑现", 3, "002"), commitment("未开始", null)]);
    const ops = planCommitmentUpdate(legacy, { row: 4, status: "已兑现", entryRow: 2 }, NOW, ledger);
    expect(ops.filter((o) => o.op !== "appendRows")).toEqual([
      { op: "renameColumn", table: COMMITMENT_STORE.table, from: LEGACY_ENTRY_ROW, to: "积分记录号" },
      expect.objectContaining({ op: "setCells", row: 0, cells: { 8: 12 } }),
      expect.objectContaining({ op: "setCells", row: 1, cells: { 8: 13 } }),
      // The row the clerk named (2, as it stands now) is recorded as its 记录号.
      expect.objectContaining({ op: "setCells", row: 2, cells: { 6: "已兑现", 8: 12 } }),
    ]);
    const log = ops.find((o) => o.op === "appendRows")!;
    expect(log.op === "appendRows" && log.rows.map((r) => r[1])).toEqual(["升级承诺事项", "更新承诺事项"]);
    // By 记录号 directly; a row of the ledger that does not exist is refused.
    expect(planCommitmentUpdate(legacy, { row: 4, status: "已兑现", entryId: 13 }, NOW, ledger).find((o) => o.op === "setCells" && o.row === 2)).toMatchObject({ cells: { 6: "已兑现", 8: 13 } });
    expect(() => planCommitmentUpdate(legacy, { row: 4, status: "已兑现", entryRow: 9 }, NOW, ledger)).toThrow("「积分台账」没有第9行的记录");
  });

  it("warns of a fulfilled commitment without its entry and rejects a link to another member's or item's row", () => {
    const sheet = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, headers, [commitment("已兑现", null), commitment("已兑现", 13), commitment("未兑现", 12)]);
    const issues = validateCommitments(sheet, ledger, new Set(["001", "002"]), handbook);
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [2, "I", "warning", "commitment-unscored"],
      [3, "I", "error", "commitment-entry-mismatch"],
      [4, "I", "error", "commitment-entry-mismatch"],
    ]);
    expect(issues[0].message).toBe("第2行 承诺已兑现，但未填写积分台账中「完成承诺事项」（P1）记录的记录号");
    expect(issues[1].message).toBe("第3行 积分记录号 13 不是编号 001 的 P1 记录");
    // A scheme that does not score commitments asks for no link.
    expect(validateCommitments(sheet, ledger, new Set(["001", "002"]), star)).toEqual([]);
  });

  it("reports an unknown member, a bad year, a missing deadline and an unknown status at their cells", () => {
    const sheet = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, headers, [["二〇二六", "009", "", "", isoToSerial("2026-03-01"), "", "完成了", "", null]]);
    const issues = validateCommitments(sheet, ledger, new Set(["001"]), handbook);
    expect(issues.map((i) => [i.column, i.code])).toEqual([
      ["B", "unknown-member"],
      ["A", "bad-year"],
      ["D", "commitment-blank"],
      ["F", "commitment-bad-deadline"],
      ["G", "commitment-unknown-status"],
    ]);
  });

  it("creates the sheet with dropdowns on the first commitment, appends later ones, updates status and link, and logs", () => {
    const first = planCommitment(undefined, members, { year: 2026, memberId: "001", text: "结对帮扶一名困难职工", date: "2026-03-01", deadline: "2026-06-30" }, NOW);
    expect(first.map((o) => o.op)).toEqual(["createTable", "setValidation", "setValidation", "appendRows"]);
    const existing = table(COMMITMENT_STORE.table, COMMITMENT_STORE.sheet, headers, [commitment("未开始", null)]);
    expect(planCommitment(existing, members, { year: 2026, memberId: "002", text: "每月读一本书", date: "2026-03-01", deadline: "2026-12-31" }, NOW)[0]).toMatchObject({
      op: "appendRows",
      rows: [[2026, "002", "李四", "每月读一本书", isoToSerial("2026-03-01"), isoToSerial("2026-12-31"), "未开始", null, null]],
    });
    expect(() => planCommitment(existing, members, { year: 2026, memberId: "001", text: "x", date: "2026-03-01", deadline: "2026-02-01" }, NOW)).toThrow("完成时限「2026-02-01」须为承诺日期之后的有效日期");
    expect(planCommitmentUpdate(existing, { row: 2, status: "已兑现", followUp: "6月底完成", entryId: 12 }, NOW)[0]).toMatchObject({ op: "setCells", row: 0, cells: { 6: "已兑现", 7: "6月底完成", 8: 12 } });
    expect(() => planCommitmentUpdate(existing, { row: 5, status: "已兑现" }, NOW)).toThrow("「承诺事项」没有第5行");
  });
});
