import { SHEETS } from "../ledger/layout";
import type { TableData } from "../sheetModel";
import { getBuiltinScheme } from "./presets";
import type { Scheme } from "./schema";
import { PIECE_LENGTH, SCHEME_STORE, copyId, planSaveScheme, readWorkbookSchemes, schemeStoreRows, schemeVersions } from "./workbookSchemes";

const star = getBuiltinScheme("star-member");
const custom = (over: Partial<Scheme> = {}): Scheme => ({ ...star, id: "star-member-branch", name: "星级党员（本支部）", ...over });

function store(rows: TableData["rows"]): TableData {
  return { name: SCHEME_STORE.table, sheet: SCHEME_STORE.sheet, headers: SCHEME_STORE.columns.map((c) => c.header), rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 };
}

describe("schemes kept in the workbook", () => {
  it("round-trips a version through its rows, cut into pieces under the cell limit", () => {
    const big = custom({ summary: "说明".repeat(PIECE_LENGTH) });
    const rows = schemeStoreRows(big);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => String(r[4]).length <= PIECE_LENGTH)).toBe(true);
    // Pieces may come back in any order (a clerk sorted the sheet).
    const read = readWorkbookSchemes(store([...rows].reverse()));
    expect(read.problems).toEqual([]);
    expect(read.schemes).toEqual([big]);
  });

  it("reports a damaged version with its rows and the field at fault, and reads the others", () => {
    const good = schemeStoreRows(custom());
    const damaged = schemeStoreRows(custom({ version: 2, effectiveFrom: "2026-07-01" })).map((r) => [...r]);
    damaged[0][4] = String(damaged[0][4]).replace('"version":2', '"version":"二"');
    const read = readWorkbookSchemes(store([...good, ...damaged]));
    expect(read.schemes.map((s) => s.version)).toEqual([1]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].id).toBe("star-member-branch");
    expect(read.problems[0].message).toMatch(/^「自定义方案」第3行（方案 star-member-branch 第2版）无法读取：version /);
  });

  it("finds a scheme's versions in the workbook first, then among the built-ins", () => {
    const v1 = custom();
    const v2 = custom({ version: 2, effectiveFrom: "2026-07-01" });
    expect(schemeVersions("star-member-branch", [v2, v1])).toEqual([v1, v2]);
    expect(schemeVersions("star-member", [v1])).toEqual([star]);
    expect(schemeVersions("nope", [v1])).toBeNull();
  });

  it("names a copy after its built-in, never a built-in's id nor one taken", () => {
    expect(copyId("star-member", [])).toBe("star-member-branch");
    expect(copyId("star-member", ["star-member-branch"])).toBe("star-member-branch2");
  });

  it("creates the store on the first save, appends later versions, and can make a version the workbook's scheme", () => {
    const settings: TableData = {
      name: SHEETS.settings.table,
      sheet: SHEETS.settings.sheet,
      headers: ["项目", "值", "说明"],
      rowCount: 2,
      rows: [
        ["方案ID", "star-member", ""],
        ["方案版本", "1", ""],
      ],
      firstRow: 2,
      firstColumn: 0,
    };
    const first = planSaveScheme(new Map([[SHEETS.settings.table, settings]]), custom(), { activate: true });
    expect(first.map((o) => o.op)).toEqual(["createTable", "setCells", "setCells"]);
    expect(first.slice(1)).toEqual([
      expect.objectContaining({ table: SHEETS.settings.table, row: 0, cells: { 1: "star-member-branch" } }),
      expect.objectContaining({ table: SHEETS.settings.table, row: 1, cells: { 1: "1" } }),
    ]);
    const tables = new Map([[SCHEME_STORE.table, store(schemeStoreRows(custom()))]]);
    expect(planSaveScheme(tables, custom({ version: 2, effectiveFrom: "2026-07-01" }), { activate: false }).map((o) => o.op)).toEqual(["appendRows"]);
    expect(() => planSaveScheme(tables, custom(), { activate: false })).toThrow("方案 star-member-branch 已有第1版：修改须另存为新版本");
    expect(() => planSaveScheme(tables, star, { activate: false })).toThrow(/是内置方案的 id/);
  });
});
