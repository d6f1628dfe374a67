/*
 * Inside real Excel the clerk may be typing in a cell when the pane acts. Excel then fails a batch run
 * without Excel.RunOptions.delayForCellEdit (InvalidOperationInCellEditMode), and holds one run with it
 * until the edit ends. The fake models both; every Excel.run of the add-in must pass the option, and an
 * Excel error that does reach the pane is explained in Chinese.
 */
import { SHEETS } from "../../src/core/ledger/layout";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { isoToSerial } from "../../src/core/sheetModel";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { OfficeJsGateway, runInExcel } from "../../src/hosts/office/officeJsGateway";
import { officeHost } from "../../src/taskpane/officeHost";
import { OFFICE_ERROR_MESSAGES, describeFailure } from "../../src/taskpane/errors";
import { type ExcelFake, FakeOfficeError, createExcelFake } from "../fakes/excelFake";

const CJK = /[\u4e00-\u9fff]/;

/** Office.js as the add-in sees it: a global Excel whose run is the fake's, options and all. */
function installExcel(fake: ExcelFake): void {
  (globalThis as unknown as { Excel: unknown }).Excel = { run: (...args: unknown[]) => (fake.run as (...a: unknown[]) => Promise<unknown>)(...args) };
}

afterEach(() => {
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
});

describe("cell-edit mode (strict fake)", () => {
  it("the fake fails a run without delayForCellEdit while a cell is being edited, and changes nothing", async () => {
    const fake = createExcelFake();
    fake.enterCellEdit();
    const plain = new OfficeJsGateway((batch) => fake.run(batch));
    await expect(plain.apply([{ op: "writeSheet", model: { name: "公示", rows: [[{ value: 1 }]] } }])).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(fake.model.sheetNames()).toEqual(["Sheet1"]);
  });

  it("the gateway's default runner (Excel.run with delayForCellEdit) waits for the edit to end, then writes", async () => {
    const fake = createExcelFake();
    installExcel(fake);
    const gw = new OfficeJsGateway();
    await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "一支部", year: 2026 });
    fake.enterCellEdit();
    let done = false;
    const write = gw
      .apply([{ op: "appendRows", table: SHEETS.roster.table, rows: [SHEETS.roster.columns.map((_, i) => ["001", "张三", "正式党员", null, isoToSerial("2001-07-01"), null, null, "在册"][i] ?? null)], formats: formatsOf(SHEETS.roster) }])
      .then(() => (done = true));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(done).toBe(false);
    fake.exitCellEdit();
    await write;
    expect(fake.model.cell("党员名册", "B2").value).toBe("张三");
  });

  it("runInExcel passes { delayForCellEdit: true } to Excel.run", async () => {
    const seen: unknown[] = [];
    (globalThis as unknown as { Excel: unknown }).Excel = { run: (options: unknown, batch: unknown) => (seen.push(options), typeof batch === "function" ? "ran" : "no batch") };
    await runInExcel(async () => 1);
    expect(seen).toEqual([{ delayForCellEdit: true }]);
  });

  it("officeHost: reading the workbook, selecting a cell and showing a sheet all wait for the edit instead of failing", async () => {
    const fake = createExcelFake();
    installExcel(fake);
    const host = officeHost();
    await scaffoldWorkbook(host.gateway, getBuiltinScheme("star-member"), { branch: "一支部", year: 2026 });
    fake.enterCellEdit();
    const work = Promise.all([host.gateway.inspect(), host.selectCell(SHEETS.ledger.sheet, 2, "B"), host.showSheet(SHEETS.roster.sheet)]);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    fake.exitCellEdit();
    const [snapshot] = await work;
    expect(snapshot.sheets).toContain(SHEETS.ledger.sheet);
  });

  it("officeHost with a runner that does not delay: the failure the clerk sees is Chinese, not Excel's English", async () => {
    const fake = createExcelFake();
    const host = officeHost((batch) => fake.run(batch));
    fake.enterCellEdit();
    const error = await host.showSheet("Sheet1").catch((e: unknown) => e);
    const shown = describeFailure(error);
    expect(shown).toContain("正在编辑单元格");
    expect(shown).not.toMatch(/cell-editing mode|意外错误/);
  });
});

describe("Excel error codes → the pane's Chinese explanation", () => {
  const codes = [
    "InvalidArgument",
    "ItemNotFound",
    "GeneralException",
    "RequestPayloadSizeLimitExceeded",
    "ResponsePayloadSizeLimitExceeded",
    "AccessDenied",
    "InvalidOperation",
    "InvalidOperationInCellEditMode",
    "InvalidReference",
    "Conflict",
    "FilteredRangeConflict",
    "MergedRangeConflict",
    "InsertDeleteConflict",
    "ApiNotFound",
  ];

  it.each(codes)("%s has a Chinese explanation used instead of Excel's text", (code) => {
    expect(OFFICE_ERROR_MESSAGES[code]).toMatch(CJK);
    const shown = describeFailure(new FakeOfficeError(code, "Some English text from Excel."));
    expect(shown).toContain(OFFICE_ERROR_MESSAGES[code]);
    expect(shown).toContain(code);
    expect(shown).not.toContain("Some English text");
    expect(shown).not.toContain("意外错误");
  });

  it("a protected sheet is named as such whichever code Excel uses", async () => {
    const fake = createExcelFake();
    const gw = new OfficeJsGateway((batch) => fake.run(batch));
    await gw.apply([{ op: "writeSheet", model: { name: "审定记录", rows: [[{ value: 1 }]] } }, { op: "protectSheet", sheet: "审定记录" }]);
    const error = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem("审定记录").getRange("A1").values = [[2]];
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(describeFailure(error)).toContain("工作表受保护");
    expect(describeFailure(new FakeOfficeError("AccessDenied", "The sheet is protected."))).toContain("工作表受保护");
  });

  it("an unknown code still shows its text as unexpected", () => {
    expect(describeFailure(new FakeOfficeError("SomethingNew", "boom"))).toContain("意外错误：boom");
  });
});
