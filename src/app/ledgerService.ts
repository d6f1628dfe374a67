import { toIsoDate, toText } from "../core/cells";
import { versionInForce } from "../core/scheme/versions";
import { CoreError } from "../core/errors";
import { scoreMembers } from "../core/engine/scoreMembers";
import type { ScoreResult } from "../core/engine/types";
import { type ImportKind, importCsvRows, tableRowBuilder } from "../core/ledger/importCsv";
import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { logOp } from "../core/ledger/log";
import { LEDGER_TABLES, type LedgerContents, readLedger, readSettings, rowsOf, settingsYear } from "../core/ledger/readLedger";
import { COMMITMENT_STORE, validateCommitments } from "../core/commitments/commitments";
import { BRANCH_STAR_STORE, crossCheckStars, validateBranchStars } from "../core/stars/branchStars";
import { GRADING_STORE, validateGrading } from "../core/grading/classifiedGrading";
import { BRANCH_SCORE_STORE, validateBranchScores } from "../core/branchScores/branchScores";
import { type LedgerSettings, type ScaffoldPlan, formatsOf, planScaffold } from "../core/ledger/scaffold";
import { SCHEME_STORE, planSaveScheme, readWorkbookSchemes, schemeVersions } from "../core/scheme/workbookSchemes";
import type { Scheme } from "../core/scheme/schema";
import { type ValidationIssue, type ValidationResult, validateLedger } from "../core/validation/validateLedger";
import type { TableData } from "../core/sheetModel";
import { type AppealInput, type Resolution, planAppeal, planResolution } from "../core/approval/appeals";
import { ApprovalRefused, approvalStatus, planApproval, rowsInPeriod } from "../core/approval/approvals";
import { tryParsePeriod } from "../core/period";
import type { WorkbookGateway } from "./gateway";

/** Scaffold: one look at the workbook, one batch of changes. */
export async function scaffoldWorkbook(gateway: WorkbookGateway, scheme: Scheme, settings: LedgerSettings, now = new Date()): Promise<ScaffoldPlan> {
  const snapshot = await gateway.inspect();
  const plan = planScaffold(snapshot, scheme, settings, now);
  await gateway.apply(plan.ops);
  return plan;
}

export interface LoadedLedger extends LedgerContents {
  /** The scheme's latest version: its structure (components, items, grades) for forms and reports. */
  scheme: Scheme;
  /** Every version, oldest first; scoring takes each entry by the version in force on its date. */
  versions: Scheme[];
  /** Schemes kept in the workbook (自定义方案), all ids. */
  workbookSchemes: Scheme[];
  year: number;
  /** The tables as read, for the workflow (approvals, appeals) and validation. */
  tables: Map<string, TableData>;
}

/** The versions of the scheme named in 设置: the workbook's own (自定义方案) first, else the built-in. */
export function schemeOfSettings(settings: Map<string, string>, workbookSchemes: readonly Scheme[] = []): Scheme[] {
  const id = settings.get(SETTINGS_KEYS.schemeId);
  if (!id) throw new CoreError("no-scheme", `「${SHEETS.settings.sheet}」工作表中没有填写${SETTINGS_KEYS.schemeId}，请先运行 init 或在任务窗格中选择方案`);
  const versions = schemeVersions(id, workbookSchemes);
  if (!versions) throw new CoreError("unknown-scheme", `「${SHEETS.settings.sheet}」工作表中的方案「${id}」不是已知方案`);
  return versions;
}

/** Sheets kept beside the ledger, created on first use, that validation checks. */
const SIDE_TABLES = [COMMITMENT_STORE.table, BRANCH_STAR_STORE.table, GRADING_STORE.table, BRANCH_SCORE_STORE.table];

/** Validation of the ledger as the clerk left it: one read, never throws on bad data. */
export async function validateWorkbook(gateway: WorkbookGateway): Promise<ValidationResult> {
  const tables = await gateway.readTables([...LEDGER_TABLES.map((k) => SHEETS[k].table), SCHEME_STORE.table, ...SIDE_TABLES]);
  const schemes = readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes;
  const result = validateLedger({ tables, schemes });
  const more = validateBranchStars(tables.get(BRANCH_STAR_STORE.table));
  // The sheets kept beside the ledger, where the branch keeps them, checked against the roster and the ledger
  // under the workbook's scheme (only the 设置 rows are read again: the ledger was read once, by validateLedger).
  const settings = readSettings(tables);
  const year = settingsYear(settings);
  if (year !== null) more.push(...validateBranchScores(tables.get(BRANCH_SCORE_STORE.table), year));
  const versions = settings.get(SETTINGS_KEYS.schemeId) ? schemeVersions(settings.get(SETTINGS_KEYS.schemeId)!, schemes) : null;
  // A branch scheme awards the stars in the ledger: the 评星晋级 √ are held to those entries (the ledger is
  // read a second time only then; a 党委's ledger of branches is small).
  if (versions && versions[versions.length - 1].subject === "branch" && tables.has(BRANCH_STAR_STORE.table))
    more.push(...crossCheckStars(tables.get(BRANCH_STAR_STORE.table), readLedger(tables), versions[versions.length - 1]));
  if (versions && (tables.has(COMMITMENT_STORE.table) || tables.has(GRADING_STORE.table))) {
    const scheme = versions[versions.length - 1];
    const rosterIds = new Set(rowsOf(tables.get(SHEETS.roster.table)).map((r) => toText(r.values["编号"])));
    more.push(...validateCommitments(tables.get(COMMITMENT_STORE.table), tables.get(SHEETS.ledger.table), rosterIds, scheme));
    more.push(...validateGrading(tables.get(GRADING_STORE.table), rosterIds, scheme));
  }
  if (more.length === 0) return result;
  const issues = [...result.issues, ...more];
  return { issues, errors: issues.filter((i) => i.severity === "error").length, warnings: issues.filter((i) => i.severity === "warning").length };
}

/** The whole ledger in one read (plus any other tables the caller needs, by layout key or table name, in the same read). */
export async function loadLedger(gateway: WorkbookGateway, extra: (keyof typeof SHEETS)[] = [], moreTables: readonly string[] = []): Promise<LoadedLedger> {
  const tables = await gateway.readTables([...[...LEDGER_TABLES, ...extra].map((k) => SHEETS[k].table), SCHEME_STORE.table, ...moreTables]);
  if (!tables.has(SHEETS.settings.table)) throw new CoreError("not-a-ledger", "这不是积分台账工作簿：没有「设置」表格，请先运行 init");
  const contents = readLedger(tables);
  const stored = readWorkbookSchemes(tables.get(SCHEME_STORE.table));
  // A damaged version of the workbook's own scheme would silently score by the others: refuse instead.
  const damaged = stored.problems.filter((p) => p.id === contents.settings.get(SETTINGS_KEYS.schemeId));
  if (damaged.length) throw new CoreError("bad-scheme", damaged.map((p) => p.message).join("\n"));
  const versions = schemeOfSettings(contents.settings, stored.schemes);
  const scheme = versions[versions.length - 1];
  const year = settingsYear(contents.settings);
  if (year === null) throw new CoreError("no-year", `「${SHEETS.settings.sheet}」工作表中的${SETTINGS_KEYS.year}不是年份`);
  return { ...contents, scheme, versions, workbookSchemes: stored.schemes, year, tables };
}

export function scoreLedger(ledger: LoadedLedger, period: string): ScoreResult {
  return scoreMembers({ scheme: ledger.versions, members: ledger.members, entries: ledger.entries, appraisals: ledger.appraisals, period });
}

const IMPORT_TARGET: Record<ImportKind, keyof typeof SHEETS> = { roster: "roster", entries: "ledger", appraisals: "appraisals" };
const IMPORT_LABEL: Record<ImportKind, string> = { roster: "导入名册", entries: "导入积分记录", appraisals: "导入民主评议" };

/** Appends CSV rows to their tables (roster first, so entries can take names from it), logged, in one batch. */
export async function importCsvFiles(gateway: WorkbookGateway, files: Partial<Record<ImportKind, string>>, now = new Date()): Promise<Record<ImportKind, number>> {
  const ledger = await loadLedger(gateway);
  const counts: Record<ImportKind, number> = { roster: 0, entries: 0, appraisals: 0 };
  const ops = [];
  const log = [];
  let members = ledger.members;
  for (const kind of ["roster", "entries", "appraisals"] as const) {
    const csv = files[kind];
    if (csv === undefined) continue;
    const rows = importCsvRows(kind, csv, { scheme: ledger.scheme, members, year: ledger.year });
    const def = SHEETS[IMPORT_TARGET[kind]];
    // Roster rows are in layout order: 编号, 姓名, 党员类别 first.
    if (kind === "roster") members = [...members, ...rows.map((r) => ({ id: toText(r[0]), name: toText(r[1]), category: toText(r[2]) }))];
    counts[kind] = rows.length;
    if (rows.length === 0) continue;
    ops.push({ op: "appendRows" as const, table: def.table, rows, formats: formatsOf(def) });
    log.push({ action: IMPORT_LABEL[kind], sheet: def.sheet, range: "", detail: `追加 ${rows.length} 行` });
  }
  if (ops.length > 0) await gateway.apply([...ops, logOp(now, log)]);
  return counts;
}

/** One entry as the task pane's form holds it: text keyed by the ledger's headers (日期, 编号, 项目代码, 次数, 分值, 证明材料, 记录人, 说明). */
export type EntryForm = Readonly<Record<string, string>>;

export interface AppendedEntry {
  /** The sheet row the entry has (or would have) in 积分台账. */
  row: number;
  written: boolean;
  /** Validation of that row against the scheme and the ledger as it stands. */
  issues: ValidationIssue[];
}

/**
 * Appends one entry to 积分台账 after validating it in place (as the row it would become). A row with
 * errors is written only when the clerk insists (`force`): it then stays listed by validation and
 * counts for nothing until corrected. One read, one logged batch.
 */
export async function appendEntry(gateway: WorkbookGateway, form: EntryForm, options: { force?: boolean } = {}, now = new Date()): Promise<AppendedEntry> {
  const ledger = await loadLedger(gateway);
  const def = SHEETS.ledger;
  // Item name and fixed 分值 from the version in force on the entry's date.
  const date = toIsoDate(form["日期"] ?? "");
  const scheme = date ? versionInForce(ledger.versions, date) : ledger.scheme;
  const row = tableRowBuilder("entries", { scheme, members: ledger.members, year: ledger.year })(new Map(Object.entries(form)));
  const table = ledger.tables.get(def.table);
  if (!table) throw new CoreError("not-a-ledger", `没有「${def.sheet}」表格：请先在「开始」中生成台账`);
  const rowNumber = table.firstRow + table.rows.length;
  const tables = new Map(ledger.tables).set(def.table, { ...table, rows: [...table.rows, row], rowCount: table.rowCount + 1 });
  const issues = validateLedger({ tables, schemes: ledger.workbookSchemes }).issues.filter((i) => i.sheet === def.sheet && i.row === rowNumber);
  const written = options.force === true || !issues.some((i) => i.severity === "error");
  if (written) {
    const detail = `第${rowNumber}行 ${toText(row[1])} ${toText(row[3])}${issues.length ? `（${issues.length} 条校验提示）` : ""}`;
    await gateway.apply([{ op: "appendRows", table: def.table, rows: [row], formats: formatsOf(def) }, logOp(now, [{ action: "录入积分记录", sheet: def.sheet, range: "", detail }])]);
  }
  return { row: rowNumber, written, issues };
}

/**
 * The committee approves a period. Refused while rows of that period have validation errors: the
 * committee approves what the ledger says, so the ledger must be scoreable first.
 */
export async function approvePeriod(gateway: WorkbookGateway, period: string, approval: { date: string; meeting?: string }, now = new Date()): Promise<{ rows: number }> {
  const ledger = await loadLedger(gateway);
  const p = tryParsePeriod(period, ledger.scheme.cycleStartMonth);
  if (p) {
    const inPeriod = new Set(rowsInPeriod(ledger.tables.get(SHEETS.ledger.table), p, ledger.scheme.cycleStartMonth).map((r) => r.row));
    const errors = validateLedger({ tables: ledger.tables, schemes: ledger.workbookSchemes }).issues.filter((i) => i.severity === "error" && i.sheet === SHEETS.ledger.sheet && inPeriod.has(i.row));
    if (errors.length > 0) throw new ApprovalRefused(`${p.label} 有 ${errors.length} 条记录校验不通过，须先改正才能审定：\n${errors.map((e) => e.message).join("\n")}`);
  }
  const plan = planApproval(ledger.tables, ledger.scheme, period, approval, now);
  await gateway.apply(plan.ops);
  return { rows: plan.rows };
}

export async function recordAppeal(gateway: WorkbookGateway, input: AppealInput, now = new Date()): Promise<string> {
  const ledger = await loadLedger(gateway, ["appeals"]);
  const plan = planAppeal(ledger.tables, ledger.scheme, input, now);
  await gateway.apply(plan.ops);
  return plan.id;
}

export async function resolveAppeal(gateway: WorkbookGateway, resolution: Resolution, now = new Date()): Promise<number[]> {
  const ledger = await loadLedger(gateway, ["appeals"]);
  const plan = planResolution(ledger.tables, ledger.scheme, resolution, now);
  await gateway.apply(plan.ops);
  return plan.rows;
}

/** Approval periods of the ledger's cycle not yet approved (for schemes whose year is the sum of approved periods). */
export function unapprovedPeriods(ledger: LoadedLedger): string[] {
  return approvalStatus(ledger.tables, ledger.scheme, ledger.year)
    .filter((s) => !s.approved)
    .map((s) => s.period);
}

/**
 * Keeps a scheme version in the workbook (自定义方案) and, when asked, makes it the workbook's scheme
 * in 设置. Logged; one read, one batch.
 */
export async function saveWorkbookScheme(gateway: WorkbookGateway, scheme: Scheme, options: { activate: boolean }, now = new Date()): Promise<void> {
  const tables = await gateway.readTables([SHEETS.settings.table, SCHEME_STORE.table]);
  const ops = planSaveScheme(tables, scheme, options);
  const detail = `${scheme.name}（${scheme.id} 第${scheme.version}版，自 ${scheme.effectiveFrom} 起）${options.activate ? "，设为本工作簿方案" : ""}`;
  await gateway.apply([...ops, logOp(now, [{ action: "保存自定义方案", sheet: SCHEME_STORE.sheet, range: "", detail }])]);
}
