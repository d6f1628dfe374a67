import ExcelJS from "exceljs";
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import { loadLedger, scoreLedger } from "../../src/app/ledgerService";

const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-rollup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


describe("party-ledger rollup", () => {
  const books = ["第一党支部", "第二党支部", "机关党支部"].map((b) => path.join(dir, `${b}.xlsx`));

  beforeAll(async () => {
    for (const [i, book] of books.entries()) expect((await cli("demo", "--out", book, "--branch", path.basename(book, ".xlsx"), "--seed", String(100 + i))).code).toBe(0);
  }, 60_000);

  it("writes one row per branch with the engine's numbers, and the leading members across branches", async () => {
    const out = path.join(dir, "党委汇总.xlsx");
    expect(await cli("rollup", ...books, "--period", "2026", "--out", out)).toMatchObject({ code: 0, out: `已汇总 3 个支部到 ${out}\n` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet("支部汇总-2026")!;
    const header = (sheet.getRow(3).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 5)).toEqual(["序号", "支部名称", "积分方案", "参评人数", "平均分"]);
    for (const [i, book] of books.entries()) {
      const result = scoreLedger(await loadLedger(await ExcelJsGateway.open(book)), "2026");
      const ranked = result.members.filter((m) => m.rank !== null);
      const row = (sheet.getRow(4 + i).values as ExcelJS.CellValue[]).slice(1);
      expect(row[1]).toBe(path.basename(book, ".xlsx"));
      expect(row[3]).toBe(ranked.length);
      expect(row[4]).toBe(Math.round((ranked.reduce((a, m) => a + m.total, 0) / ranked.length) * 10) / 10);
      expect(row[5]).toBe(ranked.filter((m) => m.grade === "优秀").length);
      expect(row[row.length - 2]).toBe(ranked.filter((m) => m.veto).length);
      expect(row[row.length - 1]).toBe("部分审定");
    }
    const top = wb.getWorksheet("全委前列-2026")!;
    expect(top.rowCount).toBe(22);
    expect(top.getCell("A3").value).toBe(1);
  });

  it("brings each branch's 评星晋级 row into one star 台账 with the level roll-up", async () => {
    const copies = books.slice(0, 2).map((b, i) => {
      const copy = path.join(dir, `星级-${i}.xlsx`);
      fs.copyFileSync(b, copy);
      return copy;
    });
    expect((await cli("stars", copies[0], "--branch", "第一党支部", "--members", "30", "--stars", "学习星,安全星,绩效星", "--target", "四星级党支部")).code).toBe(0);
    expect((await cli("stars", copies[1], "--branch", "第二党支部", "--members", "30", "--stars", "学习星,安全星,绩效星,廉洁星,创新星", "--target", "五星级党支部")).code).toBe(0);
    const out = path.join(dir, "党委汇总-星级.xlsx");
    expect((await cli("rollup", ...copies, books[2], "--period", "2026", "--out", out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const stars = wb.getWorksheet("评星晋级-2026")!;
    expect([stars.getCell("B4").value, stars.getCell("L4").value, stars.getCell("B5").value, stars.getCell("L5").value]).toEqual(["第一党支部", "四星级党支部", "第二党支部", "五星级党支部"]);
    // The third branch keeps no 评星晋级 row: two branches in the 台账, and its roll-up counts them (=COUNTIF over rows 4–5).
    expect(stars.getCell("C9").value).toMatchObject({ formula: 'COUNTIF(K4:K5,"五星级党支部")' });
  });

  it("refuses books of different schemes unless told to combine them, then compares shares of the maximum", async () => {
    const other = path.join(dir, "医院党支部.xlsx");
    expect((await cli("demo", "--scheme", "hospital-40-50-10", "--out", other, "--branch", "医院党支部")).code).toBe(0);
    const refused = await cli("rollup", books[0], other, "--period", "2026", "--out", path.join(dir, "x.xlsx"));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("各支部的积分方案或年度不同");
    expect(refused.err).toContain("--combine percent");
    expect(fs.existsSync(path.join(dir, "x.xlsx"))).toBe(false);
    const combined = await cli("rollup", books[0], other, "--period", "2026", "--out", path.join(dir, "mixed.xlsx"), "--combine", "percent");
    expect(combined.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "mixed.xlsx"));
    expect(wb.getWorksheet("支部汇总-2026")!.getCell("E3").value).toBe("平均得分率(%)");
  });

  it("keeps memory bounded: 80 books need about the heap of 10", () => {
    const retained = (n: number) =>
      JSON.parse(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(root, "test/support/rollupMemory.ts"), String(n)], { cwd: root, encoding: "utf8" }).trim()).retainedHeapMB as number;
    const few = retained(10);
    const many = retained(80);
    // Each book leaves only its summary (well under 0.1 MB); a leak of a workbook per book would be megabytes.
    expect(many - few).toBeLessThan(5);
  }, 240_000);
});
