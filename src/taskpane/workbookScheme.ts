import { acceptWorkbookScheme, readWorkbookScheme } from "../functions/workbookScheme";
import type { WorkbookGateway } from "../app/gateway";

/**
 * Reads the scheme id from the workbook's 设置 sheet, and the schemes it keeps (自定义方案), and hands
 * them to the PARTY.* functions (shared runtime). Returns the id, or null when the workbook has no
 * ledger yet, and whether anything changed, so the caller can ask Excel to recalculate.
 */
export async function syncWorkbookScheme(gateway: WorkbookGateway): Promise<{ schemeId: string | null; changed: boolean }> {
  const { schemeId, schemes } = await readWorkbookScheme(gateway);
  return { schemeId, changed: acceptWorkbookScheme(schemeId, schemes) };
}
