import type { ScaffoldConflict } from "../core/ledger/scaffold";
import { getBuiltinScheme } from "../core/scheme/presets";
import type { ValidationResult } from "../core/validation/validateLedger";
import { type AppendedEntry, type EntryForm, appendEntry, scaffoldWorkbook, validateWorkbook } from "../workbook/ledgerService";
import type { LedgerHost } from "./host";

/** A task-pane action: a name for the log and the progress line, and the work, through the host's gateway. */
export interface Action<I, R> {
  name: string;
  perform(host: LedgerHost, input: I): Promise<R>;
}

export interface ScaffoldInput {
  schemeId: string;
  branch: string;
  year: number;
  secretary: string;
}

export interface ScaffoldOutcome {
  added: string[];
  kept: string[];
  conflicts: ScaffoldConflict[];
}

export const scaffoldAction: Action<ScaffoldInput, ScaffoldOutcome> = {
  name: "生成台账",
  async perform(host, input) {
    const plan = await scaffoldWorkbook(host.gateway, getBuiltinScheme(input.schemeId), { branch: input.branch, year: input.year, secretary: input.secretary });
    return { added: plan.added, kept: plan.kept, conflicts: plan.conflicts };
  },
};

export const validateAction: Action<void, ValidationResult> = {
  name: "校验台账",
  perform: (host) => validateWorkbook(host.gateway),
};

export const appendEntryAction: Action<{ form: EntryForm; force?: boolean }, AppendedEntry> = {
  name: "录入积分记录",
  perform: (host, input) => appendEntry(host.gateway, input.form, { force: input.force }),
};
