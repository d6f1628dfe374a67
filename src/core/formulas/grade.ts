import { CellError } from "../cellError";
import { type CellValue, toNumber } from "../cells";
import type { Scheme } from "../scheme/schema";

/** PARTY.GRADE: the grade band a score falls in. */
export function gradeOf(score: CellValue, scheme: Scheme): string | CellError {
  const n = toNumber(score);
  if (n === null) return new CellError("VALUE", `积分「${String(score ?? "")}」不是数字`);
  return scheme.grades.find((band) => n >= band.min)?.name ?? scheme.grades[scheme.grades.length - 1].name;
}
