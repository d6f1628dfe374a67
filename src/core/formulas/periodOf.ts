import { CellError } from "../cellError";
import { type CellValue, isBlank, toIsoDate, toText } from "../cells";
import { periodOfMonth } from "../period";
import type { Granularity, Scheme } from "../scheme/schema";

const GRANULARITY_WORDS: Record<string, Granularity> = {
  年: "cycle",
  年度: "cycle",
  全年: "cycle",
  year: "cycle",
  cycle: "cycle",
  y: "cycle",
  半年: "half",
  半年度: "half",
  half: "half",
  h: "half",
  季度: "quarter",
  季: "quarter",
  quarter: "quarter",
  q: "quarter",
  月: "month",
  月度: "month",
  month: "month",
  m: "month",
};

/** PARTY.PERIOD's granularity argument; blank = quarter. */
export function granularityArgument(value: CellValue): Granularity | CellError {
  if (isBlank(value)) return "quarter";
  const g = GRANULARITY_WORDS[toText(value).replace(/\s/g, "").toLowerCase()];
  return g ?? new CellError("VALUE", `期间粒度「${toText(value)}」无法识别：请填写 年、半年、季度 或 月（或 year、half、quarter、month），留空为季度`);
}

/**
 * PARTY.PERIOD: the label of the period a date falls in ("2026", "2026H1", "2026Q3", "2026-07"),
 * counting from the scheme's cycle start (with a December start, 2025-12-15 is in 2026Q1).
 */
export function periodLabelOf(date: CellValue, granularity: CellValue, scheme: Scheme): string | CellError {
  if (isBlank(date)) return new CellError("VALUE", "日期为空：请填写日期（如 2026-07-15）或引用日期单元格");
  const iso = toIsoDate(date);
  if (!iso) return new CellError("VALUE", `「${toText(date)}」不是有效日期：请填写日期（如 2026-07-15）或引用日期单元格`);
  const kind = granularityArgument(granularity);
  if (kind instanceof CellError) return kind;
  return periodOfMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), kind, scheme.cycleStartMonth).label;
}
