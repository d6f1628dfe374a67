import { createExcelFake } from "./excelFake";

describe("ExcelFake.fork", () => {
  it("copies the workbook as it stands; changes on either side stay on that side (cells, number formats, tables, protection)", async () => {
    const original = createExcelFake({ sheets: ["台账"] });
    await original.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("台账");
      ws.getRange("A1:B3").values = [["日期", "分值"], [1, 2], [3, 4]];
      ws.getRange("B1:B10000").numberFormat = Array.from({ length: 10000 }, () => ["0.0"]);
      ws.tables.add("A1:B3", true).name = "T";
      await context.sync();
    });
    const fork = original.fork();
    expect(fork.model.usedValues("台账")).toEqual(original.model.usedValues("台账"));
    expect(fork.model.tables()).toEqual(original.model.tables());
    expect(fork.syncCount).toBe(0);

    await fork.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("台账");
      ws.getRange("B2").values = [[9]];
      ws.getRange("B3").numberFormat = [["@"]];
      context.workbook.tables.getItem("T").convertToRange();
      ws.protection.protect();
      await context.sync();
    });
    await original.run(async (context) => {
      context.workbook.worksheets.getItem("台账").getRange("B4").numberFormat = [["yyyy-mm-dd"]];
      await context.sync();
    });

    expect(original.model.cell("台账", "B2")).toMatchObject({ value: 2, numberFormat: "0.0" });
    expect(original.model.cell("台账", "B3").numberFormat).toBe("0.0");
    expect(original.model.tables()).toEqual([{ name: "T", sheet: "台账", address: "A1:B3" }]);
    expect(original.model.isProtected("台账")).toBe(false);
    expect(fork.model.cell("台账", "B2")).toMatchObject({ value: 9, numberFormat: "0.0" });
    expect(fork.model.cell("台账", "B3").numberFormat).toBe("@");
    expect(fork.model.cell("台账", "B4").numberFormat).toBe("0.0");
    expect(fork.model.tables()).toEqual([]);
    expect(fork.model.isProtected("台账")).toBe(true);
  });
});
