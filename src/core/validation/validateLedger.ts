import { type CellValue, isBlank, toIsoDate, toNumber, toText } from "../cells";
import { describeItemPoints, entryPoints } from "../engine/entryPoints";
import { MEMBER_STATUSES, SETTINGS_KEYS, SHEETS, TRANSFERRED_IN } from "../ledger/layout";
import { type ApprovedEdit, findApprovedEdits, findMissingApprovals } from "../approval/approvals";
import { type SheetRow, rowsOf } from "../ledger/readLedger";
import { LEGACY_REVERSES, RECORD_ID, REVERSES, reversalColumns, reversalTarget, rowKey, showKey } from "../ledger/recordIds";
import { periodDates, parsePeriod, periodOfMonth } from "../period";
import { findBuiltinScheme } from "../scheme/presets";
import type { Scheme, SchemeItem } from "../scheme/schema";
import { sortVersions, versionInForce } from "../scheme/versions";
import { type Cell, type TableData, columnLetter } from "../sheetModel";
import { headerIndex, headerText } from "../tableRegion";
import { SCORE_FEEDING_SIDE_TABLES, sideHeaderIssues } from "./scoreInputs";
import { fromTenths, toTenths } from "../tenths";
import type { IssueCode } from "./issueCodes";

export type Severity = "error" | "warning";

/** One problem in the clerk's workbook, at its sheet, row and column. */
export interface ValidationIssue {
  code: IssueCode;
  severity: Severity;
  sheet: string;
  /** The sheet's row number (1-based). */
  row: number;
  /** Column letter of the offending cell, e.g. "G". */
  column: string;
  /** The column's header, e.g. "分值". */
  header: string;
  /** Chinese and specific: "第12行 分值 -6 超出 D6 的范围 -4 至 -1". */
  message: string;
  /** The offending row's cells keyed by header. */
  values: Record<string, Cell>;
}

export interface ValidationInput {
  tables: Map<string, TableData>;
  /** Workbook-defined versions of the scheme (custom schemes); built-ins are found by id. */
  schemes?: readonly Scheme[];
}

export interface ValidationResult {
  issues: ValidationIssue[];
  errors: number;
  warnings: number;
}

function show(value: CellValue): string {
  if (value === null || value === undefined || value === "") return "（空）";
  const s = String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

class IssueSink {
  readonly issues: ValidationIssue[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly table: TableData | undefined) {}

  /** `rowLevel`: the message is about the whole row, placed at `header`'s cell without naming it. */
  add(row: SheetRow, header: string, severity: Severity, code: IssueCode, message: string, rowLevel = false): void {
    if (!this.table) return;
    const index = headerIndex(this.table.headers, header);
    const column = columnLetter(Math.max(0, index) + this.table.firstColumn);
    const key = `${row.row}:${column}`;
    // One issue per cell: the first (most basic) check wins.
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const text = rowLevel || message.startsWith(header) ? message : `${header} ${message}`;
    this.issues.push({ code, severity, sheet: this.table.sheet, row: row.row, column, header, message: `第${row.row}行 ${text}`, values: row.values });
  }
}

function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.values).every((v) => isBlank(v));
}

function missingHeaders(table: TableData | undefined, required: string[]): string[] {
  if (!table) return [];
  const headers = table.headers.map(headerText);
  return required.filter((h) => !headers.includes(h));
}

interface RosterInfo {
  name: string;
  category: string;
  joinedOn: string | null;
  transferredIn: string | null;
  status: string;
}

function validateSettings(tables: Map<string, TableData>, schemes: readonly Scheme[]): { versions: Scheme[] | null; year: number | null; issues: ValidationIssue[] } {
  const table = tables.get(SHEETS.settings.table);
  const sink = new IssueSink(table);
  const rows = rowsOf(table);
  const find = (key: string) => rows.find((r) => toText(r.values["项目"]) === key);
  const idRow = find(SETTINGS_KEYS.schemeId);
  const versionRow = find(SETTINGS_KEYS.schemeVersion);
  const yearRow = find(SETTINGS_KEYS.year);
  let versions: Scheme[] | null = null;
  const id = idRow ? toText(idRow.values["值"]) : "";
  const custom = schemes.filter((s) => s.id === id);
  const builtin = findBuiltinScheme(id);
  if (custom.length > 0) versions = sortVersions(custom);
  else if (builtin) versions = [builtin];
  if (idRow && !versions) sink.add(idRow, "值", "error", "unknown-scheme", `方案「${show(idRow.values["值"])}」不是已知的积分方案`);
  if (versionRow && versions) {
    const v = toNumber(versionRow.values["值"]);
    if (v === null || !versions.some((s) => s.version === v))
      sink.add(versionRow, "值", "error", "unknown-scheme-version", `方案 ${id} 没有第「${show(versionRow.values["值"])}」版（现有：${versions.map((s) => s.version).join("、")}）`);
  }
  const yearValue = yearRow ? toNumber(yearRow.values["值"]) : null;
  const year = yearValue !== null && Number.isInteger(yearValue) && yearValue >= 1990 && yearValue <= 2100 ? yearValue : null;
  if (yearRow && year === null) sink.add(yearRow, "值", "error", "bad-year", `年度「${show(yearRow.values["值"])}」不是四位年份`);
  return { versions, year, issues: sink.issues };
}

function validateRoster(table: TableData | undefined, scheme: Scheme | null): { roster: Map<string, RosterInfo>; issues: ValidationIssue[] } {
  const sink = new IssueSink(table);
  const roster = new Map<string, RosterInfo>();
  const categories = new Set(scheme?.categories.map((c) => c.name) ?? []);
  for (const r of rowsOf(table)) {
    if (isBlankRow(r)) continue;
    const id = toText(r.values["编号"]);
    if (!id) sink.add(r, "编号", "error", "member-id-blank", "为空：每名党员须有唯一编号");
    else if (roster.has(id)) sink.add(r, "编号", "error", "member-id-duplicate", `「${show(id)}」重复：编号须唯一`);
    if (!toText(r.values["姓名"])) sink.add(r, "姓名", "error", "member-name-blank", "为空");
    const category = toText(r.values["党员类别"]);
    if (scheme && !categories.has(category))
      sink.add(r, "党员类别", "error", "unknown-category", `「${show(r.values["党员类别"])}」不是本方案的党员类别（${[...categories].join("、")}）`);
    const joinedRaw = r.values["入党日期"];
    const joined = toIsoDate(joinedRaw);
    if (!isBlank(joinedRaw) && !joined) sink.add(r, "入党日期", "error", "bad-date", `「${show(joinedRaw)}」不是有效日期`);
    const fullRaw = r.values["转正日期"];
    const full = toIsoDate(fullRaw);
    if (!isBlank(fullRaw) && !full) sink.add(r, "转正日期", "error", "bad-date", `「${show(fullRaw)}」不是有效日期`);
    else if (full && joined && full < joined) sink.add(r, "转正日期", "error", "probation-before-join", `${full} 早于入党日期 ${joined}`);
    const transferredRaw = r.values[TRANSFERRED_IN] ?? null;
    const transferredIn = toIsoDate(transferredRaw);
    if (!isBlank(transferredRaw) && !transferredIn) sink.add(r, TRANSFERRED_IN, "error", "bad-date", `「${show(transferredRaw)}」不是有效日期`);
    const status = toText(r.values["在册状态"]);
    if (status && !(MEMBER_STATUSES as readonly string[]).includes(status))
      sink.add(r, "在册状态", "warning", "unknown-member-status", `「${show(status)}」不是常用状态（${MEMBER_STATUSES.join("、")}）`);
    if (id && !roster.has(id)) roster.set(id, { name: toText(r.values["姓名"]), category, joinedOn: joined, transferredIn, status });
  }
  // 「新入职党员未考核月份积分按支部之前月份考核平均积分计算」 needs the day each new member came: a roster without the column cannot say.
  if (table && scheme?.newMembers === "branchAverage" && headerIndex(table.headers, TRANSFERRED_IN) < 0)
    sink.add(
      { row: table.firstRow - 1, values: {} },
      "编号",
      "warning",
      "roster-no-transfer-date",
      `没有「${TRANSFERRED_IN}」列：本方案新入职或转入党员此前月份按支部平均分计，须填写其转入日期；运行 init（或在任务窗格「开始」中生成台账）补上该列`,
      true,
    );
  return { roster, issues: sink.issues };
}

function itemFinder(versions: Scheme[]): (code: string, date: string | null) => SchemeItem | undefined {
  const maps = versions.map((v) => new Map(v.items.map((i) => [i.code.toUpperCase(), i])));
  return (code, date) => {
    const v = date ? versionInForce(versions, date) : versions[versions.length - 1];
    return maps[versions.indexOf(v)].get(code.toUpperCase());
  };
}

function validateEntries(
  table: TableData | undefined,
  versions: Scheme[] | null,
  year: number | null,
  roster: Map<string, RosterInfo>,
  approvedEdits: ApprovedEdit[],
): ValidationIssue[] {
  const sink = new IssueSink(table);
  // Edits to periods the committee approved come first: they are what the clerk must undo.
  const rowsByNumber = new Map(rowsOf(table).map((r) => [r.row, r]));
  for (const e of approvedEdits)
    sink.add(rowsByNumber.get(e.row) ?? { row: e.row, values: {} }, "日期", "error", "approved-period-edited", e.detail, true);
  const scheme = versions ? versions[versions.length - 1] : null;
  const findItem = versions ? itemFinder(versions) : null;
  const cycle = scheme && year !== null ? periodDates(parsePeriod(String(year), scheme.cycleStartMonth), scheme.cycleStartMonth) : null;
  const seen = new Set<string>();
  const capUse = new Map<string, number>();
  const valid: { row: SheetRow; item: SchemeItem; memberId: string; date: string; tenths: number }[] = [];

  for (const r of rowsOf(table)) {
    if (isBlankRow(r)) continue;
    const v = r.values;
    const dateRaw = v["日期"];
    const date = toIsoDate(dateRaw);
    let rowOk = true;
    if (isBlank(dateRaw)) {
      sink.add(r, "日期", "error", "date-missing", "为空");
      rowOk = false;
    } else if (!date) {
      sink.add(r, "日期", "error", "bad-date", `「${show(dateRaw)}」不是有效日期`);
      rowOk = false;
    } else if (cycle && (date < cycle.start || date > cycle.end)) {
      sink.add(r, "日期", "error", "date-out-of-cycle", `${date} 不在 ${year} 年度考核周期（${cycle.start} 至 ${cycle.end}）内`);
      rowOk = false;
    }
    const memberId = toText(v["编号"]);
    const member = roster.get(memberId);
    if (!member) {
      sink.add(r, "编号", "error", "unknown-member", memberId ? `「${show(v["编号"])}」不在党员名册中` : "为空");
      rowOk = false;
    } else {
      const name = toText(v["姓名"]);
      if (name && name !== member.name) sink.add(r, "姓名", "warning", "name-mismatch", `「${show(name)}」与名册中编号 ${show(memberId)} 的姓名「${show(member.name)}」不一致`);
    }
    const code = toText(v["项目代码"]);
    const item = code && findItem ? findItem(code, date) : undefined;
    if (!item) {
      sink.add(r, "项目代码", "error", "unknown-item", code ? `「${show(v["项目代码"])}」不是本方案的积分项目` : "为空");
      rowOk = false;
    } else if (member && item.categories && !item.categories.includes(member.category)) {
      sink.add(r, "项目代码", "error", "item-category", `${item.code} 只适用于${item.categories.join("、")}，${show(member.name)}是${member.category ? show(member.category) : "（未填类别）"}`);
      rowOk = false;
    }
    const countRaw = v["次数"];
    const count = isBlank(countRaw) ? 1 : toNumber(countRaw);
    if (count === null || !Number.isInteger(count) || count < 1) {
      sink.add(r, "次数", "error", "bad-count", `「${show(countRaw)}」不是正整数`);
      rowOk = false;
    }
    const valueRaw = v["分值"];
    let tenths = 0;
    if (item && count !== null && Number.isInteger(count) && count >= 1) {
      const value = isBlank(valueRaw) ? undefined : toNumber(valueRaw);
      if (value === null) {
        sink.add(r, "分值", "error", "value-not-number", `「${show(valueRaw)}」不是数字（${item.code} ${describeItemPoints(item)}）`);
        rowOk = false;
      } else {
        const points = entryPoints(item, count, value);
        if (!points.ok) {
          sink.add(r, "分值", "error", points.problem, points.message);
          rowOk = false;
        } else tenths = points.tenths;
      }
    }
    if (item?.evidenceRequired && isBlank(v["证明材料"])) sink.add(r, "证明材料", "warning", "evidence-missing", `为空：${item.code} ${item.name} 须附证明材料`);
    if (rowOk && member && date && item) {
      if (member.joinedOn && date < member.joinedOn) sink.add(r, "日期", "warning", "member-not-joined", `${date} 早于 ${member.name} 的入党日期 ${member.joinedOn}`);
      else if (scheme?.newMembers === "branchAverage" && member.transferredIn && date.slice(0, 7) < member.transferredIn.slice(0, 7))
        sink.add(r, "日期", "warning", "member-before-transfer", `${date} 早于 ${member.name} 的转入日期 ${member.transferredIn}：按方案，转入前的月份按支部平均分计，本条不计分`);
      else if (member.status && member.status !== "在册") sink.add(r, "日期", "warning", "member-not-active", `${member.name} 的在册状态为「${member.status}」`);
      const key = `${date}|${memberId}|${item.code}|${toText(v["说明"])}`;
      if (seen.has(key)) sink.add(r, "项目代码", "warning", "duplicate-entry", `与前面一行重复（同一日期、党员、项目和说明）`);
      seen.add(key);
      valid.push({ row: r, item, memberId, date, tenths });
    }
  }

  // Corrections: 撤销记录号 (撤销行号 in an older ledger) must name another row of the same member, reversed only once.
  const all = rowsOf(table);
  const columns = reversalColumns(table?.headers ?? []);
  const { keys } = columns;
  const byKey = new Map<number, SheetRow[]>();
  for (const r of all) {
    if (isBlankRow(r)) continue;
    const key = rowKey(r, keys);
    if (key !== null) {
      const same = byKey.get(key);
      if (same) same.push(r);
      else byKey.set(key, [r]);
    }
    else if (keys === "ids" && headerIndex(table?.headers ?? [], RECORD_ID) >= 0 && !isBlank(r.values[RECORD_ID] ?? null))
      sink.add(r, RECORD_ID, "warning", "bad-record-id", `「${show(r.values[RECORD_ID])}」不是记录号（正整数）：清空后由加载项重新编号`);
  }
  if (keys === "ids")
    for (const [key, rows] of byKey)
      if (rows.length > 1)
        for (const r of rows.slice(1))
          sink.add(r, RECORD_ID, "warning", "duplicate-record-id", `${key} 与第${rows[0].row}行重复（复制粘贴的行？）：清空本行的记录号，加载项写入台账时会重新编号`);
  const reversedBy = new Map<number, SheetRow>();
  const header = columns.reverses ?? REVERSES;
  for (const r of all) {
    const raw = columns.reverses === null ? undefined : r.values[columns.reverses];
    if (raw === undefined || isBlank(raw)) continue;
    const target = reversalTarget(r, columns);
    const candidates = target === null ? [] : (byKey.get(target) ?? []).filter((x) => x !== r);
    const original = candidates[0];
    const unit = keys === "rows" ? "行号" : "记录号";
    const named = (row: SheetRow) => (keys === "rows" ? showKey(keys, target!) : `${showKey(keys, target!)}（第${row.row}行）`);
    if (target === null || !original) sink.add(r, header, "error", "reversal-target-missing", `「${show(raw)}」不是积分台账中另一条记录的${unit}`);
    else if (candidates.length > 1) sink.add(r, header, "error", "reversal-target-ambiguous", `记录号 ${target} 有 ${candidates.length} 行（第${candidates.map((c) => c.row).join("、")}行），撤销的是哪一行不明确`);
    else if (toText(original.values["编号"]) !== toText(r.values["编号"]))
      sink.add(r, header, "error", "reversal-other-member", `${named(original)}是编号 ${show(original.values["编号"])} 的记录，与本行编号不同`);
    else if (reversedBy.has(target)) sink.add(r, header, "error", "reversed-twice", `${named(original)}已由第${reversedBy.get(target)!.row}行撤销`);
    else reversedBy.set(target, r);
  }

  // Caps, in date order: the entry that goes past the cap is flagged.
  if (scheme) {
    valid.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row.row - b.row.row));
    for (const e of valid) {
      if (!e.item.cap) continue;
      const [y, m] = e.date.split("-").map(Number);
      const window = periodOfMonth(y, m, e.item.cap.period, scheme.cycleStartMonth).label;
      const key = `${e.memberId}|${e.item.code}|${window}`;
      const used = (capUse.get(key) ?? 0) + Math.abs(e.tenths);
      capUse.set(key, used);
      if (used > toTenths(e.item.cap.points))
        sink.add(e.row, "分值", "warning", "cap-exceeded", `${e.item.code} 在 ${window} 已超过上限 ${e.item.cap.points} 分（累计 ${fromTenths(used)} 分），超出部分不计`);
    }
  }
  return sink.issues;
}

function validateAppraisals(table: TableData | undefined, scheme: Scheme | null, roster: Map<string, RosterInfo>): ValidationIssue[] {
  const sink = new IssueSink(table);
  const component = scheme?.components.find((c) => c.kind === "appraisal");
  const appraisal = component?.kind === "appraisal" ? component.appraisal : null;
  const seen = new Set<string>();
  for (const r of rowsOf(table)) {
    if (isBlankRow(r)) continue;
    const v = r.values;
    const year = toNumber(v["年度"]);
    if (year === null || !Number.isInteger(year)) sink.add(r, "年度", "error", "bad-year", `「${show(v["年度"])}」不是年份`);
    const id = toText(v["编号"]);
    if (!roster.has(id)) sink.add(r, "编号", "error", "unknown-member", id ? `「${show(v["编号"])}」不在党员名册中` : "为空");
    else if (year !== null) {
      const key = `${year}|${id}`;
      if (seen.has(key)) sink.add(r, "编号", "error", "appraised-twice", `${show(id)} 在 ${year} 年度已有评议记录`);
      seen.add(key);
    }
    if (!appraisal) continue;
    const grade = toText(v["评议等次"]);
    const scoreRaw = v["分值"];
    if (appraisal.mode === "grades") {
      if (!grade) sink.add(r, "评议等次", "error", "grade-missing", `为空（${appraisal.grades.map((g) => g.name).join("、")}）`);
      else if (!appraisal.grades.some((g) => g.name === grade))
        sink.add(r, "评议等次", "error", "unknown-grade", `「${show(grade)}」不是评议等次（${appraisal.grades.map((g) => g.name).join("、")}）`);
    } else {
      const score = toNumber(scoreRaw);
      if (isBlank(scoreRaw)) sink.add(r, "分值", "error", "score-missing", `为空：本方案按投票直接计分（${appraisal.min} 至 ${appraisal.max}）`);
      else if (score === null || score < appraisal.min || score > appraisal.max)
        sink.add(r, "分值", "error", "score-out-of-range", `「${show(scoreRaw)}」超出评议分范围 ${appraisal.min} 至 ${appraisal.max}`);
    }
  }
  return sink.issues;
}

/** Corrections and what they name: 撤销记录号 with 记录号, or 撤销行号 alone in a ledger from before 记录号. */
function ledgerKeyHeaders(table: TableData | undefined): string[] {
  return reversalColumns(table?.headers ?? []).keys === "rows" ? [LEGACY_REVERSES] : [REVERSES, RECORD_ID];
}

/** The tables scores depend on, with every header a score depends on (a missing one would score silently wrong). */
const REQUIRED_HEADERS: { table: string; sheet: string; headers: string[] }[] = [
  { table: SHEETS.settings.table, sheet: SHEETS.settings.sheet, headers: ["项目", "值"] },
  { table: SHEETS.roster.table, sheet: SHEETS.roster.sheet, headers: ["编号", "姓名", "党员类别", "入党日期"] },
  { table: SHEETS.ledger.table, sheet: SHEETS.ledger.sheet, headers: ["日期", "编号", "项目代码", "次数", "分值"] },
  { table: SHEETS.appraisals.table, sheet: SHEETS.appraisals.sheet, headers: ["年度", "编号", "评议等次", "分值"] },
];

const SCORED_TABLES = new Set([...REQUIRED_HEADERS.map((r) => r.table), ...SCORE_FEEDING_SIDE_TABLES]);

/**
 * How each table was found and what lies outside it: a table read by its header row (the table object
 * gone), rows typed below it after blank rows (an error for the tables scores depend on: they would be
 * left out of every total), columns filled beside it.
 */
function tableShapeIssues(table: TableData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const headerRow = table.firstRow - 1;
  if (table.foundBy === "headers")
    issues.push({
      code: "table-as-range",
      severity: "warning",
      sheet: table.sheet,
      row: headerRow,
      column: columnLetter(table.firstColumn),
      header: "",
      message: `「${table.sheet}」的表格已被转换为普通区域（没有表格 ${table.name}），已按第${headerRow}行表头读取 ${table.rows.filter((r) => r.some((v) => !isBlank(v))).length} 行（${columnLetter(table.firstColumn)}至${columnLetter(table.firstColumn + table.headers.length - 1)}列）`,
      values: {},
    });
  const outside = table.outside;
  if (!outside) return issues;
  const scored = SCORED_TABLES.has(table.name);
  for (const below of outside.rowsBelow) {
    const first = below.cells.findIndex((v) => !isBlank(v));
    const values = Object.fromEntries(table.headers.map((h, c) => [headerText(h), below.cells[c] ?? null]));
    issues.push({
      code: "row-below-table",
      severity: scored ? "error" : "warning",
      sheet: table.sheet,
      row: below.row,
      column: columnLetter(table.firstColumn + Math.max(0, first)),
      header: table.headers[first]?.trim() ?? "",
      message: `第${below.row}行 在表格下方、隔着空行，不属于表格${scored ? "，未计分" : "，未读取"}（${below.cells.filter((v) => !isBlank(v)).map(show).join("、")}）`,
      values,
    });
  }
  for (const col of outside.columnsBeside)
    issues.push({
      code: "column-beside-table",
      severity: "warning",
      sheet: table.sheet,
      row: col.firstRow,
      column: columnLetter(col.column),
      header: col.header,
      message: `第${columnLetter(col.column)}列${col.header ? `（第${headerRow}行为「${show(col.header)}」）` : ""}在表格${col.column < table.firstColumn ? "左" : "右"}侧，不属于表格，未读取：第${col.firstRow}至${col.lastRow}行有 ${col.cells} 个单元格`,
      values: {},
    });
  return issues;
}

/**
 * The structure of the workbook: tables and headers scores depend on, how each table was found and
 * what lies outside it. Its errors block scores, reports and approval (loadLedger refuses).
 */
export function structuralIssues(tables: ReadonlyMap<string, TableData>): ValidationIssue[] {
  const structural: ValidationIssue[] = [];
  for (const req of REQUIRED_HEADERS) {
    const table = tables.get(req.table);
    const missing = missingHeaders(table, req.table === SHEETS.ledger.table ? [...req.headers, ...ledgerKeyHeaders(table)] : req.headers);
    if (!table)
      structural.push({ code: "missing-table", severity: "error", sheet: req.sheet, row: 1, column: "A", header: "", message: `缺少工作表「${req.sheet}」或其中的表格 ${req.table}（按表头也未找到）：请在任务窗格「开始」中生成台账，或恢复该工作表`, values: {} });
    else if (missing.length)
      structural.push({ code: "missing-column", severity: "error", sheet: table.sheet, row: table.firstRow - 1, column: columnLetter(table.firstColumn), header: missing.join("、"), message: `第${table.firstRow - 1}行 表头缺少：${missing.join("、")}`, values: {} });
  }
  structural.push(...sideHeaderIssues(tables, new Set(REQUIRED_HEADERS.map((r) => r.table))));
  for (const table of tables.values()) structural.push(...tableShapeIssues(table));
  return structural;
}

/** Checks the ledger as the clerk left it. Reports, never throws. */
export function validateLedger(input: ValidationInput): ValidationResult {
  const { tables } = input;
  const structural = structuralIssues(tables);
  const settings = validateSettings(tables, input.schemes ?? []);
  const scheme = settings.versions ? settings.versions[settings.versions.length - 1] : null;
  const roster = validateRoster(tables.get(SHEETS.roster.table), scheme);
  const issues = [
    ...structural,
    ...settings.issues,
    ...roster.issues,
    ...validateEntries(tables.get(SHEETS.ledger.table), settings.versions, settings.year, roster.roster, scheme ? findApprovedEdits(tables, scheme) : []),
    ...validateAppraisals(tables.get(SHEETS.appraisals.table), scheme, roster.roster),
    ...findMissingApprovals(tables).map((m): ValidationIssue => ({ code: "approval-records-missing", severity: "error", sheet: m.sheet, row: m.row, column: "A", header: "", message: `第${m.row}行 ${m.detail}：审定后的改动已无法发现`, values: {} })),
  ];
  const errors = issues.filter((i) => i.severity === "error").length;
  return { issues, errors, warnings: issues.length - errors };
}
