import { toText } from "../core/cells";
import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { rowsOf } from "../core/ledger/readLedger";
import { getWorkbookSchemeId, setWorkbookSchemeId } from "../functions/workbookScheme";
import type { WorkbookGateway } from "../workbook/gateway";

/**
 * Reads the scheme id from the workbook's 设置 sheet and hands it to the PARTY.* functions (shared
 * runtime). Returns the id, or null when the workbook has no ledger yet. Returns whether it changed,
 * so the caller can ask Excel to recalculate.
 */
export async function syncWorkbookScheme(gateway: WorkbookGateway): Promise<{ schemeId: string | null; changed: boolean }> {
  const tables = await gateway.readTables([SHEETS.settings.table]);
  const row = rowsOf(tables.get(SHEETS.settings.table)).find((r) => toText(r.values["项目"]) === SETTINGS_KEYS.schemeId);
  const schemeId = row ? toText(row.values["值"]) || null : null;
  const changed = schemeId !== getWorkbookSchemeId();
  setWorkbookSchemeId(schemeId);
  return { schemeId, changed };
}
