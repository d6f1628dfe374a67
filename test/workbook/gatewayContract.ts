import { type Cell, type PageSetup, type SheetModel, type TableSpec, isoToSerial } from "../../src/core/sheetModel";
import type { WorkbookGateway } from "../../src/app/gateway";
import { fingerprintModel, matchesRecord } from "../../src/core/reports/generatedSheets";
import { withFormulaResults } from "../../src/core/reports/formulaResults";

/** One implementation under contract: a fresh empty workbook, and a way to look past the gateway. */
export interface GatewayHarness {
  name: string;
  create(): Promise<WorkbookGateway>;
  /** The same workbook as a later session sees it (the .xlsx saved and reopened; otherwise itself). */
  reopen(gateway: WorkbookGateway): Promise<WorkbookGateway>;
  /** Whether the cell holds a formula (not text that starts with "="). */
  isFormula(gateway: WorkbookGateway, sheet: string, address: string): Promise<boolean>;
  hasValidation(gateway: WorkbookGateway, sheet: string, address: string): Promise<boolean>;
  /** Whether the sheet is hidden (not shown to the clerk). */
  isHidden(gateway: WorkbookGateway, sheet: string): Promise<boolean>;
  /** How the sheet prints, read past the gateway. */
  printSetup(gateway: WorkbookGateway, sheet: string): Promise<PrintSetup>;
}

/** A sheet's print setup as every host can state it: title rows as "1:1", header and footer without their "&C". */
export interface PrintSetup {
  a4: boolean;
  orientation: "portrait" | "landscape";
  /** Fit to one page wide, any number of pages tall. */
  fitToWidth: boolean;
  titleRows?: string;
  header?: string;
  footer?: string;
}

/** "'名单'!$1:$1", "$1:$1" → "1:1". */
export function titleRowsOf(ref: string | null | undefined): string | undefined {
  return ref ? ref.replace(/^.*!/, "").replace(/\$/g, "") : undefined;
}

/** A centre header or footer as the file holds it ("&C第 &P 页") → "第 &P 页". */
export function centreOf(text: string | null | undefined): string | undefined {
  return text ? text.replace(/^&C/, "") : undefined;
}

const people: TableSpec = {
  sheet: "名单",
  table: "PeopleTable",
  headers: ["编号", "姓名", "日期", "分值"],
  formats: ["text", "text", "date", "number"],
  widths: [8, 10, 12, 8],
  rows: [
    ["001", "张三", isoToSerial("2026-03-01"), -2],
    ["002", '=HYPERLINK("http://x","点我")', isoToSerial("2026-12-31"), 4.5],
  ],
};

const report: SheetModel = {
  name: "公示-2026Q1",
  rows: [
    [{ value: "2026年第一季度积分公示", style: "title" }],
    [{ value: "姓名", style: "header" }, { value: "总分", style: "header" }],
    [{ value: "=张三", text: true }, { value: 80, style: "number" }],
    [{ value: "合计", style: "total" }, { formula: "=SUM(B3:B3)", style: "total" }],
    [{ value: "2026-03-31", date: true }],
  ],
  columnWidths: [12, 8],
  merges: ["A1:B1"],
  freezeRows: 2,
  page: { orientation: "portrait", fitToWidth: true, printTitleRows: [1, 2], centerFooter: "第 &P 页" },
};

const tablePage: PageSetup = { orientation: "landscape", fitToWidth: true, printTitleRows: [1, 1], centerHeader: "一支部&&二组　&A", centerFooter: "第 &P 页，共 &N 页" };

function printedAs(page: PageSetup): PrintSetup {
  return {
    a4: true,
    orientation: page.orientation,
    fitToWidth: page.fitToWidth,
    titleRows: page.printTitleRows && `${page.printTitleRows[0]}:${page.printTitleRows[1]}`,
    header: page.centerHeader,
    footer: page.centerFooter,
  };
}

export function gatewayContract(harness: GatewayHarness): void {
  describe(`${harness.name} gateway contract`, () => {
    let gw: WorkbookGateway;
    beforeEach(async () => {
      gw = await harness.create();
    });

    it("creates a table whose rows read back as written, text staying text", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      gw = await harness.reopen(gw);
      const snapshot = await gw.inspect();
      expect(snapshot.sheets).toContain("名单");
      expect(snapshot.tables.find((t) => t.name === "PeopleTable")).toEqual({ name: "PeopleTable", sheet: "名单", headers: people.headers, rowCount: 2 });
      const data = (await gw.readTables(["PeopleTable", "Missing"])).get("PeopleTable")!;
      expect(data.rows).toEqual(people.rows);
      expect(data.firstRow).toBe(2);
      expect(data.firstColumn).toBe(0);
      expect(await harness.isFormula(gw, "名单", "B3")).toBe(false);
      expect((await gw.readTables(["Missing"])).size).toBe(0);
    });

    it("appends rows at the end and replaces rows of a table", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      const more: Cell[][] = [["003", "王五", isoToSerial("2026-06-30"), 1]];
      await gw.apply([{ op: "appendRows", table: "PeopleTable", rows: more, formats: people.formats }]);
      gw = await harness.reopen(gw);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([...people.rows, ...more]);
      await gw.apply([{ op: "replaceRows", table: "PeopleTable", rows: more, formats: people.formats }]);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(more);
      const three = [...people.rows, ...more];
      await gw.apply([{ op: "replaceRows", table: "PeopleTable", rows: three, formats: people.formats }]);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(three);
      await gw.apply([{ op: "replaceRows", table: "PeopleTable", rows: [], formats: people.formats }]);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([]);
    });

    it("sets some cells of one table row", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      await gw.apply([{ op: "setCells", table: "PeopleTable", row: 1, cells: { 1: "=改名", 3: 9 }, formats: people.formats }]);
      gw = await harness.reopen(gw);
      const rows = (await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows;
      expect(rows).toEqual([people.rows[0], ["002", "=改名", people.rows[1][2], 9]]);
      expect(await harness.isFormula(gw, "名单", "B3")).toBe(false);
    });

    it("adds a column at a table's right end and renames a column, every cell kept", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      await gw.apply([
        { op: "renameColumn", table: "PeopleTable", from: "分值", to: "得分" },
        { op: "addColumn", table: "PeopleTable", header: "记录号", values: [2, "=3"], format: "text" },
      ]);
      gw = await harness.reopen(gw);
      const data = (await gw.readTables(["PeopleTable"])).get("PeopleTable")!;
      expect(data.headers).toEqual(["编号", "姓名", "日期", "得分", "记录号"]);
      expect(data.rows).toEqual([
        [...people.rows[0], "2"],
        [...people.rows[1], "=3"],
      ]);
      expect(await harness.isFormula(gw, "名单", "E3")).toBe(false);
      // The new column takes rows appended later like any other. (No blank cell here: Office.js reads one as "", the files as null.)
      const later: Cell[] = ["003", "王五", isoToSerial("2026-06-30"), 1, "4"];
      await gw.apply([{ op: "appendRows", table: "PeopleTable", rows: [later], formats: [...people.formats, "text"] }]);
      gw = await harness.reopen(gw);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows[2]).toEqual(later);
    });

    it("adds a column to a table without data rows, and refuses a header it has or a value count it has not", async () => {
      await gw.apply([{ op: "createTable", spec: { ...people, rows: [] } }]);
      await gw.apply([{ op: "addColumn", table: "PeopleTable", header: "记录号", values: [], format: "integer" }]);
      gw = await harness.reopen(gw);
      expect((await gw.inspect()).tables.find((t) => t.name === "PeopleTable")!.headers).toEqual([...people.headers, "记录号"]);
      await expect(gw.apply([{ op: "addColumn", table: "PeopleTable", header: "姓名", values: [], format: "text" }])).rejects.toThrow("已有列");
      await expect(gw.apply([{ op: "addColumn", table: "PeopleTable", header: "说明", values: [1], format: "text" }])).rejects.toThrow(/行数据/);
      await expect(gw.apply([{ op: "renameColumn", table: "PeopleTable", from: "不存在", to: "x" }])).rejects.toThrow("没有列");
    });

    it("puts a dropdown on a table column", async () => {
      await gw.apply([
        { op: "createTable", spec: people },
        { op: "setValidation", table: "PeopleTable", column: 0, source: { list: ["001", "002"] } },
      ]);
      gw = await harness.reopen(gw);
      expect(await harness.hasValidation(gw, "名单", "A2")).toBe(true);
      expect(await harness.hasValidation(gw, "名单", "B2")).toBe(false);
    });

    it("writes a sheet model with values, text, dates and standard formulas, and replaces it whole", async () => {
      await gw.apply([{ op: "writeSheet", model: report }]);
      gw = await harness.reopen(gw);
      const cells = await gw.readSheet("公示-2026Q1");
      expect(cells![0][0]).toBe("2026年第一季度积分公示");
      expect(cells![2][0]).toBe("=张三");
      expect(cells![2][1]).toBe(80);
      expect(cells![3][1]).toBe("=SUM(B3:B3)");
      expect(cells![4][0]).toBe(isoToSerial("2026-03-31"));
      expect(await harness.isFormula(gw, "公示-2026Q1", "A3")).toBe(false);
      expect(await harness.isFormula(gw, "公示-2026Q1", "B4")).toBe(true);
      await gw.apply([{ op: "writeSheet", model: { name: "公示-2026Q1", rows: [[{ value: "新" }]] } }]);
      expect(await gw.readSheet("公示-2026Q1")).toEqual([["新"]]);
      expect(await gw.readSheet("没有这张表")).toBeNull();
    });

    it("reads several sheets in one call, each as readSheet gives it; a missing sheet is absent", async () => {
      const other: SheetModel = { name: "排名通报-2026", rows: [[{ value: "排名" }], [], [{}, { value: 3 }]] };
      await gw.apply([{ op: "writeSheet", model: report }, { op: "writeSheet", model: other }]);
      gw = await harness.reopen(gw);
      const read = await gw.readSheets(["公示-2026Q1", "没有这张表", "排名通报-2026"]);
      expect([...read.keys()].sort()).toEqual(["公示-2026Q1", "排名通报-2026"].sort());
      expect(read.get("公示-2026Q1")).toEqual(await gw.readSheet("公示-2026Q1"));
      expect(read.get("排名通报-2026")).toEqual(await gw.readSheet("排名通报-2026"));
      expect((await gw.readSheets([])).size).toBe(0);
    });

    it("writes a hidden sheet, and a generated sheet reads back with the fingerprint of what was written (issue 23)", async () => {
      const record: SheetModel = { name: "报表生成记录", hidden: true, rows: [[{ value: "工作表", text: true }], [{ value: "公示-2026Q1", text: true }]] };
      await gw.apply([{ op: "createTable", spec: people }, { op: "writeSheet", model: report }, { op: "writeSheet", model: record }]);
      gw = await harness.reopen(gw);
      expect(await harness.isHidden(gw, "报表生成记录")).toBe(true);
      expect(await harness.isHidden(gw, "公示-2026Q1")).toBe(false);
      expect(await harness.isHidden(gw, "名单")).toBe(false);
      expect(await gw.readSheet("报表生成记录")).toEqual([["工作表"], ["公示-2026Q1"]]);
      // As reports are written: with the formula results the sheet's cells determine (SUM → 80), fingerprinted too.
      const written = withFormulaResults(report);
      const stamp = fingerprintModel(written);
      expect(stamp.fingerprint).toContain(";r1:");
      expect(matchesRecord((await gw.readSheet("公示-2026Q1"))!, stamp)).toBe(true);
      // Typed over, the 合计 formula no longer matches.
      await gw.apply([{ op: "writeSheet", model: { ...written, rows: written.rows.map((r, i) => (i === 3 ? [r[0], { value: 99 }] : r)) } }]);
      expect(matchesRecord((await gw.readSheet("公示-2026Q1"))!, stamp)).toBe(false);
      await gw.apply([{ op: "writeSheet", model: written }]);
      // Written again, it stays hidden; the report written again is the same to the fingerprint.
      await gw.apply([{ op: "writeSheet", model: { ...record, rows: [[{ value: "工作表", text: true }]] } }, { op: "writeSheet", model: written }]);
      gw = await harness.reopen(gw);
      expect(await harness.isHidden(gw, "报表生成记录")).toBe(true);
      expect(await gw.readSheet("报表生成记录")).toEqual([["工作表"]]);
      expect(matchesRecord((await gw.readSheet("公示-2026Q1"))!, stamp)).toBe(true);
    });

    it("prints a table sheet as its spec says: A4, one page wide, the header row repeated, header and footer (issue 19)", async () => {
      await gw.apply([{ op: "createTable", spec: { ...people, page: tablePage } }, { op: "createTable", spec: { ...people, sheet: "未设置", table: "Plain" } }]);
      gw = await harness.reopen(gw);
      expect(await harness.printSetup(gw, "名单")).toEqual(printedAs(tablePage));
      const plain = await harness.printSetup(gw, "未设置");
      expect([plain.fitToWidth, plain.titleRows, plain.header]).toEqual([false, undefined, undefined]);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(people.rows);
    });

    it("sets up an existing sheet for printing only when it has no setup of its own, its cells untouched (issue 19)", async () => {
      await gw.apply([{ op: "createTable", spec: people }, { op: "writeSheet", model: report }]);
      gw = await harness.reopen(gw);
      await gw.apply([
        { op: "setPage", sheet: "名单", page: tablePage },
        { op: "setPage", sheet: "公示-2026Q1", page: tablePage },
      ]);
      gw = await harness.reopen(gw);
      expect(await harness.printSetup(gw, "名单")).toEqual(printedAs(tablePage));
      // The report's own setup (portrait, rows 1–2 repeated) is kept.
      expect(await harness.printSetup(gw, "公示-2026Q1")).toEqual(printedAs(report.page!));
      // Set up once, a sheet keeps its setup.
      await gw.apply([{ op: "setPage", sheet: "名单", page: { ...tablePage, orientation: "portrait", centerHeader: "另一个" } }]);
      gw = await harness.reopen(gw);
      expect(await harness.printSetup(gw, "名单")).toEqual(printedAs(tablePage));
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(people.rows);
      await expect(gw.apply([{ op: "setPage", sheet: "没有这张表", page: tablePage }])).rejects.toThrow();
    });

    it("never lets a report overwrite a ledger table's sheet", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      await expect(gw.apply([{ op: "writeSheet", model: { name: "名单", rows: [[{ value: "x" }]] } }])).rejects.toThrow(/台账表格/);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(people.rows);
    });

    it("refuses to create a sheet that exists and to touch a missing table", async () => {
      await gw.apply([{ op: "createTable", spec: people }]);
      await expect(gw.apply([{ op: "createTable", spec: { ...people, table: "Other" } }])).rejects.toThrow();
      await expect(gw.apply([{ op: "appendRows", table: "Nope", rows: [["x"]], formats: ["text"] }])).rejects.toThrow();
    });

    it("protects a sheet against later writes", async () => {
      await gw.apply([{ op: "createTable", spec: people }, { op: "protectSheet", sheet: "名单" }]);
      await expect(gw.apply([{ op: "appendRows", table: "PeopleTable", rows: [people.rows[0]], formats: people.formats }])).rejects.toThrow();
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(people.rows);
      // The add-in lifts the protection of its own tables to append, and restores it.
      await gw.apply([
        { op: "unprotectSheet", sheet: "名单" },
        { op: "appendRows", table: "PeopleTable", rows: [people.rows[0]], formats: people.formats },
        { op: "protectSheet", sheet: "名单" },
      ]);
      gw = await harness.reopen(gw);
      expect((await gw.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([...people.rows, people.rows[0]]);
      await expect(gw.apply([{ op: "appendRows", table: "PeopleTable", rows: [people.rows[0]], formats: people.formats }])).rejects.toThrow();
    });
  });
}
