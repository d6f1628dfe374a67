import { type Granularity, MONTHS_IN } from "./scheme/schema";
import { CoreError } from "./errors";
import { daysInMonth } from "./dates";

// Date helpers live in ./dates; these two stay importable from here for the task pane and the CLI.
export { daysInMonth, localIsoDate } from "./dates";

/**
 * A scoring period inside an assessment cycle. A cycle is named by the calendar year it ends in:
 * with cycleStartMonth 12, cycle 2026 runs from 2025-12-01 to 2026-11-30.
 */
export interface Period {
  kind: Granularity;
  cycleYear: number;
  /** First month of the period, counted from the cycle's first month (0–11). */
  startOffset: number;
  /** Length in months. */
  months: number;
  /** "2026", "2026H1", "2026Q3" or "2026-07". */
  label: string;
}

/** Months since year 0: year × 12 + (month − 1). */
export function absMonth(year: number, month: number): number {
  return year * 12 + (month - 1);
}

export function cycleStartAbs(cycleYear: number, cycleStartMonth: number): number {
  return cycleStartMonth === 1 ? absMonth(cycleYear, 1) : absMonth(cycleYear - 1, cycleStartMonth);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function monthLabel(abs: number): string {
  return `${Math.floor(abs / 12)}-${pad2((abs % 12) + 1)}`;
}

export function cycleOfAbsMonth(abs: number, cycleStartMonth: number): number {
  const year = Math.floor(abs / 12);
  const month = (abs % 12) + 1;
  return cycleStartMonth !== 1 && month >= cycleStartMonth ? year + 1 : year;
}

function makePeriod(kind: Granularity, cycleYear: number, index: number, cycleStartMonth: number): Period {
  const months = MONTHS_IN[kind];
  const startOffset = (index - 1) * months;
  let label: string;
  switch (kind) {
    case "cycle":
      label = String(cycleYear);
      break;
    case "half":
      label = `${cycleYear}H${index}`;
      break;
    case "quarter":
      label = `${cycleYear}Q${index}`;
      break;
    case "month":
      label = monthLabel(cycleStartAbs(cycleYear, cycleStartMonth) + startOffset);
      break;
  }
  return { kind, cycleYear, startOffset, months, label };
}

const PERIOD_PATTERN = /^\s*(\d{4})(?:\s*([HhQq])\s*(\d)|-(\d{1,2}))?\s*$/;

/** Parses "2026", "2026H1", "2026Q3" or "2026-07"; returns null when the text is not a period. */
export function tryParsePeriod(text: string, cycleStartMonth = 1): Period | null {
  const m = PERIOD_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const kind: Granularity = m[2].toUpperCase() === "H" ? "half" : "quarter";
    const index = Number(m[3]);
    if (index < 1 || index > 12 / MONTHS_IN[kind]) return null;
    return makePeriod(kind, year, index, cycleStartMonth);
  }
  if (m[4]) {
    const month = Number(m[4]);
    if (month < 1 || month > 12) return null;
    const abs = absMonth(year, month);
    const cycleYear = cycleOfAbsMonth(abs, cycleStartMonth);
    return makePeriod("month", cycleYear, abs - cycleStartAbs(cycleYear, cycleStartMonth) + 1, cycleStartMonth);
  }
  return makePeriod("cycle", year, 1, cycleStartMonth);
}

export function parsePeriod(text: string, cycleStartMonth = 1): Period {
  const period = tryParsePeriod(text, cycleStartMonth);
  if (!period) throw new CoreError("bad-period", `期间「${text}」无法识别，应为 2026、2026H1、2026Q3 或 2026-07`);
  return period;
}

/** The period of a granularity that contains a calendar month. */
export function periodOfMonth(year: number, month: number, kind: Granularity, cycleStartMonth = 1): Period {
  const abs = absMonth(year, month);
  const cycleYear = cycleOfAbsMonth(abs, cycleStartMonth);
  const offset = abs - cycleStartAbs(cycleYear, cycleStartMonth);
  return makePeriod(kind, cycleYear, Math.floor(offset / MONTHS_IN[kind]) + 1, cycleStartMonth);
}

/** The sub-periods of a granularity that make up a period (e.g. the quarters of a year). */
export function subPeriods(period: Period, kind: Granularity, cycleStartMonth = 1): Period[] {
  const months = MONTHS_IN[kind];
  if (months > period.months) throw new CoreError("bad-period", `${period.label} 不能按更长的期间拆分`);
  const out: Period[] = [];
  for (let offset = period.startOffset; offset < period.startOffset + period.months; offset += months)
    out.push(makePeriod(kind, period.cycleYear, offset / months + 1, cycleStartMonth));
  return out;
}

/** First and last day of a period as ISO dates (inclusive). */
export function periodDates(period: Period, cycleStartMonth = 1): { start: string; end: string } {
  const first = cycleStartAbs(period.cycleYear, cycleStartMonth) + period.startOffset;
  const last = first + period.months - 1;
  const ly = Math.floor(last / 12);
  const lm = (last % 12) + 1;
  return { start: `${monthLabel(first)}-01`, end: `${monthLabel(last)}-${pad2(daysInMonth(ly, lm))}` };
}

/**
 * The dates a period's scores read: from the start of the longest grant span holding it (a component
 * granted for the year shows its standing to the period's end, so a March entry counts in the third
 * quarter) to the period's end.
 */
export function periodReach(period: Period, cycleStartMonth: number, grants: readonly Granularity[]): { start: string; end: string } {
  let from = period.startOffset;
  for (const g of grants) {
    const span = MONTHS_IN[g];
    if (span > period.months) from = Math.min(from, Math.floor(period.startOffset / span) * span);
  }
  return periodDates({ ...period, startOffset: from, months: period.startOffset + period.months - from }, cycleStartMonth);
}

/** Chinese label for headings, e.g. "2026年第三季度", "2026年上半年", "2026年度（2025年12月至2026年11月）". */
export function describePeriod(period: Period, cycleStartMonth = 1): string {
  const quarterNames = ["一", "二", "三", "四"];
  const cycle =
    cycleStartMonth === 1
      ? `${period.cycleYear}年度`
      : `${period.cycleYear}年度（${period.cycleYear - 1}年${cycleStartMonth}月至${period.cycleYear}年${cycleStartMonth - 1}月）`;
  switch (period.kind) {
    case "cycle":
      return cycle;
    case "half":
      return `${period.cycleYear}年度${period.startOffset === 0 ? "上半年" : "下半年"}`;
    case "quarter":
      return `${period.cycleYear}年度第${quarterNames[period.startOffset / 3]}季度`;
    case "month": {
      const [y, m] = period.label.split("-");
      return `${y}年${Number(m)}月`;
    }
  }
}
