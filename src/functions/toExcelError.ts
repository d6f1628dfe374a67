import { CellError, type CellResult, isCellError } from "../core/cellError";
import { CoreError } from "../core/errors";

/** The one place a core CellError becomes an Excel error (#VALUE! / #N/A) with its Chinese message. */
export function unwrap<T>(result: CellResult<T>): T {
  if (isCellError(result)) {
    const code = result.type === "NA" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, result.message);
  }
  return result;
}

function describe(e: unknown): string {
  const message = typeof e === "object" && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : String(e);
}

/**
 * Runs a function body and unwraps its result. Whatever escapes the core (a CoreError, a bug) still
 * reaches the cell as #VALUE! with a Chinese message, never as a bare #VALUE!.
 */
export function run<T>(compute: () => CellResult<T>): T {
  let result: CellResult<T>;
  try {
    result = compute();
  } catch (e) {
    if (e instanceof CoreError) result = new CellError("VALUE", e.message);
    else result = new CellError("VALUE", `PARTY 函数内部出错（${describe(e)}）：请把此公式及其参数反馈给加载项维护人员`);
  }
  return unwrap(result);
}
