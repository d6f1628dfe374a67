/**
 * The scheme chosen in the workbook's 设置 sheet, and the schemes the workbook keeps (自定义方案).
 * The task pane and the functions share one runtime, so the task pane sets them and every PARTY.*
 * call reads them. The task pane and the functions are separate bundles, each with its own copy of
 * this module, so the values live on the shared global.
 */
import type { Scheme } from "../core/scheme/schema";

const KEY = "__partyPointsWorkbookSchemeId";
const SCHEMES_KEY = "__partyPointsWorkbookSchemes";

interface SharedGlobal {
  [KEY]?: string | null;
  [SCHEMES_KEY]?: readonly Scheme[];
}

export function setWorkbookSchemeId(id: string | null): void {
  (globalThis as SharedGlobal)[KEY] = id;
}

export function getWorkbookSchemeId(): string | null {
  return (globalThis as SharedGlobal)[KEY] ?? null;
}

export function setWorkbookSchemes(schemes: readonly Scheme[]): void {
  (globalThis as SharedGlobal)[SCHEMES_KEY] = schemes;
}

export function getWorkbookSchemes(): readonly Scheme[] {
  return (globalThis as SharedGlobal)[SCHEMES_KEY] ?? [];
}
