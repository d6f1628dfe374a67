import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { runCli } from "../../src/cli/main";
import { SHEETS } from "../../src/core/ledger/layout";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import { loadLedger, scoreLedger } from "../../src/app/ledgerService";
import { BUILTIN_SCHEMES } from "../../src/core/scheme/presets";
import { buildDemoWorkbook } from "../../src/hosts/xlsx/demoFile";
import { REPORT_TABLES, buildReport } from "../../src/app/reportService";
import { convert, pdfPages, renderFirstPage, sofficePath } from "./soffice";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-lo-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const DOCS = path.resolve(__dirname, "../../docs");

async function cli(...argv: string[]): Promise<number> {
  return runCli(argv, { out: () => undefined, err: (t) => process.stderr.write(`${t}\n`) });
}

const ROSTER = `编号,姓名,党员类别,入党日期
001,张三,正式党员,2001-07-01
002,李四,正式党员,2005-07-01
003,王五,正式党员,2010-07-01
004,赵六,正式党员,2012-07-01
005,=1+1,预备党员,2025-09-01
006,孙七,入党积极分子,
`;
const ENTRIES = `日期,编号,项目代码,次数,分值,证明材料,说明
2026-01-10,001,D1,1,,,缺席
2026-02-12,002,D2,2,,,迟到
2026-03-05,003,D6,1,-3,,其他
2026-04-08,004,D5,1,,,党费
2026-05-20,001,D2,1,,,迟到
2026-07-02,002,D1,1,,,缺席
2026-08-15,004,V1,1,,党委处分决定,受留党察看处分
2026-10-10,005,D1,1,,,缺席
2026-11-11,003,D3,1,,组织处理决定,组织处理
`;
const APPRAISALS = `编号,评议等次
001,优秀
002,合格
003,合格
004,不合格
005,合格
`;

/** Ledger cells: every sheet the clerk types in, plus the add-in's own tables except the log. */
const LEDGER_SHEETS: string[] = Object.values(SHEETS)
  .filter((s) => s.sheet !== SHEETS.log.sheet)
  .map((s) => s.sheet);

async function ledgerCells(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  for (const name of LEDGER_SHEETS) {
    const ws = wb.getWorksheet(name)!;
    ws.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => out.push(`${name}!${r},${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ""}`)));
  }
  return out.join("\n");
}

/** LibreOffice writes a zero result as <v>0</v>, which exceljs reads back as no result. */
function formulaResult(cell: ExcelJS.Cell): ExcelJS.CellValue {
  return (cell.value as ExcelJS.CellFormulaValue).result ?? 0;
}

const FORMS: [string, string][] = [
  ["公示", "2026H1"],
  ["年终审批", "2026"],
  ["排名通报", "2026"],
  ["季度申报", "2026Q1"],
  ["季度明细", "2026Q1"],
  ["半年备案", "2026H1"],
  ["全年备案", "2026"],
  ["民主评议", "2026"],
  ["个人台账", "2026"],
  ["月度台账", "2026-03"],
  ["积分兑换", "2026"],
  ["承诺事项", "2026"],
  ["评星晋级", "2026"],
  ["分类定级", "2026"],
  ["管理卡", "2026"],
  ["支部积分", "2026"],
];

describe("committee sheets", () => {
  const book = path.join(dir, "branch.xlsx");

  beforeAll(async () => {
    for (const [name, text] of Object.entries({ r: ROSTER, e: ENTRIES, a: APPRAISALS })) fs.writeFileSync(path.join(dir, `${name}.csv`), text);
    expect(await cli("init", book, "--scheme", "star-member", "--year", "2026", "--branch", "第一党支部")).toBe(0);
    expect(await cli("import", book, "--roster", path.join(dir, "r.csv"), "--entries", path.join(dir, "e.csv"), "--appraisals", path.join(dir, "a.csv"))).toBe(0);
    expect(await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05")).toBe(0);
    expect(await cli("redeem", book, "--member", "001", "--item", "党建书籍一套", "--points", "10", "--date", "2026-08-01")).toBe(0);
    expect(await cli("commitment", book, "--member", "001", "--text", "结对帮扶一名困难职工", "--date", "2026-03-01", "--deadline", "2026-06-30")).toBe(0);
    // The seed's 评星晋级 rows (掘进六队 三星级 → 四星级, 选煤厂 五星级) and a branch with two stars.
    expect(await cli("stars", book, "--branch", "掘进六队党支部", "--secretary", "陆岩本", "--members", "9", "--stars", "安全星,绩效星,廉洁星", "--target", "四星级党支部")).toBe(0);
    expect(await cli("stars", book, "--branch", "选煤厂党支部", "--members", "25", "--stars", "学习星,安全星,绩效星,廉洁星,创新星", "--target", "五星级党支部")).toBe(0);
    expect(await cli("stars", book, "--branch", "生产服务队党支部", "--stars", "学习星,安全星", "--target", "三星级党支部")).toBe(0);
    expect(await cli("grading", book, "--member", "002", "--problems", "理论学习不够", "--measures", "加强理论学习", "--deadline", "2026-12-31", "--promoted", "否")).toBe(0);
    for (const [month, kind, points] of [
      ["2026-01", "上年得分", "90"],
      ["2026-01", "基础分扣分", "2"],
      ["2026-01", "任务分", "45"],
      ["2026-01", "奖励分", "5"],
      ["2026-02", "任务分", "50"],
      ["2026-03", "基础分扣分", "3"],
      ["2026-03", "任务分", "48"],
    ])
      expect(await cli("branch-score", book, "--branch", "内科党支部", "--month", month, "--kind", kind, "--points", points)).toBe(0);
    expect(await cli("branch-score", book, "--branch", "外科党支部", "--month", "2026-02", "--kind", "任务分", "--points", "40")).toBe(0);
  }, 120_000);

  it("generating each form leaves every ledger cell exactly as it was, and regenerating replaces only that sheet", async () => {
    const before = await ledgerCells(book);
    for (const [form, period] of FORMS) {
      expect(await cli("report", book, "--form", form, "--period", period, "--date", "2026-12-20")).toBe(0);
      expect(await ledgerCells(book)).toBe(before);
    }
    const names = (await ExcelJsGateway.open(book)).workbook.worksheets.map((w) => w.name);
    expect(await cli("report", book, "--form", "排名通报", "--period", "2026", "--date", "2026-12-21")).toBe(0);
    const again = (await ExcelJsGateway.open(book)).workbook.worksheets.map((w) => w.name);
    expect([...again].sort()).toEqual([...names].sort());
    // The 公示 of the approved H1 was posted: it stays, and the new one goes beside it.
    expect(await cli("publicity", book, "--period", "2026H1", "--date", "2026-12-21")).toBe(0);
    const posted = (await ExcelJsGateway.open(book)).workbook.worksheets.map((w) => w.name);
    expect([...posted].sort()).toEqual([...names, "公示-2026H1 (2)"].sort());
    expect(await ledgerCells(book)).toBe(before);
  }, 180_000);

  it("opens in LibreOffice, recalculates to the engine's numbers, with no formula errors and no PARTY.*", async () => {
    sofficePath();
    const [recalculated] = convert([book], "xlsx", fs.mkdtempSync(path.join(dir, "recalc-")));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ledger = await loadLedger(await ExcelJsGateway.open(book));
    const generated = wb.worksheets.filter((w) => !LEDGER_SHEETS.includes(w.name) && w.name !== SHEETS.log.sheet);
    expect(generated.length).toBeGreaterThanOrEqual(FORMS.length);
    let formulas = 0;
    for (const ws of generated)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          formulas++;
          expect(cell.formula).not.toMatch(/PARTY\.|XLOOKUP|LET\(|FILTER\(/i);
          const result = formulaResult(cell);
          expect(typeof result === "object" && result !== null && "error" in result ? `${ws.name}!${cell.address} ${String(result.error)}` : "ok").toBe("ok");
        }),
      );
    expect(formulas).toBeGreaterThan(0);
    // The cached result written with each formula (for readers that do not recalculate) is what LibreOffice computes.
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(book);
    const differ: string[] = [];
    for (const ws of generated)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const ours = (written.getWorksheet(ws.name)!.getCell(cell.address).value as ExcelJS.CellFormulaValue).result ?? 0;
          const theirs = formulaResult(cell);
          const same = typeof ours === "number" && typeof theirs === "number" ? Math.abs(ours - theirs) < 1e-9 : String(ours) === String(theirs);
          if (!same) differ.push(`${ws.name}!${cell.address} ${cell.formula}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(theirs)}`);
        }),
      );
    expect(differ).toEqual([]);

    // The publicity sheet's 总分 total (=SUM) equals the engine's sum of the half-year's totals.
    const h1 = scoreLedger(ledger, "2026H1");
    const publicity = wb.getWorksheet("公示-2026H1")!;
    const sums: number[] = [];
    publicity.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula && /^SUM\(/i.test(cell.formula)) sums.push(Number(formulaResult(cell)));
    }));
    expect(sums).toContain(h1.members.reduce((a, m) => a + m.total, 0));

    // The year-end form's grade counts (=COUNTIF) equal the engine's grades.
    const year = scoreLedger(ledger, "2026");
    const approval = wb.getWorksheet("年终审批-2026")!;
    const counts = new Map<string, number>();
    approval.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula && /^COUNTIF\(/i.test(cell.formula)) {
        const grade = /"([^"]+)"\)$/.exec(cell.formula)?.[1] ?? "";
        counts.set(grade, Number(formulaResult(cell)));
      }
    }));
    for (const band of ledger.scheme.grades) {
      const expected = year.members.filter((m) => m.grade === band.name).length;
      expect([band.name, counts.get(band.name)]).toEqual([band.name, expected]);
    }

    // 评星晋级: the level (=IF over =COUNTIF of the √) and the missing stars LibreOffice computes are the core's.
    const stars = wb.getWorksheet("评星晋级-2026")!;
    const starRows = [4, 5, 6].map((r) => [stars.getCell(`B${r}`).value, formulaResult(stars.getCell(`J${r}`)), formulaResult(stars.getCell(`K${r}`)), formulaResult(stars.getCell(`M${r}`))]);
    expect(starRows).toEqual([
      ["掘进六队党支部", 3, "三星级党支部", 1],
      ["选煤厂党支部", 5, "五星级党支部", 0],
      ["生产服务队党支部", 2, "未定级", 1],
    ]);

    // 支部积分: every month's total and the year's score, recomputed by LibreOffice from the carried base, are the core's.
    const { branchScoresOf } = await import("../../src/app/sideStores");
    const scored = await branchScoresOf(await ExcelJsGateway.open(book), 2026);
    const expected = scored.branches.flatMap((b) => [...b.months.map((m) => m.total), b.yearScore]);
    // 内科: 34+45+5 = 84; 33.6+50 = 83.6; 33.4−3+48 = 78.4; year (84+83.6+78.4)/3 = 82. 外科: 40; 16+40 = 56; 22.4; 39.5.
    expect(expected).toEqual([84, 83.6, 78.4, 82, 40, 56, 22.4, 39.5]);
    const branchSheet = wb.getWorksheet("支部积分-2026")!;
    const totals: number[] = [];
    branchSheet.eachRow((row) => {
      const cell = row.getCell(7);
      if (cell.type === ExcelJS.ValueType.Formula) totals.push(Number(formulaResult(cell)));
    });
    expect(totals).toEqual(expected);
  }, 240_000);

  it("prints the 分类定级积分晋位管理卡 one member a page", async () => {
    const ledger = await loadLedger(await ExcelJsGateway.open(book), [], REPORT_TABLES);
    const { models } = buildReport(ledger, "管理卡", "2026", "2026-12-20");
    const single = new ExcelJsGateway();
    await single.apply(models.map((model) => ({ op: "writeSheet" as const, model })));
    const out = path.join(dir, "管理卡.xlsx");
    await single.save(out);
    const [pdf] = convert([out], "pdf", dir);
    const pages = pdfPages(pdf);
    const members = scoreLedger(ledger, "2026").members;
    expect(pages).toHaveLength(members.length);
    pages.forEach((page, i) => {
      expect(page).toContain("分类定级积分晋位管理卡");
      expect(page).toContain(members[i].name);
    });
    expect(pages[1]).toContain("理论学习不够");
  }, 120_000);

  it("the demo workbook of every scheme opens in LibreOffice with no formula errors", async () => {
    const books: string[] = [];
    for (const scheme of BUILTIN_SCHEMES) {
      const out = path.join(dir, `demo-${scheme.id}.xlsx`);
      await buildDemoWorkbook({ schemeId: scheme.id, out });
      books.push(out);
    }
    const converted = convert(books, "xlsx", fs.mkdtempSync(path.join(dir, "demo-recalc-")));
    const problems: string[] = [];
    for (const file of converted) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type !== ExcelJS.ValueType.Formula) return;
            const result = formulaResult(cell);
            if (typeof result === "object" && result !== null && "error" in result) problems.push(`${path.basename(file)} ${ws.name}!${cell.address} ${String(result.error)}`);
          }),
        );
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it("prints the demo's 公示表 and 年终审批表 one page wide on A4 (PNG in docs/)", async () => {
    const demo = path.join(dir, "demo-print.xlsx");
    await buildDemoWorkbook({ schemeId: "star-member", out: demo });
    const ledger = await loadLedger(await ExcelJsGateway.open(demo));
    const files: string[] = [];
    for (const [form, period, file] of [
      ["公示", "2026H1", "公示表"],
      ["年终审批", "2026", "年终审批表"],
    ]) {
      const { models } = buildReport(ledger, form, period, "2026-12-20");
      const single = new ExcelJsGateway();
      await single.apply(models.map((model) => ({ op: "writeSheet" as const, model })));
      const out = path.join(dir, `${file}.xlsx`);
      await single.save(out);
      files.push(out);
    }
    const pdfs = convert(files, "pdf", dir);
    for (const pdf of pdfs) {
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      // One page wide: the first and the last column of the table are on the first page.
      expect(pages[0]).toContain("序号");
      expect(pages[0]).toContain("备注");
      expect(pages[0]).toContain("示例党支部");
      fs.mkdirSync(DOCS, { recursive: true });
      renderFirstPage(pdf, path.join(DOCS, `demo-${path.basename(pdf, ".pdf")}`));
    }
  }, 240_000);
});
