/**
 * Issue 22: a damaged or hand-edited ledger is never read as a smaller one. Each case edits a filled
 * workbook the way a clerk does (here with exceljs, as another program saving the file would), then runs
 * validate, scores and repair through the CLI (the package gateway). Every case ends either with the
 * hand-checked totals or with no totals at all (refused, exit 1, the error at its place).
 */
import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { SHEETS } from "../../src/core/ledger/layout";
import { columnLetter } from "../../src/core/sheetModel";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-hand-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Three members, five entries, three appraisals of 星级党员 (80 daily points, appraisal 优秀 20 / 合格 15).
const ROSTER = "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,正式党员\n";
// Ledger rows 2–6: 001 −1 −2; 002 −5 −1×2; 003 −3.
const ENTRIES = "日期,编号,项目代码,次数,分值,说明\n2026-03-02,001,D1,1,,缺席\n2026-04-10,001,D2,1,,迟到\n2026-05-06,002,D5,1,,党费\n2026-06-01,003,D6,1,-3,其他\n2026-07-15,002,D1,2,,缺席两次\n";
const APPRAISALS = "年度,编号,评议等次\n2026,001,优秀\n2026,002,合格\n2026,003,优秀\n";
/** By hand: 001 80−1−2+20 = 97; 002 80−5−2+15 = 88; 003 80−3+20 = 97. */
const RIGHT = { "001": 97, "002": 88, "003": 97 };
/** The ledger's last column (K, or L with 记录号): the table spans A to it. */
const LAST = columnLetter(SHEETS.ledger.columns.length - 1);

let filled = "";
beforeAll(async () => {
  filled = path.join(dir, "filled.xlsx");
  for (const [name, text] of [["r.csv", ROSTER], ["e.csv", ENTRIES], ["a.csv", APPRAISALS]]) fs.writeFileSync(path.join(dir, name), text);
  expect((await cli("init", filled, "--scheme", "star-member", "--year", "2026", "--branch", "一支部")).code).toBe(0);
  const imported = await cli("import", filled, "--roster", path.join(dir, "r.csv"), "--entries", path.join(dir, "e.csv"), "--appraisals", path.join(dir, "a.csv"));
  expect(imported.code).toBe(0);
});

let n = 0;
/** A copy of the filled workbook with the clerk's edit saved. */
async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(filled);
  edit(wb);
  const file = path.join(dir, `edit-${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

async function totals(book: string): Promise<{ code: number; totals: Record<string, number> | null; err: string }> {
  const r = await cli("scores", book, "--period", "2026", "--json");
  if (r.code !== 0) return { code: r.code, totals: null, err: r.err };
  const json = JSON.parse(r.out) as { members: { id: string; total: number }[] };
  return { code: 0, totals: Object.fromEntries(json.members.map((m) => [m.id, m.total])), err: r.err };
}

async function issues(book: string): Promise<{ code: number; list: { code: string; severity: string; sheet: string; row: number; column: string; message: string }[] }> {
  const r = await cli("validate", book, "--json");
  return { code: r.code, list: JSON.parse(r.out) };
}

/** Scores refused: exit 1, no totals on stdout, the error named. */
async function expectRefused(book: string, pattern: RegExp): Promise<void> {
  const r = await cli("scores", book, "--period", "2026");
  expect(r.code).toBe(1);
  expect(r.out).toBe("");
  expect(r.err).toMatch(pattern);
  const publicity = await cli("publicity", book, "--period", "2026H1");
  expect(publicity.code).toBe(1);
  expect(publicity.err).toMatch(pattern);
}

describe("hand edits of 积分台账, through the CLI", () => {
  it("the filled workbook: the hand-checked totals, validation clean", async () => {
    expect((await totals(filled)).totals).toEqual(RIGHT);
    expect((await issues(filled)).list).toEqual([]);
  });

  it("header renamed (分值 → 得分): refused with the missing header at its cell", async () => {
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell("G1").value = "得分"));
    await expectRefused(book, /积分台账!A1 第1行 表头缺少：分值/);
    expect((await issues(book)).list).toContainEqual(expect.objectContaining({ code: "missing-column", sheet: "积分台账", row: 1 }));
  });

  it("a header with spaces (「 分值 」) is the same header: read right", async () => {
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell("G1").value = " 分值 "));
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("columns reordered (说明 and 姓名 swapped, headers with them): read by header, right", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      for (let r = 1; r <= 6; r++) {
        const c = ws.getCell(`C${r}`).value;
        ws.getCell(`C${r}`).value = ws.getCell(`J${r}`).value;
        ws.getCell(`J${r}`).value = c;
      }
    });
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("a blank row in the middle (row 3 cleared): the rest read right (001 loses its −2: 99)", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      for (let c = 1; c <= SHEETS.ledger.columns.length; c++) ws.getCell(3, c).value = null;
    });
    expect((await totals(book)).totals).toEqual({ ...RIGHT, "001": 99 });
  });

  it("rows typed below the table after blank rows: each flagged at its row, scores refused; repair takes them in, then −1 for 003", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.getCell("A9").value = new Date(Date.UTC(2026, 8, 1));
      ws.getCell("B9").value = "003";
      ws.getCell("D9").value = "D1";
    });
    const found = await issues(book);
    expect(found.code).toBe(1);
    expect(found.list).toContainEqual(expect.objectContaining({ code: "row-below-table", severity: "error", sheet: "积分台账", row: 9, column: "A" }));
    await expectRefused(book, /积分台账!A9 第9行 在表格下方、隔着空行/);
    const repaired = await cli("repair", book);
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(new RegExp(`已把下方的行并入表格：「积分台账」A1:${LAST}9`));
    expect((await totals(book)).totals).toEqual({ ...RIGHT, "003": 96 });
    expect((await issues(book)).list).toEqual([]);
  });

  it("a total row below the table after a blank row: flagged at its row, scores refused", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.getCell("A8").value = "合计";
      ws.getCell("G8").value = { formula: "SUM(G2:G6)", result: -3 };
    });
    await expectRefused(book, /积分台账!A8 第8行 在表格下方、隔着空行，不属于表格，未计分（合计、-3）/);
  });

  it("a total row right below the table: read as a row of the table, flagged as a bad date, counted for nothing", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.getCell("A7").value = "合计";
      ws.getCell("G7").value = { formula: "SUM(G2:G6)", result: -3 };
    });
    const found = await issues(book);
    expect(found.list).toContainEqual(expect.objectContaining({ code: "bad-date", sheet: "积分台账", row: 7, column: "A" }));
    const t = await totals(book);
    expect(t.totals).toEqual(RIGHT);
    expect(t.err).toMatch(/第 7 行/);
  });

  // A cell the totals read that cannot be read would drop its row from them unnoticed (003 would have 100,
  // not 97): no totals until it is corrected, for the periods the row is in; other periods as before.
  it("text in a number column (分值 两分): flagged at its cell; scores and 公示 of the periods holding it refused, naming the cell; Q1 right", async () => {
    const before = await cli("scores", filled, "--period", "2026Q1", "--json");
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell("G5").value = "两分"));
    const found = await issues(book);
    expect(found.code).toBe(1);
    expect(found.list).toContainEqual(expect.objectContaining({ code: "value-not-number", severity: "error", sheet: "积分台账", row: 5, column: "G" }));
    await expectRefused(book, /积分台账!G5 第5行 分值「两分」不是数字/);
    expect((await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05")).code).toBe(1);
    expect((await cli("scores", book, "--period", "2026Q1", "--json")).out).toBe(before.out);
  });

  it("text in 次数 (两次): refused naming the cell", async () => {
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell("F6").value = "两次"));
    expect((await issues(book)).list).toContainEqual(expect.objectContaining({ code: "bad-count", severity: "error", sheet: "积分台账", row: 6, column: "F" }));
    const r = await cli("scores", book, "--period", "2026", "--json");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/积分台账!F6 第6行 次数「两次」不是数字/);
  });

  it("error values (#N/A in 分值, #REF! in 编号): each flagged at its cell, refused naming both", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.getCell("G5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("B6").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    });
    const list = (await issues(book)).list;
    expect(list).toContainEqual(expect.objectContaining({ severity: "error", sheet: "积分台账", row: 5, column: "G" }));
    expect(list).toContainEqual(expect.objectContaining({ severity: "error", sheet: "积分台账", row: 6, column: "B" }));
    await expectRefused(book, /积分台账!G5 第5行 分值是错误值 #N\/A/);
    expect((await cli("scores", book, "--period", "2026")).err).toMatch(/积分台账!B6 第6行 编号是错误值 #REF!/);
  });

  it("a formula in a data cell (次数 =1+1): read by its result, right", async () => {
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell("F6").value = { formula: "1+1", result: 2 }));
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it.each([
    ["项目 代码 (a space inside)", "D1", "项目 代码"],
    ["编　号 (a full-width space)", "B1", "编\u3000号"],
    ["次数 typed with Alt+Enter inside", "F1", "次\n数"],
    ["日期 with spaces around", "A1", "  日期 "],
  ])("a header %s is the same header: read right, nothing to report", async (_, cell, header) => {
    const book = await edited((wb) => (sheet(wb, "积分台账").getCell(cell).value = header));
    expect((await totals(book)).totals).toEqual(RIGHT);
    expect((await issues(book)).list).toEqual([]);
  });

  it("20 extra columns beside the table: each reported as outside the table, totals right", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      for (let c = SHEETS.ledger.columns.length + 1; c <= SHEETS.ledger.columns.length + 20; c++) {
        ws.getCell(1, c).value = `附加${c}`;
        ws.getCell(2, c).value = c;
      }
    });
    const found = (await issues(book)).list.filter((i) => i.code === "column-beside-table");
    expect(found).toHaveLength(20);
    expect(found[0]).toMatchObject({ sheet: "积分台账", column: columnLetter(SHEETS.ledger.columns.length), row: 1, severity: "warning" });
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("hidden rows and a protected sheet: read as they are, right", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.getRow(3).hidden = true;
      ws.getRow(5).hidden = true;
      void ws.protect("", {});
    });
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("the table converted to a range: read by its header row with a warning, totals right; repair restores the table", async () => {
    const book = await edited((wb) => sheet(wb, "积分台账").removeTable("LedgerTable"));
    const found = await issues(book);
    expect(found.code).toBe(0);
    expect(found.list).toEqual([expect.objectContaining({ code: "table-as-range", severity: "warning", sheet: "积分台账", row: 1, message: expect.stringContaining("已按第1行表头读取 5 行") })]);
    const t = await totals(book);
    expect(t.totals).toEqual(RIGHT);
    expect(t.err).toMatch(/表格已被转换为普通区域/);
    const repaired = await cli("repair", book);
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(new RegExp(`已恢复表格：「积分台账」A1:${LAST}6（LedgerTable`));
    expect((await issues(book)).list).toEqual([]);
    // The restored table takes entries again.
    fs.writeFileSync(path.join(dir, "more.csv"), "日期,编号,项目代码\n2026-09-01,003,D1\n");
    expect((await cli("import", book, "--entries", path.join(dir, "more.csv"))).code).toBe(0);
    expect((await totals(book)).totals).toEqual({ ...RIGHT, "003": 96 });
  });

  it("converted to a range with merged cells: read right; repair refuses the merge, naming it", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.removeTable("LedgerTable");
      ws.getCell("J3").value = null;
      ws.mergeCells("J2:J3");
    });
    expect((await totals(book)).totals).toEqual(RIGHT);
    const repaired = await cli("repair", book);
    expect(repaired.code).not.toBe(0);
    expect(repaired.err).toMatch(/J2:J3 是合并单元格/);
  });

  it("the sheet renamed: the table is found by its name, right", async () => {
    const book = await edited((wb) => (sheet(wb, "积分台账").name = "台账2026"));
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("the sheet renamed and its table gone: refused as a missing table", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "积分台账");
      ws.removeTable("LedgerTable");
      ws.name = "台账2026";
    });
    await expectRefused(book, /缺少工作表「积分台账」或其中的表格 LedgerTable/);
  });

  it("设置 deleted: refused (exit 1), never scored", async () => {
    const book = await edited((wb) => wb.removeWorksheet(sheet(wb, "设置").id));
    await expectRefused(book, /缺少工作表「设置」/);
  });
});

describe("hand edits of 党员名册 and 民主评议, through the CLI", () => {
  it("the roster converted to a range: read right, with a warning", async () => {
    const book = await edited((wb) => sheet(wb, "党员名册").removeTable("RosterTable"));
    expect((await issues(book)).list).toEqual([expect.objectContaining({ code: "table-as-range", sheet: "党员名册" })]);
    expect((await totals(book)).totals).toEqual(RIGHT);
  });

  it("a member typed below the roster after a blank row: flagged, refused", async () => {
    const book = await edited((wb) => {
      const ws = sheet(wb, "党员名册");
      ws.getCell("A7").value = "004";
      ws.getCell("B7").value = "赵六";
      ws.getCell("C7").value = "正式党员";
    });
    await expectRefused(book, /党员名册!A7 第7行 在表格下方/);
  });

  it("民主评议's 评议等次 renamed: refused (the appraisal points would silently be lost)", async () => {
    const book = await edited((wb) => (sheet(wb, "民主评议").getCell("D1").value = "等次"));
    await expectRefused(book, /民主评议!A1 第1行 表头缺少：评议等次/);
  });

  it("民主评议 deleted: refused", async () => {
    const book = await edited((wb) => wb.removeWorksheet(sheet(wb, "民主评议").id));
    await expectRefused(book, /缺少工作表「民主评议」/);
  });

  it.each([
    ["党员名册", "C1", "党员 类别"],
    ["民主评议", "D1", "评议\n等次"],
    ["民主评议", "B1", "编\u3000号"],
    ["设置", "B1", " 值 "],
  ])("%s: a header with spaces or a line break (%s 「%s」) is the same header: read right, nothing to report", async (name, cell, header) => {
    const book = await edited((wb) => (sheet(wb, name).getCell(cell).value = header));
    expect((await totals(book)).totals).toEqual(RIGHT);
    expect((await issues(book)).list).toEqual([]);
  });

  it("民主评议 评议等次 「优」 (none of the scheme's grades): flagged at its cell; the year refused naming it (001 would lose 20 points); the quarters as before", async () => {
    const before = await cli("scores", filled, "--period", "2026Q2", "--json");
    const book = await edited((wb) => (sheet(wb, "民主评议").getCell("D2").value = "优"));
    expect((await issues(book)).list).toContainEqual(expect.objectContaining({ code: "unknown-grade", severity: "error", sheet: "民主评议", row: 2, column: "D" }));
    const r = await cli("scores", book, "--period", "2026");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/民主评议!D2 第2行 评议等次「优」不是本方案的评议等次/);
    expect((await cli("scores", book, "--period", "2026Q2", "--json")).out).toBe(before.out);
  });

  it("民主评议 年度 in words (二〇二六): flagged at its cell, the year refused naming it", async () => {
    const book = await edited((wb) => (sheet(wb, "民主评议").getCell("A3").value = "二〇二六"));
    expect((await issues(book)).list).toContainEqual(expect.objectContaining({ severity: "error", sheet: "民主评议", row: 3, column: "A" }));
    const r = await cli("scores", book, "--period", "2026");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/民主评议!A3 第3行 年度「二〇二六」不是数字/);
  });

  it("党员名册 编号 #REF!: flagged at its cell, refused naming it", async () => {
    const book = await edited((wb) => (sheet(wb, "党员名册").getCell("A4").value = { error: "#REF!" } as ExcelJS.CellErrorValue));
    expect((await issues(book)).list).toContainEqual(expect.objectContaining({ code: "unreadable-cell", severity: "error", sheet: "党员名册", row: 4, column: "A" }));
    await expectRefused(book, /党员名册!A4 第4行 编号是错误值 #REF!/);
  });
});
