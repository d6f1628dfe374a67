/*
 * Writes inside real Excel (issue 17): every request within Excel on the web's 5 MB as Office.js
 * serialises it (the strict fake counts and rejects), a write that fails halfway leaves the ledger
 * consistent and says what was and was not written, and new ledger rows go below the table and the
 * table is resized (no rows.add: Excel refuses it on a table the clerk has filtered).
 */
import { SHEETS } from "../../src/core/ledger/layout";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { REPORT_FORM_NAMES } from "../../src/core/reports/forms";
import { type Cell, type WorkbookOp, isoToSerial } from "../../src/core/sheetModel";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { WorkbookError } from "../../src/app/gateway";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { REQUEST_LIMIT } from "../../src/hosts/office/requestSize";
import { largestRequests } from "../../bench/requestSizeCase";
import { type ExcelFake, FakeOfficeError, createExcelFake } from "../fakes/excelFake";

const star = getBuiltinScheme("star-member");

function wide(cells: Cell[], columns: number): Cell[] {
  return [...cells, ...Array.from({ length: columns - cells.length }, () => null)];
}

function ledgerRows(count: number, from = 1): Cell[][] {
  return Array.from({ length: count }, (_, i) => wide([isoToSerial("2026-03-02"), "001", "张三", "D1", null, 1, null, `证明${from + i}`], SHEETS.ledger.columns.length));
}

const appendLedger = (rows: Cell[][]): WorkbookOp => ({ op: "appendRows", table: SHEETS.ledger.table, rows, formats: formatsOf(SHEETS.ledger) });
const appendLog = (text: string): WorkbookOp => ({ op: "appendRows", table: SHEETS.log.table, rows: [wide([text], SHEETS.log.columns.length)], formats: formatsOf(SHEETS.log) });

async function ledgerBook(tableResize = true): Promise<{ fake: ExcelFake; gw: OfficeJsGateway }> {
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch), tableResize);
  await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
  await gw.apply([appendLedger(ledgerRows(3))]);
  fake.resetCounters();
  return { fake, gw };
}

const ledgerAddress = (fake: ExcelFake) => fake.model.tables().find((t) => t.name === SHEETS.ledger.table)!.address;

describe("request size as Office.js serialises it", () => {
  it("at 2,000 members every write (ledger, import, every report form) stays under 5 MB in every request", async () => {
    const rows = await largestRequests(2000);
    expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining(REPORT_FORM_NAMES.map((f) => expect.stringContaining(`「${f}」`))));
    for (const r of rows) expect([r.operation, r.bytes < REQUEST_LIMIT]).toEqual([r.operation, true]);
  }, 900_000);
});

describe("a write that fails halfway (the fake failing at chosen requests)", () => {
  const report = (text: string) => ({ op: "writeSheet" as const, model: { name: "公示-2026Q1", rows: [[{ value: text, text: true, style: "title" as const }]] } });

  it("new ledger rows go last: a failure before them leaves the ledger as it was and names what was written", async () => {
    const { fake, gw } = await ledgerBook();
    await gw.apply([report("旧表")]);
    const before = ledgerAddress(fake);
    fake.resetCounters();
    // The ledger rows come first in the batch but are written last, over several requests (40,000 rows);
    // the request that would make them part of the table (Table.resize) fails.
    const order: string[] = [];
    fake.failSync((_, actions) => {
      order.push(...actions);
      return actions.some((a) => a.includes(SHEETS.ledger.table) && a.endsWith(".resize"));
    });
    const error = await gw.apply([appendLedger(ledgerRows(40_000, 10)), appendLog("录入 40000 条"), report("新表")]).catch((e: unknown) => e);
    const firstLedgerWrite = order.findIndex((a) => a.includes(SHEETS.ledger.table) && a.endsWith(".values"));
    expect(firstLedgerWrite).toBeGreaterThan(order.findIndex((a) => a.includes(SHEETS.log.table) && a.endsWith(".values")));
    expect(firstLedgerWrite).toBeGreaterThan(order.findIndex((a) => a.endsWith(".name")));
    expect(error).toBeInstanceOf(WorkbookError);
    const message = (error as Error).message;
    expect(message).toContain("已写入：");
    expect(message).toMatch(/已写入：[^\n]*「操作日志」[^\n]*生成工作表「公示-2026Q1」/);
    expect(message).toMatch(/未写入：[^\n]*向「积分台账」追加 40000 行/);
    expect(ledgerAddress(fake)).toBe(before);
    // Nothing of the failed rows is left below the table.
    fake.failSync(null);
    const values = fake.model.usedValues("积分台账");
    expect(values.flat()).not.toContain("证明10");
    expect(fake.model.cell("公示-2026Q1", "A1").value).toBe("新表");
  });

  it("a generated sheet is written under a temporary name, then swapped: a failure while writing it keeps the old sheet", async () => {
    const { fake, gw } = await ledgerBook();
    await gw.apply([report("旧表")]);
    fake.resetCounters();
    // 5,000 rows styled row by row (a rectangle each, ~2 KB serialised) take several requests; the one that
    // would swap the new sheet in (delete the old, rename the new) fails.
    const rows = Array.from({ length: 5_000 }, (_, i) => [{ value: `第${i}行`, text: true, style: i % 2 ? ("cell" as const) : ("number" as const) }]);
    const big = { op: "writeSheet" as const, model: { name: "公示-2026Q1", rows } };
    const requests: string[][] = [];
    fake.failSync((_, actions) => (requests.push(actions), actions.some((a) => a.endsWith(".name"))));
    const error = await gw.apply([big]).catch((e: unknown) => e);
    expect(requests.filter((r) => r.some((a) => a.includes("~生成中"))).length).toBeGreaterThan(1);
    fake.failSync(null);
    // Nothing was written (the temporary sheet is deleted again): Excel's own error.
    expect(error).toMatchObject({ code: "GeneralException" });
    expect(fake.model.cell("公示-2026Q1", "A1").value).toBe("旧表");
    expect(fake.model.sheetNames().filter((n) => n.startsWith("~"))).toEqual([]);
  });

  it("when nothing was written (what the failed request wrote taken back), Excel's own error reaches the pane", async () => {
    const { fake, gw } = await ledgerBook();
    const before = ledgerAddress(fake);
    fake.failSync((_, actions) => actions.some((a) => a.endsWith(".resize")));
    const error = await gw.apply([appendLedger(ledgerRows(2, 30))]).catch((e: unknown) => e);
    fake.failSync(null);
    expect(error).toBeInstanceOf(FakeOfficeError);
    expect(error).toMatchObject({ code: "GeneralException" });
    expect(ledgerAddress(fake)).toBe(before);
    expect(fake.model.usedValues("积分台账").flat()).not.toContain("证明30");
  });

  it("a request that fails after others went through: the report keeps Excel's error code and what may be half written", async () => {
    const { fake, gw } = await ledgerBook();
    // 40,000 roster-less ledger rows need several requests; the 2nd write request fails, setCells has no undo.
    let writes = 0;
    fake.failSync((_, actions) => actions.some((a) => a.endsWith(".values")) && ++writes === 2);
    const error = await gw.apply([appendLog("日志"), appendLedger(ledgerRows(40_000, 50))]).catch((e: unknown) => e);
    fake.failSync(null);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as Error).message).toContain("错误代码 GeneralException");
    expect((error as Error).message).toMatch(/已写入：向「操作日志」追加 1 行。/);
    expect((error as Error).message).toMatch(/未写入：向「积分台账」追加 40000 行。/);
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(FakeOfficeError);
    expect(fake.model.usedValues("积分台账").flat()).not.toContain("证明50");
  });
});

describe("large writes and the clerk's filter", () => {
  it("the fake models Excel refusing rows.add on a filtered table", async () => {
    const { fake } = await ledgerBook();
    fake.model.filterTable(SHEETS.ledger.table);
    await expect(
      fake.run(async (context) => {
        context.workbook.tables.getItem(SHEETS.ledger.table).rows.add(undefined, [ledgerRows(1)[0].map(() => "")]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InsertDeleteConflict" });
  });

  it("appends to a filtered ledger: the rows go below the table, which is resized over them; the filter stays", async () => {
    const { fake, gw } = await ledgerBook();
    fake.model.filterTable(SHEETS.ledger.table);
    await gw.apply([appendLedger(ledgerRows(2, 20))]);
    expect(ledgerAddress(fake)).toMatch(/:[A-Z]+6$/);
    expect(fake.model.usedValues("积分台账")[5]).toContain("证明21");
    expect(fake.model.tableFiltered(SHEETS.ledger.table)).toBe(true);
  });

  it("without Table.resize (Excel before ExcelApi 1.13) a filtered ledger is refused in Chinese before anything is written", async () => {
    const { fake, gw } = await ledgerBook(false);
    fake.model.filterTable(SHEETS.ledger.table);
    const before = ledgerAddress(fake);
    await expect(gw.apply([appendLog("录入"), appendLedger(ledgerRows(1))])).rejects.toThrow(/正在筛选.*请先清除筛选/);
    expect(ledgerAddress(fake)).toBe(before);
  });

  it("a large import never calls rows.add, and suspends recalculation in every request but the last", async () => {
    const { fake, gw } = await ledgerBook();
    const actions: string[] = [];
    fake.failSync((_, a) => (actions.push(...a), false));
    await gw.apply([appendLedger(ledgerRows(50_000, 100))]);
    fake.failSync(null);
    expect(actions.filter((a) => a.endsWith("rows.add"))).toEqual([]);
    expect(actions.filter((a) => a.endsWith(".resize"))).toHaveLength(1);
    const suspended = fake.syncSuspended;
    expect(suspended.length).toBeGreaterThan(2);
    // The look, then the write requests: all but the last suspend Excel's calculation.
    expect(suspended.slice(1, -1).every(Boolean)).toBe(true);
    expect(suspended[suspended.length - 1]).toBe(false);
    expect(Math.max(...fake.syncPayloads)).toBeLessThan(REQUEST_LIMIT);
    expect(ledgerAddress(fake)).toMatch(/:[A-Z]+50004$/);
  }, 120_000);
});
