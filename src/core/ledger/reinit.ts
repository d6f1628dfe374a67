/**
 * `init` on a workbook that already holds a ledger: it only adds missing sheets. A scheme, year or
 * branch other than 设置 holds is refused with the reason, before anything is written — never half
 * applied (积分规则 of one scheme beside 设置 naming another, a year silently ignored).
 */
import { Refused } from "../errors";
import type { Scheme } from "../scheme/schema";
import type { Cell, TableData } from "../sheetModel";
import { headerIndex } from "../tableRegion";
import { SETTINGS_KEYS, SHEETS } from "./layout";
import type { LedgerSettings } from "./scaffold";

const text = (v: Cell | undefined) => (v === null || v === undefined ? "" : String(v).trim());

/**
 * Throws Refused("init") when the request disagrees with 设置; else the cells of 设置 to fill (a branch
 * given now where 设置 has none), as setCells ops' row and column (0-based, within the table).
 */
export function checkReinit(settingsTable: TableData | undefined, scheme: Scheme, requested: LedgerSettings): { row: number; column: number; value: string }[] {
  if (!settingsTable) return [];
  const key = headerIndex(settingsTable.headers, "项目");
  const value = headerIndex(settingsTable.headers, "值");
  if (key < 0 || value < 0) return [];
  const rowOf = (name: string) => settingsTable.rows.findIndex((r) => text(r[key]) === name);
  const stored = (name: string) => {
    const r = rowOf(name);
    return r < 0 ? "" : text(settingsTable.rows[r][value]);
  };
  const sheet = SHEETS.settings.sheet;
  const at = (name: string) => `「${sheet}」第 ${rowOf(name) + settingsTable.firstRow} 行`;
  const reasons: string[] = [];
  const schemeId = stored(SETTINGS_KEYS.schemeId);
  if (schemeId && schemeId !== scheme.id)
    reasons.push(
      `${at(SETTINGS_KEYS.schemeId)}的方案为「${schemeId}」，本次给出的是「${scheme.id}」：已记的积分是按原方案的项目记的，换方案会让积分规则与台账对不上。要换方案，请新建一个工作簿；补齐本工作簿的工作表请用 --scheme ${schemeId}`,
    );
  const year = stored(SETTINGS_KEYS.year);
  if (year && year !== String(requested.year))
    reasons.push(
      `${at(SETTINGS_KEYS.year)}的年度为 ${year}，本次给出的是 ${requested.year}：一个工作簿记一个考核年度。新的年度请新建一个工作簿（init 新文件名 --year ${requested.year}）；补齐本工作簿的工作表请用 --year ${year}`,
    );
  const branch = stored(SETTINGS_KEYS.branch);
  const given = requested.branch.trim();
  if (given && branch && branch !== given)
    reasons.push(`${at(SETTINGS_KEYS.branch)}的支部名称为「${branch}」，本次给出的是「${given}」：要改支部名称，请直接在「${sheet}」工作表中修改；补齐工作表时可不写 --branch`);
  if (reasons.length) throw new Refused("init", `这个工作簿已经是积分台账，本次没有做任何改动：\n${reasons.map((r) => `  ${r}`).join("\n")}`);
  const branchRow = rowOf(SETTINGS_KEYS.branch);
  return given && !branch && branchRow >= 0 ? [{ row: branchRow, column: value, value: given }] : [];
}
