import { approvalStatus } from "../core/approval/approvals";
import { REDEMPTION_STORE, type RedemptionBalance, type RedemptionInput, planRedemption, redemptionBalances } from "../core/redemption/redemption";
import type { WorkbookGateway } from "./gateway";
import { type LoadedLedger, loadLedger, scoreLedger } from "./ledgerService";

/** Each member's approved points: the sum of their totals over the periods the committee approved. */
export function approvedPoints(ledger: LoadedLedger): Map<string, number> {
  const earned = new Map<string, number>();
  for (const { period, approved } of approvalStatus(ledger.tables, ledger.scheme, ledger.year)) {
    if (!approved) continue;
    for (const m of scoreLedger(ledger, period).members) earned.set(m.id, Math.round(((earned.get(m.id) ?? 0) + m.total) * 10) / 10);
  }
  return earned;
}

/** 积分兑换: every member's approved points, redeemed points and balance. One read. */
export async function redemptionBalancesOf(gateway: WorkbookGateway): Promise<RedemptionBalance[]> {
  const ledger = await loadLedger(gateway, [], [REDEMPTION_STORE.table]);
  return redemptionBalances(ledger.members, approvedPoints(ledger), ledger.tables.get(REDEMPTION_STORE.table));
}

/** Records a redemption the balance covers (else RedemptionRefused, nothing written). One read, one logged batch. */
export async function redeemPoints(gateway: WorkbookGateway, input: RedemptionInput, now = new Date()): Promise<RedemptionBalance> {
  const ledger = await loadLedger(gateway, [], [REDEMPTION_STORE.table]);
  const plan = planRedemption(ledger.tables.get(REDEMPTION_STORE.table), ledger.members, approvedPoints(ledger), input, now);
  await gateway.apply(plan.ops);
  return plan.balance;
}
