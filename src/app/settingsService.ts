import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { logOp } from "../core/ledger/log";
import { readSettings, settingsYear } from "../core/ledger/readLedger";
import { type EditableSettings, type SettingChange, editableSettings, planSettingsWrite } from "../core/ledger/settings";
import { SCHEME_STORE, readWorkbookSchemes, schemeVersions } from "../core/scheme/workbookSchemes";
import type { WorkbookGateway } from "./gateway";

export interface WorkbookSettings {
  /** False before the workbook has a 设置 sheet (nothing to edit: 开始 scaffolds). */
  exists: boolean;
  values: EditableSettings;
  schemeId: string;
  /** The scheme's name in its latest version (the branch's own copy included); "" when the id is unknown. */
  schemeName: string;
  year: number | null;
}

/** 设置 as the 开始 panel shows it. One read. */
export async function readWorkbookSettings(gateway: WorkbookGateway): Promise<WorkbookSettings> {
  const tables = await gateway.readTables([SHEETS.settings.table, SCHEME_STORE.table]);
  const settings = readSettings(tables);
  const schemeId = settings.get(SETTINGS_KEYS.schemeId) ?? "";
  const versions = schemeVersions(schemeId, readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes);
  const schemeName = versions?.[versions.length - 1].name ?? "";
  return { exists: tables.has(SHEETS.settings.table), values: editableSettings(settings), schemeId, schemeName, year: settingsYear(settings) };
}

/** Writes the edited 设置 rows and their 操作日志 line in one batch; nothing when nothing changed. */
export async function saveWorkbookSettings(gateway: WorkbookGateway, values: EditableSettings, now = new Date()): Promise<SettingChange[]> {
  const tables = await gateway.readTables([SHEETS.settings.table]);
  const { ops, changes } = planSettingsWrite(tables.get(SHEETS.settings.table), values);
  if (!changes.length) return [];
  const detail = changes.map((c) => `${c.label}：${c.from || "（空）"} → ${c.to || "（空）"}`).join("；");
  await gateway.apply([...ops, logOp(now, [{ action: "修改设置", sheet: SHEETS.settings.sheet, range: "", detail }])]);
  return changes;
}
