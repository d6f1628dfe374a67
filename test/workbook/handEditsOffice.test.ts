/**
 * Issue 22 through the Office.js gateway over the strict Excel fake: the clerk's hand edits, as made
 * in Excel, on every table the add-in reads — 设置, 党员名册, 积分台账, 民主评议, the approval sheets,
 * 申诉登记, 操作日志, 积分规则 and each sheet kept beside the ledger. Each case ends either with the
 * hand-checked totals or with none (refused, the error at its place), and with every table read as it
 * was (the same rows, the same findings) or the edit flagged where it was made.
 *
 * Not modelled by the fake, so covered through the CLI only (test/cli/handEdits.test.ts): hidden rows.
 */
import type { Cell } from "../../src/core/sheetModel";
import { SHEETS, type TableSheetDef } from "../../src/core/ledger/layout";
import { rowsOf } from "../../src/core/ledger/readLedger";
import { appendToStore } from "../../src/core/ledger/scaffold";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { KNOWN_TABLES } from "../../src/core/stores/knownTables";
import { COMMITMENT_STORE } from "../../src/core/commitments/commitments";
import { REDEMPTION_STORE } from "../../src/core/redemption/redemption";
import { BRANCH_STAR_STORE } from "../../src/core/stars/branchStars";
import { GRADING_STORE } from "../../src/core/grading/classifiedGrading";
import { BRANCH_SCORE_STORE } from "../../src/core/branchScores/branchScores";
import { DUES_STORE } from "../../src/core/dues/duesRegister";
import { PREVIOUS_TOTALS } from "../../src/core/carryOver/previousTotals";
import { APPROVED_SCORES } from "../../src/core/approval/approvedScores";
import { SCHEME_STORE } from "../../src/core/scheme/workbookSchemes";
import { columnLetter, isoToSerial } from "../../src/core/sheetModel";
import type { ValidationIssue } from "../../src/core/validation/validateLedger";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { approvePeriod, loadLedger, recordAppeal, saveWorkbookScheme, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../src/app/ledgerService";
import { writeReport } from "../../src/app/reportService";
import { repairTables } from "../../src/app/repairTables";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";

const star = getBuiltinScheme("star-member");

/** A row of a layout table from values by header (robust to the layout's column order). */
function rowOf(def: TableSheetDef, values: Record<string, Cell>): Cell[] {
  return def.columns.map((c) => values[c.header] ?? null);
}

const date = (iso: string) => isoToSerial(iso);

// Three members of 星级党员 (80 daily points; appraisal 优秀 20 / 合格 15), five entries, three appraisals.
// Ledger rows 2–6: 001 −1 (3-02), −2 (4-10); 002 −5 (5-06), −1×2 (7-15); 003 −3 (6-01).
/** By hand: 001 80−1−2+20 = 97; 002 80−5−2+15 = 88; 003 80−3+20 = 97. */
const RIGHT = { "001": 97, "002": 88, "003": 97 };

interface Book {
  gw: OfficeJsGateway;
  fake: ExcelFake;
}

let template: Promise<ExcelFake> | null = null;

/** A copy of the filled workbook (built once through the gateway, then forked for each case). */
async function filled(): Promise<Book> {
  const fake = (await (template ??= build())).fork();
  return { fake, gw: new OfficeJsGateway((batch) => fake.run(batch)) };
}

/** The filled workbook: the ledger's sheets, H1 approved (审定记录, 审定指纹, 审定积分), appeals, a scheme of the branch's own, and every side sheet with two rows. */
async function build(): Promise<ExcelFake> {
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  const now = new Date(2026, 6, 20);
  await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 }, now);
  const L = SHEETS.ledger;
  await gw.apply([
    {
      op: "appendRows",
      table: SHEETS.roster.table,
      rows: [
        ["001", "张三"],
        ["002", "李四"],
        ["003", "王五"],
      ].map(([id, name]) => rowOf(SHEETS.roster, { 编号: id, 姓名: name, 党员类别: "正式党员", 在册状态: "在册" })),
      formats: formatsOf(SHEETS.roster),
    },
    {
      op: "appendRows",
      table: L.table,
      rows: [
        rowOf(L, { 日期: date("2026-03-02"), 编号: "001", 姓名: "张三", 项目代码: "D1", 次数: 1, 说明: "缺席" }),
        rowOf(L, { 日期: date("2026-04-10"), 编号: "001", 姓名: "张三", 项目代码: "D2", 次数: 1, 说明: "迟到" }),
        rowOf(L, { 日期: date("2026-05-06"), 编号: "002", 姓名: "李四", 项目代码: "D5", 次数: 1, 说明: "党费" }),
        rowOf(L, { 日期: date("2026-06-01"), 编号: "003", 姓名: "王五", 项目代码: "D6", 次数: 1, 分值: -3, 说明: "其他" }),
        rowOf(L, { 日期: date("2026-07-15"), 编号: "002", 姓名: "李四", 项目代码: "D1", 次数: 2, 说明: "缺席两次" }),
      ].map((r, i) => (L.columns.some((c) => c.header === "记录号") ? r.map((v, c) => (L.columns[c].header === "记录号" ? i + 1 : v)) : r)),
      formats: formatsOf(L),
    },
    {
      op: "appendRows",
      table: SHEETS.appraisals.table,
      rows: [
        ["001", "张三", "优秀"],
        ["002", "李四", "合格"],
        ["003", "王五", "优秀"],
      ].map(([id, name, grade]) => rowOf(SHEETS.appraisals, { 年度: 2026, 编号: id, 姓名: name, 评议等次: grade })),
      formats: formatsOf(SHEETS.appraisals),
    },
  ]);
  await approvePeriod(gw, "2026H1", { date: "2026-07-05", meeting: "第三次支委会" }, now);
  await recordAppeal(gw, { memberId: "001", period: "2026H1", claim: "4月10日系公出", evidence: "出差审批单", date: "2026-07-10" }, now);
  await recordAppeal(gw, { memberId: "003", period: "2026H1", claim: "6月1日已请假", date: "2026-07-11" }, now);
  await saveWorkbookScheme(gw, { ...star, id: "my-star", name: "本支部星级党员方案" }, { activate: false }, now);
  // The sheets kept beside the ledger, as the add-in creates them on first use.
  const side: [TableSheetDef, Record<string, Cell>[]][] = [
    [COMMITMENT_STORE, [{ 年度: 2026, 编号: "001", 姓名: "张三", 承诺事项: "带头学习", 承诺日期: date("2026-03-01"), 完成时限: date("2026-12-31"), 完成情况: "进行中" }, { 年度: 2026, 编号: "002", 姓名: "李四", 承诺事项: "结对帮扶", 承诺日期: date("2026-03-01"), 完成时限: date("2026-12-31"), 完成情况: "未开始" }]],
    [REDEMPTION_STORE, [{ 日期: date("2026-07-01"), 编号: "001", 姓名: "张三", 兑换事项: "书籍", 消耗积分: 5, 经办人: "李红梅" }, { 日期: date("2026-07-02"), 编号: "003", 姓名: "王五", 兑换事项: "书籍", 消耗积分: 3, 经办人: "李红梅" }]],
    [BRANCH_STAR_STORE, [{ 年度: 2026, 党组织名称: "一支部", 书记: "王建国", 党员人数: 3, 学习星: "√", 晋级目标: "三星级党支部" }, { 年度: 2025, 党组织名称: "一支部", 书记: "王建国", 党员人数: 3, 晋级目标: "三星级党支部" }]],
    [GRADING_STORE, [{ 年度: 2026, 编号: "001", 姓名: "张三", 存在问题: "学习不够", 整改措施: "按月学习", 整改时限: "2026-12" }, { 年度: 2026, 编号: "002", 姓名: "李四", 存在问题: "发言少", 整改措施: "每月发言", 整改时限: "2026-12" }]],
    [BRANCH_SCORE_STORE, [{ 党支部: "一支部", 月份: "2026-03", 类别: "任务分", 考核内容: "主题党日", 分值: 2 }, { 党支部: "一支部", 月份: "2026-04", 类别: "奖励分", 考核内容: "先进", 分值: 1 }]],
    // Months after the approved H1: a register row typed into an approved month is itself an edit.
    [DUES_STORE, [{ 月份: "2026-08", 编号: "001", 姓名: "张三", 应交: 20, 实交: 20, 交纳日期: date("2026-08-05") }, { 月份: "2026-08", 编号: "002", 姓名: "李四", 应交: 20, 实交: 20, 交纳日期: date("2026-08-06") }]],
    [PREVIOUS_TOTALS, [{ 编号: "001", 姓名: "张三", 上年得分: 95, 来源: "上年台账" }, { 编号: "002", 姓名: "李四", 上年得分: 90, 来源: "上年台账" }]],
  ];
  for (const [def, rows] of side) await gw.apply(appendToStore(def, undefined, rows.map((r) => rowOf(def, r))));
  return fake;
}

async function totals(gw: OfficeJsGateway, period = "2026"): Promise<Record<string, number>> {
  const result = scoreLedger(await loadLedger(gw), period);
  return Object.fromEntries(result.members.map((m) => [m.id, m.total]));
}

/** The rows of a table as the add-in reads them: sheet row and cells by header (blank rows left out). */
async function records(gw: OfficeJsGateway, table: string): Promise<{ row: number; values: Record<string, Cell> }[] | null> {
  const t = (await gw.readTables([table])).get(table);
  return t ? rowsOf(t).filter((r) => Object.values(r.values).some((v) => v !== null && v !== "")) : null;
}

/** A finding as compared across edits: what, how bad, where. */
const finding = (i: ValidationIssue) => `${i.severity} ${i.code} ${i.sheet}!${i.column}${i.row}`;

async function findings(gw: OfficeJsGateway): Promise<string[]> {
  return (await validateWorkbook(gw)).issues.map(finding).sort();
}

interface Place {
  sheet: string;
  /** 1-based header row, 0-based columns, last row of the table. */
  top: number;
  left: number;
  right: number;
  bottom: number;
}

/** Where a table is, from the fake's model. */
function placeOf(fake: ExcelFake, table: string): Place {
  const t = fake.model.tables().find((x) => x.name === table)!;
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(t.address)!;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { sheet: t.sheet, top: Number(m[2]), left: col(m[1]), right: col(m[3]), bottom: Number(m[4]) };
}

const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;

/** A clerk's edit in Excel: one batch on the worksheet (unprotected first where the add-in protected it, as the clerk must). */
async function edit(fake: ExcelFake, sheet: string, change: (ws: Excel.Worksheet, context: Excel.RequestContext) => void | Promise<void>): Promise<void> {
  await fake.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    if (fake.model.isProtected(sheet)) ws.protection.unprotect();
    await change(ws, context);
    await context.sync();
  });
}

/** The tables the filled workbook holds, each with the sheet it is on. */
const TABLES = KNOWN_TABLES.map((k) => k.table);
/** Tables whose rows the totals are read from: rows outside them and headers they lack refuse the scores. */
const SCORED = new Set<string>([SHEETS.settings.table, SHEETS.roster.table, SHEETS.ledger.table, SHEETS.appraisals.table, APPROVED_SCORES.table, PREVIOUS_TOTALS.table, DUES_STORE.table]);
const REQUIRED = new Set<string>([SHEETS.settings.table, SHEETS.roster.table, SHEETS.ledger.table, SHEETS.appraisals.table]);

/** Header variants a clerk types: a space inside, a full-width space, spaces around, Alt+Enter inside. */
function spaced(header: string, i: number): string {
  if (header.length < 2) return ` ${header}\u3000`;
  const cut = Math.ceil(header.length / 2);
  return [`${header.slice(0, cut)} ${header.slice(cut)}`, `${header.slice(0, cut)}\u3000${header.slice(cut)}`, `  ${header} `, `${header.slice(0, cut)}\n${header.slice(cut)}`][i % 4];
}

/** The sheet rows read from a table; 操作日志 without the line the repair itself logs there. */
function rowsRead(read: Awaited<ReturnType<typeof records>>, table: string): number[] {
  const rows = read!.map((r) => r.row);
  return table === SHEETS.log.table ? rows.slice(0, -1) : rows;
}

/** Every cell as it was (the repair of 操作日志 adds its own line below the last). */
function expectCellsKept(before: unknown[][], after: unknown[][], table: string): void {
  expect(table === SHEETS.log.table ? after.slice(0, before.length) : after).toEqual(before);
}

/** The header a rename takes away: one the table is read by. */
const RENAMED: Record<string, string> = { [APPROVED_SCORES.table]: "逐月积分", [PREVIOUS_TOTALS.table]: "上年得分", [DUES_STORE.table]: "应交" };

let base: { findings: string[]; records: Map<string, Awaited<ReturnType<typeof records>>>; q1: Record<string, number> };

beforeAll(async () => {
  const { gw, fake } = await filled();
  expect(fake.model.tables().map((t) => t.name).sort()).toEqual([...TABLES].sort());
  base = { findings: await findings(gw), records: new Map(), q1: await totals(gw, "2026Q1") };
  for (const t of TABLES) base.records.set(t, await records(gw, t));
});

describe("the filled workbook through the Office.js gateway", () => {
  it("scores the hand-checked totals; every table holds rows", async () => {
    const { gw } = await filled();
    expect(await totals(gw)).toEqual(RIGHT);
    for (const t of TABLES) expect(base.records.get(t)!.length).toBeGreaterThan(0);
    // What validation finds in the filled workbook is what every read-right case below must find again.
    expect(base.findings.filter((f) => f.startsWith("error"))).toEqual([]);
  });

  it("reads a table in full in no more syncs than before when nothing lies outside it", async () => {
    const { gw, fake } = await filled();
    fake.resetCounters();
    await loadLedger(gw);
    expect(fake.syncCount).toBe(2);
  });
});

describe.each(TABLES)("hand edits of %s through the Office.js gateway", (table) => {
  it("converted to a range: read by its header row, the same rows, a warning at the header; totals right; repair re-creates it over the same cells", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    await edit(fake, place.sheet, (_, context) => void context.workbook.tables.getItem(table).convertToRange());
    const before = fake.model.usedValues(place.sheet);
    expect(await records(gw, table)).toEqual(base.records.get(table));
    expect(await findings(gw)).toEqual([...base.findings, `warning table-as-range ${place.sheet}!${a1(place.top, place.left)}`].sort());
    expect(await totals(gw)).toEqual(RIGHT);
    const repair = await repairTables(gw);
    expect(repair.repaired).toEqual([expect.objectContaining({ sheet: place.sheet, table, action: "restored", range: `${a1(place.top, place.left)}:${a1(place.bottom, place.right)}` })]);
    expectCellsKept(before, fake.model.usedValues(place.sheet), table);
    expect(await findings(gw)).toEqual(base.findings);
  });

  it("headers with spaces inside, full-width spaces, spaces around and line breaks: read as the same headers, the same rows and findings, totals right", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    const headers = KNOWN_TABLES.find((k) => k.table === table)!.headers;
    await edit(fake, place.sheet, (ws) => void (ws.getRange(`${a1(place.top, place.left)}:${a1(place.top, place.right)}`).values = [headers.map(spaced)]));
    expect(fake.model.cell(place.sheet, a1(place.top, place.left)).value).toBe(spaced(headers[0], 0));
    expect(await records(gw, table)).toEqual(base.records.get(table));
    expect(await findings(gw)).toEqual(base.findings);
    expect(await totals(gw)).toEqual(RIGHT);
    expect((await repairTables(gw)).repaired).toEqual([]);
  });

  it("a row typed below after two blank rows: flagged at its row (an error where totals read the table: scores refused); repair takes it in", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    const row = place.bottom + 3;
    const copy = fake.model.usedValues(place.sheet)[place.top].slice(place.left, place.right + 1);
    await edit(fake, place.sheet, (ws) => void (ws.getRange(`${a1(row, place.left)}:${a1(row, place.right)}`).values = [copy]));
    const flagged = (await validateWorkbook(gw)).issues.filter((i) => i.code === "row-below-table");
    expect(flagged).toEqual([expect.objectContaining({ severity: SCORED.has(table) ? "error" : "warning", sheet: place.sheet, row })]);
    if (SCORED.has(table)) await expect(totals(gw)).rejects.toThrow(new RegExp(`${place.sheet}!\\w+${row} 第${row}行 在表格下方`));
    else expect(await totals(gw)).toEqual(RIGHT);
    const repair = await repairTables(gw);
    expect(repair.repaired).toEqual([expect.objectContaining({ table, action: "extended", range: `${a1(place.top, place.left)}:${a1(row, place.right)}` })]);
    expect(rowsRead(await records(gw, table), table)).toEqual([...base.records.get(table)!.map((r) => r.row), row]);
  });

  it("the table shrunk (its last row left outside): flagged, never read as a smaller table; repair takes the row back", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    if (place.bottom - place.top < 2) return; // one data row: a table cannot be shrunk below it
    await edit(fake, place.sheet, (ws, context) => {
      context.workbook.tables.getItem(table).convertToRange();
      ws.tables.add(`${a1(place.top, place.left)}:${a1(place.bottom - 1, place.right)}`, true).name = table;
    });
    expect((await validateWorkbook(gw)).issues.filter((i) => i.code === "row-below-table")).toEqual([
      expect.objectContaining({ severity: SCORED.has(table) ? "error" : "warning", sheet: place.sheet, row: place.bottom }),
    ]);
    if (SCORED.has(table)) await expect(totals(gw)).rejects.toThrow(/在表格下方/);
    else expect(await totals(gw)).toEqual(RIGHT);
    expect((await repairTables(gw)).repaired).toEqual([expect.objectContaining({ table, action: "extended", range: `${a1(place.top, place.left)}:${a1(place.bottom, place.right)}` })]);
    expect(rowsRead(await records(gw, table), table)).toEqual(base.records.get(table)!.map((r) => r.row));
    expect(await findings(gw)).toEqual(base.findings);
  });

  it("20 columns filled beside it: each flagged as outside the table, the same rows, totals right", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    await edit(fake, place.sheet, (ws) => {
      const first = place.right + 1;
      ws.getRange(`${a1(place.top, first)}:${a1(place.top + 1, first + 19)}`).values = [Array.from({ length: 20 }, (_, c) => `附加${c + 1}`), Array.from({ length: 20 }, (_, c) => c + 1)];
    });
    const beside = (await validateWorkbook(gw)).issues.filter((i) => i.code === "column-beside-table");
    expect(beside).toHaveLength(20);
    expect(beside.every((i) => i.severity === "warning" && i.sheet === place.sheet)).toBe(true);
    expect(await records(gw, table)).toEqual(base.records.get(table));
    expect(await totals(gw)).toEqual(RIGHT);
  });

  it("a header renamed: flagged at the header row (an error where totals need it: scores refused)", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    const headers = KNOWN_TABLES.find((k) => k.table === table)!.headers;
    const renamed = RENAMED[table] ?? headers[1];
    const at = headers.indexOf(renamed);
    await edit(fake, place.sheet, (ws) => void (ws.getRange(a1(place.top, place.left + at)).values = [[`${renamed}（改）`]]));
    const missing = (await validateWorkbook(gw)).issues.filter((i) => i.code === "missing-column");
    expect(missing).toEqual([expect.objectContaining({ sheet: place.sheet, row: place.top, header: expect.stringContaining(renamed) })]);
    if (SCORED.has(table)) {
      expect(missing[0].severity).toBe("error");
      await expect(totals(gw)).rejects.toThrow(new RegExp(`表头缺少：[^\\n]*${renamed}`));
    } else {
      expect(missing[0].severity).toBe("warning");
      expect(await totals(gw)).toEqual(RIGHT);
    }
  });

  it("the sheet renamed: the table found by its name, the same rows, totals right", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    await edit(fake, place.sheet, (ws) => void (ws.name = `${place.sheet}（2026）`));
    expect((await records(gw, table))!.map((r) => r.values)).toEqual(base.records.get(table)!.map((r) => r.values));
    expect(await totals(gw)).toEqual(RIGHT);
  });

  it("the sheet protected: read as it is, totals right", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(place.sheet);
      if (!fake.model.isProtected(place.sheet)) ws.protection.protect();
      await context.sync();
    });
    expect(fake.model.isProtected(place.sheet)).toBe(true);
    expect(await records(gw, table)).toEqual(base.records.get(table));
    expect(await totals(gw)).toEqual(RIGHT);
  });

  it("the sheet deleted: refused where the totals need it, else the totals stay right", async () => {
    const { gw, fake } = await filled();
    const place = placeOf(fake, table);
    await edit(fake, place.sheet, (ws) => ws.delete());
    expect(await records(gw, table)).toBeNull();
    if (REQUIRED.has(table)) await expect(totals(gw)).rejects.toThrow(new RegExp(`缺少工作表「${place.sheet}」`));
    else expect(await totals(gw)).toEqual(RIGHT);
  });
});

describe("cells that cannot be read, through the Office.js gateway", () => {
  /** Writes one cell of a table's data row (1-based within the table) by header. */
  async function setCell(book: Book, def: TableSheetDef, dataRow: number, header: string, value: Cell): Promise<string> {
    const place = placeOf(book.fake, def.table);
    const at = a1(place.top + dataRow, place.left + def.columns.findIndex((c) => c.header === header));
    await edit(book.fake, place.sheet, (ws) => void (ws.getRange(at).values = [[value]]));
    return `${place.sheet}!${at}`;
  }

  it.each([
    ["分值 「两分」 (003's −3, 2026-06-01)", SHEETS.ledger, 4, "分值", "两分", /分值「两分」不是数字/],
    ["次数 「两次」 (002's D1 ×2, 2026-07-15)", SHEETS.ledger, 5, "次数", "两次", /次数「两次」不是数字/],
    ["分值 #N/A (003's −3)", SHEETS.ledger, 4, "分值", "#N/A", /分值是错误值 #N\/A/],
  ])("积分台账 %s: flagged at its cell; the year's scores and the half-year's 公示 refused naming it; other periods right", async (_, def, dataRow, header, value, message) => {
    const book = await filled();
    const cell = await setCell(book, def, dataRow, header, value);
    const issues = (await validateWorkbook(book.gw)).issues;
    expect(issues.map((i) => `${i.severity} ${i.sheet}!${i.column}${i.row}`)).toContain(`error ${cell}`);
    await expect(totals(book.gw)).rejects.toThrow(new RegExp(`${cell} 第\\d+行 ${message.source}`));
    await expect(writeReport(book.gw, "公示", dataRow === 4 ? "2026H1" : "2026H2", "2026-07-20")).rejects.toThrow(message);
    // A period the cell is not in is scored as before.
    expect(await totals(book.gw, "2026Q1")).toEqual(base.q1);
  });

  it("积分台账 编号 #REF! (002's D1 ×2, July): whose row it is is unknown and 星级党员 has vetoes, so every period of the year is refused, Q1 too", async () => {
    const book = await filled();
    const cell = await setCell(book, SHEETS.ledger, 5, "编号", "#REF!");
    expect((await validateWorkbook(book.gw)).issues.map((i) => `${i.severity} ${i.sheet}!${i.column}${i.row}`)).toContain(`error ${cell}`);
    for (const period of ["2026", "2026Q1", "2026H1"]) await expect(totals(book.gw, period)).rejects.toThrow(new RegExp(`${period} 用到的 1 个单元格无法读取[^]*${cell} 第\\d+行 编号是错误值 #REF!`));
  });

  it.each([
    ["民主评议 评议等次 「优」 (a grade the scheme does not have)", SHEETS.appraisals, 1, "评议等次", "优", /评议等次「优」不是本方案的评议等次/],
    ["民主评议 年度 「二〇二六」", SHEETS.appraisals, 2, "年度", "二〇二六", /年度「二〇二六」不是数字/],
    ["党员名册 编号 #REF!", SHEETS.roster, 3, "编号", "#REF!", /编号是错误值 #REF!/],
    ["设置 值 #N/A (支部名称)", SHEETS.settings, 1, "值", "#N/A", /值是错误值 #N\/A/],
  ])("%s: flagged at its cell, the year's scores refused naming it", async (_, def, dataRow, header, value, message) => {
    const book = await filled();
    const cell = await setCell(book, def, dataRow, header, value);
    expect((await validateWorkbook(book.gw)).issues.map((i) => `${i.severity} ${i.sheet}!${i.column}${i.row}`)).toContain(`error ${cell}`);
    await expect(totals(book.gw)).rejects.toThrow(new RegExp(`${cell} 第\\d+行 ${message.source}`));
  });

  it("民主评议 with a bad grade still gives the quarters (the appraisal counts only in the year)", async () => {
    const book = await filled();
    await setCell(book, SHEETS.appraisals, 1, "评议等次", "优");
    expect(await totals(book.gw, "2026Q1")).toEqual(base.q1);
  });

  // The sheets beside the ledger: text in a number column and an error value are flagged at their cell. Where
  // the scheme scores the sheet (星级党员 takes D5 from 党费交纳) the scores are refused; else they stay right.
  const SIDE_NUMBERS: [TableSheetDef, string, "refused" | "right"][] = [
    [REDEMPTION_STORE, "消耗积分", "right"],
    [BRANCH_SCORE_STORE, "分值", "right"],
    [BRANCH_STAR_STORE, "党员人数", "right"],
    [COMMITMENT_STORE, "年度", "right"],
    [GRADING_STORE, "年度", "right"],
    [DUES_STORE, "应交", star.dues ? "refused" : "right"],
    [PREVIOUS_TOTALS, "上年得分", "right"],
  ];
  it.each(SIDE_NUMBERS.flatMap(([def, header, outcome]) => [[def.sheet, header, "两分", outcome, def] as const, [def.sheet, header, "#REF!", outcome, def] as const]))(
    "%s %s ← %s: flagged at its cell; the totals %s",
    async (_, header, value, outcome, def) => {
      const book = await filled();
      const cell = await setCell(book, def, 1, header, value);
      expect((await validateWorkbook(book.gw)).issues.map((i) => `${i.severity} ${i.sheet}!${i.column}${i.row}`)).toContain(`error ${cell}`);
      if (outcome === "refused") await expect(totals(book.gw)).rejects.toThrow(new RegExp(`${cell} 第2行 ${header}`));
      else expect(await totals(book.gw)).toEqual(RIGHT);
    },
  );

  it("merged cells in the ledger converted to a range: read right; repair is refused by Excel and nothing changes", async () => {
    const book = await filled();
    const place = placeOf(book.fake, SHEETS.ledger.table);
    const note = place.left + SHEETS.ledger.columns.findIndex((c) => c.header === "说明");
    await edit(book.fake, place.sheet, (ws, context) => {
      context.workbook.tables.getItem(SHEETS.ledger.table).convertToRange();
      ws.getRange(a1(place.top + 5, note)).values = [[""]];
      ws.getRange(`${a1(place.top + 4, note)}:${a1(place.top + 5, note)}`).merge();
    });
    expect(await totals(book.gw)).toEqual(RIGHT);
    const before = book.fake.model.usedValues(place.sheet);
    await expect(repairTables(book.gw)).rejects.toThrow();
    expect(book.fake.model.usedValues(place.sheet)).toEqual(before);
  });
});

describe("SCHEME_STORE and the approval sheets are part of the matrix", () => {
  it("covers every table the add-in reads", () => {
    expect(TABLES).toEqual(expect.arrayContaining([SCHEME_STORE.table, APPROVED_SCORES.table, SHEETS.approvals.table, SHEETS.approvalPrints.table, SHEETS.log.table, SHEETS.rules.table, SHEETS.appeals.table]));
  });
});
