// The roster (党员名册) and the 民主评议 as the task pane keeps them: a member added or changed, a pasted
// block of members, the year's appraisals. Each write is validated first and is one logged batch.
import { toText } from "../core/cells";
import { readDateInput, readDateSerial } from "../core/dates";
import { CoreError } from "../core/errors";
import { detectDelimiter, tableRowBuilder } from "../core/ledger/importCsv";
import { matchHeaders } from "../core/ledger/headerMatch";
import { MEMBER_STATUSES, SHEETS, TRANSFERRED_IN } from "../core/ledger/layout";
import { logOp } from "../core/ledger/log";
import { formatsOf, missingLaterColumns, planTableAppend } from "../core/ledger/scaffold";
import { rowsInTableOrder, tableFormats } from "../core/ledger/recordIds";
import { headerIndex } from "../core/tableRegion";
import type { AppraisalComponent, Scheme } from "../core/scheme/schema";
import type { Cell, TableData, WorkbookOp } from "../core/sheetModel";
import { type ValidationIssue, validateLedger } from "../core/validation/validateLedger";
import type { WorkbookGateway } from "./gateway";
import { type ImportCounts, displayCell, planCsvImport } from "./importPlan";
import { type LoadedLedger, loadLedger } from "./ledgerService";
import { type TableImportPreview, type TableSource, previewTableImport } from "./tableImport";

const ROSTER = SHEETS.roster;
const APPRAISALS = SHEETS.appraisals;
const col = (def: { columns: readonly { header: string }[] }, header: string) => def.columns.findIndex((c) => c.header === header);

function tableOf(ledger: LoadedLedger, def: { table: string; sheet: string }): TableData {
  const table = ledger.tables.get(def.table);
  if (!table) throw new CoreError("not-a-ledger", `没有「${def.sheet}」表格：请先在「开始」中生成台账`);
  return table;
}

/** Validation of the ledger with `table` as given, narrowed to `sheet` and the sheet rows in `rows`. */
function issuesAt(ledger: LoadedLedger, table: TableData, rows: ReadonlySet<number>): ValidationIssue[] {
  const tables = new Map(ledger.tables).set(table.name, table);
  return validateLedger({ tables, schemes: ledger.workbookSchemes }).issues.filter((i) => i.sheet === table.sheet && rows.has(i.row));
}

/**
 * Validation of roster rows (in the layout's order) appended as they will stand: in the table's column
 * order, with a later column (转入日期) they fill.
 */
function issuesOfAppended(ledger: LoadedLedger, table: TableData, rows: readonly Cell[][]): ValidationIssue[] {
  const headers = [...table.headers, ...missingLaterColumns("roster", table.headers).map((c) => c.header)];
  const appended = { ...table, headers, rows: [...table.rows, ...rowsInTableOrder(ROSTER, headers, rows)], rowCount: table.rowCount + rows.length };
  return issuesAt(ledger, appended, new Set(rows.map((_, i) => table.firstRow + table.rows.length + i)));
}

/** A write the pane asked for: done, or refused with the validation errors at their cells. */
export interface RosterWrite {
  /** Sheet row in 党员名册. */
  row: number;
  written: boolean;
  issues: ValidationIssue[];
}

/** A member as the pane's form holds it: text keyed by the roster's headers (编号, 姓名, 党员类别, 所在支部, 入党日期, 联系方式…). */
export type MemberForm = Readonly<Record<string, string>>;

/**
 * Appends one member to 党员名册 after validating the row in place (duplicate 编号, a category not of
 * the scheme, a date that is not one: refused, nothing written). 在册状态 defaults to 在册.
 */
export async function addMember(gateway: WorkbookGateway, form: MemberForm, now = new Date()): Promise<RosterWrite> {
  const ledger = await loadLedger(gateway);
  const table = tableOf(ledger, ROSTER);
  const values = new Map(Object.entries(form).map(([k, v]) => [k, v.trim()]));
  if (!values.get("在册状态")) values.set("在册状态", "在册");
  const row = tableRowBuilder("roster", { scheme: ledger.scheme, members: ledger.members, year: ledger.year })(values);
  const rowNumber = table.firstRow + table.rows.length;
  const issues = issuesOfAppended(ledger, table, [row]);
  const written = !issues.some((i) => i.severity === "error");
  if (written) {
    const detail = `第${rowNumber}行 ${toText(row[0])} ${toText(row[1])}（${toText(row[2])}）`;
    await gateway.apply([...planTableAppend(ROSTER, table, [row]), logOp(now, [{ action: "添加党员", sheet: ROSTER.sheet, range: "", detail }])]);
  }
  return { row: rowNumber, written, issues };
}

/** A change to one member: category (转正 with its date), 在册状态 with the date it took effect (转出 2026-05-10). */
export interface MemberChange {
  id: string;
  category?: string;
  /** 转正日期, required when a probationary member (the scheme's probation category, else 预备党员) becomes another category. */
  fullOn?: string;
  status?: string;
  /** The date of the status change; written to 备注 (「2026-05-10 转出」), as the roster has no column for it. */
  statusOn?: string;
  /** 转入: the date the member came to the branch, into 转入日期 (the column added if the roster lacks it); 在册状态 becomes 在册. */
  transferredIn?: string;
}

/** The category whose members are on probation: the scheme's, else 预备党员. */
export function probationCategory(scheme: Scheme): string {
  return scheme.probation?.category ?? "预备党员";
}

/**
 * Changes a member's 党员类别 and / or 在册状态, or records a 转入 (转入日期, 在册), in place (setCells), logged. Refused (CoreError, nothing
 * written) for an unknown 编号, a conversion without its 转正日期, a status change without its date, or
 * a row the change would leave with validation errors.
 */
export async function updateMember(gateway: WorkbookGateway, change: MemberChange, now = new Date()): Promise<RosterWrite> {
  const ledger = await loadLedger(gateway);
  const table = tableOf(ledger, ROSTER);
  // By the table's own headers: a roster the clerk reordered or extended is changed where its columns are.
  const at = (header: string) => {
    const index = headerIndex(table.headers, header);
    if (index < 0) throw new CoreError("missing-column", `「${ROSTER.sheet}」没有「${header}」列，无法修改`);
    return index;
  };
  const index = table.rows.findIndex((r) => toText(r[at("编号")]) === change.id.trim());
  if (index < 0) throw new CoreError("unknown-member", `党员名册中没有编号为「${change.id}」的党员`);
  const current = table.rows[index];
  const cells: Record<number, Cell> = {};
  const said: string[] = [];
  const oldCategory = toText(current[at("党员类别")]);
  if (change.category !== undefined && change.category !== oldCategory) {
    cells[at("党员类别")] = change.category;
    said.push(`党员类别 ${oldCategory || "（空）"}→${change.category}`);
    if (oldCategory === probationCategory(ledger.scheme)) {
      const full = readDateSerial(change.fullOn?.trim() ?? "");
      if (full === null) throw new CoreError("conversion-date", `${oldCategory}转为${change.category}须填写转正日期（如 2026-07-01）`);
      cells[at("转正日期")] = full;
      said.push(`转正日期 ${readDateInput(change.fullOn!.trim())}`);
    }
  }
  const oldStatus = toText(current[at("在册状态")]) || "在册";
  const transfer = change.transferredIn?.trim() ? transferIn(table, index, change, oldStatus, at) : null;
  if (transfer) {
    Object.assign(cells, transfer.cells);
    said.push(...transfer.said);
  } else if (change.status !== undefined && change.status !== oldStatus) {
    if (!(MEMBER_STATUSES as readonly string[]).includes(change.status)) throw new CoreError("unknown-member-status", `在册状态须为 ${MEMBER_STATUSES.join("、")} 之一`);
    const on = readDateInput(change.statusOn?.trim() ?? "");
    if (on === null) throw new CoreError("status-date", `改为「${change.status}」须填写日期（如 2026-05-10）`);
    cells[at("在册状态")] = change.status;
    const note = toText(current[at("备注")]);
    cells[at("备注")] = `${note ? `${note}；` : ""}${on} ${change.status === "在册" ? "恢复在册" : change.status}`;
    said.push(`在册状态 ${oldStatus}→${change.status}（${on}）`);
  }
  const rowNumber = table.firstRow + index;
  if (said.length === 0) throw new CoreError("no-change", `${toText(current[1])}（${change.id}）的类别和在册状态没有改变`);
  const changed = current.map((v, c) => (c in cells ? cells[c] : v));
  const rows = table.rows.map((r, i) => (i === index ? changed : r));
  // A roster without 转入日期 is validated as it will stand, with the column added.
  const after = transfer?.added ? { ...table, headers: [...table.headers, TRANSFERRED_IN], rows: rows.map((r, i) => [...r, transfer.added![i]]) } : { ...table, rows };
  const issues = issuesAt(ledger, after, new Set([rowNumber]));
  const written = !issues.some((i) => i.severity === "error");
  if (written) {
    const ops: WorkbookOp[] = [{ op: "setCells", table: ROSTER.table, row: index, cells, formats: tableFormats(ROSTER, table.headers) }];
    if (transfer?.added) ops.push({ op: "addColumn", table: ROSTER.table, header: TRANSFERRED_IN, values: transfer.added, format: "date" });
    await gateway.apply([...ops, logOp(now, [{ action: "修改党员信息", sheet: ROSTER.sheet, range: `第${rowNumber}行`, detail: `${change.id} ${toText(current[1])}：${said.join("，")}` }])]);
  }
  return { row: rowNumber, written, issues };
}

/**
 * The cells a 转入 sets: 转入日期 (or, when the roster has no such column, the column to add with the
 * date at the member's row), 在册状态 在册 with 「日期 转入」 in 备注 when the member was not 在册.
 */
function transferIn(table: TableData, index: number, change: MemberChange, oldStatus: string, at: (header: string) => number): { cells: Record<number, Cell>; said: string[]; added: Cell[] | null } {
  const typed = change.transferredIn!.trim();
  const serial = readDateSerial(typed);
  if (serial === null) throw new CoreError("transfer-date", `转入日期「${typed}」不是日期：按 2026-03-10 的格式填写`);
  if (change.status !== undefined && change.status !== "在册") throw new CoreError("transfer-status", `转入后在册状态为「在册」，不能同时改为「${change.status}」`);
  const on = readDateInput(typed)!;
  const cells: Record<number, Cell> = {};
  const said = [`转入日期 ${on}`];
  const column = headerIndex(table.headers, TRANSFERRED_IN);
  const added = column < 0 ? table.rows.map((_, i) => (i === index ? serial : null)) : null;
  if (column >= 0) cells[column] = serial;
  if (oldStatus !== "在册") {
    cells[at("在册状态")] = "在册";
    const note = toText(table.rows[index][at("备注")]);
    cells[at("备注")] = `${note ? `${note}；` : ""}${on} 转入`;
    said.push(`在册状态 ${oldStatus}→在册`);
  }
  return { cells, said, added };
}

/** The roster's columns, in the order a pasted block without a header row is read. */
export const ROSTER_PASTE_ORDER: readonly string[] = ROSTER.columns.map((c) => c.header);

const PASTE_SOURCE = "粘贴的名册";

/**
 * A block copied from Excel or WPS (tab-separated; any separator the import detects), with or without
 * its header row: without one (no cell of the first line is a roster header or synonym), the columns are
 * read in ROSTER_PASTE_ORDER.
 */
export function withRosterHeader(text: string): string {
  const body = text.replace(/^(?:[ \t]*\r?\n)+/, "");
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? "";
  const delimiter = detectDelimiter(body);
  if (matchHeaders(firstLine.split(delimiter), "roster").columns.length > 0) return body;
  return `${ROSTER_PASTE_ORDER.join(delimiter)}\n${body}`;
}

export interface RosterPastePreview {
  /** Our headers, then each row as it will be written (dates as YYYY-MM-DD). */
  headers: string[];
  rows: string[][];
  /** Sheet rows in 党员名册 the rows will take, in order. */
  sheetRows: number[];
  /** How the text was read: separator, header matching, values kept as typed. */
  report: ImportCounts["inputs"][number];
  /** Validation of the roster with the rows appended, narrowed to them. */
  issues: ValidationIssue[];
  /** The text as it will be imported (header added when the block had none). */
  text: string;
}

/** What a pasted block would append to 党员名册 and what validation would say of it: nothing is written. */
export async function previewRosterPaste(gateway: WorkbookGateway, pasted: string, now = new Date()): Promise<RosterPastePreview> {
  if (!pasted.trim()) throw new CoreError("empty-paste", "没有粘贴任何内容：在 Excel 或 WPS 中选中名册（可连同表头）复制后粘贴到这里");
  const ledger = await loadLedger(gateway);
  const table = tableOf(ledger, ROSTER);
  const text = withRosterHeader(pasted);
  const plan = planCsvImport({ scheme: ledger.scheme, members: ledger.members, year: ledger.year }, { roster: { name: PASTE_SOURCE, data: text } }, now);
  const rows = plan.ops.flatMap((op) => (op.op === "appendRows" && op.table === ROSTER.table ? op.rows : []));
  const sheetRows = rows.map((_, i) => table.firstRow + table.rows.length + i);
  const issues = issuesOfAppended(ledger, table, rows);
  const types = ROSTER.columns.map((c) => c.type);
  return {
    headers: [...ROSTER_PASTE_ORDER],
    rows: rows.map((r) => r.map((v, i) => displayCell(v, types[i]))),
    sheetRows,
    report: plan.result.inputs[0],
    issues,
    text,
  };
}

/** A sheet of the clerk's roster workbook as 党员名册 would take it, with validation of those rows as they would stand. */
export interface RosterFilePreview {
  /** The sheet, header row, column mapping and the first rows (`rows`, `text`, `sourceRows`: at most `shown`). */
  table: TableImportPreview;
  /** 党员名册 sheet row the first imported row will take. */
  firstRow: number;
  /** Validation of every imported row in place, each with the file's row it came from. */
  issues: (ValidationIssue & { sourceRow: number })[];
}

/** What importing a sheet of the clerk's roster workbook would add to 党员名册: nothing is written. */
export async function previewRosterWorkbook(gateway: WorkbookGateway, source: TableSource, shown = 10): Promise<RosterFilePreview> {
  const all = await previewTableImport(gateway, "roster", source, Number.POSITIVE_INFINITY);
  const ledger = await loadLedger(gateway);
  const table = tableOf(ledger, ROSTER);
  const firstRow = table.firstRow + table.rows.length;
  const issues = issuesOfAppended(ledger, table, all.rows).map((i) => ({ ...i, sourceRow: all.sourceRows[i.row - firstRow] }));
  return { table: { ...all, rows: all.rows.slice(0, shown), sourceRows: all.sourceRows.slice(0, shown), text: all.text.slice(0, shown) }, firstRow, issues };
}

// ---- 民主评议 -------------------------------------------------------------------------------------

/** The scheme's appraisal component, or null when it has none (no 民主评议). */
export function appraisalOf(scheme: Scheme): AppraisalComponent | null {
  return scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal") ?? null;
}

/** The appraisal grades, best first (by points). */
export function gradesBestFirst(component: AppraisalComponent): string[] {
  return component.appraisal.mode === "grades" ? [...component.appraisal.grades].sort((a, b) => b.points - a.points).map((g) => g.name) : [];
}

/**
 * The grade a vote tally gives, by majority: going down from the best grade, a member gets the first
 * grade whose votes, with the votes for every better grade, are more than half of all votes cast. Exactly
 * half is not a majority, so a tie goes to the lower grade (2 优秀, 2 合格 → 合格). Null when no vote was cast.
 * `grades` best first; `votes` by grade name (missing = 0).
 */
export function gradeOfTally(grades: readonly string[], votes: Readonly<Record<string, number>>): string | null {
  const total = grades.reduce((s, g) => s + (votes[g] ?? 0), 0);
  if (total <= 0) return null;
  let atLeast = 0;
  for (const g of grades) {
    atLeast += votes[g] ?? 0;
    if (atLeast * 2 > total) return g;
  }
  return grades[grades.length - 1];
}

/** One member's 民主评议 as the pane records it. */
export interface AppraisalRecord {
  memberId: string;
  /** Grades-mode schemes: the grade written (after any committee override). */
  grade?: string;
  /** Score-mode schemes: the score. */
  score?: number;
  /** The vote tally the grade came from, by grade name; kept in 操作日志. */
  votes?: Readonly<Record<string, number>>;
  /** The committee set `grade` against the tally's result, for this reason; kept in 操作日志. */
  override?: { from: string; reason: string };
}

export interface AppraisalWrite {
  written: boolean;
  appended: number;
  updated: number;
  /** Errors and warnings of the rows written (or refused). */
  issues: ValidationIssue[];
}

/**
 * The year's 民主评议 of some members as one logged batch: each member's row of the ledger's year is
 * updated if it exists, else appended. Refused (nothing written) when any row would fail validation.
 */
export async function saveAppraisals(gateway: WorkbookGateway, records: readonly AppraisalRecord[], now = new Date()): Promise<AppraisalWrite> {
  if (records.length === 0) throw new CoreError("no-appraisal", "没有要写入的评议结果");
  const ledger = await loadLedger(gateway);
  const component = appraisalOf(ledger.scheme);
  if (!component) throw new CoreError("no-appraisal", `方案「${ledger.scheme.name}」没有民主评议`);
  const table = tableOf(ledger, APPRAISALS);
  const [iYear, iId, iName, iGrade, iScore] = ["年度", "编号", "姓名", "评议等次", "分值"].map((h) => col(APPRAISALS, h));
  const names = new Map(ledger.members.map((m) => [m.id, m.name]));
  const rows = table.rows.map((r) => [...r]);
  const appended: Cell[][] = [];
  const ops: WorkbookOp[] = [];
  const log: string[] = [];
  const touched = new Set<number>();
  const seen = new Set<string>();
  for (const rec of records) {
    const id = rec.memberId.trim();
    if (seen.has(id)) throw new CoreError("appraised-twice", `${id} 在本次评议中出现了两次`);
    seen.add(id);
    const cells: Record<number, Cell> = component.appraisal.mode === "grades" ? { [iGrade]: rec.grade ?? null } : { [iScore]: rec.score ?? null };
    const index = rows.findIndex((r) => toText(r[iId]) === id && Number(toText(r[iYear])) === ledger.year);
    const name = names.get(id) ?? "";
    if (index >= 0) {
      for (const [c, v] of Object.entries(cells)) rows[index][Number(c)] = v;
      ops.push({ op: "setCells", table: APPRAISALS.table, row: index, cells, formats: formatsOf(APPRAISALS) });
      touched.add(table.firstRow + index);
    } else {
      const row: Cell[] = APPRAISALS.columns.map(() => null);
      Object.assign(row, { [iYear]: ledger.year, [iId]: id, [iName]: name || null }, cells);
      appended.push(row);
      touched.add(table.firstRow + rows.length + appended.length - 1);
    }
    const result = component.appraisal.mode === "grades" ? `评议等次 ${rec.grade ?? "（空）"}` : `分值 ${rec.score ?? "（空）"}`;
    const votes = rec.votes ? `（票数 ${Object.entries(rec.votes).map(([g, n]) => `${g}${n}`).join("/")}）` : "";
    const override = rec.override ? `，支委会由「${rec.override.from}」调整：${rec.override.reason}` : "";
    log.push(`${id} ${name} ${result}${votes}${override}`);
  }
  const after: TableData = { ...table, rows: [...rows, ...appended], rowCount: table.rowCount + appended.length };
  const issues = issuesAt(ledger, after, touched);
  const written = !issues.some((i) => i.severity === "error");
  if (written) {
    if (appended.length > 0) ops.push({ op: "appendRows", table: APPRAISALS.table, rows: appended, formats: formatsOf(APPRAISALS) });
    ops.push(logOp(now, [{ action: "登记民主评议", sheet: APPRAISALS.sheet, range: `${ledger.year} 年度`, detail: log.join("；") }]));
    await gateway.apply(ops);
  }
  return { written, appended: appended.length, updated: records.length - appended.length, issues };
}

/** A member's appraisal of a year as the sheet holds it. */
export function appraisalsOfYear(ledger: LoadedLedger): Map<string, { grade?: string; score?: number }> {
  return new Map(ledger.appraisals.filter((a) => a.cycleYear === ledger.year).map((a) => [a.memberId, { grade: a.grade, score: Number.isFinite(a.score) ? a.score : undefined }]));
}
