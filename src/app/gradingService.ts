import { GRADING_STORE, type GradingInput, planGradingRecord } from "../core/grading/classifiedGrading";
import type { WorkbookGateway } from "./gateway";
import { loadLedger } from "./ledgerService";

/** Records a member's 存在问题, 整改措施 … for the year (the 分类定级 sheet is created the first time; the member's row of the year is updated). */
export async function saveGradingRecord(gateway: WorkbookGateway, input: Omit<GradingInput, "year"> & { year?: number }, now = new Date()): Promise<void> {
  const ledger = await loadLedger(gateway, [], [GRADING_STORE.table]);
  await gateway.apply(planGradingRecord(ledger.tables.get(GRADING_STORE.table), ledger.members, { ...input, year: input.year ?? ledger.year }, now));
}
