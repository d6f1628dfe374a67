/**
 * Batch entry by activity (三会一课, 主题党日 …) and the safe-write rules of the 录入 form: names pasted
 * from a sign-in list matched to the roster, and the writes that need the clerk's explicit confirmation
 * (一票否决, and items the scheme marks heavy or whose points reach HEAVY_POINTS).
 */
import { fromTenths, toTenths } from "../tenths";

/** |points| of one entry (次数 × 分值) from which a write needs confirmation, unless the scheme says otherwise per item. */
export const HEAVY_POINTS = 10;

/** Names as a clerk pastes them: one a line, or separated by 、，, ; or spaces (full-width too); each once, in order. */
export function splitNames(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\r\n、，,；;\s\u3000]+/)) {
    const name = part.trim();
    if (name) seen.add(name);
  }
  return [...seen];
}

export interface NamedMember {
  id: string;
  name: string;
}

export interface NameMatch<M extends NamedMember> {
  /** The members named, in the order pasted, each once. */
  members: M[];
  /** Names that are neither a 姓名 nor an 编号 of the roster. */
  unknown: string[];
  /** Names shared by several members: the clerk gives the 编号 instead. */
  ambiguous: { name: string; ids: string[] }[];
}

/** Matches pasted names to the roster by 编号 first, then 姓名. Nothing is dropped silently: what matches no one is listed. */
export function matchNames<M extends NamedMember>(names: readonly string[], roster: readonly M[]): NameMatch<M> {
  const byId = new Map(roster.map((m) => [m.id.toLowerCase(), m]));
  const byName = new Map<string, M[]>();
  for (const m of roster) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const members: M[] = [];
  const unknown: string[] = [];
  const ambiguous: NameMatch<M>["ambiguous"] = [];
  const add = (m: M) => {
    if (!members.includes(m)) members.push(m);
  };
  for (const name of names) {
    const id = byId.get(name.toLowerCase());
    const named = byName.get(name) ?? [];
    if (id) add(id);
    else if (named.length === 1) add(named[0]);
    else if (named.length > 1) ambiguous.push({ name, ids: named.map((m) => m.id) });
    else unknown.push(name);
  }
  return { members, unknown, ambiguous };
}

/** What the clerk is told about pasted names that were not taken, in Chinese; empty when all were. */
export function describeUnmatched(match: Pick<NameMatch<NamedMember>, "unknown" | "ambiguous">): string[] {
  const lines: string[] = [];
  if (match.unknown.length) lines.push(`不在党员名册中（未勾选）：${match.unknown.join("、")}`);
  for (const a of match.ambiguous) lines.push(`「${a.name}」有 ${a.ids.length} 名党员（编号 ${a.ids.join("、")}），请改用编号`);
  return lines;
}

/** The item of an entry as far as confirmation is concerned. */
export interface ConsequenceItem {
  code: string;
  name: string;
  veto: boolean;
  /** The scheme's say: true always confirm, false never (a veto always), absent: by HEAVY_POINTS. */
  heavy?: boolean;
}

function signed(points: number): string {
  const n = fromTenths(toTenths(points));
  return n > 0 ? `+${n}` : String(n);
}

/**
 * The consequence of one entry the clerk must confirm before it is written, in Chinese, or null.
 * `points` is the entry's total (次数 × 每次分值); null when not known yet.
 */
export function entryConsequence(item: ConsequenceItem, entry: { name: string; points: number | null; cycleYear: number }): string | null {
  if (item.veto) return `一票否决：${entry.name} ${entry.cycleYear} 年全年积分将为 0（${item.code} ${item.name}）`;
  if (item.heavy === false || entry.points === null || entry.points === 0) return null;
  if (item.heavy !== true && Math.abs(entry.points) < HEAVY_POINTS) return null;
  return `${entry.points < 0 ? "重大扣分" : "大额加分"}：${entry.name} ${signed(entry.points)} 分（${item.code} ${item.name}）`;
}
