import fs from "fs";
import path from "path";
import { approvePeriod, loadLedger, scaffoldWorkbook } from "../app/ledgerService";
import { writeReport } from "../app/reportService";
import { getBuiltinScheme } from "../core/scheme/presets";
import { readZip } from "../hosts/xlsx/package/zip";
import { GridEditError, WebWorkbook } from "./webWorkbook";

const CHARTS = path.resolve(__dirname, "../../test/corpus/files/lo-charts.xlsx");

async function ledgerBook(): Promise<WebWorkbook> {
  const book = WebWorkbook.open(new Uint8Array(fs.readFileSync(CHARTS)), "支部.xlsx");
  await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, new Date(2026, 0, 5));
  return book;
}

describe("WebWorkbook", () => {
  it("opens the clerk's file unchanged, and notes a change only when there is one", async () => {
    const book = WebWorkbook.open(new Uint8Array(fs.readFileSync(CHARTS)), "支部.xlsx");
    expect(book.dirty).toBe(false);
    expect(book.sheetNames()).toEqual(["Data", "Pie"]);
    const view = (await book.view("Data"))!;
    expect(view.table).toBeNull();
    expect(view.readOnly).toMatch(/只能查看/);
    expect(view.rows[1]).toEqual(["1月", "11", "19", "7"]);
    await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 });
    expect(book.dirty).toBe(true);
    book.markSaved("支部-已改.xlsx");
    expect([book.dirty, book.fileName]).toEqual([false, "支部-已改.xlsx"]);
    // An edit made while the bytes were being written is not in the file: it stays unsaved.
    const asOf = book.contentVersion;
    await book.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value: "保存时输入" }]] } }]);
    book.markSaved(undefined, asOf);
    expect(book.dirty).toBe(true);
    book.markSaved(undefined, book.contentVersion);
    expect(book.dirty).toBe(false);
  });

  it("pastes members below the roster, sets cells inside it, and reads them back as the engine does", async () => {
    const book = await ledgerBook();
    expect(await book.paste({ sheet: "党员名册", row: 2, column: "A" }, [["001", "张三", "正式党员", "", "2001/7/1"], ["002", "李四", "预备党员"]])).toEqual({ set: 0, appended: 2 });
    expect(await book.paste({ sheet: "党员名册", row: 3, column: "B" }, [["李思"], ["王五"], [""]])).toEqual({ set: 1, appended: 1 });
    const ledger = await loadLedger(book.gateway);
    expect(ledger.members.map((m) => [m.id, m.name])).toEqual([["001", "张三"], ["002", "李思"], ["", "王五"]]);
    const view = (await book.view("党员名册"))!;
    expect(view.rows[1].slice(0, 5)).toEqual(["001", "张三", "正式党员", "", "2001-07-01"]);
    // One empty row below the table to type a new member into.
    expect(view.rows).toHaveLength(1 + 3 + 1);
    expect(view.table).toMatchObject({ name: "RosterTable", headerRow: 1, firstColumn: 0, dataRows: 3, editable: true });
  });

  it("deletes rows, the rows below moving up", async () => {
    const book = await ledgerBook();
    await book.paste({ sheet: "积分台账", row: 2, column: "A" }, [["2026-03-05", "001", "", "D1"], ["2026-03-06", "999", "", "D1"], ["2026-03-07", "002", "", "D2"]]);
    expect(await book.deleteRows("积分台账", 3, 3)).toBe(1);
    const rows = (await book.gateway.readTables(["LedgerTable"])).get("LedgerTable")!.rows;
    expect(rows.map((r) => r[1])).toEqual(["001", "002"]);
    await expect(book.deleteRows("积分台账", 1, 1)).rejects.toThrow(GridEditError);
  });

  it("refuses the header row, rows past the end, columns outside the table and sheets that are not the clerk's tables", async () => {
    const book = await ledgerBook();
    await expect(book.setCell({ sheet: "党员名册", row: 1, column: "A" }, "工号")).rejects.toThrow(/表头不能在这里修改/);
    await expect(book.setCell({ sheet: "党员名册", row: 5, column: "A" }, "003")).rejects.toThrow(/第 2 行/);
    await expect(book.setCell({ sheet: "党员名册", row: 2, column: "Z" }, "x")).rejects.toThrow(/Z 列不在/);
    await expect(book.setCell({ sheet: "Data", row: 2, column: "A" }, "x")).rejects.toThrow(/不能在这里修改/);
    await expect(book.setCell({ sheet: "操作日志", row: 2, column: "A" }, "x")).rejects.toThrow(/不能在这里修改/);
    await expect(book.paste({ sheet: "民主评议", row: 2, column: "D" }, [["合格", "5", "多余"]])).rejects.toThrow(/超出了表格/);
    expect((await book.view("操作日志"))!.readOnly).toMatch(/由加载项填写/);
  });

  it("shows a protected sheet as read-only", async () => {
    const book = await ledgerBook();
    await book.paste({ sheet: "党员名册", row: 2, column: "A" }, [["001", "张三", "正式党员"]]);
    await approvePeriod(book.gateway, "2026H1", { date: "2026-07-05" });
    const view = (await book.view("审定记录"))!;
    expect(view.table?.editable).toBe(false);
    expect(view.readOnly).toMatch(/保护/);
  });

  it("shows a report's formulas by their results, and saves every part it did not change byte for byte", async () => {
    const book = await ledgerBook();
    await book.paste({ sheet: "党员名册", row: 2, column: "A" }, [["001", "张三", "正式党员"], ["002", "李四", "正式党员"]]);
    await book.paste({ sheet: "积分台账", row: 2, column: "A" }, [["2026-03-05", "001", "", "D1"]]);
    await writeReport(book.gateway, "publicity", "2026H1", "2026-07-01");
    const sheet = book.sheetNames().find((s) => s.startsWith("公示"))!;
    const rows = (await book.view(sheet))!.rows;
    const header = rows.findIndex((r) => r.includes("总分"));
    const total = rows[header].indexOf("总分");
    const member = rows.find((r) => r.includes("001"))!;
    expect(member[total]).toMatch(/^\d+(\.\d+)?$/);
    const before = new Map(readZip(fs.readFileSync(CHARTS)).map((e) => [e.name, e.local!]));
    const after = readZip(book.toBytes());
    for (const e of after.filter((x) => /^xl\/(charts|drawings)\//.test(x.name))) expect(Buffer.from(e.local!).equals(Buffer.from(before.get(e.name)!))).toBe(true);
  });
});
