import { SHEETS } from "../../src/core/ledger/layout";
import { PEOPLE_TABLE } from "../support/peopleTable";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { type SheetModel, isoToSerial } from "../../src/core/sheetModel";
import { OfficeJsGateway, PAYLOAD_BUDGET } from "../../src/hosts/office/officeJsGateway";
import { REQUEST_BUDGET } from "../../src/hosts/office/requestSize";
import { loadLedger, scaffoldWorkbook } from "../../src/app/ledgerService";
import { syntheticEntries, syntheticRoster } from "../../bench/syntheticLedger";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";
import { gatewayContract, titleRowsOf } from "./gatewayContract";

const fakes = new WeakMap<OfficeJsGateway, ExcelFake>();

/** A roster row as wide as the roster table (columns added at its end stay blank). */
function rosterRow(cells: (string | number | null)[]): (string | number | null)[] {
  return [...cells, ...Array.from({ length: SHEETS.roster.columns.length - cells.length }, () => null)];
}

function officeGateway(fake = createExcelFake()): OfficeJsGateway {
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  fakes.set(gw, fake);
  return gw;
}

gatewayContract({
  name: "Office.js (strict fake of the Excel JavaScript API)",
  create: async () => officeGateway(),
  reopen: async (gw) => gw,
  isFormula: async (gw, sheet, address) => fakes.get(gw as OfficeJsGateway)!.model.cell(sheet, address).formula !== "",
  hasValidation: async (gw, sheet, address) => fakes.get(gw as OfficeJsGateway)!.model.validation(sheet, address) != null,
  isHidden: (gw, sheet) =>
    fakes.get(gw as OfficeJsGateway)!.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet).load("visibility");
      await context.sync();
      return ws.visibility !== "Visible";
    }),
  printSetup: async (gw, sheet) => {
    const p = fakes.get(gw as OfficeJsGateway)!.model.pageLayout(sheet);
    const zoom = p.zoom as { horizontalFitToPages?: number; verticalFitToPages?: number };
    return {
      a4: p.paperSize === "A4",
      orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
      fitToWidth: zoom.horizontalFitToPages === 1 && zoom.verticalFitToPages === 0,
      titleRows: titleRowsOf(p.printTitleRows),
      header: p.centerHeader || undefined,
      footer: p.centerFooter || undefined,
    };
  },
});

describe("Office.js gateway batching (syncs counted by the fake)", () => {
  const star = getBuiltinScheme("star-member");
  const MEMBERS = 10_000;
  const ENTRIES = 100_000;

  /** A workbook already holding 10,000 members and 100,000 entries. */
  async function bigLedger(): Promise<{ gw: OfficeJsGateway; fake: ExcelFake }> {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await scaffoldWorkbook(gw, star, { branch: "大支部", year: 2026 });
    const members = syntheticRoster(MEMBERS);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const entries = syntheticEntries(star, members, ENTRIES, 2026);
    await gw.apply([
      { op: "appendRows", table: SHEETS.roster.table, rows: members.map((m) => rosterRow([m.id, m.name, m.category, null, null, null, null, "在册", null])), formats: formatsOf(SHEETS.roster) },
      {
        op: "appendRows",
        table: SHEETS.ledger.table,
        rows: entries.map((e, i) => [isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, null, e.count ?? 1, e.value ?? null, null, null, null, null, i + 1]),
        formats: formatsOf(SHEETS.ledger),
      },
    ]);
    fake.resetCounters();
    return { gw, fake };
  }

  it("scaffolds an empty workbook in inspect's 2 syncs and one write request per 4 MB as Office.js serialises it", async () => {
    const fake = createExcelFake();
    await scaffoldWorkbook(officeGateway(fake), star, { branch: "一支部", year: 2026 });
    const written = fake.syncPayloads.slice(2).reduce((n, b) => n + b, 0);
    expect(fake.syncCount).toBeLessThanOrEqual(2 + Math.ceil(written / REQUEST_BUDGET));
    expect(Math.max(...fake.syncPayloads)).toBeLessThanOrEqual(REQUEST_BUDGET);
  });

  it("at 10,000 members × 100,000 entries: scaffold ≤ 6 syncs, whole-ledger read ≤ 2 + one per 4 MB chunk, report ≤ 3, every payload under 5 MB", async () => {
    const { gw, fake } = await bigLedger();

    // On an existing ledger scaffold also reads the small 设置 table (another scheme, year or branch is refused): 2 more,
    // and its write looks at the sheets first (their page setup, the tables it appends to): 1 more.
    await scaffoldWorkbook(gw, star, { branch: "大支部", year: 2026 });
    expect(fake.syncCount).toBeLessThanOrEqual(6);

    fake.resetCounters();
    const ledger = await loadLedger(gw);
    expect(ledger.members).toHaveLength(MEMBERS);
    expect(ledger.entries).toHaveLength(ENTRIES);
    // One more sync per 4 MB of cell data read (Excel on the web caps a response at 5 MB).
    const dataBytes = JSON.stringify([ledger.members, ledger.entries]).length * 2;
    expect(fake.syncCount).toBeLessThanOrEqual(2 + Math.ceil(dataBytes / PAYLOAD_BUDGET) + 1);
    expect(Math.max(...fake.syncPayloads)).toBeLessThan(5 * 1024 * 1024);

    fake.resetCounters();
    const report: SheetModel = {
      name: "公示-2026Q1",
      rows: ledger.members.map((m, i) => [{ value: i + 1 }, { value: m.id, text: true }, { value: m.name, text: true }, { value: 80, style: "number" }]),
      page: { orientation: "portrait", fitToWidth: true, printTitleRows: [1, 1] },
    };
    await gw.apply([{ op: "writeSheet", model: report }]);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(Math.max(...fake.syncPayloads)).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);

  it("a sheet's page breaks start new printed pages at the rows the model names, in the same batch", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    const rows = Array.from({ length: 12 }, (_, i) => [{ value: `卡片行${i + 1}`, text: true }]);
    await gw.apply([{ op: "writeSheet", model: { name: "管理卡-2026", rows, pageBreaks: [5, 9] } }]);
    expect(fake.model.pageBreaks("管理卡-2026")).toEqual([5, 9]);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
  });

  it("scaffold run twice on a filled workbook leaves every cell as it was", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
    await gw.apply([
      { op: "appendRows", table: SHEETS.roster.table, rows: [rosterRow(["001", "张三", "正式党员", null, isoToSerial("2001-07-01"), null, null, "在册", "=1+1"])], formats: formatsOf(SHEETS.roster) },
      { op: "appendRows", table: SHEETS.ledger.table, rows: [[isoToSerial("2026-03-02"), "001", "张三", "D1", "未经同意缺席应参加的活动", 1, -1, null, null, "缺席", null, 1]], formats: formatsOf(SHEETS.ledger) },
    ]);
    const dump = () => fake.model.sheetNames().map((name) => [name, fake.model.usedValues(name)]);
    const before = dump();
    // Another branch or year than 设置 holds is refused before anything is written (issue 23).
    await expect(scaffoldWorkbook(gw, star, { branch: "别的支部", year: 2027 })).rejects.toThrow("本次没有做任何改动");
    expect(dump()).toEqual(before);
    const again = await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
    expect(again.added).toEqual([]);
    expect(dump()).toEqual(before);
    expect(fake.model.cell("党员名册", "I2")).toMatchObject({ value: "=1+1", formula: "" });
  });

  it("a ledger of very long texts that passes Excel's 5 MB response limit is read again in small chunks", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
    const note = "很长的说明".repeat(200);
    const rows = Array.from({ length: 3000 }, (_, i) => [isoToSerial("2026-03-02"), "001", "张三", "D1", null, 1, -1, null, null, `${i}${note}`, null, i + 1]);
    await gw.apply([{ op: "appendRows", table: SHEETS.ledger.table, rows, formats: formatsOf(SHEETS.ledger) }]);
    const read = await gw.readTables([SHEETS.ledger.table]);
    expect(read.get(SHEETS.ledger.table)!.rows).toHaveLength(3000);
    expect(read.get(SHEETS.ledger.table)!.rows[2999][9]).toBe(`2999${note}`);
  });

  it("small reads and writes take the fixed number of syncs", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await scaffoldWorkbook(gw, star, { branch: "一支部", year: 2026 });
    fake.resetCounters();
    await loadLedger(gw);
    expect(fake.syncCount).toBe(2);
    fake.resetCounters();
    await gw.inspect();
    expect(fake.syncCount).toBe(2);
  });
});

describe("Office.js gateway: a table's columns added and renamed", () => {
  const people = PEOPLE_TABLE;

  it("renames and adds in one look and one write (2 syncs), the new column's body formatted, its cells as written", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await gw.apply([{ op: "createTable", spec: people }]);
    fake.resetCounters();
    await gw.apply([
      { op: "renameColumn", table: "PeopleTable", from: "分值", to: "得分" },
      { op: "addColumn", table: "PeopleTable", header: "记录号", values: ["+1", 7], format: "integer" },
    ]);
    expect(fake.syncCount).toBe(2);
    expect(fake.model.tables()).toEqual([{ name: "PeopleTable", sheet: "名单", address: "A1:D3" }]);
    expect(fake.model.usedValues("名单")).toEqual([
      ["编号", "姓名", "得分", "记录号"],
      ["001", "张三", 2, 1],
      ["002", "李四", 3, 7],
    ]);
    expect(fake.model.cell("名单", "D3")).toEqual({ value: 7, formula: "", numberFormat: "0" });
  });

  it("adds a column within a batch that created or grew the table, as those operations leave it", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await gw.apply([
      { op: "createTable", spec: { ...people, rows: [] } },
      { op: "appendRows", table: "PeopleTable", rows: people.rows, formats: people.formats },
      { op: "addColumn", table: "PeopleTable", header: "记录号", values: ["=1", "=2"], format: "text" },
    ]);
    expect(fake.model.cell("名单", "D2")).toEqual({ value: "=1", formula: "", numberFormat: "@" });
    await expect(gw.apply([{ op: "appendRows", table: "PeopleTable", rows: [["003", "王五", 1, "3"]], formats: [...people.formats, "text"] }, { op: "addColumn", table: "PeopleTable", header: "备注", values: [null, null], format: "text" }])).rejects.toThrow(
      "新增列「备注」有 2 个值，表格 PeopleTable 有 3 行数据",
    );
    expect(fake.model.tables()[0].address).toBe("A1:D3");
  });

  it("takes one value per data row counted either way: to the last non-blank row (readTables) or over the body (inspect's rows.count) with blanks for its blank rows", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await gw.apply([{ op: "createTable", spec: { ...people, rows: [] } }]);
    expect((await gw.inspect()).tables[0].rowCount).toBe(1);
    expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([]);
    await gw.apply([{ op: "addColumn", table: "PeopleTable", header: "记录号", values: [null], format: "integer" }]);
    await gw.apply([{ op: "addColumn", table: "PeopleTable", header: "备注", values: [], format: "text" }]);
    await expect(gw.apply([{ op: "addColumn", table: "PeopleTable", header: "说明", values: [1], format: "text" }])).rejects.toThrow("有 1 个值，表格 PeopleTable 有 0 行数据");
    await expect(gw.apply([{ op: "addColumn", table: "PeopleTable", header: "说明", values: [null, null], format: "text" }])).rejects.toThrow("有 2 个值，表格 PeopleTable 有 0 行数据");
    expect(fake.model.tables()[0].address).toBe("A1:E2");
    expect(fake.model.cell("名单", "E2").numberFormat).toBe("@");
  });

  it("refuses to add a column over the clerk's cells right of the table, naming them, and writes nothing", async () => {
    const fake = createExcelFake();
    const gw = officeGateway(fake);
    await gw.apply([{ op: "createTable", spec: people }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("D3").values = [["备注"]];
      await context.sync();
    });
    const before = fake.model.usedValues("名单");
    await expect(
      gw.apply([
        { op: "renameColumn", table: "PeopleTable", from: "分值", to: "得分" },
        { op: "addColumn", table: "PeopleTable", header: "记录号", values: [1, 2], format: "integer" },
      ]),
    ).rejects.toThrow("工作表「名单」表格 PeopleTable（A1:C3）右侧的 D3 已有内容");
    expect(fake.model.usedValues("名单")).toEqual(before);
    expect(fake.model.tables()[0].address).toBe("A1:C3");
  });
});
