import { CellError } from "../cellError";
import { type CellValue, isBlank, toNumber, toText } from "../cells";
import type { AppraisalComponent, Scheme } from "../scheme/schema";

/**
 * PARTY.APPRAISAL: the points a 民主评议 result is worth under a scheme. Schemes that map grades to
 * points take a grade (优秀 → 20 …); schemes that take the vote's score pass a score within range through.
 */
export function appraisalPoints(result: CellValue, scheme: Scheme): number | CellError {
  const component = scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal");
  if (!component) return new CellError("NA", `方案「${scheme.name}」没有民主评议组成部分，评议结果不计分`);
  const a = component.appraisal;
  if (a.mode === "grades") {
    const names = a.grades.map((g) => g.name).join("、");
    if (isBlank(result)) return new CellError("VALUE", `评议等次为空：请填写 ${names} 之一`);
    const text = toText(result).replace(/\s/g, "");
    const grade = a.grades.find((g) => g.name.replace(/\s/g, "") === text);
    if (!grade) return new CellError("VALUE", `评议等次「${toText(result)}」不在方案「${scheme.name}」中：请填写 ${names} 之一`);
    return grade.points;
  }
  const range = `${a.min} 至 ${a.max} 分`;
  if (isBlank(result)) return new CellError("VALUE", `评议得分为空：方案「${scheme.name}」的民主评议按得分计（${range}），请填写得分`);
  const score = toNumber(result);
  if (score === null) return new CellError("VALUE", `评议得分「${toText(result)}」不是数字：方案「${scheme.name}」的民主评议按得分计（${range}）`);
  if (score < a.min || score > a.max) return new CellError("VALUE", `评议得分 ${score} 超出方案「${scheme.name}」的范围 ${range}`);
  return score;
}
