import { CellError } from "../cellError";
import { type CellValue, isBlank, toNumber, toText } from "../cells";
import { getBuiltinScheme } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";

/** The scheme PARTY.STARLEVEL uses when none is named: 基层党支部评星晋级. */
export const STAR_SCHEME_ID = "branch-stars";

/**
 * PARTY.STARLEVEL: a branch's star level (三星级党支部 …) from its stars: a count, or the stars by
 * name as the 台账 writes them ("安全星绩效星廉洁星"), in one cell or across a range. A star counts once.
 */
export function starLevel(stars: readonly (readonly CellValue[])[], schemeArg: Scheme | null): string | CellError {
  const scheme = schemeArg ?? getBuiltinScheme(STAR_SCHEME_ID);
  if (scheme.subject !== "branch") return new CellError("VALUE", `方案「${scheme.name}」不是党支部评星方案：请省略方案参数，或填写 ${STAR_SCHEME_ID}`);
  const starNames = scheme.items.filter((i) => i.points.kind !== "veto").map((i) => i.name);
  const cells = stars.flat().filter((c) => !isBlank(c));
  let count = 0;
  if (cells.length === 1 && toNumber(cells[0]) !== null) {
    const n = toNumber(cells[0])!;
    if (!Number.isInteger(n) || n < 0 || n > starNames.length) return new CellError("VALUE", `星数「${toText(cells[0])}」应为 0 至 ${starNames.length} 的整数`);
    count = n;
  } else {
    const text = cells.map((c) => toText(c)).join(" ");
    const found = starNames.filter((name) => text.includes(name));
    // Whatever is left after taking out the star names (and separators) is not a star.
    const rest = starNames.reduce((t, name) => t.split(name).join(""), text).replace(/[\s,，、;；/]+/g, "");
    if (rest) return new CellError("VALUE", `「${rest.slice(0, 20)}」不是星名：可用的星为 ${starNames.join("、")}`);
    count = found.length;
  }
  return scheme.grades.find((g) => count >= g.min)?.name ?? scheme.grades[scheme.grades.length - 1].name;
}
