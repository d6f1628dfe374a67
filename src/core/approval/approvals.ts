import { Refused } from "../errors";
import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { localTimestamp } from "../dates";
import { SHEETS } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { type SheetRow, rowsOf } from "../ledger/readLedger";
import { formatsOf } from "../ledger/scaffold";
import { type Period, describePeriod, periodDates, subPeriods, tryParsePeriod } from "../period";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, isoToSerial } from "../sheetModel";

/** The ledger columns whose change matters after approval (项目名称 and 记录人 are cosmetic). */
const FINGERPRINTED = ["日期", "编号", "项目代码", "次数", "分值", "证明材料", "说明"] as const;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function canonical(value: CellValue, header: string): string {
  if (header === "日期") return toIsoDate(value) ?? toText(value);
  if (header === "次数" || header === "分值") {
    if (isBlank(value)) return "";
    const n = toNumber(value);
    return n === null ? toText(value) : String(n);
  }
  return header === "项目代码" ? toText(value).toUpperCase() : toText(value);
}

/** A ledger row's fingerprint: equal for rows that score the same, whatever Excel's cell types. */
export function rowFingerprint(row: SheetRow): string {
  return fnv1a(JSON.stringify(FINGERPRINTED.map((h) => canonical(row.values[h], h))));
}

export interface ApprovalRecord {
  period: string;
  date: string;
  meeting: string;
  rows: number;
  fingerprint: string;
}

export interface ApprovedRow {
  period: string;
  row: number;
  fingerprint: string;
}

export function readApprovals(tables: Map<string, TableData>): { records: ApprovalRecord[]; prints: ApprovedRow[] } {
  const records = rowsOf(tables.get(SHEETS.approvals.table))
    .filter((r) => toText(r.values["期间"]))
    .map((r) => ({
      period: toText(r.values["期间"]),
      date: toIsoDate(r.values["审定日期"]) ?? toText(r.values["审定日期"]),
      meeting: toText(r.values["会议"]),
      rows: toNumber(r.values["台账行数"]) ?? 0,
      fingerprint: toText(r.values["指纹"]),
    }));
  const prints = rowsOf(tables.get(SHEETS.approvalPrints.table))
    .filter((r) => toText(r.values["期间"]))
    .map((r) => ({ period: toText(r.values["期间"]), row: toNumber(r.values["行号"]) ?? 0, fingerprint: toText(r.values["指纹"]) }));
  return { records, prints };
}

/** The ledger rows dated inside a period. */
export function rowsInPeriod(ledger: TableData | undefined, period: Period, cycleStartMonth: number): SheetRow[] {
  const { start, end } = periodDates(period, cycleStartMonth);
  return rowsOf(ledger).filter((r) => {
    const d = toIsoDate(r.values["日期"]);
    return d !== null && d >= start && d <= end;
  });
}


/**
 * The committee approves a period: its ledger rows are fingerprinted one by one (so a later edit can
 * be named) and the approval is recorded and logged, all in one batch.
 */
export function planApproval(
  tables: Map<string, TableData>,
  scheme: Scheme,
  periodLabel: string,
  approval: { date: string; meeting?: string },
  now: Date,
): { ops: WorkbookOp[]; rows: number } {
  const period = tryParsePeriod(periodLabel, scheme.cycleStartMonth);
  if (!period) throw new Refused("approval", `期间「${periodLabel}」无法识别`);
  if (period.kind !== scheme.approval && period.kind !== "cycle")
    throw new Refused("approval", `本方案按${scheme.approval === "quarter" ? "季度" : "半年"}审定，${period.label} 不是审定期间`);
  const { records } = readApprovals(tables);
  if (records.some((r) => r.period === period.label)) throw new Refused("approval", `${period.label} 已经审定过，不能重复审定`);
  const date = toIsoDate(approval.date);
  if (!date) throw new Refused("approval", `审定日期「${approval.date}」不是有效日期，应为 YYYY-MM-DD`);
  const rows = rowsInPeriod(tables.get(SHEETS.ledger.table), period, scheme.cycleStartMonth);
  const prints = rows.map((r) => [period.label, r.row, toIsoDate(r.values["日期"]) ? isoToSerial(toIsoDate(r.values["日期"])!) : null, toText(r.values["编号"]), toText(r.values["项目代码"]), rowFingerprint(r)] as Cell[]);
  const whole = fnv1a(prints.map((p) => p[5]).join(""));
  const stamp = localTimestamp(now);
  return {
    rows: rows.length,
    // The approval records are protected between approvals: lifted only to add this one.
    ops: [
      { op: "unprotectSheet", sheet: SHEETS.approvals.sheet },
      { op: "unprotectSheet", sheet: SHEETS.approvalPrints.sheet },
      { op: "appendRows", table: SHEETS.approvals.table, rows: [[period.label, isoToSerial(date), approval.meeting ?? "支委会", rows.length, whole, stamp]], formats: formatsOf(SHEETS.approvals) },
      { op: "appendRows", table: SHEETS.approvalPrints.table, rows: prints, formats: formatsOf(SHEETS.approvalPrints) },
      { op: "protectSheet", sheet: SHEETS.approvals.sheet },
      { op: "protectSheet", sheet: SHEETS.approvalPrints.sheet },
      logOp(now, [{ action: "审定", sheet: SHEETS.approvals.sheet, range: period.label, detail: `${describePeriod(period, scheme.cycleStartMonth)}，${date} ${approval.meeting ?? "支委会"}审定，台账 ${rows.length} 行` }]),
    ],
  };
}

export interface ApprovedEdit {
  period: string;
  /** The row now (an edit or addition), or the row at approval time (a deletion). */
  row: number;
  kind: "changed" | "added" | "removed";
  /** What happened, without the row number. */
  detail: string;
}

/** Rows of approved periods that differ from what the committee approved. */
export function findApprovedEdits(tables: Map<string, TableData>, scheme: Scheme): ApprovedEdit[] {
  const { records, prints } = readApprovals(tables);
  const edits: ApprovedEdit[] = [];
  for (const record of records) {
    const period = tryParsePeriod(record.period, scheme.cycleStartMonth);
    if (!period) continue;
    const approved = prints.filter((p) => p.period === record.period);
    const remaining = new Map<string, number>();
    for (const p of approved) remaining.set(p.fingerprint, (remaining.get(p.fingerprint) ?? 0) + 1);
    const unmatched: SheetRow[] = [];
    for (const row of rowsInPeriod(tables.get(SHEETS.ledger.table), period, scheme.cycleStartMonth)) {
      const f = rowFingerprint(row);
      const left = remaining.get(f) ?? 0;
      if (left > 0) remaining.set(f, left - 1);
      else unmatched.push(row);
    }
    const missing = approved.filter((p) => {
      const left = remaining.get(p.fingerprint) ?? 0;
      if (left > 0) {
        remaining.set(p.fingerprint, left - 1);
        return true;
      }
      return false;
    });
    const when = `${record.period} 已于 ${record.date} 审定`;
    for (const row of unmatched) {
      const was = missing.findIndex((m) => m.row === row.row);
      if (was >= 0) {
        missing.splice(was, 1);
        edits.push({ period: record.period, row: row.row, kind: "changed", detail: `在审定后被修改（${when}）` });
      } else edits.push({ period: record.period, row: row.row, kind: "added", detail: `是审定后新增的 ${record.period} 记录（${when}）` });
    }
    for (const m of missing) edits.push({ period: record.period, row: m.row, kind: "removed", detail: `审定时在此行的记录已被删除或改到其他期间（${when}）` });
  }
  return edits;
}

/** Periods of the approval cadence in a cycle, and whether each is approved. */
export function approvalStatus(tables: Map<string, TableData>, scheme: Scheme, cycleYear: number): { period: string; approved: boolean }[] {
  const { records } = readApprovals(tables);
  const cycle = tryParsePeriod(String(cycleYear), scheme.cycleStartMonth)!;
  return subPeriods(cycle, scheme.approval, scheme.cycleStartMonth).map((p) => ({ period: p.label, approved: records.some((r) => r.period === p.label) }));
}
