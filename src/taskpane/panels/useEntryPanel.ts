import { localIsoDate } from "../../core/period";
import { useEffect, useMemo, useState } from "react";
import { appendEntryAction, loadEntryContextAction } from "../actions";
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
}

/** Members shown in the picker at most (the search narrows it). */
export const MEMBER_CHOICES = 50;


/**
 * 录入: pick a member (search by 姓名 or 编号) and an item of the scheme (grouped by component, only
 * those for the member's category), then append a validated row to 积分台账. A row with errors is
 * kept in the form with its problems listed; the clerk corrects it or writes it anyway.
 */
export function useEntryPanel(host: LedgerHost, today = new Date()) {
  const context = useAction(loadEntryContextAction, host);
  const append = useAction(appendEntryAction, host);
  const [fields, setFields] = useState<EntryFields>({ memberId: "", itemCode: "", count: "1", value: "", date: localIsoDate(today), evidence: "", recorder: "", note: "" });
  const [query, setQuery] = useState("");
  const { run: load } = context;

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const ctx = context.result;
  const member = ctx?.members.find((m) => m.id === fields.memberId) ?? null;
  const members = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = ctx?.members ?? [];
    return (q ? all.filter((m) => m.name.toLowerCase().includes(q) || m.id.toLowerCase().includes(q)) : all).slice(0, MEMBER_CHOICES);
  }, [ctx, query]);
  const itemGroups = useMemo(
    () =>
      (ctx?.itemGroups ?? [])
        .map((g) => ({ ...g, items: g.items.filter((i) => !member || i.categories.length === 0 || i.categories.includes(member.category)) }))
        .filter((g) => g.items.length > 0),
    [ctx, member],
  );
  const item = itemGroups.flatMap((g) => g.items).find((i) => i.code === fields.itemCode) ?? null;

  const problems: string[] = [];
  if (!member) problems.push("请选择党员");
  if (!item) problems.push("请选择积分项目");
  if (item?.needsValue && !fields.value.trim()) problems.push(`${item.code} 为酌情计分项目，请填写分值（${item.points}）`);
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(fields.date.trim())) problems.push("日期请按 2026-03-01 的格式填写");

  const submit = async (force = false) => {
    if (problems.length > 0) return null;
    const result = await append.run({
      form: {
        日期: fields.date.trim(),
        编号: fields.memberId,
        项目代码: fields.itemCode,
        次数: fields.count.trim(),
        分值: item?.needsValue ? fields.value.trim() : "",
        证明材料: fields.evidence.trim(),
        记录人: fields.recorder.trim(),
        说明: fields.note.trim(),
      },
      force,
    });
    if (result?.written) {
      // The member and date stay for the next entry of the same sitting; the item's details go.
      setFields((f) => ({ ...f, itemCode: "", count: "1", value: "", evidence: "", note: "" }));
      await load(undefined);
    }
    return result;
  };

  const last = append.result;
  return {
    loading: context.running,
    loadError: context.error,
    context: ctx,
    fields,
    update: (patch: Partial<EntryFields>) => setFields((f) => ({ ...f, ...patch })),
    query,
    search: setQuery,
    members,
    member,
    itemGroups,
    item,
    problems,
    append,
    /** The last entry was refused for errors: it can be written anyway. */
    refused: last !== null && !last.written,
    submit,
  };
}
