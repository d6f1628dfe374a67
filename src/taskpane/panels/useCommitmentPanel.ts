import { useEffect, useState } from "react";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "../../core/commitments/commitments";
import { localIsoDate } from "../../core/period";
import { addCommitmentAction, loadCommitmentsAction, updateCommitmentAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/**
 * 承诺事项: register a member's commitment; record its 完成情况 with the 积分台账 row that scored it
 * (where the scheme scores commitments: 完成承诺事项 / 无正当理由未兑现承诺事项). Reloads after each change.
 */
export function useCommitmentPanel(host: LedgerHost, today = new Date()) {
  const state = useAction(loadCommitmentsAction, host);
  const add = useAction(addCommitmentAction, host);
  const update = useAction(updateCommitmentAction, host);
  const { run: load } = state;
  const [fields, setFields] = useState({ memberId: "", text: "", deadline: "" });
  const [change, setChange] = useState<{ row: number; status: CommitmentStatus; followUp: string; entryId: string } | null>(null);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const members = state.result?.members ?? [];
  const addProblems = [
    ...(members.some((m) => m.id === fields.memberId) ? [] : ["请选择党员"]),
    ...(fields.text.trim() ? [] : ["请填写承诺事项"]),
    ...(/^\d{4}-\d{1,2}-\d{1,2}$/.test(fields.deadline.trim()) ? [] : ["完成时限请按 2026-12-31 的格式填写"]),
  ];
  const entryId = change?.entryId.trim() ?? "";
  const changeProblems = change && entryId && !/^\d+$/.test(entryId) ? ["积分记录号须为积分台账中那条记录的记录号（最后一列的数字）"] : [];

  return {
    loading: state.running,
    loadError: state.error,
    state: state.result,
    statuses: COMMITMENT_STATUSES,
    fields,
    updateFields: (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch })),
    addProblems,
    add,
    submit: async () => {
      if (addProblems.length) return false;
      const ok = (await add.run({ memberId: fields.memberId, text: fields.text.trim(), date: localIsoDate(today), deadline: fields.deadline.trim() })) !== null;
      if (ok) {
        setFields({ memberId: "", text: "", deadline: "" });
        await load(undefined);
      }
      return ok;
    },
    change,
    startChange: (row: number, status: CommitmentStatus) => setChange({ row, status, followUp: "", entryId: "" }),
    editChange: (patch: Partial<{ status: CommitmentStatus; followUp: string; entryId: string }>) => setChange((c) => (c ? { ...c, ...patch } : c)),
    changeProblems,
    update,
    saveChange: async () => {
      if (!change || changeProblems.length) return false;
      const ok = (await update.run({ row: change.row, status: change.status, followUp: change.followUp.trim() || undefined, entryId: entryId ? Number(entryId) : undefined })) !== null;
      if (ok) {
        setChange(null);
        await load(undefined);
      }
      return ok;
    },
  };
}
