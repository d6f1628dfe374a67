/**
 * Issue 23, case 3: regenerating a report never replaces a sheet the clerk made or typed on. A filled
 * workbook gets its 排名通报 and 公示; the clerk types 「支委会意见：同意」 on one (saved here with exceljs, as
 * another program saving the file would) or makes a sheet of the report's name; the report made again
 * goes beside it, and an untouched generated sheet is still written over in place.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { writeFilledBranch } from "../support/filledBranch";
import { GENERATED_RECORD_SHEET } from "../../src/core/reports/generatedSheets";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-generated-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const demo = path.join(dir, "filled.xlsx");
beforeAll(() => writeFilledBranch(demo, { members: 8, d1Months: 6 }), 60_000);

let copies = 0;
function filled(): string {
  const file = path.join(dir, `book-${++copies}.xlsx`);
  fs.copyFileSync(demo, file);
  return file;
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The clerk's edit, saved by another program. */
async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

/** Every non-blank cell of a sheet as text, row by row. */
function texts(wb: ExcelJS.Workbook, sheet: string): string[] {
  const out: string[] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => void out.push(String(c.text))));
  return out;
}

const written = (out: string) => /已生成工作表：(.*?)（/.exec(out)![1].split("、");
const ranking = (book: string) => cli("report", book, "--form", "排名通报", "--period", "2026", "--date", "2026-12-20");

describe("regenerating a report (issue 23, case 3)", () => {
  it("writes over its own untouched sheet in place, also after another program saved the file, and records it on a hidden sheet", async () => {
    const book = filled();
    const first = await ranking(book);
    expect(first.code).toBe(0);
    expect(written(first.out)).toEqual(["排名通报-2026"]);
    // Forms with formulas (合计, 人数 by COUNTIF) too.
    const withFormulas = [
      ["publicity", book, "--period", "2026H1"],
      ["approval", book, "--year", "2026"],
    ];
    for (const argv of withFormulas) expect((await cli(...argv)).code).toBe(0);
    // Saved by another program, nothing changed; then the ledger changes and the report is made again.
    await edit(book, () => undefined);
    const entries = path.join(dir, "补录.csv");
    fs.writeFileSync(entries, "日期,编号,项目代码,次数,分值,说明\n2026-11-20,D001,D1,1,,补录缺席\n");
    expect((await cli("import", book, "--entries", entries)).code).toBe(0);
    const before = texts(await open(book), "排名通报-2026");
    const again = await ranking(book);
    expect(again.code).toBe(0);
    expect(written(again.out)).toEqual(["排名通报-2026"]);
    expect(again.out).not.toContain("保留");
    for (const argv of withFormulas) {
      const r = await cli(...argv);
      expect(r.out).not.toContain("保留");
      expect(written(r.out)).toEqual([argv[0] === "publicity" ? "公示-2026H1" : "年终审批-2026"]);
    }
    const wb = await open(book);
    expect(wb.worksheets.map((w) => w.name).filter((n) => /^(排名通报|公示|年终审批)/.test(n))).toEqual(["排名通报-2026", "公示-2026H1", "年终审批-2026"]);
    expect(texts(wb, "排名通报-2026")).not.toEqual(before);
    // The marker the clerk does not see.
    const record = wb.getWorksheet(GENERATED_RECORD_SHEET)!;
    expect(record.state).toBe("hidden");
    expect(texts(wb, GENERATED_RECORD_SHEET)).toEqual(expect.arrayContaining(["排名通报-2026"]));
  });

  it("keeps the sheet the clerk typed 「支委会意见：同意」 on and writes the new one beside it, then writes over that one", async () => {
    const book = filled();
    expect((await ranking(book)).code).toBe(0);
    let note = "";
    await edit(book, (wb) => {
      const sheet = wb.getWorksheet("排名通报-2026")!;
      note = `A${sheet.rowCount + 2}`;
      sheet.getCell(note).value = "支委会意见：同意";
    });
    const annotated = texts(await open(book), "排名通报-2026");
    expect(annotated).toContain("支委会意见：同意");

    const r = await ranking(book);
    expect(r.code).toBe(0);
    expect(written(r.out)).toEqual(["排名通报-2026 (2)"]);
    expect(r.out).toContain("保留：工作表「排名通报-2026」在生成后有改动（如手工填写的意见或修改的数字），已原样保留；新生成的党员积分排名通报写在工作表「排名通报-2026 (2)」");
    let wb = await open(book);
    expect(texts(wb, "排名通报-2026")).toEqual(annotated);
    expect(texts(wb, "排名通报-2026 (2)")).not.toContain("支委会意见：同意");
    expect(texts(wb, "排名通报-2026 (2)")[0]).toBe(annotated[0]);
    const log = texts(wb, "操作日志");
    expect(log.some((t) => t.includes("原有工作表「排名通报-2026」生成后有改动，已保留，新表写在「排名通报-2026 (2)」"))).toBe(true);

    // Made again: the untouched (2) is written over; the annotated sheet is still kept; no (3).
    const third = await ranking(book);
    expect(written(third.out)).toEqual(["排名通报-2026 (2)"]);
    expect(third.out).toContain("保留：工作表「排名通报-2026」");
    wb = await open(book);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("排名通报"))).toEqual(["排名通报-2026", "排名通报-2026 (2)"]);
    expect(wb.getWorksheet("排名通报-2026")!.getCell(note).value).toBe("支委会意见：同意");
  });

  it("a formula typed over by hand (a count in 年终审批 replaced by a number) is an edit too", async () => {
    const book = filled();
    expect((await cli("approval", book, "--year", "2026")).code).toBe(0);
    let typed = "";
    await edit(book, (wb) => {
      const sheet = wb.getWorksheet("年终审批-2026")!;
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value as { formula?: string; result?: unknown } | null;
          if (!typed && v && typeof v === "object" && typeof v.formula === "string") {
            typed = `${c.address} ${v.formula}`;
            c.value = typeof v.result === "number" ? v.result + 1 : 1;
          }
        }),
      );
    });
    expect(typed).not.toBe("");
    const r = await cli("approval", book, "--year", "2026");
    expect(r.code).toBe(0);
    expect(written(r.out)).toEqual(["年终审批-2026 (2)"]);
    expect(r.out).toContain("在生成后有改动");
  });

  it("a number changed by hand on a generated sheet is an edit too", async () => {
    const book = filled();
    expect((await cli("publicity", book, "--period", "2026H1")).code).toBe(0);
    await edit(book, (wb) => {
      const sheet = wb.getWorksheet("公示-2026H1")!;
      let done = false;
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          if (!done && typeof c.value === "number" && c.value > 50) {
            c.value = c.value + 1;
            done = true;
          }
        }),
      );
      expect(done).toBe(true);
    });
    const r = await cli("publicity", book, "--period", "2026H1");
    expect(r.code).toBe(0);
    expect(written(r.out)).toEqual(["公示-2026H1 (2)"]);
    expect(r.out).toContain("在生成后有改动");
  });

  it("never replaces a sheet of the report's name that the clerk made", async () => {
    const book = filled();
    await edit(book, (wb) => {
      const mine = wb.addWorksheet("公示-2026H1");
      mine.getCell("A1").value = "我自己排的公示表";
      mine.getCell("B3").value = 95;
    });
    const r = await cli("publicity", book, "--period", "2026H1");
    expect(r.code).toBe(0);
    expect(written(r.out)).toEqual(["公示-2026H1 (2)"]);
    expect(r.out).toContain("保留：工作表「公示-2026H1」不是本加载项生成的（或无法确认是加载项生成的），已原样保留；新生成的");
    const again = await cli("publicity", book, "--period", "2026H1");
    expect(written(again.out)).toEqual(["公示-2026H1 (2)"]);
    const wb = await open(book);
    expect(texts(wb, "公示-2026H1")).toEqual(["我自己排的公示表", "95"]);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("公示"))).toEqual(["公示-2026H1", "公示-2026H1 (2)"]);
  });
});
