import { toNumber, toText } from "../cells";
import { type SheetRow, rowsOf } from "../ledger/readLedger";
import { type Cell, type TableData, columnLetter } from "../sheetModel";
import { headerIndex } from "../tableRegion";
import type { IssueCode } from "../validation/issueCodes";
import type { Severity, ValidationIssue } from "../validation/validateLedger";

/** An issue at the cell of `header` in a row of `table`, wherever on its sheet the table starts. */
export function issueAt(table: TableData, row: SheetRow, header: string, severity: Severity, code: IssueCode, message: string): ValidationIssue {
  const index = headerIndex(table.headers, header);
  return { code, severity, sheet: table.sheet, row: row.row, column: columnLetter(table.firstColumn + Math.max(0, index)), header, message: `第${row.row}行 ${message}`, values: row.values };
}

const shown = (v: Cell | undefined) => toText(v ?? null) || "（空）";

/** One filled row of a sheet kept beside the ledger, with the checks every such sheet makes. */
export class StoreRow {
  constructor(
    readonly table: TableData,
    readonly row: SheetRow,
    private readonly issues: ValidationIssue[],
  ) {}

  get values(): Record<string, Cell> {
    return this.row.values;
  }

  text(header: string): string {
    return toText(this.row.values[header] ?? null);
  }

  add(header: string, severity: Severity, code: IssueCode, message: string): void {
    this.issues.push(issueAt(this.table, this.row, header, severity, code, message));
  }

  /** The 编号, reported when it is not in the roster. */
  member(rosterIds: ReadonlySet<string>, header = "编号"): string {
    const id = this.text(header);
    if (!rosterIds.has(id)) this.add(header, "error", "unknown-member", `编号「${shown(this.row.values[header])}」不在党员名册中`);
    return id;
  }

  /** The 年度, reported (and null) when it is not a four-digit year. */
  year(header = "年度"): number | null {
    const year = toNumber(this.row.values[header] ?? null);
    if (year !== null && Number.isInteger(year) && year >= 1900 && year <= 2999) return year;
    this.add(header, "error", "bad-year", `年度「${shown(this.row.values[header])}」不是四位年份`);
    return null;
  }

  /** False (and reported) when `key` was already seen on an earlier row. */
  once(seen: Map<string, number>, key: string, header: string, code: IssueCode, message: (firstRow: number) => string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.add(header, "error", code, message(first));
      return false;
    }
    seen.set(key, this.row.row);
    return true;
  }
}

/** Runs `check` on every row of the table that is not blank; the issues in sheet order. */
export function checkStoreRows(table: TableData | undefined, check: (row: StoreRow) => void): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!table) return issues;
  for (const r of rowsOf(table)) {
    if (Object.values(r.values).every((v) => toText(v) === "")) continue;
    check(new StoreRow(table, r, issues));
  }
  return issues;
}

/**
 * The rows of a table (those with `key` filled) as records of text fields, field → header; the
 * caller converts the few fields that are not text.
 */
export function textRecords<F extends string>(table: TableData | undefined, fields: Readonly<Record<F, string>>, key: NoInfer<F>): (Record<F, string> & { row: number; values: Record<string, Cell> })[] {
  const entries = Object.entries(fields) as [F, string][];
  const out: (Record<F, string> & { row: number; values: Record<string, Cell> })[] = [];
  for (const r of rowsOf(table)) {
    const record = { row: r.row, values: r.values } as Record<F, string> & { row: number; values: Record<string, Cell> };
    for (const [field, header] of entries) (record as Record<string, unknown>)[field] = toText(r.values[header] ?? null);
    if (record[key]) out.push(record);
  }
  return out;
}
