import { withFormulaResults } from "../core/reports/formulaResults";
import { CoreError } from "../core/errors";
import { SETTINGS_KEYS } from "../core/ledger/layout";
import { logOp } from "../core/ledger/log";
import { publicityDaysOf } from "../core/ledger/settings";
import { periodDates, subPeriods, tryParsePeriod } from "../core/period";
import { approvalStatus } from "../core/approval/approvals";
import { REPORT_FORM_NAMES, REPORT_FORMS, type ReportSettings, findReportForm, reportPeriodKind } from "../core/reports";
import { fitSheetModel } from "../core/ops/excelLimits";
import { localTimestamp } from "../core/dates";
import { type KeptSheet, planGeneratedSheets, sheetsToRead } from "../core/reports/generatedSheets";
import type { SheetModel } from "../core/sheetModel";
import type { WorkbookGateway } from "./gateway";
import { REDEMPTION_STORE, redemptionBalances } from "../core/redemption/redemption";
import { approvedPoints } from "./sideStores";
import { COMMITMENT_STORE, readCommitments } from "../core/commitments/commitments";
import { BRANCH_STAR_STORE, readBranchStars } from "../core/stars/branchStars";
import { GRADING_STORE, readGrading } from "../core/grading/classifiedGrading";
import { BRANCH_SCORE_STORE, scoreBranchMonths } from "../core/branchScores/branchScores";
import { type LoadedLedger, ledgerCycle, loadLedger, unapprovedPeriods } from "./ledgerService";

/** The sheets kept beside the ledger that some forms read (created on first use). */
export const REPORT_TABLES = [REDEMPTION_STORE.table, COMMITMENT_STORE.table, BRANCH_STAR_STORE.table, GRADING_STORE.table, BRANCH_SCORE_STORE.table];

const KIND_NAMES = { month: "月", quarter: "季度", half: "半年", cycle: "年度" } as const;
const KIND_EXAMPLES = { month: "2026-07", quarter: "2026Q3", half: "2026H1", cycle: "2026" } as const;

export function reportSettings(ledger: LoadedLedger, today: string): ReportSettings {
  const get = (key: string) => ledger.settings.get(key) ?? "";
  return {
    branch: get(SETTINGS_KEYS.branch) || "（支部名称）",
    secretary: get(SETTINGS_KEYS.secretary),
    clerk: get(SETTINGS_KEYS.recorder),
    contact: get(SETTINGS_KEYS.appealContact),
    today,
  };
}

/** The approval periods (quarters or halves, per scheme) overlapping a period, and whether each is approved. */
export function approvalPeriodsWithin(ledger: LoadedLedger, periodLabel: string): { period: string; approved: boolean }[] {
  const { scheme } = ledger;
  const period = tryParsePeriod(periodLabel, scheme.cycleStartMonth);
  if (!period) return [];
  const { start, end } = periodDates(period, scheme.cycleStartMonth);
  const cycle = tryParsePeriod(String(period.cycleYear), scheme.cycleStartMonth)!;
  const approved = new Set(approvalStatus(ledger.tables, scheme, period.cycleYear).filter((s) => s.approved).map((s) => s.period));
  return subPeriods(cycle, scheme.approval, scheme.cycleStartMonth)
    .filter((p) => {
      const d = periodDates(p, scheme.cycleStartMonth);
      return d.start <= end && d.end >= start;
    })
    .map((p) => ({ period: p.label, approved: approved.has(p.label) }));
}

/** Every approval period within the period is approved: its 公示 was posted for good and is kept when made again. */
export function periodApproved(ledger: LoadedLedger, periodLabel: string): boolean {
  const within = approvalPeriodsWithin(ledger, periodLabel);
  return within.length > 0 && within.every((p) => p.approved);
}

const KEPT_REASONS = { edited: "生成后有改动", "not-generated": "不是加载项生成的", posted: "是已审定期间张贴过的版本" } as const;

/** The sheets of a form for a period, built from the ledger (nothing written). */
export interface ReportOptions {
  /** 个人台账: only these members (default: everyone). */
  memberIds?: readonly string[];
  /** 统计: the share of 优秀 the branch allows (e.g. 1/3), shown against the grade distribution. */
  excellentShare?: number;
}

export function buildReport(ledger: LoadedLedger, formName: string, periodLabel: string, today: string, options: ReportOptions = {}): { title: string; models: SheetModel[] } {
  const form = findReportForm(formName);
  if (!form) throw new CoreError("unknown-form", `没有「${formName}」这种报表；可用：${REPORT_FORM_NAMES.map((n) => `${n}（${REPORT_FORMS[n].alias}）`).join("、")}`);
  const { scheme } = ledger;
  const period = tryParsePeriod(periodLabel, scheme.cycleStartMonth);
  if (!period) throw new CoreError("bad-period", `期间「${periodLabel}」无法识别，应为 2026、2026H1、2026Q3 或 2026-07`);
  const kind = reportPeriodKind(form, scheme);
  if (period.kind !== kind) throw new CoreError("wrong-period", `${form.title}按${KIND_NAMES[kind]}编制，期间应写作如 ${KIND_EXAMPLES[kind]}`);
  // The ledger is read once for the cycle; forms showing other periods of it (个人台账's months) score them from it.
  const cycle = ledgerCycle(ledger, period.cycleYear);
  const models = form.build({
    scheme,
    settings: reportSettings(ledger, today),
    result: cycle.score(period.label),
    cycle,
    entries: ledger.entries,
    appraisals: ledger.appraisals,
    memberIds: options.memberIds,
    excellentShare: options.excellentShare,
    publicityDays: form.name === "公示" ? publicityDaysOf(ledger.settings, ledger.tables) : undefined,
    commitments: form.name === "承诺事项" ? readCommitments(ledger.tables.get(COMMITMENT_STORE.table), period.cycleYear) : undefined,
    branchStars: form.name === "评星晋级" ? readBranchStars(ledger.tables.get(BRANCH_STAR_STORE.table), period.cycleYear) : undefined,
    grading: form.name === "分类定级" || form.name === "管理卡" ? readGrading(ledger.tables.get(GRADING_STORE.table), period.cycleYear) : undefined,
    branchScores: form.name === "支部积分" ? scoreBranchMonths(ledger.tables.get(BRANCH_SCORE_STORE.table), period.cycleYear).branches : undefined,
    redemptions: form.name === "积分兑换" ? redemptionBalances(ledger.members, approvedPoints(ledger), ledger.tables.get(REDEMPTION_STORE.table)) : undefined,
  });
  // Cached results: a reader that does not recalculate (the web page's grid, a viewer) shows the numbers.
  return { title: form.title, models: models.map(withFormulaResults) };
}

/** The sheets for the log: all of them, or (个人台账 of a large branch) the first few and how many, within a cell. */
function sheetList(names: readonly string[]): string {
  const all = names.join("、");
  return all.length <= 2000 ? all : `${names.slice(0, 20).join("、")}……共 ${names.length} 张工作表`;
}

/**
 * Builds a committee form from the ledger and writes it, with the change logged, in one batch. A sheet
 * of the form's name is written over only when the add-in generated it and nobody changed it since
 * (the hidden 报表生成记录 has it with the fingerprint it reads back with); a sheet the clerk made or
 * typed on is kept and the form goes beside it (`kept`, generatedSheets.ts). Never a ledger sheet.
 */
export async function writeReport(
  gateway: WorkbookGateway,
  formName: string,
  periodLabel: string,
  today: string,
  now = new Date(),
  options: ReportOptions = {},
): Promise<{ models: SheetModel[]; warnings: string[]; kept: KeptSheet[] }> {
  const ledger = await loadLedger(gateway, [], REPORT_TABLES);
  const built = buildReport(ledger, formName, periodLabel, today, options);
  const title = built.title;
  const warnings: string[] = [];
  // Excel's limits: an over-long text is cut and a too-tall row capped, each named in a warning.
  const fitted = built.models.map((m) => {
    const fit = fitSheetModel(m);
    warnings.push(...fit.warnings);
    return fit.model;
  });
  // Which sheets of these names are the add-in's own and untouched: one look at the workbook, one read of those sheets.
  const { sheets } = await gateway.inspect();
  const reads = await gateway.readSheets(sheetsToRead(fitted, sheets));
  const keepPosted = findReportForm(formName)?.name === "公示" && periodApproved(ledger, periodLabel);
  const plan = planGeneratedSheets({ models: fitted, sheets, reads, title, period: periodLabel, time: localTimestamp(now), keepPosted });
  const { models, kept } = plan;
  warnings.push(...plan.warnings);
  const keptNote =
    kept.length > 5
      ? `；原有工作表 ${kept.length} 张（生成后有改动或不是加载项生成的）已保留，新表写在旁边，如「${kept[0].writtenTo}」`
      : kept.map((k) => `；原有工作表「${k.sheet}」${KEPT_REASONS[k.reason]}，已保留，新表写在「${k.writtenTo}」`).join("");
  await gateway.apply([
    ...models.map((model) => ({ op: "writeSheet" as const, model })),
    logOp(now, [{ action: "生成报表", sheet: sheetList(models.map((m) => m.name)), range: "", detail: `${title}，期间 ${periodLabel}${keptNote}` }]),
    ...(plan.record ? [{ op: "writeSheet" as const, model: plan.record }] : []),
  ]);
  const cycle = models.some((m) => /^(年终审批|全年备案)-/.test(m.name));
  if (cycle && ledger.scheme.cycleTotalFrom !== "ledger") {
    const open = unapprovedPeriods(ledger);
    if (open.length) warnings.push(`本方案的年度积分为支委会审定后各期积分之和，${open.join("、")} 尚未审定：表中年度积分含未审定期间`);
  }
  return { models, warnings, kept };
}
