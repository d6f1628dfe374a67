import type { LedgerEntry, Member } from "../src/core/engine/types";
import type { Scheme } from "../src/core/scheme/schema";
import { seededRandom } from "../src/core/random";

export function syntheticRoster(count: number): Member[] {
  const categories = ["正式党员", "正式党员", "正式党员", "预备党员", "发展对象", "入党积极分子"];
  return Array.from({ length: count }, (_, i) => ({
    id: `M${String(i + 1).padStart(5, "0")}`,
    name: `党员${i + 1}`,
    category: categories[i % categories.length],
  }));
}

/** A year of valid entries spread over the roster and the scheme's non-veto items. */
export function syntheticEntries(scheme: Scheme, roster: Member[], count: number, year: number, seed = 42): LedgerEntry[] {
  const random = seededRandom(seed);
  const items = scheme.items.filter((i) => i.points.kind !== "veto" && !i.categories);
  const entries: LedgerEntry[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const item = items[Math.floor(random() * items.length)];
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const p = item.points;
    const value = p.kind === "range" ? Math.round((p.min + random() * (p.max - p.min)) * 10) / 10 : undefined;
    entries[i] = {
      date: `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`,
      memberId: roster[Math.floor(random() * roster.length)].id,
      itemCode: item.code,
      count: 1 + Math.floor(random() * 2),
      value,
      ref: i + 2,
    };
  }
  return entries;
}
