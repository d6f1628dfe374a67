import { isoToSerial } from "../../src/core/sheetModel";
import { SHEETS } from "../../src/core/ledger/layout";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { appendEntry, importCsvFiles, loadLedger, scaffoldWorkbook } from "../../src/app/ledgerService";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";

const NOW = new Date(2026, 3, 1, 9, 0, 0);

async function ledgerBook(): Promise<MemoryGateway> {
  const gw = new MemoryGateway();
  await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, NOW);
  await importCsvFiles(gw, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,预备党员\n" }, NOW);
  return gw;
}

const ledgerRows = (gw: MemoryGateway) => gw.book.tables.get(SHEETS.ledger.table)!.rows;
const logRows = (gw: MemoryGateway) => gw.book.tables.get(SHEETS.log.table)!.rows;

describe("appendEntry (the task pane's 录入 form)", () => {
  it("writes a valid entry as the next ledger row, with name, item name and fixed points filled in, and logs it", async () => {
    const gw = await ledgerBook();
    const logBefore = logRows(gw).length;
    const result = await appendEntry(gw, { 日期: "2026-03-02", 编号: "001", 项目代码: "d1", 次数: "2", 记录人: "李红梅" }, {}, NOW);
    expect(result).toEqual({ row: 2, id: 1, written: true, issues: [] });
    const [row] = ledgerRows(gw);
    expect(row.slice(0, 7)).toEqual([isoToSerial("2026-03-02"), "001", "张三", "D1", getBuiltinScheme("star-member").items.find((i) => i.code === "D1")!.name, 2, -1]);
    expect(logRows(gw).length).toBe(logBefore + 1);
    expect(logRows(gw).at(-1)).toContain("录入积分记录");
    expect((await loadLedger(gw)).entries).toHaveLength(1);
  });

  it("refuses an entry with errors, writing nothing, and says where and why", async () => {
    const gw = await ledgerBook();
    const result = await appendEntry(gw, { 日期: "2026-02-30", 编号: "009", 项目代码: "D1" }, {}, NOW);
    expect(result.written).toBe(false);
    expect(result.row).toBe(2);
    expect(result.issues.map((i) => [i.code, i.column])).toEqual(expect.arrayContaining([["bad-date", "A"], ["unknown-member", "B"]]));
    expect(result.issues.every((i) => i.sheet === "积分台账" && i.row === 2 && /[\u4e00-\u9fff]/.test(i.message))).toBe(true);
    expect(ledgerRows(gw)).toHaveLength(0);
  });

  it("writes an entry with errors when the clerk insists; it then counts for nothing", async () => {
    const gw = await ledgerBook();
    await appendEntry(gw, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    const forced = await appendEntry(gw, { 日期: "2026-03-03", 编号: "001", 项目代码: "D6", 分值: "-9" }, { force: true }, NOW);
    expect(forced).toMatchObject({ row: 3, written: true });
    expect(forced.issues.map((i) => i.code)).toEqual(["value-out-of-range"]);
    expect(ledgerRows(gw)).toHaveLength(2);
  });

  it("keeps a name that looks like a formula as text", async () => {
    const gw = await ledgerBook();
    await appendEntry(gw, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1", 说明: "=1+1" }, {}, NOW);
    expect(ledgerRows(gw)[0][9]).toBe("=1+1");
  });
});
