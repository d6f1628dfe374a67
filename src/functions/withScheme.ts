import type { CellResult } from "../core/cellError";
import { isCellError } from "../core/cellError";
import { resolveSchemeVersions } from "../core/formulas/resolveScheme";
import { cellOf } from "../core/formulas/rangeTable";
import type { Scheme } from "../core/scheme/schema";
import { inputError } from "./inputErrors";
import { run } from "./toExcelError";
import { getWorkbookSchemeId, getWorkbookSchemes } from "./workbookScheme";

/**
 * Resolves the [scheme] argument (else the workbook's scheme; none → #N/A) and runs a core formula
 * with its latest version and all its versions (scoring takes each entry by the version in force),
 * turning a CellError into an Excel error. `inputs`: the arguments Excel may hand as error values.
 */
export function withScheme<T>(scheme: unknown, compute: (scheme: Scheme, versions: readonly Scheme[]) => CellResult<T>, inputs?: { fn: string; args: Record<string, unknown> }): T {
  return run(() => {
    // An error value among the inputs (delivered by allowErrorForDataTypeAny) is diagnosed first, naming its cell.
    const bad = inputs ? inputError(inputs.fn, inputs.args) : null;
    if (bad) return bad;
    const versions = resolveSchemeVersions(cellOf(scheme), getWorkbookSchemeId(), getWorkbookSchemes());
    return isCellError(versions) ? versions : compute(versions[versions.length - 1], versions);
  });
}
