import { useEffect, useState } from "react";
import { parseNumberInput } from "../../core/cells";
import type { AppraisalRecord } from "../../app/memberService";
import { gradeOfTally } from "../../app/memberService";
import { loadAppraisalAction, saveAppraisalsAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** How a member's result is entered: the grade itself, the meeting's vote tally, or the score (score-mode schemes). */
export type AppraisalMethod = "grade" | "tally" | "score";

/** One member's draft: what the clerk typed, as text. */
export interface AppraisalDraft {
  grade: string;
  score: string;
  /** Votes by grade name. */
  votes: Record<string, string>;
  /** The committee's grade against the tally's; "" = none. */
  override: string;
  reason: string;
}

const EMPTY_DRAFT: AppraisalDraft = { grade: "", score: "", votes: {}, override: "", reason: "" };

/** The default share of 优秀 above which the pane warns (commonly 三分之一 of the members appraised). */
export const DEFAULT_EXCELLENT_SHARE = "1/3";

/** "1/3", "30%", "0.3" as a fraction in (0, 1]; null when not one. */
export function parseShare(text: string): number | null {
  const t = text.trim().replace(/／/g, "/").replace(/％/g, "%");
  let value: number | null = null;
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (frac) value = Number(frac[2]) > 0 ? Number(frac[1]) / Number(frac[2]) : null;
  else if (t.endsWith("%")) {
    const n = parseNumberInput(t.slice(0, -1));
    value = n === null ? null : n / 100;
  } else value = parseNumberInput(t);
  return value !== null && value > 0 && value <= 1 ? value : null;
}

/** A member's draft read: the record to write, or what is wrong with it; null when the draft is empty. */
export interface DraftOutcome {
  record: AppraisalRecord | null;
  /** The grade the tally gives (tally method), before any override. */
  tallyGrade: string | null;
  problems: string[];
}

/**
 * 民主评议: per member, the grade (grades-mode schemes) or the score (score-mode schemes), or the
 * meeting's vote tally turned into the grade by majority (gradeOfTally: going down from 优秀, the first
 * grade that with the better grades has more than half of the votes; exactly half goes to the lower
 * grade), with the committee's override and its reason. Warns when 优秀 exceeds the share the clerk
 * sets. All drafts are written as one logged batch.
 */
export function useAppraisalPanel(host: LedgerHost) {
  const state = useAction(loadAppraisalAction, host);
  const save = useAction(saveAppraisalsAction, host);
  const { run: load } = state;
  const [method, setMethod] = useState<AppraisalMethod>("grade");
  const [drafts, setDrafts] = useState<Record<string, AppraisalDraft>>({});
  const [share, setShare] = useState(DEFAULT_EXCELLENT_SHARE);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const s = state.result;
  const effectiveMethod: AppraisalMethod = s?.mode === "score" ? "score" : method === "score" ? "grade" : method;
  const gradeNames = s?.grades.map((g) => g.name) ?? [];

  const outcome = (memberId: string): DraftOutcome | null => {
    const d = drafts[memberId];
    if (!d || !s) return null;
    const member = s.members.find((m) => m.id === memberId);
    const who = member ? `${member.name}（${memberId}）` : memberId;
    if (effectiveMethod === "score") {
      if (!d.score.trim()) return null;
      const n = parseNumberInput(d.score.trim());
      if (n === null) return { record: null, tallyGrade: null, problems: [`${who}：分值「${d.score.trim()}」不是数字`] };
      if (n < s.min || n > s.max) return { record: null, tallyGrade: null, problems: [`${who}：分值 ${n} 超出 ${s.min} 至 ${s.max}`] };
      return { record: { memberId, score: n }, tallyGrade: null, problems: [] };
    }
    if (effectiveMethod === "grade") {
      if (!d.grade) return null;
      return { record: { memberId, grade: d.grade }, tallyGrade: null, problems: [] };
    }
    const typed = gradeNames.filter((g) => (d.votes[g] ?? "").trim() !== "");
    if (typed.length === 0 && !d.override) return null;
    const problems: string[] = [];
    const votes: Record<string, number> = {};
    for (const g of gradeNames) {
      const raw = (d.votes[g] ?? "").trim();
      const n = raw ? parseNumberInput(raw) : 0;
      if (n === null || !Number.isInteger(n) || n < 0) problems.push(`${who}：${g}票数「${raw}」须为不小于 0 的整数`);
      else votes[g] = n;
    }
    const tallyGrade = problems.length ? null : gradeOfTally(gradeNames, votes);
    if (!problems.length && tallyGrade === null) problems.push(`${who}：票数都是 0`);
    if (d.override && !d.reason.trim()) problems.push(`${who}：支委会调整等次须填写理由`);
    if (problems.length) return { record: null, tallyGrade, problems };
    const overridden = d.override && d.override !== tallyGrade;
    return {
      record: { memberId, grade: overridden ? d.override : tallyGrade!, votes, override: overridden ? { from: tallyGrade!, reason: d.reason.trim() } : undefined },
      tallyGrade,
      problems: [],
    };
  };

  const outcomes = s ? s.members.map((m) => ({ id: m.id, outcome: outcome(m.id) })) : [];
  const records = outcomes.flatMap((o) => (o.outcome?.record ? [o.outcome.record] : []));
  const problems = outcomes.flatMap((o) => o.outcome?.problems ?? []);
  const shareValue = parseShare(share);
  if (shareValue === null) problems.push(`优秀比例「${share}」请填写如 1/3 或 30%`);

  // 优秀 among the members appraised this year, the drafts counted over what the sheet holds.
  let excellentWarning: string | null = null;
  if (s && s.mode === "grades" && shareValue !== null) {
    const best = gradeNames[0];
    const drafted = new Map(records.map((r) => [r.memberId, r.grade ?? ""]));
    const results = s.members.map((m) => drafted.get(m.id) ?? m.grade).filter((g) => g !== "");
    const excellent = results.filter((g) => g === best).length;
    if (results.length > 0 && excellent > shareValue * results.length)
      excellentWarning = `${best} ${excellent} 人，占参评党员 ${results.length} 人的 ${Math.round((excellent / results.length) * 1000) / 10}%，超过设定的 ${share.trim()}`;
  }

  return {
    loading: state.running,
    loadError: state.error,
    state: s,
    method: effectiveMethod,
    /** Grades-mode schemes choose between the grade and the vote tally; score-mode schemes enter the score. */
    methods: (s?.mode === "score" ? ["score"] : ["grade", "tally"]) as AppraisalMethod[],
    setMethod,
    drafts,
    draftOf: (memberId: string) => drafts[memberId] ?? EMPTY_DRAFT,
    updateDraft: (memberId: string, patch: Partial<AppraisalDraft>) => setDrafts((all) => ({ ...all, [memberId]: { ...(all[memberId] ?? EMPTY_DRAFT), ...patch } })),
    setVotes: (memberId: string, grade: string, value: string) =>
      setDrafts((all) => {
        const d = all[memberId] ?? EMPTY_DRAFT;
        return { ...all, [memberId]: { ...d, votes: { ...d.votes, [grade]: value } } };
      }),
    outcome,
    records,
    problems,
    share,
    setShare,
    excellentWarning,
    save,
    /** Writes every filled-in member (Enter in the form); false when something is not right or validation refused. */
    submit: async () => {
      if (problems.length > 0 || records.length === 0) return false;
      const result = await save.run(records);
      if (!result?.written) return false;
      setDrafts({});
      await load(undefined);
      return true;
    },
  };
}
