import { isBlank, toIsoDate, toText } from "../core/cells";
import type { LedgerColumns } from "../core/engine/types";
import { liveEntryTest } from "../core/engine/scoreMembers";
import { type RepairResult, repairTables } from "../app/repairTables";
import { describeItemPoints } from "../core/engine/entryPoints";
import { MEMBER_STATUSES, SETTINGS_KEYS, SHEETS, TRANSFERRED_IN } from "../core/ledger/layout";
import { readSettings, rowsOf } from "../core/ledger/readLedger";
import { SCHEME_STORE, readWorkbookSchemes } from "../core/scheme/workbookSchemes";
import { CoreError } from "../core/errors";
import type { ImportCounts } from "../app/importPlan";
import { type TableImportResult, importTableRows } from "../app/tableImport";
import { type RosterFile, openRosterFile } from "./rosterFile";
import {
  type AppraisalRecord,
  type AppraisalWrite,
  type MemberChange,
  type MemberForm,
  type RosterFilePreview,
  type RosterPastePreview,
  type RosterWrite,
  addMember,
  appraisalOf,
  appraisalsOfYear,
  gradesBestFirst,
  previewRosterPaste,
  previewRosterWorkbook,
  probationCategory,
  saveAppraisals,
  updateMember,
} from "../app/memberService";
import { parsePeriod, subPeriods } from "../core/period";
import { REPORT_FORMS, type ReportFormName, reportPeriodKind, schemeForms } from "../core/reports";
import { type ReportCheck, checkReport } from "../app/reportCheck";
import { type WorkbookSettings, readWorkbookSettings, saveWorkbookSettings } from "../app/settingsService";
import type { EditableSettings, SettingChange } from "../core/ledger/settings";
import type { ScaffoldConflict } from "../core/ledger/scaffold";
import { findBuiltinScheme, getBuiltinScheme } from "../core/scheme/presets";
import type { Scheme } from "../core/scheme/schema";
import type { ValidationResult } from "../core/validation/validateLedger";
import { type AppealInput, type Resolution } from "../core/approval/appeals";
import { type ApprovedEdit, approvalStatus, findApprovedEdits, periodsAwaitingReapproval } from "../core/approval/approvals";
import { textRecords } from "../core/stores/storeRows";
import {
  type AppendedEntries,
  type EntryForm,
  appendEntries,
  approvePeriod,
  importCsvFiles,
  type LoadedLedger,
  loadLedger,
  recordAppeal,
  resolveAppeal,
  saveWorkbookScheme,
  scaffoldWorkbook,
  schemeOfSettings,
  scoreLedger,
  takeBackEntry,
  validateWorkbook,
} from "../app/ledgerService";
import { type TakeBackRequest, approvalCovering } from "../core/ledger/takeBack";
import { RECORD_ID, recordNumber, reversalColumns, reversalTarget, rowKey } from "../core/ledger/recordIds";
import { writeReport } from "../app/reportService";
import { addBranchScore, addCommitment, branchStarsOf, redeemPoints, redemptionBalancesOf, saveBranchStars, saveGradingRecord, updateCommitment } from "../app/sideStores";
import type { RedemptionBalance, RedemptionInput } from "../core/redemption/redemption";
import { COMMITMENT_STORE, type CommitmentInput, type CommitmentRecord, type CommitmentUpdate, commitmentItems, commitmentRows } from "../core/commitments/commitments";
import { type BranchStarInput, type BranchStarRecord, starLevels, starNames, starRollup } from "../core/stars/branchStars";
import { GRADING_STORE, type GradingInput, type GradingRecord, readGrading } from "../core/grading/classifiedGrading";
import { BRANCH_SCORE_KINDS, BRANCH_SCORE_STORE, type BranchScoreInput, type BranchYear, scoreBranchMonths } from "../core/branchScores/branchScores";
import type { LedgerHost } from "./host";

/** A task-pane action: a name for the log and the progress line, and the work, through the host's gateway. */
export interface Action<I, R> {
  name: string;
  perform(host: LedgerHost, input: I): Promise<R>;
}

export interface ScaffoldInput {
  schemeId: string;
  branch: string;
  year: number;
  secretary: string;
  recorder?: string;
  appealContact?: string;
}

export interface ScaffoldOutcome {
  added: string[];
  kept: string[];
  conflicts: ScaffoldConflict[];
}

export const scaffoldAction: Action<ScaffoldInput, ScaffoldOutcome> = {
  name: "生成台账",
  async perform(host, input) {
    // The workbook's own scheme (a branch's copy) when 补齐工作表 runs on it; else the built-in chosen.
    let scheme = findBuiltinScheme(input.schemeId);
    if (!scheme) {
      const own = (await loadLedger(host.gateway)).scheme;
      scheme = own.id === input.schemeId ? own : getBuiltinScheme(input.schemeId);
    }
    const plan = await scaffoldWorkbook(host.gateway, scheme, {
      branch: input.branch,
      year: input.year,
      secretary: input.secretary,
      clerk: input.recorder,
      contact: input.appealContact,
    });
    await host.schemeChanged();
    return { added: plan.added, kept: plan.kept, conflicts: plan.conflicts };
  },
};

/** 开始: the workbook's 设置 (branch, secretary, 记录人, 申诉联系人, 公示天数, scheme, year). */
export const loadSettingsAction: Action<void, WorkbookSettings> = {
  name: "读取设置",
  perform: (host) => readWorkbookSettings(host.gateway),
};

/** Writes the changed 设置 rows, logged; the changes made (none: nothing written). */
export const saveSettingsAction: Action<EditableSettings, SettingChange[]> = {
  name: "保存设置",
  perform: (host, values) => saveWorkbookSettings(host.gateway, values),
};

export const validateAction: Action<void, ValidationResult> = {
  name: "校验台账",
  perform: (host) => validateWorkbook(host.gateway),
};

/** 修复表格: tables converted to a range re-created over their cells, rows typed below a table taken in (no cell changes). */
export const repairTablesAction: Action<void, RepairResult> = {
  name: "修复表格",
  perform: (host) => repairTables(host.gateway),
};

/** One write for the whole batch (a single entry is a batch of one); see appendEntries. */
export const appendEntriesAction: Action<{ forms: EntryForm[]; force?: boolean; confirmed?: boolean }, AppendedEntries> = {
  name: "录入积分记录",
  perform: (host, input) => appendEntries(host.gateway, input.forms, { force: input.force, confirmed: input.confirmed }),
};

/** 撤销本条: a reversing row for a mistaken row of an open period. */
export const takeBackAction: Action<TakeBackRequest, { row: number; id: number }> = {
  name: "撤销积分记录",
  perform: (host, input) => takeBackEntry(host.gateway, input),
};

export interface ItemChoice {
  code: string;
  name: string;
  /** "-2分/次", "-4至-1分/次（酌情）", "一票否决". */
  points: string;
  /** A discretionary item: the clerk types the 分值. */
  needsValue: boolean;
  /** 分值 per occurrence of a fixed item; null otherwise. */
  fixed: number | null;
  veto: boolean;
  /** The scheme's say on confirming it (see entryConsequence). */
  heavy?: boolean;
  evidenceRequired: boolean;
  /** Categories the item applies to; empty = all. */
  categories: string[];
}

/** A ledger row as the 录入 pane lists it. */
export interface RecentRow {
  row: number;
  /** 记录号; null for a row typed by hand (numbered at the next write). */
  id: number | null;
  date: string;
  memberId: string;
  name: string;
  item: string;
  points: string;
  /** "approved": in an approved period (changed only through an appeal); "reversed": already taken back; "reversal": a reversing row. */
  state: "open" | "approved" | "reversed" | "reversal";
  /** The approved period, for the message. */
  approvedPeriod?: string;
}

export interface EntryContext {
  schemeName: string;
  year: number;
  cycleStartMonth: number;
  members: { id: string; name: string; category: string }[];
  /** Items by component, in scheme order; veto items last. */
  itemGroups: { component: string; items: ItemChoice[] }[];
  /** The last rows of 积分台账, newest first. */
  recent: RecentRow[];
  /** Each member's last rows, newest first (for 撤销本条). */
  recentByMember: Record<string, RecentRow[]>;
  /** 记录人 from 设置 (empty when 设置 has none). */
  recorder: string;
}

const RECENT_ROWS = 5;
/** Rows of the selected member offered for 撤销本条. */
export const MEMBER_RECENT_ROWS = 8;

/** What the 录入 form offers: the roster, the scheme's items grouped by component, the latest rows. One read. */
export const loadEntryContextAction: Action<void, EntryContext> = {
  name: "读取台账",
  async perform(host) {
    const ledger = await loadLedger(host.gateway);
    const { scheme } = ledger;
    const choice = (i: (typeof scheme.items)[number]): ItemChoice => ({
      code: i.code,
      name: i.name,
      points: describeItemPoints(i),
      needsValue: i.points.kind === "range",
      fixed: i.points.kind === "fixed" ? i.points.value : null,
      veto: i.points.kind === "veto",
      ...(i.heavy !== undefined ? { heavy: i.heavy } : {}),
      evidenceRequired: i.evidenceRequired === true,
      categories: i.categories ? [...i.categories] : [],
    });
    const groups = scheme.components
      .filter((c) => c.kind === "points")
      .map((c) => ({ component: c.name, items: scheme.items.filter((i) => i.points.kind !== "veto" && i.component === c.id).map(choice) }));
    const vetoes = scheme.items.filter((i) => i.points.kind === "veto").map(choice);
    if (vetoes.length) groups.push({ component: "一票否决", items: vetoes });
    const table = ledger.tables.get(SHEETS.ledger.table);
    const columns = reversalColumns(table?.headers ?? []);
    const rows = rowsOf(table).filter((r) => Object.values(r.values).some((v) => !isBlank(v)));
    const reversed = new Set(rows.flatMap((r) => reversalTarget(r, columns) ?? []));
    const approvedOf = new Map<string, string | null>();
    const listed = (r: (typeof rows)[number]): RecentRow => {
      const v = r.values;
      const date = toIsoDate(v["日期"]) ?? toText(v["日期"]);
      if (!approvedOf.has(date)) approvedOf.set(date, approvalCovering(ledger.tables, scheme.cycleStartMonth, date)?.period ?? null);
      const approvedPeriod = approvedOf.get(date) ?? undefined;
      const key = rowKey(r, columns.keys);
      const state = reversalTarget(r, columns) !== null ? "reversal" : approvedPeriod ? "approved" : key !== null && reversed.has(key) ? "reversed" : "open";
      return {
        row: r.row,
        id: recordNumber(v[RECORD_ID] ?? null),
        date,
        memberId: toText(v["编号"]),
        name: toText(v["姓名"]) || toText(v["编号"]),
        item: `${toText(v["项目代码"])} ${toText(v["项目名称"])}`.trim(),
        points: toText(v["分值"]),
        state,
        ...(approvedPeriod ? { approvedPeriod } : {}),
      };
    };
    const recentByMember: Record<string, RecentRow[]> = {};
    for (let i = rows.length - 1; i >= 0; i--) {
      const id = toText(rows[i].values["编号"]);
      const mine = (recentByMember[id] ??= []);
      if (mine.length < MEMBER_RECENT_ROWS) mine.push(listed(rows[i]));
    }
    return {
      schemeName: scheme.name,
      year: ledger.year,
      cycleStartMonth: scheme.cycleStartMonth,
      members: ledger.members.map((m) => ({ id: m.id, name: m.name, category: m.category })),
      itemGroups: groups.filter((g) => g.items.length > 0),
      recent: rows.slice(-RECENT_ROWS).reverse().map(listed),
      recentByMember,
      recorder: ledger.settings.get(SETTINGS_KEYS.recorder) ?? "",
    };
  },
};

export interface ReportChoices {
  forms: { name: ReportFormName; title: string; periods: string[] }[];
}

/** For each form the scheme uses (every one of them), the periods of the ledger's cycle it is made for (by the scheme's cadence). */
export const loadReportChoicesAction: Action<void, ReportChoices> = {
  name: "读取台账",
  async perform(host) {
    const { scheme, year } = await loadLedger(host.gateway);
    const cycle = parsePeriod(String(year), scheme.cycleStartMonth);
    return {
      forms: schemeForms(scheme).map((name) => {
        const form = REPORT_FORMS[name];
        const kind = reportPeriodKind(form, scheme);
        const periods = kind === "cycle" ? [cycle.label] : subPeriods(cycle, kind, scheme.cycleStartMonth).map((p) => p.label);
        return { name, title: form.title, periods };
      }),
    };
  },
};

export interface WrittenReport {
  sheets: string[];
  /** The first rows of the first sheet, as text, to show in the pane. */
  top: string[][];
  warnings: string[];
  /** Sheets of the form's name kept as the clerk left them (the form written beside each), in Chinese. */
  kept: string[];
}

const TOP_ROWS = 8;

/** Before writing: errors, rows left out, unapproved or unfinished periods, an empty roster, a posted 公示 kept. Nothing written. */
export const checkReportAction: Action<{ form: ReportFormName; period: string; today: string }, ReportCheck> = {
  name: "检查报表",
  perform: (host, input) => checkReport(host.gateway, input.form, input.period, input.today),
};

/** Writes a committee sheet (never into a ledger sheet) and shows it. */
export const writeReportAction: Action<{ form: ReportFormName; period: string; today: string }, WrittenReport> = {
  name: "生成报表",
  async perform(host, input) {
    const { models, warnings, kept } = await writeReport(host.gateway, input.form, input.period, input.today);
    await host.showSheet(models[0].name);
    const top = models[0].rows.slice(0, TOP_ROWS).map((row) => row.map((c) => (c.formula ? c.formula : c.value === null || c.value === undefined ? "" : String(c.value))));
    return { sheets: models.map((m) => m.name), top, warnings, kept: kept.map((k) => k.message) };
  },
};

export interface AppealSummary {
  id: string;
  memberId: string;
  name: string;
  period: string;
  claim: string;
  /** 处理结果; empty while the appeal is open. */
  result: string;
}

export interface ReviewState {
  /** Each approval period of the cycle (quarters or halves, per scheme) and whether the committee approved it. */
  periods: { period: string; approved: boolean }[];
  /** Approved periods with an appeal resolved since: awaiting re-approval. */
  reopened: string[];
  /** Rows of approved periods changed since approval. */
  edits: ApprovedEdit[];
  appeals: AppealSummary[];
  members: { id: string; name: string }[];
}

/** 申诉 and 审定: approval status, edits since approval, the appeals register. One read. */
export const loadReviewAction: Action<void, ReviewState> = {
  name: "读取审定与申诉",
  async perform(host) {
    const ledger = await loadLedger(host.gateway, ["appeals"]);
    const fields = { id: "申诉编号", memberId: "编号", name: "姓名", period: "期间", claim: "申诉事项", result: "处理结果" } as const;
    return {
      periods: approvalStatus(ledger.tables, ledger.scheme, ledger.year),
      reopened: periodsAwaitingReapproval(ledger.tables),
      edits: findApprovedEdits(ledger.tables, ledger.scheme),
      appeals: textRecords(ledger.tables.get(SHEETS.appeals.table), fields, "claim").map(({ row: _row, values: _values, ...a }) => a),
      members: ledger.members.map((m) => ({ id: m.id, name: m.name })),
    };
  },
};

export const approveAction: Action<{ period: string; date: string; meeting: string }, { rows: number }> = {
  name: "审定",
  perform: (host, input) => approvePeriod(host.gateway, input.period, { date: input.date, meeting: input.meeting || undefined }),
};

export const recordAppealAction: Action<AppealInput, string> = {
  name: "登记申诉",
  perform: (host, input) => recordAppeal(host.gateway, input),
};

export const resolveAppealAction: Action<Resolution, { rows: number[]; ids: number[] }> = {
  name: "处理申诉",
  perform: (host, input) => resolveAppeal(host.gateway, input),
};

export interface RulesState {
  /** The workbook's scheme in its latest version. */
  scheme: Scheme;
  versions: { version: number; effectiveFrom: string }[];
  /** A built-in is read-only: the branch edits its own copy. */
  builtin: boolean;
  /** Ids of the schemes the workbook keeps. */
  workbookIds: string[];
  /** The dates of the ledger's entries, by item code (to warn before an item in use is removed). */
  entryDates: Record<string, string[]>;
}

/** Live entries only: a reversed entry and its reversing row count toward nothing. */
function entryDatesByItem(columns: LedgerColumns): Record<string, string[]> {
  const dates: Record<string, string[]> = {};
  const { texts, date, itemCode } = columns;
  const live = liveEntryTest(columns);
  for (let i = 0; i < columns.length; i++) {
    if (!live(i)) continue;
    const day = texts[date[i]];
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) (dates[texts[itemCode[i]].toUpperCase()] ??= []).push(day);
  }
  return dates;
}

export const loadRulesAction: Action<void, RulesState> = {
  name: "读取积分规则",
  async perform(host) {
    const ledger = await loadLedger(host.gateway);
    return {
      scheme: ledger.scheme,
      versions: ledger.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom })),
      builtin: findBuiltinScheme(ledger.scheme.id) !== undefined && !ledger.workbookSchemes.some((s) => s.id === ledger.scheme.id),
      workbookIds: [...new Set(ledger.workbookSchemes.map((s) => s.id))],
      entryDates: entryDatesByItem(ledger.entries),
    };
  },
};

/** Stores a scheme version in the workbook and makes it the workbook's scheme. */
export const saveSchemeAction: Action<Scheme, Scheme> = {
  name: "保存积分方案",
  async perform(host, scheme) {
    await saveWorkbookScheme(host.gateway, scheme, { activate: true });
    await host.schemeChanged();
    return scheme;
  },
};

/** 积分兑换: every member's approved points, redeemed points and balance. */
export const loadRedemptionAction: Action<void, RedemptionBalance[]> = {
  name: "读取积分兑换",
  perform: (host) => redemptionBalancesOf(host.gateway),
};

/** A redemption the balance covers; beyond it, refused with the balance in the message. */
export const redeemAction: Action<RedemptionInput, RedemptionBalance> = {
  name: "积分兑换",
  perform: (host, input) => redeemPoints(host.gateway, input),
};

export interface CommitmentState {
  year: number;
  members: { id: string; name: string }[];
  commitments: CommitmentRecord[];
  /** The items that score a kept or broken commitment in this scheme, if any. */
  items: { fulfilled: string | null; broken: string | null };
}

/** 承诺事项: the register as it stands, the roster, and how the scheme scores commitments. One read. */
export const loadCommitmentsAction: Action<void, CommitmentState> = {
  name: "读取承诺事项",
  async perform(host) {
    const ledger = await loadLedger(host.gateway, [], [COMMITMENT_STORE.table]);
    return {
      year: ledger.year,
      members: ledger.members.map((m) => ({ id: m.id, name: m.name })),
      commitments: commitmentRows(ledger.tables.get(COMMITMENT_STORE.table)),
      items: commitmentItems(ledger.scheme),
    };
  },
};

export const addCommitmentAction: Action<Omit<CommitmentInput, "year">, void> = {
  name: "登记承诺事项",
  perform: (host, input) => addCommitment(host.gateway, input),
};

export const updateCommitmentAction: Action<CommitmentUpdate, void> = {
  name: "更新承诺事项",
  perform: (host, input) => updateCommitment(host.gateway, input),
};

// ---- branch-level 台账: 评星晋级 (S4), 分类定级 (S9), 支部积分 (S6) -------------------------------------

export interface BranchStarState {
  year: number;
  /** The year's branches, each with its level, target and missing stars. */
  branches: Omit<BranchStarRecord, "values">[];
  stars: string[];
  /** Levels, highest first, with the stars each needs. */
  levels: { name: string; min: number }[];
  /** Now vs target per level. */
  rollup: { level: string; current: number; target: number }[];
}

/** 评星晋级: the year's branches and the roll-up. One read. */
export const loadBranchStarsAction: Action<void, BranchStarState> = {
  name: "读取评星晋级",
  async perform(host) {
    const { year, branches } = await branchStarsOf(host.gateway);
    return { year, branches: branches.map(({ values: _values, ...b }) => b), stars: starNames(), levels: starLevels(), rollup: starRollup(branches) };
  },
};

/** Records a branch's profile, stars and 晋级目标 (its row of the year is replaced). */
export const saveBranchStarsAction: Action<Omit<BranchStarInput, "year">, void> = {
  name: "登记评星晋级",
  perform: (host, input) => saveBranchStars(host.gateway, input),
};

export interface GradingState {
  year: number;
  /** Every member with the year's 积分 and 等次 from the engine. */
  members: { id: string; name: string; total: number; grade: string | null }[];
  records: GradingRecord[];
  /** The scheme's 民主测评 等次, for 测评结果 (empty when it scores appraisals by number). */
  appraisalGrades: string[];
}

/** 分类定级: the members' scores and grades of the year beside their 分类定级 rows. One read. */
export const loadGradingAction: Action<void, GradingState> = {
  name: "读取分类定级",
  async perform(host) {
    const ledger = await loadLedger(host.gateway, [], [GRADING_STORE.table]);
    const result = scoreLedger(ledger, String(ledger.year));
    const appraisal = ledger.scheme.components.find((c) => c.kind === "appraisal");
    return {
      year: ledger.year,
      members: result.members.map((m) => ({ id: m.id, name: m.name, total: m.total, grade: m.grade })),
      records: readGrading(ledger.tables.get(GRADING_STORE.table), ledger.year),
      appraisalGrades: appraisal?.kind === "appraisal" && appraisal.appraisal.mode === "grades" ? appraisal.appraisal.grades.map((g) => g.name) : [],
    };
  },
};

/** Records or updates a member's 存在问题, 整改措施, 整改时限, 联系领导, 整改结果, 测评结果, 是否晋位. */
export const saveGradingAction: Action<Omit<GradingInput, "year">, void> = {
  name: "登记分类定级",
  perform: (host, input) => saveGradingRecord(host.gateway, input),
};

export interface BranchScoreState {
  year: number;
  branches: BranchYear[];
  /** Problems of the 支部积分 sheet, as messages. */
  problems: string[];
  kinds: readonly string[];
}

/** 支部积分: each branch's months of the workbook's year. One read. */
export const loadBranchScoresAction: Action<void, BranchScoreState> = {
  name: "读取支部积分",
  async perform(host) {
    const ledger = await loadLedger(host.gateway, [], [BRANCH_SCORE_STORE.table]);
    const { branches, issues } = scoreBranchMonths(ledger.tables.get(BRANCH_SCORE_STORE.table), ledger.year);
    return { year: ledger.year, branches, problems: issues.map((i) => i.message), kinds: BRANCH_SCORE_KINDS };
  },
};

/** Appends one 上年得分 / 基础分扣分 / 任务分 / 奖励分 row of a branch. */
export const addBranchScoreAction: Action<BranchScoreInput, void> = {
  name: "登记支部积分",
  perform: (host, input) => addBranchScore(host.gateway, input),
};

// ---- 名册 and 民主评议 (issue 19: the clerk adds members and records the appraisal in the pane) --------

export interface RosterMember {
  /** Sheet row in 党员名册. */
  row: number;
  id: string;
  name: string;
  category: string;
  branch: string;
  joinedOn: string;
  fullOn: string;
  /** 转入日期 (新入职 / 组织关系转入). */
  transferredIn: string;
  contact: string;
  /** 在册状态; blank reads as 在册. */
  status: string;
  note: string;
  /** For a probationary member where the scheme says: 按期转正 / 延期转正 / 取消预备党员资格 by the year's points so far. */
  probation: string | null;
}

export interface RosterState {
  schemeName: string;
  year: number;
  /** The scheme's member categories, in scheme order. */
  categories: string[];
  /** The category whose change needs a 转正日期. */
  probationCategory: string;
  statuses: readonly string[];
  /** 设置 支部名称, to prefill 所在支部. */
  branch: string;
  members: RosterMember[];
  /** Why the probation outcomes could not be worked out (the year's scores are refused), else null. */
  probationProblem: string | null;
}

/** Each probationary member's outcome by the year's scores, or why the scores cannot be had. */
function probationOutcomes(ledger: LoadedLedger): { outcomes: Map<string, string>; problem: string | null } {
  if (!ledger.scheme.probation) return { outcomes: new Map(), problem: null };
  try {
    const scored = scoreLedger(ledger, String(ledger.year)).members;
    return { outcomes: new Map(scored.flatMap((m) => (m.probation ? [[m.id, m.probation] as const] : []))), problem: null };
  } catch (e) {
    // The roster is still shown; the outcome waits for a ledger that can be scored.
    if (e instanceof CoreError) return { outcomes: new Map(), problem: e.message };
    throw e;
  }
}

/** 名册: the members as the roster holds them, the scheme's categories. One read. */
export const loadRosterAction: Action<void, RosterState> = {
  name: "读取党员名册",
  async perform(host) {
    const ledger = await loadLedger(host.gateway);
    const text = (row: Record<string, unknown>, h: string) => toText(row[h] as Parameters<typeof toText>[0]);
    const date = (row: Record<string, unknown>, h: string) => toIsoDate(row[h] as Parameters<typeof toIsoDate>[0]) ?? text(row, h);
    const probation = probationOutcomes(ledger);
    return {
      probationProblem: probation.problem,
      schemeName: ledger.scheme.name,
      year: ledger.year,
      categories: ledger.scheme.categories.map((c) => c.name),
      probationCategory: probationCategory(ledger.scheme),
      statuses: MEMBER_STATUSES,
      branch: ledger.settings.get(SETTINGS_KEYS.branch) ?? "",
      members: rowsOf(ledger.tables.get(SHEETS.roster.table))
        .filter((r) => text(r.values, "编号") || text(r.values, "姓名"))
        .map((r) => ({
          row: r.row,
          id: text(r.values, "编号"),
          name: text(r.values, "姓名"),
          category: text(r.values, "党员类别"),
          branch: text(r.values, "所在支部"),
          joinedOn: date(r.values, "入党日期"),
          fullOn: date(r.values, "转正日期"),
          transferredIn: date(r.values, TRANSFERRED_IN),
          contact: text(r.values, "联系方式"),
          status: text(r.values, "在册状态") || "在册",
          note: text(r.values, "备注"),
          probation: probation.outcomes.get(text(r.values, "编号")) ?? null,
        })),
    };
  },
};

/** Adds a member after validating the row; refused (written: false, with the issues) when it has errors. */
export const addMemberAction: Action<MemberForm, RosterWrite> = {
  name: "添加党员",
  perform: (host, form) => addMember(host.gateway, form),
};

/** Changes a member's 党员类别 (转正 with its date) or 在册状态 (with its date). */
export const updateMemberAction: Action<MemberChange, RosterWrite> = {
  name: "修改党员信息",
  perform: (host, change) => updateMember(host.gateway, change),
};

/** What a block pasted from Excel / WPS would add to 党员名册, with validation of those rows: nothing written. */
export const previewRosterPasteAction: Action<string, RosterPastePreview> = {
  name: "读取粘贴的名册",
  perform: (host, text) => previewRosterPaste(host.gateway, text),
};

/** Appends the previewed block to 党员名册 through the CSV import (one logged batch). */
export const importRosterPasteAction: Action<string, ImportCounts> = {
  name: "导入名册",
  perform: (host, text) => importCsvFiles(host.gateway, { roster: { name: "粘贴的名册", data: text } }),
};

/** Opens a roster workbook (.xlsx) the clerk picked: its sheets; nothing written. */
export const openRosterFileAction: Action<File, RosterFile> = {
  name: "读取名册工作簿",
  perform: (_host, file) => openRosterFile(file),
};

/** What a sheet of the picked workbook (else the first with a roster header) would add to 党员名册, validated: nothing written. */
export const previewRosterFileAction: Action<{ file: RosterFile; sheet?: string }, RosterFilePreview> = {
  name: "读取名册工作簿",
  perform: (host, { file, sheet }) => previewRosterWorkbook(host.gateway, { gateway: file.gateway, name: file.name, sheet }),
};

/** Appends the rows of that sheet to 党员名册 (one logged batch). */
export const importRosterFileAction: Action<{ file: RosterFile; sheet: string }, TableImportResult> = {
  name: "导入名册",
  perform: (host, { file, sheet }) => importTableRows(host.gateway, "roster", { gateway: file.gateway, name: file.name, sheet }),
};

export interface AppraisalState {
  year: number;
  /** The appraisal component's name (民主评议分, 年度评议积分…). */
  component: string;
  mode: "grades" | "score";
  /** Grades, best first, with their points (grades mode). */
  grades: { name: string; points: number }[];
  /** Score range (score mode). */
  min: number;
  max: number;
  /** Members of the roster with their appraisal of the year, if any. */
  members: { id: string; name: string; category: string; grade: string; score: string }[];
}

/** 民主评议: the scheme's grades or score range, each member with the year's result so far. One read. */
export const loadAppraisalAction: Action<void, AppraisalState> = {
  name: "读取民主评议",
  async perform(host) {
    const ledger = await loadLedger(host.gateway);
    const component = appraisalOf(ledger.scheme);
    if (!component) throw new CoreError("no-appraisal", `方案「${ledger.scheme.name}」没有民主评议`);
    const a = component.appraisal;
    const done = appraisalsOfYear(ledger);
    const points = new Map(a.mode === "grades" ? a.grades.map((g) => [g.name, g.points]) : []);
    return {
      year: ledger.year,
      component: component.name,
      mode: a.mode,
      grades: gradesBestFirst(component).map((name) => ({ name, points: points.get(name) ?? 0 })),
      min: a.mode === "score" ? a.min : 0,
      max: a.mode === "score" ? a.max : 0,
      members: ledger.members.map((m) => ({ id: m.id, name: m.name, category: m.category, grade: done.get(m.id)?.grade ?? "", score: done.get(m.id)?.score?.toString() ?? "" })),
    };
  },
};

/** Writes the members' results into 民主评议 (a member's row of the year updated, else appended), one logged batch. */
export const saveAppraisalsAction: Action<AppraisalRecord[], AppraisalWrite> = {
  name: "登记民主评议",
  perform: (host, records) => saveAppraisals(host.gateway, records),
};

export interface PaneFeatures {
  /** The scheme scores members (名册). */
  roster: boolean;
  /** The scheme has an appraisal component (民主评议). */
  appraisal: boolean;
  /** The committee forms the scheme uses (the 承诺事项, 积分兑换 and 支部台账 tabs follow them). */
  forms: ReportFormName[];
}

/** Which of the scheme's panels the pane offers; null when the workbook has no ledger yet. */
export const loadPaneFeaturesAction: Action<void, PaneFeatures | null> = {
  name: "读取积分方案",
  async perform(host) {
    const tables = await host.gateway.readTables([SHEETS.settings.table, SCHEME_STORE.table]);
    const settings = readSettings(tables);
    if (!settings.get(SETTINGS_KEYS.schemeId)) return null;
    const versions = schemeOfSettings(settings, readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes);
    const scheme = versions[versions.length - 1];
    return { roster: scheme.subject === "member", appraisal: appraisalOf(scheme) !== null, forms: schemeForms(scheme) };
  },
};
