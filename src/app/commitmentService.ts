import { COMMITMENT_STORE, type CommitmentInput, type CommitmentStatus, planCommitment, planCommitmentUpdate } from "../core/commitments/commitments";
import type { WorkbookGateway } from "./gateway";
import { loadLedger } from "./ledgerService";

/** Registers a member's commitment for the year (the 承诺事项 sheet is created the first time). One read, one logged batch. */
export async function addCommitment(gateway: WorkbookGateway, input: Omit<CommitmentInput, "year"> & { year?: number }, now = new Date()): Promise<void> {
  const ledger = await loadLedger(gateway, [], [COMMITMENT_STORE.table]);
  await gateway.apply(planCommitment(ledger.tables.get(COMMITMENT_STORE.table), ledger.members, { ...input, year: input.year ?? ledger.year }, now));
}

/** Records a commitment's 完成情况, follow-up and the 积分台账 row that scored it. */
export async function updateCommitment(gateway: WorkbookGateway, update: { row: number; status: CommitmentStatus; followUp?: string; entryRow?: number }, now = new Date()): Promise<void> {
  const tables = await gateway.readTables([COMMITMENT_STORE.table]);
  await gateway.apply(planCommitmentUpdate(tables.get(COMMITMENT_STORE.table), update, now));
}
