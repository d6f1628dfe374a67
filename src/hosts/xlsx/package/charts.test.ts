import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { ChartSpec, SheetModel } from "../../../core/sheetModel";
import { PackageGateway } from "./packageGateway";
import { chartPartXml, drawingPartXml } from "./charts";
import { relsPathOf, resolveTarget } from "./opc";
import { attr, findElements } from "./xml";

const REPORT: SheetModel = {
  name: "统计-2026",
  rows: [
    [{ value: "等次", text: true }, { value: "人数", text: true }],
    [{ value: "优秀", text: true }, { value: 3 }],
    [{ value: "合格", text: true }, { value: 5 }],
    [],
    [],
  ],
  charts: [
    { kind: "column", title: "等次分布", categories: "A2:A3", series: [{ name: "人数", nameCell: "B1", values: "B2:B3" }], anchor: "A4:F5" },
    { kind: "pie", title: "等次占比", categories: "A2:A3", series: [{ name: "人数", values: "B2:B3" }], anchor: "A6:F9" },
  ],
  dataBars: ["B2:B3"],
};

type Files = Record<string, Uint8Array>;
const text = (files: Files, part: string) => strFromU8(files[part]);

/** Relationships of every part, resolved: source part → target parts. */
function relationships(files: Files): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of Object.keys(files).filter((n) => n.endsWith(".rels"))) {
    const source = `${name.slice(0, name.lastIndexOf("_rels/"))}${name.slice(name.lastIndexOf("/") + 1, -".rels".length)}`;
    const xml = text(files, name);
    out.set(
      source,
      findElements(xml, "Relationship")
        .map((s) => xml.slice(s.start, s.openEnd))
        .filter((tag) => attr(tag, "TargetMode") !== "External")
        .map((tag) => resolveTarget(source, attr(tag, "Target")!)),
    );
  }
  return out;
}

function overrides(files: Files): Map<string, string> {
  const xml = text(files, "[Content_Types].xml");
  return new Map(findElements(xml, "Override").map((s) => [attr(xml.slice(s.start, s.openEnd), "PartName")!.slice(1), attr(xml.slice(s.start, s.openEnd), "ContentType")!]));
}

/** Drawing and chart parts no relationship names, or named but missing: none in a sound package. */
function orphans(files: Files): string[] {
  const named = new Set([...relationships(files).values()].flat());
  const drawn = Object.keys(files).filter((n) => /^xl\/(drawings|charts)\/[^/]+\.xml$/.test(n));
  return [...drawn.filter((n) => !named.has(n)), ...[...named].filter((n) => !(n in files))];
}

/** A workbook where the clerk drew a chart of her own on sheet 台账图 (with Excel's chart style and colour parts). */
async function clerkBook(): Promise<Uint8Array> {
  const gw = PackageGateway.create();
  const own: SheetModel = { name: "台账图", rows: [[{ value: "月" }, { value: "分" }], [{ value: "1月" }, { value: 80 }]] };
  await gw.apply([{ op: "writeSheet", model: own }]);
  const files = unzipSync(gw.toBytes());
  const spec: ChartSpec = { kind: "line", title: "我的图", categories: "A2:A2", series: [{ name: "分", values: "B2:B2" }], anchor: "D1:H10" };
  const sheet = "xl/worksheets/sheet1.xml";
  files[sheet] = strToU8(text(files, sheet).replace("</worksheet>", '<drawing r:id="rId1"/></worksheet>'));
  files[relsPathOf(sheet)] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
  );
  files["xl/drawings/drawing1.xml"] = strToU8(drawingPartXml([spec], ["rId1"]));
  files["xl/drawings/_rels/drawing1.xml.rels"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
  );
  files["xl/charts/chart1.xml"] = strToU8(chartPartXml(spec, own).replace("<c:lang", "<!-- 书记员自己画的 --><c:lang"));
  files["xl/charts/_rels/chart1.xml.rels"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/chartColorStyle" Target="colors1.xml"/><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartStyle" Target="style1.xml"/></Relationships>',
  );
  files["xl/charts/colors1.xml"] = strToU8('<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" meth="cycle" id="10"/>');
  files["xl/charts/style1.xml"] = strToU8('<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="227"/>');
  const ct = text(files, "[Content_Types].xml").replace(
    "</Types>",
    '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/charts/style1.xml" ContentType="application/vnd.ms-office.chartstyle+xml"/><Override PartName="/xl/charts/colors1.xml" ContentType="application/vnd.ms-office.chartcolorstyle+xml"/></Types>',
  );
  files["[Content_Types].xml"] = strToU8(ct);
  return zipSync(files);
}

async function written(bytes: Uint8Array, ...models: SheetModel[]): Promise<Uint8Array> {
  let current = bytes;
  for (const model of models) {
    const gw = PackageGateway.open(current, "book.xlsx");
    await gw.apply([{ op: "writeSheet", model }]);
    current = gw.toBytes();
  }
  return current;
}

const CLERK_PARTS = ["xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml", "xl/charts/_rels/chart1.xml.rels", "xl/charts/colors1.xml", "xl/charts/style1.xml", "xl/worksheets/_rels/sheet1.xml.rels"];

describe("native charts in the package layer", () => {
  it("writes a drawing with a chart part per chart, their relationships and content types", async () => {
    const files = unzipSync(await written(await clerkBook(), REPORT));
    const rels = relationships(files);
    const ct = overrides(files);
    const sheetPart = [...rels.get("xl/workbook.xml")!].find((p) => p !== "xl/worksheets/sheet1.xml" && p.startsWith("xl/worksheets/"))!;
    const [drawing] = rels.get(sheetPart)!;
    expect(drawing).toMatch(/^xl\/drawings\/drawing\d+\.xml$/);
    expect(drawing).not.toBe("xl/drawings/drawing1.xml");
    expect(text(files, sheetPart)).toMatch(/<drawing r:id="rId\d+"\/>/);
    const charts = rels.get(drawing)!;
    expect(charts).toHaveLength(2);
    expect(ct.get(drawing)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
    for (const c of charts) expect(ct.get(c)).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    expect(findElements(text(files, drawing), "xdr:twoCellAnchor")).toHaveLength(2);
    const column = text(files, charts[0]);
    expect(column).toContain('<c:barDir val="col"/>');
    expect(column).toContain("<c:f>'统计-2026'!$A$2:$A$3</c:f>");
    expect(column).toContain("<c:f>'统计-2026'!$B$2:$B$3</c:f>");
    // Cached values, for readers that do not recalculate.
    expect(column).toContain('<c:pt idx="0"><c:v>优秀</c:v></c:pt><c:pt idx="1"><c:v>合格</c:v></c:pt>');
    expect(column).toContain('<c:pt idx="0"><c:v>3</c:v></c:pt><c:pt idx="1"><c:v>5</c:v></c:pt>');
    expect(column).toContain("<c:f>'统计-2026'!$B$1</c:f>");
    expect(text(files, charts[1])).toContain("<c:pieChart>");
    expect(text(files, sheetPart)).toContain('<conditionalFormatting sqref="B2:B3"><cfRule type="dataBar" priority="1">');
    expect(orphans(files)).toEqual([]);
  });

  it("replaces the sheet's drawing and charts when written again, leaving no orphans, and never touches the clerk's chart", async () => {
    const clerk = await clerkBook();
    const before = unzipSync(clerk);
    const once = unzipSync(await written(clerk, REPORT));
    const twice = unzipSync(await written(clerk, REPORT, REPORT, REPORT));
    expect(Object.keys(twice).sort()).toEqual(Object.keys(once).sort());
    expect(overrides(twice)).toEqual(overrides(once));
    expect(orphans(twice)).toEqual([]);
    for (const part of CLERK_PARTS) expect(twice[part]).toEqual(before[part]);
    expect(text(twice, "xl/worksheets/sheet1.xml")).toContain('<drawing r:id="rId1"/>');
  });

  it("removes the drawing and its charts when the sheet is written without charts", async () => {
    const clerk = await clerkBook();
    const files = unzipSync(await written(clerk, REPORT, { ...REPORT, charts: [], dataBars: [] }));
    expect(Object.keys(files).filter((n) => /^xl\/(drawings|charts)\//.test(n)).sort()).toEqual(CLERK_PARTS.filter((p) => !p.startsWith("xl/worksheets")).sort());
    expect([...overrides(files).keys()].filter((p) => /^xl\/(drawings|charts)\//.test(p)).sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/colors1.xml", "xl/charts/style1.xml", "xl/drawings/drawing1.xml"]);
    expect(orphans(files)).toEqual([]);
    const report = [...relationships(files).get("xl/workbook.xml")!].find((p) => p !== "xl/worksheets/sheet1.xml" && p.startsWith("xl/worksheets/"))!;
    expect(text(files, report)).not.toContain("<drawing");
    expect(text(files, report)).not.toContain("conditionalFormatting");
  });

  it("takes away the drawing of a sheet the report replaces, its chart's style and colour parts with it", async () => {
    // The clerk drew on a sheet named like the report; the report (allowed to replace it) takes its drawing away.
    const clerk = unzipSync(await clerkBook());
    const wb = strFromU8(clerk["xl/workbook.xml"]).replace('name="台账图"', 'name="统计-2026"');
    clerk["xl/workbook.xml"] = strToU8(wb);
    const files = unzipSync(await written(zipSync(clerk), REPORT));
    expect(files["xl/charts/colors1.xml"]).toBeUndefined();
    expect(files["xl/charts/style1.xml"]).toBeUndefined();
    expect(overrides(files).has("xl/charts/style1.xml")).toBe(false);
    expect(orphans(files)).toEqual([]);
  });
});
