/**
 * Schemes the branch keeps in its own workbook (copied from a built-in and edited): each version as
 * JSON on the sheet 自定义方案, cut into pieces under Excel's 32,767-character cell limit. Read back
 * through the same zod parser as an imported file, so a hand-edited cell is reported, not trusted.
 */
import { toNumber, toText } from "../cells";
import { CoreError, Refused } from "../errors";
import { type TableSheetDef, SETTINGS_KEYS, SHEETS, integer, text } from "../ledger/layout";
import { rowsOf } from "../ledger/readLedger";
import { appendToStore } from "../ledger/scaffold";
import type { Cell, TableData, WorkbookOp } from "../sheetModel";
import { BUILTIN_SCHEMES, findBuiltinScheme } from "./presets";
import { type Scheme, parseSchemeJson } from "./schema";
import { sortVersions } from "./versions";

export const SCHEME_STORE: TableSheetDef = {
  kind: "table",
  sheet: "自定义方案",
  table: "SchemeTable",
  columns: [text("方案ID", 18), integer("版本", 6), text("生效日期", 12), integer("片段", 6), text("内容", 80)],
  generated: true,
  note: "本支部自定义的积分方案（JSON），由任务窗格「规则」写入，请勿手工修改",
};

/** Characters of JSON per cell, well under Excel's 32,767. */
export const PIECE_LENGTH = 30000;

export function schemeStoreRows(scheme: Scheme): Cell[][] {
  const json = JSON.stringify(scheme);
  const rows: Cell[][] = [];
  for (let i = 0, piece = 1; i < json.length; i += PIECE_LENGTH, piece++) rows.push([scheme.id, scheme.version, scheme.effectiveFrom, piece, json.slice(i, i + PIECE_LENGTH)]);
  return rows;
}

export interface WorkbookSchemes {
  /** Every version read, of every scheme id. */
  schemes: Scheme[];
  /** Versions that could not be read: the scheme id, and what is wrong in Chinese with the rows. */
  problems: { id: string; message: string }[];
}

export function readWorkbookSchemes(table: TableData | undefined): WorkbookSchemes {
  const pieces = new Map<string, { rows: number[]; parts: { piece: number; text: string }[] }>();
  for (const r of rowsOf(table)) {
    const id = toText(r.values["方案ID"]);
    if (!id) continue;
    const key = `${id}\u0000${toText(r.values["版本"])}`;
    let entry = pieces.get(key);
    if (!entry) pieces.set(key, (entry = { rows: [], parts: [] }));
    entry.rows.push(r.row);
    // The JSON exactly as stored: toText would fold its full-width punctuation.
    const content = r.values["内容"];
    entry.parts.push({ piece: toNumber(r.values["片段"]) ?? 0, text: typeof content === "string" ? content : String(content ?? "") });
  }
  const schemes: Scheme[] = [];
  const problems: { id: string; message: string }[] = [];
  for (const [key, entry] of pieces) {
    const [id, version] = key.split("\u0000");
    const json = entry.parts
      .sort((a, b) => a.piece - b.piece)
      .map((p) => p.text)
      .join("");
    const parsed = parseSchemeJson(json);
    const where = `「${SCHEME_STORE.sheet}」第${entry.rows.join("、")}行（方案 ${id} 第${version}版）`;
    if (!parsed.success) problems.push({ id, message: `${where}无法读取：${parsed.errors.map((e) => `${e.path || "（整体）"} ${e.message}`).join("；")}` });
    else if (parsed.data.id !== id || String(parsed.data.version) !== version) problems.push({ id, message: `${where}的内容与方案ID或版本不符` });
    else schemes.push(parsed.data);
  }
  return { schemes, problems };
}

/** The versions of a scheme id: the workbook's own, else the built-in; null when unknown. */
export function schemeVersions(id: string, workbook: readonly Scheme[]): Scheme[] | null {
  const own = workbook.filter((s) => s.id === id);
  if (own.length) return sortVersions(own);
  const builtin = findBuiltinScheme(id);
  return builtin ? [builtin] : null;
}

/** The id a copy of a built-in gets: "<id>-branch", "-branch2", … (not a built-in's, not taken). */
export function copyId(base: string, taken: readonly string[]): string {
  const builtins = new Set(BUILTIN_SCHEMES.map((s) => s.id));
  for (let n = 1; ; n++) {
    const id = `${base.slice(0, 38)}-branch${n === 1 ? "" : n}`;
    if (!builtins.has(id) && !taken.includes(id)) return id;
  }
}

/**
 * Operations that store a scheme version in the workbook (creating 自定义方案 when absent) and, when
 * asked, make it the workbook's scheme in 设置. A built-in id or an existing version is refused.
 */
export function planSaveScheme(
  tables: Map<string, TableData>,
  scheme: Scheme,
  options: { activate: boolean },
): WorkbookOp[] {
  if (findBuiltinScheme(scheme.id)) throw new Refused("scheme", `「${scheme.id}」是内置方案的 id：自定义方案须另起 id（可先「复制为本支部方案」）`);
  const store = tables.get(SCHEME_STORE.table);
  const existing = readWorkbookSchemes(store).schemes;
  if (existing.some((s) => s.id === scheme.id && s.version === scheme.version))
    throw new Refused("scheme", `方案 ${scheme.id} 已有第${scheme.version}版：修改须另存为新版本`);
  const rows = schemeStoreRows(scheme);
  const ops = appendToStore(SCHEME_STORE, store, rows);
  if (options.activate) {
    const settings = tables.get(SHEETS.settings.table);
    if (!settings) throw new CoreError("not-a-ledger", "这不是积分台账工作簿：没有「设置」表格，请先生成台账");
    const index = (key: string) => rowsOf(settings).findIndex((r) => toText(r.values["项目"]) === key);
    const settingFormats = SHEETS.settings.columns.map(() => "text" as const);
    for (const [key, value] of [
      [SETTINGS_KEYS.schemeId, scheme.id],
      [SETTINGS_KEYS.schemeVersion, String(scheme.version)],
    ] as const) {
      const row = index(key);
      if (row < 0) throw new CoreError("no-setting", `「${SHEETS.settings.sheet}」中没有「${key}」一行：请在「开始」中重新生成台账`);
      ops.push({ op: "setCells", table: SHEETS.settings.table, row, cells: { 1: value }, formats: settingFormats });
    }
  }
  return ops;
}
