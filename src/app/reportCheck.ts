/**
 * What the clerk should know before a committee form is written (issue 19: reports tell the truth): the
 * workbook's validation errors with sheet and row, the rows the scores leave out, the approval periods
 * the form covers that the committee has not approved, a period not yet over, an empty roster (refused),
 * and an approved period's posted 公示 that stays as it is. Nothing is written.
 */
import { IGNORED_REASONS } from "../core/engine/types";
import { periodDates, tryParsePeriod } from "../core/period";
import { type ReportFormName, findReportForm, reportPeriodKind } from "../core/reports";
import { validateLedger } from "../core/validation/validateLedger";
import { sameSheetName } from "../core/ops/excelLimits";
import { CoreError } from "../core/errors";
import { loadLedger, scoreLedger } from "./ledgerService";
import { REPORT_TABLES, approvalPeriodsWithin, periodApproved } from "./reportService";
import { SHEETS } from "../core/ledger/layout";
import { sheetName } from "../core/reports/common";
import type { WorkbookGateway } from "./gateway";

/** Forms about branches, not members: an empty roster does not stop them. */
const BRANCH_FORMS: readonly ReportFormName[] = ["评星晋级", "支部积分"];

export interface ReportProblem {
  sheet: string;
  row: number;
  /** Column letter; empty for a row left out as a whole. */
  column: string;
  message: string;
}

export interface ReportCheck {
  /** Why the form cannot be written at all (an empty roster); null when it can. */
  refusal: string | null;
  /** Validation errors of the workbook, each at its sheet and row. */
  errors: ReportProblem[];
  /** Rows of the period the scores leave out, with the reason. */
  excluded: ReportProblem[];
  /** Approval periods within the form's period the committee has not approved. */
  unapproved: string[];
  /** The form's period is not over on `today`: its last day; null when it is. */
  unfinishedUntil: string | null;
  /** An approved period's 公示 already in the workbook: kept, the new one goes beside it. */
  posted: string | null;
}

/** True when nothing needs the clerk's decision. */
export function reportCheckClean(check: ReportCheck): boolean {
  return !check.refusal && !check.errors.length && !check.excluded.length && !check.unapproved.length && !check.unfinishedUntil;
}

export async function checkReport(gateway: WorkbookGateway, formName: string, periodLabel: string, today: string): Promise<ReportCheck> {
  const form = findReportForm(formName);
  if (!form) throw new CoreError("unknown-form", `没有「${formName}」这种报表`);
  const ledger = await loadLedger(gateway, [], REPORT_TABLES);
  const { scheme } = ledger;
  const period = tryParsePeriod(periodLabel, scheme.cycleStartMonth);
  if (!period || period.kind !== reportPeriodKind(form, scheme)) throw new CoreError("bad-period", `期间「${periodLabel}」不是${form.title}的期间`);

  const refusal =
    ledger.members.length === 0 && !BRANCH_FORMS.includes(form.name)
      ? "党员名册中还没有党员：报表会是一张空表，没有生成。请先在「名册」中添加党员或粘贴名册。"
      : null;
  const validation = validateLedger({ tables: ledger.tables, schemes: ledger.workbookSchemes });
  const errors = validation.issues
    .filter((i) => i.severity === "error")
    .map((i) => ({ sheet: i.sheet, row: i.row, column: i.column, message: i.message }));
  const excluded = refusal
    ? []
    : scoreLedger(ledger, period.label)
        .ignored.filter((i) => i.ref !== undefined)
        .map((i) => ({ sheet: SHEETS.ledger.sheet, row: i.ref!, column: "", message: IGNORED_REASONS[i.reason] }));
  const within = approvalPeriodsWithin(ledger, period.label);
  const end = periodDates(period, scheme.cycleStartMonth).end;
  const posted = form.name === "公示" && periodApproved(ledger, period.label) ? (sameSheetName((await gateway.inspect()).sheets, sheetName("公示", period.label)) ?? null) : null;
  return {
    refusal,
    errors,
    excluded,
    unapproved: within.filter((p) => !p.approved).map((p) => p.period),
    unfinishedUntil: end > today ? end : null,
    posted,
  };
}
