import { CellError } from "../cellError";
import { type CellValue, isBlank, toNumber, toText } from "../cells";
import { entryPoints, entryPointsValue } from "../engine/entryPoints";
import type { Scheme } from "../scheme/schema";

/** At most this many codes are listed in a message (Excel shows the message in a small tooltip). */
const LISTED_CODES = 24;

function optionalNumber(value: CellValue, what: string): number | undefined | CellError {
  if (isBlank(value)) return undefined;
  const n = toNumber(value);
  return n === null ? new CellError("VALUE", `${what}「${toText(value)}」不是数字`) : n;
}

/**
 * PARTY.ITEM: what one ledger entry is worth (次数 × 分值 per occurrence), before any cap.
 * Fixed items take their own value (a written value must agree); discretionary (酌情) items need one.
 * A veto item (一票否决) is worth no points: it is #N/A, because it zeroes the member's cycle instead.
 */
export function itemPoints(code: CellValue, count: CellValue, value: CellValue, scheme: Scheme): number | CellError {
  const wanted = toText(code).replace(/\s/g, "").toUpperCase();
  if (!wanted) return new CellError("VALUE", "项目代码为空：请填写「积分规则」工作表中的项目代码");
  const item = scheme.items.find((i) => i.code.toUpperCase() === wanted);
  if (!item) {
    const codes = scheme.items.map((i) => i.code);
    const list = codes.length > LISTED_CODES ? `${codes.slice(0, LISTED_CODES).join("、")} 等` : codes.join("、");
    return new CellError("VALUE", `方案「${scheme.name}」没有项目代码「${toText(code)}」：可用的有 ${list}（见「积分规则」工作表）`);
  }
  const n = optionalNumber(count, "次数");
  if (n instanceof CellError) return n;
  const v = optionalNumber(value, "分值");
  if (v instanceof CellError) return v;
  const points = entryPoints(item, n, v);
  if (!points.ok) return new CellError("VALUE", points.message);
  if (points.veto) return new CellError("NA", `${item.code} 为一票否决事项，不计分：本周期积分清零`);
  return entryPointsValue(points);
}
