import { useEffect, useState } from "react";
import { PROFILE_COUNTS, type ProfileField } from "../../core/stars/branchStars";
import { type BranchStarState, loadBranchStarsAction, saveBranchStarsAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export type BranchStarSummary = BranchStarState["branches"][number];

export interface BranchStarFields {
  branch: string;
  secretary: string;
  /** Profile counts as typed, by field ("" = blank). */
  counts: Record<ProfileField, string>;
  /** Star names checked, in the 台账's order. */
  stars: string[];
  target: string;
  assessment: string;
}

const blankCounts = (): Record<ProfileField, string> => Object.fromEntries(PROFILE_COUNTS.map(([, field]) => [field, ""])) as Record<ProfileField, string>;
const blankFields = (): BranchStarFields => ({ branch: "", secretary: "", counts: blankCounts(), stars: [], target: "", assessment: "" });

/** 「掘进六队党支部：安全星绩效星廉洁星 · 三星级党支部 → 四星级党支部（尚差 1 星）」. */
export function branchStarLine(b: BranchStarSummary): string {
  return `${b.branch}：${b.stars.join("") || "无"} · ${b.level} → ${b.target}（尚差 ${b.gap} 星）`;
}

/**
 * 评星晋级: a branch's profile counts, the stars it earned and its 晋级目标 for the workbook's year; the
 * branch's row of the year is replaced when saved again. Lists the branches and the level roll-up; reloads after each save.
 */
export function useBranchStarPanel(host: LedgerHost) {
  const state = useAction(loadBranchStarsAction, host);
  const save = useAction(saveBranchStarsAction, host);
  const { run: load } = state;
  const [fields, setFields] = useState<BranchStarFields>(blankFields);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const stars = state.result?.stars ?? [];
  const levels = state.result?.levels ?? [];
  const problems = [
    ...(fields.branch.trim() ? [] : ["请填写党组织名称"]),
    ...PROFILE_COUNTS.filter(([, field]) => fields.counts[field].trim() !== "" && !/^\d+$/.test(fields.counts[field].trim())).map(([header]) => `${header}须为不小于0的整数`),
    ...(levels.some((l) => l.name === fields.target) ? [] : ["请选择晋级目标"]),
  ];

  return {
    loading: state.running,
    loadError: state.error,
    state: state.result,
    stars,
    levels,
    profileCounts: PROFILE_COUNTS,
    fields,
    updateFields: (patch: Partial<Omit<BranchStarFields, "counts">>) => setFields((f) => ({ ...f, ...patch })),
    updateCount: (field: ProfileField, value: string) => setFields((f) => ({ ...f, counts: { ...f.counts, [field]: value } })),
    /** Checks or clears a star, keeping the 台账's order. */
    toggleStar: (name: string, checked: boolean) =>
      setFields((f) => {
        const chosen = new Set(f.stars);
        if (checked) chosen.add(name);
        else chosen.delete(name);
        return { ...f, stars: stars.filter((s) => chosen.has(s)) };
      }),
    /** Fills the form from a listed branch, to change and save it again. */
    edit: (b: BranchStarSummary) =>
      setFields({
        branch: b.branch,
        secretary: b.secretary,
        counts: Object.fromEntries(PROFILE_COUNTS.map(([, field]) => [field, b.counts[field] === null ? "" : String(b.counts[field])])) as Record<ProfileField, string>,
        stars: [...b.stars],
        target: b.target,
        assessment: b.assessment,
      }),
    clear: () => setFields(blankFields()),
    problems,
    save,
    submit: async () => {
      if (problems.length) return false;
      const counts: Partial<Record<ProfileField, number>> = {};
      for (const [, field] of PROFILE_COUNTS) if (fields.counts[field].trim() !== "") counts[field] = Number(fields.counts[field].trim());
      const ok =
        (await save.run({
          branch: fields.branch.trim(),
          secretary: fields.secretary.trim() || undefined,
          counts,
          stars: fields.stars,
          target: fields.target,
          assessment: fields.assessment.trim() || undefined,
        })) !== null;
      if (ok) {
        setFields(blankFields());
        await load(undefined);
      }
      return ok;
    },
  };
}
