/**
 * 积分统计 for a period: the figures a committee reads at a glance and the 统计-<期间> sheet whose
 * tables the native charts are drawn from.
 *
 * - 等次分布: members per grade. Graded periods use the engine's grades; other periods place each
 *   ranked member by the scheme's grade lines scaled by this period's maximum over the cycle's
 *   maximum (as 排名通报 does). With a share for the best grade (e.g. 1/3), how many it allows.
 * - 各月: each month's average, lowest and highest total over the members who take part in ranking.
 * - 扣分 / 加分项目: the items most often recorded in the period (occurrences, then points), the
 *   entries reversed after an appeal and the corrections themselves left out, as the engine does.
 * - 下降: ranked members whose total fell most against the previous period of the same length.
 *
 * Sheet rows: 1 title, 2 满分 / 人数 / 制表日期; then five sections, each a heading line, a small table
 * and (when the table has rows) a chart placed in the blank rows under it; 占比 and the table sums are
 * standard formulas. A page break is put before a section that would not fit on the page.
 */
import { round } from "./formulaResults";
import { entryPoints } from "../engine/entryPoints";
import { type CycleScores, ledgerColumns, liveEntryTest, schemeMaximum } from "../engine/scoreMembers";
import { BLANK_NUMBER, type LedgerColumns, type LedgerEntry, type MemberScore, type ScoreResult } from "../engine/types";
import { describePeriod, parsePeriod, periodDates, subPeriods } from "../period";
import type { Scheme } from "../scheme/schema";
import { type CellSpec, type ChartSpec, type SheetModel, columnLetter } from "../sheetModel";
import { fromTenths, toTenths } from "../tenths";
import { type ReportSettings, PAGE_FOOTER, blank, chineseDate, header, isIsoDate, num, sheetName, text } from "./common";

export interface GradeCount {
  grade: string;
  count: number;
  /** Ids of the members in the grade, rank order. */
  memberIds: string[];
}

export interface GradeDistribution {
  /** "engine": the period is graded; "scaled": lines scaled to this period's maximum. */
  basis: "engine" | "scaled";
  bands: GradeCount[];
  /** Members counted (ranked, or graded when the period is graded). */
  counted: number;
  /** The best grade and the share of the counted members the branch allows in it (when given). */
  best: { grade: string; count: number; allowedShare: number | null; allowedCount: number | null; over: boolean };
}

export interface MonthStat {
  /** "2026-03" */
  label: string;
  average: number;
  min: number;
  max: number;
  members: number;
  /** Who holds the lowest and the highest total. */
  minIds: string[];
  maxIds: string[];
}

export interface ItemStat {
  code: string;
  name: string;
  /** Occurrences (sum of 次数). */
  count: number;
  /** Signed points of those occurrences. */
  points: number;
  memberIds: string[];
}

export interface MemberDrop {
  id: string;
  name: string;
  previous: number;
  current: number;
  change: number;
}

export interface PeriodStatistics {
  label: string;
  /** "2026年上半年" */
  periodText: string;
  maxTotal: number;
  grades: GradeDistribution;
  months: MonthStat[];
  deductions: ItemStat[];
  bonuses: ItemStat[];
  /** The period compared against; null when there is none in the cycle (the first period, or a year). */
  previousLabel: string | null;
  drops: MemberDrop[];
}

export interface StatisticsInput {
  result: ScoreResult;
  scheme: Scheme;
  /** Each month of the period, scored (cycle.score), in order. */
  monthly: readonly ScoreResult[];
  /** The previous period of the same length, when the cycle has one. */
  previous?: ScoreResult | null;
  entries: readonly LedgerEntry[] | LedgerColumns;
  /** Share of the best grade the branch allows (0–1], e.g. 1/3. */
  excellentShare?: number | null;
  /** How many items and members each list keeps (default 5). */
  top?: number;
}

const ranked = (members: readonly MemberScore[]) => members.filter((m) => m.rank !== null);

function gradeDistribution(result: ScoreResult, scheme: Scheme, share: number | null): GradeDistribution {
  const graded = result.members.some((m) => m.grade !== null);
  const counted = graded ? result.members.filter((m) => m.grade !== null) : ranked(result.members);
  const cycleMax = schemeMaximum(scheme, "cycle");
  const scale = (line: number) => (graded || result.period.kind === "cycle" || cycleMax <= 0 ? line : fromTenths(Math.round((toTenths(line) * result.maxTotal) / cycleMax)));
  const gradeOf = (m: MemberScore) => m.grade ?? scheme.grades.find((g) => m.total >= scale(g.min))?.name ?? scheme.grades[scheme.grades.length - 1].name;
  const ordered = [...counted].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const bands = scheme.grades.map((g) => {
    const ids = ordered.filter((m) => gradeOf(m) === g.name).map((m) => m.id);
    return { grade: g.name, count: ids.length, memberIds: ids };
  });
  const best = bands[0];
  const allowedCount = share === null ? null : Math.floor(share * counted.length + 1e-9);
  return {
    basis: graded ? "engine" : "scaled",
    bands,
    counted: counted.length,
    best: { grade: best.grade, count: best.count, allowedShare: share, allowedCount, over: allowedCount !== null && best.count > allowedCount },
  };
}

function monthStat(month: ScoreResult): MonthStat {
  const ms = ranked(month.members);
  if (ms.length === 0) return { label: month.period.label, average: 0, min: 0, max: 0, members: 0, minIds: [], maxIds: [] };
  const totals = ms.map((m) => toTenths(m.total));
  const lo = Math.min(...totals);
  const hi = Math.max(...totals);
  return {
    label: month.period.label,
    average: fromTenths(Math.round(totals.reduce((a, t) => a + t, 0) / ms.length)),
    min: fromTenths(lo),
    max: fromTenths(hi),
    members: ms.length,
    minIds: ms.filter((_, i) => totals[i] === lo).map((m) => m.id),
    maxIds: ms.filter((_, i) => totals[i] === hi).map((m) => m.id),
  };
}

/** One ledger entry that counts in the period (not reversed, not a correction, scorable, the member not vetoed). */
export interface CountedEntry {
  /** The sheet row it was read from, when known. */
  ref?: number;
  date: string;
  memberId: string;
  code: string;
  itemName: string;
  count: number;
  /** Signed points (count × points per occurrence). */
  points: number;
}

/** The period's counted entries, in ledger order: corrections and what they reverse left out, unscorable rows skipped. */
export function countedEntries(result: ScoreResult, scheme: Scheme, entries: readonly LedgerEntry[] | LedgerColumns): CountedEntry[] {
  const ledger = ledgerColumns(entries);
  const { start, end } = periodDates(result.period, scheme.cycleStartMonth);
  const { texts, date, memberId, itemCode, count, value } = ledger;
  const live = liveEntryTest(ledger);
  const items = new Map(scheme.items.map((it) => [it.code.toUpperCase(), it]));
  const members = new Map(result.members.map((m) => [m.id, m]));
  const optional = (n: number) => (n === BLANK_NUMBER || Number.isNaN(n) ? undefined : n);
  const out: CountedEntry[] = [];
  for (let i = 0; i < ledger.length; i++) {
    const d = texts[date[i]];
    if (!live(i) || !isIsoDate(d) || d < start || d > end) continue;
    const member = members.get(texts[memberId[i]]);
    const item = items.get(texts[itemCode[i]].toUpperCase());
    if (!member || !item || member.veto || (item.categories && !item.categories.includes(member.category))) continue;
    const points = entryPoints(item, optional(count[i]), optional(value[i]));
    if (!points.ok || points.veto || points.tenths === 0) continue;
    const row = ledger.ref[i];
    out.push({ ...(row === row ? { ref: row } : {}), date: d, memberId: member.id, code: item.code, itemName: item.name, count: optional(count[i]) ?? 1, points: fromTenths(points.tenths) });
  }
  return out;
}

function itemStats(counted: readonly CountedEntry[]): { deductions: ItemStat[]; bonuses: ItemStat[] } {
  const stats = new Map<string, { code: string; name: string; count: number; tenths: number; ids: Set<string> }>();
  for (const e of counted) {
    let s = stats.get(e.code);
    if (!s) stats.set(e.code, (s = { code: e.code, name: e.itemName, count: 0, tenths: 0, ids: new Set() }));
    s.count += e.count;
    s.tenths += toTenths(e.points);
    s.ids.add(e.memberId);
  }
  const all = [...stats.values()].map((s) => ({ code: s.code, name: s.name, count: s.count, points: fromTenths(s.tenths), memberIds: [...s.ids] }));
  const order = (a: ItemStat, b: ItemStat) => b.count - a.count || Math.abs(b.points) - Math.abs(a.points) || (a.code < b.code ? -1 : 1);
  return { deductions: all.filter((s) => s.points < 0).sort(order), bonuses: all.filter((s) => s.points > 0).sort(order) };
}

function drops(result: ScoreResult, previous: ScoreResult): MemberDrop[] {
  const before = new Map(ranked(previous.members).map((m) => [m.id, m.total]));
  return ranked(result.members)
    .filter((m) => before.has(m.id))
    .map((m) => {
      const p = before.get(m.id)!;
      return { id: m.id, name: m.name, previous: p, current: m.total, change: fromTenths(toTenths(m.total) - toTenths(p)) };
    })
    .filter((d) => d.change < 0)
    .sort((a, b) => a.change - b.change || (a.id < b.id ? -1 : 1));
}

export function periodStatistics(input: StatisticsInput): PeriodStatistics {
  const { result, scheme } = input;
  const top = input.top ?? 5;
  const items = itemStats(countedEntries(result, scheme, input.entries));
  const previous = input.previous ?? null;
  return {
    label: result.period.label,
    periodText: describePeriod(result.period, scheme.cycleStartMonth),
    maxTotal: result.maxTotal,
    grades: gradeDistribution(result, scheme, input.excellentShare ?? null),
    months: input.monthly.map(monthStat),
    deductions: items.deductions.slice(0, top),
    bonuses: items.bonuses.slice(0, top),
    previousLabel: previous ? previous.period.label : null,
    drops: previous ? drops(result, previous).slice(0, top) : [],
  };
}

/** A share as the clerk writes it — "1/3", "30%", "0.3" (full-width too) — as a fraction in (0, 1]; null when it is not one. */
export function parseShareText(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/／/g, "/")
    .replace(/％/g, "%");
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  const num = (x: string) => (/^\d+(\.\d+)?$/.test(x.trim()) ? Number(x) : null);
  const n = frac ? (Number(frac[2]) > 0 ? Number(frac[1]) / Number(frac[2]) : null) : t.endsWith("%") ? (num(t.slice(0, -1)) ?? NaN) / 100 : num(t);
  return n !== null && n > 0 && n <= 1 ? n : null;
}

// ---- sheet -------------------------------------------------------------------------------------

const WIDTH = 6;
const WIDTHS = [22, 11, 11, 11, 11, 11];
/** Blank rows a chart covers (about 8 cm at 15 pt). */
const CHART_ROWS = 16;
/** Rows of 15 pt that fit on an A4 portrait page within the margins. */
const PAGE_ROWS = 46;

/** "2026-03" → "3月". */
function monthName(label: string): string {
  const m = /^\d{4}-(\d{2})$/.exec(label);
  return m ? `${Number(m[1])}月` : label;
}

function shareText(share: number): string {
  const thirds = [2, 3, 4, 5, 10].find((d) => Math.abs(share * d - Math.round(share * d)) < 1e-9);
  return thirds ? `${Math.round(share * thirds)}/${thirds}` : `${Math.round(share * 1000) / 10}%`;
}

interface Section {
  heading: string;
  headers: string[];
  rows: CellSpec[][];
  /** Columns (0-based) summed in a 合计 row. */
  sums?: number[];
  /** 占比 column: each count over the table's count sum (column `of`). */
  shareOf?: { column: number; of: number };
  notes?: string[];
  empty: string;
  chart?: (first: number, last: number, headerRow: number) => Omit<ChartSpec, "anchor">;
}

/** Sheet 统计-<period label>. */
export function buildStatisticsSheet(stats: PeriodStatistics, settings: ReportSettings): SheetModel {
  const rows: CellSpec[][] = [];
  const merges: string[] = [];
  const charts: ChartSpec[] = [];
  const pageBreaks: number[] = [];
  const lastCol = columnLetter(WIDTH - 1);
  const line = (value: string, style: "title" | "note" | "signature" | "subtitle") => {
    rows.push([text(value, style)]);
    merges.push(`A${rows.length}:${lastCol}${rows.length}`);
  };
  line(`${settings.branch}党员积分统计（${stats.periodText}）`, "title");
  line(`满分${stats.maxTotal}分；参加统计党员${stats.grades.counted}名；制表日期：${chineseDate(settings.today)}`, "note");
  let pageStart = 1;

  const g = stats.grades;
  const sections: Section[] = [
    {
      heading: `一、等次分布${g.basis === "scaled" ? "（本期未评定等次，按本期满分折算各等次分数线）" : ""}`,
      headers: ["等次", "人数", "占比(%)"],
      rows: g.bands.map((b) => [text(b.grade), num(b.count)]),
      sums: [1],
      shareOf: { column: 2, of: 1 },
      notes:
        g.best.allowedShare === null
          ? []
          : [
              `${g.best.grade}比例上限 ${shareText(g.best.allowedShare)}（${g.counted}人中至多${g.best.allowedCount}人），现有${g.best.count}人${g.best.over ? "，超出上限" : ""}`,
            ],
      empty: "（本期没有参加统计的党员）",
      chart: (first, last, h) => ({ kind: "column", title: "等次分布（人数）", categories: `A${first}:A${last}`, series: [{ name: "人数", nameCell: `B${h}`, values: `B${first}:B${last}` }] }),
    },
    {
      heading: "二、各月积分（参加排名的党员）",
      headers: ["月份", "平均分", "最低分", "最高分", "人数"],
      rows: stats.months.map((m) => [text(monthName(m.label)), num(m.average), num(m.min), num(m.max), num(m.members)]),
      empty: "（无）",
      chart: (first, last, h) => ({
        kind: "line",
        title: "各月平均分与最高、最低分",
        categories: `A${first}:A${last}`,
        series: ["平均分", "最低分", "最高分"].map((name, i) => ({ name, nameCell: `${columnLetter(i + 1)}${h}`, values: `${columnLetter(i + 1)}${first}:${columnLetter(i + 1)}${last}` })),
      }),
    },
    ...(["deductions", "bonuses"] as const).map((kind): Section => {
      const list = stats[kind];
      const word = kind === "deductions" ? "扣分" : "加分";
      return {
        heading: `${kind === "deductions" ? "三" : "四"}、${word}最多的项目`,
        headers: ["项目", "次数", `${word}合计`, "涉及人数"],
        rows: list.map((s) => [text(`${s.code} ${s.name}`), num(s.count), num(s.points), num(s.memberIds.length)]),
        sums: [1, 2],
        empty: `（本期无${word}记录）`,
        chart: (first, last, h) => ({ kind: "bar", title: `${word}最多的项目（次数）`, categories: `A${first}:A${last}`, series: [{ name: "次数", nameCell: `B${h}`, values: `B${first}:B${last}` }] }),
      };
    }),
    {
      heading: `五、积分下降最多的党员${stats.previousLabel ? `（与${stats.previousLabel}相比）` : ""}`,
      headers: ["姓名（编号）", "上期", "本期", "变化"],
      rows: stats.drops.map((d) => [text(`${d.name}（${d.id}）`), num(d.previous), num(d.current), num(d.change)]),
      empty: stats.previousLabel ? "（没有积分下降的党员）" : "（本期为本考核年度的第一期或全年，没有可比的上期）",
      chart: (first, last, h) => ({ kind: "bar", title: "积分下降（分）", categories: `A${first}:A${last}`, series: [{ name: "变化", nameCell: `D${h}`, values: `D${first}:D${last}` }] }),
    },
  ];

  for (const s of sections) {
    const tableRows = s.rows.length ? s.rows.length + 1 + (s.sums ? 1 : 0) : 1;
    const height = 2 + tableRows + (s.notes?.length ?? 0) + (s.rows.length ? CHART_ROWS : 0);
    if (rows.length + 1 - pageStart + height > PAGE_ROWS && rows.length + 1 > pageStart + 2) {
      pageBreaks.push(rows.length + 1);
      pageStart = rows.length + 1;
    } else rows.push([]);
    line(s.heading, "signature");
    if (s.rows.length === 0) {
      line(s.empty, "note");
      continue;
    }
    rows.push(s.headers.map(header));
    const headerRow = rows.length;
    const first = headerRow + 1;
    const last = headerRow + s.rows.length;
    for (const r of s.rows) {
      const cells = [...r];
      if (s.shareOf) {
        const count = r[s.shareOf.of].value as number;
        const total = s.rows.reduce((a, x) => a + (x[s.shareOf!.of].value as number), 0);
        const c = columnLetter(s.shareOf.of);
        const sum = `SUM($${c}$${first}:$${c}$${last})`;
        cells[s.shareOf.column] = { formula: `=IF(${sum}=0,0,ROUND(${c}${rows.length + 1}/${sum}*100,1))`, result: total === 0 ? 0 : round((count / total) * 100, 1), style: "number" };
      }
      rows.push(cells);
    }
    if (s.sums) {
      const cells: CellSpec[] = s.headers.map(() => blank("total"));
      cells[0] = text("合计", "total");
      for (const c of s.sums) {
        const L = columnLetter(c);
        const total = s.rows.reduce((a, x) => a + toTenths(x[c].value as number), 0);
        cells[c] = { formula: `=SUM(${L}${first}:${L}${last})`, result: fromTenths(total), style: "total" };
      }
      rows.push(cells);
    }
    for (const n of s.notes ?? []) line(n, "note");
    if (s.chart) {
      const top = rows.length + 1;
      for (let k = 0; k < CHART_ROWS; k++) rows.push([]);
      charts.push({ ...s.chart(first, last, headerRow), anchor: `A${top}:${lastCol}${top + CHART_ROWS - 1}` });
    }
  }
  rows.push([]);
  rows.push([text(`制表人：${settings.clerk}`, "signature"), blank("signature"), blank("signature"), text("党支部（盖章）", "signature")]);
  merges.push(`A${rows.length}:C${rows.length}`, `D${rows.length}:${lastCol}${rows.length}`);

  return {
    name: sheetName("统计", stats.label),
    rows,
    columnWidths: WIDTHS,
    merges,
    page: { orientation: "portrait", fitToWidth: true, centerFooter: PAGE_FOOTER },
    pageBreaks,
    charts,
  };
}

/**
 * The period's statistics from its cycle: each month of it, and the previous period of its length in
 * the cycle. Without the cycle, the months are taken from `monthly` (the cycle's months, scored) and no
 * previous period is compared.
 */
export function statisticsFromCycle(
  result: ScoreResult,
  scheme: Scheme,
  cycle: CycleScores | undefined,
  entries: readonly LedgerEntry[] | LedgerColumns,
  excellentShare?: number | null,
  monthly: readonly ScoreResult[] = [],
): PeriodStatistics {
  const period = result.period;
  const labels = subPeriods(period, "month", scheme.cycleStartMonth).map((p) => p.label);
  const months = cycle ? labels.map((l) => cycle.score(l)) : labels.flatMap((l) => monthly.filter((m) => m.period.label === l));
  let previous: ScoreResult | null = null;
  if (cycle && period.kind !== "cycle") {
    const whole = parsePeriod(String(period.cycleYear), scheme.cycleStartMonth);
    const same = subPeriods(whole, period.kind, scheme.cycleStartMonth);
    const at = same.findIndex((p) => p.label === period.label);
    if (at > 0) previous = cycle.score(same[at - 1]);
  }
  return periodStatistics({ result, scheme, monthly: months, previous, entries, excellentShare });
}
