import { type ExcelRunner, OfficeJsGateway, runInExcel } from "../hosts/office/officeJsGateway";
import type { LedgerHost } from "./host";
import { recalculateCells } from "../functions/workbookScheme";
import { syncWorkbookScheme } from "./workbookScheme";

/**
 * The host inside Excel: the Office.js gateway, and selection through one batched request each. Every
 * request goes through `run` (Excel.run with delayForCellEdit: held while the clerk is typing in a cell).
 */
export function officeHost(run: ExcelRunner = runInExcel): LedgerHost {
  const gateway = new OfficeJsGateway(run);
  return {
    kind: "excel",
    gateway,
    selectCell: (sheet, row, column) =>
      run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(`${column}${row}`).select();
        await context.sync();
      }),
    // Only this workbook's PARTY.* cells that used the scheme are recalculated (not Application.calculate: every open workbook).
    schemeChanged: async () => {
      const { schemeId, changed } = await syncWorkbookScheme(gateway);
      if (changed) await recalculateCells(run);
      return schemeId;
    },
    showSheet: (sheet) =>
      run(async (context) => {
        context.workbook.worksheets.getItem(sheet).activate();
        await context.sync();
      }),
  };
}
