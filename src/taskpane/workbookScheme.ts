import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { readSettings } from "../core/ledger/readLedger";
import { SCHEME_STORE, readWorkbookSchemes } from "../core/scheme/workbookSchemes";
import { getWorkbookSchemeId, getWorkbookSchemes, setWorkbookSchemeId, setWorkbookSchemes } from "../functions/workbookScheme";
import type { WorkbookGateway } from "../app/gateway";

/**
 * Reads the scheme id from the workbook's 设置 sheet, and the schemes it keeps (自定义方案), and hands
 * them to the PARTY.* functions (shared runtime). Returns the id, or null when the workbook has no
 * ledger yet, and whether anything changed, so the caller can ask Excel to recalculate.
 */
export async function syncWorkbookScheme(gateway: WorkbookGateway): Promise<{ schemeId: string | null; changed: boolean }> {
  const tables = await gateway.readTables([SHEETS.settings.table, SCHEME_STORE.table]);
  const schemeId = readSettings(tables).get(SETTINGS_KEYS.schemeId) || null;
  const schemes = readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes;
  const signature = (list: readonly { id: string; version: number }[]) => list.map((s) => `${s.id}@${s.version}`).join(",");
  const changed = schemeId !== getWorkbookSchemeId() || signature(schemes) !== signature(getWorkbookSchemes());
  setWorkbookSchemeId(schemeId);
  setWorkbookSchemes(schemes);
  return { schemeId, changed };
}
