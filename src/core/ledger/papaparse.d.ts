// The part of papaparse's API the core uses: parsing and writing strings (no files, workers or
// streams). Declared here because @types/papaparse pulls Node's typings into the pure core.
declare module "papaparse" {
  export interface ParseError {
    type: string;
    code: string;
    message: string;
    row?: number;
    /** Offset in the input, just after the quote for quote errors. */
    index?: number;
  }
  export interface ParseMeta {
    delimiter: string;
    linebreak: string;
    aborted: boolean;
    truncated: boolean;
    /** Offset in the input just past the last row parsed (past its line break). */
    cursor: number;
  }
  export interface StepResult {
    data: string[];
    errors: ParseError[];
    meta: ParseMeta;
  }
  export interface ParseResult {
    data: string[][];
    errors: ParseError[];
    meta: ParseMeta;
  }
  export interface ParseConfig {
    delimiter?: string;
    newline?: string;
    quoteChar?: string;
    escapeChar?: string;
    skipEmptyLines?: boolean | "greedy";
    preview?: number;
    fastMode?: boolean;
    step?: (result: StepResult) => void;
  }
  export interface UnparseConfig {
    delimiter?: string;
    newline?: string;
    quotes?: boolean | boolean[];
    quoteChar?: string;
    escapeChar?: string;
  }
  export function parse(input: string, config?: ParseConfig): ParseResult;
  export function unparse(data: readonly (readonly string[])[], config?: UnparseConfig): string;
}
