import { CellError } from "../core/cellError";

/**
 * Error values handed to PARTY.* as inputs. functions.json sets allowErrorForDataTypeAny (added at build,
 * webpack.config.js: the JSDoc generator has no tag for it), so Excel calls a function even when a cell
 * of its ranges or an argument is an error such as #DIV/0! or #N/A — it arrives as a CustomFunctions.Error
 * ({ code: "#N/A", … }) — and the function names the cell instead of Excel showing the bare error.
 */
const ERROR_TYPES: Record<string, string> = {
  Div0: "#DIV/0!",
  NotAvailable: "#N/A",
  Name: "#NAME?",
  Null: "#NULL!",
  Num: "#NUM!",
  Ref: "#REF!",
  Value: "#VALUE!",
  Spill: "#SPILL!",
  Calc: "#CALC!",
  Busy: "#BUSY!",
  GettingData: "#GETTING_DATA",
};

/** The error text ("#DIV/0!") of an error input, or null for any other value. */
export function errorCodeOf(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as { code?: unknown; type?: unknown; errorType?: unknown };
  if (typeof v.code === "string" && v.code.startsWith("#")) return v.code;
  if (v.type === "Error") return (typeof v.errorType === "string" && ERROR_TYPES[v.errorType]) || "错误值";
  return null;
}

function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The first error among the inputs, as a Chinese diagnosis naming where it is: for a range, its row in
 * the range (the header row is row 1) and its column by header text and letter within the range.
 * `inputs` maps the argument's name as the clerk knows it to its value; ranges are 2-D arrays.
 */
export function inputError(fn: string, inputs: Record<string, unknown>): CellError | null {
  for (const [name, value] of Object.entries(inputs)) {
    if (Array.isArray(value)) {
      const rows = value as unknown[][];
      let first: { r: number; c: number; code: string } | null = null;
      let count = 0;
      // Plain loops: a ledger range is a million cells, nearly all strings and numbers.
      for (let r = 0; r < rows.length; r++) {
        const row = Array.isArray(rows[r]) ? rows[r] : [rows[r]];
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          if (typeof cell !== "object" || cell === null) continue;
          const code = errorCodeOf(cell);
          if (!code) continue;
          count++;
          if (!first) first = { r, c, code };
        }
      }
      if (first) {
        const { r, c, code } = first as { r: number; c: number; code: string };
        const header = Array.isArray(rows[0]) && typeof rows[0][c] === "string" && rows[0][c] !== "" ? `「${rows[0][c] as string}」列（范围内第 ${columnLetters(c)} 列）` : `范围内第 ${columnLetters(c)} 列`;
        const more = count > 1 ? `；该范围共有 ${count} 个错误值` : "";
        return new CellError(
          "VALUE",
          `PARTY.${fn} 的「${name}」范围第 ${r + 1} 行（含标题行）${header}是错误值 ${code}${more}：请先改正该单元格（或其公式引用的单元格）再计算`,
        );
      }
    } else {
      const code = errorCodeOf(value);
      if (code) return new CellError(code === "#N/A" ? "NA" : "VALUE", `PARTY.${fn} 的参数「${name}」是错误值 ${code}：请先改正它引用的单元格`);
    }
  }
  return null;
}
