import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import type { WorkbookGateway } from "../../src/app/gateway";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { centreOf, gatewayContract, titleRowsOf } from "./gatewayContract";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "party-gw-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

gatewayContract({
  name: "in-memory",
  create: async () => new MemoryGateway(),
  reopen: async (gw) => gw,
  isFormula: async (gw, sheet, address) => {
    const book = (gw as MemoryGateway).book;
    const s = book.sheets.get(sheet)!;
    if (s.table) return false;
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    return Boolean(s.cells[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65]?.formula);
  },
  hasValidation: async (gw, sheet, address) => {
    const book = (gw as MemoryGateway).book;
    const table = [...book.tables.values()].find((t) => t.sheet === sheet)!;
    return table.validations.has(address.charCodeAt(0) - 65);
  },
  isHidden: async (gw, sheet) => (gw as MemoryGateway).book.sheets.get(sheet)?.hidden === true,
  printSetup: async (gw, sheet) => {
    const page = (gw as MemoryGateway).book.sheets.get(sheet)!.page;
    if (!page) return { a4: false, orientation: "portrait", fitToWidth: false };
    const rows = page.printTitleRows;
    return { a4: true, orientation: page.orientation, fitToWidth: page.fitToWidth, titleRows: rows && `${rows[0]}:${rows[1]}`, header: page.centerHeader, footer: page.centerFooter };
  },
});

let fileNo = 0;
gatewayContract({
  name: "exceljs (.xlsx)",
  create: async () => new ExcelJsGateway(),
  // Save and reopen: what the clerk's next session (or WPS, or the CLI) will read.
  reopen: async (gw) => {
    const file = path.join(tmp, `book-${++fileNo}.xlsx`);
    await (gw as ExcelJsGateway).save(file);
    return ExcelJsGateway.open(file);
  },
  isFormula: async (gw, sheet, address) => (gw as ExcelJsGateway).workbook.getWorksheet(sheet)!.getCell(address).type === ExcelJS.ValueType.Formula,
  hasValidation: async (gw: WorkbookGateway, sheet, address) => {
    const ws = (gw as ExcelJsGateway).workbook.getWorksheet(sheet)!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    const col = address.replace(/\d+/g, "");
    return Object.keys(model).some((range) => range.split(/\s+/).some((r) => r.startsWith(col) && /^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(r) && r.replace(/\d+/g, "").split(":")[0] === col));
  },
  isHidden: async (gw, sheet) => (gw as ExcelJsGateway).workbook.getWorksheet(sheet)!.state !== "visible",
  printSetup: async (gw, sheet) => {
    const ws = (gw as ExcelJsGateway).workbook.getWorksheet(sheet)!;
    const p = ws.pageSetup;
    return {
      a4: p.paperSize === 9,
      orientation: p.orientation ?? "portrait",
      fitToWidth: Boolean(p.fitToPage) && p.fitToWidth === 1 && p.fitToHeight === 0,
      titleRows: titleRowsOf(p.printTitlesRow),
      header: centreOf(ws.headerFooter?.oddHeader),
      footer: centreOf(ws.headerFooter?.oddFooter),
    };
  },
});
