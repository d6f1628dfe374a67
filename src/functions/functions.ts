/*
 * PARTY.* custom functions. Each is a thin wrapper over src/core; custom-functions-metadata-plugin
 * reads the JSDoc below into functions.json and registers each function with CustomFunctions.associate.
 * Nothing may import this file (the injected registration needs the Excel runtime).
 */
import { type CellValue } from "../core/cells";
import { isCellError } from "../core/cellError";
import { gradeOf } from "../core/formulas/grade";
import { resolveScheme } from "../core/formulas/resolveScheme";
import { unwrap } from "./toExcelError";
import { getWorkbookSchemeId } from "./workbookScheme";

/**
 * 按积分方案的等次分数线返回积分对应的等次（如 优秀、合格、基本合格、不合格）。
 * @customfunction GRADE
 * @param score 积分总分（数字，或数字文本）
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @returns 等次
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Excel hands any cell value; core validates it.
export function grade(score: any, scheme?: string): string {
  const resolved = resolveScheme(scheme as CellValue, getWorkbookSchemeId());
  return unwrap(isCellError(resolved) ? resolved : gradeOf(score as CellValue, resolved));
}
