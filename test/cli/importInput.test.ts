import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { encodeText, rosterFixtures } from "../support/inputFixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-import-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function newLedger(name: string): Promise<string> {
  const book = path.join(dir, name);
  expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
  return book;
}

describe("party-ledger import: files as clerks really have them", () => {
  it("reads a GBK roster and GBK entries typed with Chinese dates, saying how each file was read", async () => {
    const book = await newLedger("gbk.xlsx");
    const roster = rosterFixtures().find((f) => f.name === "名册-GBK.csv")!;
    fs.writeFileSync(path.join(dir, "名册.csv"), roster.bytes);
    fs.writeFileSync(path.join(dir, "积分.csv"), encodeText("日期,工号,项目代码,次数\r\n2026年3月5日,001,D1,1\r\n2026/3/6,002,D2,1\r\n", "gbk"));
    const r = await cli("import", book, "--roster", path.join(dir, "名册.csv"), "--entries", path.join(dir, "积分.csv"));
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("名册.csv：GBK 编码");
    expect(r.out).toContain("名册：追加 6 行");
    expect(r.out).toContain("工号");
    expect(r.out).toContain("积分记录：追加 2 行");
    const scores = JSON.parse((await cli("scores", book, "--period", "2026", "--json")).out);
    const zhang = scores.members.find((m: { id: string }) => m.id === "001");
    expect(zhang.name).toBe("张三");
    expect(zhang.components["日常行为积分"]).toBe(79); // 80 − 1 (D1, typed 2026年3月5日)
  });

  it("refuses a CSV with an unclosed quote with its line and column, and writes nothing", async () => {
    const book = await newLedger("bad.xlsx");
    const before = fs.readFileSync(book);
    const bad = rosterFixtures().find((f) => f.name === "名册-引号未闭合.csv")!;
    fs.writeFileSync(path.join(dir, "坏名册.csv"), bad.bytes);
    const r = await cli("import", book, "--roster", path.join(dir, "坏名册.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/第 3 行/);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });

  it("imports the roster sheet of the branch's own workbook, found below its title, with --sheet or without", async () => {
    const book = await newLedger("fromxlsx.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["本工作簿为支部自用"]);
    const ws = wb.addWorksheet("花名册");
    ws.addRow(["第一党支部党员花名册"]);
    ws.addRow([]);
    ws.addRow(["序号", "党员编号", "姓名", "人员类别", "联系电话"]);
    ws.addRow([1, "001", "张三", "正式党员", "13800000000"]);
    ws.addRow([2, "002", "=李四", "预备党员", ""]);
    const source = path.join(dir, "支部花名册.xlsx");
    await wb.xlsx.writeFile(source);
    const r = await cli("import", book, "--roster", source);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("花名册");
    expect(r.out).toContain("名册：追加 2 行");
    const again = await newLedger("fromxlsx2.xlsx");
    expect((await cli("import", again, "--roster", source, "--sheet", "说明")).code).toBe(2);
    const scores = JSON.parse((await cli("scores", book, "--period", "2026", "--json")).out);
    expect(scores.members.map((m: { name: string }) => m.name)).toEqual(["张三", "=李四"]);
  });
});

describe("party-ledger scores: what it did not count", () => {
  it("counts every row it did not score, by reason with its rows, and names members of an unknown category", async () => {
    const book = await newLedger("unscored.xlsx");
    fs.writeFileSync(path.join(dir, "u-r.csv"), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式\n");
    fs.writeFileSync(path.join(dir, "u-e.csv"), "日期,编号,项目代码,次数\n2026-03-05,001,D1,1\n2025-12-01,001,D1,1\n2027-01-02,001,D2,1\n2026-03-05,999,D1,1\n");
    expect((await cli("import", book, "--roster", path.join(dir, "u-r.csv"), "--entries", path.join(dir, "u-e.csv"))).code).toBe(0);
    const r = await cli("scores", book, "--period", "2026");
    expect(r.code).toBe(0);
    expect(r.err).toContain("3 条记录无法计分");
    expect(r.err).toContain("2 条：日期不在本考核年度内（第 3、4 行）");
    expect(r.err).toContain("1 条：编号不在党员名册中（第 5 行）");
    expect(r.err).toContain("错误：1 名党员的党员类别不是本方案的类别");
    expect(r.err).toContain("李四（「正式」）");
    expect(r.err).not.toContain("张三（");
  });
});
