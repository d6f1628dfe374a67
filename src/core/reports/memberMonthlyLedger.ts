/**
 * 党员积分量化管理台账 for one member (党员积分量化管理细则): the cycle month by month.
 *
 * Rows: 1 title "党员积分量化管理台账（2026年度）", 2 党员姓名 / 联系方式, 3 table header (print title):
 * A 月份, B 基础分, C 扣分事项, D 加分项, E 本月小计; rows 4–15 the twelve months of the cycle; 16 全年合计
 * (=SUM over rows 4–15 in B–E); 17 民主评议积分 (E); 18 年度总分 (E: =E16+E17 when that equals the
 * engine's cycle total, else the engine's total as a value — a veto, the total's clamp or a scheme that
 * sums approved periods); then 党员本人签字 / 党支部书记签字.
 *
 * Month values come from the caller's twelve month results (scoreCycle's months, read once). The
 * engine reports a component granted for longer than a month as its standing at the month's end, so:
 * 基础分 = the points granted that month (a component's starting points in the first month of each of
 * its grant periods), 扣分事项 / 加分项 = the month's net fall / rise of each points component (summed
 * over components), 本月小计 = =SUM(B:D) of the row. Over the year the subtotals add up to the cycle's
 * points components. A vetoed member's months are 0, with the reason under the table.
 */
import { CoreError } from "../errors";
import type { MemberScore, ScoreResult } from "../engine/types";
import { MONTHS_IN, type PointsComponent, type Scheme } from "../scheme/schema";
import { type SheetModel, columnLetter } from "../sheetModel";
import { clamp, fromTenths, toTenths } from "../tenths";
import { type ReportSettings, SIGN_HERE, SheetBuilder, blank, formula, header, memberSheetName, num, periodText, requirePeriod, sumCell, text, vetoNote } from "./common";

const HEADERS = ["月份", "基础分", "扣分事项", "加分项", "本月小计"];
const WIDTHS = [12, 10, 10, 10, 10];
const SUBTOTAL = 4;

export interface LedgerMember {
  id: string;
  /** 联系方式 from the roster; blank when not given. */
  contact?: string;
  /** Last cycle's total, for schemes that carry points over (as passed to scoreMembers' previousTotals). */
  previousTotal?: number;
}

/** Each result's members by id (the first of a repeated id), built once: the report makes a sheet per member. */
const byId = new WeakMap<ScoreResult, Map<string, MemberScore>>();

function find(result: ScoreResult, id: string): MemberScore {
  let members = byId.get(result);
  if (!members) {
    members = new Map();
    for (const x of result.members) if (!members.has(x.id)) members.set(x.id, x);
    byId.set(result, members);
  }
  const m = members.get(id);
  if (!m) throw new CoreError("unknown-member", `期间 ${result.period.label} 的积分中没有编号为「${id}」的党员`);
  return m;
}

/** Starting points of a component in tenths, as the engine grants them. */
function startTenths(c: PointsComponent, previousTotal: number | undefined): number {
  if (!c.carryOver) return toTenths(c.initial);
  const base = previousTotal === undefined ? toTenths(c.carryOver.fallback) : Math.round(c.carryOver.fraction * toTenths(previousTotal));
  return clamp(base, toTenths(c.floor), toTenths(c.max));
}

function monthName(label: string, calendarYear: boolean): string {
  const [y, m] = label.split("-");
  return calendarYear ? `${Number(m)}月` : `${y}年${Number(m)}月`;
}

/** Sheet 个人台账-<编号>-<YYYY> (see memberSheetName for ids that cannot stand in a sheet name). `monthly` holds the twelve month results of `cycle`'s cycle, in any order. */
export function buildMemberMonthlyLedgerSheet(
  monthly: readonly ScoreResult[],
  cycle: ScoreResult,
  scheme: Scheme,
  settings: ReportSettings,
  member: LedgerMember,
): SheetModel {
  const period = requirePeriod(cycle, "cycle", "党员积分量化管理台账");
  const months = [...monthly].sort((a, b) => a.period.startOffset - b.period.startOffset);
  if (months.length !== 12 || months.some((r, i) => r.period.kind !== "month" || r.period.cycleYear !== period.cycleYear || r.period.startOffset !== i))
    throw new CoreError("bad-period", `党员积分量化管理台账须有 ${period.label} 年度十二个月的积分，每月一份`);
  const year = find(cycle, member.id);
  const points = scheme.components.filter((c): c is PointsComponent => c.kind === "points");
  const appraisal = scheme.components.find((c) => c.kind === "appraisal");

  const b = new SheetBuilder(memberSheetName("个人台账", member.id, period.cycleYear), HEADERS.length);
  b.line(`党员积分量化管理台账（${periodText(cycle, scheme)}）`, "title");
  b.spread([`党员姓名：${year.name}`, `联系方式：${member.contact ?? ""}`]);
  const headerRow = b.add(HEADERS.map(header));
  const firstRow = b.nextRow;
  let subtotalTenths = 0;
  const previous = points.map(() => 0);
  months.forEach((r, i) => {
    const m = find(r, member.id);
    let granted = 0;
    let down = 0;
    let up = 0;
    points.forEach((c, ci) => {
      const g = MONTHS_IN[c.grant];
      const start = i % g === 0 ? startTenths(c, member.previousTotal) : null;
      const standing = toTenths(m.components[c.name] ?? 0);
      const delta = standing - (start ?? previous[ci]);
      previous[ci] = standing;
      if (start !== null) granted += start;
      if (delta < 0) down += delta;
      else up += delta;
    });
    if (year.veto) granted = down = up = 0;
    subtotalTenths += granted + down + up;
    const row = b.nextRow;
    b.add([
      text(monthName(r.period.label, scheme.cycleStartMonth === 1)),
      num(fromTenths(granted)),
      num(fromTenths(down)),
      num(fromTenths(up)),
      formula(`=SUM(B${row}:D${row})`, "number"),
    ]);
  });
  const lastRow = b.nextRow - 1;
  const sumRow = b.add([text("全年合计", "total"), ...[1, 2, 3, 4].map((c) => sumCell(c, firstRow, lastRow))]);
  const appraisalPoints = appraisal ? year.components[appraisal.name] ?? 0 : null;
  const appraisalRow = b.add([text("民主评议积分", "total"), blank("total"), blank("total"), blank("total"), appraisalPoints === null ? blank("total") : num(appraisalPoints, "total")]);
  const matches = !year.veto && toTenths(year.total) === subtotalTenths + toTenths(appraisalPoints ?? 0);
  const E = columnLetter(SUBTOTAL);
  const totalRow = b.add([text("年度总分", "total"), blank("total"), blank("total"), blank("total"), matches ? formula(`=${E}${sumRow}+${E}${appraisalRow}`) : num(year.total, "total")]);
  b.merges.push(`A${appraisalRow}:D${appraisalRow}`, `A${totalRow}:D${totalRow}`);
  if (year.veto) b.line(vetoNote(year), "note");
  b.signatures([SIGN_HERE.member, SIGN_HERE.branchSecretary]);
  return b.build({ orientation: "portrait", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}
