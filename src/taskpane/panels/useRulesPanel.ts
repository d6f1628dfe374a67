import { useEffect, useMemo, useState } from "react";
import { toNumber } from "../../core/cells";
import { describeItemPoints } from "../../core/engine/entryPoints";
import { localIsoDate } from "../../core/period";
import { type Scheme, type SchemeFieldError, type SchemeItem, parseScheme, parseSchemeJson } from "../../core/scheme/schema";
import { copyId } from "../../core/scheme/workbookSchemes";
import { loadRulesAction, saveSchemeAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** What the clerk typed for one item: its name and its points (as text until saved). */
export interface ItemEdit {
  name?: string;
  value?: string;
  min?: string;
  max?: string;
}

/** A field error as the clerk reads it: "第3项 D3 的 points.min：…" rather than "items.2.points.min". */
export function describeFieldError(error: SchemeFieldError, scheme: Pick<Scheme, "items"> | null): string {
  const match = /^items\.(\d+)\.?(.*)$/.exec(error.path);
  if (match && scheme) {
    const item = scheme.items[Number(match[1])];
    return `第${Number(match[1]) + 1}项${item ? ` ${item.code}` : ""}${match[2] ? ` 的 ${match[2]}` : ""}：${error.message}`;
  }
  return `${error.path || "方案"}：${error.message}`;
}

function edited(item: SchemeItem, edit: ItemEdit | undefined): unknown {
  if (!edit) return item;
  const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : toNumber(text) ?? text);
  const p = item.points;
  const points =
    p.kind === "fixed" ? { ...p, value: number(edit.value, p.value) } : p.kind === "range" ? { ...p, min: number(edit.min, p.min), max: number(edit.max, p.max) } : p;
  return { ...item, name: edit.name ?? item.name, points };
}

/**
 * 规则: the workbook's scheme item by item. A built-in is copied into the workbook first; the copy's
 * items are edited and saved as a new version from an effective date (entries before it keep the old
 * rules). A scheme is exported and imported as JSON, with zod's errors shown field by field.
 */
export function useRulesPanel(host: LedgerHost, today = new Date()) {
  const rules = useAction(loadRulesAction, host);
  const save = useAction(saveSchemeAction, host);
  const { run: load } = rules;
  const [edits, setEdits] = useState<Record<string, ItemEdit>>({});
  const [effectiveFrom, setEffectiveFrom] = useState(localIsoDate(today));
  const [errors, setErrors] = useState<string[]>([]);
  const [importText, setImportText] = useState("");

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const state = rules.result;
  const scheme = state?.scheme ?? null;
  const items = useMemo(() => (scheme?.items ?? []).map((i) => ({ item: i, points: describeItemPoints(i), edit: edits[i.code] })), [scheme, edits]);

  const store = async (candidate: unknown, source: Pick<Scheme, "items"> | null): Promise<Scheme | null> => {
    const parsed = parseScheme(candidate);
    if (!parsed.success) {
      setErrors(parsed.errors.map((e) => describeFieldError(e, source)));
      return null;
    }
    setErrors([]);
    const saved = await save.run(parsed.data);
    if (saved) {
      setEdits({});
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
    editItem: (code: string, patch: ItemEdit) => setEdits((all) => ({ ...all, [code]: { ...all[code], ...patch } })),
    changed: Object.keys(edits).length,
    effectiveFrom,
    setEffectiveFrom,
    errors,
    save,
    /** A built-in becomes the branch's own scheme (same rules, version 1, in force from the original date). */
    copyToWorkbook: () =>
      scheme && state
        ? store({ ...scheme, id: copyId(scheme.id, state.workbookIds), name: `${scheme.name}（本支部）`, version: 1, effectiveFrom: scheme.effectiveFrom }, scheme)
        : Promise.resolve(null),
    /** The edited items as the next version, in force from `effectiveFrom`. */
    saveVersion: () => {
      if (!scheme || !state) return Promise.resolve(null);
      const version = Math.max(...state.versions.map((v) => v.version)) + 1;
      return store({ ...scheme, version, effectiveFrom: effectiveFrom.trim(), items: scheme.items.map((i) => edited(i, edits[i.code])) }, scheme);
    },
    exportJson: scheme ? JSON.stringify(scheme, null, 2) : "",
    importText,
    setImportText,
    importJson: async () => {
      const parsed = parseSchemeJson(importText);
      if (!parsed.success) {
        let raw: { items?: SchemeItem[] } | null = null;
        try {
          raw = JSON.parse(importText) as { items?: SchemeItem[] };
        } catch {
          raw = null;
        }
        setErrors(parsed.errors.map((e) => describeFieldError(e, raw && Array.isArray(raw.items) ? { items: raw.items } : null)));
        return null;
      }
      return store(parsed.data, parsed.data);
    },
  };
}
