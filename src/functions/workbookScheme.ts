/**
 * The scheme chosen in the workbook's 设置 sheet. The task pane and the functions share one
 * runtime, so the task pane sets it and every PARTY.* call reads it.
 */
let workbookSchemeId: string | null = null;

export function setWorkbookSchemeId(id: string | null): void {
  workbookSchemeId = id;
}

export function getWorkbookSchemeId(): string | null {
  return workbookSchemeId;
}
