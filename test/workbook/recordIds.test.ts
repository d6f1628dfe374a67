/**
 * 记录号 through each gateway that edits files or memory: a ledger from before 记录号 is brought up to
 * date by the first write (and by init), hand-typed rows get their 记录号, and corrections keep naming
 * the same record however the rows are then sorted.
 */
import { appendEntry, importCsvFiles, loadLedger, resolveAppeal, recordAppeal, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../src/app/ledgerService";
import type { WorkbookGateway } from "../../src/app/gateway";
import { SHEETS } from "../../src/core/ledger/layout";
import { tableFormats } from "../../src/core/ledger/recordIds";
import { tableSpec } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { type Cell, isoToSerial } from "../../src/core/sheetModel";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";

const NOW = new Date(2026, 6, 1, 9, 0, 0);
const scheme = getBuiltinScheme("star-member");
const settings = { branch: "第一党支部", year: 2026, secretary: "王书记" };

const harnesses: { name: string; create: () => WorkbookGateway; reopen: (gw: WorkbookGateway) => WorkbookGateway }[] = [
  { name: "memory", create: () => new MemoryGateway(), reopen: (gw) => gw },
  { name: "package (.xlsx)", create: () => PackageGateway.create(), reopen: (gw) => PackageGateway.open((gw as PackageGateway).toBytes(), "book.xlsx") },
];

/** A ledger as the add-in wrote it before 记录号: no 记录号 column, corrections by sheet row in 撤销行号 (row 4 cancels row 2). */
async function legacyLedger(gw: WorkbookGateway): Promise<void> {
  const def = SHEETS.ledger;
  const columns = def.columns.slice(0, 11);
  const headers = columns.map((c) => (c.header === "撤销记录号" ? "撤销行号" : c.header));
  const row = (date: string, id: string, code: string, reverses: Cell = null): Cell[] => [isoToSerial(date), id, null, code, null, 1, -1, null, null, null, reverses];
  const rows = [row("2026-03-02", "001", "D1"), row("2026-03-09", "002", "D1"), row("2026-06-30", "001", "D1", 2)];
  await gw.apply([{ op: "createTable", spec: { ...tableSpec(def, []), headers, formats: columns.map((c) => c.type), widths: columns.map((c) => c.width), rows } }]);
  await scaffoldWorkbook(gw, scheme, settings, NOW);
  await importCsvFiles(gw, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n" }, NOW);
}

describe.each(harnesses)("记录号 through the $name gateway", ({ create, reopen }) => {
  it("numbers rows as they are written and keeps a correction on its record when the ledger is sorted", async () => {
    let gw = create();
    await scaffoldWorkbook(gw, scheme, settings, NOW);
    await importCsvFiles(gw, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n", entries: "日期,编号,项目代码\n2026-03-02,001,D1\n2026-03-09,002,D1\n2026-04-01,001,D2\n" }, NOW);
    const written = await appendEntry(gw, { 日期: "2026-05-06", 编号: "002", 项目代码: "D2" }, {}, NOW);
    expect(written).toMatchObject({ row: 5, id: 4, written: true });
    const id = await recordAppeal(gw, { memberId: "001", period: "2026H1", claim: "3月2日请假", date: "2026-07-01" }, NOW);
    expect(await resolveAppeal(gw, { appealId: id, result: "属实，撤销", date: "2026-07-01", reverseId: 1 }, NOW)).toEqual({ rows: [6], ids: [5] });
    gw = reopen(gw);
    const before = (await scoreLedger(await loadLedger(gw), "2026H1")).members.map((m) => [m.id, m.total]);

    // Sorted by 日期 descending by hand, and a row typed by hand at the top (no 记录号).
    const t = (await gw.readTables([SHEETS.ledger.table])).get(SHEETS.ledger.table)!;
    const date = t.headers.indexOf("日期");
    const typed: Cell[] = t.headers.map((h) => ({ 日期: isoToSerial("2026-08-01"), 编号: "002", 项目代码: "D1", 次数: 1 })[h] ?? null);
    const sorted = [typed, ...[...t.rows].sort((a, b) => Number(b[date]) - Number(a[date]))];
    await gw.apply([{ op: "replaceRows", table: t.name, rows: sorted, formats: tableFormats(SHEETS.ledger, t.headers) }]);
    gw = reopen(gw);
    expect((await scoreLedger(await loadLedger(gw), "2026H1")).members.map((m) => [m.id, m.total])).toEqual(before);
    expect((await validateWorkbook(gw)).issues.filter((i) => i.sheet === SHEETS.ledger.sheet)).toEqual([]);

    // The next write numbers the hand-typed row, and logs it.
    await appendEntry(gw, { 日期: "2026-08-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    gw = reopen(gw);
    const after = (await gw.readTables([SHEETS.ledger.table, SHEETS.log.table]));
    const ledger = after.get(SHEETS.ledger.table)!;
    const ids = ledger.rows.map((r) => r[ledger.headers.indexOf("记录号")]);
    expect(ids[0]).toBe(6);
    expect(ids.at(-1)).toBe(7);
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.get(SHEETS.log.table)!.rows.some((r) => r[1] === "补编记录号")).toBe(true);
  });

  it("brings a ledger from before 记录号 up to date when init finds it: row numbers become 记录号, 撤销行号 becomes 撤销记录号", async () => {
    let gw = create();
    await legacyLedger(gw);
    gw = reopen(gw);
    const ledger = (await gw.readTables([SHEETS.ledger.table])).get(SHEETS.ledger.table)!;
    expect(ledger.headers).toEqual(SHEETS.ledger.columns.map((c) => c.header));
    expect(ledger.rows.map((r) => [r[10], r[11]])).toEqual([
      [null, 2],
      [null, 3],
      [2, 4],
    ]);
    // 001's D1 on 2026-03-02 stays cancelled: only 002's counts in H1.
    const scored = await scoreLedger(await loadLedger(gw), "2026H1");
    expect(scored.members.find((m) => m.id === "001")!.total).toBeGreaterThan(scored.members.find((m) => m.id === "002")!.total);
    expect((await validateWorkbook(gw)).issues.filter((i) => i.sheet === SHEETS.ledger.sheet)).toEqual([]);
  });
});
