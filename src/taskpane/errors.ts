import { CoreError } from "../core/errors";
import { WorkbookError } from "../app/gateway";

const RETRY = "请重试；如仍失败，请把这条消息截图发给维护人员。";

/**
 * What each OfficeExtension.Error code a clerk can meet means, in the clerk's words: what happened and
 * what to do. Codes as in Excel.ErrorCodes and OfficeExtension.ErrorCodes (learn.microsoft.com,
 * "Error handling with the application-specific JavaScript APIs"). One table: the pane never shows
 * Excel's English text in place of these.
 */
export const OFFICE_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: "Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑后再试。",
  AccessDenied: "Excel 拒绝了这次修改：工作表或工作簿可能受保护，或文件是只读的（如以只读方式打开、他人正在独占编辑）。请撤销保护或以可编辑方式打开后再试。",
  InvalidArgument: "Excel 不接受这次写入的内容（参数无效，如某个单元格的值或区域地址不被接受）。本次操作未完成；请检查工作簿后重试。",
  InvalidOperation: "Excel 此刻不能执行这项操作（如工作表受保护、单元格已合并或区域被筛选）。请检查相关工作表后再试。",
  InvalidReference: "要修改的区域在 Excel 中已不存在或无效（如工作表、表格已被删除或改名）。请检查工作簿后再试。",
  InvalidSelection: "当前选中的区域不能用于这项操作：请选中一个单元格后再试。",
  ItemNotFound: "找不到所需的工作表或表格：它可能已被删除或改名。请先在「开始」中生成台账（会补齐缺少的工作表），或恢复原名后再试。",
  ItemAlreadyExists: "同名的工作表或表格已存在：请改名或删除后再试。",
  GeneralException: "Excel 处理请求时出现内部错误（常见于网络中断、工作簿正在自动保存或同步）。请稍候重试；如仍失败，请保存并重新打开工作簿。",
  RequestPayloadSizeLimitExceeded: "一次要写入的内容超过 Excel 的 5 MB 上限（网页版限制）。请缩小范围（如按期间分次生成报表）后重试，并把这条消息告诉维护人员。",
  ResponsePayloadSizeLimitExceeded: "要读取的内容超过 Excel 的 5 MB 上限（网页版限制），例如说明列中有很长的文字。请把过长的文字移到附件后重试。",
  Conflict: "工作簿同时被他人修改（共同编辑冲突）：请稍候重试。",
  InsertDeleteConflict: "插入或删除行与工作表中的其他内容冲突（如表格、合并单元格或筛选）。请检查台账旁的内容后再试。",
  MergedRangeConflict: "要修改的区域含有合并单元格：请先取消合并后再试。",
  FilteredRangeConflict: "台账正在筛选：请先清除筛选（「数据」→「清除」）后再试。",
  PivotTableRangeConflict: "要修改的区域与数据透视表重叠：请移开数据透视表后再试。",
  NonBlankCellOffSheet: "工作表右侧或下方已没有空间：请删除工作表末尾多余的内容后再试。",
  RangeExceedsLimit: "区域超过 Excel 的单元格上限：请缩小范围后重试。",
  OperationCellsExceedLimit: "一次操作涉及的单元格超过 Excel 的上限：请缩小范围后重试。",
  FormulaLengthExceedsLimit: "公式长度超过 Excel 的上限：请把这条消息告诉维护人员。",
  InactiveWorkbook: "该工作簿不是当前活动的工作簿：请切换回台账工作簿后再试。",
  UnsupportedSheet: "当前工作表类型（如图表工作表、宏表）不支持这项操作：请切换到普通工作表后再试。",
  UnsupportedOperation: "此版本的 Excel 不支持这项操作：请使用 Microsoft 365、Excel 2021 及以上、网页版或 Mac 版（16.35 及以上），或改用网页版离线页面。",
  NotImplemented: "此版本的 Excel 不支持这项操作：请使用 Microsoft 365、Excel 2021 及以上、网页版或 Mac 版（16.35 及以上），或改用网页版离线页面。",
  ApiNotFound: "此版本的 Excel 缺少加载项所需的功能（要求集 ExcelApi 1.9）：请更新 Office，或改用网页版离线页面、命令行。",
  RequestAborted: "请求被中断（如关闭了任务窗格或工作簿、网络中断）。请重试。",
  InvalidRequestContext: "请求已失效（工作簿已关闭或刷新）：请重新打开任务窗格后再试。",
  PropertyNotLoaded: `加载项读取 Excel 数据时出错（属性未加载）。${RETRY}`,
  ValueNotLoaded: `加载项读取 Excel 数据时出错（值未加载）。${RETRY}`,
  Unauthenticated: "需要重新登录 Microsoft 帐户：请登录后再试。",
};

/** A protected sheet shows up under several codes (AccessDenied, InvalidOperation) with English text naming it. */
const PROTECTED = /protected sheet|is protected|unprotect/i;
const PROTECTED_MESSAGE = "要修改的工作表受保护（审定后的审定记录受保护，防止改动）：请先在「申诉·审定」中按规定操作，或在 Excel 的「审阅」→「撤销工作表保护」后再试。";

function officeCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || code === "") return null;
  // OfficeExtension.Error, or an error shaped like it (code + debugInfo). Our own errors have code too but are handled first.
  return code;
}

/** The Chinese explanation of an Office.js error, or null when it is not one we know. */
export function describeOfficeError(error: unknown): string | null {
  const code = officeCode(error);
  if (!code) return null;
  const text = `${(error as { message?: unknown }).message ?? ""} ${JSON.stringify((error as { debugInfo?: unknown }).debugInfo ?? "")}`;
  if ((code === "AccessDenied" || code === "InvalidOperation") && PROTECTED.test(text)) return PROTECTED_MESSAGE;
  return OFFICE_ERROR_MESSAGES[code] ?? null;
}

/**
 * What the clerk reads when an action fails: our own errors already say in Chinese what happened and
 * what to do; an Excel error is explained from the table above (its code kept for the maintainer);
 * anything else is unexpected and says so, with its text, never hidden in the console.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof CoreError || error instanceof WorkbookError) return error.message;
  const office = describeOfficeError(error);
  if (office) return `${office}（Excel 错误代码 ${officeCode(error)}）`;
  const text = error instanceof Error ? error.message : String(error);
  return `意外错误：${text}。${RETRY}`;
}
