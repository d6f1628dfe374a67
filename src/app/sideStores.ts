/**
 * The sheets kept beside the ledger (承诺事项, 积分兑换, 评星晋级, 分类定级, 支部积分), written and read the one
 * same way: one read of the ledger with that sheet, one batch of changes (the sheet is created with its
 * dropdowns on first use by the core's plan).
 */
import { approvalStatus, approvedPeriodOf } from "../core/approval/approvals";
import { BRANCH_SCORE_STORE, type BranchScoreInput, type BranchYear, planBranchScore, scoreBranchMonths } from "../core/branchScores/branchScores";
import { COMMITMENT_STORE, type CommitmentInput, type CommitmentUpdate, planCommitment, planCommitmentUpdate } from "../core/commitments/commitments";
import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { headedByBranch } from "../core/ledger/scaffold";
import { GRADING_STORE, type GradingInput, planGradingRecord } from "../core/grading/classifiedGrading";
import type { TableSheetDef } from "../core/ledger/layout";
import { DUES_STORE, type DuesInput, planDues } from "../core/dues/duesRegister";
import { REDEMPTION_STORE, type RedemptionBalance, type RedemptionInput, planRedemption, redemptionBalances } from "../core/redemption/redemption";
import type { TableData, WorkbookOp } from "../core/sheetModel";
import { BRANCH_STAR_STORE, type BranchStarInput, type BranchStarRecord, planBranchStars, readBranchStars } from "../core/stars/branchStars";
import type { ValidationIssue } from "../core/validation/validateLedger";
import type { WorkbookGateway } from "./gateway";
import { type LoadedLedger, loadLedger, scoreLedger } from "./ledgerService";

/** Reads the ledger with one side sheet and hands both to `read`. */
export async function readStore<T>(gateway: WorkbookGateway, def: TableSheetDef, read: (ledger: LoadedLedger, table: TableData | undefined) => T): Promise<T> {
  const ledger = await loadLedger(gateway, [], [def.table]);
  return read(ledger, ledger.tables.get(def.table));
}

/** Plans a change of one side sheet from the ledger as it stands and applies it in one batch; a refusal writes nothing. */
export async function saveToStore<T = void>(
  gateway: WorkbookGateway,
  def: TableSheetDef,
  plan: (ledger: LoadedLedger, table: TableData | undefined) => WorkbookOp[] | { ops: WorkbookOp[]; result: T },
): Promise<T | undefined> {
  const planned = await readStore(gateway, def, (ledger, table) => ({ planned: plan(ledger, table), branch: ledger.settings.get(SETTINGS_KEYS.branch) ?? "" }));
  const { ops, result } = Array.isArray(planned.planned) ? { ops: planned.planned, result: undefined } : planned.planned;
  await gateway.apply(headedByBranch(ops, planned.branch));
  return result;
}

type WithYear<T extends { year: number }> = Omit<T, "year"> & { year?: number };

/** Registers a member's commitment for the year. */
export const addCommitment = (gateway: WorkbookGateway, input: WithYear<CommitmentInput>, now = new Date()) =>
  saveToStore(gateway, COMMITMENT_STORE, (l, t) => planCommitment(t, l.members, { ...input, year: input.year ?? l.year }, now));

/** Records a commitment's 完成情况, follow-up and the 积分台账 record (by 记录号, or the row it stands in now) that scored it. */
export const updateCommitment = (gateway: WorkbookGateway, update: CommitmentUpdate, now = new Date()) =>
  saveToStore(gateway, COMMITMENT_STORE, (l, t) => planCommitmentUpdate(t, update, now, l.tables.get(SHEETS.ledger.table)));

/** Records a member's 存在问题, 整改措施 … for the year (the member's row of the year is updated). */
export const saveGradingRecord = (gateway: WorkbookGateway, input: WithYear<GradingInput>, now = new Date()) =>
  saveToStore(gateway, GRADING_STORE, (l, t) => planGradingRecord(t, l.members, { ...input, year: input.year ?? l.year }, now));

/** Records a branch's profile, stars and 晋级目标 for the year (its row of the same year is replaced). */
export const saveBranchStars = (gateway: WorkbookGateway, input: WithYear<BranchStarInput>, now = new Date()) =>
  saveToStore(gateway, BRANCH_STAR_STORE, (l, t) => planBranchStars(t, { ...input, year: input.year ?? l.year }, now));

/** The branches of a year (default: the workbook's year) with their level, target and missing stars. */
export const branchStarsOf = (gateway: WorkbookGateway, year?: number): Promise<{ year: number; branches: BranchStarRecord[] }> =>
  readStore(gateway, BRANCH_STAR_STORE, (l, t) => ({ year: year ?? l.year, branches: readBranchStars(t, year ?? l.year) }));

/** Appends one 上年得分 / 基础分扣分 / 任务分 / 奖励分 row of a branch. */
export const addBranchScore = (gateway: WorkbookGateway, input: BranchScoreInput, now = new Date()) =>
  saveToStore(gateway, BRANCH_SCORE_STORE, (_l, t) => planBranchScore(t, input, now));

/** Each branch's months of the year, with the problems of the sheet. */
export const branchScoresOf = (gateway: WorkbookGateway, year: number): Promise<{ branches: BranchYear[]; issues: ValidationIssue[] }> =>
  readStore(gateway, BRANCH_SCORE_STORE, (_l, t) => scoreBranchMonths(t, year));

/** Each member's approved points: the sum of their totals over the periods the committee approved. */
export function approvedPoints(ledger: LoadedLedger): Map<string, number> {
  const earned = new Map<string, number>();
  for (const { period, approved } of approvalStatus(ledger.tables, ledger.scheme, ledger.year)) {
    if (!approved) continue;
    for (const m of scoreLedger(ledger, period).members) earned.set(m.id, Math.round(((earned.get(m.id) ?? 0) + m.total) * 10) / 10);
  }
  return earned;
}

/** 积分兑换: every member's approved points, redeemed points and balance. */
export const redemptionBalancesOf = (gateway: WorkbookGateway): Promise<RedemptionBalance[]> =>
  readStore(gateway, REDEMPTION_STORE, (l, t) => redemptionBalances(l.members, approvedPoints(l), t));

/** Records a redemption the balance covers (else Refused, nothing written). */
export const redeemPoints = async (gateway: WorkbookGateway, input: RedemptionInput, now = new Date()): Promise<RedemptionBalance> =>
  (await saveToStore(gateway, REDEMPTION_STORE, (l, t) => {
    const plan = planRedemption(t, l.members, approvedPoints(l), input, now);
    return { ops: plan.ops, result: plan.balance };
  }))!;

/** Records one member-month of 党费交纳 (应交, 实交, 交纳日期, 正当理由). */
export const addDues = (gateway: WorkbookGateway, input: DuesInput, now = new Date()) =>
  saveToStore(gateway, DUES_STORE, (l, t) => planDues(t, l.members, input, now, l.scheme.dues?.item ? (month) => approvedPeriodOf(l.tables, l.scheme, `${month}-01`) : undefined));
