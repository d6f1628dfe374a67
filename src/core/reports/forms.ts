/**
 * The report registry: every committee form by a short Chinese name (what the CLI's `--form` and the
 * task pane take) with an English alias, the period it is made for and a builder taking one input.
 * See index.ts for the table of forms.
 */
import type { RedemptionBalance } from "../redemption/redemption";
import { buildRedemptionSheet } from "./redemption";
import type { CommitmentRecord } from "../commitments/commitments";
import { buildCommitmentSheet } from "./commitments";
import type { BranchStarRecord } from "../stars/branchStars";
import { buildBranchStarSheet } from "./branchStars";
import type { GradingRecord } from "../grading/classifiedGrading";
import { buildGradingCardSheet, buildGradingLedgerSheet } from "./classifiedGrading";
import type { BranchYear } from "../branchScores/branchScores";
import { buildBranchScoreSheet } from "./branchScores";
import { CoreError } from "../errors";
import type { CycleScores } from "../engine/scoreMembers";
import type { Appraisal, LedgerColumns, LedgerEntry, ScoreResult } from "../engine/types";
import { subPeriods } from "../period";
import type { Granularity, Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { appraisalResultsOf, buildApprovalSheet } from "./approval";
import { buildAppraisalFormSheet } from "./appraisalForm";
import { buildBranchMonthlyLedgerSheet } from "./branchMonthlyLedger";
import type { ReportSettings } from "./common";
import { buildHalfYearFilingSheet, buildYearFilingSheet } from "./filing";
import { buildMemberMonthlyLedgerSheet } from "./memberMonthlyLedger";
import { buildPublicitySheet } from "./publicity";
import { buildQuarterDeclarationSheet } from "./quarterDeclaration";
import { buildQuarterDetailSheet } from "./quarterDetail";
import { buildRankingSheet } from "./ranking";
import { commitmentItems } from "../commitments/commitments";
import { buildStatisticsSheet, statisticsFromCycle } from "./statistics";

/** Everything a form may need; each form says in its doc which of the optional parts it requires. */
export interface ReportInput {
  scheme: Scheme;
  settings: ReportSettings;
  /** Scored (scoreMembers) for the form's period: see `reportPeriodKind`. */
  result: ScoreResult;
  /** The cycle of `result`, read once (scoreCycle): forms that show other periods of it score them from here. */
  cycle?: CycleScores;
  /** The ledger, for 季度明细 (required there). */
  entries?: readonly LedgerEntry[] | LedgerColumns;
  /** 民主评议 records, for 年终审批 and 民主评议 (none = empty columns to fill in by hand). */
  appraisals?: readonly Appraisal[];
  /** 个人台账 (this or `cycle` required there): the twelve month results of `result`'s cycle. */
  monthly?: readonly ScoreResult[];
  /** 个人台账: the members to make a sheet for (default: every member of `result`, roster order). */
  memberIds?: readonly string[];
  /** 个人台账: 联系方式 by member id. */
  contacts?: Readonly<Record<string, string>>;
  /** 个人台账: last cycle's totals, as given to scoreMembers (schemes that carry points over). */
  previousTotals?: Readonly<Record<string, number>>;
  /** 公示: length of the 公示期 in days, today included (default 5). */
  publicityDays?: number;
  /** 积分兑换 (required there): each member's approved points, redeemed points and balance. */
  redemptions?: readonly RedemptionBalance[];
  /** 承诺事项 (required there): the year's commitments. */
  commitments?: readonly CommitmentRecord[];
  /** 评星晋级 (required there): the year's branches. */
  branchStars?: readonly BranchStarRecord[];
  /** 分类定级 and 管理卡 (required there): the 分类定级 rows (存在问题, 整改措施 …). */
  grading?: readonly GradingRecord[];
  /** 支部积分 (required there): each branch's months of the year. */
  branchScores?: readonly BranchYear[];
  /** 统计: the share of the best grade (优秀) the branch allows, e.g. 1/3 (none: not shown). */
  excellentShare?: number;
}

/** A fixed granularity, or the scheme's publicity / ranking period. */
export type ReportPeriodKind = Granularity | "publicity" | "ranking";

export type ReportFormName = "公示" | "排名通报" | "年终审批" | "季度申报" | "季度明细" | "半年备案" | "全年备案" | "民主评议" | "个人台账" | "月度台账" | "积分兑换" | "承诺事项" | "评星晋级" | "分类定级" | "管理卡" | "支部积分" | "统计";

export interface ReportForm {
  name: ReportFormName;
  /** English alias, also accepted by `findReportForm`. */
  alias: string;
  /** The form's title as in the regulations. */
  title: string;
  periodKind: ReportPeriodKind;
  /** The form's sheets: one, except 个人台账 (one per member). */
  build(input: ReportInput): SheetModel[];
}

function need<T>(value: T | undefined, form: string, what: string): T {
  if (value === undefined) throw new CoreError("missing-input", `${form}需要${what}`);
  return value;
}

export const REPORT_FORMS: Readonly<Record<ReportFormName, ReportForm>> = {
  公示: {
    name: "公示",
    alias: "publicity",
    title: "党员积分公示",
    periodKind: "publicity",
    build: (i) => [buildPublicitySheet(i.result, i.scheme, i.settings, { publicityDays: i.publicityDays })],
  },
  排名通报: { name: "排名通报", alias: "ranking", title: "党员积分排名通报", periodKind: "ranking", build: (i) => [buildRankingSheet(i.result, i.scheme, i.settings)] },
  年终审批: {
    name: "年终审批",
    alias: "approval",
    title: "党员年终等次评定审批表",
    periodKind: "cycle",
    build: (i) => [buildApprovalSheet(i.result, i.scheme, i.settings, appraisalResultsOf(i.appraisals ?? [], i.result.period.cycleYear))],
  },
  季度申报: {
    name: "季度申报",
    alias: "quarter-declaration",
    title: "季度党员积分申报表",
    periodKind: "quarter",
    build: (i) => [buildQuarterDeclarationSheet(i.result, i.scheme, i.settings)],
  },
  季度明细: {
    name: "季度明细",
    alias: "quarter-detail",
    title: "党员季度积分明细登记表",
    periodKind: "quarter",
    build: (i) => [buildQuarterDetailSheet(i.result, i.scheme, i.settings, need(i.entries, "党员季度积分明细登记表", "积分台账记录"))],
  },
  半年备案: { name: "半年备案", alias: "half-filing", title: "党员半年积分备案表", periodKind: "half", build: (i) => [buildHalfYearFilingSheet(i.result, i.scheme, i.settings)] },
  全年备案: { name: "全年备案", alias: "year-filing", title: "党员全年积分备案表", periodKind: "cycle", build: (i) => [buildYearFilingSheet(i.result, i.scheme, i.settings)] },
  民主评议: {
    name: "民主评议",
    alias: "appraisal",
    title: "党员民主评议表",
    periodKind: "cycle",
    build: (i) => [buildAppraisalFormSheet(i.result, i.scheme, i.settings, i.appraisals ?? [])],
  },
  个人台账: {
    name: "个人台账",
    alias: "member-ledger",
    title: "党员积分量化管理台账（个人）",
    periodKind: "cycle",
    build: (i) => {
      const cycle = i.cycle;
      const months = i.monthly ?? (cycle && subPeriods(i.result.period, "month", i.scheme.cycleStartMonth).map((p) => cycle.score(p)));
      const monthly = need(months, "党员积分量化管理台账", "年度内十二个月的积分");
      // A repeated id (the roster's mistake, reported by validate) is one member here: one sheet.
      const ids = [...new Set(i.memberIds ?? i.result.members.map((m) => m.id))];
      return ids.map((id) =>
        buildMemberMonthlyLedgerSheet(monthly, i.result, i.scheme, i.settings, { id, contact: i.contacts?.[id], previousTotal: i.previousTotals?.[id] }),
      );
    },
  },
  月度台账: {
    name: "月度台账",
    alias: "branch-ledger",
    title: "党员积分量化管理台账",
    periodKind: "month",
    build: (i) => [buildBranchMonthlyLedgerSheet(i.result, i.scheme, i.settings)],
  },
  积分兑换: {
    name: "积分兑换",
    alias: "redemption",
    title: "党员积分兑换台账",
    periodKind: "cycle",
    build: (i) => [buildRedemptionSheet(need(i.redemptions, "积分兑换台账", "各党员的已审定积分与兑换记录"), i.result, i.scheme, i.settings)],
  },
  承诺事项: {
    name: "承诺事项",
    alias: "commitments",
    title: "党员承诺事项登记表",
    periodKind: "cycle",
    build: (i) => [buildCommitmentSheet(need(i.commitments, "党员承诺事项登记表", "本年度的承诺事项"), i.result, i.scheme, i.settings)],
  },
  评星晋级: {
    name: "评星晋级",
    alias: "branch-stars",
    title: "基层党支部评星晋级目标管理工作台账",
    periodKind: "cycle",
    build: (i) => [buildBranchStarSheet(need(i.branchStars, "基层党支部评星晋级目标管理工作台账", "本年度各党支部的评星情况"), i.result.period.cycleYear, i.settings)],
  },
  分类定级: {
    name: "分类定级",
    alias: "classified-grading",
    title: "党组织和党员分类定级积分晋位管理台账",
    periodKind: "cycle",
    build: (i) => [buildGradingLedgerSheet(need(i.grading, "分类定级积分晋位管理台账", "分类定级记录"), i.result, i.scheme, i.settings, i.appraisals ?? [])],
  },
  管理卡: {
    name: "管理卡",
    alias: "grading-cards",
    title: "分类定级积分晋位管理卡",
    periodKind: "cycle",
    build: (i) => [buildGradingCardSheet(need(i.grading, "分类定级积分晋位管理卡", "分类定级记录"), i.result, i.scheme, i.settings, i.appraisals ?? [])],
  },
  支部积分: {
    name: "支部积分",
    alias: "branch-scores",
    title: "党支部月度积分考核表",
    periodKind: "cycle",
    build: (i) => [buildBranchScoreSheet(need(i.branchScores, "党支部月度积分考核表", "各党支部本年度的月度积分"), i.result.period.cycleYear, i.settings)],
  },
  统计: {
    name: "统计",
    alias: "statistics",
    title: "党员积分统计（图表）",
    periodKind: "ranking",
    build: (i) => [
      buildStatisticsSheet(
        statisticsFromCycle(i.result, i.scheme, i.cycle, need(i.entries, "党员积分统计", "积分台账记录"), i.excellentShare, i.monthly),
        i.settings,
      ),
    ],
  },
};

export const REPORT_FORM_NAMES = Object.keys(REPORT_FORMS) as ReportFormName[];

/** A form by its Chinese name or English alias (case-insensitive); undefined when there is none. */
export function findReportForm(name: string): ReportForm | undefined {
  const key = name.trim();
  return REPORT_FORM_NAMES.map((n) => REPORT_FORMS[n]).find((f) => f.name === key || f.alias === key.toLowerCase());
}

/** The period granularity a form is made for under a scheme (公示 and 排名通报 follow the scheme). */
export function reportPeriodKind(form: ReportForm, scheme: Scheme): Granularity {
  if (form.periodKind === "publicity") return scheme.publicity;
  if (form.periodKind === "ranking") return scheme.ranking;
  return form.periodKind;
}

// ---- the forms a scheme uses (issue 19: the pane offers those, and every one of them) ----------------

const members = (s: Scheme) => s.subject === "member";

/**
 * Whether a scheme uses a form, by its parts. A form not listed fits every scheme; `never` forms belong to
 * one regulation and are used only by schemes naming them in `extraForms`.
 */
const never = () => false;
const FORM_FITS: Partial<Record<ReportFormName, (scheme: Scheme) => boolean>> = {
  季度申报: (s) => members(s) && s.approval === "quarter",
  季度明细: (s) => members(s) && s.approval === "quarter",
  半年备案: members,
  全年备案: members,
  民主评议: (s) => members(s) && s.components.some((c) => c.kind === "appraisal"),
  个人台账: members,
  月度台账: members,
  承诺事项: (s) => {
    const c = commitmentItems(s);
    return c.fulfilled !== null || c.broken !== null;
  },
  积分兑换: never,
  评星晋级: never,
  分类定级: never,
  管理卡: never,
  支部积分: never,
};

/** The pane's order: the forms of the year's work first, the branch's own 台账 last; forms not listed follow. */
const FORM_ORDER: readonly ReportFormName[] = ["公示", "排名通报", "年终审批", "月度台账", "个人台账", "季度申报", "季度明细", "半年备案", "全年备案", "民主评议", "承诺事项", "积分兑换", "评星晋级", "分类定级", "管理卡", "支部积分"];

/** The forms a scheme uses: those fitting its parts and those its regulation names (`extraForms`), in the pane's order. */
export function schemeForms(scheme: Scheme): ReportFormName[] {
  const named = new Set<string>(scheme.extraForms ?? []);
  const order = [...FORM_ORDER, ...REPORT_FORM_NAMES.filter((n) => !FORM_ORDER.includes(n))];
  return order.filter((name) => named.has(name) || (FORM_FITS[name] ?? (() => true))(scheme));
}
