import { type CellResult, isCellError } from "../core/cellError";

/** The one place a core CellError becomes an Excel error (#VALUE! / #N/A) with its Chinese message. */
export function unwrap<T>(result: CellResult<T>): T {
  if (isCellError(result)) {
    const code = result.type === "NA" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, result.message);
  }
  return result;
}
