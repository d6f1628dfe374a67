import { CoreError } from "../errors";
import type { Scheme } from "./schema";

/** Versions of one scheme, oldest first. Throws on an empty list or mixed ids. */
export function sortVersions(scheme: Scheme | readonly Scheme[]): Scheme[] {
  const list = Array.isArray(scheme) ? [...(scheme as readonly Scheme[])] : [scheme as Scheme];
  if (list.length === 0) throw new CoreError("no-scheme", "没有提供积分方案");
  const ids = new Set(list.map((s) => s.id));
  if (ids.size > 1) throw new CoreError("mixed-schemes", `不同方案不能混用：${[...ids].join("、")}`);
  return list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.version - b.version));
}

/**
 * The version in force on an ISO date: the latest whose effectiveFrom is on or before it.
 * Before the first version takes effect, the first version applies.
 */
export function versionInForce(sorted: readonly Scheme[], isoDate: string): Scheme {
  let current = sorted[0];
  for (const s of sorted) {
    if (s.effectiveFrom <= isoDate) current = s;
    else break;
  }
  return current;
}
