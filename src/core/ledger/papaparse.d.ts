// The part of papaparse's API the core uses: parsing and writing strings (no files, workers or
// streams; a large text is fed to the low-level Parser piece by piece, as papaparse's own streamers
// do). Declared here because @types/papaparse pulls Node's typings into the pure core.
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
  /** What the low-level Parser hands its step function: one record (data holds just it). */
  export interface ParserStep {
    data: string[][];
    errors: ParseError[];
    /** cursor: offset just past the record (past its line break), baseIndex included. */
    meta: ParseMeta;
  }
  export interface ParserConfig {
    delimiter: string;
    newline: "\n" | "\r" | "\r\n";
    quoteChar?: string;
    escapeChar?: string;
    step?: (result: ParserStep) => void;
  }
  /**
   * papaparse's core parser. parse(input, baseIndex, ignoreLastRow): offsets in the results are baseIndex +
   * offsets in input (error indexes are not: they are in input); with ignoreLastRow the record the input
   * ends in is left unparsed, meta.cursor pointing at its start.
   */
  export class Parser {
    constructor(config: ParserConfig);
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): ParseResult;
  }
  export function unparse(data: readonly (readonly string[])[], config?: UnparseConfig): string;
}
