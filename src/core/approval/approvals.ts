import { Refused } from "../errors";
import { fnv1a } from "../hash";
import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { localTimestamp } from "../dates";
import { DUES_STORE, duesMonth } from "../dues/duesRegister";
import { PRINT_SOURCE, SHEETS } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { type SheetRow, rowsOf } from "../ledger/readLedger";
import { RECORD_ID, REVERSES, planRecordIds, recordNumber, reversalColumns, reversalTarget, rowKey, rowsInTableOrder, showKey } from "../ledger/recordIds";
import { appendToStore, formatsOf, missingLaterColumns } from "../ledger/scaffold";
import { tableFormats } from "../ledger/recordIds";
import type { ApprovedMember, ScoreResult } from "../engine/types";
import { APPROVED_SCORES, approvedScoreRows } from "./approvedScores";
import { type Period, describePeriod, periodDates, subPeriods, tryParsePeriod } from "../period";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, isoToSerial } from "../sheetModel";

/** The ledger columns whose change matters after approval (项目名称 and 记录人 are cosmetic). */
const FINGERPRINTED = ["日期", "编号", "项目代码", "次数", "分值", "证明材料", "说明"] as const;
/** Since 记录号: a row's identity and the row it cancels are part of what was approved. */
const FINGERPRINTED_V2 = [...FINGERPRINTED, RECORD_ID, REVERSES] as const;
/** Prints made since 记录号 carry this prefix; older ones (without it) are checked as they were made. */
const V2 = "v2:";
/** An approval whose record's 指纹 carries this prefix also fingerprinted the 党费交纳 rows of its months. */
const WITH_DUES = "v3:";
/** The 党费交纳 columns a dues row scores by (姓名 is cosmetic). */
const DUES_PRINTED = ["月份", "编号", "应交", "实交", "交纳日期", "正当理由"] as const;

function fingerprint(text: string): string {
  return fnv1a(text).toString(16).padStart(8, "0");
}

function canonical(value: CellValue, header: string): string {
  if (header === "日期") return toIsoDate(value) ?? toText(value);
  if (header === "次数" || header === "分值" || header === RECORD_ID || header === REVERSES) {
    if (isBlank(value)) return "";
    const n = toNumber(value);
    return n === null ? toText(value) : String(n);
  }
  return header === "项目代码" ? toText(value).toUpperCase() : toText(value);
}

/** A ledger row's fingerprint: equal for rows that score the same, whatever Excel's cell types. */
export function rowFingerprint(row: SheetRow): string {
  return `${V2}${fingerprint(JSON.stringify(FINGERPRINTED_V2.map((h) => canonical(row.values[h] ?? null, h))))}`;
}

function duesCanonical(value: CellValue, header: string): string {
  if (header === "月份") return duesMonth(value) ?? toText(value);
  if (header === "交纳日期") return toIsoDate(value) ?? toText(value);
  if (header === "应交" || header === "实交") {
    const n = toNumber(value);
    return isBlank(value) ? "" : n === null ? toText(value) : String(n);
  }
  return toText(value).trim();
}

/** A 党费交纳 row's fingerprint: equal for rows that score the same, whatever Excel's cell types. */
export function duesRowFingerprint(row: SheetRow): string {
  return `${V2}${fingerprint(JSON.stringify(DUES_PRINTED.map((h) => duesCanonical(row.values[h] ?? null, h))))}`;
}

/** The 党费交纳 rows of a period's months. */
export function duesRowsInPeriod(dues: TableData | undefined, period: Period, cycleStartMonth: number): SheetRow[] {
  const { start, end } = periodDates(period, cycleStartMonth);
  return rowsOf(dues).filter((r) => {
    const month = duesMonth(r.values["月份"]);
    return month !== null && month >= start.slice(0, 7) && month <= end.slice(0, 7);
  });
}

/** The fingerprint of the kind `print` is (made before 记录号, or since). */
function fingerprintLike(print: string, row: SheetRow): string {
  return print.startsWith(V2) ? rowFingerprint(row) : fingerprint(JSON.stringify(FINGERPRINTED.map((h) => canonical(row.values[h] ?? null, h))));
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
  /** The row's 记录号 (approvals since 记录号). */
  id: number | null;
  /** 编号 of the member (for naming a changed 党费交纳 row). */
  memberId: string;
  /** 项目代码 (积分台账), or the month (党费交纳). */
  code: string;
  /** The sheet fingerprinted: 积分台账, or 党费交纳 for schemes that score dues. */
  source: "ledger" | "dues";
}

export function readApprovals(tables: ReadonlyMap<string, TableData>): { records: ApprovalRecord[]; prints: ApprovedRow[] } {
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
    .map((r) => ({
      period: toText(r.values["期间"]),
      row: toNumber(r.values["行号"]) ?? 0,
      fingerprint: toText(r.values["指纹"]),
      id: recordNumber(r.values[RECORD_ID] ?? null),
      memberId: toText(r.values["编号"]),
      code: toText(r.values["项目代码"]),
      source: toText(r.values[PRINT_SOURCE] ?? null) === DUES_STORE.sheet ? ("dues" as const) : ("ledger" as const),
    }));
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


/** The period label of version `version`'s fingerprints (a re-approval after an appeal is version 2, 3…). */
function printLabel(period: string, version: number): string {
  return version > 1 ? `${period}#${version}` : period;
}

/**
 * Appeals on a period resolved (处理日期) after the day it was approved: what allows it to be approved
 * again. One resolved on the day of the approval itself came before it, unless the ledger rows it
 * wrote (更正记录, by 记录号) are not among the rows approved.
 */
function appealsResolvedSince(tables: ReadonlyMap<string, TableData>, period: string, since: string): string[] {
  let approvedIds: Set<number> | null = null;
  const after = (a: SheetRow) => {
    const on = toIsoDate(a.values["处理日期"]) ?? "";
    if (on !== since) return on > since;
    const written = /记录号\s*([\d、,，\s]+)/.exec(toText(a.values["更正记录"]))?.[1].split(/[、,，\s]+/).filter(Boolean).map(Number) ?? [];
    approvedIds ??= new Set(readApprovals(tables).prints.filter((p) => p.period.replace(/#\d+$/, "") === period).flatMap((p) => (p.id === null ? [] : [p.id])));
    return written.some((id) => !approvedIds!.has(id));
  };
  return rowsOf(tables.get(SHEETS.appeals.table))
    .filter((a) => toText(a.values["期间"]) === period && after(a))
    .map((a) => toText(a.values["申诉编号"]));
}

/** What approving a period records of each member's points (from the engine, as the ledger stands). */
export interface PeriodScores {
  result: ScoreResult;
  contributions: ReadonlyMap<string, ApprovedMember>;
}

/**
 * The committee approves a period: its ledger rows are fingerprinted one by one (so a later edit can
 * be named), each member's points are recorded month by month (审定积分: final from now on), and the
 * approval is logged, all in one batch. A period is approved once it has ended; again only after an
 * appeal on it was resolved (the earlier approval stays on record).
 */
export function planApproval(
  tables: Map<string, TableData>,
  scheme: Scheme,
  periodLabel: string,
  approval: { date: string; meeting?: string },
  now: Date,
  scores?: PeriodScores,
): { ops: WorkbookOp[]; rows: number; version: number } {
  const period = tryParsePeriod(periodLabel, scheme.cycleStartMonth);
  if (!period) throw new Refused("approval", `期间「${periodLabel}」无法识别`);
  if (period.kind !== scheme.approval && period.kind !== "cycle")
    throw new Refused("approval", `本方案按${scheme.approval === "quarter" ? "季度" : "半年"}审定，${period.label} 不是审定期间`);
  const date = toIsoDate(approval.date);
  if (!date) throw new Refused("approval", `审定日期「${approval.date}」不是有效日期，应为 YYYY-MM-DD`);
  const { end } = periodDates(period, scheme.cycleStartMonth);
  if (date < end) throw new Refused("approval", `${period.label}（${describePeriod(period, scheme.cycleStartMonth)}）到 ${end} 才结束，审定日期 ${date} 早于期末：期间结束后（最早在期末当天）才能审定`);
  const earlier = readApprovals(tables).records.filter((r) => r.period === period.label);
  if (earlier.length > 0) {
    const last = earlier[earlier.length - 1];
    const appeals = appealsResolvedSince(tables, period.label, last.date);
    if (appeals.length === 0)
      throw new Refused("approval", `${period.label} 已经审定过，不能重复审定（${last.date} 审定）；审定后的更正须通过申诉：处理申诉后再重新审定`);
    if (date < last.date) throw new Refused("approval", `重新审定的日期 ${date} 早于上次审定（${last.date}）`);
  }
  const version = earlier.length + 1;
  // The rows approved are named by 记录号: a ledger without them is brought up to date in this batch.
  const ledger = tables.get(SHEETS.ledger.table);
  const ids = ledger ? planRecordIds(ledger) : null;
  const rows = rowsInPeriod(ids?.table, period, scheme.cycleStartMonth);
  const label = printLabel(period.label, version);
  const prints = rows.map((r) => [label, r.row, toIsoDate(r.values["日期"]) ? isoToSerial(toIsoDate(r.values["日期"])!) : null, toText(r.values["编号"]), toText(r.values["项目代码"]), rowFingerprint(r), recordNumber(r.values[RECORD_ID]), null] as Cell[]);
  // A scheme that scores the 党费交纳 register (星级党员 ⑤) has those rows approved with the ledger's.
  const duesRows = scheme.dues?.item ? duesRowsInPeriod(tables.get(DUES_STORE.table), period, scheme.cycleStartMonth) : [];
  const duesPrints = duesRows.map((r) => [label, r.row, null, toText(r.values["编号"]), toText(r.values["月份"]), duesRowFingerprint(r), null, DUES_STORE.sheet] as Cell[]);
  // 审定指纹 from before 记录号 / 来源 gains the columns (its earlier rows blank).
  const printTable = tables.get(SHEETS.approvalPrints.table);
  const added = printTable ? missingLaterColumns("approvalPrints", printTable.headers) : [];
  const printColumns = added.map((c): WorkbookOp => ({ op: "addColumn", table: SHEETS.approvalPrints.table, header: c.header, values: printTable!.rows.map(() => null), format: c.type }));
  const printHeaders = printTable ? [...printTable.headers, ...added.map((c) => c.header)] : SHEETS.approvalPrints.columns.map((c) => c.header);
  const whole = `${scheme.dues?.item ? WITH_DUES : ""}${fingerprint([...prints, ...duesPrints].map((p) => p[5]).join(""))}`;
  const stamp = localTimestamp(now);
  const meeting = approval.meeting ?? "支委会";
  const scoreTable = tables.get(APPROVED_SCORES.table);
  const scoreOps: WorkbookOp[] = scores
    ? [
        ...(scoreTable ? [{ op: "unprotectSheet", sheet: APPROVED_SCORES.sheet } as const] : []),
        ...appendToStore(APPROVED_SCORES, scoreTable, approvedScoreRows(scores.result, scores.contributions, version, date)),
        { op: "protectSheet", sheet: APPROVED_SCORES.sheet },
      ]
    : [];
  const again = version > 1 ? `（第 ${version} 次审定，申诉后重新审定）` : "";
  return {
    rows: rows.length,
    version,
    // The approval records are protected between approvals: lifted only to add this one.
    ops: [
      ...(ids?.ops ?? []),
      ...(ids && ids.log.length > 0 ? [logOp(now, ids.log)] : []),
      { op: "unprotectSheet", sheet: SHEETS.approvals.sheet },
      { op: "unprotectSheet", sheet: SHEETS.approvalPrints.sheet },
      ...printColumns,
      { op: "appendRows", table: SHEETS.approvals.table, rows: [[period.label, isoToSerial(date), `${meeting}${again}`, rows.length, whole, stamp]], formats: formatsOf(SHEETS.approvals) },
      {
        op: "appendRows",
        table: SHEETS.approvalPrints.table,
        rows: rowsInTableOrder(SHEETS.approvalPrints, printHeaders, [...prints, ...duesPrints]),
        formats: tableFormats(SHEETS.approvalPrints, printHeaders),
      },
      { op: "protectSheet", sheet: SHEETS.approvals.sheet },
      { op: "protectSheet", sheet: SHEETS.approvalPrints.sheet },
      ...scoreOps,
      logOp(now, [{ action: "审定", sheet: SHEETS.approvals.sheet, range: period.label, detail: `${describePeriod(period, scheme.cycleStartMonth)}，${date} ${meeting}审定${again}，台账 ${rows.length} 行${duesPrints.length ? `，党费交纳 ${duesPrints.length} 行` : ""}${scores ? `，${scores.result.members.length} 名党员的积分记入「${APPROVED_SCORES.sheet}」` : ""}` }]),
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
  const ledger = tables.get(SHEETS.ledger.table);
  const allRows = rowsOf(ledger);
  const columns = reversalColumns(ledger?.headers ?? []);
  const latest = new Map<string, { record: ApprovalRecord; version: number }>();
  for (const record of records) latest.set(record.period, { record, version: (latest.get(record.period)?.version ?? 0) + 1 });
  for (const { record, version } of latest.values()) {
    const period = tryParsePeriod(record.period, scheme.cycleStartMonth);
    if (!period) continue;
    const approved = prints.filter((p) => p.period === printLabel(record.period, version) && p.source === "ledger");
    const printOf = (row: SheetRow) => fingerprintLike(approved[0]?.fingerprint ?? "", row);
    const remaining = new Map<string, number>();
    for (const p of approved) remaining.set(p.fingerprint, (remaining.get(p.fingerprint) ?? 0) + 1);
    // Rows written by resolving an appeal on this period are a legitimate correction awaiting re-approval.
    const appeals = new Set(appealsResolvedSince(tables, record.period, record.date));
    const byAppeal = (row: SheetRow) => appeals.has(toText(row.values["证明材料"]).replace(/^申诉\s*/, ""));
    const rows = rowsInPeriod(ledger, period, scheme.cycleStartMonth);
    const reversedByAppeal = new Set(allRows.filter(byAppeal).flatMap((r) => reversalTarget(r, columns) ?? []));
    const unmatched: SheetRow[] = [];
    const approvedKeys = new Map<number, SheetRow>();
    for (const row of rows) {
      const f = printOf(row);
      const left = remaining.get(f) ?? 0;
      const key = rowKey(row, columns.keys);
      if (left > 0) {
        remaining.set(f, left - 1);
        if (key !== null) approvedKeys.set(key, row);
      } else if (!byAppeal(row) && (key === null || !reversedByAppeal.has(key))) unmatched.push(row);
    }
    // A row of another period that cancels an approved row changes what was approved: only an appeal may.
    const inPeriod = new Set(rows.map((r) => r.row));
    for (const row of allRows) {
      const target = reversalTarget(row, columns);
      const original = target === null ? undefined : approvedKeys.get(target);
      if (original && !inPeriod.has(row.row) && !byAppeal(row))
        edits.push({ period: record.period, row: row.row, kind: "changed", detail: `撤销了 ${record.period} 已审定的${showKey(columns.keys, target!)}（第${original.row}行），未经申诉（${record.period} 已于 ${record.date} 审定）` });
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
      // The same record changed: by 记录号 where the approval kept it, else by the row it stood in.
      const key = rowKey(row, columns.keys);
      const was = missing.findIndex((m) => (m.id !== null ? m.id === key : m.row === row.row));
      if (was >= 0) {
        missing.splice(was, 1);
        edits.push({ period: record.period, row: row.row, kind: "changed", detail: `在审定后被修改（${when}）` });
      } else edits.push({ period: record.period, row: row.row, kind: "added", detail: `是审定后新增的 ${record.period} 记录（${when}）` });
    }
    for (const m of missing)
      edits.push({ period: record.period, row: m.row, kind: "removed", detail: m.id !== null ? `审定时在此行的记录（记录号 ${m.id}）已被删除或改到其他期间（${when}）` : `审定时在此行的记录已被删除或改到其他期间（${when}）` });
  }
  return edits;
}

/** A 党费交纳 row of an approved period that differs from what the committee approved. */
export interface ApprovedDuesEdit {
  period: string;
  /** Sheet row in 党费交纳 now (a change or addition), or at approval time (a deletion). */
  row: number;
  kind: ApprovedEdit["kind"];
  detail: string;
}

/**
 * 党费交纳 rows of approved periods changed, added or deleted since the approval (for approvals that
 * fingerprinted them: schemes that score dues, approved since 来源). An appeal on the period resolved
 * after the approval makes them a correction awaiting re-approval, not an edit.
 */
export function findApprovedDuesEdits(tables: ReadonlyMap<string, TableData>, scheme: Scheme): ApprovedDuesEdit[] {
  const { records, prints } = readApprovals(tables);
  const dues = tables.get(DUES_STORE.table);
  const latest = new Map<string, { record: ApprovalRecord; version: number }>();
  for (const record of records) latest.set(record.period, { record, version: (latest.get(record.period)?.version ?? 0) + 1 });
  const edits: ApprovedDuesEdit[] = [];
  for (const { record, version } of latest.values()) {
    const period = tryParsePeriod(record.period, scheme.cycleStartMonth);
    if (!period || !record.fingerprint.startsWith(WITH_DUES) || appealsResolvedSince(tables, record.period, record.date).length > 0) continue;
    const missing = prints.filter((p) => p.period === printLabel(record.period, version) && p.source === "dues");
    const when = `${record.period} 已于 ${record.date} 审定`;
    const unmatched: SheetRow[] = [];
    for (const row of duesRowsInPeriod(dues, period, scheme.cycleStartMonth)) {
      const at = missing.findIndex((p) => p.fingerprint === duesRowFingerprint(row));
      if (at >= 0) missing.splice(at, 1);
      else unmatched.push(row);
    }
    for (const row of unmatched) {
      const id = toText(row.values["编号"]);
      const month = duesMonth(row.values["月份"]);
      // The same member-month approved with other values: changed; else a row added after approval.
      const was = missing.findIndex((p) => p.memberId === id && duesMonth(p.code) === month);
      if (was >= 0) {
        missing.splice(was, 1);
        edits.push({ period: record.period, row: row.row, kind: "changed", detail: `${id} ${month} 的党费记录在审定后被修改（${when}）` });
      } else edits.push({ period: record.period, row: row.row, kind: "added", detail: `${id} ${month} 的党费记录是审定后新增的（${when}）` });
    }
    for (const m of missing) edits.push({ period: record.period, row: m.row, kind: "removed", detail: `审定时在此行的 ${m.memberId} 党费记录已被删除或改到其他月份（${when}）` });
  }
  return edits;
}

/**
 * The approved period a date falls in (its label), or null when it is open: never approved, or re-opened
 * by an appeal resolved after its last approval.
 */
export function approvedPeriodOf(tables: ReadonlyMap<string, TableData>, scheme: Scheme, date: string): string | null {
  const last = new Map<string, ApprovalRecord>();
  for (const record of readApprovals(tables).records) last.set(record.period, record);
  for (const record of last.values()) {
    const period = tryParsePeriod(record.period, scheme.cycleStartMonth);
    if (!period) continue;
    const { start, end } = periodDates(period, scheme.cycleStartMonth);
    if (date >= start && date <= end && appealsResolvedSince(tables, record.period, record.date).length === 0) return record.period;
  }
  return null;
}

/** Periods of the approval cadence in a cycle, and whether each is approved. */
export function approvalStatus(tables: Map<string, TableData>, scheme: Scheme, cycleYear: number): { period: string; approved: boolean }[] {
  const { records } = readApprovals(tables);
  const cycle = tryParsePeriod(String(cycleYear), scheme.cycleStartMonth)!;
  return subPeriods(cycle, scheme.approval, scheme.cycleStartMonth).map((p) => ({ period: p.label, approved: records.some((r) => r.period === p.label) }));
}

/** Approved periods with an appeal on them resolved since their last approval: the committee may approve them again. */
export function periodsAwaitingReapproval(tables: ReadonlyMap<string, TableData>): string[] {
  const last = new Map<string, string>();
  for (const r of readApprovals(tables).records) last.set(r.period, r.date);
  return [...last].filter(([period, date]) => appealsResolvedSince(tables, period, date).length > 0).map(([period]) => period);
}

/** A period approved by the record of 审定积分 or 操作日志 whose approval records (审定记录, 审定指纹) are gone. */
export interface MissingApproval {
  period: string;
  /** Where the approval is still on record. */
  sheet: string;
  row: number;
  detail: string;
}

/**
 * Approvals that 审定积分 or 操作日志 know of but 审定记录 / 审定指纹 do not: without them no later
 * edit of that period could be found, so their loss is itself an error.
 */
export function findMissingApprovals(tables: Map<string, TableData>): MissingApproval[] {
  const { records, prints } = readApprovals(tables);
  const recorded = new Set(records.map((r) => r.period));
  const printed = new Set(prints.map((p) => p.period.replace(/#\d+$/, "")));
  const missing = new Map<string, MissingApproval>();
  const note = (period: string, sheet: string, row: number, detail: string) => {
    if (!period || missing.has(period)) return;
    if (!recorded.has(period)) missing.set(period, { period, sheet, row, detail: `${detail}，但「${SHEETS.approvals.sheet}」中没有 ${period} 的审定记录` });
    else if (!printed.has(period)) missing.set(period, { period, sheet, row, detail: `${detail}，但「${SHEETS.approvalPrints.sheet}」中没有 ${period} 的台账指纹` });
  };
  for (const r of rowsOf(tables.get(APPROVED_SCORES.table))) note(toText(r.values["期间"]), APPROVED_SCORES.sheet, r.row, `${toText(r.values["期间"])} 的积分已审定`);
  for (const r of rowsOf(tables.get(SHEETS.log.table)))
    if (toText(r.values["操作"]) === "审定") note(toText(r.values["范围"]), SHEETS.log.sheet, r.row, `操作日志记有 ${toText(r.values["时间"])} 审定 ${toText(r.values["范围"])}`);
  return [...missing.values()];
}
