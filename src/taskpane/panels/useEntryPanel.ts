import { localIsoDate, tryParsePeriod } from "../../core/period";
import { describeUnmatched, entryConsequence, matchNames, splitNames } from "../../core/ledger/batchEntry";
import { useCallback, useEffect, useMemo, useState } from "react";
import { type ItemChoice, type RecentRow, appendEntriesAction, loadEntryContextAction, takeBackAction } from "../actions";
import type { EntryForm } from "../../app/ledgerService";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export interface EntryFields {
  memberId: string;
  itemCode: string;
  count: string;
  value: string;
  date: string;
  evidence: string;
  recorder: string;
  note: string;
  /** The activity of a batch (三会一课 …): written into 说明. */
  activity: string;
}

/** 单条: one member; 按活动: the members absent / late / excused at one activity. */
export type EntryMode = "single" | "batch";

/** Members shown in the picker at most (the search narrows it). */
export const MEMBER_CHOICES = 50;

/** Activities offered in the batch form (the clerk may type another). */
export const ACTIVITIES = ["三会一课", "支部党员大会", "支委会", "党小组会", "党课", "主题党日", "集中培训", "组织生活会"] as const;

export interface PreviewRow {
  memberId: string;
  name: string;
  /** 次数 × 分值 as it will score; "一票否决", or "" while unknown. */
  points: string;
  /** What the clerk must confirm for this row, or null. */
  consequence: string | null;
}

/** A write waiting for the clerk's 确认写入: what it does, and whether it insists past validation errors. */
export interface PendingWrite {
  confirmations: string[];
  force: boolean;
}

const DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;

function entryTotal(item: ItemChoice, count: string, value: string): number | null {
  const n = count.trim() === "" ? 1 : Number(count);
  const each = item.fixed ?? (value.trim() === "" ? Number.NaN : Number(value));
  return Number.isInteger(n) && n > 0 && Number.isFinite(each) ? Math.round(n * each * 10) / 10 : null;
}

/**
 * 录入: one member (search by 姓名 or 编号), or by activity the members ticked or pasted from a list;
 * an item of the scheme; one write for the whole batch. A veto or heavy points wait for 确认写入;
 * required evidence is enforced; rows with errors can be written anyway except into an approved
 * period. The member clears after a write; item, date, evidence, activity and 记录人 stay.
 * 撤销本条 takes back a row of the selected member's recent rows in an open period.
 */
export function useEntryPanel(host: LedgerHost, today = new Date()) {
  const context = useAction(loadEntryContextAction, host);
  const append = useAction(appendEntriesAction, host);
  const takeBackRun = useAction(takeBackAction, host);
  const [mode, setMode] = useState<EntryMode>("single");
  const [fields, setFields] = useState<EntryFields>({ memberId: "", itemCode: "", count: "1", value: "", date: localIsoDate(today), evidence: "", recorder: "", note: "", activity: "" });
  const [query, setQuery] = useState("");
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const [paste, setPaste] = useState("");
  const [pending, setPending] = useState<PendingWrite | null>(null);
  /** The refusal of a 撤销本条 the pane can state without asking the workbook (an approved period). */
  const [takeBackRefusal, setTakeBackRefusal] = useState<string | null>(null);
  const [takenBack, setTakenBack] = useState<string | null>(null);
  const { run: load } = context;

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const ctx = context.result;
  // 记录人 from 设置 until the clerk types one.
  const [recorder, setRecorder] = useState<string | null>(null);
  const shown: EntryFields = { ...fields, recorder: recorder ?? ctx?.recorder ?? "" };

  const member = ctx?.members.find((m) => m.id === fields.memberId) ?? null;
  const members = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = ctx?.members ?? [];
    return (q ? all.filter((m) => m.name.toLowerCase().includes(q) || m.id.toLowerCase().includes(q)) : all).slice(0, MEMBER_CHOICES);
  }, [ctx, query]);

  const pasted = useMemo(() => matchNames(splitNames(paste), ctx?.members ?? []), [ctx, paste]);
  const unmatched = describeUnmatched(pasted);
  const chosen = useMemo(() => {
    const ids = new Set(ticked);
    return (ctx?.members ?? []).filter((m) => ids.has(m.id));
  }, [ctx, ticked]);
  const targets = mode === "single" ? (member ? [member] : []) : chosen;

  const itemGroups = useMemo(() => {
    // One member: only the items of the member's category. A batch: every item (a misfit is named below).
    const fits = (i: ItemChoice) => mode === "batch" || !member || i.categories.length === 0 || i.categories.includes(member.category);
    return (ctx?.itemGroups ?? []).map((g) => ({ ...g, items: g.items.filter(fits) })).filter((g) => g.items.length > 0);
  }, [ctx, member, mode]);
  const item = itemGroups.flatMap((g) => g.items).find((i) => i.code === fields.itemCode) ?? null;

  const date = fields.date.trim();
  const month = DATE.test(date) ? tryParsePeriod(date.split("-").slice(0, 2).join("-"), ctx?.cycleStartMonth) : null;
  const cycleYear = month?.cycleYear ?? ctx?.year ?? 0;
  const total = item ? entryTotal(item, fields.count, fields.value) : null;
  const preview: PreviewRow[] = targets.map((m) => ({
    memberId: m.id,
    name: m.name,
    points: !item ? "" : item.veto ? "一票否决" : total === null ? "" : String(total),
    consequence: item ? entryConsequence(item, { name: m.name, points: total, cycleYear }) : null,
  }));
  const confirmations = preview.flatMap((r) => (r.consequence ? [r.consequence] : []));

  const problems: string[] = [];
  if (targets.length === 0) problems.push(mode === "single" ? "请选择党员" : "请勾选或粘贴党员");
  if (!item) problems.push("请选择积分项目");
  if (item?.needsValue && !fields.value.trim()) problems.push(`${item.code} 为酌情计分项目，请填写分值（${item.points}）`);
  if (!DATE.test(date)) problems.push("日期请按 2026-03-01 的格式填写");
  if (item?.evidenceRequired && !fields.evidence.trim()) problems.push(`${item.code} ${item.name} 须附证明材料：请填写证明材料`);
  if (item && item.categories.length > 0) {
    const misfits = targets.filter((m) => !item.categories.includes(m.category));
    if (misfits.length) problems.push(`${item.code} 只适用于${item.categories.join("、")}，不适用于：${misfits.map((m) => `${m.name}（${m.category}）`).join("、")}`);
  }

  const forms = (): EntryForm[] => {
    // The activity is the batch's: a single entry after a batch does not carry it into 说明.
    const note = [mode === "batch" ? fields.activity.trim() : "", fields.note.trim()].filter(Boolean).join("；");
    return targets.map((m) => ({
      日期: date,
      编号: m.id,
      项目代码: fields.itemCode,
      次数: fields.count.trim(),
      分值: item?.needsValue ? fields.value.trim() : "",
      证明材料: fields.evidence.trim(),
      记录人: shown.recorder.trim(),
      说明: note,
    }));
  };

  const reload = useCallback(() => load(undefined), [load]);

  const write = async (force: boolean, confirmed: boolean) => {
    setPending(null);
    setTakenBack(null);
    const result = await append.run({ forms: forms(), force, confirmed });
    if (!result) return null;
    if (result.confirmations.length > 0) setPending({ confirmations: result.confirmations, force });
    else if (result.written) {
      // Item, date, evidence, activity and 记录人 stay for the next entry of the same sitting; the members go.
      setFields((f) => ({ ...f, memberId: "" }));
      setQuery("");
      setTicked([]);
      setPaste("");
      await reload();
    }
    return result;
  };

  /** Enter / 写入台账: writes, or first asks for confirmation of a veto or heavy points. */
  const submit = async (force = false) => {
    if (problems.length > 0 || append.running) return null;
    if (confirmations.length > 0) {
      setPending({ confirmations, force });
      return null;
    }
    return write(force, false);
  };

  const last = append.result;
  const blocked = last !== null && !last.written && last.blocking.length > 0;
  const memberRows = fields.memberId ? (ctx?.recentByMember[fields.memberId] ?? []) : [];

  return {
    loading: context.running,
    loadError: context.error,
    context: ctx,
    mode,
    setMode: (m: EntryMode) => {
      setMode(m);
      setPending(null);
    },
    fields: shown,
    update: ({ recorder: typed, ...patch }: Partial<EntryFields>) => {
      setPending(null);
      if (typed !== undefined) setRecorder(typed);
      setFields((f) => ({ ...f, ...patch }));
    },
    query,
    search: setQuery,
    members,
    member,
    /** Batch: the members ticked, in roster order. */
    ticked,
    toggle: (id: string, on: boolean) => setTicked((t) => (on ? (t.includes(id) ? t : [...t, id]) : t.filter((x) => x !== id))),
    tickAll: () => setTicked((ctx?.members ?? []).map((m) => m.id)),
    clearTicks: () => {
      setTicked([]);
      setPaste("");
    },
    /** Pasted names tick the members they name; names of no one are listed, never dropped. */
    paste,
    setPaste: (text: string) => {
      setPaste(text);
      const named = matchNames(splitNames(text), ctx?.members ?? []).members.map((m) => m.id);
      setTicked((t) => [...t, ...named.filter((id) => !t.includes(id))]);
    },
    unmatched,
    itemGroups,
    item,
    preview,
    problems,
    append,
    /** The last write's result to show; none while a new write waits for 确认写入 or is being written (its 「已写入」 would read as this one's). */
    outcome: pending || append.running ? null : last,
    /** A write waiting for 确认写入 (Escape or 取消 cancels it). */
    pending,
    confirm: () => (pending ? write(pending.force, true) : Promise.resolve(null)),
    cancel: () => setPending(null),
    /** The last write was refused for validation errors the clerk may insist past (never an approved period, never missing evidence). */
    refused: last !== null && !last.written && last.confirmations.length === 0 && !blocked && last.issues.some((i) => i.severity === "error"),
    /** The last write was refused for what no insisting writes past. */
    blocked,
    /** Why, in Chinese, when blocked. */
    blockedReason: !blocked
      ? null
      : last.blocking.some((i) => i.code === "approved-period-edited")
        ? "未写入：日期落在已审定的期间，审定后的更正须通过申诉（在「申诉·审定」中登记申诉，处理申诉时更正）。"
        : "未写入：方案要求证明材料，请填写证明材料后再写入。",
    submit,
    /** The selected member's recent rows (newest first), for 撤销本条. */
    memberRows,
    takeBack: takeBackRun,
    takeBackRefusal,
    takenBack,
    /** 撤销本条: a reversing row for `row` (an open period only; an approved one goes through 申诉). */
    takeBackRow: async (row: RecentRow, reason = "") => {
      setTakeBackRefusal(null);
      setTakenBack(null);
      if (row.state === "approved") {
        setTakeBackRefusal(`第${row.row}行属于已审定的 ${row.approvedPeriod}，不能在这里撤销：审定后的更正须通过申诉——在「申诉·审定」中登记申诉，处理申诉时撤销这条记录`);
        return null;
      }
      const result = await takeBackRun.run({ id: row.id, row: row.row, recorder: shown.recorder, reason });
      if (result) {
        setTakenBack(`已撤销第${row.row}行（${row.date} ${row.item} ${row.points}）：撤销记录在第${result.row}行（记录号 ${result.id}）。`);
        await reload();
      }
      return result;
    },
  };
}
