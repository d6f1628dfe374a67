/**
 * The scheme chosen in the workbook's 设置 sheet. The task pane and the functions share one
 * runtime, so the task pane sets it and every PARTY.* call reads it. The task pane and the functions
 * are separate bundles, each with its own copy of this module, so the id lives on the shared global.
 */
const KEY = "__partyPointsWorkbookSchemeId";

interface SharedGlobal {
  [KEY]?: string | null;
}

export function setWorkbookSchemeId(id: string | null): void {
  (globalThis as SharedGlobal)[KEY] = id;
}

export function getWorkbookSchemeId(): string | null {
  return (globalThis as SharedGlobal)[KEY] ?? null;
}
