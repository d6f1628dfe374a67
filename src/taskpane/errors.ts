import { CoreError } from "../core/errors";
import { WorkbookError } from "../app/gateway";

/**
 * What the clerk reads when an action fails: our own errors already say in Chinese what happened and
 * what to do; anything else is unexpected and says so, with its text, never hidden in the console.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof CoreError || error instanceof WorkbookError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `意外错误：${text}。请重试；如仍失败，请把这条消息截图发给维护人员。`;
}
