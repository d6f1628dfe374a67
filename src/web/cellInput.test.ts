import { SHEETS } from "../core/ledger/layout";
import { isoToSerial } from "../core/sheetModel";
import { EDITABLE_TABLES, cellFromInput, columnFormats, parseClipboardBlock } from "./cellInput";

describe("parseClipboardBlock", () => {
  it("reads Excel's and WPS's text/plain: tabs, CRLF, the trailing line break", () => {
    expect(parseClipboardBlock("001\t张三\t正式党员\r\n002\t李四\t预备党员\r\n")).toEqual([
      ["001", "张三", "正式党员"],
      ["002", "李四", "预备党员"],
    ]);
  });

  it("keeps empty cells, LF and CR line breaks", () => {
    expect(parseClipboardBlock("a\t\tc\nd\t\t\rx")).toEqual([["a", "", "c"], ["d", "", ""], ["x"]]);
  });

  it("reads quoted cells with line breaks, tabs and doubled quotes inside", () => {
    expect(parseClipboardBlock('"第一行\n第二行"\t"说""明"\t"a\tb"\r\n')).toEqual([["第一行\n第二行", '说"明', "a\tb"]]);
  });

  it("reads a quote at the start of ordinary text as text", () => {
    expect(parseClipboardBlock('"优秀"党员\t2')).toEqual([['"优秀"党员', "2"]]);
  });

  it("gives no rows for an empty clipboard", () => {
    expect(parseClipboardBlock("")).toEqual([]);
  });
});

describe("cellFromInput", () => {
  it("reads dates as clerks type them into a date column, and keeps what is not a date as typed", () => {
    for (const text of ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305"]) expect(cellFromInput(text, "date")).toBe(isoToSerial("2026-03-05"));
    expect(cellFromInput("三月五日", "date")).toBe("三月五日");
  });

  it("reads numbers with 分, full-width digits and minus signs; text columns keep text (001 stays 001)", () => {
    expect(cellFromInput("-2分", "number")).toBe(-2);
    expect(cellFromInput("３", "integer")).toBe(3);
    expect(cellFromInput("两分", "number")).toBe("两分");
    expect(cellFromInput("001", "text")).toBe("001");
    expect(cellFromInput("=1+1", "text")).toBe("=1+1");
  });

  it("leaves a blank cell empty", () => {
    expect(cellFromInput("  ", "text")).toBeNull();
    expect(cellFromInput("", "date")).toBeNull();
  });
});

describe("editable tables", () => {
  it("are the tables a clerk types into, not the ones the add-in generates", () => {
    expect(EDITABLE_TABLES.has(SHEETS.roster.table)).toBe(true);
    expect(EDITABLE_TABLES.has(SHEETS.ledger.table)).toBe(true);
    expect(EDITABLE_TABLES.has(SHEETS.appraisals.table)).toBe(true);
    expect(EDITABLE_TABLES.has(SHEETS.approvals.table)).toBe(false);
    expect(EDITABLE_TABLES.has(SHEETS.log.table)).toBe(false);
  });

  it("take each column's format by header, whatever the order; a column the layout does not know is general", () => {
    expect(columnFormats(SHEETS.ledger, ["编号", "日期", "次数", "自加列"])).toEqual(["text", "date", "integer", "number"]);
  });
});
