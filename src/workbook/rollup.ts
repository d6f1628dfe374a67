import path from "path";
import { approvalStatus } from "../core/approval/approvals";
import { CoreError } from "../core/errors";
import { SETTINGS_KEYS } from "../core/ledger/layout";
import { MONTHS_IN } from "../core/scheme/schema";
import { tryParsePeriod } from "../core/period";
import { type BranchSummary, type CombineMode, buildRollupSheets, checkCombinable, summarizeBranch } from "../core/reports/rollup";
import { ExcelJsGateway } from "./excelJsGateway";
import { loadLedger, scoreLedger } from "./ledgerService";

/** One branch workbook read, scored and reduced to its summary; nothing else of it is kept. */
export async function summarizeBook(file: string, period: string): Promise<BranchSummary> {
  let gateway: ExcelJsGateway;
  try {
    gateway = await ExcelJsGateway.open(file);
  } catch (e) {
    throw new CoreError("bad-book", `无法读取 ${file}：${(e as Error).message}`);
  }
  const ledger = await loadLedger(gateway);
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
  return summarizeBranch(result, ledger.scheme, { branch, file, year: ledger.year, approvedShare });
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
): Promise<BranchSummary[]> {
  const summaries: BranchSummary[] = [];
  for (const file of files) {
    summaries.push(await summarizeBook(file, period));
    // Refuse early rather than after reading 200 books.
    checkCombinable(summaries, mode);
    onBook?.(summaries.length, files.length);
  }
  const book = new ExcelJsGateway();
  await book.apply(buildRollupSheets(summaries, period, mode).map((model) => ({ op: "writeSheet" as const, model })));
  await book.save(out);
  return summaries;
}
