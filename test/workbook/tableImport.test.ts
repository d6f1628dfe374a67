// Import from a real .xlsx the branch keeps, read by the .xlsx host: dates stored as dates, numbers as
// numbers, a title above the header, a second sheet. Only the WorkbookGateway interface is used.
import ExcelJS from "exceljs";
import { isoToSerial } from "../../src/core/dates";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import { importCsvFiles, scaffoldWorkbook } from "../../src/app/ledgerService";
import { importTableRows, previewTableImport } from "../../src/app/tableImport";

const NOW = new Date(2026, 2, 1);

async function clerkXlsx(): Promise<ExcelJsGateway> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("填表说明");
  notes.addRow(["请按表头填写"]);
  const sheet = wb.addWorksheet("2026年积分");
  sheet.addRow(["第一党支部党员积分登记表"]);
  sheet.mergeCells("A1:F1");
  sheet.addRow(["时间", "党员编号", "党员姓名", "代码", "得分", "备注"]);
  sheet.addRow([new Date(Date.UTC(2026, 2, 5)), "001", "张三", "D1", null, "缺席"]);
  sheet.addRow(["2026/04/01 00:00:00", "001", "张三", "D6", "－2分", ""]);
  sheet.addRow([new Date(Date.UTC(2026, 4, 6)), "001", "张三", "D6", -3, "手工"]);
  // As a file: written and read back by exceljs, as the CLI would open it.
  const buffer = await wb.xlsx.writeBuffer();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(buffer as ArrayBuffer);
  return new ExcelJsGateway(read);
}

describe("import from an .xlsx", () => {
  it("finds the sheet below its title, previews and appends the rows with dates and points read", async () => {
    const target = new MemoryGateway();
    await scaffoldWorkbook(target, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, NOW);
    await importCsvFiles(target, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n" }, NOW);
    const source = await clerkXlsx();
    const preview = await previewTableImport(target, "entries", { gateway: source, name: "积分.xlsx" });
    expect(preview).toMatchObject({ sheet: "2026年积分", headerRow: 2, total: 3 });
    expect(preview.text.map((r) => [r[0], r[3], r[6]])).toEqual([
      ["2026-03-05", "D1", "-1"],
      ["2026-04-01", "D6", "-2"],
      ["2026-05-06", "D6", "-3"],
    ]);
    const result = await importTableRows(target, "entries", { gateway: source, name: "积分.xlsx" }, NOW);
    expect(result.rows).toBe(3);
    expect(result.report.kept).toEqual([]);
    expect(target.book.tables.get("LedgerTable")!.rows.map((r) => [r[0], r[6]])).toEqual([
      [isoToSerial("2026-03-05"), -1],
      [isoToSerial("2026-04-01"), -2],
      [isoToSerial("2026-05-06"), -3],
    ]);
  });
});
