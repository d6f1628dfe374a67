/**
 * A spreadsheet error as a value (like #VALUE! or #N/A) with a Chinese message for the clerk.
 * The core returns these; only src/functions turns them into CustomFunctions.Error.
 */
export type CellErrorType = "VALUE" | "NA";

export class CellError {
  constructor(
    readonly type: CellErrorType,
    readonly message: string,
  ) {}
}

export type CellResult<T> = T | CellError;

export function isCellError(value: unknown): value is CellError {
  return value instanceof CellError;
}
