import { DUES_STORE } from "../dues/duesRegister";
import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { parsePeriod } from "../period";
import { REDEMPTION_STORE } from "../redemption/redemption";
import { getBuiltinScheme } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { blocksPeriod, isErrorValue, sideHeaderIssues, unreadableCells } from "./scoreInputs";

const star = getBuiltinScheme("star-member");
const row = (values: Record<string, Cell>, def: { columns: readonly { header: string }[] } = SHEETS.ledger) => def.columns.map((c) => values[c.header] ?? null);

function book(ledger: Record<string, Cell>[], appraisals: Record<string, Cell>[] = []): Map<string, TableData> {
  return new Map([
    [SHEETS.ledger.table, tableFromRows(SHEETS.ledger, ledger.map((v) => row(v)))],
    [SHEETS.appraisals.table, tableFromRows(SHEETS.appraisals, appraisals.map((v) => row(v, SHEETS.appraisals)))],
  ]);
}

describe("unreadableCells", () => {
  it("finds text in a number column and Excel error values where the scores read them, each at its cell", () => {
    const cells = unreadableCells(
      book([
        { 日期: isoToSerial("2026-03-02"), 编号: "001", 项目代码: "D1", 次数: 1, 分值: "两分" },
        { 日期: isoToSerial("2026-07-15"), 编号: "#REF!", 项目代码: "D1", 次数: "两次" },
        { 日期: "2026-13-01", 编号: "001", 项目代码: "D1", 分值: -1, 说明: "#N/A" },
        { 日期: isoToSerial("2026-04-01"), 编号: "002", 项目代码: "D6", 次数: "1", 分值: " -3 " },
      ]),
      star,
    );
    expect(cells.map((c) => [`${c.sheet}!${c.column}${c.row}`, c.code, c.message, c.blocks])).toEqual([
      ["积分台账!G2", "unreadable-cell", "第2行 分值「两分」不是数字，这一行无法计分", { kind: "entry", date: "2026-03-02" }],
      // Whose row it is is unknown: it may be a veto of anyone's year (星级党员 has vetoes), so the whole cycle.
      ["积分台账!B3", "unreadable-cell", "第3行 编号是错误值 #REF!：单元格原来的内容已丢失（如公式引用的单元格被删除），这一行无法计分", { kind: "entry", date: "2026-07-15", cycle: true }],
      ["积分台账!F3", "unreadable-cell", "第3行 次数「两次」不是数字，这一行无法计分", { kind: "entry", date: "2026-07-15" }],
    ]);
  });

  it("finds a 评议等次 none of the scheme's grades, and text in 年度; 分值 is a note when the scheme appraises by grades", () => {
    const cells = unreadableCells(
      book([], [
        { 年度: 2026, 编号: "001", 评议等次: "优" },
        { 年度: "二〇二六", 编号: "002", 评议等次: "合格", 分值: "好" },
        { 年度: 2026, 编号: "003", 评议等次: "" },
      ]),
      star,
    );
    expect(cells.map((c) => [`${c.column}${c.row}`, c.blocks])).toEqual([
      ["D2", { kind: "appraisal", year: 2026 }],
      ["A3", { kind: "appraisal", year: null }],
    ]);
    expect(cells[0].message).toBe("第2行 评议等次「优」不是本方案的评议等次（优秀、合格、基本合格、不合格），001的评议分无法计入");
  });

  it("reads a side sheet only where the scheme scores it (党费交纳 for a scheme with dues), and by its headers as written", () => {
    const dues = tableFromRows(DUES_STORE, [row({ 月份: "2026-03", 编号: "001", 应交: "二十" }, DUES_STORE)]);
    const spaced = { ...dues, headers: dues.headers.map((h) => (h === "应交" ? "应 交" : h)) };
    const tables = new Map([[DUES_STORE.table, spaced]]);
    expect(unreadableCells(tables, star).map((c) => `${c.column}${c.row} ${c.header}`)).toEqual(star.dues ? ["D2 应交"] : []);
    expect(unreadableCells(tables, { ...star, dues: undefined })).toEqual([]);
  });
});

describe("blocksPeriod", () => {
  const at = (blocks: Parameters<typeof blocksPeriod>[0]["blocks"]) => ({ blocks }) as Parameters<typeof blocksPeriod>[0];
  const monthly = { cycleStartMonth: 1, components: [{ kind: "points", grant: "month" }] } as unknown as Scheme;
  it("an entry blocks the periods holding its date (every period when its date is unreadable); an appraisal the year's totals; others everything", () => {
    const june = at({ kind: "entry", date: "2026-06-01" });
    expect(["2026", "2026H1", "2026Q2", "2026-06", "2026Q1", "2026H2"].map((p) => blocksPeriod(june, parsePeriod(p), monthly))).toEqual([true, true, true, true, false, false]);
    expect(blocksPeriod(at({ kind: "entry", date: null }), parsePeriod("2026Q1"), monthly)).toBe(true);
    expect(["2026", "2026Q4", "2025"].map((p) => blocksPeriod(at({ kind: "appraisal", year: 2026 }), parsePeriod(p), monthly))).toEqual([true, false, false]);
    expect(blocksPeriod(at({ kind: "all" }), parsePeriod("2026-03"), monthly)).toBe(true);
  });

  it("a component granted for the year shows its standing to a period's end: a June entry blocks every later period of the cycle too", () => {
    // 星级党员: 日常行为积分 80 granted for the year; its third quarter is 80 less every deduction since January.
    const star = getBuiltinScheme("star-member");
    const june = at({ kind: "entry", date: "2026-06-01" });
    expect(["2026", "2026H1", "2026Q2", "2026-06", "2026Q1", "2026-05", "2026H2", "2026Q3", "2026-12"].map((p) => blocksPeriod(june, parsePeriod(p), star))).toEqual([
      true, true, true, true, false, false, true, true, true,
    ]);
    // Granted each half year (a Dec–Nov cycle): a May entry (the first half's last month) reaches no further than its half.
    const halves = { cycleStartMonth: 12, components: [{ kind: "points", grant: "half" }] } as unknown as Scheme;
    const may = at({ kind: "entry", date: "2026-05-10" });
    expect(["2026H1", "2026Q2", "2026-05", "2026-04", "2026H2", "2026Q3"].map((p) => blocksPeriod(may, parsePeriod(p, 12), halves))).toEqual([true, true, true, false, false, false]);
  });
});

describe("blocksPeriod: vetoes, corrections and approved periods", () => {
  const at = (blocks: Parameters<typeof blocksPeriod>[0]["blocks"]) => ({ blocks }) as Parameters<typeof blocksPeriod>[0];
  const star = getBuiltinScheme("star-member");
  const periods = ["2026Q1", "2026Q2", "2026H2", "2026-12", "2026"];

  it("a cell that may hide a veto or cancel any entry blocks every period of its cycle", () => {
    const wide = at({ kind: "entry", date: "2026-08-10", cycle: true });
    expect(periods.map((p) => blocksPeriod(wide, parsePeriod(p), star))).toEqual([true, true, true, true, true]);
    expect(blocksPeriod(wide, parsePeriod("2025"), star)).toBe(false);
    // The same row's 次数 (not a veto item): from August on, as the year's standing reaches.
    const count = at({ kind: "entry", date: "2026-08-10" });
    expect(periods.map((p) => blocksPeriod(count, parsePeriod(p), star))).toEqual([false, false, true, true, true]);
  });

  it("a cell in an approved period blocks only the periods holding it: later ones use the approved points", () => {
    const march = at({ kind: "entry", date: "2026-03-05" });
    const h1 = [{ start: "2026-01-01", end: "2026-06-30" }];
    expect(periods.map((p) => blocksPeriod(march, parsePeriod(p), star))).toEqual([true, true, true, true, true]);
    expect(periods.map((p) => blocksPeriod(march, parsePeriod(p), star, h1))).toEqual([true, false, false, false, true]);
    // A possible veto is never frozen: it clears the year whenever it is found.
    expect(periods.map((p) => blocksPeriod(at({ kind: "entry", date: "2026-03-05", cycle: true }), parsePeriod(p), star, h1))).toEqual([true, true, true, true, true]);
  });
});

describe("sideHeaderIssues", () => {
  it("flags the headers a side sheet lacks: an error where the scores read the sheet, a warning elsewhere; spaces in a header are no loss", () => {
    const dues = tableFromRows(DUES_STORE, []);
    const redemption = tableFromRows(REDEMPTION_STORE, []);
    const tables = new Map([
      [DUES_STORE.table, { ...dues, headers: dues.headers.map((h) => (h === "实交" ? "实缴" : h === "应交" ? " 应\n交" : h)) }],
      [REDEMPTION_STORE.table, { ...redemption, headers: redemption.headers.map((h) => (h === "消耗积分" ? "积分" : h)) }],
    ]);
    expect(sideHeaderIssues(tables, new Set()).map((i) => [i.severity, i.sheet, `${i.column}${i.row}`, i.message])).toEqual([
      ["warning", "积分兑换", "A1", "第1行 表头缺少：消耗积分（这些列的内容未读取）"],
      ["error", "党费交纳", "A1", "第1行 表头缺少：实交"],
    ]);
  });
});

it("isErrorValue: Excel's error values as gateways read them, nothing else", () => {
  expect(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#SPILL!"].every(isErrorValue)).toBe(true);
  expect(["#1", "N/A", "#备注", 0, null].some((v) => isErrorValue(v as Cell))).toBe(false);
});
