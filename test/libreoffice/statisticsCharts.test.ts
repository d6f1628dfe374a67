/**
 * The demo's 统计 sheet printed by LibreOffice carries its native charts: each chart's title is in the
 * PDF's text (a chart title is not a cell), and the chart area has coloured pixels (bars and lines in
 * the series colours; the tables print black on white). The same sheet without charts prints neither,
 * so the check fails when the chart parts are missing or unreadable. PNGs of the pages go to docs/.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { loadLedger } from "../../src/app/ledgerService";
import { buildReport } from "../../src/app/reportService";
import type { SheetModel } from "../../src/core/sheetModel";
import { buildDemoWorkbook } from "../../src/hosts/xlsx/demoFile";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { convert, pdfPages } from "./soffice";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-lo-charts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const DOCS = path.resolve(__dirname, "../../docs");

/** Pixels of each page (poppler's PPM: "P6 w h 255" then RGB bytes) that are clearly coloured, not grey. */
function colouredPixels(pdf: string, dpi = 40): number[] {
  const base = path.join(dir, `${path.basename(pdf, ".pdf")}-ppm`);
  execFileSync("pdftoppm", ["-r", String(dpi), pdf, base]);
  const pages = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(base)) && f.endsWith(".ppm"))
    .sort((a, b) => Number(/-(\d+)\.ppm$/.exec(a)![1]) - Number(/-(\d+)\.ppm$/.exec(b)![1]));
  return pages.map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(bytes.subarray(0, 40).toString("latin1"));
    expect(header).not.toBeNull();
    const offset = header![0].length;
    let n = 0;
    for (let i = offset; i + 2 < bytes.length; i += 3) {
      const [r, g, b] = [bytes[i], bytes[i + 1], bytes[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
    }
    return n;
  });
}

async function writeBook(models: SheetModel[], file: string): Promise<string> {
  const book = PackageGateway.create();
  await book.apply(models.map((model) => ({ op: "writeSheet" as const, model })));
  fs.writeFileSync(file, book.toBytes());
  return file;
}

describe("统计 sheet in LibreOffice", () => {
  it("prints its charts: titles in the PDF text and coloured chart areas, none without the chart parts", async () => {
    const demo = path.join(dir, "demo.xlsx");
    await buildDemoWorkbook({ schemeId: "star-member", out: demo });
    const ledger = await loadLedger(PackageGateway.open(fs.readFileSync(demo), "demo.xlsx"));
    const { models } = buildReport(ledger, "统计", "2026", "2026-12-20", { excellentShare: 1 / 3 });
    const [model] = models;
    expect(model.name).toBe("统计-2026");
    expect(model.charts!.length).toBeGreaterThanOrEqual(3);

    const withCharts = await writeBook(models, path.join(dir, "统计.xlsx"));
    const without = await writeBook([{ ...model, charts: [] }], path.join(dir, "统计-无图.xlsx"));
    const [pdf, plainPdf] = convert([withCharts, without], "pdf", dir);

    const text = pdfPages(pdf).join("\n");
    const plainText = pdfPages(plainPdf).join("\n");
    for (const chart of model.charts!) {
      expect(text).toContain(chart.title);
      expect(plainText).not.toContain(chart.title);
    }
    expect(text).toContain("示例党支部党员积分统计");

    const coloured = colouredPixels(pdf);
    const plain = colouredPixels(plainPdf);
    expect(plain.every((n) => n < 20)).toBe(true);
    // Every page that holds a chart is coloured: as many such pages as the sheet puts charts on pages.
    const pagesWithCharts = pdfPages(pdf).filter((page) => model.charts!.some((c) => page.includes(c.title))).length;
    expect(pagesWithCharts).toBeGreaterThan(0);
    expect(coloured.filter((n) => n > 500).length).toBe(pagesWithCharts);

    fs.mkdirSync(DOCS, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "80", pdf, path.join(dir, "page")]);
    const pngs = fs.readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    pngs.forEach((png, i) => fs.copyFileSync(path.join(dir, png), path.join(DOCS, i === 0 ? "demo-统计.png" : `demo-统计-${i + 1}.png`)));
    expect(pngs.length).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
