import { useMemo } from "react";
import type { RepairResult, TableRepair } from "../../app/repairTables";
import type { ValidationIssue } from "../../core/validation/validateLedger";
import { repairTablesAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** What 修复表格 puts right: a table converted to a range (or rebuilt by copy-paste), rows left below a table (typed after a gap, or the table shrunk). */
const REPAIRABLE = new Set<ValidationIssue["code"]>(["table-as-range", "row-below-table"]);

export function isRepairable(issue: ValidationIssue): boolean {
  return REPAIRABLE.has(issue.code);
}

/** One line per repaired table, as the clerk reads it. */
export function describeRepair(r: TableRepair): string {
  return r.action === "restored"
    ? `已恢复表格：「${r.sheet}」${r.range}（${r.rows} 行，单元格未改动）`
    : `已把表格下方的行并入表格：「${r.sheet}」${r.range}（共 ${r.rows} 行，单元格未改动）`;
}

/** Where an issue is and what it says: 「积分台账!A9 第9行 在表格下方……」. */
export function describeIssue(i: ValidationIssue): string {
  return `${i.sheet}!${i.column}${i.row} ${i.message}`;
}

/**
 * 修复表格 in the 校验 panel: offered when validation found a table converted to a range or rows left
 * below a table. Runs the app's one repair (repairTables, the CLI's `repair`) through the pane's
 * gateway, then validates again so the panel shows the workbook as it now is.
 */
export function useRepairTables(host: LedgerHost, issues: readonly ValidationIssue[] | null, revalidate: () => Promise<unknown>) {
  const action = useAction(repairTablesAction, host);
  const offered = useMemo(() => (issues ?? []).filter(isRepairable), [issues]);
  const result: RepairResult | null = action.result;
  return {
    running: action.running,
    slow: action.slow,
    error: action.error,
    result,
    /** The structural findings the repair puts right, in Chinese with their places; empty: nothing to offer. */
    offered: offered.map(describeIssue),
    /** Errors among them: scores, reports and approval are refused until they are repaired. */
    blocking: offered.some((i) => i.severity === "error"),
    /** What the last repair did, one line per table. */
    done: result ? (result.repaired.length ? result.repaired.map(describeRepair) : ["没有需要修复的表格"]) : [],
    /** What is still wrong with the tables after it (for the clerk to put right by hand). */
    remaining: result ? result.remaining.map(describeIssue) : [],
    /** Repairs the tables, then validates again; false when the repair failed (its message in `error`). */
    repair: async (): Promise<boolean> => {
      const done = await action.run(undefined);
      if (!done) return false;
      await revalidate();
      return true;
    },
  };
}
