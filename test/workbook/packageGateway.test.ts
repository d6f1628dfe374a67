import ExcelJS from "exceljs";
import { PEOPLE_TABLE } from "../support/peopleTable";
import { strToU8, unzipSync, zipSync } from "fflate";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { parseRef } from "../../src/hosts/xlsx/package/sheet";
import { attr, findElement, findElements, unescapeXml } from "../../src/hosts/xlsx/package/xml";
import { type PageSetup, columnIndexOf } from "../../src/core/sheetModel";
import type { WorkbookGateway } from "../../src/app/gateway";
import { centreOf, gatewayContract, titleRowsOf } from "./gatewayContract";

function part(gw: WorkbookGateway, sheet: string) {
  const book = (gw as PackageGateway).book;
  return book.sheetPart(book.sheet(sheet)!);
}

gatewayContract({
  name: "in-place package (.xlsx)",
  create: async () => PackageGateway.create(),
  // Written to bytes and opened again: what the next session reads.
  reopen: async (gw) => PackageGateway.open((gw as PackageGateway).toBytes(), "book.xlsx"),
  isFormula: async (gw, sheet, address) => {
    const { row, col } = parseRef(address);
    return /<f[\s>]/.test(part(gw, sheet).rawCell(row, col) ?? "");
  },
  hasValidation: async (gw, sheet, address) => {
    const el = part(gw, sheet).tailElement("dataValidations") ?? "";
    const { row, col } = parseRef(address);
    return findElements(el, "dataValidation").some((s) =>
      (attr(el.slice(s.start, s.openEnd), "sqref") ?? "").split(/\s+/).some((range) => {
        const [a, b = a] = range.split(":").map(parseRef);
        return a.row <= row && row <= b.row && a.col <= col && col <= b.col;
      }),
    );
  },
  isHidden: async (gw, sheet) => (gw as PackageGateway).book.sheet(sheet)!.hidden === true,
  printSetup: async (gw, sheet) => {
    const p = part(gw, sheet);
    const setup = p.tailElement("pageSetup") ?? "<pageSetup/>";
    const hf = p.tailElement("headerFooter") ?? "";
    const text = (name: string) => {
      const el = findElement(hf, name);
      return el ? unescapeXml(hf.slice(el.openEnd, el.innerEnd)) : undefined;
    };
    return {
      a4: attr(setup, "paperSize") === "9",
      orientation: attr(setup, "orientation") === "landscape" ? "landscape" : "portrait",
      fitToWidth: /<pageSetUpPr [^>]*fitToPage="1"/.test(p.headXml) && attr(setup, "fitToWidth") === "1" && attr(setup, "fitToHeight") === "0",
      titleRows: titleRowsOf((gw as PackageGateway).book.localName((gw as PackageGateway).book.sheet(sheet)!, "_xlnm.Print_Titles")),
      header: centreOf(text("oddHeader")),
      footer: centreOf(text("oddFooter")),
    };
  },
});

it("parses references", () => {
  expect(parseRef("AB12")).toEqual({ row: 12, col: columnIndexOf("AB") });
});

describe("print setup of a sheet an older version or Excel wrote (issue 19)", () => {
  const page: PageSetup = { orientation: "landscape", fitToWidth: true, printTitleRows: [1, 1], centerHeader: "一支部　&A", centerFooter: "第 &P 页" };

  /** 名单 as Excel saves it: its own sheetPr, printer settings, A4 by the locale's default; nothing else set up. */
  async function savedByExcel(sheetPr: string): Promise<PackageGateway> {
    const gw = PackageGateway.create();
    await gw.apply([{ op: "createTable", spec: PEOPLE_TABLE }]);
    const p = part(gw, "名单");
    p.headXml = p.headXml.replace(/<dimension\b/, `${sheetPr}<dimension`);
    p.setTailElement("pageSetup", '<pageSetup paperSize="9" orientation="portrait" r:id="rId9"/>');
    return PackageGateway.open(gw.toBytes(), "old.xlsx");
  }

  it.each([
    ["no sheetPr", ""],
    ["an empty sheetPr", '<sheetPr codeName="Sheet1"/>'],
    ["a sheetPr with a tab colour", '<sheetPr><tabColor rgb="FFFF0000"/></sheetPr>'],
    ["a sheetPr fit to nothing yet", '<sheetPr><pageSetUpPr autoPageBreaks="0"/></sheetPr>'],
  ])("with %s: set up, what Excel wrote kept (printer settings, code name, tab colour), cells untouched", async (_, sheetPr) => {
    const gw = await savedByExcel(sheetPr);
    await gw.apply([{ op: "setPage", sheet: "名单", page }]);
    const again = PackageGateway.open(gw.toBytes(), "again.xlsx");
    const p = part(again, "名单");
    const setup = p.tailElement("pageSetup")!;
    expect(["paperSize", "orientation", "r:id", "fitToWidth", "fitToHeight"].map((a) => attr(setup, a))).toEqual(["9", "landscape", "rId9", "1", "0"]);
    const pr = /<sheetPr\b.*<\/sheetPr>/.exec(p.headXml)?.[0];
    expect(pr).toContain('fitToPage="1"');
    for (const kept of sheetPr.match(/<(tabColor|pageSetUpPr)[^>]*?(?=\/?>)|codeName="Sheet1"/g) ?? []) expect(pr).toContain(kept);
    expect(again.book.localName(again.book.sheet("名单")!, "_xlnm.Print_Titles")).toBe("'名单'!$1:$1");
    expect(p.tailElement("headerFooter")).toBe("<headerFooter><oddHeader>&amp;C一支部　&amp;A</oddHeader><oddFooter>&amp;C第 &amp;P 页</oddFooter></headerFooter>");
    expect((await again.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual(PEOPLE_TABLE.rows);
  });

  it("leaves a sheet the clerk scaled for printing as it is", async () => {
    const gw = await savedByExcel("");
    part(gw, "名单").setTailElement("pageSetup", '<pageSetup paperSize="9" scale="80" r:id="rId9"/>');
    await gw.apply([{ op: "setPage", sheet: "名单", page }]);
    expect(part(gw, "名单").tailElement("pageSetup")).toBe('<pageSetup paperSize="9" scale="80" r:id="rId9"/>');
    expect(part(gw, "名单").tailElement("headerFooter")).toBeNull();
  });
});

describe("adding and renaming a table column in place", () => {
  const people = PEOPLE_TABLE;

  async function withPeople(): Promise<PackageGateway> {
    const gw = PackageGateway.create();
    await gw.apply([{ op: "createTable", spec: people }]);
    return PackageGateway.open(gw.toBytes(), "p.xlsx");
  }

  function tableXml(gw: PackageGateway): string {
    return new TextDecoder().decode(unzipSync(gw.toBytes())["xl/tables/table1.xml"]);
  }

  it("grows the table part over the new column (range, filter, a fresh column id) and renames the column it names", async () => {
    const gw = await withPeople();
    await gw.apply([
      { op: "addColumn", table: "PeopleTable", header: "记录号", values: [7, 8], format: "integer" },
      { op: "renameColumn", table: "PeopleTable", from: "分值", to: "得分" },
    ]);
    const xml = tableXml(gw);
    expect(xml).toContain('ref="A1:D3"');
    expect(xml).toContain('<autoFilter ref="A1:D3"/>');
    expect(xml).toMatch(/<tableColumns count="4">/);
    const columns = findElements(xml, "tableColumn").map((s) => xml.slice(s.start, s.openEnd));
    expect(columns.map((c) => attr(c, "name"))).toEqual(["编号", "姓名", "得分", "记录号"]);
    expect(new Set(columns.map((c) => attr(c, "id"))).size).toBe(4);
    const again = PackageGateway.open(gw.toBytes(), "p.xlsx");
    expect((await again.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([
      ["001", "张三", 2, 7],
      ["002", "李四", 3, 8],
    ]);
    // Another reader (exceljs) sees the same table and cells.
    const wb = new ExcelJS.Workbook();
    const bytes = gw.toBytes();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet("名单")!;
    const table = (ws.getTables() as unknown as { model: { tableRef: string; columns: { name: string }[] } }[])[0].model;
    expect(table.tableRef).toBe("A1:D3");
    expect(table.columns.map((c) => c.name)).toEqual(["编号", "姓名", "得分", "记录号"]);
    expect(ws.getCell("D3").value).toBe(8);
    expect(ws.getCell("D3").numFmt).toBe("0");
    expect(ws.getCell("C1").value).toBe("得分");
  });

  it("gives the new column an id no other column of the table has (ids from Excel need not be 1…n)", async () => {
    const gw = await withPeople();
    const files = unzipSync(gw.toBytes());
    files["xl/tables/table1.xml"] = strToU8(
      new TextDecoder().decode(files["xl/tables/table1.xml"]).replace('<tableColumn id="3" name="分值"/>', '<tableColumn id="9" name="分值"><calculatedColumnFormula>1</calculatedColumnFormula></tableColumn>'),
    );
    const book = PackageGateway.open(zipSync(files), "p.xlsx");
    await book.apply([{ op: "addColumn", table: "PeopleTable", header: "记录号", values: ["a", "b"], format: "text" }]);
    const xml = tableXml(book);
    expect(xml).toContain('<tableColumn id="9" name="分值"><calculatedColumnFormula>1</calculatedColumnFormula></tableColumn><tableColumn id="10" name="记录号"/>');
  });

  it("refuses to add a column over the clerk's cells right of the table, naming them, and changes nothing", async () => {
    const gw = await withPeople();
    const files = unzipSync(gw.toBytes());
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    files["xl/worksheets/sheet1.xml"] = strToU8(sheet.replace(/(<row r="3"[^>]*>.*?)<\/row>/, '$1<c r="D3" t="inlineStr"><is><t>备注</t></is></c></row>'));
    const book = PackageGateway.open(zipSync(files), "p.xlsx");
    const before = Buffer.from(book.toBytes());
    await expect(book.apply([{ op: "addColumn", table: "PeopleTable", header: "记录号", values: [1, 2], format: "integer" }])).rejects.toThrow(
      /工作表「名单」表格 PeopleTable（A1:C3）右侧的 D3 已有内容/,
    );
    expect(Buffer.from(book.toBytes()).equals(before)).toBe(true);
    expect((await book.readSheet("名单"))![2][3]).toBe("备注");
  });
});
