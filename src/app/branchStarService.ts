import { BRANCH_STAR_STORE, type BranchStarInput, type BranchStarRecord, planBranchStars, readBranchStars } from "../core/stars/branchStars";
import type { WorkbookGateway } from "./gateway";
import { loadLedger } from "./ledgerService";

/** Records a branch's profile, stars and 晋级目标 for the year (the 评星晋级 sheet is created the first time; a branch's row of the same year is replaced). */
export async function saveBranchStars(gateway: WorkbookGateway, input: Omit<BranchStarInput, "year"> & { year?: number }, now = new Date()): Promise<void> {
  const ledger = await loadLedger(gateway, [], [BRANCH_STAR_STORE.table]);
  await gateway.apply(planBranchStars(ledger.tables.get(BRANCH_STAR_STORE.table), { ...input, year: input.year ?? ledger.year }, now));
}

/** The branches of a year (default: the workbook's year) with their level, target and missing stars. */
export async function branchStarsOf(gateway: WorkbookGateway, year?: number): Promise<{ year: number; branches: BranchStarRecord[] }> {
  const ledger = await loadLedger(gateway, [], [BRANCH_STAR_STORE.table]);
  const y = year ?? ledger.year;
  return { year: y, branches: readBranchStars(ledger.tables.get(BRANCH_STAR_STORE.table), y) };
}
