import { useEffect, useMemo, useState } from "react";
import { describeItemPoints } from "../../core/engine/entryPoints";
import { localIsoDate } from "../../core/period";
import { REPORT_FORM_NAMES } from "../../core/reports";
import { type Scheme, type SchemeItem, parseScheme, parseSchemeJson } from "../../core/scheme/schema";
import { copyId } from "../../core/scheme/workbookSchemes";
import { loadRulesAction, saveSchemeAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";
import { type ItemEdit, NO_EDITS, type NewItem, type RulesEdits, candidate, describeFieldError, editCount } from "./rulesDraft";

export { describeFieldError, type ItemEdit, type NewItem } from "./rulesDraft";

export const EMPTY_NEW_ITEM: NewItem = { code: "", name: "", component: "", kind: "fixed", value: "", min: "", max: "" };

/** Report names a scheme's `extraForms` may hold; others are refused in plain words. */
function unknownForms(scheme: Scheme): string[] {
  return (scheme.extraForms ?? []).filter((f) => !(REPORT_FORM_NAMES as readonly string[]).includes(f)).map((f) => `报表：没有「${f}」这种报表`);
}

function removalWarnings(removed: readonly string[], entryDates: Record<string, string[]>, effectiveFrom: string): string[] {
  return removed.flatMap((code) => {
    const dates = entryDates[code.toUpperCase()] ?? [];
    if (!dates.length) return [];
    const last = dates.reduce((a, b) => (b > a ? b : a));
    const head = `「${code}」在台账中已有 ${dates.length} 条记录（最近一条 ${last}）。`;
    // Until the date reads as one, no verdict on which rows it leaves behind.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) return [`${head}请先填好生效日期（如 2026-07-01），再看删除后它们是否还计分。`];
    const after = dates.filter((d) => d >= effectiveFrom).length;
    return [
      head +
        (after
          ? `其中 ${after} 条在生效日期 ${effectiveFrom} 当天或以后，删除后校验会报「不是本方案的积分项目」，不再计分；请先改为其他项目或把生效日期定在它们之后。`
          : `它们都在生效日期 ${effectiveFrom} 之前，仍按原规则计分；此后不能再录入这个项目。`),
    ];
  });
}

/**
 * 规则: the workbook's scheme. A built-in is copied into the workbook first; the copy is edited — item
 * names, points, caps, items added and removed, the grade lines and the 民主评议 table — and saved as a new
 * version from an effective date (entries before it keep the old rules). Every problem is stated in plain
 * Chinese with the field it is about. A scheme is exported and imported as JSON.
 */
export function useRulesPanel(host: LedgerHost, today = new Date()) {
  const rules = useAction(loadRulesAction, host);
  const save = useAction(saveSchemeAction, host);
  const { run: load } = rules;
  const [edits, setEdits] = useState<RulesEdits>(NO_EDITS);
  const [newItem, setNewItem] = useState<NewItem>(EMPTY_NEW_ITEM);
  const [effectiveFrom, setEffectiveFrom] = useState(localIsoDate(today));
  const [errors, setErrors] = useState<string[]>([]);
  const [importText, setImportText] = useState("");

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const state = rules.result;
  const scheme = state?.scheme ?? null;
  const removed = useMemo(() => new Set(edits.removed), [edits.removed]);
  const items = useMemo(
    () => (scheme?.items ?? []).map((i) => ({ item: i, points: describeItemPoints(i), edit: edits.items[i.code], removed: removed.has(i.code) })),
    [scheme, edits.items, removed],
  );
  const appraisal = scheme?.components.find((c) => c.kind === "appraisal") ?? null;
  const pointComponents = (scheme?.components ?? []).filter((c) => c.kind === "points").map((c) => ({ id: c.id, name: c.name }));

  const store = async (parsedCandidate: unknown, source: Parameters<typeof describeFieldError>[1]): Promise<Scheme | null> => {
    const parsed = parseScheme(parsedCandidate);
    if (!parsed.success) {
      setErrors(parsed.errors.map((e) => describeFieldError(e, source)));
      return null;
    }
    const unknown = unknownForms(parsed.data);
    if (unknown.length) {
      setErrors(unknown);
      return null;
    }
    setErrors([]);
    const saved = await save.run(parsed.data);
    if (saved) {
      setEdits(NO_EDITS);
      await load(undefined);
    }
    return saved;
  };

  return {
    loading: rules.running,
    loadError: rules.error,
    state,
    items,
    edits,
    /** Points components a new item may go under. */
    pointComponents,
    editItem: (code: string, patch: ItemEdit) => setEdits((e) => ({ ...e, items: { ...e.items, [code]: { ...e.items[code], ...patch } } })),
    /** Marks an item removed (or back) in the next version. */
    toggleRemove: (code: string) => setEdits((e) => ({ ...e, removed: e.removed.includes(code) ? e.removed.filter((c) => c !== code) : [...e.removed, code] })),
    newItem,
    updateNewItem: (patch: Partial<NewItem>) => setNewItem((n) => ({ ...n, ...patch })),
    /** Puts the typed item in the next version (checked when saved). */
    addItem: () => {
      const item = { ...newItem, component: newItem.component || pointComponents[0]?.id || "" };
      const problems: string[] = [];
      if (!item.code.trim()) problems.push("新项目：请填写项目代码");
      if (!item.name.trim()) problems.push("新项目：请填写名称");
      const taken = [...(scheme?.items ?? []).filter((i) => !removed.has(i.code)).map((i) => i.code), ...edits.added.map((a) => a.code)];
      if (taken.some((c) => c.toUpperCase() === item.code.trim().toUpperCase())) problems.push(`新项目：项目代码「${item.code.trim()}」已有`);
      setErrors(problems);
      if (problems.length) return false;
      setEdits((e) => ({ ...e, added: [...e.added, item] }));
      setNewItem(EMPTY_NEW_ITEM);
      return true;
    },
    removeAdded: (index: number) => setEdits((e) => ({ ...e, added: e.added.filter((_, i) => i !== index) })),
    grades: scheme?.grades ?? [],
    editGrade: (index: number, patch: { name?: string; min?: string }) => setEdits((e) => ({ ...e, grades: { ...e.grades, [index]: { ...e.grades[index], ...patch } } })),
    /** The scheme's 民主评议: grades with their points, or a score range; null when it has none. */
    appraisal: appraisal && appraisal.kind === "appraisal" ? appraisal.appraisal : null,
    editAppraisalGrade: (index: number, patch: { name?: string; points?: string }) =>
      setEdits((e) => ({ ...e, appraisal: { ...e.appraisal, grades: { ...e.appraisal.grades, [index]: { ...e.appraisal.grades[index], ...patch } } } })),
    editAppraisalRange: (patch: { min?: string; max?: string }) => setEdits((e) => ({ ...e, appraisal: { ...e.appraisal, ...patch } })),
    /** What removing an item in use does to the ledger's rows of it, one line per such item. */
    removalWarnings: removalWarnings(edits.removed, state?.entryDates ?? {}, effectiveFrom.trim()),
    changed: editCount(edits),
    discard: () => {
      setEdits(NO_EDITS);
      setErrors([]);
    },
    effectiveFrom,
    setEffectiveFrom,
    errors,
    save,
    /** A built-in becomes the branch's own scheme (same rules, version 1, in force from the original date). */
    copyToWorkbook: () =>
      scheme && state
        ? store({ ...scheme, id: copyId(scheme.id, state.workbookIds), name: `${scheme.name}（本支部）`, version: 1, effectiveFrom: scheme.effectiveFrom }, scheme)
        : Promise.resolve(null),
    /** The edits as the next version, in force from `effectiveFrom`. */
    saveVersion: () => {
      if (!scheme || !state) return Promise.resolve(null);
      const version = Math.max(...state.versions.map((v) => v.version)) + 1;
      const made = candidate(scheme, edits);
      if (made.problems.length) {
        setErrors(made.problems);
        return Promise.resolve(null);
      }
      const next = { ...(made.scheme as Scheme), version, effectiveFrom: effectiveFrom.trim() };
      return store(next, next);
    },
    exportJson: scheme ? JSON.stringify(scheme, null, 2) : "",
    importText,
    setImportText,
    importJson: async () => {
      const parsed = parseSchemeJson(importText);
      if (!parsed.success) {
        let raw: unknown = null;
        try {
          raw = JSON.parse(importText);
        } catch {
          raw = null;
        }
        const r = raw !== null && typeof raw === "object" ? (raw as { items?: unknown; grades?: unknown }) : null;
        const named = r ? { items: Array.isArray(r.items) ? (r.items as SchemeItem[]) : undefined, grades: Array.isArray(r.grades) ? (r.grades as { name?: string }[]) : undefined } : null;
        setErrors(parsed.errors.map((e) => describeFieldError(e, named)));
        return null;
      }
      return store(parsed.data, parsed.data);
    },
  };
}
