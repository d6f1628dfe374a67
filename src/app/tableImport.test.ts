// Import from a workbook the branch already keeps: through the WorkbookGateway only, so any host
// that opened the file will do (the memory gateway here, the .xlsx gateway in test/workbook).
import { isoToSerial } from "../core/dates";
import type { Cell } from "../core/sheetModel";
import { getBuiltinScheme } from "../core/scheme/presets";
import { MemoryGateway, MemoryWorkbook } from "../hosts/memory/memoryGateway";
import { importCsvFiles, scaffoldWorkbook, validateWorkbook } from "./ledgerService";
import { describePreview, importTableRows, previewTableImport } from "./tableImport";

const NOW = new Date(2026, 2, 1);

async function ledger(): Promise<MemoryGateway> {
  const gw = new MemoryGateway();
  await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, NOW);
  return gw;
}

/** A workbook of plain sheets (no tables), as a clerk keeps one. */
function clerkBook(sheets: Record<string, Cell[][]>): MemoryGateway {
  const book = new MemoryWorkbook();
  for (const [name, rows] of Object.entries(sheets))
    book.sheets.set(name, { name, cells: rows.map((r) => r.map((value) => ({ value }))), protected: false, freezeRows: 0, merges: [], columnWidths: [], pageBreaks: [] });
  return new MemoryGateway(book);
}

const rosterSheet: Cell[][] = [
  ["第一党支部党员名册", null, null, null, null],
  ["制表日期：2026年1月", null, null, null, null],
  ["序号", "工号", "党员姓名", "人员类别", "入党时间", "政治面貌"],
  [1, "001", "张三", "正式党员", isoToSerial("2010-07-01"), "中共党员"],
  [2, 2, "李四", "预备党员", "2025/9/30", "中共预备党员"],
  [null, null, null, null, null, null],
  [3, "003", "王五", "正式党员", "不详", "中共党员"],
];

describe("import from a workbook the branch keeps", () => {
  it("finds the sheet and its header row below a title, matches headers by synonym, and previews", async () => {
    const target = await ledger();
    const source = clerkBook({ 说明: [["本工作簿为支部自用"]], 党员信息: rosterSheet });
    const p = await previewTableImport(target, "roster", { gateway: source, name: "名册.xlsx" });
    expect(p).toMatchObject({ sheet: "党员信息", headerRow: 3, total: 3, ignored: ["序号", "政治面貌"], sourceRows: [4, 5, 7] });
    expect(describePreview(p)).toEqual(["编号 ← B 列「工号」（同义词）", "姓名 ← C 列「党员姓名」（同义词）", "党员类别 ← D 列「人员类别」（同义词）", "入党日期 ← E 列「入党时间」（同义词）"]);
    expect(p.headers.slice(0, 5)).toEqual(["编号", "姓名", "党员类别", "所在支部", "入党日期"]);
    expect(p.text.map((r) => r.slice(0, 5))).toEqual([
      ["001", "张三", "正式党员", "", "2010-07-01"],
      ["2", "李四", "预备党员", "", "2025-09-30"],
      ["003", "王五", "正式党员", "", "不详"],
    ]);
    expect(p.kept).toEqual([{ line: 7, header: "入党日期", source: "入党时间", value: "不详" }]);
    // A preview writes nothing.
    expect(target.book.tables.get("RosterTable")!.rows).toEqual([]);
  });

  it("appends through the same row builder as the CSV import, logged, and validation lists what could not be read", async () => {
    const target = await ledger();
    const source = clerkBook({ 党员信息: rosterSheet });
    const r = await importTableRows(target, "roster", { gateway: source, name: "名册.xlsx" }, NOW);
    expect(r.rows).toBe(3);
    expect(r.report.summary).toBe("名册.xlsx：工作表「党员信息」，第 3 行为表头，共 4 行");
    expect(r.report.notes).toContain("名册.xlsx「党员信息」 第 7 行「入党时间」：「不详」无法识别，照原样导入，校验时会指出");
    const rows = target.book.tables.get("RosterTable")!.rows;
    expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ["001", "张三", isoToSerial("2010-07-01")],
      ["2", "李四", isoToSerial("2025-09-30")],
      ["003", "王五", "不详"],
    ]);
    expect(target.book.tables.get("LogTable")!.rows.at(-1)!.slice(1)).toEqual(["导入名册", "党员名册", "", "从「名册.xlsx」工作表「党员信息」追加 3 行"]);
    const bad = (await validateWorkbook(target)).issues.filter((i) => i.code === "bad-date");
    expect(bad.map((i) => [i.sheet, i.row])).toEqual([["党员名册", 4]]);
  });

  it("imports a ledger kept in Excel: serial dates, numbers, names and item names filled in", async () => {
    const target = await ledger();
    await importCsvFiles(target, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n" }, NOW);
    const source = clerkBook({
      积分: [
        ["记录日期", "党员编号", "代码", "次数", "得分", "备注"],
        [isoToSerial("2026-03-05") + 0.375, "001", "d1", 2, null, "缺席两次"],
        ["2026年4月1日", "001", "D6", "1", "−3分", ""],
        [20260501, "001", "D6", 1, "三分", null],
      ],
    });
    const r = await importTableRows(target, "entries", { gateway: source, name: "台账.xlsx" }, NOW);
    expect(r.rows).toBe(3);
    const rows = target.book.tables.get("LedgerTable")!.rows;
    expect(rows[0]).toEqual([isoToSerial("2026-03-05"), "001", "张三", "D1", expect.any(String), 2, -1, null, null, "缺席两次", null, 1]);
    expect(rows[1].slice(0, 7)).toEqual([isoToSerial("2026-04-01"), "001", "张三", "D6", expect.any(String), 1, -3]);
    expect(rows[2][0]).toBe(isoToSerial("2026-05-01"));
    expect(rows[2][6]).toBe("三分");
  });

  it("reads the sheet it is told to, and says which columns are missing", async () => {
    const target = await ledger();
    const source = clerkBook({ 名单: [["姓名", "电话"], ["张三", "1"]], 党员信息: rosterSheet });
    await expect(previewTableImport(target, "roster", { gateway: source, name: "名册.xlsx", sheet: "名单" })).rejects.toThrow("名册.xlsx「名单」的前 20 行中没有含「编号」「姓名」「党员类别」列的表头（最接近的一行缺少「编号」「党员类别」列）");
    await expect(previewTableImport(target, "roster", { gateway: source, name: "名册.xlsx", sheet: "名册" })).rejects.toThrow("名册.xlsx 中没有名为「名册」的工作表；有：名单、党员信息");
    const p = await previewTableImport(target, "roster", { gateway: source, sheet: "党员信息" });
    expect(p.source).toBe("名册");
  });

  it("says so when no sheet has the headers, and writes nothing", async () => {
    const target = await ledger();
    const source = clerkBook({ Sheet1: [["a", "b"]], Sheet2: [] });
    await expect(importTableRows(target, "appraisals", { gateway: source, name: "评议.xlsx" }, NOW)).rejects.toThrow("评议.xlsx 中没有一张工作表的表头含有「编号」「评议等次」或「分值」列（已查看：Sheet1、Sheet2）");
    expect(target.book.tables.get("AppraisalTable")!.rows).toEqual([]);
  });

  it("takes the ledger workbook itself as a source (its tables read as sheets)", async () => {
    const other = await ledger();
    await importCsvFiles(other, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,预备党员\n" }, NOW);
    const target = await ledger();
    const r = await importTableRows(target, "roster", { gateway: other, name: "去年台账.xlsx" }, NOW);
    expect(r.preview.sheet).toBe("党员名册");
    expect(r.preview.columns.every((c) => c.how === "exact")).toBe(true);
    expect(target.book.tables.get("RosterTable")!.rows.map((row) => row[1])).toEqual(["张三", "李四"]);
  });
});
