import { CoreError } from "../errors";
import { type Period, absMonth, cycleStartAbs, daysInMonth, monthLabel, parsePeriod, periodDates, subPeriods, tryParsePeriod } from "../period";
import { type AppraisalComponent, MONTHS_IN, type PointsComponent, type Scheme, type SchemeItem } from "../scheme/schema";
import { sortVersions, versionInForce } from "../scheme/versions";
import { clamp, fromTenths, toTenths } from "../tenths";
import { entryPoints } from "./entryPoints";
import { rankCompetition } from "./rank";
import { type ApprovedMember, type ApprovedPeriod, BLANK_NUMBER, type IgnoredEntry, type IgnoredReason, type LedgerColumns, type LedgerEntry, type Member, MemberScore, ScoreInput, ScoreResult } from "./types";

const MONTHS = 12;

interface CompiledItem {
  item: SchemeItem;
  /** Index into the points components of the structural version; -1 for veto items. */
  component: number;
  categories: Set<string> | null;
  /** Index into the capped-item table, or -1. */
  capped: number;
  /** Tenths per occurrence of a fixed item, or NaN: the common case, scored without allocating. */
  fixedTenths: number;
  /** Bit of the veto patterns this item feeds (scheme.vetoPatterns), 0 for none. */
  patternBits: number;
}

interface CappedEntry {
  member: number;
  capped: number;
  date: string;
  offset: number;
  tenths: number;
}

/** Per-member month sums over one cycle, in tenths: sums[(member × C + component) × 12 + month]. */
interface CycleLedger {
  scheme: Scheme;
  pointComponents: PointsComponent[];
  appraisal: AppraisalComponent | null;
  members: readonly Member[];
  sums: Float64Array;
  veto: (string | null)[];
  ignored: IgnoredEntry[];
}

/** Parses "YYYY-MM-DD" without allocating; returns the absolute month or -1 when not a real date. */
function absMonthOf(date: string): number {
  if (typeof date !== "string" || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  const m1 = date.charCodeAt(5) - 48;
  const m2 = date.charCodeAt(6) - 48;
  const d1 = date.charCodeAt(8) - 48;
  const d2 = date.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return -1;
  return absMonth(year, month);
}

function compileItems(version: Scheme, pointComponents: PointsComponent[], cappedIndex: Map<SchemeItem, number>, patterns: readonly { item: string }[]): Map<string, CompiledItem> {
  const componentIndex = new Map(pointComponents.map((c, i) => [c.id, i]));
  const map = new Map<string, CompiledItem>();
  for (const item of version.items) {
    let capped = -1;
    if (item.cap) {
      capped = cappedIndex.get(item) ?? cappedIndex.size;
      cappedIndex.set(item, capped);
    }
    map.set(item.code.toUpperCase(), {
      item,
      component: item.points.kind === "veto" ? -1 : componentIndex.get(item.component ?? "") ?? -2,
      categories: item.categories ? new Set(item.categories) : null,
      capped,
      fixedTenths: item.points.kind === "fixed" ? toTenths(item.points.value) : Number.NaN,
      patternBits: patterns.reduce((bits, p, k) => (p.item.trim().toUpperCase() === item.code.toUpperCase() ? bits | (1 << k) : bits), 0),
    });
  }
  return map;
}

function lookupItem(items: Map<string, CompiledItem>, code: string): CompiledItem | undefined {
  return items.get(code) ?? (typeof code === "string" ? items.get(code.trim().toUpperCase()) : undefined);
}

/** Interns texts into a pool, for LedgerColumns. */
export function textPool(): { texts: string[]; index: (text: string) => number } {
  const texts: string[] = [];
  const indexes = new Map<string, number>();
  return {
    texts,
    index(text) {
      let i = indexes.get(text);
      if (i === undefined) {
        i = texts.length;
        texts.push(text);
        indexes.set(text, i);
      }
      return i;
    },
  };
}

/** Entries as columns; the engine reads only columns, so a parse that produces them allocates nothing per row. */
export function ledgerColumns(entries: readonly LedgerEntry[] | LedgerColumns): LedgerColumns {
  if (!Array.isArray(entries)) return entries as LedgerColumns;
  const list = entries as readonly LedgerEntry[];
  const n = list.length;
  const { texts, index: intern } = textPool();
  const date = new Int32Array(n);
  const memberId = new Int32Array(n);
  const itemCode = new Int32Array(n);
  const count = new Float64Array(n);
  const value = new Float64Array(n);
  const ref = new Float64Array(n);
  const reverses = new Float64Array(n);
  const ids = list.some((e) => e.id !== undefined) ? new Float64Array(n) : undefined;
  let notes: (string | undefined)[] | undefined;
  for (let i = 0; i < n; i++) {
    const e = list[i];
    date[i] = intern(e.date);
    memberId[i] = intern(e.memberId);
    itemCode[i] = intern(e.itemCode);
    count[i] = e.count ?? BLANK_NUMBER;
    value[i] = e.value ?? BLANK_NUMBER;
    ref[i] = e.ref ?? Number.NaN;
    reverses[i] = e.reverses ?? Number.NaN;
    if (ids) ids[i] = e.id ?? Number.NaN;
    if (e.note !== undefined) (notes ??= new Array<string | undefined>(n))[i] = e.note;
  }
  return { length: n, texts, date, memberId, itemCode, count, value, ref, reverses, id: ids, note: notes };
}

/**
 * Whether entry i counts: neither a correction nor an entry a correction cancels (named by 记录号; by
 * sheet row in a ledger from before 记录号). What the engine's own pass does, for the readers beside it.
 */
export function liveEntryTest(columns: Pick<LedgerColumns, "length" | "reverses" | "ref" | "id">): (i: number) => boolean {
  const { reverses } = columns;
  const keys = columns.id ?? columns.ref;
  const reversed = new Set<number>();
  for (let i = 0; i < columns.length; i++) if (reverses[i] === reverses[i]) reversed.add(reverses[i]);
  return (i) => reverses[i] !== reverses[i] && !reversed.has(keys[i]);
}

/** Columns back to an object per entry (what ledgerColumns took). */
export function ledgerEntries(columns: LedgerColumns): LedgerEntry[] {
  const { texts, date, memberId, itemCode, count, value, ref, reverses, id, note } = columns;
  const optional = (n: number) => (n === BLANK_NUMBER ? undefined : n);
  const entries = new Array<LedgerEntry>(columns.length);
  for (let i = 0; i < columns.length; i++)
    entries[i] = {
      date: texts[date[i]],
      memberId: texts[memberId[i]],
      itemCode: texts[itemCode[i]],
      count: optional(count[i]),
      value: optional(value[i]),
      note: note?.[i],
      ref: ref[i] === ref[i] ? ref[i] : undefined,
      reverses: reverses[i] === reverses[i] ? reverses[i] : undefined,
      ...(id && id[i] === id[i] ? { id: id[i] } : {}),
    };
  return entries;
}

interface Accumulator {
  versions: Scheme[];
  compiled: Map<string, CompiledItem>[];
  members: readonly Member[];
  memberIndex: Map<string, number>;
  /** The cycle's first absolute month. */
  start: number;
  /** Points components. */
  C: number;
  sums: Float64Array;
  veto: (string | null)[];
  ignored: IgnoredEntry[];
  capped: CappedEntry[];
  /** Per member and veto pattern, a bit per month of the cycle with an entry of the pattern's item. */
  patternMonths: Int32Array;
  patternCount: number;
}

/**
 * The hot loop over every entry, on its own so that V8 optimizes (on a cold first call: on stack
 * replacement) a small function rather than all of buildCycleLedger.
 */
function accumulateEntries(entries: LedgerColumns, into: Accumulator): void {
  const { versions, compiled, members, memberIndex, start, C, sums, veto, ignored, capped, patternMonths, patternCount } = into;
  const single = versions.length === 1;
  const { texts, date: dates, memberId: memberIds, itemCode: itemCodes, count: counts, value: values, ref: refs, reverses, note: notes } = entries;
  const optional = (n: number) => (n === BLANK_NUMBER ? undefined : n);
  const ignore = (index: number, reason: IgnoredReason) => ignored.push({ index, ref: refs[index] === refs[index] ? refs[index] : undefined, reason });

  // Each distinct text is read once: its month, its member, its item (-2: not yet read; -1: none).
  const monthOf = new Int32Array(texts.length).fill(-2);
  const memberOf = new Int32Array(texts.length).fill(-2);
  const itemOf: (CompiledItem | null | undefined)[] = new Array(texts.length);

  // Corrections: a reversing entry and the entry it cancels (by 记录号; by ref in an older ledger) both drop out.
  const keys = entries.id ?? refs;
  let reversed: Set<number> | null = null;
  for (let i = 0; i < entries.length; i++) if (reverses[i] === reverses[i]) (reversed ??= new Set()).add(reverses[i]);

  for (let i = 0; i < entries.length; i++) {
    if (reversed && (reverses[i] === reverses[i] || reversed.has(keys[i]))) continue;
    const d = dates[i];
    let abs = monthOf[d];
    if (abs === -2) abs = monthOf[d] = absMonthOf(texts[d]);
    if (abs < 0) {
      ignore(i, "bad-date");
      continue;
    }
    const offset = abs - start;
    if (offset < 0 || offset >= MONTHS) {
      ignore(i, "outside-cycle");
      continue;
    }
    const mi = memberIds[i];
    let m = memberOf[mi];
    if (m === -2) m = memberOf[mi] = memberIndex.get(texts[mi]) ?? -1;
    if (m < 0) {
      ignore(i, "unknown-member");
      continue;
    }
    const ci = itemCodes[i];
    let c: CompiledItem | null | undefined;
    if (single) {
      c = itemOf[ci];
      if (c === undefined) c = itemOf[ci] = lookupItem(compiled[0], texts[ci]) ?? null;
    } else {
      c = lookupItem(compiled[versions.indexOf(versionInForce(versions, texts[d]))], texts[ci]);
    }
    if (!c || c.component === -2) {
      ignore(i, "unknown-item");
      continue;
    }
    if (c.categories && !c.categories.has(members[m].category)) {
      ignore(i, "category-not-applicable");
      continue;
    }
    // Fast path: a fixed item with a whole count and no value, or the right one (most of any ledger).
    const value = values[i];
    const count = counts[i] === BLANK_NUMBER ? 1 : counts[i];
    let tenths: number;
    if (c.fixedTenths === c.fixedTenths && count >= 1 && (count | 0) === count && (value === BLANK_NUMBER || Math.round(value * 10) === c.fixedTenths)) {
      tenths = c.fixedTenths * count;
    } else {
      const points = entryPoints(c.item, optional(counts[i]), optional(value));
      if (!points.ok) {
        ignore(i, points.problem);
        continue;
      }
      tenths = points.veto ? Number.NaN : points.tenths;
    }
    if (c.patternBits !== 0)
      for (let k = 0; k < patternCount; k++) if (c.patternBits & (1 << k)) patternMonths[m * patternCount + k] |= 1 << offset;
    if (tenths !== tenths) {
      const note = notes?.[i];
      const reason = `${c.item.code} ${c.item.name}（${texts[d]}${note ? `，${note}` : ""}）`;
      veto[m] = veto[m] ? `${veto[m]}；${reason}` : reason;
    } else if (c.capped >= 0) {
      capped.push({ member: m, capped: c.capped, date: texts[d], offset, tenths });
    } else {
      sums[(m * C + c.component) * MONTHS + offset] += tenths;
    }
  }

}

/** Reads the whole cycle of the ledger once; every period of the cycle is scored from this. */
function buildCycleLedger(
  versions: Scheme[],
  scheme: Scheme,
  members: readonly Member[],
  entries: LedgerColumns,
  cycleYear: number,
): CycleLedger {
  const pointComponents = scheme.components.filter((c): c is PointsComponent => c.kind === "points");
  const appraisal = scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal") ?? null;
  const C = pointComponents.length;
  const cappedIndex = new Map<SchemeItem, number>();
  const patterns = scheme.vetoPatterns ?? [];
  const compiled = versions.map((v) => compileItems(v, pointComponents, cappedIndex, patterns));
  const cappedItems = [...cappedIndex.keys()];

  const memberIndex = new Map<string, number>();
  members.forEach((m, i) => {
    if (!memberIndex.has(m.id)) memberIndex.set(m.id, i);
  });
  const sums = new Float64Array(members.length * C * MONTHS);
  const veto: (string | null)[] = new Array(members.length).fill(null);
  const ignored: IgnoredEntry[] = [];
  const capped: CappedEntry[] = [];
  const start = cycleStartAbs(cycleYear, scheme.cycleStartMonth);

  const patternMonths = new Int32Array(members.length * patterns.length);
  accumulateEntries(entries, { versions, compiled, members, memberIndex, start, C, sums, veto, ignored, capped, patternMonths, patternCount: patterns.length });
  applyVetoPatterns(scheme, patternMonths, start, veto);
  applyCaps(capped, cappedItems, pointComponents, sums, C);
  // A veto reason lists its entries in date order whatever the ledger's order.
  for (let m = 0; m < veto.length; m++) {
    const v = veto[m];
    if (v && v.includes("；")) veto[m] = v.split("；").sort(byDateInReason).join("；");
  }
  if (scheme.newMembers === "branchAverage") fillBeforeJoining(scheme, members, veto, sums, C, start);
  return { scheme, pointComponents, appraisal, members, sums, veto, ignored };
}

/** Vetoes that follow from consecutive months of an item (scheme.vetoPatterns), each with the months that gave it. */
function applyVetoPatterns(scheme: Scheme, patternMonths: Int32Array, start: number, veto: (string | null)[]): void {
  const patterns = scheme.vetoPatterns ?? [];
  patterns.forEach((pattern, k) => {
    const item = scheme.items.find((x) => x.code.toUpperCase() === pattern.veto.toUpperCase());
    if (!item) return;
    for (let m = 0; m < veto.length; m++) {
      const bits = patternMonths[m * patterns.length + k];
      if (bits === 0) continue;
      let best = { from: 0, length: 0 };
      for (let month = 0, run = 0; month < MONTHS; month++) {
        run = bits & (1 << month) ? run + 1 : 0;
        if (run > best.length) best = { from: month - run + 1, length: run };
      }
      if (best.length < pattern.months) continue;
      const span = `${monthLabel(start + best.from)} 至 ${monthLabel(start + best.from + best.length - 1)}`;
      const reason = `${item.code} ${item.name}（连续 ${best.length} 个月有 ${pattern.item} 记录：${span}）`;
      veto[m] = veto[m] ? `${veto[m]}；${reason}` : reason;
    }
  });
}

/** The grade band a member's 民主评议 names directly (a category graded by the appraisal); none when it names none of the scheme's grades. */
function appraisedBand(scheme: Scheme, appraisal: { grade?: string } | undefined): Scheme["grades"][number] | null {
  const grade = appraisal?.grade?.trim();
  return grade ? scheme.grades.find((g) => g.name === grade) ?? null : null;
}

function byDateInReason(a: string, b: string): number {
  const da = a.slice(a.indexOf("（") + 1);
  const db = b.slice(b.indexOf("（") + 1);
  return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Capped items: entries count in date order until the cap of their window is reached. */
function applyCaps(capped: CappedEntry[], cappedItems: SchemeItem[], components: PointsComponent[], sums: Float64Array, C: number): void {
  if (capped.length === 0) return;
  capped.sort((a, b) => a.member - b.member || a.capped - b.capped || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const componentIndex = new Map(components.map((c, i) => [c.id, i]));
  let used = 0;
  let key = "";
  for (const e of capped) {
    const item = cappedItems[e.capped];
    const cap = item.cap!;
    const window = Math.floor(e.offset / MONTHS_IN[cap.period]);
    const k = `${e.member}:${e.capped}:${window}`;
    if (k !== key) {
      key = k;
      used = 0;
    }
    const room = toTenths(cap.points) - used;
    const take = Math.min(Math.abs(e.tenths), Math.max(room, 0));
    used += take;
    const component = componentIndex.get(item.component ?? "");
    if (component !== undefined && take > 0) sums[(e.member * C + component) * MONTHS + e.offset] += Math.sign(e.tenths) * take;
  }
}

/**
 * S8 「新入职党员未考核月份积分按支部之前月份考核平均积分计算」: a member's months before his 转入日期 (新入职 /
 * 转入; never 入党日期) count as the average of that month over the members assessed in it: joined, of a
 * graded category (not 发展对象 / 入党积极分子), and not vetoed.
 */
function fillBeforeJoining(scheme: Scheme, members: readonly Member[], veto: readonly (string | null)[], sums: Float64Array, C: number, start: number): void {
  const joinOffset = members.map((m) => {
    const abs = m.transferredIn ? absMonthOf(m.transferredIn) : -1;
    return abs < 0 ? 0 : clamp(abs - start, 0, MONTHS);
  });
  if (joinOffset.every((o) => o === 0)) return;
  const graded = new Set(scheme.categories.filter((c) => c.graded).map((c) => c.name));
  const counted = members.map((m, i) => graded.has(m.category) && veto[i] === null);
  for (let month = 0; month < MONTHS; month++) {
    const assessed: number[] = [];
    members.forEach((_, m) => {
      if (joinOffset[m] <= month && counted[m]) assessed.push(m);
    });
    for (let c = 0; c < C; c++) {
      let total = 0;
      for (const m of assessed) total += sums[(m * C + c) * MONTHS + month];
      const average = assessed.length ? Math.round(total / assessed.length) : 0;
      members.forEach((_, m) => {
        if (joinOffset[m] > month) sums[(m * C + c) * MONTHS + month] = average;
      });
    }
  }
}

interface RawScore {
  /** Per points component, then the appraisal last when present, in tenths. */
  components: number[];
  total: number;
}

function initialTenths(component: PointsComponent, previousTotal: number | undefined): number {
  if (!component.carryOver) return toTenths(component.initial);
  const base = previousTotal === undefined ? toTenths(component.carryOver.fallback) : Math.round(component.carryOver.fraction * toTenths(previousTotal));
  return clamp(base, toTenths(component.floor), toTenths(component.max));
}

function appraisalTenths(component: AppraisalComponent, appraisal: { grade?: string; score?: number } | undefined): number {
  if (!appraisal) return 0;
  const a = component.appraisal;
  if (a.mode === "grades") {
    const grade = a.grades.find((g) => g.name === appraisal.grade?.trim());
    return grade ? toTenths(grade.points) : 0;
  }
  if (appraisal.score === undefined || !Number.isFinite(appraisal.score)) return 0;
  // A score outside the scheme's range is a validation error and counts for nothing.
  const score = toTenths(appraisal.score);
  return score < toTenths(a.min) || score > toTenths(a.max) ? 0 : score;
}

export function appraisalMax(component: AppraisalComponent): number {
  const a = component.appraisal;
  return a.mode === "grades" ? Math.max(...a.grades.map((g) => g.points)) : a.max;
}

/** The highest total a period allows, in tenths, for the period's own scoring (no summing of sub-periods). */
function periodMaxTenths(ledger: CycleLedger, period: Period): number {
  let max = 0;
  for (const c of ledger.pointComponents) {
    const g = MONTHS_IN[c.grant];
    max += toTenths(c.max) * (g <= period.months ? period.months / g : 1);
  }
  if (ledger.appraisal && period.kind === "cycle") max += toTenths(appraisalMax(ledger.appraisal));
  return max;
}

/** One period scored on its own: each component clamped per grant period, the total clamped to [0, max]. */
function scoreOwnPeriod(ledger: CycleLedger, period: Period, previousTotals: Readonly<Record<string, number>>, appraisals: Map<string, { grade?: string; score?: number }>): RawScore[] {
  const { pointComponents, appraisal, sums } = ledger;
  const max = periodMaxTenths(ledger, period);
  const from = period.startOffset;
  const to = from + period.months;
  const C = pointComponents.length;
  // Per component, what does not depend on the member.
  const spans = pointComponents.map((c) => MONTHS_IN[c.grant]);
  const floors = pointComponents.map((c) => toTenths(c.floor));
  const caps = pointComponents.map((c) => toTenths(c.max));
  const carries = pointComponents.some((c) => c.carryOver);
  const fixedInitials = pointComponents.map((c) => initialTenths(c, undefined));
  const withAppraisal = appraisal !== null && period.kind === "cycle";
  const members = ledger.members;
  const raw = new Array<RawScore>(members.length);
  for (let m = 0; m < members.length; m++) {
    const components: number[] = [];
    let sum = 0;
    for (let ci = 0; ci < C; ci++) {
      const g = spans[ci];
      const initial = carries ? initialTenths(pointComponents[ci], previousTotals[members[m].id]) : fixedInitials[ci];
      const base = (m * C + ci) * MONTHS;
      let value = 0;
      if (g <= period.months) {
        for (let s = from; s < to; s += g) {
          let part = initial;
          for (let month = s; month < s + g; month++) part += sums[base + month];
          value += clamp(part, floors[ci], caps[ci]);
        }
      } else {
        // A component granted for a longer span shows its standing to the end of this period.
        let part = initial;
        for (let month = Math.floor(from / g) * g; month < to; month++) part += sums[base + month];
        value = clamp(part, floors[ci], caps[ci]);
      }
      components.push(value);
      sum += value;
    }
    if (appraisal) {
      const points = withAppraisal ? appraisalTenths(appraisal, appraisals.get(members[m].id)) : 0;
      components.push(points);
      sum += points;
    }
    raw[m] = { components, total: clamp(sum, 0, max) };
  }
  return raw;
}

function scoreRaw(ledger: CycleLedger, period: Period, previousTotals: Readonly<Record<string, number>>, appraisals: Map<string, { grade?: string; score?: number }>): RawScore[] {
  const from = ledger.scheme.cycleTotalFrom;
  if (from === "ledger" || MONTHS_IN[from] >= period.months) return scoreOwnPeriod(ledger, period, previousTotals, appraisals);
  // S1: the total is the sum of the sub-periods' totals (each scored and clamped on its own).
  const parts = subPeriods(period, from, ledger.scheme.cycleStartMonth).map((p) => scoreOwnPeriod(ledger, p, previousTotals, appraisals));
  const own = period.kind === "cycle" && ledger.appraisal ? scoreOwnPeriod(ledger, period, previousTotals, appraisals) : null;
  return ledger.members.map((_, m) => {
    const components = parts[0][m].components.map((_, ci) => parts.reduce((a, p) => a + p[m].components[ci], 0));
    let total = parts.reduce((a, p) => a + p[m].total, 0);
    if (own) {
      const last = components.length - 1;
      components[last] = own[m].components[last];
      total += components[last];
    }
    return { components, total };
  });
}

function resolvePeriod(period: Period | string, cycleStartMonth: number): Period {
  return typeof period === "string" ? parsePeriod(period, cycleStartMonth) : period;
}

/** What scoreCycle takes: ScoreInput without the period, the cycle being given by its year. */
export type CycleInput = Omit<ScoreInput, "period">;

/** Every period of one cycle scored from one pass over the ledger. */
export interface CycleScores {
  readonly cycleYear: number;
  /** The cycle or any of its halves, quarters or months (a Period or its label), as scoreMembers scores it. */
  score(period: Period | string): ScoreResult;
  /** Each member's points month by month in a period, as the ledger stands: what approving it records. */
  contributions(period: Period | string): Map<string, ApprovedMember>;
}

type Appraisals = Map<string, { grade?: string; score?: number }>;

/** An approved period's points replace, month by month, what the ledger now says for its months. */
function freezeApproved(ledger: CycleLedger, approved: readonly { period: Period; approval: ApprovedPeriod }[]): CycleLedger {
  if (approved.length === 0) return ledger;
  const { pointComponents, members } = ledger;
  const C = pointComponents.length;
  const sums = ledger.sums.slice();
  for (const { period, approval } of approved)
    members.forEach((member, m) => {
      const frozen = approval.members.get(member.id);
      if (!frozen) return;
      pointComponents.forEach((c, ci) => {
        const months = frozen.months[c.name];
        if (!months) return;
        for (let k = 0; k < period.months; k++) sums[(m * C + ci) * MONTHS + period.startOffset + k] = toTenths(months[k] ?? 0);
      });
    });
  return { ...ledger, sums };
}

function overlaps(a: Period, b: Period): boolean {
  return a.startOffset < b.startOffset + b.months && b.startOffset < a.startOffset + a.months;
}

/**
 * Reads the ledger once for a cycle; each period is then scored from the per-member month sums. The
 * sums are kept per structural version (the version in force at a period's end), almost always one.
 * Approved periods (input.approved) count as approved: rows of theirs changed later show only as
 * each member's ledgerTotal until an appeal re-approves the period.
 */
export function scoreCycle(input: CycleInput, cycleYear: number): CycleScores {
  const versions = sortVersions(input.scheme);
  const first = versions[0];
  if (versions.some((v) => v.cycleStartMonth !== first.cycleStartMonth))
    throw new CoreError("mixed-cycles", `方案 ${first.id} 的各版本周期起始月不一致`);
  const entries = ledgerColumns(input.entries);
  const asRecorded = new Map<Scheme, CycleLedger>();
  const asApproved = new Map<Scheme, CycleLedger>();
  // A member appraised twice in a year: the first record counts (validation flags the second).
  const appraisals: Appraisals = new Map();
  for (const a of input.appraisals ?? []) if (a.cycleYear === cycleYear && !appraisals.has(a.memberId)) appraisals.set(a.memberId, a);
  const previousTotals = input.previousTotals ?? {};
  const approved = (input.approved ?? []).flatMap((approval) => {
    const period = tryParsePeriod(approval.label, first.cycleStartMonth);
    return period && period.cycleYear === cycleYear ? [{ period, approval }] : [];
  });

  const resolve = (label: Period | string) => {
    const period = resolvePeriod(label, first.cycleStartMonth);
    if (period.cycleYear !== cycleYear) throw new CoreError("other-cycle", `期间 ${period.label} 不在 ${cycleYear} 年度的考核周期内`);
    // Structure (components, grades, categories) follows the version in force at the period's end.
    return { period, scheme: versionInForce(versions, periodDates(period, first.cycleStartMonth).end) };
  };
  const recorded = (scheme: Scheme) => {
    let ledger = asRecorded.get(scheme);
    if (!ledger) asRecorded.set(scheme, (ledger = buildCycleLedger(versions, scheme, input.members, entries, cycleYear)));
    return ledger;
  };
  const official = (scheme: Scheme) => {
    let ledger = asApproved.get(scheme);
    if (!ledger) asApproved.set(scheme, (ledger = freezeApproved(recorded(scheme), approved)));
    return ledger;
  };

  return {
    cycleYear,
    score(label) {
      const { period, scheme } = resolve(label);
      const result = scorePeriod(official(scheme), period, previousTotals, appraisals);
      const used = approved.filter((a) => overlaps(a.period, period));
      result.approved = used.map(({ approval }) => ({ period: approval.label, version: approval.version, date: approval.date }));
      const units = period.months >= MONTHS_IN[scheme.approval] ? subPeriods(period, scheme.approval, scheme.cycleStartMonth) : [containing(period, scheme)];
      result.provisional = units.filter((u) => !approved.some((a) => a.period.label === u.label)).map((u) => u.label);
      if (approved.length > 0) {
        const plain = scorePeriod(recorded(scheme), period, previousTotals, appraisals);
        result.members.forEach((m, i) => {
          if (plain.members[i].total !== m.total && !m.veto) m.ledgerTotal = plain.members[i].total;
          const cleared = approved.find((a) => a.approval.members.get(m.id)?.veto === false);
          if (m.veto && cleared) m.correction = `${cleared.approval.label} 审定后记录的一票否决，全年积分为 0：${m.vetoReason}`;
        });
      }
      return result;
    },
    contributions(label) {
      const { period, scheme } = resolve(label);
      const ledger = recorded(scheme);
      const C = ledger.pointComponents.length;
      const out = new Map<string, ApprovedMember>();
      ledger.members.forEach((member, m) => {
        const months: Record<string, number[]> = {};
        ledger.pointComponents.forEach((c, ci) => {
          months[c.name] = Array.from({ length: period.months }, (_, k) => fromTenths(ledger.sums[(m * C + ci) * MONTHS + period.startOffset + k]));
        });
        out.set(member.id, { months, veto: ledger.veto[m] !== null });
      });
      return out;
    },
  };
}

/** The period of the scheme's approval granularity that holds a shorter one (a month's quarter). */
function containing(period: Period, scheme: Scheme): Period {
  const cycle = parsePeriod(String(period.cycleYear), scheme.cycleStartMonth);
  return subPeriods(cycle, scheme.approval, scheme.cycleStartMonth).find((u) => overlaps(u, period))!;
}

/**
 * Scores every member for a period: components, total, grade, rank, veto and probation outcome.
 * Pure: the same input gives the same result whatever the order of the entries.
 */
export function scoreMembers(input: ScoreInput): ScoreResult {
  const versions = sortVersions(input.scheme);
  const period = resolvePeriod(input.period, versions[0].cycleStartMonth);
  return scoreCycle(input, period.cycleYear).score(period);
}

function scorePeriod(ledger: CycleLedger, period: Period, previousTotals: Readonly<Record<string, number>>, appraisals: Appraisals): ScoreResult {
  const { scheme } = ledger;
  const raw = scoreRaw(ledger, period, previousTotals, appraisals);

  const categories = new Map(scheme.categories.map((c) => [c.name, c]));
  const componentNames = [...ledger.pointComponents.map((c) => c.name), ...(ledger.appraisal ? [ledger.appraisal.name] : [])];
  const graded = period.kind === scheme.gradedPeriod;

  const members: MemberScore[] = ledger.members.map((member, m) => {
    const vetoReason = ledger.veto[m];
    const veto = vetoReason !== null;
    const components: Record<string, number> = {};
    componentNames.forEach((name, ci) => {
      components[name] = veto ? 0 : fromTenths(raw[m].components[ci]);
    });
    const total = veto ? 0 : fromTenths(raw[m].total);
    const category = categories.get(member.category);
    const band = !graded || !category?.graded ? null : category.gradedBy === "appraisal" ? appraisedBand(scheme, appraisals.get(member.id)) : scheme.grades.find((g) => total >= g.min) ?? null;
    const probation =
      scheme.probation && member.category === scheme.probation.category && period.kind === "cycle"
        ? scheme.probation.outcomes.find((o) => total >= o.min)?.name ?? null
        : null;
    return {
      id: member.id,
      name: member.name,
      category: member.category,
      components,
      total,
      grade: band?.name ?? null,
      gradeNote: band?.note ?? null,
      rank: null,
      veto,
      vetoReason,
      probation,
      ledgerTotal: null,
      correction: null,
    };
  });

  const rankedIdx = members.map((s, i) => (categories.get(s.category)?.ranked ? i : -1)).filter((i) => i >= 0);
  const ranks = rankCompetition(rankedIdx.map((i) => ({ total: members[i].total, last: members[i].veto })));
  rankedIdx.forEach((i, k) => {
    members[i].rank = ranks[k];
  });

  const maxTotal =
    scheme.cycleTotalFrom !== "ledger" && MONTHS_IN[scheme.cycleTotalFrom] < period.months
      ? subPeriods(period, scheme.cycleTotalFrom, scheme.cycleStartMonth).reduce((a, p) => a + periodMaxTenths(ledger, p), 0) +
        (period.kind === "cycle" && ledger.appraisal ? toTenths(appraisalMax(ledger.appraisal)) : 0)
      : periodMaxTenths(ledger, period);

  return {
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    period,
    componentNames,
    maxTotal: fromTenths(maxTotal),
    members,
    ignored: ledger.ignored.slice(),
    approved: [],
    provisional: [],
  };
}


/** The highest total a scheme allows in one period of a granularity (default: the whole cycle). */
export function schemeMaximum(scheme: Scheme, kind: "cycle" | "half" | "quarter" | "month" = "cycle"): number {
  const label = { cycle: "2000", half: "2000H1", quarter: "2000Q1", month: `2000-${String(scheme.cycleStartMonth).padStart(2, "0")}` }[kind];
  return scoreMembers({ scheme, members: [], entries: [], period: label }).maxTotal;
}
