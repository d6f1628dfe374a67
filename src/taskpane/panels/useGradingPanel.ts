import { useEffect, useState } from "react";
import { PROMOTION_CHOICES, type GradingRecord, type PromotionChoice, deadlineOf } from "../../core/grading/classifiedGrading";
import { type GradingState, loadGradingAction, saveGradingAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** The form: the record's text fields (整改时限 as YYYY-MM-DD or ""), 是否晋位 as a choice. */
export type GradingFields = Pick<GradingRecord, "problems" | "measures" | "deadline" | "leader" | "outcome" | "appraisal"> & { promoted: PromotionChoice | "" };

/** Form field → the GradingRecord field it shows, in the order of the sheet. */
const FIELDS = ["problems", "measures", "deadline", "leader", "outcome", "appraisal", "promoted"] as const satisfies readonly (keyof GradingFields & keyof GradingRecord)[];

const blankFields = (): GradingFields => ({ problems: "", measures: "", deadline: "", leader: "", outcome: "", appraisal: "", promoted: "" });

function fieldsOf(record: GradingRecord | undefined): GradingFields {
  if (!record) return blankFields();
  const promoted = (PROMOTION_CHOICES as readonly string[]).includes(record.promoted) ? (record.promoted as PromotionChoice) : "";
  return { problems: record.problems, measures: record.measures, deadline: record.deadline, leader: record.leader, outcome: record.outcome, appraisal: record.appraisal, promoted };
}

/** 「张三（001） 59分 不合格」. */
export function gradingMemberLabel(m: GradingState["members"][number]): string {
  return `${m.name}（${m.id}） ${m.total}分 ${m.grade ?? ""}`.trimEnd();
}

/**
 * 分类定级: each member's 积分 and 等次 of the year (from the engine) beside the 存在问题, 整改措施, 整改时限,
 * 联系领导, 整改结果, 测评结果 and 是否晋位 the branch records. Choosing a member fills the form from the
 * member's row; saving again updates only the fields changed. Reloads after each save.
 */
export function useGradingPanel(host: LedgerHost) {
  const state = useAction(loadGradingAction, host);
  const save = useAction(saveGradingAction, host);
  const { run: load } = state;
  const [memberId, setMemberId] = useState("");
  const [fields, setFields] = useState<GradingFields>(blankFields);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const members = state.result?.members ?? [];
  const records = state.result?.records ?? [];
  const appraisalGrades = state.result?.appraisalGrades ?? [];
  const record = records.find((r) => r.memberId === memberId);
  const before = fieldsOf(record);
  const typed: GradingFields = { ...fields, problems: fields.problems.trim(), measures: fields.measures.trim(), deadline: fields.deadline.trim(), leader: fields.leader.trim(), outcome: fields.outcome.trim(), appraisal: fields.appraisal.trim() };
  // A new row takes the fields filled; an existing one only the fields changed (blank clears).
  const changed = FIELDS.filter((f) => (record ? typed[f] !== before[f] : typed[f] !== ""));
  const problems = [
    ...(members.some((m) => m.id === memberId) ? [] : ["请选择党员"]),
    ...(changed.includes("deadline") && typed.deadline && !deadlineOf(typed.deadline) ? ["整改时限请填写日期（2026-12-31）或月份（2026-12）"] : []),
    ...(changed.includes("appraisal") && typed.appraisal && appraisalGrades.length && !appraisalGrades.includes(typed.appraisal) ? [`测评结果须为：${appraisalGrades.join("、")}`] : []),
    ...(memberId && changed.length === 0 ? [record ? "没有改动" : "请至少填写一项"] : []),
  ];

  return {
    loading: state.running,
    loadError: state.error,
    state: state.result,
    members,
    appraisalGrades,
    promotionChoices: PROMOTION_CHOICES,
    memberId,
    /** The chosen member's row of the year, if any. */
    record,
    /** Chooses a member and fills the form from the member's row (blank when none). */
    chooseMember: (id: string) => {
      setMemberId(id);
      setFields(fieldsOf(records.find((r) => r.memberId === id)));
    },
    fields,
    updateFields: (patch: Partial<GradingFields>) => setFields((f) => ({ ...f, ...patch })),
    problems,
    save,
    submit: async () => {
      if (problems.length) return false;
      const input: Partial<GradingFields> = {};
      for (const f of changed) Object.assign(input, { [f]: typed[f] });
      const ok = (await save.run({ memberId, ...input })) !== null;
      if (ok) {
        const reloaded = await load(undefined);
        if (reloaded) setFields(fieldsOf(reloaded.records.find((r) => r.memberId === memberId)));
      }
      return ok;
    },
  };
}
