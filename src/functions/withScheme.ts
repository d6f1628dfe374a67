import type { CellResult } from "../core/cellError";
import { CellError, isCellError } from "../core/cellError";
import { isBlank, normalizeText } from "../core/cells";
import { findBuiltinScheme } from "../core/scheme/presets";
import { resolveSchemeVersions } from "../core/formulas/resolveScheme";
import { cellOf } from "../core/formulas/rangeTable";
import type { Scheme } from "../core/scheme/schema";
import { inputError } from "./inputErrors";
import { run } from "./toExcelError";
import { ensureWorkbookScheme, getWorkbookSchemeId, getWorkbookSchemes, rememberCell } from "./workbookScheme";

/** Why the workbook's scheme is missing, for the #N/A of a call that needed it. */
function unreadable(e: unknown): CellError {
  const message = typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string" ? (e as { message: string }).message : String(e);
  return new CellError("NA", `暂时读不到本工作簿「设置」中的积分方案（${message}）：下次计算时会再读；也可在公式中写明方案 id，如 "star-member"`);
}

/**
 * Resolves the [scheme] argument (else the workbook's scheme, read from the workbook when not known yet;
 * none → #N/A) and runs a core formula with its latest version and all its versions (scoring takes each
 * entry by the version in force), turning a CellError into an Excel error. `inputs`: the arguments Excel
 * may hand as error values. `invocation`: the calling cell, recalculated when the workbook's scheme changes.
 */
export async function withScheme<T>(
  scheme: unknown,
  compute: (scheme: Scheme, versions: readonly Scheme[]) => CellResult<T>,
  inputs?: { fn: string; args: Record<string, unknown> },
  invocation?: { address?: string },
): Promise<T> {
  // Every call reads the workbook's schemes (自定义方案 may define the id it names), so every call is remembered.
  rememberCell(invocation?.address);
  let missing: CellError | null = null;
  const named = cellOf(scheme);
  if (!isBlank(named) && findBuiltinScheme(normalizeText(String(named)))) {
    // A built-in id needs nothing from the workbook: computed now, the workbook's schemes learnt meanwhile.
    void ensureWorkbookScheme().catch(() => undefined);
  } else
    try {
      await ensureWorkbookScheme();
    } catch (e) {
      missing = unreadable(e);
    }
  return run(() => {
    // An error value among the inputs (delivered by allowErrorForDataTypeAny) is diagnosed first, naming its cell.
    const bad = inputs ? inputError(inputs.fn, inputs.args) : null;
    if (bad) return bad;
    if (missing && isBlank(cellOf(scheme))) return missing;
    const versions = resolveSchemeVersions(cellOf(scheme), getWorkbookSchemeId(), getWorkbookSchemes());
    return isCellError(versions) ? versions : compute(versions[versions.length - 1], versions);
  });
}
