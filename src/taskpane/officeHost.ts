import { OfficeJsGateway } from "../hosts/office/officeJsGateway";
import type { LedgerHost } from "./host";
import { syncWorkbookScheme } from "./workbookScheme";

/** The host inside Excel: the Office.js gateway, and selection through one batched request each. */
export function officeHost(): LedgerHost {
  const gateway = new OfficeJsGateway();
  return {
    kind: "excel",
    gateway,
    selectCell: (sheet, row, column) =>
      Excel.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(`${column}${row}`).select();
        await context.sync();
      }),
    schemeChanged: async () => {
      const { schemeId, changed } = await syncWorkbookScheme(gateway);
      if (changed) await Excel.run(async (context) => context.workbook.application.calculate("Full"));
      return schemeId;
    },
    showSheet: (sheet) =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).activate();
        await context.sync();
      }),
  };
}
