/** Charts and data bars in the in-memory and exceljs gateways (the package and Office.js ones have their own tests). */
import ExcelJS from "exceljs";
import type { SheetModel } from "../../src/core/sheetModel";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";

const MODEL: SheetModel = {
  name: "统计-2026",
  rows: [
    [{ value: "等次", text: true }, { value: "人数", text: true }],
    [{ value: "优秀", text: true }, { value: 3 }],
    [{ value: "合格", text: true }, { value: 5 }],
  ],
  charts: [{ kind: "column", title: "等次分布", categories: "A2:A3", series: [{ name: "人数", nameCell: "B1", values: "B2:B3" }], anchor: "A5:F20" }],
  dataBars: ["B2:B3"],
};

it("the in-memory gateway keeps the chart specs and data bars on its sheet", async () => {
  const gw = new MemoryGateway();
  await gw.apply([{ op: "writeSheet", model: MODEL }]);
  const sheet = gw.book.sheets.get("统计-2026")!;
  expect(sheet.charts).toEqual(MODEL.charts);
  expect(sheet.charts).not.toBe(MODEL.charts);
  expect(sheet.dataBars).toEqual(["B2:B3"]);
});

it("the exceljs gateway writes the data and the data bars, and no chart (exceljs cannot)", async () => {
  const gw = new ExcelJsGateway();
  await gw.apply([{ op: "writeSheet", model: MODEL }]);
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await gw.workbook.xlsx.writeBuffer());
  const ws = again.getWorksheet("统计-2026")!;
  expect(ws.getCell("B3").value).toBe(5);
  const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
  expect(formats.map((f) => [f.ref, f.rules[0].type])).toEqual([["B2:B3", "dataBar"]]);
});
