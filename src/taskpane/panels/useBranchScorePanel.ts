import { useEffect, useState } from "react";
import { addBranchScoreAction, loadBranchScoresAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export interface BranchScoreFields {
  branch: string;
  /** YYYY-MM */
  month: string;
  kind: string;
  item: string;
  points: string;
}

/** "2026-03" of a Date, where the clerk is. */
function monthOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

/**
 * 支部积分: record a branch's 上年得分, 基础分扣分, 任务分 or 奖励分 of a month; shows each branch's months
 * (基础分 carried at 40% of the month before) and 年度得分, with the problems of the sheet. Reloads after each row.
 */
export function useBranchScorePanel(host: LedgerHost, today = new Date()) {
  const state = useAction(loadBranchScoresAction, host);
  const add = useAction(addBranchScoreAction, host);
  const { run: load } = state;
  const [fields, setFields] = useState<BranchScoreFields>({ branch: "", month: monthOf(today), kind: "", item: "", points: "" });

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const kinds = state.result?.kinds ?? [];
  const points = fields.points.trim();
  const isNumber = /^-?\d+(\.\d+)?$/.test(points);
  const problems = [
    ...(fields.branch.trim() ? [] : ["请填写党支部"]),
    ...(/^\d{4}-(0[1-9]|1[0-2])$/.test(fields.month.trim()) ? [] : ["月份请按 2026-03 的格式填写"]),
    ...(kinds.includes(fields.kind) ? [] : ["请选择类别"]),
    ...(isNumber ? [] : ["分值须为数字"]),
    ...(isNumber && fields.kind === "上年得分" && (Number(points) < 0 || Number(points) > 100) ? ["上年得分须在0至100之间"] : []),
    ...(isNumber && (fields.kind === "任务分" || fields.kind === "奖励分") && Number(points) < 0 ? [`${fields.kind}不能为负数`] : []),
  ];

  return {
    loading: state.running,
    loadError: state.error,
    state: state.result,
    kinds,
    /** The branches already on the sheet, as a hint for 党支部. */
    branchNames: (state.result?.branches ?? []).map((b) => b.branch),
    fields,
    updateFields: (patch: Partial<BranchScoreFields>) => setFields((f) => ({ ...f, ...patch })),
    problems,
    add,
    submit: async () => {
      if (problems.length) return false;
      const ok = (await add.run({ branch: fields.branch.trim(), month: fields.month.trim(), kind: fields.kind, item: fields.item.trim(), points: Number(points) })) !== null;
      if (ok) {
        setFields((f) => ({ ...f, item: "", points: "" }));
        await load(undefined);
      }
      return ok;
    },
  };
}
