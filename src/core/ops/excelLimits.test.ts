import { type SheetModel, type WorkbookOp } from "../sheetModel";
import { WorkbookError, checkOpLimits, checkOps } from "./checkOps";
import { EXCEL_LIMITS, fitSheetModel, fitSheetName, sheetNameProblem } from "./excelLimits";
import { wrappedRowHeight } from "./rowHeights";

const state = { sheets: ["积分台账", "Sheet1"], tables: [{ name: "Ledger", sheet: "积分台账" }], protectedSheets: [] };
const sheet = (name: string, rows: SheetModel["rows"] = [[{ value: "x" }]]): WorkbookOp => ({ op: "writeSheet", model: { name, rows } });

describe("Excel's limits", () => {
  it("knows the names Excel refuses", () => {
    expect(sheetNameProblem("排名通报-2026")).toBeNull();
    expect(sheetNameProblem("x".repeat(31))).toBeNull();
    expect(sheetNameProblem("x".repeat(32))).toContain("31");
    expect(sheetNameProblem("a/b")).toContain("/");
    expect(sheetNameProblem("'a")).toContain("单引号");
    expect(sheetNameProblem("history")).toContain("History");
    expect(sheetNameProblem(" ")).toContain("不能为空");
  });

  it("fits a name in 31 characters, keeping the suffix whole", () => {
    const name = fitSheetName("个人台账-".padEnd(40, "长"), " (2)");
    expect(name.length).toBe(31);
    expect(name.endsWith(" (2)")).toBe(true);
    expect(fitSheetName("a:b")).toBe("a_b");
  });

  it("refuses bad names, names taken in another letter case, and over-long texts in every batch", () => {
    expect(() => checkOps(state, [sheet("x".repeat(32))])).toThrow(WorkbookError);
    expect(() => checkOps(state, [sheet("SHEET1")])).toThrow("Excel 不区分大小写");
    expect(() => checkOps(state, [sheet("Sheet1")])).not.toThrow();
    expect(() => checkOps(state, [sheet("积分台账".toUpperCase())])).toThrow("是台账表格");
    const long = "长".repeat(EXCEL_LIMITS.cellText + 1);
    expect(() => checkOpLimits([sheet("报表", [[], [{}, { value: long }]])])).toThrow("工作表「报表」B2 单元格");
    expect(() => checkOps(state, [{ op: "appendRows", table: "Ledger", rows: [["a", "b"], ["c", long]], formats: ["text", "text"] }])).toThrow(
      "工作表「积分台账」新增的第 2 条数据第 2 列（B 列）的文字有 32768 个字符",
    );
    expect(() => checkOps(state, [{ op: "setCells", table: "Ledger", row: 4, cells: { 3: long }, formats: [] }])).toThrow("第 5 条数据第 4 列（D 列）");
  });

  it("cuts a generated text to the limit and warns for it and for rows over 409 points", () => {
    const model: SheetModel = { name: "季度明细-2026Q1", rows: [[{ value: "标题" }], [{ value: "短" }, { value: "长".repeat(40000), style: "cell" }]], columnWidths: [10, 20] };
    const { model: fitted, warnings } = fitSheetModel(model);
    const cell = fitted.rows[1][1].value as string;
    expect(cell.length).toBe(EXCEL_LIMITS.cellText);
    expect(cell.endsWith("…")).toBe(true);
    expect(model.rows[1][1].value).toHaveLength(40000);
    expect(warnings[0]).toContain("工作表「季度明细-2026Q1」B2 单元格的文字有 40000 个字符");
    expect(warnings[1]).toContain("第 2 行");
    expect(() => checkOpLimits([{ op: "writeSheet", model: fitted }])).not.toThrow();
    expect(wrappedRowHeight(fitted.rows[1], [10, 20], new Set(), 2)).toBe(409);
    expect(fitSheetModel({ name: "a", rows: [[{ value: "短" }]] }).warnings).toEqual([]);
  });
});
