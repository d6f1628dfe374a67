import { CellError } from "../cellError";
import { type CellValue, isBlank, normalizeText } from "../cells";
import type { Scheme } from "../scheme/schema";
import { schemeVersions } from "../scheme/workbookSchemes";

export const NO_SCHEME_MESSAGE = "未指定积分方案：请在公式的方案参数中填写方案 id（如 star-member），或在任务窗格「开始」中为工作簿选择方案";

/**
 * Every version of the scheme a formula uses (its own argument, else the workbook's default), oldest
 * first: the workbook's own schemes (自定义方案) by id, else the built-ins.
 */
export function resolveSchemeVersions(argument: CellValue, workbookDefault: string | null, workbookSchemes: readonly Scheme[] = []): Scheme[] | CellError {
  const id = isBlank(argument) ? workbookDefault : normalizeText(String(argument));
  if (!id) return new CellError("NA", NO_SCHEME_MESSAGE);
  return schemeVersions(id, workbookSchemes) ?? new CellError("NA", `没有 id 为「${id}」的积分方案，请检查方案参数或「设置」工作表`);
}

/** The scheme a formula uses, in its latest version (items, grades, cycle). */
export function resolveScheme(argument: CellValue, workbookDefault: string | null, workbookSchemes: readonly Scheme[] = []): Scheme | CellError {
  const versions = resolveSchemeVersions(argument, workbookDefault, workbookSchemes);
  return versions instanceof CellError ? versions : versions[versions.length - 1];
}
