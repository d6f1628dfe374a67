/**
 * The 设置 rows a clerk edits (支部名称, 书记, 记录人, 申诉联系人, 公示天数): read with defaults, checked, and
 * written as cell changes to the rows already there (a row the workbook lacks, such as 公示天数 in a
 * workbook made before it existed, is appended). 方案 and 年度 are not edited here: a workbook keeps
 * one scheme and one year (reinit.ts).
 */
import { toNumber, toProse, toText } from "../cells";
import { CoreError } from "../errors";
import type { Cell, TableData, WorkbookOp } from "../sheetModel";
import { SETTINGS_KEYS, SHEETS } from "./layout";
import { rowsOf } from "./readLedger";

export const DEFAULT_PUBLICITY_DAYS = 5;
export const MAX_PUBLICITY_DAYS = 60;

export interface EditableSettings {
  branch: string;
  secretary: string;
  recorder: string;
  appealContact: string;
  /** As typed; a positive whole number of days. */
  publicityDays: string;
}

export type SettingField = keyof EditableSettings;

/** Each field's row in 设置, its label in the pane and the 说明 written when the row is added. */
export const SETTING_FIELDS: readonly { field: SettingField; key: string; label: string; note: string }[] = [
  { field: "branch", key: SETTINGS_KEYS.branch, label: "党支部名称", note: "党支部全称" },
  { field: "secretary", key: SETTINGS_KEYS.secretary, label: "支部书记", note: "审批表由书记在签字处手签" },
  { field: "recorder", key: SETTINGS_KEYS.recorder, label: "记录人", note: "积分记录人、制表人" },
  { field: "appealContact", key: SETTINGS_KEYS.appealContact, label: "申诉联系人", note: "公示表上的申诉渠道" },
  { field: "publicityDays", key: SETTINGS_KEYS.publicityDays, label: "公示天数", note: "公示期天数（含公示当天）" },
];

export function editableSettings(settings: ReadonlyMap<string, string>): EditableSettings {
  const get = (key: string) => settings.get(key) ?? "";
  return {
    branch: get(SETTINGS_KEYS.branch),
    secretary: get(SETTINGS_KEYS.secretary),
    recorder: get(SETTINGS_KEYS.recorder),
    appealContact: get(SETTINGS_KEYS.appealContact),
    publicityDays: get(SETTINGS_KEYS.publicityDays) || String(DEFAULT_PUBLICITY_DAYS),
  };
}

/** What is wrong with the values, in Chinese; empty when they can be written. */
export function settingsProblems(values: EditableSettings): string[] {
  const problems: string[] = [];
  if (!values.branch.trim()) problems.push("请填写党支部名称");
  const days = toNumber(values.publicityDays.trim());
  if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_PUBLICITY_DAYS)
    problems.push(`公示天数须为 1 至 ${MAX_PUBLICITY_DAYS} 的整数，现为「${values.publicityDays.trim()}」`);
  return problems;
}

/**
 * The 公示期 length in 设置: default when the row is absent or blank; a value that is not a whole number
 * of days is refused with its cell rather than read as the default.
 */
export function publicityDaysOf(settings: ReadonlyMap<string, string>, tables?: ReadonlyMap<string, TableData>): number {
  const text = (settings.get(SETTINGS_KEYS.publicityDays) ?? "").trim();
  if (!text) return DEFAULT_PUBLICITY_DAYS;
  const days = toNumber(text);
  if (days !== null && Number.isInteger(days) && days >= 1 && days <= MAX_PUBLICITY_DAYS) return days;
  const row = rowsOf(tables?.get(SHEETS.settings.table)).find((r) => toText(r.values["项目"]) === toText(SETTINGS_KEYS.publicityDays))?.row;
  throw new CoreError(
    "bad-setting",
    `「${SHEETS.settings.sheet}」工作表${row ? `第 ${row} 行` : ""}「值」列：${SETTINGS_KEYS.publicityDays}须为 1 至 ${MAX_PUBLICITY_DAYS} 的整数，现为「${text}」`,
  );
}

export interface SettingChange {
  label: string;
  from: string;
  to: string;
}

/** The cell writes that make 设置 hold `values`, and what changed; refuses values with problems. */
export function planSettingsWrite(settingsTable: TableData | undefined, values: EditableSettings): { ops: WorkbookOp[]; changes: SettingChange[] } {
  if (!settingsTable) throw new CoreError("not-a-ledger", `这不是积分台账工作簿：没有「${SHEETS.settings.sheet}」表格，请先在「开始」中生成台账`);
  const problems = settingsProblems(values);
  if (problems.length) throw new CoreError("bad-setting", problems.join("；"));
  const rows = rowsOf(settingsTable);
  const formats = SHEETS.settings.columns.map(() => "text" as const);
  const ops: WorkbookOp[] = [];
  const changes: SettingChange[] = [];
  const appended: Cell[][] = [];
  for (const { field, key, label, note } of SETTING_FIELDS) {
    const to = values[field].trim();
    // Keys compare as read (full-width folded: 「记录人（组织委员）」 typed either way); values keep the clerk's punctuation.
    const index = rows.findIndex((r) => toText(r.values["项目"]) === toText(key));
    const from = index < 0 ? "" : toProse(rows[index].values["值"]);
    if (toText(from) === toText(to) && index >= 0) continue;
    if (index < 0) {
      if (to === "" || (field === "publicityDays" && to === String(DEFAULT_PUBLICITY_DAYS))) continue;
      appended.push([key, to, note]);
    } else ops.push({ op: "setCells", table: SHEETS.settings.table, row: index, cells: { 1: to }, formats });
    changes.push({ label, from, to });
  }
  if (appended.length) ops.push({ op: "appendRows", table: SHEETS.settings.table, rows: appended, formats });
  return { ops, changes };
}
