/**
 * PARTY.SCORES and PARTY.TOTAL: the whole ledger scored for a period, cached by the content of the
 * ranges, the scheme and the period, so that many formulas over one ledger score it once.
 */
import { CellError, isCellError } from "../cellError";
import { type CellValue, isBlank, isErrorValue, toText } from "../cells";
import { type CycleScores, scoreCycle } from "../engine/scoreMembers";
import type { LedgerColumns, MemberScore, ScoreResult } from "../engine/types";
import { periodDates, periodReach } from "../period";
import { type Scheme, cycleWideItems, grantsOf } from "../scheme/schema";
import { CoreError } from "../errors";
import { Lru, formulaCacheStats, registerCache } from "./cache";
import { readAppraisalRange, readLedgerRange, readRosterRange } from "./ledgerRanges";
import { periodArgument } from "./periodArg";
import { asMatrix } from "./rangeTable";

export interface ScoreRanges {
  /** 积分台账 with its header row. */
  ledger: unknown;
  /** 党员名册 with its header row. */
  roster: unknown;
  /** 民主评议 with its header row; omitted or blank = none. */
  appraisals?: unknown;
  period: CellValue;
  /** The scheme's latest version (structure: components, grades). */
  scheme: Scheme;
  /** Every version of the scheme when it has several; each entry is scored by the version in force on its date. */
  versions?: readonly Scheme[];
}

interface Scored {
  result: ScoreResult;
  /** Built on first use: member id → score (the first row of a repeated id). */
  byId?: Map<string, MemberScore>;
  /** Built on first use: the spilled SCORES table. */
  table?: (string | number)[][];
}

const scoredCache = new Lru<Scored | CellError>(8);
/** The ledger read for a cycle: formulas for other periods of it score from this, without another pass over the ledger. */
const cycleCache = new Lru<CycleScores>(4);
registerCache(() => scoredCache.clear());
registerCache(() => cycleCache.clear());

/** A distinct number per scheme object, so that two schemes with one id and version never share a cache entry. */
const schemeSerials = new WeakMap<Scheme, number>();
let schemeCount = 0;
function schemeKey(scheme: Scheme): string {
  let serial = schemeSerials.get(scheme);
  if (serial === undefined) {
    serial = ++schemeCount;
    schemeSerials.set(scheme, serial);
  }
  return `${scheme.id}@${scheme.version}#${serial}`;
}

function scoreRanges(input: ScoreRanges): Scored | CellError {
  const { scheme } = input;
  const period = periodArgument(input.period, scheme.cycleStartMonth);
  if (isCellError(period)) return period;
  const ledger = readLedgerRange(asMatrix(input.ledger));
  if (isCellError(ledger)) return ledger;
  const roster = readRosterRange(asMatrix(input.roster), scheme);
  if (isCellError(roster)) return roster;
  const appraisals = readAppraisalRange(asMatrix(input.appraisals), scheme);
  if (isCellError(appraisals)) return appraisals;

  const versions = input.versions && input.versions.length > 1 ? input.versions : [scheme];
  const inputKey = [ledger.key, roster.key, appraisals.key, versions.map(schemeKey).join(",")].join("|");
  const key = `${inputKey}|${period.label}`;
  const cached = scoredCache.get(key);
  if (cached) return cached;
  formulaCacheStats.scorings++;
  let result: ScoreResult;
  try {
    const cycleKey = `${inputKey}|${period.cycleYear}`;
    let cycle = cycleCache.get(cycleKey);
    if (!cycle) {
      formulaCacheStats.cycleReads++;
      cycleCache.set(cycleKey, (cycle = scoreCycle({ scheme: versions, members: roster.value, entries: ledger.value, appraisals: appraisals.value }, period.cycleYear)));
    }
    result = cycle.score(period);
  } catch (e) {
    if (e instanceof CoreError) return new CellError("VALUE", e.message);
    throw e;
  }
  const rows = unreadableRows(result, ledger.value, () => ({
    reach: periodReach(period, scheme.cycleStartMonth, versions.flatMap(grantsOf)),
    cycle: periodDates({ ...period, kind: "cycle", startOffset: 0, months: 12 }, scheme.cycleStartMonth),
    wide: versions.map(cycleWideItems).reduce((a, b) => ({ vetoes: a.vetoes || b.vetoes, codes: new Set([...a.codes, ...b.codes]) })),
  }));
  const scored: Scored | CellError = rows.length ? unreadableError(rows, period.label) : { result };
  scoredCache.set(key, scored);
  return scored;
}

/**
 * The ledger rows the period's scores read and cannot — an error value in 日期 (any period: its month is
 * unknown), 编号 or 项目代码; text or an error in 次数, 分值 or 撤销记录号 — by their place in the range,
 * as requireReadableCells finds them for scores, reports and approval: the period is not scored
 * without them (never as 0 or left out). `reach`: the dates the period's scores read (periodReach).
 */
function unreadableRows(result: ScoreResult, columns: LedgerColumns, scopeOf: () => { reach: DateRange; cycle: DateRange; wide: { vetoes: boolean; codes: Set<string> } }): string[] {
  const bad = columns.unreadableReverses ?? [];
  if (!result.ignored.length && !bad.length) return [];
  const scope = scopeOf();
  const { texts } = columns;
  const { wide } = scope;
  const found: { index: number; which: string[] }[] = [];
  const seen = new Set<number>();
  const check = (index: number, reversesToo: boolean) => {
    const which: string[] = [];
    const dateError = isErrorValue(texts[columns.date[index]]);
    const idError = isErrorValue(texts[columns.memberId[index]]);
    const codeError = isErrorValue(texts[columns.itemCode[index]]);
    if (dateError) which.push("日期");
    if (idError) which.push("编号");
    if (codeError) which.push("项目代码");
    if (Number.isNaN(columns.count[index])) which.push("次数");
    if (Number.isNaN(columns.value[index])) which.push("分值");
    if (reversesToo) which.push("撤销记录号");
    if (!dateError) {
      // As blocksPeriod: a cell that may hide a veto, or cancel an entry of any period, reaches the whole cycle.
      const cycleWide = reversesToo || (wide.vetoes && (idError || codeError || wide.codes.has(texts[columns.itemCode[index]].toUpperCase())));
      const { start, end } = cycleWide ? scope.cycle : scope.reach;
      const date = texts[columns.date[index]];
      if (!(date >= start && date <= end)) return;
    }
    if (which.length && !seen.has(index)) {
      seen.add(index);
      found.push({ index, which });
    }
  };
  // An entry of another cycle is never in the period; a cell error in 日期 may be of any.
  for (const index of bad) check(index, true);
  for (const { index, reason } of result.ignored) if (reason !== "outside-cycle") check(index, false);
  return found.sort((a, b) => a.index - b.index).map(({ index, which }) => `第 ${columns.ref[index] === columns.ref[index] ? columns.ref[index] : index + 2} 行${which.join("、")}`);
}

type DateRange = { start: string; end: string };

function unreadableError(rows: readonly string[], label: string): CellError {
  const shown = rows.slice(0, 5).join("，") + (rows.length > 5 ? ` 等 ${rows.length} 处` : "");
  return new CellError("VALUE", `积分台账（所选区域）${shown}无法读取，${label} 不能计分（这些行不会当作 0 或略过不计）：请改正后再算`);
}

export const SCORES_FIXED_HEADERS = { id: "编号", name: "姓名", total: "总分", grade: "等次", rank: "排名" } as const;

/**
 * PARTY.SCORES: a header row (编号, 姓名, each component, 总分, 等次, 排名) and one row per member
 * of the roster in roster order; "" where a member has no grade or rank.
 */
export function scoresTable(input: ScoreRanges): (string | number)[][] | CellError {
  const scored = scoreRanges(input);
  if (isCellError(scored)) return scored;
  if (!scored.table) {
    const { componentNames, members } = scored.result;
    const h = SCORES_FIXED_HEADERS;
    const table: (string | number)[][] = [[h.id, h.name, ...componentNames, h.total, h.grade, h.rank]];
    for (const m of members) table.push([m.id, m.name, ...componentNames.map((n) => m.components[n]), m.total, m.grade ?? "", m.rank ?? ""]);
    scored.table = table;
  }
  return scored.table;
}

function componentKey(text: string): string {
  return text.replace(/\s/g, "").toLowerCase();
}

/** PARTY.TOTAL: one member's total, or one component by its name (or id), for a period. */
export function memberTotal(input: ScoreRanges & { memberId: CellValue; component?: CellValue }): number | CellError {
  if (isBlank(input.memberId)) return new CellError("VALUE", "党员编号为空：请填写名册中的编号");
  const scored = scoreRanges(input);
  if (isCellError(scored)) return scored;
  const { result } = scored;

  let componentName: string | null = null;
  if (!isBlank(input.component)) {
    const wanted = componentKey(toText(input.component));
    if (wanted !== SCORES_FIXED_HEADERS.total) {
      componentName =
        result.componentNames.find((n) => componentKey(n) === wanted) ??
        input.scheme.components.find((c) => componentKey(c.id) === wanted && result.componentNames.includes(c.name))?.name ??
        null;
      if (componentName === null) {
        const names = result.componentNames.join("、");
        return new CellError("VALUE", `方案「${input.scheme.name}」没有「${toText(input.component)}」这一组成部分：可填 ${names}，或留空取总分`);
      }
    }
  }

  if (!scored.byId) {
    const byId = new Map<string, MemberScore>();
    for (const m of result.members) if (!byId.has(m.id)) byId.set(m.id, m);
    scored.byId = byId;
  }
  const id = toText(input.memberId);
  const member = scored.byId.get(id);
  if (!member) return new CellError("NA", `党员名册中没有编号为「${id}」的党员：请检查编号，或名册范围是否包含该党员`);
  return componentName === null ? member.total : member.components[componentName];
}
