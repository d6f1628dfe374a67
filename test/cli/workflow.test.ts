import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-flow-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


const STAR_ENTRIES = "日期,编号,项目代码,次数,分值,说明\n2026-01-10,001,D1,1,,缺席1月会议\n2026-02-10,001,D2,1,,迟到\n2026-04-10,002,D1,1,,缺席4月会议\n";

async function newBook(name: string, scheme = "star-member", entries = STAR_ENTRIES): Promise<string> {
  const book = path.join(dir, name);
  fs.writeFileSync(path.join(dir, `${name}-r.csv`), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n");
  fs.writeFileSync(path.join(dir, `${name}-e.csv`), entries);
  expect((await cli("init", book, "--scheme", scheme, "--year", "2026")).code).toBe(0);
  expect((await cli("import", book, "--roster", path.join(dir, `${name}-r.csv`), "--entries", path.join(dir, `${name}-e.csv`))).code).toBe(0);
  return book;
}

/** What the clerk does by hand in Excel: change one cell of the ledger and save. */
async function editCell(book: string, sheet: string, address: string, value: ExcelJS.CellValue): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  wb.getWorksheet(sheet)!.getCell(address).value = value;
  await wb.xlsx.writeFile(book);
}

/** The 总分 of a member on the 公示-2026H1 sheet, read as the committee would read the file. */
async function publicityTotal(book: string, name: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet("公示-2026H1")!;
  let headerRow = 0;
  let totalColumn = 0;
  ws.eachRow((row, r) => row.eachCell((cell, c) => {
    if (cell.value === "总分" && !headerRow) [headerRow, totalColumn] = [r, c];
  }));
  let total = Number.NaN;
  ws.eachRow((row, r) => {
    if (r > headerRow && row.values && (row.values as ExcelJS.CellValue[]).includes(name)) total = Number(row.getCell(totalColumn).value);
  });
  return total;
}

describe("approval workflow through the CLI", () => {
  it("approve → edit an approved row → validate names the edited row", async () => {
    const book = await newBook("approve.xlsx");
    const approved = await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05", "--meeting", "第三次支委会");
    expect(approved).toMatchObject({ code: 0, err: "" });
    expect(approved.out).toContain("台账 3 行已留存指纹");
    expect((await cli("validate", book)).code).toBe(0);
    expect((await cli("approve", book, "--period", "2026H1", "--date", "2026-07-06")).code).toBe(1);

    // Row 3 (2026-02-10, D2 once) is changed to twice after the committee approved the half-year.
    await editCell(book, "积分台账", "F3", 2);
    const after = await cli("validate", book, "--json");
    expect(after.code).toBe(1);
    const issues = JSON.parse(after.out) as { code: string; sheet: string; row: number; message: string }[];
    expect(issues.map((i) => [i.code, i.sheet, i.row, i.message])).toEqual([
      ["approved-period-edited", "积分台账", 3, "第3行 在审定后被修改（2026H1 已于 2026-07-05 审定）"],
    ]);
  });

  it("company scheme: the year is the sum of approved quarters, and the year-end form says which are not approved", async () => {
    const book = await newBook("company.xlsx", "company", "日期,编号,项目代码\n2026-01-10,001,K1\n2026-05-10,002,K2\n");
    for (const q of ["2026Q1", "2026Q2"]) expect((await cli("approve", book, "--period", q, "--date", "2026-07-05")).code).toBe(0);
    const r = await cli("approval", book, "--year", "2026", "--date", "2026-12-20");
    expect(r.code).toBe(0);
    expect(r.err).toContain("2026Q3、2026Q4 尚未审定");
  });

  it("refuses to approve a period whose rows have validation errors", async () => {
    const book = await newBook("refuse.xlsx");
    await editCell(book, "积分台账", "B2", "999");
    const r = await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05");
    expect(r.code).toBe(1);
    expect(r.err).toContain("第2行 编号 「999」不在党员名册中");
  });

  it("appeal → resolution with a correcting entry: the original entry is kept, the total corrected, everything logged", async () => {
    const book = await newBook("appeal.xlsx");
    const before = JSON.parse((await cli("scores", book, "--period", "2026H1", "--json")).out);
    expect(before.members[0].total).toBe(77);
    expect((await cli("publicity", book, "--period", "2026H1", "--date", "2026-07-01")).code).toBe(0);
    expect(await publicityTotal(book, "张三")).toBe(77);
    const recorded = await cli("appeal", book, "--member", "001", "--period", "2026H1", "--claim", "2月10日系公出，不属迟到", "--evidence", "出差审批单", "--date", "2026-07-02");
    expect(recorded).toMatchObject({ code: 0, out: "A001\n" });
    const resolved = await cli("appeal", book, "--resolve", "A001", "--result", "核实属实，撤销迟到扣分", "--date", "2026-07-03", "--reverse-row", "3");
    expect(resolved).toMatchObject({ code: 0, out: "申诉 A001 已处理，更正记录在积分台账第 5 行\n" });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const ledger = wb.getWorksheet("积分台账")!;
    // The original row is untouched; the correction is a new row naming it.
    expect([ledger.getCell("D3").value, ledger.getCell("G3").value, ledger.getCell("K3").value]).toEqual(["D2", -2, null]);
    expect([ledger.getCell("D5").value, ledger.getCell("H5").value, ledger.getCell("J5").value, ledger.getCell("K5").value]).toEqual([
      "D2",
      "申诉 A001",
      "撤销记录号 2（第3行；申诉 A001：核实属实，撤销迟到扣分）",
      2,
    ]);
    // 记录号 in column L: the reversed row's and the correction's.
    expect([ledger.getCell("L3").value, ledger.getCell("L5").value]).toEqual([2, 4]);
    const appeals = wb.getWorksheet("申诉登记")!;
    expect([appeals.getCell("A2").value, appeals.getCell("H2").value, appeals.getCell("J2").value]).toEqual(["A001", "核实属实，撤销迟到扣分", "积分台账记录号 4（第5行）"]);
    const log = wb.getWorksheet("操作日志")!;
    const actions = (log.getColumn(2).values as ExcelJS.CellValue[]).slice(2);
    expect(actions).toEqual(["生成台账", "导入名册", "导入积分记录", "生成报表", "登记申诉", "处理申诉"]);

    // Re-publicity: the half-year total is corrected on the regenerated 公示表, and the ledger validates.
    const after = JSON.parse((await cli("scores", book, "--period", "2026H1", "--json")).out);
    expect(after.members[0].total).toBe(79);
    expect((await cli("publicity", book, "--period", "2026H1", "--date", "2026-07-04")).code).toBe(0);
    expect(await publicityTotal(book, "张三")).toBe(79);
    expect((await cli("validate", book)).code).toBe(0);
    expect((await cli("appeal", book, "--resolve", "A001", "--result", "再次处理")).code).toBe(1);
  });

  it("积分兑换: redeem approved points, refuse beyond the balance (exit 1), list balances, and write the committee sheet", async () => {
    const book = await newBook("redeem.xlsx");
    expect((await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05")).code).toBe(0);
    // 2026H1 approved: 张三 80 − 1 − 2 = 77, 李四 80 − 1 = 79.
    const done = await cli("redeem", book, "--member", "001", "--item", "党建书籍一套", "--points", "50", "--date", "2026-08-01", "--handler", "李红梅");
    expect(done).toMatchObject({ code: 0, out: "张三（001）兑换完成，可兑换积分余额 27 分\n" });
    const refused = await cli("redeem", book, "--member", "001", "--item", "纪念品", "--points", "30", "--date", "2026-08-02");
    expect(refused.code).toBe(1);
    expect(refused.err).toBe("未兑换：张三（001）可兑换积分为 27 分（已审定 77 分，已兑换 50 分），不足以兑换「纪念品」所需的 30 分\n");
    const balances = await cli("redeem", book, "--balances", "--json");
    expect(JSON.parse(balances.out)).toEqual([
      { memberId: "001", name: "张三", earned: 77, redeemed: 50, balance: 27 },
      { memberId: "002", name: "李四", earned: 79, redeemed: 0, balance: 79 },
    ]);
    expect((await cli("report", book, "--form", "积分兑换", "--period", "2026", "--date", "2026-08-03")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet("积分兑换-2026")!;
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(rows.find((r) => r[1] === "001")!.slice(0, 5)).toEqual([1, "001", "张三", 77, 50]);
    expect(wb.getWorksheet("积分兑换")!.rowCount).toBe(2);
  });

  it("承诺事项 (handbook): register, fulfil with its P1 entry, and validate reports a fulfilled commitment left unscored", async () => {
    const entries = "日期,编号,项目代码,次数,分值,证明材料,说明\n2026-06-30,001,P1,1,3,结对帮扶记录,兑现承诺\n";
    const book = await newBook("commit.xlsx", "handbook", entries);
    expect((await cli("commitment", book, "--member", "001", "--text", "结对帮扶一名困难职工", "--date", "2026-03-01", "--deadline", "2026-06-30")).code).toBe(0);
    expect((await cli("commitment", book, "--member", "002", "--text", "每月读一本书", "--date", "2026-03-01", "--deadline", "2026-12-31")).code).toBe(0);
    expect((await cli("commitment", book, "--row", "2", "--status", "已兑现", "--follow-up", "6月底完成", "--entry-row", "2")).code).toBe(0);
    // --entry-row names the row as it stands now; what is kept is that record's 记录号.
    const wbLink = new ExcelJS.Workbook();
    await wbLink.xlsx.readFile(book);
    expect(wbLink.getWorksheet("承诺事项")!.getRow(1).getCell(9).value).toBe("积分记录号");
    expect(wbLink.getWorksheet("承诺事项")!.getRow(2).getCell(9).value).toBe(wbLink.getWorksheet("积分台账")!.getRow(2).getCell(12).value);
    expect((await cli("commitment", book, "--row", "3", "--status", "已兑现")).code).toBe(0);
    const result = await cli("validate", book, "--json");
    const commitments = JSON.parse(result.out).filter((i: { sheet: string }) => i.sheet === "承诺事项");
    expect(commitments).toEqual([expect.objectContaining({ row: 3, column: "I", severity: "warning", code: "commitment-unscored" })]);
    const refused = await cli("commitment", book, "--member", "009", "--text", "x", "--deadline", "2026-12-31");
    expect(refused.code).toBe(1);
    expect(refused.err).toBe("错误：编号「009」不在党员名册中\n");
  });

  it("评星晋级 (S4): the seed's branches recorded, listed with level and target, a wrong star refused, and the 台账 written with its roll-up", async () => {
    const book = await newBook("stars.xlsx");
    const jueJin = ["--branch", "掘进六队党支部", "--secretary", "陆岩本", "--members", "9", "--deputies", "1", "--committee", "3", "--young", "2"];
    expect((await cli("stars", book, ...jueJin, "--stars", "安全星,绩效星,廉洁星", "--target", "四星级党支部", "--assessment", "能基本完成各项工作任务。")).code).toBe(0);
    expect((await cli("stars", book, "--branch", "选煤厂党支部", "--secretary", "谢福怀", "--members", "25", "--women", "8", "--minorities", "1", "--stars", "学习星,安全星,绩效星,廉洁星,创新星", "--target", "五星级党支部")).code).toBe(0);
    // 掘进六队 earns 学习星 later in the year: its row is replaced, not repeated.
    expect((await cli("stars", book, ...jueJin, "--stars", "学习星,安全星,绩效星,廉洁星", "--target", "五星级党支部")).code).toBe(0);
    const refused = await cli("stars", book, "--branch", "综采一队党支部", "--stars", "学习星,优秀星", "--target", "四星级党支部");
    expect(refused).toMatchObject({ code: 1, err: "错误：「优秀星」不是星名：可用的星为 学习星、安全星、绩效星、廉洁星、创新星\n" });
    const list = await cli("stars", book, "--list");
    expect(list.out).toBe("掘进六队党支部\t学习星安全星绩效星廉洁星\t四星级党支部\t晋级目标 五星级党支部\t尚差 1 星\n选煤厂党支部\t学习星安全星绩效星廉洁星创新星\t五星级党支部\t晋级目标 五星级党支部\t尚差 0 星\n");
    expect((await cli("validate", book)).code).toBe(0);
    expect((await cli("report", book, "--form", "评星晋级", "--period", "2026")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet("评星晋级-2026")!;
    expect(sheet.getCell("B4").value).toBe("掘进六队党支部");
    expect(sheet.getCell("D4").value).toBe("共有党员9名，党支部书记1名，党支部副书记1名，党支部委员3名。35岁及以下的党员2名。");
    expect(sheet.getCell("K4").value).toMatchObject({ formula: 'IF(J4>=5,"五星级党支部",IF(J4>=4,"四星级党支部",IF(J4>=3,"三星级党支部","未定级")))' });
    expect(wb.getWorksheet("评星晋级")!.rowCount).toBe(3);
  });

  it("分类定级 (S9): problems and measures recorded per member, a bad 整改时限 refused, the 台账 and one card per member", async () => {
    const book = await newBook("grading.xlsx", "classified-grading", "日期,编号,项目代码,次数,分值,说明\n2026-03-02,001,D2,1,,未参加理论学习\n");
    expect((await cli("grading", book, "--member", "001", "--problems", "理论学习不够，政策理论水平不强。", "--measures", "加强对党的理论知识学习", "--deadline", "2026-12-31", "--leader", "王书记")).code).toBe(0);
    expect((await cli("grading", book, "--member", "001", "--outcome", "已按时整改", "--promoted", "是")).code).toBe(0);
    const refused = await cli("grading", book, "--member", "002", "--deadline", "明年");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^错误：整改时限「明年」/);
    expect((await cli("validate", book)).code).toBe(0);
    expect((await cli("report", book, "--form", "分类定级", "--period", "2026")).code).toBe(0);
    expect((await cli("report", book, "--form", "grading-cards", "--period", "2026")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const ledger = wb.getWorksheet("分类定级台账-2026")!;
    // 张三: 日常表现 60 − 1 (D2) + 作用发挥 0 = 59, below 60 → 不合格 under the 90/70/60 lines.
    expect([ledger.getCell("B4").value, ledger.getCell("D4").value, ledger.getCell("E4").value, ledger.getCell("F4").value, ledger.getCell("L4").value]).toEqual([
      "张三",
      59,
      "不合格",
      "理论学习不够，政策理论水平不强。",
      "是",
    ]);
    const cards = wb.getWorksheet("管理卡-2026")!;
    const titles: number[] = [];
    cards.eachRow((row, r) => {
      if (row.getCell(1).value === "分类定级积分晋位管理卡") titles.push(r);
    });
    expect(titles).toHaveLength(2);
  });

  it("支部积分 (S6): 上年得分 90 carries 36 into January, each month 40 % of the last; listed and written with live formulas", async () => {
    const book = await newBook("branch-score.xlsx", "hospital-40-50-10", "日期,编号,项目代码,次数,分值,说明\n");
    const add = (...args: string[]) => cli("branch-score", book, "--branch", "内科党支部", ...args);
    expect((await add("--month", "2026-01", "--kind", "上年得分", "--points", "90")).code).toBe(0);
    expect((await add("--month", "2026-01", "--kind", "基础分扣分", "--points", "-2", "--item", "未按期召开支委会")).code).toBe(0);
    expect((await add("--month", "2026-01", "--kind", "任务分", "--points", "45")).code).toBe(0);
    expect((await add("--month", "2026-01", "--kind", "奖励分", "--points", "5")).code).toBe(0);
    expect((await add("--month", "2026-02", "--kind", "任务分", "--points", "50")).code).toBe(0);
    const refused = await add("--month", "2026-13", "--kind", "任务分", "--points", "5");
    expect(refused).toMatchObject({ code: 1, err: "错误：月份「2026-13」不是有效月份，应为 YYYY-MM\n" });
    // January: base 90 × 40 % = 36, less 2 = 34, + 45 + 5 = 84. February: 84 × 40 % = 33.6, + 50 = 83.6.
    const list = await cli("branch-score", book, "--list", "--year", "2026", "--json");
    expect(list.code).toBe(0);
    const { branches } = JSON.parse(list.out);
    expect(branches[0].months.map((m: { base: number; total: number }) => [m.base, m.total])).toEqual([
      [36, 84],
      [33.6, 83.6],
    ]);
    expect(branches[0].yearScore).toBe(83.8);
    expect((await cli("report", book, "--form", "支部积分", "--period", "2026")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet("支部积分-2026")!;
    const formulas: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => typeof c.value === "object" && c.value && "formula" in c.value && formulas.push(String(c.value.formula))));
    expect(formulas).toContain("MIN(40,ROUND(G6*0.4,1))");
  });
});
