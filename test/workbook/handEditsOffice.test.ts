/**
 * Issue 22 through the Office.js gateway over the strict fake: the ledger's table converted to a range
 * and rows typed below a table after blank rows, as the clerk does them in Excel.
 */
import { SHEETS } from "../../src/core/ledger/layout";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { isoToSerial } from "../../src/core/sheetModel";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { loadLedger, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../src/app/ledgerService";
import { repairTables } from "../../src/app/repairTables";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";

const star = getBuiltinScheme("star-member");

/** 001 −1 −2, 002 −5; 001 优秀 (20), 002 合格 (15): by hand 80−3+20 = 97 and 80−5+15 = 90. */
async function filled(): Promise<{ gw: OfficeJsGateway; fake: ExcelFake }> {
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
  await gw.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: [["001", "张三", "正式党员", null, null, null, null, "在册", null], ["002", "李四", "正式党员", null, null, null, null, "在册", null]], formats: formatsOf(SHEETS.roster) },
    {
      op: "appendRows",
      table: SHEETS.ledger.table,
      rows: [
        [isoToSerial("2026-03-02"), "001", "张三", "D1", null, 1, null, null, null, null, null],
        [isoToSerial("2026-04-10"), "001", "张三", "D2", null, 1, null, null, null, null, null],
        [isoToSerial("2026-05-06"), "002", "李四", "D5", null, 1, null, null, null, null, null],
      ],
      formats: formatsOf(SHEETS.ledger),
    },
    { op: "appendRows", table: SHEETS.appraisals.table, rows: [[2026, "001", "张三", "优秀", null], [2026, "002", "李四", "合格", null]], formats: formatsOf(SHEETS.appraisals) },
  ]);
  return { gw, fake };
}

async function totals(gw: OfficeJsGateway): Promise<Record<string, number>> {
  const result = scoreLedger(await loadLedger(gw), "2026");
  return Object.fromEntries(result.members.map((m) => [m.id, m.total]));
}

describe("hand edits through the Office.js gateway (strict fake)", () => {
  it("the filled workbook scores 97 and 90", async () => {
    const { gw } = await filled();
    expect(await totals(gw)).toEqual({ "001": 97, "002": 90 });
  });

  it("the ledger's table converted to a range: read by its header row with a warning, right; repair re-creates the table over the same cells", async () => {
    const { gw, fake } = await filled();
    await fake.run(async (context) => {
      context.workbook.tables.getItem(SHEETS.ledger.table).convertToRange();
      await context.sync();
    });
    const before = fake.model.usedValues(SHEETS.ledger.sheet);
    const result = await validateWorkbook(gw);
    expect(result.issues).toEqual([expect.objectContaining({ code: "table-as-range", severity: "warning", sheet: "积分台账", row: 1, column: "A" })]);
    expect(await totals(gw)).toEqual({ "001": 97, "002": 90 });
    const repair = await repairTables(gw);
    expect(repair.repaired).toEqual([{ sheet: "积分台账", table: "LedgerTable", range: "A1:K4", action: "restored", rows: 3 }]);
    expect(repair.remaining).toEqual([]);
    expect(fake.model.usedValues(SHEETS.ledger.sheet)).toEqual(before);
    expect((await validateWorkbook(gw)).issues).toEqual([]);
  });

  it("rows typed below the ledger after blank rows: flagged at their rows, loading refused; repair extends the table over them", async () => {
    const { gw, fake } = await filled();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem(SHEETS.ledger.sheet).getRange("A8:D8").values = [[isoToSerial("2026-09-01"), "002", "李四", "D1"]];
      await context.sync();
    });
    const result = await validateWorkbook(gw);
    expect(result.issues).toEqual([expect.objectContaining({ code: "row-below-table", severity: "error", sheet: "积分台账", row: 8, column: "A" })]);
    await expect(loadLedger(gw)).rejects.toThrow(/积分台账!A8 第8行 在表格下方、隔着空行，不属于表格，未计分/);
    const repair = await repairTables(gw);
    expect(repair.repaired).toEqual([{ sheet: "积分台账", table: "LedgerTable", range: "A1:K8", action: "extended", rows: 7 }]);
    expect(await totals(gw)).toEqual({ "001": 97, "002": 89 });
  });

  it("a table read in full takes no more syncs than before when nothing lies outside it", async () => {
    const { gw, fake } = await filled();
    fake.resetCounters();
    await loadLedger(gw);
    expect(fake.syncCount).toBe(2);
  });
});
