import { OfficeJsGateway } from "../workbook/officeJsGateway";
import type { LedgerHost } from "./host";

/** The host inside Excel: the Office.js gateway, and selection through one batched request each. */
export function officeHost(): LedgerHost {
  return {
    kind: "excel",
    gateway: new OfficeJsGateway(),
    selectCell: (sheet, row, column) =>
      Excel.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(`${column}${row}`).select();
        await context.sync();
      }),
    showSheet: (sheet) =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).activate();
        await context.sync();
      }),
  };
}
