/** The Office.js gateway's native charts and data bars, against the strict fake's charts and conditional formats. */
import type { SheetModel } from "../../src/core/sheetModel";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { chartsBytes } from "../../src/hosts/office/requestSize";
import { createExcelFake } from "../fakes/excelFake";

const MODEL: SheetModel = {
  name: "统计-2026",
  rows: [
    [{ value: "月份", text: true }, { value: "平均分", text: true }, { value: "最低分", text: true }],
    [{ value: "1月", text: true }, { value: 80 }, { value: 70 }],
    [{ value: "2月", text: true }, { value: 78 }, { value: 66 }],
  ],
  charts: [
    {
      kind: "line",
      title: "各月平均分",
      categories: "A2:A3",
      series: [
        { name: "平均分", nameCell: "B1", values: "B2:B3" },
        { name: "最低分", nameCell: "C1", values: "C2:C3" },
      ],
      anchor: "A5:F20",
    },
    { kind: "bar", title: "扣分", categories: "A2:A3", series: [{ name: "次数", values: "C2:C3" }], anchor: "A22:F30" },
  ],
  dataBars: ["B2:B3"],
};

describe("Office.js charts and data bars", () => {
  it("adds each chart with its title, series by range and position, and the data bars", async () => {
    const fake = createExcelFake();
    await new OfficeJsGateway((batch) => fake.run(batch)).apply([{ op: "writeSheet", model: MODEL }]);
    expect(fake.model.charts("统计-2026")).toEqual([
      {
        type: "LineMarkers",
        title: "各月平均分",
        position: "A5:F20",
        series: [
          { name: "平均分", values: "B2:B3", categories: "A2:A3" },
          { name: "最低分", values: "C2:C3", categories: "A2:A3" },
        ],
      },
      { type: "BarClustered", title: "扣分", position: "A22:F30", series: [{ name: "次数", values: "C2:C3", categories: "A2:A3" }] },
    ]);
    expect(fake.model.conditionalFormats("统计-2026")).toEqual([{ type: "DataBar", address: "B2:B3" }]);
  });

  it("costs no sync beyond writing the sheet itself", async () => {
    const plain = createExcelFake();
    await new OfficeJsGateway((batch) => plain.run(batch)).apply([{ op: "writeSheet", model: { ...MODEL, charts: [], dataBars: [] } }]);
    const charted = createExcelFake();
    await new OfficeJsGateway((batch) => charted.run(batch)).apply([{ op: "writeSheet", model: MODEL }]);
    expect(charted.syncCount).toBe(plain.syncCount);
  });

  it("counts its charts in the request budget: the bound is at least what Excel is sent for them", async () => {
    const plain = createExcelFake();
    await new OfficeJsGateway((batch) => plain.run(batch)).apply([{ op: "writeSheet", model: { ...MODEL, charts: [], dataBars: [] } }]);
    const charted = createExcelFake();
    await new OfficeJsGateway((batch) => charted.run(batch)).apply([{ op: "writeSheet", model: MODEL }]);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const sent = sum(charted.syncPayloads) - sum(plain.syncPayloads);
    expect(sent).toBeGreaterThan(1000);
    expect(chartsBytes(MODEL)).toBeGreaterThanOrEqual(sent);
    expect(chartsBytes(MODEL)).toBeLessThan(sent * 3);
  });

  it("writes the sheet again with its own charts only (the old sheet and its charts go)", async () => {
    const fake = createExcelFake();
    const gw = new OfficeJsGateway((batch) => fake.run(batch));
    await gw.apply([{ op: "writeSheet", model: MODEL }]);
    await gw.apply([{ op: "writeSheet", model: { ...MODEL, charts: MODEL.charts!.slice(1) } }]);
    expect(fake.model.charts("统计-2026").map((c) => c.title)).toEqual(["扣分"]);
  });
});
