import { Zip, ZipDeflate, ZipPassThrough, unzipSync, strToU8 } from "fflate";
import { PackageGateway } from "../../../src/hosts/xlsx/package/packageGateway";
import { crc32, readZip } from "../../../src/hosts/xlsx/package/zip";
import type { TableSpec } from "../../../src/core/sheetModel";

const people: TableSpec = {
  sheet: "名单",
  table: "PeopleTable",
  headers: ["编号", "姓名", "分值"],
  formats: ["text", "text", "number"],
  widths: [8, 10, 8],
  rows: [["001", "张三", 2]],
};

/** A zip written in streaming mode (data descriptors after each entry), as some tools write packages. */
function streamedZip(files: Record<string, Uint8Array>, stored: string[] = []): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = stored.includes(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 9 });
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.length) - c.length);
  return out;
}

/** A workbook from elsewhere: our minimal package plus parts nobody here knows, re-zipped in streaming mode. */
function foreignBook(): Uint8Array {
  const gw = PackageGateway.create();
  const files = unzipSync(gw.toBytes());
  files["xl/vbaProject.bin"] = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) % 256);
  files["customXml/item1.xml"] = strToU8('<?xml version="1.0"?><b:Sources xmlns:b="urn:x"/>');
  files["xl/media/image1.png"] = Uint8Array.from({ length: 500 }, (_, i) => (i * 7) % 256);
  return streamedZip(files, ["xl/media/image1.png"]);
}

describe("the package layer", () => {
  it("copies entries it does not change as their exact original records (data descriptors included)", async () => {
    const original = foreignBook();
    expect(readZip(original).some((e) => (e.local![6] & 8) !== 0)).toBe(true);
    const gw = PackageGateway.open(original, "x.xlsx");
    await gw.apply([{ op: "createTable", spec: people }]);
    const saved = readZip(gw.toBytes());
    for (const e of readZip(original)) {
      if (["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"].includes(e.name)) continue;
      expect(Buffer.from(saved.find((s) => s.name === e.name)!.local!).equals(Buffer.from(e.local!))).toBe(true);
    }
    // Untouched parts are not even decompressed: opening and saving without changes is the same bytes.
    const untouched = PackageGateway.open(original, "x.xlsx");
    await untouched.inspect();
    expect(Buffer.from(untouched.toBytes()).equals(Buffer.from(original))).toBe(true);
  });

  it("computes CRC-32 as zip does", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("writes a formula's known result as its cached value", async () => {
    const gw = PackageGateway.create();
    await gw.apply([{ op: "writeSheet", model: { name: "R", rows: [[{ value: 2 }, { value: 3 }, { formula: "=SUM(A1:B1)", result: 5 }, { formula: '=IF(A1>1,"高","低")', result: "高" }, { formula: "=A1/0" }]] } }]);
    const again = PackageGateway.open(gw.toBytes(), "r.xlsx");
    const xml = new TextDecoder().decode(unzipSync(again.toBytes())["xl/worksheets/sheet1.xml"]);
    expect(xml).toContain("<f>SUM(A1:B1)</f><v>5</v>");
    expect(xml).toContain('t="str"><f>IF(A1&gt;1,"高","低")</f><v>高</v>');
    expect(await again.readSheet("R")).toEqual([[2, 3, "=SUM(A1:B1)", '=IF(A1>1,"高","低")', "=A1/0"]]);
    expect((await again.readTables([])).size).toBe(0);
  });

  it("drops the calculation chain only when a formula cell it lists is overwritten", async () => {
    const base = PackageGateway.create();
    await base.apply([{ op: "writeSheet", model: { name: "R", rows: [[{ value: 1 }, { formula: "=A1*2", result: 2 }]] } }]);
    const files = unzipSync(base.toBytes());
    files["xl/calcChain.xml"] = strToU8('<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>');
    const types = new TextDecoder().decode(files["[Content_Types].xml"]);
    files["[Content_Types].xml"] = strToU8(types.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'));
    const rels = new TextDecoder().decode(files["xl/_rels/workbook.xml.rels"]);
    files["xl/_rels/workbook.xml.rels"] = strToU8(rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'));
    const withChain = streamedZip(files);

    const adding = PackageGateway.open(withChain, "c.xlsx");
    await adding.apply([{ op: "createTable", spec: people }]);
    expect(unzipSync(adding.toBytes())["xl/calcChain.xml"]).toBeDefined();

    const replacing = PackageGateway.open(withChain, "c.xlsx");
    await replacing.apply([{ op: "writeSheet", model: { name: "R", rows: [[{ value: 5 }]] } }]);
    const after = unzipSync(replacing.toBytes());
    expect(after["xl/calcChain.xml"]).toBeUndefined();
    expect(new TextDecoder().decode(after["[Content_Types].xml"])).not.toContain("calcChain");
    expect(new TextDecoder().decode(after["xl/_rels/workbook.xml.rels"])).not.toContain("calcChain");
    expect(new TextDecoder().decode(after["xl/workbook.xml"])).toContain('fullCalcOnLoad="1"');
  });

  it("keeps the clerk's cells and styles beside the table columns it writes", async () => {
    const gw = PackageGateway.create();
    await gw.apply([{ op: "createTable", spec: people }]);
    const files = unzipSync(gw.toBytes());
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    // The clerk typed a note in E2 (outside the table) and a row below the table.
    files["xl/worksheets/sheet1.xml"] = strToU8(
      sheet.replace(/(<row r="2"[^>]*>.*?)<\/row>/, '$1<c r="E2" t="inlineStr"><is><t>备注</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>002</t></is></c><c r="B3" t="inlineStr"><is><t>李四</t></is></c></row>'),
    );
    const book = PackageGateway.open(streamedZip(files), "n.xlsx");
    expect((await book.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([["001", "张三", 2], ["002", "李四", null]]);
    await book.apply([{ op: "appendRows", table: "PeopleTable", rows: [["003", "王五", 1]], formats: people.formats }]);
    const again = PackageGateway.open(book.toBytes(), "n.xlsx");
    expect((await again.readTables(["PeopleTable"])).get("PeopleTable")!.rows).toEqual([["001", "张三", 2], ["002", "李四", null], ["003", "王五", 1]]);
    expect((await again.readSheet("名单"))![1][4]).toBe("备注");
  });
});

it("keeps the package code free of Node (the offline web page reuses it)", () => {
  const fs = jest.requireActual<typeof import("fs")>("fs");
  const path = jest.requireActual<typeof import("path")>("path");
  const dir = path.join(__dirname, "../../../src/hosts/xlsx/package");
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const imports = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect([file, imports.filter((i) => !i.startsWith(".") && i !== "fflate")]).toEqual([file, []]);
    expect([file, /\b(Buffer|process|require)\b[.(]/.test(text)]).toEqual([file, false]);
  }
});
