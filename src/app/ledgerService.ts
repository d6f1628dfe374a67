import { toIsoDate, toNumber, toText } from "../core/cells";
import { entryConsequence } from "../core/ledger/batchEntry";
import { type TakeBackPlan, type TakeBackRequest, planTakeBack } from "../core/ledger/takeBack";
import { entryPoints, entryPointsValue } from "../core/engine/entryPoints";
import { versionInForce } from "../core/scheme/versions";
import { CoreError, Refused } from "../core/errors";
import { type CycleInput, type CycleScores, ledgerEntries, scoreCycle } from "../core/engine/scoreMembers";
import type { ScoreResult } from "../core/engine/types";
import { type ImportKind, tableRowBuilder } from "../core/ledger/importCsv";
import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { SIDE_TABLES, validateSideStores } from "../core/stores";
import { KNOWN_TABLES, SIDE_SHEET_DEFS } from "../core/stores/knownTables";
import { logOp } from "../core/ledger/log";
import { LEDGER_TABLES, type LedgerModel, readLedger, readLedgerModel, readSettings, rowsOf, settingsYear } from "../core/ledger/readLedger";
import { type LedgerSettings, type ScaffoldPlan, formatsOf, headedByBranch, planScaffold } from "../core/ledger/scaffold";
import { checkReinit } from "../core/ledger/reinit";
import { SCHEME_STORE, planSaveScheme, readWorkbookSchemes, schemeVersions } from "../core/scheme/workbookSchemes";
import type { Scheme } from "../core/scheme/schema";
import { type ValidationIssue, type ValidationResult, structuralIssues, validateLedger } from "../core/validation/validateLedger";
import type { Cell, TableData } from "../core/sheetModel";
import { type AppealInput, type Resolution, planAppeal, planResolution } from "../core/approval/appeals";
import { approvalStatus, planApproval, rowsInPeriod } from "../core/approval/approvals";
import { ledgerNeedsUpgrade, planLedgerAppend, planRecordIds } from "../core/ledger/recordIds";
import { APPROVED_SCORES, readApprovedScores } from "../core/approval/approvedScores";
import { PREVIOUS_TOTALS, planPreviousTotals, readPreviousTotals } from "../core/carryOver/previousTotals";
import { DUES_STORE, duesEntries } from "../core/dues/duesRegister";
import type { ApprovedPeriod } from "../core/engine/types";
import { type Period, parsePeriod, periodDates, tryParsePeriod } from "../core/period";
import { type UnreadableCell, blocksPeriod, unreadableCells } from "../core/validation/scoreInputs";
import type { WorkbookGateway } from "./gateway";
import { type ImportCounts, type ImportOptions, type TextSource, planCsvImport } from "./importPlan";

/** Scaffold: one look at the workbook, one batch of changes. */
export async function scaffoldWorkbook(gateway: WorkbookGateway, scheme: Scheme, settings: LedgerSettings, now = new Date()): Promise<ScaffoldPlan & { filled: string[]; upgraded?: string[] }> {
  const snapshot = await gateway.inspect();
  // An existing ledger keeps its scheme, year and branch: another one is refused before anything is written.
  // A ledger from before 记录号 is read in the same go, to be brought up to date.
  const ledgerInfo = snapshot.tables.find((t) => t.name === SHEETS.ledger.table);
  const upgrade = ledgerInfo !== undefined && ledgerNeedsUpgrade(ledgerInfo.headers);
  const wanted = [...(snapshot.tables.some((t) => t.name === SHEETS.settings.table) ? [SHEETS.settings.table] : []), ...(upgrade ? [SHEETS.ledger.table] : [])];
  const read = wanted.length > 0 ? await gateway.readTables(wanted) : new Map<string, TableData>();
  const fill = checkReinit(read.get(SHEETS.settings.table), scheme, settings);
  // Sheets kept from before print setup are headed by the branch 设置 names when none is given now.
  const branch = settings.branch.trim() || branchOf(readSettings(read));
  const plan = planScaffold(snapshot, scheme, { ...settings, branch }, now, SIDE_SHEET_DEFS);
  const formats = formatsOf(SHEETS.settings);
  const ledger = read.get(SHEETS.ledger.table);
  const ids = ledger && plan.kept.includes(SHEETS.ledger.sheet) ? planRecordIds(ledger) : null;
  await gateway.apply([
    ...plan.ops,
    ...fill.map((f) => ({ op: "setCells" as const, table: SHEETS.settings.table, row: f.row, cells: { [f.column]: f.value }, formats })),
    ...(ids && ids.ops.length > 0 ? [...ids.ops, logOp(now, ids.log)] : []),
  ]);
  return { ...plan, filled: fill.map((f) => `${SETTINGS_KEYS.branch}：${f.value}`), ...(ids && ids.log.length > 0 ? { upgraded: ids.log.map((l) => l.detail) } : {}) };
}

export interface LoadedLedger extends LedgerModel {
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

function branchOf(settings: Map<string, string>): string {
  return settings.get(SETTINGS_KEYS.branch) ?? "";
}

/** The versions of the scheme named in 设置: the workbook's own (自定义方案) first, else the built-in. */
export function schemeOfSettings(settings: Map<string, string>, workbookSchemes: readonly Scheme[] = []): Scheme[] {
  const id = settings.get(SETTINGS_KEYS.schemeId);
  if (!id) throw new CoreError("no-scheme", `「${SHEETS.settings.sheet}」工作表中没有填写${SETTINGS_KEYS.schemeId}，请先运行 init 或在任务窗格中选择方案`);
  const versions = schemeVersions(id, workbookSchemes);
  if (!versions) throw new CoreError("unknown-scheme", `「${SHEETS.settings.sheet}」工作表中的方案「${id}」不是已知方案`);
  return versions;
}

/** Read with the ledger: what the committee approved, the appeals that may re-open an approved period, and the sheets that feed the scores (上年积分, 党费交纳). */
const APPROVAL_TABLES = [APPROVED_SCORES.table, SHEETS.appeals.table, PREVIOUS_TOTALS.table, DUES_STORE.table];

/** What the engine scores a cycle of the ledger from: its entries (with those 党费交纳 gives), last year's totals, the approvals. */
function cycleInput(ledger: LoadedLedger, approved: readonly ApprovedPeriod[]): CycleInput {
  const dues = duesEntries(ledger.tables.get(DUES_STORE.table), ledger.scheme);
  return {
    scheme: ledger.versions,
    members: ledger.members,
    entries: dues.length ? [...ledgerEntries(ledger.entries), ...dues] : ledger.entries,
    appraisals: ledger.appraisals,
    approved,
    previousTotals: readPreviousTotals(ledger.tables.get(PREVIOUS_TOTALS.table)),
  };
}

/** Validation of the ledger as the clerk left it, and of every sheet kept beside it: one read, never throws on bad data. */
export async function validateWorkbook(gateway: WorkbookGateway): Promise<ValidationResult> {
  // 操作日志 too: an approval it records whose 审定记录 are gone is an error. Every other table the add-in reads (积分规则 …): how it was found, what lies outside it.
  const tables = await gateway.readTables([...new Set([...LEDGER_TABLES.map((k) => SHEETS[k].table), ...APPROVAL_TABLES, SCHEME_STORE.table, ...SIDE_TABLES, SHEETS.log.table, ...KNOWN_TABLES.map((t) => t.table)])]);
  const schemes = readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes;
  const result = validateLedger({ tables, schemes });
  // Only the 设置 rows are read again: the ledger itself was read once, by validateLedger.
  const settings = readSettings(tables);
  const versions = settings.get(SETTINGS_KEYS.schemeId) ? schemeVersions(settings.get(SETTINGS_KEYS.schemeId)!, schemes) : null;
  const scheme = versions ? versions[versions.length - 1] : null;
  const more = validateSideStores({
    tables,
    scheme,
    year: settingsYear(settings),
    rosterIds: new Set(rowsOf(tables.get(SHEETS.roster.table)).map((r) => toText(r.values["编号"]))),
    ledger: () => readLedger(tables),
  });
  // Cells the scores cannot read (they refuse the scores): said here too, where no check above said it at that cell.
  const said = new Set([...result.issues, ...more].map((i) => `${i.sheet}!${i.column}${i.row}`));
  for (const { blocks: _, ...cell } of unreadableCells(tables, scheme)) if (!said.has(`${cell.sheet}!${cell.column}${cell.row}`)) more.push(cell);
  if (more.length === 0) return result;
  const issues = [...result.issues, ...more];
  return { issues, errors: issues.filter((i) => i.severity === "error").length, warnings: issues.filter((i) => i.severity === "warning").length };
}

/** The whole ledger in one read (plus any other tables the caller needs, by layout key or table name, in the same read). */
export async function loadLedger(gateway: WorkbookGateway, extra: (keyof typeof SHEETS)[] = [], moreTables: readonly string[] = []): Promise<LoadedLedger> {
  const tables = await gateway.readTables([...new Set([...[...LEDGER_TABLES, ...extra].map((k) => SHEETS[k].table), ...APPROVAL_TABLES, SCHEME_STORE.table, ...moreTables])]);
  if (![SHEETS.settings, SHEETS.roster, SHEETS.ledger].some((d) => tables.has(d.table))) throw new CoreError("not-a-ledger", "这不是积分台账工作簿：没有「设置」表格，请先运行 init");
  requireSoundStructure(tables);
  const contents = readLedgerModel(tables);
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

/**
 * A ledger whose structure is broken (a table or a header scores depend on is missing, rows typed
 * below a table) is never scored as a smaller one: every score, report and approval is refused with
 * the errors at their cells. Warnings (a table read by its header row) do not block.
 */
export function requireSoundStructure(tables: ReadonlyMap<string, TableData>): void {
  const errors = structuralIssues(tables).filter((i) => i.severity === "error");
  if (errors.length === 0) return;
  const lines = errors.slice(0, 20).map((e) => `  ${e.sheet}!${e.column}${e.row} ${e.message}`);
  if (errors.length > 20) lines.push(`  ……另有 ${errors.length - 20} 处（运行 validate 查看全部）`);
  throw new Refused("structure", `台账结构有 ${errors.length} 处错误，不能计分、生成报表或审定：\n${lines.join("\n")}\n改正后重试（被转换为普通区域的表格、表格下方的行：运行 repair，或在任务窗格「校验」中点「修复表格」）`);
}

/** The cells each loaded ledger's scores read that cannot be read, found once. */
const unreadable = new WeakMap<LoadedLedger, UnreadableCell[]>();

/** The cells the scores read that cannot be read (text in a number column, #REF! / #N/A, a 评议等次 none of the scheme's). */
export function unreadableCellsOf(ledger: LoadedLedger): UnreadableCell[] {
  let cells = unreadable.get(ledger);
  if (!cells) unreadable.set(ledger, (cells = unreadableCells(ledger.tables, ledger.scheme)));
  return cells;
}

/**
 * A period whose scores read a cell that cannot be read is never scored without it (its row would drop
 * out of the totals unnoticed): scores, reports and approval of the period are refused, each cell named.
 */
export function requireReadableCells(ledger: LoadedLedger, period: Period): void {
  // Every version's grants: a period reaches back as far as any of them makes it.
  const unreadable = unreadableCellsOf(ledger);
  // Called for every period scored: nothing more is read while every cell reads.
  if (unreadable.length === 0) return;
  const cycleStartMonth = ledger.versions[0].cycleStartMonth;
  const reach = { cycleStartMonth, components: ledger.versions.flatMap((v) => v.components) };
  // Approved periods' points are final (frozen): a cell of their months reaches no later period.
  const approved = readApprovedScores(ledger.tables.get(APPROVED_SCORES.table)).flatMap((a) => {
    const p = tryParsePeriod(a.label, cycleStartMonth);
    return p ? [periodDates(p, cycleStartMonth)] : [];
  });
  const cells = unreadable.filter((c) => blocksPeriod(c, period, reach, approved));
  if (cells.length === 0) return;
  const lines = cells.slice(0, 20).map((c) => `  ${c.sheet}!${c.column}${c.row} ${c.message}`);
  if (cells.length > 20) lines.push(`  ……另有 ${cells.length - 20} 处（运行 validate 查看全部）`);
  throw new Refused("unreadable", `${period.label} 用到的 ${cells.length} 个单元格无法读取，不能计分、生成报表或审定（这些行不会当作 0 或略过不计）：\n${lines.join("\n")}\n改正这些单元格后重试`);
}

/** Each loaded ledger's cycles, read once however many periods a request scores (its inputs kept to notice a changed ledger object). */
const cycles = new WeakMap<LoadedLedger, { inputs: readonly unknown[]; byYear: Map<number, CycleScores> }>();

/** The ledger's cycle of `cycleYear`, from which every period of it is scored. */
export function ledgerCycle(ledger: LoadedLedger, cycleYear: number): CycleScores {
  const inputs = [ledger.versions, ledger.members, ledger.entries, ledger.appraisals];
  let cached = cycles.get(ledger);
  if (!cached || cached.inputs.some((x, i) => x !== inputs[i])) cycles.set(ledger, (cached = { inputs, byYear: new Map() }));
  let cycle = cached.byYear.get(cycleYear);
  if (!cycle) {
    const scores = scoreCycle(cycleInput(ledger, readApprovedScores(ledger.tables.get(APPROVED_SCORES.table))), cycleYear);
    const start = ledger.versions[0].cycleStartMonth;
    // Every period scored from the cycle is first held to the cells it reads (requireReadableCells).
    const checked = (p: Period | string) => {
      const period = typeof p === "string" ? parsePeriod(p, start) : p;
      requireReadableCells(ledger, period);
      return period;
    };
    cached.byYear.set(
      cycleYear,
      (cycle = { cycleYear: scores.cycleYear, score: (p) => scores.score(checked(p)), contributions: (p) => scores.contributions(checked(p)) }),
    );
  }
  return cycle;
}

export function scoreLedger(ledger: LoadedLedger, period: string): ScoreResult {
  const p = parsePeriod(period, ledger.versions[0].cycleStartMonth);
  return ledgerCycle(ledger, p.cycleYear).score(p);
}

/**
 * Appends CSV / text files to their tables (roster first, so entries can take names from it), logged,
 * in one batch. A file is bytes as read (the encoding is detected: UTF-8 with or without BOM, GBK /
 * GB18030, UTF-16) or text, optionally with its name; the separator is detected. The result counts
 * the rows of each kind and reports how each file was read (`inputs[].summary`, `inputs[].notes`).
 * A file is read piece by piece, holding only the rows it gives; `options.onProgress` follows a long import.
 */
export async function importCsvFiles(gateway: WorkbookGateway, files: Partial<Record<ImportKind, TextSource>>, now = new Date(), options: ImportOptions = {}): Promise<ImportCounts> {
  const ledger = await loadLedger(gateway);
  const plan = planCsvImport({ scheme: ledger.scheme, members: ledger.members, year: ledger.year }, files, now, ledger.tables, options);
  if (plan.ops.length > 0) {
    options.onProgress?.({ phase: "write", rows: plan.result.roster + plan.result.entries + plan.result.appraisals });
    await gateway.apply(headedByBranch(plan.ops, branchOf(ledger.settings)));
  }
  return plan.result;
}

/** One entry as the task pane's form holds it: text keyed by the ledger's headers (日期, 编号, 项目代码, 次数, 分值, 证明材料, 记录人, 说明). */
export type EntryForm = Readonly<Record<string, string>>;

export interface AppendedEntry {
  /** The sheet row the entry has (or would have) in 积分台账. */
  row: number;
  written: boolean;
  /** The 记录号 it was given (when written). */
  id?: number;
  /** Validation of that row against the scheme and the ledger as it stands. */
  issues: ValidationIssue[];
}

export interface AppendedEntries {
  /** Sheet rows the entries have (or would have), in order. */
  rows: number[];
  /** Their 记录号 (when written). */
  ids: number[];
  written: boolean;
  /** Validation of those rows against the scheme and the ledger as it stands. */
  issues: ValidationIssue[];
  /** Issues no insisting writes past: a row in an approved period, required evidence missing. */
  blocking: ValidationIssue[];
  /** Consequences the clerk has not confirmed yet (一票否决, heavy points): nothing was written. */
  confirmations: string[];
}

export interface EntryWriteOptions {
  /** Write rows with validation errors (listed by validation, scoring nothing until corrected); never past `blocking`. */
  force?: boolean;
  /** The clerk confirmed the consequences (一票否决, heavy points). */
  confirmed?: boolean;
}

/** Never written, insisted or not: what the committee approved changes only through an appeal; required evidence is required. */
const UNFORCEABLE = new Set(["approved-period-edited", "evidence-missing"]);

/**
 * Appends entries to 积分台账 after validating them in place (as the rows they would become), all or
 * none. Rows with errors are written only when the clerk insists (`force`), never into an approved
 * period nor without evidence the scheme requires; a veto or heavy points only once confirmed.
 * One read, one logged batch.
 */
export async function appendEntries(gateway: WorkbookGateway, forms: readonly EntryForm[], options: EntryWriteOptions = {}, now = new Date()): Promise<AppendedEntries> {
  if (forms.length === 0) throw new Refused("entry", "没有要写入的记录：请选择党员");
  const ledger = await loadLedger(gateway);
  const def = SHEETS.ledger;
  const table = ledger.tables.get(def.table);
  if (!table) throw new CoreError("not-a-ledger", `没有「${def.sheet}」表格：请先在「开始」中生成台账`);
  const confirmations: string[] = [];
  const rows = forms.map((form) => {
    // Item name and fixed 分值 from the version in force on the entry's date.
    const date = toIsoDate(form["日期"] ?? "");
    const scheme = date ? versionInForce(ledger.versions, date) : ledger.scheme;
    const row = tableRowBuilder("entries", { scheme, members: ledger.members, year: ledger.year })(new Map(Object.entries(form)));
    const item = scheme.items.find((i) => i.code.toUpperCase() === toText(row[3]).toUpperCase());
    if (item && date) {
      const count = toNumber(row[5]);
      const value = toNumber(row[6]);
      const points = entryPoints(item, count ?? undefined, value ?? undefined);
      const cycleYear = parsePeriod(date.slice(0, 7), scheme.cycleStartMonth).cycleYear;
      const said = entryConsequence(
        { code: item.code, name: item.name, veto: item.points.kind === "veto", heavy: item.heavy },
        { name: toText(row[2]) || toText(row[1]), points: points.ok ? entryPointsValue(points) : null, cycleYear },
      );
      if (said) confirmations.push(said);
    }
    return row;
  });
  // Validated as the rows they would become, in the table as the write would leave it (记录号 and all).
  const append = planLedgerAppend(table, rows);
  const ours = new Set(append.rowNumbers);
  const tables = new Map(ledger.tables).set(def.table, append.table);
  const issues = validateLedger({ tables, schemes: ledger.workbookSchemes }).issues.filter((i) => i.sheet === def.sheet && ours.has(i.row));
  const blocking = issues.filter((i) => UNFORCEABLE.has(i.code));
  const errors = issues.some((i) => i.severity === "error");
  const unconfirmed = options.confirmed === true ? [] : confirmations;
  const written = blocking.length === 0 && (!errors || options.force === true) && unconfirmed.length === 0;
  if (written) {
    const detail = (row: readonly Cell[], i: number) => `第${append.rowNumbers[i]}行（记录号 ${append.ids[i]}） ${toText(row[1])} ${toText(row[3])}`;
    const hints = issues.length ? `（${issues.length} 条校验提示）` : "";
    const log =
      rows.length === 1
        ? [{ action: "录入积分记录", sheet: def.sheet, range: "", detail: `${detail(rows[0], 0)}${hints}` }]
        : [{ action: "批量录入积分记录", sheet: def.sheet, range: `第${append.rowNumbers[0]}-${append.rowNumbers[rows.length - 1]}行`, detail: `${rows.length} 条：${rows.map((r, i) => detail(r, i)).join("；")}${hints}` }];
    await gateway.apply([...append.ops, logOp(now, [...append.log, ...log])]);
  }
  return { rows: append.rowNumbers, ids: written ? append.ids : [], written, issues, blocking, confirmations: unconfirmed };
}

/**
 * Appends one entry (see appendEntries). A row with errors is written only when the clerk insists
 * (`force`); a veto or heavy points are written here without confirmation (callers without a pane).
 */
export async function appendEntry(gateway: WorkbookGateway, form: EntryForm, options: { force?: boolean } = {}, now = new Date()): Promise<AppendedEntry> {
  const result = await appendEntries(gateway, [form], { force: options.force, confirmed: true }, now);
  return { row: result.rows[0], written: result.written, issues: result.issues, ...(result.written ? { id: result.ids[0] } : {}) };
}

/**
 * 撤销本条: appends the reversing row of a mistaken row of an open period (see planTakeBack); the
 * sheet row and 记录号 written. One read, one logged batch.
 */
export async function takeBackEntry(gateway: WorkbookGateway, request: TakeBackRequest, now = new Date()): Promise<{ row: number; id: number; original: TakeBackPlan["original"] }> {
  const ledger = await loadLedger(gateway);
  const plan = planTakeBack(ledger.tables, ledger.scheme, request);
  const row = plan.rowNumbers[0];
  const tables = new Map(ledger.tables).set(SHEETS.ledger.table, plan.table);
  // Only what is wrong with the reversal itself refuses it (a mistaken row may have had errors of its own).
  const wrong = validateLedger({ tables, schemes: ledger.workbookSchemes }).issues.filter(
    (i) => i.sheet === SHEETS.ledger.sheet && i.row === row && i.severity === "error" && (i.code === "approved-period-edited" || i.code.startsWith("reversal") || i.code === "reversed-twice"),
  );
  if (wrong.length) throw new Refused("entry", `不能撤销：${wrong.map((i) => i.message).join("；")}`);
  const { original } = plan;
  const detail = `第${row}行（记录号 ${plan.ids[0]}）撤销第${original.row}行（记录号 ${original.id}） ${original.memberId} ${original.name} ${original.itemCode}`;
  await gateway.apply([...plan.ops, logOp(now, [...plan.log, { action: "撤销积分记录", sheet: SHEETS.ledger.sheet, range: "", detail }])]);
  return { row, id: plan.ids[0], original };
}

/**
 * The committee approves a period. Refused while rows of that period have validation errors: the
 * committee approves what the ledger says, so the ledger must be scoreable first.
 */
export async function approvePeriod(gateway: WorkbookGateway, period: string, approval: { date: string; meeting?: string }, now = new Date()): Promise<{ rows: number; version: number }> {
  const ledger = await loadLedger(gateway);
  const p = tryParsePeriod(period, ledger.scheme.cycleStartMonth);
  if (p) {
    const inPeriod = new Set(rowsInPeriod(ledger.tables.get(SHEETS.ledger.table), p, ledger.scheme.cycleStartMonth).map((r) => r.row));
    const errors = validateLedger({ tables: ledger.tables, schemes: ledger.workbookSchemes }).issues.filter((i) => i.severity === "error" && i.sheet === SHEETS.ledger.sheet && inPeriod.has(i.row));
    if (errors.length > 0) throw new Refused("approval", `${p.label} 有 ${errors.length} 条记录校验不通过，须先改正才能审定：\n${errors.map((e) => e.message).join("\n")}`);
    requireReadableCells(ledger, p);
  }
  // Each member's points as the ledger stands are what the committee approves (final from now on).
  // On a re-approval the period's earlier approval gives way to the ledger as the appeal corrected it.
  const others = readApprovedScores(ledger.tables.get(APPROVED_SCORES.table)).filter((a) => a.label !== p?.label);
  const cycle = p ? scoreCycle(cycleInput(ledger, others), p.cycleYear) : null;
  const scores = p && cycle ? { result: cycle.score(p), contributions: cycle.contributions(p) } : undefined;
  const plan = planApproval(ledger.tables, ledger.scheme, period, approval, now, scores);
  await gateway.apply(headedByBranch(plan.ops, branchOf(ledger.settings)));
  return { rows: plan.rows, version: plan.version };
}

export async function recordAppeal(gateway: WorkbookGateway, input: AppealInput, now = new Date()): Promise<string> {
  const ledger = await loadLedger(gateway, ["appeals"]);
  const plan = planAppeal(ledger.tables, ledger.scheme, input, now);
  await gateway.apply(plan.ops);
  return plan.id;
}

/** Resolves an appeal; the sheet rows and 记录号 of the rows it added to the ledger. */
export async function resolveAppeal(gateway: WorkbookGateway, resolution: Resolution, now = new Date()): Promise<{ rows: number[]; ids: number[] }> {
  const ledger = await loadLedger(gateway, ["appeals"]);
  const plan = planResolution(ledger.tables, ledger.scheme, resolution, now);
  await gateway.apply(plan.ops);
  return { rows: plan.rows, ids: plan.ids };
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
  const ops = headedByBranch(planSaveScheme(tables, scheme, options), branchOf(readSettings(tables)));
  const detail = `${scheme.name}（${scheme.id} 第${scheme.version}版，自 ${scheme.effectiveFrom} 起）${options.activate ? "，设为本工作簿方案" : ""}`;
  await gateway.apply([...ops, logOp(now, [{ action: "保存自定义方案", sheet: SCHEME_STORE.sheet, range: "", detail }])]);
}

/**
 * 上年积分 from last year's ledger: each member's total of its cycle as it scores there (approved
 * periods as approved), for schemes whose base carries over. Replaces what 上年积分 held, logged.
 */
export async function carryPreviousTotals(gateway: WorkbookGateway, previous: WorkbookGateway, source: string, now = new Date()): Promise<{ year: number; members: number }> {
  const last = await loadLedger(previous);
  const ledger = await loadLedger(gateway);
  if (last.year >= ledger.year) throw new Refused("carry-over", `上年台账的年度是 ${last.year}，不早于本台账的 ${ledger.year} 年度`);
  const result = scoreLedger(last, String(last.year));
  await gateway.apply(headedByBranch(planPreviousTotals(ledger.tables.get(PREVIOUS_TOTALS.table), result.members, `${source}（${last.year} 年度总分）`, now), branchOf(ledger.settings)));
  return { year: last.year, members: result.members.length };
}
