import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { getBuiltinScheme } from "../scheme/presets";
import { parseScheme, type Scheme, type SchemeInput } from "../scheme/schema";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { validateLedger, type ValidationIssue } from "./validateLedger";

const tableOf = tableFromRows;

const settings = (schemeId = "star-member", year: Cell = "2026", version: Cell = "1") =>
  tableOf(SHEETS.settings, [
    ["支部名称", "第一党支部"],
    ["年度", year],
    ["方案ID", schemeId],
    ["方案版本", version],
  ]);

const roster = tableOf(SHEETS.roster, [
  ["001", "张三", "正式党员", null, isoToSerial("2001-07-01")],
  ["002", "李四", "预备党员", null, isoToSerial("2025-09-01")],
  ["003", "王五", "入党积极分子"],
  ["004", "赵六", "正式党员", null, null, null, null, "转出"],
]);

const d = (iso: string) => isoToSerial(iso);

/** A copy of a built-in scheme kept in the workbook under another id, changed by `edit`. */
function workbookScheme(id: string, edit: (s: SchemeInput) => void, from = "star-member"): Scheme {
  const copy = JSON.parse(JSON.stringify(getBuiltinScheme(from))) as SchemeInput;
  copy.id = id;
  edit(copy);
  const parsed = parseScheme(copy);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

/** A ledger row: 日期, 编号, 姓名, 项目代码, 项目名称, 次数, 分值, 证明材料, 记录人, 说明. */
function book(entries: Cell[][], extra: { roster?: TableData; appraisals?: Cell[][]; settings?: TableData; schemeId?: string } = {}) {
  return new Map<string, TableData>([
    [SHEETS.settings.table, extra.settings ?? settings(extra.schemeId)],
    [SHEETS.roster.table, extra.roster ?? roster],
    [SHEETS.ledger.table, tableOf(SHEETS.ledger, entries)],
    [SHEETS.appraisals.table, tableOf(SHEETS.appraisals, extra.appraisals ?? [])],
  ]);
}

function only(issues: ValidationIssue[]): Pick<ValidationIssue, "code" | "severity" | "sheet" | "row" | "column" | "message"> {
  expect(issues).toHaveLength(1);
  const { code, severity, sheet, row, column, message } = issues[0];
  return { code, severity, sheet, row, column, message };
}

describe("validateLedger: 积分台账", () => {
  it("passes a clean ledger", () => {
    const r = validateLedger({ tables: book([[d("2026-03-02"), "001", "张三", "D1", "未经同意缺席应参加的活动", 1, -1]]) });
    expect(r).toEqual({ issues: [], errors: 0, warnings: 0 });
  });

  it.each<[string, Cell[], Partial<ValidationIssue>]>([
    ["unknown member", [d("2026-03-02"), "009", null, "D1"], { code: "unknown-member", column: "B", message: "第2行 编号 「009」不在党员名册中" }],
    ["unknown item", [d("2026-03-02"), "001", null, "Z9"], { code: "unknown-item", column: "D", message: "第2行 项目代码 「Z9」不是本方案的积分项目" }],
    ["missing date", [null, "001", null, "D1"], { code: "date-missing", column: "A" }],
    ["impossible date", ["2026-02-30", "001", null, "D1"], { code: "bad-date", column: "A", message: "第2行 日期 「2026-02-30」不是有效日期" }],
    ["date outside the cycle", [d("2025-12-31"), "001", null, "D1"], { code: "date-out-of-cycle", column: "A", message: "第2行 日期 2025-12-31 不在 2026 年度考核周期（2026-01-01 至 2026-12-31）内" }],
    ["count not a whole number", [d("2026-03-02"), "001", null, "D1", null, 1.5], { code: "bad-count", column: "F" }],
    ["count zero", [d("2026-03-02"), "001", null, "D1", null, 0], { code: "bad-count", column: "F" }],
    ["value out of range", [d("2026-03-02"), "001", null, "D6", null, 1, -6], { code: "value-out-of-range", column: "G", message: "第2行 分值 -6 超出 D6 的范围 -4 至 -1" }],
    ["value missing for a discretionary item", [d("2026-03-02"), "001", null, "D6"], { code: "missing-value", column: "G" }],
    ["value disagreeing with a fixed item", [d("2026-03-02"), "001", null, "D2", null, 1, -3], { code: "value-mismatch", column: "G", message: "第2行 分值 -3 与 D2 的固定分值 -2 不符" }],
    ["value not a number", [d("2026-03-02"), "001", null, "D6", null, 1, "扣三分"], { code: "value-not-number", column: "G" }],
  ])("flags %s as an error at its cell", (_what, row, expected) => {
    const r = validateLedger({ tables: book([row]) });
    expect(only(r.issues)).toMatchObject({ severity: "error", sheet: "积分台账", row: 2, ...expected });
    expect(r.errors).toBe(1);
  });

  it("flags an item that does not apply to the member's category", () => {
    const s = workbookScheme("my-star", (x) => {
      x.items[0].categories = ["正式党员", "预备党员"];
    });
    const tables = book([[d("2026-03-02"), "003", "王五", "D1"]], { schemeId: "my-star" });
    expect(only(validateLedger({ tables, schemes: [s] }).issues)).toMatchObject({ code: "item-category", column: "D", message: "第2行 项目代码 D1 只适用于正式党员、预备党员，王五是入党积极分子" });
  });

  it.each<[string, Cell[][], Partial<ValidationIssue>]>([
    ["a name that does not match the roster", [[d("2026-03-02"), "001", "张3", "D1"]], { code: "name-mismatch", column: "C" }],
    ["missing evidence", [[d("2026-03-02"), "001", null, "D3"]], { code: "evidence-missing", column: "H" }],
    ["the same entry twice", [[d("2026-03-02"), "001", null, "D1", null, 1, null, null, null, "缺席"], [d("2026-03-02"), "001", null, "D1", null, 1, null, null, null, "缺席"]], { code: "duplicate-entry", row: 3, column: "D" }],
    ["an entry before the member joined", [[d("2026-03-02"), "002", null, "D1"]], { code: "member-not-joined", column: "A" }],
  ])("warns about %s", (_what, rows, expected) => {
    // 002 joined 2025-09-01: move the entry before that for the not-joined case.
    const tables = book(rows);
    if (expected.code === "member-not-joined") {
      const r = validateLedger({ tables: book(rows, { roster: tableOf(SHEETS.roster, [["002", "李四", "预备党员", null, isoToSerial("2026-06-01")]]) }) });
      expect(only(r.issues)).toMatchObject({ severity: "warning", ...expected });
      return;
    }
    const r = validateLedger({ tables });
    expect(only(r.issues)).toMatchObject({ severity: "warning", ...expected });
    expect(r.errors).toBe(0);
  });

  it("warns about an entry for a member transferred out", () => {
    expect(only(validateLedger({ tables: book([[d("2026-03-02"), "004", null, "D1"]]) }).issues)).toMatchObject({ code: "member-not-active", severity: "warning" });
  });

  it("warns when a capped item passes its cap, on the row that passes it", () => {
    const s = workbookScheme("capped", (x) => {
      x.items.find((i) => i.code === "A2")!.cap = { period: "quarter", points: 4 };
    }, "detailed-100");
    const rows = [
      [d("2026-01-05"), "001", null, "A2"],
      [d("2026-02-05"), "001", null, "A2"],
      [d("2026-03-05"), "001", null, "A2"],
      [d("2026-04-05"), "001", null, "A2"],
    ];
    const r = validateLedger({ tables: book(rows, { schemeId: "capped" }), schemes: [s] });
    expect(only(r.issues)).toMatchObject({ code: "cap-exceeded", row: 4, column: "G", severity: "warning" });
  });

  it("checks corrections: 撤销记录号 names another record of the same member, once", () => {
    // 记录号 in column L; the rows here are numbered 11, 12, … whatever their place.
    const row = (id: number, cells: Cell[]): Cell[] => Object.assign(new Array<Cell>(12).fill(null), cells, { 11: id });
    const base = row(11, [d("2026-03-02"), "001", null, "D1"]);
    const reversal = (id: number, target: Cell, note = "撤销"): Cell[] => row(id, [d("2026-03-02"), "001", null, "D1", null, 1, null, null, null, note, target]);
    expect(validateLedger({ tables: book([base, reversal(12, 11)]) }).issues).toEqual([]);
    // Sorted the other way round: the same records, nothing to report.
    expect(validateLedger({ tables: book([reversal(12, 11), base]) }).issues).toEqual([]);
    expect(only(validateLedger({ tables: book([base, reversal(12, 2)]) }).issues)).toMatchObject({ code: "reversal-target-missing", row: 3, column: "K", message: "第3行 撤销记录号 「2」不是积分台账中另一条记录的记录号" });
    expect(only(validateLedger({ tables: book([row(11, [d("2026-03-02"), "002", null, "D1"]), reversal(12, 11)]) }).issues)).toMatchObject({ code: "reversal-other-member", row: 3 });
    expect(only(validateLedger({ tables: book([base, reversal(12, 11), reversal(13, 11, "再撤销")]) }).issues)).toMatchObject({ code: "reversed-twice", row: 4, message: "第4行 撤销记录号 记录号 11（第2行）已由第3行撤销" });
    // A row copied with its 记录号: a warning, and an error for a correction that names it.
    const copied = validateLedger({ tables: book([base, base, reversal(12, 11)]) }).issues;
    expect(copied.map((i) => [i.code, i.row, i.column])).toEqual([
      ["duplicate-entry", 3, "D"],
      ["duplicate-record-id", 3, "L"],
      ["reversal-target-ambiguous", 4, "K"],
    ]);
  });

  it("checks corrections of a ledger from before 记录号 by sheet row (撤销行号)", () => {
    const legacy = (rows: Cell[][]) => {
      const tables = book(rows);
      const t = tables.get(SHEETS.ledger.table)!;
      const headers = t.headers.slice(0, 11).map((h) => (h === "撤销记录号" ? "撤销行号" : h));
      return tables.set(SHEETS.ledger.table, { ...t, headers, rows: t.rows.map((r) => r.slice(0, 11)) });
    };
    const base: Cell[] = [d("2026-03-02"), "001", null, "D1"];
    const reversal = (target: Cell, note = "撤销"): Cell[] => [d("2026-03-02"), "001", null, "D1", null, 1, null, null, null, note, target];
    expect(validateLedger({ tables: legacy([base, reversal(2)]) }).issues).toEqual([]);
    expect(only(validateLedger({ tables: legacy([base, reversal(9)]) }).issues)).toMatchObject({ code: "reversal-target-missing", row: 3, column: "K", message: "第3行 撤销行号 「9」不是积分台账中另一条记录的行号" });
    expect(only(validateLedger({ tables: legacy([base, reversal(2), reversal(2, "再撤销")]) }).issues)).toMatchObject({ code: "reversed-twice", row: 4, message: "第4行 撤销行号 第2行已由第3行撤销" });
  });

  it("reads what Excel hands over: numeric text, full-width digits, text dates, stray spaces", () => {
    const r = validateLedger({ tables: book([[" 2026/3/2 ", " 001 ", "张三", "d6", null, "２", "－３"], ["2026年3月3日", "001", null, "D1", null, "1", "-1"]]) });
    expect(r.issues).toEqual([]);
  });

  it("reports error values (#N/A) and huge strings without throwing", () => {
    const r = validateLedger({ tables: book([["#N/A", "#REF!", null, "x".repeat(100000), null, "#VALUE!", "#DIV/0!"]]) });
    expect(r.issues.map((i) => i.column)).toEqual(["A", "B", "D", "F"]);
    expect(r.issues.every((i) => i.message.length < 200)).toBe(true);
  });
});

describe("validateLedger: 党员名册, 民主评议, 设置", () => {
  it.each<[string, Cell[][], Partial<ValidationIssue>]>([
    ["a duplicate 编号", [["001", "张三", "正式党员"], ["001", "张四", "正式党员"]], { code: "member-id-duplicate", row: 3, column: "A" }],
    ["a blank 编号", [[null, "张三", "正式党员"]], { code: "member-id-blank", column: "A" }],
    ["an unknown 党员类别", [["001", "张三", "党员"]], { code: "unknown-category", column: "C" }],
    ["a 转正日期 before the 入党日期", [["001", "张三", "正式党员", null, d("2020-05-01"), d("2019-05-01")]], { code: "probation-before-join", column: "F", message: "第2行 转正日期 2019-05-01 早于入党日期 2020-05-01" }],
  ])("flags %s in the roster", (_what, rows, expected) => {
    const r = validateLedger({ tables: book([], { roster: tableOf(SHEETS.roster, rows) }) });
    expect(only(r.issues)).toMatchObject({ severity: "error", sheet: "党员名册", ...expected });
  });

  it.each<[string, Cell[][], Partial<ValidationIssue>]>([
    ["an unknown 等次", [[2026, "001", "张三", "良好"]], { code: "unknown-grade", column: "D", message: "第2行 评议等次 「良好」不是评议等次（优秀、合格、基本合格、不合格）" }],
    ["a member appraised twice in one year", [[2026, "001", "张三", "合格"], [2026, "001", "张三", "优秀"]], { code: "appraised-twice", row: 3, column: "B" }],
    ["an unknown member", [[2026, "009", null, "合格"]], { code: "unknown-member", column: "B" }],
  ])("flags %s in 民主评议", (_what, rows, expected) => {
    const r = validateLedger({ tables: book([], { appraisals: rows }) });
    expect(only(r.issues)).toMatchObject({ severity: "error", sheet: "民主评议", ...expected });
  });

  it("flags a direct score outside the scheme's range", () => {
    const r = validateLedger({ tables: book([], { schemeId: "detailed-100", appraisals: [[2026, "001", null, null, 25]] }) });
    expect(only(r.issues)).toMatchObject({ code: "score-out-of-range", column: "E", message: "第2行 分值 「25」超出评议分范围 0 至 20" });
  });

  it("flags an unknown scheme id or version in 设置", () => {
    expect(only(validateLedger({ tables: book([], { settings: settings("no-such") }) }).issues)).toMatchObject({ code: "unknown-scheme", sheet: "设置", row: 4, column: "B" });
    expect(only(validateLedger({ tables: book([], { settings: settings("star-member", "2026", "7") }) }).issues)).toMatchObject({ code: "unknown-scheme-version", row: 5 });
  });

  it("says which sheet is missing instead of failing", () => {
    const tables = book([]);
    tables.delete(SHEETS.roster.table);
    const r = validateLedger({ tables });
    expect(r.issues.map((i) => [i.code, i.sheet])).toEqual([["missing-table", "党员名册"]]);
  });
});
