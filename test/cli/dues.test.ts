// 星级党员 ⑤「党员不能按时或足额交纳党费每次扣5分，连续6个月以上无正当理由不交纳党费的全年无积分」: from the 党费交纳 register.
import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-dues-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("party-ledger dues: the register gives the deductions and the veto", () => {
  it("deducts 5 for each month unpaid, short or late without reason, and clears the year after six unpaid months in a row", async () => {
    const book = path.join(dir, "dues.xlsx");
    expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
    fs.writeFileSync(path.join(dir, "r.csv"), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,正式党员\n");
    expect((await cli("import", book, "--roster", path.join(dir, "r.csv"))).code).toBe(0);
    const dues = (...argv: string[]) => cli("dues", book, ...argv);
    // 张三: March short (30 of 50), April late (paid 2026-05-03), May unpaid with a reason (病休): −5 −5 = 70 + appraisal 0.
    expect((await dues("--member", "001", "--month", "2026-03", "--due", "50", "--paid", "30", "--paid-date", "2026-03-10")).code).toBe(0);
    expect((await dues("--member", "001", "--month", "2026-04", "--due", "50", "--paid", "50", "--paid-date", "2026-05-03")).code).toBe(0);
    expect((await dues("--member", "001", "--month", "2026-05", "--due", "50", "--reason", "病休，经支部同意缓交")).code).toBe(0);
    // 李四: January to June unpaid: six months in a row → V2, the year is 0.
    for (let m = 1; m <= 6; m++) expect((await dues("--member", "002", "--month", `2026-0${m}`, "--due", "50")).code).toBe(0);
    // 王五 paid on time.
    expect((await dues("--member", "003", "--month", "2026-01", "--due", "50", "--paid", "50", "--paid-date", "2026-01-20")).code).toBe(0);

    const r = await cli("scores", book, "--period", "2026", "--json");
    const byId = Object.fromEntries(JSON.parse(r.out).members.map((m: { id: string }) => [m.id, m]));
    expect(byId["001"]).toMatchObject({ total: 70, veto: false });
    expect(byId["002"]).toMatchObject({ total: 0, veto: true });
    expect(byId["002"].vetoReason).toContain("连续 6 个月有 D5 记录：2026-01 至 2026-06");
    expect(byId["003"]).toMatchObject({ total: 80, veto: false });

    // A month registered twice is refused; an unknown member too.
    expect((await dues("--member", "003", "--month", "2026-01", "--due", "50")).code).toBe(1);
    expect((await dues("--member", "999", "--month", "2026-01", "--due", "50")).err).toContain("不在党员名册中");
    // The same month also typed as D5 in the ledger is flagged: it would count twice.
    fs.writeFileSync(path.join(dir, "e.csv"), "日期,编号,项目代码,次数\n2026-03-12,001,D5,1\n");
    expect((await cli("import", book, "--entries", path.join(dir, "e.csv"))).code).toBe(0);
    const v = JSON.parse((await cli("validate", book, "--json")).out);
    expect(v.map((i: { code: string }) => i.code)).toContain("dues-also-in-ledger");
  });

  it("approves the register's months with the ledger: a later 补登 is refused, a hand edit is named, the approved total stands", async () => {
    const book = path.join(dir, "dues-approved.xlsx");
    expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
    fs.writeFileSync(path.join(dir, "r2.csv"), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n");
    expect((await cli("import", book, "--roster", path.join(dir, "r2.csv"))).code).toBe(0);
    expect((await cli("dues", book, "--member", "001", "--month", "2026-03", "--due", "50", "--paid", "30", "--paid-date", "2026-03-10")).code).toBe(0);
    const approve = await cli("approve", book, "--period", "2026H1", "--date", "2026-07-03");
    expect(approve.code).toBe(0);
    const total = async () => JSON.parse((await cli("scores", book, "--period", "2026", "--json")).out).members.find((m: { id: string }) => m.id === "001").total;
    expect(await total()).toBe(75);

    // 补登 李四's February after the half-year was approved: refused, nothing written.
    const late = await cli("dues", book, "--member", "002", "--month", "2026-02", "--due", "50");
    expect(late.code).toBe(1);
    expect(late.err).toContain("2026-02 属于已审定的 2026H1");
    // A month of the open half-year is still taken.
    expect((await cli("dues", book, "--member", "002", "--month", "2026-08", "--due", "50", "--paid", "50", "--paid-date", "2026-08-05")).code).toBe(0);

    // 张三's March changed by hand to "paid in full": validate names the row; the approved −5 stands.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet("党费交纳")!;
    const header = (sheet.getRow(1).values as unknown[]).indexOf("实交");
    const row = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => sheet.getRow(r).getCell(1).value === "2026-03")!;
    sheet.getRow(row).getCell(header).value = 50;
    await wb.xlsx.writeFile(book);
    const issues = JSON.parse((await cli("validate", book, "--json")).out) as { code: string; sheet: string; row: number; message: string }[];
    expect(issues.filter((i) => i.code === "approved-period-edited").map((i) => [i.sheet, i.row])).toEqual([["党费交纳", row]]);
    expect(issues.find((i) => i.code === "approved-period-edited")!.message).toContain("001 2026-03 的党费记录在审定后被修改");
    expect(await total()).toBe(75);
  });
});
