/**
 * Issue 19: every data sheet of the demo workbook (the tables the add-in creates) printed through
 * LibreOffice is A4, one page wide, with the header row on every page and the sheet's name and
 * branch at the top.
 */
import { execFileSync } from "child_process";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fs from "fs";
import os from "os";
import path from "path";
import { SHEETS, type TableSheetDef } from "../../src/core/ledger/layout";
import { tablePage } from "../../src/core/ops/pageSetup";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { SIDE_SHEET_DEFS } from "../../src/core/stores/knownTables";
import { buildDemoWorkbook } from "../../src/hosts/xlsx/demoFile";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { convert, pdfPages, sofficePath } from "./soffice";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-lo-data-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const DEFS: TableSheetDef[] = [...Object.values(SHEETS), ...SIDE_SHEET_DEFS];
const A4 = { short: 595.3, long: 841.9 };

/** Each page's size in points (poppler's pdfinfo). */
function pageSizes(pdf: string, pages: number): { width: number; height: number }[] {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", String(pages), pdf], { encoding: "utf8" });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** LibreOffice prints the active sheet even when hidden: the visible one is made active. */
function activeTab(xlsx: Uint8Array, index: number): Uint8Array {
  const files = unzipSync(xlsx);
  const workbook = strFromU8(files["xl/workbook.xml"]).replace(/<workbookView\b/, `<workbookView activeTab="${index}" firstSheet="${index}"`);
  return zipSync({ ...files, "xl/workbook.xml": strToU8(workbook) });
}

/** Cell text as pdftotext lays it out: spaces dropped, so a header cut across columns still reads whole. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

it("prints every data sheet of the demo workbook on A4, one page wide, its header row on every page", async () => {
  sofficePath();
  const demo = path.join(dir, "demo.xlsx");
  await buildDemoWorkbook({ schemeId: "star-member", out: demo });
  const bytes = fs.readFileSync(demo);
  // A fresh copy each time: saving a package opened from a buffer changes that buffer.
  const tables = (await PackageGateway.open(new Uint8Array(bytes), "demo.xlsx").inspect()).tables;
  const sheets = tables.map((t) => {
    const def = DEFS.find((d) => d.table === t.name && d.sheet === t.sheet);
    if (!def) throw new Error(`示例工作簿中的表格 ${t.name}（工作表「${t.sheet}」）不是加载项的表格`);
    return { def, headers: t.headers, rows: t.rowCount };
  });
  expect(sheets.map((s) => s.def.sheet)).toEqual(expect.arrayContaining([SHEETS.ledger.sheet, SHEETS.roster.sheet, SHEETS.settings.sheet, SHEETS.rules.sheet, SHEETS.appeals.sheet, SHEETS.approvals.sheet]));

  // One file per data sheet, every other sheet hidden: LibreOffice prints only the visible ones.
  const files: string[] = [];
  for (const [i, { def }] of sheets.entries()) {
    const gw = PackageGateway.open(new Uint8Array(bytes), "demo.xlsx");
    if (def === SHEETS.ledger) {
      // A year's ledger runs over several pages: the demo's rows four times over.
      const rows = (await gw.readTables([def.table])).get(def.table)!.rows;
      await gw.apply([{ op: "appendRows", table: def.table, rows: [...rows, ...rows, ...rows], formats: formatsOf(def) }]);
      sheets[i].rows = rows.length * 4;
    }
    for (const entry of gw.book.sheets) gw.book.setHidden(entry, entry.name !== def.sheet);
    files.push(path.join(dir, `sheet-${i}.xlsx`));
    fs.writeFileSync(files[i], activeTab(gw.toBytes(), gw.book.sheets.findIndex((s) => s.name === def.sheet)));
  }
  const pdfs = convert(files, "pdf", dir);

  const problems: string[] = [];
  sheets.forEach(({ def, headers, rows }, i) => {
    const pages = pdfPages(pdfs[i]);
    const sizes = pageSizes(pdfs[i], pages.length);
    const landscape = tablePage(def.columns.map((c) => c.width)).orientation === "landscape";
    const [width, height] = landscape ? [A4.long, A4.short] : [A4.short, A4.long];
    sizes.forEach((s, p) => {
      if (Math.abs(s.width - width) > 1 || Math.abs(s.height - height) > 1) problems.push(`「${def.sheet}」第 ${p + 1} 页为 ${s.width}×${s.height} pt，应为 A4${landscape ? "横向" : "纵向"}`);
    });
    pages.forEach((page, p) => {
      const text = squeeze(page);
      // A page missing a header has lost columns to another page (or the header row is not repeated).
      const missing = headers.filter((h) => !text.includes(squeeze(h)));
      if (missing.length) problems.push(`「${def.sheet}」第 ${p + 1} 页（共 ${pages.length} 页）缺少表头：${missing.join("、")}`);
      // Sheets made on first use beside the ledger (审定积分 …) are headed by their name alone.
      const title = Object.values(SHEETS).includes(def as (typeof SHEETS)[keyof typeof SHEETS]) ? `示例党支部${def.sheet}` : def.sheet;
      if (!text.includes(title)) problems.push(`「${def.sheet}」第 ${p + 1} 页的页眉不是「${title}」`);
      if (!text.includes(`第${p + 1}页，共${pages.length}页`)) problems.push(`「${def.sheet}」第 ${p + 1} 页没有页码`);
    });
    // One page wide: no more pages than the rows need (at least 20 rows a page on A4 either way).
    if (pages.length > Math.ceil((Math.max(1, rows) + 1) / 20)) problems.push(`「${def.sheet}」${rows} 行印了 ${pages.length} 页`);
  });
  expect(problems).toEqual([]);
  // The ledger, the longest sheet, runs over more than one page: its header row is repeated, not just printed once.
  expect(pdfPages(pdfs[sheets.findIndex((s) => s.def === SHEETS.ledger)]).length).toBeGreaterThan(1);
}, 300_000);
