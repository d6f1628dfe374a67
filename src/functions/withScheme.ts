import type { CellResult } from "../core/cellError";
import { isCellError } from "../core/cellError";
import { resolveScheme } from "../core/formulas/resolveScheme";
import { cellOf } from "../core/formulas/rangeTable";
import type { Scheme } from "../core/scheme/schema";
import { run } from "./toExcelError";
import { getWorkbookSchemeId } from "./workbookScheme";

/**
 * Resolves the [scheme] argument (else the workbook's scheme; none → #N/A) and runs a core formula
 * with it, turning a CellError into an Excel error.
 */
export function withScheme<T>(scheme: unknown, compute: (scheme: Scheme) => CellResult<T>): T {
  return run(() => {
    const resolved = resolveScheme(cellOf(scheme), getWorkbookSchemeId());
    return isCellError(resolved) ? resolved : compute(resolved);
  });
}
