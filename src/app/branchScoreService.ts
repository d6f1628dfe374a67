import { BRANCH_SCORE_STORE, type BranchScoreInput, type BranchYear, planBranchScore, scoreBranchMonths } from "../core/branchScores/branchScores";
import type { ValidationIssue } from "../core/validation/validateLedger";
import type { WorkbookGateway } from "./gateway";

/** Appends one 上年得分 / 基础分扣分 / 任务分 / 奖励分 row of a branch (the 支部积分 sheet is created the first time). */
export async function addBranchScore(gateway: WorkbookGateway, input: BranchScoreInput, now = new Date()): Promise<void> {
  const tables = await gateway.readTables([BRANCH_SCORE_STORE.table]);
  await gateway.apply(planBranchScore(tables.get(BRANCH_SCORE_STORE.table), input, now));
}

/** Each branch's months of the year, with the problems of the sheet. */
export async function branchScoresOf(gateway: WorkbookGateway, year: number): Promise<{ branches: BranchYear[]; issues: ValidationIssue[] }> {
  const tables = await gateway.readTables([BRANCH_SCORE_STORE.table]);
  return scoreBranchMonths(tables.get(BRANCH_SCORE_STORE.table), year);
}
