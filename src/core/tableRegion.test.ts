import type { Cell } from "./sheetModel";
import { cellsNearTable, cellsOf, extentOf, findTableByHeaders, headerIndex, headerText } from "./tableRegion";

/** A sheet from A1: rows of cells. */
function sheet(rows: Cell[][]) {
  const blocks = [{ top: 1, left: 0, cells: rows }];
  return { at: cellsOf(blocks), extent: extentOf(blocks) };
}

const HEADERS = ["日期", "编号", "项目代码", "分值"];

describe("findTableByHeaders", () => {
  it("finds the header row under a title, its columns as the run of non-blank headers, its rows down to more than 5 blank rows", () => {
    const s = sheet([
      ["2026年积分台账"],
      [],
      [null, "日期", " 编 号 ", "项目代码", "分值", "自加列"],
      [null, 46000, "001", "D1", null],
      [],
      [null, 46001, "002", "D2", null],
      [], [], [], [], [], [],
      [null, "很远的一行"],
    ]);
    expect(findTableByHeaders(s.at, s.extent, HEADERS)).toEqual({ headerRow: 3, firstColumn: 1, lastColumn: 5, lastRow: 6 });
  });

  it("needs at least half of the headers, and two", () => {
    const s = sheet([["日期", "姓名", "别的"], [46000, "张三", 1]]);
    expect(findTableByHeaders(s.at, s.extent, HEADERS)).toBeNull();
    expect(headerText(" 分 值\n")).toBe("分值");
  });
});

describe("cellsNearTable", () => {
  it("finds rows below after up to 5 blank rows and columns beside, not beyond", () => {
    const s = sheet([
      ["日期", "编号", null, "旁注"],
      [46000, "001", null, "x"],
      [],
      [46002, "003"],
      [], [], [], [], [], [],
      [46009, "009"],
    ]);
    const near = cellsNearTable(s.at, s.extent, { headerRow: 1, firstColumn: 0, lastColumn: 1, lastRow: 2 });
    expect(near).toEqual({
      rowsBelow: [{ row: 4, cells: [46002, "003"] }],
      columnsBeside: [{ column: 3, header: "旁注", firstRow: 1, lastRow: 2, cells: 2 }],
    });
  });

  it("is null when nothing lies outside the table", () => {
    const s = sheet([["日期", "编号"], [46000, "001"]]);
    expect(cellsNearTable(s.at, s.extent, { headerRow: 1, firstColumn: 0, lastColumn: 1, lastRow: 2 })).toBeNull();
  });
});

describe("headerIndex", () => {
  it("finds a header typed with spaces inside or around, full-width spaces or a line break (Alt+Enter)", () => {
    const headers = ["日期", "编 号", "项目\u3000代码", " 分值 ", "次\n数", "说明"];
    expect(["日期", "编号", "项目代码", "分值", "次数", "说明", "撤销行号"].map((h) => headerIndex(headers, h))).toEqual([0, 1, 2, 3, 4, 5, -1]);
  });
});
