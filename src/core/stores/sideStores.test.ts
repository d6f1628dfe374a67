import { getBuiltinScheme } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, columnIndexOf, columnLetter } from "../sheetModel";
import { ISSUE_HINTS } from "../validation/issueCodes";
import type { ValidationIssue } from "../validation/validateLedger";
import { SIDE_STORES, type StoreContext, validateSideStores } from ".";

type Def = { table: string; sheet: string; columns: readonly { header: string }[] };

function table(def: Def, rows: Cell[][], firstColumn = 0): TableData {
  return { name: def.table, sheet: def.sheet, headers: def.columns.map((c) => c.header), rowCount: rows.length, rows, firstRow: 2, firstColumn };
}

const store = (sheet: string) => SIDE_STORES.find((s) => s.def.sheet === sheet)!.def;

/** Rows with every kind of mistake each side sheet can hold. */
const BAD_ROWS: Record<string, Cell[][]> = {
  承诺事项: [
    [2026, "001", "张三", "", null, null, "已兑现", "", null],
    [2026, "001", "张三", "读书", null, 46387, "已兑现", "", 9],
    ["明年", "009", "李四", "读书", null, "下月", "差不多", "", null],
  ],
  积分兑换: [
    [46100, "009", "李四", "", -3, "", ""],
    ["昨天", "001", "张三", "书", 1.25, "", ""],
  ],
  评星晋级: [
    [2026, "", "", 2, 1, 3, 5, null, null, null, "x", "√", "√", "√", "√", "三星级党支部", ""],
    [2026, "", "", 2, null, null, null, null, null, null, null, null, null, null, null, "七星级", ""],
    [2026, "一支部", "", 9, null, null, null, null, null, null, "√", null, null, null, null, "三星级党支部", ""],
    [2026, "一支部", "", "九", null, null, null, null, null, null, null, null, null, null, null, "三星级党支部", ""],
  ],
  分类定级: [
    [2026, "001", "张三", "", "", "下辈子", "", "", "良好", "晋位"],
    [2026, "001", "张三", "", "", "", "", "", "", "是"],
  ],
  支部积分: [
    ["内科", "2026-13", "任务分", "", 1, ""],
    ["内科", "2026-01", "其他", "", 1, ""],
    ["内科", "2026-01", "任务分", "", "x", ""],
    ["内科", "2026-01", "奖励分", "", -1, ""],
    ["内科", "2026-01", "任务分", "", 60, ""],
    ["外科", "2026-01", "上年得分", "", 120, ""],
    ["外科", "2026-01", "上年得分", "", 80, ""],
    ["", "2026-01", "任务分", "", 1, ""],
  ],
};

function issuesOf(scheme: Scheme, firstColumn = 0): ValidationIssue[] {
  const tables = new Map(Object.entries(BAD_ROWS).map(([sheet, rows]) => [store(sheet).table, table(store(sheet), rows, firstColumn)]));
  const ctx: StoreContext = { tables, scheme, year: 2026, rosterIds: new Set(["001"]), ledger: () => ({ members: [{ id: "B1", name: "一支部", category: "党支部" }], entries: [] }) };
  return validateSideStores(ctx);
}

describe("the side stores", () => {
  it("are validated through one registry, 积分兑换 included", () => {
    const issues = ["handbook", "branch-stars", "classified-grading"].flatMap((id) => issuesOf(getBuiltinScheme(id)));
    const bySheet = (sheet: string) => new Set(issues.filter((i) => i.sheet === sheet).map((i) => i.code));
    expect([...bySheet("积分兑换")].sort()).toEqual(["redemption-bad-date", "redemption-bad-points", "redemption-item-blank", "unknown-member"]);
    expect([...bySheet("承诺事项")].sort()).toEqual(["bad-year", "commitment-bad-deadline", "commitment-blank", "commitment-entry-mismatch", "commitment-unknown-status", "commitment-unscored", "unknown-member"]);
    expect([...bySheet("评星晋级")].sort()).toEqual(["bad-star-mark", "branch-blank", "count-over-members", "duplicate-branch", "profile-bad-count", "star-ledger-mismatch", "target-below-level", "unknown-target"]);
    expect([...bySheet("分类定级")].sort()).toEqual(["bad-promotion", "duplicate-grading", "grading-bad-deadline", "grading-unknown-appraisal", "promotion-without-outcome"]);
    expect([...bySheet("支部积分")].sort()).toEqual(["bad-month", "bad-points", "branch-score-blank", "negative-points", "no-previous-score", "over-cap", "previous-duplicate", "previous-out-of-range", "unknown-kind"]);
  });

  it("give every code one meaning: a code names one kind of cell, and its hint speaks of that cell", () => {
    const issues = issuesOf(getBuiltinScheme("handbook"));
    const headersOf = new Map<string, Set<string>>();
    for (const i of issues) headersOf.set(i.code, new Set([...(headersOf.get(i.code) ?? []), `${i.sheet}|${i.header}`]));
    // Codes that are about the same kind of cell on every sheet (an id, a year) or about a group of alike columns.
    const shared = new Set(["unknown-member", "bad-year", "count-over-members", "profile-bad-count"]);
    for (const [code, places] of headersOf) if (!shared.has(code)) expect([code, places.size]).toEqual([code, 1]);
    const hintFor = (sheet: string, header: string) => ISSUE_HINTS[issues.find((i) => i.sheet === sheet && i.header === header)!.code];
    expect(hintFor("承诺事项", "完成情况")).toContain("完成情况");
    expect(hintFor("评星晋级", "党员人数")).toContain("人数");
    expect(hintFor("分类定级", "整改时限")).toContain("整改时限");
  });

  it.each(["A", "D", "AB"])("point at the right cell when the table starts at column %s", (start) => {
    const offset = columnIndexOf(start);
    const atA = issuesOf(getBuiltinScheme("handbook"));
    const shifted = issuesOf(getBuiltinScheme("handbook"), offset);
    expect(shifted.map((i) => i.column)).toEqual(atA.map((i) => columnLetter(columnIndexOf(i.column) + offset)));
    // And the column is the header's own: 完成情况 is the 7th column of 承诺事项.
    const status = shifted.find((i) => i.code === "commitment-unknown-status")!;
    expect(status.column).toBe(columnLetter(offset + 6));
  });
});
