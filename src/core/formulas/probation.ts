import { CellError } from "../cellError";
import { type CellValue, isBlank, toNumber, toText } from "../cells";
import { BUILTIN_SCHEMES } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";

/**
 * PARTY.PROBATION: the outcome for a probationary member's cycle total under the scheme's rules
 * (e.g. 按期转正 / 延期转正 / 取消预备党员资格). A scheme without such rules is #N/A.
 */
export function probationOutcome(score: CellValue, scheme: Scheme): string | CellError {
  if (!scheme.probation) {
    const withRules = BUILTIN_SCHEMES.filter((s) => s.probation).map((s) => `${s.id}（${s.name}）`);
    const hint = withRules.length ? `有此规定的方案：${withRules.join("、")}` : "内置方案均无此规定";
    return new CellError("NA", `方案「${scheme.name}」没有预备党员转正的积分规定：${hint}`);
  }
  if (isBlank(score)) return new CellError("VALUE", "积分为空：请填写预备党员的年度积分（含民主评议分）");
  const n = toNumber(score);
  if (n === null) return new CellError("VALUE", `积分「${toText(score)}」不是数字`);
  const outcomes = scheme.probation.outcomes;
  return outcomes.find((o) => n >= o.min)?.name ?? outcomes[outcomes.length - 1].name;
}
