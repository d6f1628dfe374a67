import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { type ExcelRunner, OfficeJsGateway, runInExcel } from "../hosts/office/officeJsGateway";
import { recalculateCells } from "../functions/workbookScheme";
import { App, type WorkbookStatus } from "./components/App";
import { describeFailure } from "./errors";
import { officeHost } from "./officeHost";
import { syncWorkbookScheme } from "./workbookScheme";

function render(status: WorkbookStatus): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App status={status} host={status.inExcel ? officeHost() : null} />
    </FluentProvider>,
  );
}

/**
 * Inside Excel: tell the PARTY.* functions which scheme this workbook uses (they also read it themselves),
 * recalculating the PARTY.* cells that used another one: only those, in this workbook.
 */
export async function connectWorkbook(run: ExcelRunner = runInExcel): Promise<WorkbookStatus> {
  try {
    const { schemeId, changed } = await syncWorkbookScheme(new OfficeJsGateway(run));
    if (changed) await recalculateCells(run);
    return { inExcel: true, schemeId, error: null };
  } catch (e) {
    return { inExcel: true, schemeId: null, error: `读取工作簿「设置」失败：${describeFailure(e)}` };
  }
}

// Outside Office (a plain browser) there is no workbook: render the scheme list only.
if (typeof Office !== "undefined")
  Office.onReady(async (info) => render(info.host === Office.HostType.Excel ? await connectWorkbook() : { inExcel: false, schemeId: null, error: null }));
else render({ inExcel: false, schemeId: null, error: null });
