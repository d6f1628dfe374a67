import { CellError } from "../cellError";
import { type CellValue, isBlank, toText } from "../cells";
import { type Period, tryParsePeriod } from "../period";

export const PERIOD_EXAMPLES = "2026（年度）、2026H1（半年）、2026Q3（季度）或 2026-07（月）";

/**
 * A period argument: "2026", "2026H1", "2026Q3", "2026-07", or the number 2026. Also tolerated:
 * full-width digits, lower case, spaces, "2026年", "2026年7月", "2026/7", "2026.07".
 */
export function periodArgument(value: CellValue, cycleStartMonth: number): Period | CellError {
  if (isBlank(value)) return new CellError("VALUE", `期间为空：请填写 ${PERIOD_EXAMPLES}`);
  let text: string;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return new CellError("VALUE", `期间「${value}」不是年份：请填写 ${PERIOD_EXAMPLES}`);
    text = String(value);
  } else {
    text = toText(value)
      .replace(/\s/g, "")
      .replace(/^(\d{4})年(?:度)?$/, "$1")
      .replace(/^(\d{4})(?:年|[/.])(\d{1,2})月?$/, "$1-$2");
  }
  return tryParsePeriod(text, cycleStartMonth) ?? new CellError("VALUE", `期间「${toText(value)}」无法识别：请填写 ${PERIOD_EXAMPLES}`);
}
