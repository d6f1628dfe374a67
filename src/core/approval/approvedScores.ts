// 审定积分: what the committee approved for each member and period, month by month. Every later
// figure for an approved period (scores, 公示, 年终审批) is these points, whatever the ledger says now.
import { toIsoDate, toNumber, toText } from "../cells";
import type { ApprovedMember, ApprovedPeriod, ScoreResult } from "../engine/types";
import { type TableSheetDef, date, integer, number, sideSheet, text } from "../ledger/layout";
import { rowsOf } from "../ledger/readLedger";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";

export const APPROVED_SCORES: TableSheetDef = {
  ...sideSheet("审定积分", "ApprovedScoreTable", "支委会审定的各期间每名党员的积分（逐月），审定后即为最终积分；由加载项生成，请勿修改", [
    text("期间", 10),
    integer("次序", 6),
    text("编号", 10),
    text("姓名", 10),
    number("总分", 8),
    text("否决", 6),
    text("逐月积分", 60),
    date("审定日期"),
  ]),
  generated: true,
};

/** The rows approving `period` records: one per member, the months as `组成部分:1,0,-2；…`. */
export function approvedScoreRows(result: ScoreResult, contributions: ReadonlyMap<string, ApprovedMember>, version: number, approvedOn: string): Cell[][] {
  return result.members.map((m) => {
    const c = contributions.get(m.id);
    const months = c ? Object.entries(c.months).map(([name, values]) => `${name}:${values.join(",")}`).join("；") : "";
    return [result.period.label, version, m.id, m.name, m.total, c?.veto ? "是" : "", months, isoToSerial(approvedOn)];
  });
}

function parseMonths(text: string): Record<string, number[]> | null {
  const months: Record<string, number[]> = {};
  // Read back through toText, which may fold full-width punctuation: either form separates.
  for (const part of text.split(/[;；]/).filter(Boolean)) {
    const at = Math.max(part.lastIndexOf(":"), part.lastIndexOf("："));
    if (at < 0) return null;
    const values = part.slice(at + 1).split(/[,，]/).map(Number);
    if (values.some((v) => !Number.isFinite(v))) return null;
    months[part.slice(0, at)] = values;
  }
  return months;
}

/** The latest approval of each period; a row that cannot be read counts as not approved for that member. */
export function readApprovedScores(table: TableData | undefined): ApprovedPeriod[] {
  const byPeriod = new Map<string, { label: string; version: number; date: string; members: Map<string, ApprovedMember> }>();
  for (const r of rowsOf(table)) {
    const label = toText(r.values["期间"]);
    const version = toNumber(r.values["次序"]) ?? 1;
    const months = parseMonths(toText(r.values["逐月积分"]));
    if (!label || !months) continue;
    let p = byPeriod.get(label);
    if (p && p.version > version) continue;
    if (!p || p.version < version) byPeriod.set(label, (p = { label, version, date: toIsoDate(r.values["审定日期"]) ?? "", members: new Map() }));
    p.members.set(toText(r.values["编号"]), { months, veto: toText(r.values["否决"]) === "是" });
  }
  return [...byPeriod.values()];
}
