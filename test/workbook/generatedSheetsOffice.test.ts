/**
 * Issue 23, case 3 inside Excel (the strict Office.js fake): a report made again writes over its own
 * untouched sheets and keeps a sheet the clerk typed on, in a fixed number of syncs however many sheets
 * the form has (个人台账: one per member).
 */
import { fillDemoWorkbook } from "../../src/app/demoData";
import { writeReport } from "../../src/app/reportService";
import { GENERATED_RECORD_SHEET } from "../../src/core/reports/generatedSheets";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";

let fake: ExcelFake;
let gw: OfficeJsGateway;
const ids = Array.from({ length: 24 }, (_, i) => `D${String(i + 1).padStart(3, "0")}`);
const today = "2026-12-20";
const now = new Date(Date.UTC(2026, 11, 20, 2, 0, 0));

beforeAll(async () => {
  fake = createExcelFake();
  gw = new OfficeJsGateway((batch) => fake.run(batch));
  await fillDemoWorkbook(gw);
}, 120_000);

const visibility = (sheet: string) =>
  fake.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet).load("visibility");
    await context.sync();
    return ws.visibility;
  });

describe("reports made again inside Excel (issue 23, case 3)", () => {
  it("takes the same few syncs for 2 sheets as for 24, each written over in place", async () => {
    const syncs: number[] = [];
    for (const members of [ids.slice(0, 2), ids]) {
      await writeReport(gw, "个人台账", "2026", today, now, { memberIds: members });
      fake.resetCounters();
      const again = await writeReport(gw, "个人台账", "2026", today, now, { memberIds: members });
      syncs.push(fake.syncCount);
      expect(again.kept).toEqual([]);
      expect(again.models.map((m) => m.name)).toEqual(members.map((id) => `个人台账-${id}-2026`));
    }
    // Ledger read 2, look at the sheets 2, read them 2, write ≤ 3.
    expect(syncs[0]).toBe(syncs[1]);
    expect(syncs[1]).toBeLessThanOrEqual(9);
    expect(fake.model.sheetNames().filter((n) => n.startsWith("个人台账-"))).toHaveLength(24);
    expect(await visibility(GENERATED_RECORD_SHEET)).toBe("Hidden");
  });

  it("keeps the sheet the clerk typed on and writes the new one beside it", async () => {
    await writeReport(gw, "排名通报", "2026", today, now);
    const rows = fake.model.usedValues("排名通报-2026").length;
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("排名通报-2026").getRange(`A${rows + 2}`).values = [["支委会意见：同意"]];
      await context.sync();
    });
    const r = await writeReport(gw, "排名通报", "2026", today, now);
    expect(r.models.map((m) => m.name)).toEqual(["排名通报-2026 (2)"]);
    expect(r.kept).toMatchObject([{ sheet: "排名通报-2026", reason: "edited", writtenTo: "排名通报-2026 (2)" }]);
    expect(fake.model.cell("排名通报-2026", `A${rows + 2}`).value).toBe("支委会意见：同意");
    expect(fake.model.usedValues("排名通报-2026 (2)").flat()).not.toContain("支委会意见：同意");
    expect(await visibility("排名通报-2026 (2)")).toBe("Visible");
    // Again: (2) is written over, no (3).
    const again = await writeReport(gw, "排名通报", "2026", today, now);
    expect(again.models.map((m) => m.name)).toEqual(["排名通报-2026 (2)"]);
    expect(fake.model.sheetNames().filter((n) => n.startsWith("排名通报"))).toEqual(["排名通报-2026", "排名通报-2026 (2)"]);
  });
});
