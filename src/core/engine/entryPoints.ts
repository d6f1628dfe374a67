import type { SchemeItem } from "../scheme/schema";
import { fromTenths, toTenths } from "../tenths";

export type EntryPointsProblem = "bad-count" | "missing-value" | "value-out-of-range" | "value-mismatch";

export type EntryPointsResult =
  | { ok: true; veto: boolean; tenths: number }
  | { ok: false; problem: EntryPointsProblem; message: string };

function formatPoints(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function describeItemPoints(item: SchemeItem): string {
  const p = item.points;
  switch (p.kind) {
    case "fixed":
      return `${formatPoints(p.value)}分/次`;
    case "range":
      return `${formatPoints(p.min)}至${formatPoints(p.max)}分/次（酌情）`;
    case "veto":
      return "一票否决";
  }
}

/**
 * What one ledger entry is worth: count × points per occurrence, in tenths.
 * `value` is the clerk's 分值 per occurrence: required for discretionary items, optional for fixed ones
 * (where it must agree). Veto items are worth no points; they zero the cycle instead.
 */
export function entryPoints(item: SchemeItem, count: number | undefined, value: number | undefined): EntryPointsResult {
  const n = count ?? 1;
  if (!Number.isInteger(n) || n < 1)
    return { ok: false, problem: "bad-count", message: `次数 ${n} 不是正整数` };
  const p = item.points;
  if (p.kind === "veto") return { ok: true, veto: true, tenths: 0 };
  if (p.kind === "fixed") {
    const fixed = toTenths(p.value);
    if (value !== undefined && toTenths(value) !== fixed)
      return {
        ok: false,
        problem: "value-mismatch",
        message: `分值 ${formatPoints(value)} 与 ${item.code} 的固定分值 ${formatPoints(p.value)} 不符`,
      };
    return { ok: true, veto: false, tenths: fixed * n };
  }
  if (value === undefined)
    return { ok: false, problem: "missing-value", message: `${item.code} 为酌情计分项目，须填写分值（${describeItemPoints(item)}）` };
  const v = toTenths(value);
  if (!Number.isFinite(value) || v < toTenths(p.min) || v > toTenths(p.max))
    return {
      ok: false,
      problem: "value-out-of-range",
      message: `分值 ${formatPoints(value)} 超出 ${item.code} 的范围 ${formatPoints(p.min)} 至 ${formatPoints(p.max)}`,
    };
  return { ok: true, veto: false, tenths: v * n };
}

/** The points (not tenths) an entry is worth; convenience for callers outside the engine. */
export function entryPointsValue(result: Extract<EntryPointsResult, { ok: true }>): number {
  return fromTenths(result.tenths);
}
