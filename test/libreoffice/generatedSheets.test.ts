/**
 * Issue 23, case 3 after LibreOffice saved the workbook: the hidden 报表生成记录 stays hidden, an untouched
 * generated sheet (with formulas, which LibreOffice writes back its own way) is still recognised and
 * written over in place, and a sheet the clerk typed on is still kept.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { GENERATED_RECORD_SHEET } from "../../src/core/reports/generatedSheets";
import { convert, sofficePath } from "./soffice";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-lo-generated-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const written = (out: string) => /已生成工作表：(.*?)（/.exec(out)![1].split("、");
const FORMS = [
  ["publicity", "--period", "2026H1"],
  ["report", "--form", "排名通报", "--period", "2026"],
  ["approval", "--year", "2026"],
];

it("LibreOffice keeps the record hidden and the fingerprints: untouched sheets written over in place, the annotated one kept", async () => {
  sofficePath();
  const book = path.join(dir, "台账.xlsx");
  fs.writeFileSync(path.join(dir, "r.csv"), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,预备党员\n");
  fs.writeFileSync(path.join(dir, "e.csv"), "日期,编号,项目代码,次数,分值,说明\n2026-03-02,001,D1,1,,缺席\n2026-04-10,002,D2,1,,迟到\n2026-09-01,003,D1,1,,缺席\n");
  fs.writeFileSync(path.join(dir, "a.csv"), "编号,评议等次\n001,优秀\n002,合格\n003,合格\n");
  expect((await cli("init", book, "--scheme", "star-member", "--year", "2026", "--branch", "一支部")).code).toBe(0);
  expect((await cli("import", book, "--roster", path.join(dir, "r.csv"), "--entries", path.join(dir, "e.csv"), "--appraisals", path.join(dir, "a.csv"))).code).toBe(0);
  for (const [cmd, ...rest] of FORMS) expect((await cli(cmd, book, ...rest)).code).toBe(0);
  // The clerk writes the committee's opinion on the ranking.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ranking = wb.getWorksheet("排名通报-2026")!;
  ranking.getCell(`A${ranking.rowCount + 2}`).value = "支委会意见：同意";
  await wb.xlsx.writeFile(book);

  const out = path.join(dir, "lo");
  fs.mkdirSync(out);
  const [saved] = convert([book], "xlsx", out);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(saved);
  expect(after.getWorksheet(GENERATED_RECORD_SHEET)!.state).not.toBe("visible");

  const results = [];
  for (const [cmd, ...rest] of FORMS) {
    const r = await cli(cmd, saved, ...rest);
    expect(r.code).toBe(0);
    results.push(r);
  }
  expect(written(results[0].out)).toEqual(["公示-2026H1"]);
  expect(results[0].out).not.toContain("保留");
  expect(written(results[2].out)).toEqual(["年终审批-2026"]);
  expect(results[2].out).not.toContain("保留");
  expect(written(results[1].out)).toEqual(["排名通报-2026 (2)"]);
  expect(results[1].out).toContain("保留：工作表「排名通报-2026」在生成后有改动");
}, 300_000);
