import { useEffect, useState } from "react";
import { ledgerCycle, loadLedger } from "../../app/ledgerService";
import { SHEETS } from "../../core/ledger/layout";
import { parsePeriod, subPeriods } from "../../core/period";
import { type CountedEntry, type PeriodStatistics, countedEntries, statisticsFromCycle } from "../../core/reports/statistics";
import type { Action } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";
import { DEFAULT_EXCELLENT_SHARE, parseShare } from "./useAppraisalPanel";

export interface DashboardData {
  /** The cycle, its halves and its quarters, for the period choice. */
  periods: string[];
  stats: PeriodStatistics;
  /** Each member of the period: name and total. */
  members: Record<string, { name: string; total: number }>;
  /** The period's counted ledger entries (for the rows behind a bar). */
  entries: CountedEntry[];
}

/** Reads the ledger once and makes the period's statistics (the cycle's when no period is given). */
export const loadDashboardAction: Action<{ period?: string }, DashboardData> = {
  name: "读取看板",
  async perform(host, input) {
    const ledger = await loadLedger(host.gateway);
    const { scheme, year } = ledger;
    const whole = parsePeriod(String(year), scheme.cycleStartMonth);
    const periods = [whole.label, ...subPeriods(whole, "half", scheme.cycleStartMonth).map((p) => p.label), ...subPeriods(whole, "quarter", scheme.cycleStartMonth).map((p) => p.label)];
    const label = input.period && periods.includes(input.period) ? input.period : whole.label;
    const cycle = ledgerCycle(ledger, year);
    const result = cycle.score(label);
    return {
      periods,
      stats: statisticsFromCycle(result, scheme, cycle, ledger.entries),
      members: Object.fromEntries(result.members.map((m) => [m.id, { name: m.name, total: m.total }])),
      entries: countedEntries(result, scheme, ledger.entries),
    };
  },
};

export type ChartId = "grades" | "months" | "deductions" | "bonuses" | "drops";

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Months: the spread drawn around the average. */
  low?: number;
  high?: number;
}

/** A row listed under the charts: text, and the ledger row it stands for (a click shows it). */
export interface BehindRow {
  text: string;
  ledgerRow?: number;
}

/** "2026-03" → "3月". */
const monthName = (label: string) => (/^\d{4}-(\d{2})$/.test(label) ? `${Number(label.slice(5))}月` : label);

function entryLine(e: CountedEntry, members: DashboardData["members"]): BehindRow {
  const who = `${members[e.memberId]?.name ?? e.memberId}（${e.memberId}）`;
  const points = e.points > 0 ? `+${e.points}` : String(e.points);
  return { text: `${e.ref !== undefined ? `第${e.ref}行 ` : ""}${e.date} ${who} ${e.code} ${e.itemName}${e.count !== 1 ? ` ×${e.count}` : ""} ${points}分`, ...(e.ref !== undefined ? { ledgerRow: e.ref } : {}) };
}

/** The charts' bars from the statistics. */
export function dashboardBars(stats: PeriodStatistics): Record<ChartId, Bar[]> {
  return {
    grades: stats.grades.bands.map((b) => ({ key: b.grade, label: b.grade, value: b.count })),
    months: stats.months.map((m) => ({ key: m.label, label: monthName(m.label), value: m.average, low: m.min, high: m.max })),
    deductions: stats.deductions.map((d) => ({ key: d.code, label: `${d.code} ${d.name}`, value: d.count })),
    bonuses: stats.bonuses.map((d) => ({ key: d.code, label: `${d.code} ${d.name}`, value: d.count })),
    drops: stats.drops.map((d) => ({ key: d.id, label: d.name, value: d.change })),
  };
}

/** The rows behind one bar: the members of a grade, a month's lowest and highest, an item's entries, a member's drop. */
export function rowsBehind(data: DashboardData, chart: ChartId, key: string): BehindRow[] {
  const { stats, members, entries } = data;
  const who = (id: string) => `${members[id]?.name ?? id}（${id}）`;
  switch (chart) {
    case "grades":
      return (stats.grades.bands.find((b) => b.grade === key)?.memberIds ?? []).map((id) => ({ text: `${who(id)} ${members[id]?.total ?? ""}分` }));
    case "months": {
      const m = stats.months.find((x) => x.label === key);
      if (!m) return [];
      return [
        { text: `${monthName(m.label)}：${m.members}人，平均${m.average}分` },
        { text: `最高${m.max}分：${m.maxIds.map(who).join("、")}` },
        { text: `最低${m.min}分：${m.minIds.map(who).join("、")}` },
      ];
    }
    case "deductions":
    case "bonuses":
      return entries.filter((e) => e.code === key).map((e) => entryLine(e, members));
    case "drops": {
      const d = stats.drops.find((x) => x.id === key);
      if (!d) return [];
      return [{ text: `${who(d.id)}：${stats.previousLabel} ${d.previous}分 → ${stats.label} ${d.current}分（${d.change}）` }, ...entries.filter((e) => e.memberId === key && e.points < 0).map((e) => entryLine(e, members))];
    }
  }
}

/**
 * 看板: the period's grade distribution against the 优秀 share the branch allows, each month's average
 * and spread, the most frequent deductions and bonuses and the biggest drops; a bar chosen lists the
 * rows behind it, and a ledger row chosen is shown in the workbook.
 */
export function useDashboard(host: LedgerHost) {
  const state = useAction(loadDashboardAction, host);
  const { run: load } = state;
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [share, setShare] = useState(DEFAULT_EXCELLENT_SHARE);
  const [selected, setSelected] = useState<{ chart: ChartId; key: string } | null>(null);

  useEffect(() => {
    void load({ period });
  }, [load, period]);

  const data = state.result;
  const shareValue = parseShare(share);
  const grades = data?.stats.grades;
  const allowed = grades && shareValue !== null ? Math.floor(shareValue * grades.counted + 1e-9) : null;
  const best = grades?.bands[0];
  const excellent =
    grades && best
      ? {
          grade: best.grade,
          count: best.count,
          allowed,
          over: allowed !== null && best.count > allowed,
          text: allowed === null ? `${best.grade} ${best.count} 人` : `${best.grade} ${best.count} 人，按 ${share.trim()} 至多 ${allowed} 人${best.count > allowed ? "，超出" : ""}`,
        }
      : null;

  return {
    loading: state.running,
    error: state.error,
    data,
    periods: data?.periods ?? [],
    period: data?.stats.label ?? period ?? "",
    choosePeriod: (label: string) => {
      setSelected(null);
      setPeriod(label);
    },
    share,
    setShare,
    shareProblem: shareValue === null ? `优秀比例「${share}」请填写如 1/3 或 30%` : null,
    excellent,
    bars: data ? dashboardBars(data.stats) : null,
    selected,
    select: (chart: ChartId, key: string) => setSelected((s) => (s && s.chart === chart && s.key === key ? null : { chart, key })),
    behind: data && selected ? rowsBehind(data, selected.chart, selected.key) : [],
    /** Shows a ledger row in the workbook. */
    showRow: (row: number) => host.selectCell(SHEETS.ledger.sheet, row, "A"),
  };
}
