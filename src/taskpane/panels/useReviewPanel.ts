import { useEffect, useState } from "react";
import { localIsoDate } from "../../core/period";
import { approveAction, loadReviewAction, recordAppealAction, resolveAppealAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export interface AppealFields {
  memberId: string;
  period: string;
  claim: string;
  evidence: string;
}

export interface ResolveFields {
  appealId: string;
  result: string;
  /** 积分台账 row the appeal showed to be wrong; blank = nothing to cancel. */
  /** 记录号 of the ledger row to cancel (the sheet's 记录号 column). */
  reverseId: string;
}

/**
 * 申诉 and 审定: the approval status of each period and any edits since approval; approve the next
 * period; record a member's appeal and resolve it (a wrong row is cancelled by a reversing row, never
 * edited). Everything reloads after each change.
 */
export function useReviewPanel(host: LedgerHost, today = new Date()) {
  const review = useAction(loadReviewAction, host);
  const approve = useAction(approveAction, host);
  const appeal = useAction(recordAppealAction, host);
  const resolve = useAction(resolveAppealAction, host);
  const { run: load } = review;
  const day = localIsoDate(today);
  const [meeting, setMeeting] = useState("支部委员会会议");
  const [approvePeriodLabel, setApprovePeriod] = useState("");
  const [appealFields, setAppeal] = useState<AppealFields>({ memberId: "", period: "", claim: "", evidence: "" });
  const [resolveFields, setResolve] = useState<ResolveFields>({ appealId: "", result: "", reverseId: "" });

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const state = review.result;
  // Open: not yet approved, or approved and since corrected by an appeal (approved again).
  const open = state?.periods.filter((p) => !p.approved || state.reopened.includes(p.period)).map((p) => p.period) ?? [];
  // The next period to approve is the first still open.
  const toApprove = open.includes(approvePeriodLabel) ? approvePeriodLabel : open[0] ?? "";
  const openAppeals = state?.appeals.filter((a) => !a.result) ?? [];
  const reverseId = resolveFields.reverseId.trim();
  const resolveProblems = [
    ...(openAppeals.some((a) => a.id === resolveFields.appealId) ? [] : ["请选择待处理的申诉"]),
    ...(resolveFields.result.trim() ? [] : ["请填写处理结果"]),
    ...(reverseId && !/^\d+$/.test(reverseId) ? ["撤销记录号须为积分台账「记录号」列中的编号（整数）"] : []),
  ];
  const appealProblems = [
    ...(state?.members.some((m) => m.id === appealFields.memberId) ? [] : ["请选择党员"]),
    ...(state?.periods.some((p) => p.period === appealFields.period) ? [] : ["请选择申诉的期间"]),
    ...(appealFields.claim.trim() ? [] : ["请填写申诉事项"]),
  ];

  // What the last approval did, said until the next appeal changes the picture (an appeal re-opens the period).
  const [approved, setApproved] = useState<{ period: string; rows: number } | null>(null);
  const after = async <R>(result: R | null) => {
    if (result !== null) await load(undefined);
    return result;
  };

  return {
    loading: review.running,
    loadError: review.error,
    state,
    openAppeals,
    approval: { period: toApprove, open, again: state?.reopened.includes(toApprove) ?? false, choose: setApprovePeriod, meeting, setMeeting, action: approve, done: approved },
    approve: async () => {
      if (!toApprove) return null;
      const result = await approve.run({ period: toApprove, date: day, meeting });
      if (result !== null) setApproved({ period: toApprove, rows: result.rows });
      return after(result);
    },
    appealFields,
    updateAppeal: (patch: Partial<AppealFields>) => setAppeal((f) => ({ ...f, ...patch })),
    appealProblems,
    appeal,
    recordAppeal: async () => {
      if (appealProblems.length) return null;
      const id = await appeal.run({ memberId: appealFields.memberId, period: appealFields.period, claim: appealFields.claim.trim(), evidence: appealFields.evidence.trim() || undefined, date: day });
      if (id !== null) {
        setAppeal({ memberId: "", period: "", claim: "", evidence: "" });
        setApproved(null);
      }
      return after(id);
    },
    resolveFields,
    updateResolve: (patch: Partial<ResolveFields>) => setResolve((f) => ({ ...f, ...patch })),
    resolveProblems,
    resolve,
    resolveAppeal: async () => {
      if (resolveProblems.length) return null;
      const rows = await resolve.run({ appealId: resolveFields.appealId, result: resolveFields.result.trim(), date: day, reverseId: reverseId ? Number(reverseId) : undefined });
      if (rows !== null) {
        setResolve({ appealId: "", result: "", reverseId: "" });
        setApproved(null);
      }
      return after(rows);
    },
  };
}
