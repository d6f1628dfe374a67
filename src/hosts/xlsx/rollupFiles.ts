import { withFormulaResults } from "../../core/reports/formulaResults";
import path from "path";
import { approvalStatus } from "../../core/approval/approvals";
import { CoreError } from "../../core/errors";
import { SETTINGS_KEYS } from "../../core/ledger/layout";
import { MONTHS_IN } from "../../core/scheme/schema";
import { tryParsePeriod } from "../../core/period";
import { type BranchSummary, type CombineMode, buildRollupSheets, checkCombinable, summarizeBranch, withStarLevelChart } from "../../core/reports/rollup";
import { BRANCH_STAR_STORE, readBranchStars } from "../../core/stars/branchStars";
import { buildBranchStarSheet } from "../../core/reports/branchStars";
import { localIsoDate } from "../../core/period";
import { BookFileError, newBookFile, openBookFile } from "./bookFile";
import type { WorkbookGateway } from "../../app/gateway";
import { loadLedger, scoreLedger } from "../../app/ledgerService";

/** One branch workbook read, scored and reduced to its summary; nothing else of it is kept. */
export async function summarizeBook(file: string, period: string): Promise<BranchSummary> {
  let gateway: WorkbookGateway;
  try {
    gateway = (await openBookFile(file)).gateway;
  } catch (e) {
    throw new CoreError("bad-book", e instanceof BookFileError ? e.message : `无法读取 ${file}：${(e as Error).message}`);
  }
  const ledger = await loadLedger(gateway, [], [BRANCH_STAR_STORE.table]);
  const p = tryParsePeriod(period, ledger.scheme.cycleStartMonth);
  if (!p) throw new CoreError("bad-period", `期间「${period}」无法识别`);
  const result = scoreLedger(ledger, p.label);
  // Approval: the share of the scheme's approval periods inside this period that are approved.
  const inside = approvalStatus(ledger.tables, ledger.scheme, p.cycleYear).filter((s) => {
    const q = tryParsePeriod(s.period, ledger.scheme.cycleStartMonth)!;
    const qEnd = q.startOffset + q.months;
    return MONTHS_IN[ledger.scheme.approval] <= p.months ? q.startOffset >= p.startOffset && qEnd <= p.startOffset + p.months : q.startOffset <= p.startOffset && qEnd >= p.startOffset + p.months;
  });
  const approvedShare = inside.length ? inside.filter((s) => s.approved).length / inside.length : 0;
  const branch = ledger.settings.get(SETTINGS_KEYS.branch) || path.basename(file, path.extname(file));
  const branchStars = readBranchStars(ledger.tables.get(BRANCH_STAR_STORE.table), p.cycleYear);
  return { ...summarizeBranch(result, ledger.scheme, { branch, file, year: ledger.year, approvedShare }), branchStars };
}

/**
 * The committee workbook from many branch workbooks, read one at a time: memory holds one workbook
 * plus the small summaries, however many books there are.
 */
export async function rollupBooks(
  files: readonly string[],
  period: string,
  out: string,
  mode: CombineMode = "same",
  /** Called after each book (progress; tests measure memory here). */
  onBook?: (done: number, total: number) => void,
  /** Replace a file already at `out` (the CLI's --force); else saving refuses if one is there. */
  replace = false,
): Promise<BranchSummary[]> {
  const summaries: BranchSummary[] = [];
  for (const file of files) {
    summaries.push(await summarizeBook(file, period));
    // Refuse early rather than after reading 200 books.
    checkCombinable(summaries, mode);
    onBook?.(summaries.length, files.length);
  }
  const models = buildRollupSheets(summaries, period, mode);
  // Where branches keep a 评星晋级 row, the committee gets the star 台账 of all of them with the level roll-up.
  const stars = summaries.flatMap((s) => s.branchStars ?? []);
  if (stars.length) {
    const year = tryParsePeriod(period, 1)?.cycleYear ?? summaries[0].year;
    models.push(withStarLevelChart(buildBranchStarSheet(stars, year, { branch: "各党支部汇总", secretary: "", clerk: "", contact: "", today: localIsoDate(new Date()) }), stars));
  }
  const book = newBookFile(out, { replace });
  await book.gateway.apply(models.map((model) => ({ op: "writeSheet" as const, model: withFormulaResults(model) })));
  await book.save();
  return summaries;
}
