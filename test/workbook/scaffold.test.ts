import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { SHEETS } from "../../src/core/ledger/layout";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import { importCsvFiles, loadLedger, scaffoldWorkbook, scoreLedger } from "../../src/app/ledgerService";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { appendToStore, headedByBranch, pageOf, tableSpec } from "../../src/core/ledger/scaffold";
import { APPROVED_SCORES } from "../../src/core/approval/approvedScores";
import { COMMITMENT_STORE } from "../../src/core/commitments/commitments";
import { addCommitment } from "../../src/app/sideStores";
import { smallBranch } from "../support/smallBranch";
import { REDEMPTION_STORE } from "../../src/core/redemption/redemption";
import { isoToSerial } from "../../src/core/sheetModel";

const star = getBuiltinScheme("star-member");
const settings = { branch: "第一党支部", year: 2026, secretary: "王书记" };
const NOW = new Date(2026, 2, 31, 10, 0, 0);

const roster = "编号,姓名,党员类别,入党日期\n001,张三,正式党员,2001-07-01\n002,李四,预备党员,2025-09-01\n003,=1+1,正式党员,\n";
const entries = "日期,编号,项目代码,次数,分值,说明\n2026-03-02,001,D1,2,,缺席两次\n2026-03-05,002,D6,,-3,\n2026-02-30,003,D1,,,坏日期\n";

/** Every cell of every sheet: value, formula and number format. */
function cellDump(book: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of book.worksheets)
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => out.push(`${ws.name}!${r},${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ""}`)),
    );
  return out;
}

describe("scaffold", () => {
  it("creates every ledger sheet with its table, settings, rules and dropdowns", async () => {
    const gw = new MemoryGateway();
    const plan = await scaffoldWorkbook(gw, star, settings, NOW);
    expect(plan.added).toEqual(Object.values(SHEETS).map((s) => s.sheet));
    expect(plan.conflicts).toEqual([]);
    const snapshot = await gw.inspect();
    for (const def of Object.values(SHEETS)) expect(snapshot.tables.find((t) => t.name === def.table)?.headers).toEqual(def.columns.map((c) => c.header));
    const rules = gw.book.tables.get("RulesTable")!.rows;
    expect(rules.map((r) => r[0])).toEqual(star.items.map((i) => i.code));
    expect(rules.find((r) => r[0] === "D6")!.slice(0, 4)).toEqual(["D6", "其他不良行为", "日常行为积分", "-4至-1分/次（酌情）"]);
    expect(gw.book.tables.get("SettingsTable")!.rows.map((r) => r.slice(0, 2))).toContainEqual(["方案ID", "star-member"]);
    expect(gw.book.tables.get("LedgerTable")!.validations.get(1)).toEqual({ range: { sheet: "党员名册", column: 0 } });
    expect(gw.book.tables.get("LedgerTable")!.validations.get(3)).toEqual({ range: { sheet: "积分规则", column: 0 } });
    expect(gw.book.tables.get("RosterTable")!.validations.get(2)).toEqual({ list: ["正式党员", "预备党员", "发展对象", "入党积极分子", "离退休党员"] });
    expect(gw.book.tables.get("AppraisalTable")!.validations.get(3)).toEqual({ list: ["优秀", "合格", "基本合格", "不合格"] });
    expect(gw.book.tables.get("LogTable")!.rows).toEqual([["2026-03-31 10:00:00", "生成台账", plan.added.join("、"), "", "方案 star-member 第1版；保留：无"]]);
  });

  it("run twice on a filled .xlsx leaves every cell as it was", async () => {
    const first = new ExcelJsGateway();
    await scaffoldWorkbook(first, star, settings, NOW);
    await importCsvFiles(first, { roster, entries }, NOW);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-scaffold-")), "台账.xlsx");
    await first.save(file);
    const gw = await ExcelJsGateway.open(file);
    const before = cellDump(gw.workbook);
    expect(before.length).toBeGreaterThan(100);
    // Another branch than 设置 holds is refused (issue 23), and changes nothing either.
    await expect(scaffoldWorkbook(gw, star, { ...settings, branch: "别的支部" }, NOW)).rejects.toThrow("本次给出的是「别的支部」");
    expect(cellDump(gw.workbook)).toEqual(before);
    const again = await scaffoldWorkbook(gw, star, settings, NOW);
    expect(again.added).toEqual([]);
    expect(again.kept).toHaveLength(Object.keys(SHEETS).length);
    expect(cellDump(gw.workbook)).toEqual(before);
  });

  it("reports a sheet of our name with another structure and never overwrites it", async () => {
    const gw = new MemoryGateway();
    await gw.apply([{ op: "writeSheet", model: { name: "党员名册", rows: [[{ value: "我自己的名册" }]] } }]);
    const plan = await scaffoldWorkbook(gw, star, settings, NOW);
    expect(plan.conflicts).toEqual([{ sheet: "党员名册", message: "工作表「党员名册」已存在但没有表格 RosterTable，结构不同；未做改动，请改名后重新生成" }]);
    expect(plan.added).not.toContain("党员名册");
    expect(await gw.readSheet("党员名册")).toEqual([["我自己的名册"]]);
  });

  it("a sheet made on first use (审定积分 at approval, 承诺事项 at the first commitment) is headed by the branch too", async () => {
    const gw = await smallBranch({ approveH1: true });
    await addCommitment(gw, { memberId: "D001", text: "带头学习", date: "2026-03-01", deadline: "2026-12-31" }, NOW);
    for (const def of [APPROVED_SCORES, COMMITMENT_STORE]) expect(gw.book.sheets.get(def.sheet)!.page).toEqual(pageOf(def, "第一党支部"));
    expect(pageOf(APPROVED_SCORES, "第一党支部").centerHeader).toBe("第一党支部　&A");
    expect(headedByBranch([{ op: "createTable", spec: tableSpec(COMMITMENT_STORE, []) }], "")).toEqual([{ op: "createTable", spec: tableSpec(COMMITMENT_STORE, []) }]);
  });

  it("every sheet it creates prints on A4 one page wide, headed by its name and the branch (issue 19)", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, settings, NOW);
    for (const def of Object.values(SHEETS)) expect([def.sheet, gw.book.sheets.get(def.sheet)!.page]).toEqual([def.sheet, pageOf(def, "第一党支部")]);
    expect(gw.book.sheets.get(SHEETS.ledger.sheet)!.page).toMatchObject({ orientation: "landscape", fitToWidth: true, printTitleRows: [1, 1], centerHeader: "第一党支部　&A" });
    expect(gw.book.sheets.get(SHEETS.settings.sheet)!.page?.orientation).toBe("portrait");
    // A sheet kept beside the ledger, made on first use, prints the same way.
    await gw.apply(appendToStore(REDEMPTION_STORE, undefined, []));
    expect(gw.book.sheets.get(REDEMPTION_STORE.sheet)!.page).toEqual(pageOf(REDEMPTION_STORE));
  });

  it("run again on a ledger from before print setup, sets up the add-in's sheets that have none; the clerk's setup and sheets are left alone (issue 19)", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, settings, NOW);
    await importCsvFiles(gw, { roster, entries }, NOW);
    await gw.apply([...appendToStore(REDEMPTION_STORE, undefined, [[isoToSerial("2026-05-01"), "001", "张三", "书籍", 5, "", ""]]), { op: "writeSheet", model: { name: "我的统计", rows: [[{ value: "自己的表" }]] } }]);
    for (const sheet of gw.book.sheets.values()) delete sheet.page;
    const clerks = { orientation: "portrait", fitToWidth: false, centerFooter: "我的页脚" } as const;
    gw.book.sheets.get(SHEETS.appeals.sheet)!.page = clerks;
    const rows = new Map([...gw.book.tables].map(([name, t]) => [name, JSON.stringify(t.rows)]));
    // 设置 names the branch; this run gives none.
    const plan = await scaffoldWorkbook(gw, star, { ...settings, branch: "" }, NOW);
    expect(plan.added).toEqual([]);
    for (const def of Object.values(SHEETS).filter((d) => d !== SHEETS.appeals)) expect([def.sheet, gw.book.sheets.get(def.sheet)!.page]).toEqual([def.sheet, pageOf(def, "第一党支部")]);
    expect(gw.book.sheets.get(REDEMPTION_STORE.sheet)!.page).toEqual(pageOf(REDEMPTION_STORE, "第一党支部"));
    expect(gw.book.sheets.get(SHEETS.appeals.sheet)!.page).toEqual(clerks);
    expect(gw.book.sheets.get("我的统计")!.page).toBeUndefined();
    // 积分规则 is refreshed from the scheme as always; every other table keeps its rows.
    for (const [name, t] of gw.book.tables) if (name !== SHEETS.rules.table) expect([name, JSON.stringify(t.rows)]).toEqual([name, rows.get(name)]);
  });

  it("reports a ledger table that lost a column", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, settings, NOW);
    const roster = gw.book.tables.get("RosterTable")!;
    roster.headers = roster.headers.filter((h) => h !== "党员类别");
    const plan = await scaffoldWorkbook(gw, star, settings, NOW);
    expect(plan.conflicts).toEqual([{ sheet: "党员名册", message: "表格 RosterTable 缺少列：党员类别；未做改动" }]);
  });
});

describe("import and scores through a gateway", () => {
  it("imports CSV rows as they are, fills names and fixed values, and scores them", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, settings, NOW);
    const counts = await importCsvFiles(gw, { roster: `\uFEFF${roster}`, entries }, NOW);
    expect(counts).toMatchObject({ roster: 3, entries: 3, appraisals: 0 });
    expect(counts.inputs.map((i) => i.summary)).toEqual(["名册：逗号分隔，共 4 行", "积分记录：逗号分隔，共 4 行"]);
    const ledgerRows = gw.book.tables.get("LedgerTable")!.rows;
    // 日期 → serial, 姓名 and 项目名称 filled, 分值 of a fixed item filled, 次数 defaulted to 1.
    expect(ledgerRows[0]).toEqual([46083, "001", "张三", "D1", "未经同意缺席应参加的活动", 2, -1, null, null, "缺席两次", null, 1]);
    // The bad date is kept as the clerk wrote it, for validation to flag.
    expect(ledgerRows[2][0]).toBe("2026-02-30");
    expect(gw.book.tables.get("RosterTable")!.rows[2][1]).toBe("=1+1");
    expect(gw.book.tables.get("LogTable")!.rows.map((r) => r[1])).toEqual(["生成台账", "导入名册", "导入积分记录"]);
    const ledger = await loadLedger(gw);
    const result = scoreLedger(ledger, "2026");
    expect(result.members.map((m) => [m.id, m.total])).toEqual([
      ["001", 78],
      ["002", 77],
      ["003", 80],
    ]);
    expect(result.ignored).toEqual([{ index: 2, ref: 4, reason: "bad-date" }]);
  });

  it("stops an import whose CSV lacks a required column, with a Chinese message", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, star, settings, NOW);
    await expect(importCsvFiles(gw, { roster: "编号,称呼,党员类别\n1,张三,正式党员\n" }, NOW)).rejects.toThrow("CSV 缺少「姓名」列");
    expect(gw.book.tables.get("RosterTable")!.rows).toEqual([]);
  });
});
