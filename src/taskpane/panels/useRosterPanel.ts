import { useEffect, useMemo, useState } from "react";
import { readDateInput } from "../../core/dates";
import { ROSTER_PASTE_ORDER } from "../../app/memberService";
import type { ValidationIssue } from "../../core/validation/validateLedger";
import { addMemberAction, importRosterPasteAction, loadRosterAction, previewRosterPasteAction, updateMemberAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** The add-member form, keyed by what the clerk sees. */
export interface MemberFields {
  id: string;
  name: string;
  category: string;
  joinedOn: string;
  /** 转入日期: 新入职 or 组织关系转入 (the scheme's new-member rule keys on it). */
  transferredIn: string;
  branch: string;
  contact: string;
}

/** Form field → 党员名册 header. */
export const MEMBER_HEADERS: Record<keyof MemberFields, string> = {
  id: "编号",
  name: "姓名",
  category: "党员类别",
  joinedOn: "入党日期",
  transferredIn: "转入日期",
  branch: "所在支部",
  contact: "联系方式",
};

export interface MemberEdit {
  id: string;
  category: string;
  fullOn: string;
  status: string;
  statusOn: string;
  /** 转入: the date the member came to the branch (在册状态 becomes 在册); blank for no transfer. */
  transferredIn: string;
}

const EMPTY: MemberFields = { id: "", name: "", category: "", joinedOn: "", transferredIn: "", branch: "", contact: "" };

const dateProblem = (label: string, value: string) => (value.trim() && readDateInput(value.trim()) === null ? `${label}「${value.trim()}」不是日期：按 2026-03-05 的格式填写` : null);

/** Validation issues of a refused write, as messages by form field (the issue's header). */
function byField(issues: readonly ValidationIssue[]): Partial<Record<keyof MemberFields, string>> {
  const out: Partial<Record<keyof MemberFields, string>> = {};
  for (const i of issues) {
    if (i.severity !== "error") continue;
    const field = (Object.keys(MEMBER_HEADERS) as (keyof MemberFields)[]).find((f) => MEMBER_HEADERS[f] === i.header) ?? "id";
    out[field] ??= i.message.replace(/^第\d+行 /, "");
  }
  return out;
}

/**
 * 名册: the members; add one (checked at each field before anything is written, and by validation of
 * the row as it would stand); change a member's category (转正, with its date) or 在册状态 (转出…, with
 * its date); paste a block copied from Excel / WPS, previewed with its validation issues, then imported.
 */
export function useRosterPanel(host: LedgerHost) {
  const state = useAction(loadRosterAction, host);
  const add = useAction(addMemberAction, host);
  const update = useAction(updateMemberAction, host);
  const preview = useAction(previewRosterPasteAction, host);
  const importPaste = useAction(importRosterPasteAction, host);
  const { run: load } = state;
  const [fields, setFields] = useState<MemberFields>(EMPTY);
  const [refused, setRefused] = useState<Partial<Record<keyof MemberFields, string>>>({});
  const [edit, setEdit] = useState<MemberEdit | null>(null);
  const [pasted, setPasted] = useState("");
  const [search, setSearch] = useState("");
  const [previewedText, setPreviewedText] = useState<string | null>(null);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const roster = state.result;
  const members = roster?.members ?? [];

  const fieldProblems = useMemo(() => {
    const out: Partial<Record<keyof MemberFields, string>> = {};
    const id = fields.id.trim();
    const same = members.find((m) => m.id === id);
    if (!id) out.id = "请填写编号";
    else if (same) out.id = `编号「${id}」已是 ${same.name} 的编号：每名党员一个唯一编号`;
    if (!fields.name.trim()) out.name = "请填写姓名";
    if (!fields.category) out.category = "请选择党员类别";
    else if (roster && !roster.categories.includes(fields.category)) out.category = `「${fields.category}」不是本方案的党员类别（${roster.categories.join("、")}）`;
    const joined = dateProblem("入党日期", fields.joinedOn);
    if (joined) out.joinedOn = joined;
    const transferred = dateProblem("转入日期", fields.transferredIn);
    if (transferred) out.transferredIn = transferred;
    return { ...refused, ...out };
  }, [fields, members, roster, refused]);

  const current = edit ? members.find((m) => m.id === edit.id) : undefined;
  const editProblems: string[] = [];
  if (edit && current && roster) {
    const converting = current.category === roster.probationCategory && edit.category !== current.category;
    if (converting && !edit.fullOn.trim()) editProblems.push(`${current.category}转为${edit.category}须填写转正日期`);
    const full = converting ? dateProblem("转正日期", edit.fullOn) : null;
    if (full) editProblems.push(full);
    // A transfer's date is the date of its status change (to 在册).
    const transferring = edit.transferredIn.trim() !== "";
    const transferred = transferring ? dateProblem("转入日期", edit.transferredIn) : null;
    if (transferred) editProblems.push(transferred);
    if (transferring && edit.status !== "在册") editProblems.push(`转入后在册状态为「在册」，不能同时改为「${edit.status}」`);
    const statusChanged = edit.status !== current.status;
    if (statusChanged && !transferring && !edit.statusOn.trim()) editProblems.push(`改为「${edit.status}」须填写日期`);
    const on = statusChanged && !transferring ? dateProblem("日期", edit.statusOn) : null;
    if (on) editProblems.push(on);
    if (edit.category === current.category && !statusChanged && !transferring) editProblems.push("没有改动");
  }

  // A preview stands for the text it was made of: edit the box and it must be previewed again.
  const previewed = preview.result && previewedText === pasted ? preview.result : null;
  const pasteErrors = previewed ? previewed.issues.filter((i) => i.severity === "error") : [];

  const needle = search.trim();
  const shown = needle ? members.filter((m) => m.id.includes(needle) || m.name.includes(needle)) : members;

  return {
    loading: state.running,
    /** Reads the roster again (after an import elsewhere in the panel). */
    reload: () => load(undefined),
    loadError: state.error,
    roster,
    members: shown,
    search,
    setSearch,
    fields,
    updateFields: (patch: Partial<MemberFields>) => {
      setFields((f) => ({ ...f, ...patch }));
      setRefused({});
    },
    /** A message per field that is not right yet; the form submits only when empty. */
    fieldProblems,
    add,
    /** Adds the member (Enter in the form): false when a field is not right or validation refused the row. */
    submit: async () => {
      if (Object.keys(fieldProblems).length > 0) return false;
      const form = Object.fromEntries((Object.keys(MEMBER_HEADERS) as (keyof MemberFields)[]).map((f) => [MEMBER_HEADERS[f], fields[f].trim()]));
      if (!form["所在支部"] && roster?.branch) form["所在支部"] = roster.branch;
      const result = await add.run(form);
      if (!result) return false;
      if (!result.written) {
        setRefused(byField(result.issues));
        return false;
      }
      setFields((f) => ({ ...EMPTY, category: f.category, branch: f.branch }));
      await load(undefined);
      return true;
    },
    edit,
    editProblems,
    startEdit: (id: string) => {
      const m = members.find((x) => x.id === id);
      if (m) setEdit({ id, category: m.category, fullOn: "", status: m.status, statusOn: "", transferredIn: "" });
    },
    /** A 转入日期 typed sets 在册状态 to 在册. */
    changeEdit: (patch: Partial<Omit<MemberEdit, "id">>) => setEdit((e) => (e ? { ...e, ...patch, ...(patch.transferredIn?.trim() && patch.status === undefined ? { status: "在册" } : {}) } : e)),
    cancelEdit: () => setEdit(null),
    update,
    saveEdit: async () => {
      if (!edit || !current || editProblems.length > 0) return false;
      const result = await update.run({
        id: edit.id,
        category: edit.category !== current.category ? edit.category : undefined,
        fullOn: edit.fullOn.trim() || undefined,
        status: edit.status !== current.status ? edit.status : undefined,
        statusOn: edit.statusOn.trim() || undefined,
        transferredIn: edit.transferredIn.trim() || undefined,
      });
      if (!result?.written) return false;
      setEdit(null);
      await load(undefined);
      return true;
    },
    /** Column order of a pasted block without a header row. */
    pasteOrder: ROSTER_PASTE_ORDER,
    pasted,
    setPasted: (text: string) => setPasted(text),
    preview,
    /** The preview of the text now in the box (null until 预览 is run for it). */
    previewed,
    pasteErrors,
    runPreview: async () => {
      const text = pasted;
      const ok = (await preview.run(text)) !== null;
      setPreviewedText(ok ? text : null);
      return ok;
    },
    importPaste,
    /** Imports the previewed block; with errors in the preview only when the clerk insists (`force`). */
    confirmPaste: async (force = false) => {
      if (!previewed || (pasteErrors.length > 0 && !force)) return false;
      const result = await importPaste.run(previewed.text);
      if (!result) return false;
      setPasted("");
      setPreviewedText(null);
      await load(undefined);
      return true;
    },
  };
}

