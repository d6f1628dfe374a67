/**
 * Issue 23: approved totals, generated sheets and outputs never overwrite or shift silently. Each case
 * starts from a filled workbook (a branch's roster, a year of entries and 民主评议) and does what a clerk does by hand or by command.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";
import { writeFilledBranch } from "../support/filledBranch";
import { SHEETS } from "../../src/core/ledger/layout";
import { tableFormats } from "../../src/core/ledger/recordIds";
import { type Cell, isoToSerial } from "../../src/core/sheetModel";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-integrity-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A branch's ledger as the clerk fills it: init, then the roster, a year of entries (one with a date written wrong) and 民主评议. */
const demo = path.join(dir, "filled.xlsx");
beforeAll(() => writeFilledBranch(demo, { members: 12, d1Months: 9, extraEntries: "2026-02-30,D002,D1,1,,日期写错\n" }), 60_000);

let copies = 0;
/** A fresh copy of the filled workbook. */
function filled(name = `book-${++copies}.xlsx`): string {
  const file = path.join(dir, name);
  fs.copyFileSync(demo, file);
  return file;
}

describe("rollup --out (issue 23, case 2)", () => {
  it("refuses one of its inputs as the output, even with --force, and leaves it as it was", async () => {
    const a = filled();
    const b = filled();
    const before = fs.readFileSync(a);
    for (const extra of [[], ["--force"]]) {
      const r = await cli("rollup", a, b, "--period", "2026", "--out", a, ...extra);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`汇总文件 ${a} 就是要汇总的支部工作簿`);
      expect(fs.readFileSync(a).equals(before)).toBe(true);
    }
    // The same file under another spelling is the same file.
    const other = path.join(dir, ".", "sub", "..", path.basename(b));
    const r = await cli("rollup", a, b, "--period", "2026", "--out", other, "--force");
    expect(r.code).toBe(1);
    expect(r.err).toContain("就是要汇总的支部工作簿");
  });

  it("refuses to replace an existing file unless --force", async () => {
    const a = filled();
    const out = path.join(dir, "党委汇总-已有.xlsx");
    fs.writeFileSync(out, "the committee's own file");
    const refused = await cli("rollup", a, "--period", "2026", "--out", out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("已存在，本次没有写入");
    expect(refused.err).toContain("--force");
    expect(fs.readFileSync(out, "utf8")).toBe("the committee's own file");
    const forced = await cli("rollup", a, "--period", "2026", "--out", out, "--force");
    expect(forced).toMatchObject({ code: 0, out: `已汇总 1 个支部到 ${out}\n` });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("个人台账 sheet names (issue 23, case 4)", () => {
  it("gives every member their own sheet, as Excel compares names, and lists exactly the sheets written", async () => {
    const book = filled();
    const long = "第一党支部机关第二党小组成员编号";
    const ids = ["A/1", "A_1", "a1", "A1", `${long}0001`, `${long}0002`, "B?1", "B*1"];
    const roster = path.join(dir, "名册-特殊编号.csv");
    fs.writeFileSync(roster, `编号,姓名,党员类别\n${ids.map((id, i) => `${id},测试${i},正式党员`).join("\n")}\n`);
    expect((await cli("import", book, "--roster", roster)).code).toBe(0);
    const r = await cli("report", book, "--form", "个人台账", "--period", "2026");
    expect(r.code).toBe(0);
    const listed = /已生成工作表：(.*?)（/.exec(r.out)![1].split("、");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const written = wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("个人台账-") && n.endsWith("-2026"));
    expect(new Set(listed)).toEqual(new Set(written));
    expect(listed.length).toBe(written.length);
    expect(new Set(written.map((n) => n.toUpperCase())).size).toBe(written.length);
    for (const n of written) expect(n.length).toBeLessThanOrEqual(31);
    // Each special member has a sheet of their own, with their name on it.
    const owners = written.map((n) => String(wb.getWorksheet(n)!.getCell("A2").value));
    ids.forEach((_, i) => expect(owners.filter((o) => o.includes(`党员姓名：测试${i}`))).toHaveLength(1));
    // A plain id keeps its plain name.
    expect(written).toContain("个人台账-A1-2026");
    expect(written).toContain("个人台账-A_1-2026");
  });
});

describe("closed pipes and file-system errors (issue 23, case 7)", () => {
  const root = path.resolve(__dirname, "../..");

  it("validate … | head exits quietly with the command's own code when the reader closes the pipe", () => {
    const book = filled();
    const err = path.join(dir, "epipe-err.txt");
    // `true` exits at once: every line validate prints goes to a closed pipe.
    const status = execFileSync("bash", ["-c", `node bin/party-ledger.js validate '${book}' 2>'${err}' | true; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: "utf8" });
    expect(fs.readFileSync(err, "utf8")).toBe("");
    expect(status.trim()).toBe("1"); // the ledger has a date written wrong
  }, 60_000);

  it("refuses to save a workbook open in Excel/WPS (their lock file beside it) or marked read-only, in Chinese, exit 2", async () => {
    const book = filled("锁定.xlsx");
    const before = fs.readFileSync(book);
    for (const lock of [path.join(dir, "~$锁定.xlsx"), path.join(dir, ".~lock.锁定.xlsx#")]) {
      fs.writeFileSync(lock, "owner");
      const r = await cli("report", book, "--form", "排名通报", "--period", "2026");
      fs.rmSync(lock);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`旁边有它们的锁文件 ${path.basename(lock)}`);
      expect(r.err).not.toContain("内部错误");
      expect(fs.readFileSync(book).equals(before)).toBe(true);
    }
    fs.chmodSync(book, 0o444);
    const readOnly = await cli("approve", book, "--period", "2026H2", "--date", "2027-01-05");
    fs.chmodSync(book, 0o644);
    expect(readOnly.code).toBe(2);
    expect(readOnly.err).toContain("文件是只读的");
    expect(fs.readFileSync(book).equals(before)).toBe(true);
    expect((await cli("report", book, "--form", "排名通报", "--period", "2026")).code).toBe(0);
  });

  const errno = (code: string, syscall: string, file: string) => Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });

  it.each([
    ["ENOSPC", "writeSync", "磁盘空间不足"],
    ["EACCES", "openSync", "没有权限"],
    ["EROFS", "openSync", "只读"],
    ["ENOENT", "renameSync", "文件或文件夹不存在"],
  ] as const)("rollup and report: %s from fs.%s is a Chinese message, exit 2, nothing written", async (code, call, text) => {
    const book = filled();
    const before = fs.readFileSync(book);
    const out = path.join(dir, `汇总-${code}.xlsx`);
    const spy = jest.spyOn(fs, call).mockImplementation(((...args: unknown[]) => {
      throw errno(code, call, String(args[0]));
    }) as never);
    try {
      for (const argv of [["rollup", book, "--period", "2026", "--out", out], ["report", book, "--form", "排名通报", "--period", "2026"]]) {
        const r = await cli(...argv);
        expect(r.code).toBe(2);
        expect(r.err).toContain(text);
        expect(r.err).not.toContain("内部错误");
      }
    } finally {
      spy.mockRestore();
    }
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("an output path through a file (not a folder) is a Chinese message, exit 2", async () => {
    const book = filled();
    const notAFolder = path.join(dir, "不是文件夹.txt");
    fs.writeFileSync(notAFolder, "x");
    const r = await cli("rollup", book, "--period", "2026", "--out", path.join(notAFolder, "汇总.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是文件夹|不存在/);
    expect(r.err).not.toContain("内部错误");
  });
});

describe("Excel's limits when writing (issue 23, case 8)", () => {
  it("a generated cell over 32,767 characters is cut with a warning naming the cell; the row is capped at 409 pt", async () => {
    const book = filled();
    const entries = path.join(dir, "长说明.csv");
    // 说明 at Excel's limit is the clerk's data and is kept whole; 季度明细 adds 「未计分：…；」 in front of it.
    fs.writeFileSync(entries, `日期,编号,项目代码,次数,分值,说明\n2026-02-10,D001,ZZ9,1,,${"说".repeat(32767)}\n`);
    expect((await cli("import", book, "--entries", entries)).code).toBe(0);
    const r = await cli("report", book, "--form", "季度明细", "--period", "2026Q1");
    expect(r.code).toBe(0);
    const cut = /注意：工作表「季度明细-2026Q1」([A-Z]+\d+) 单元格的文字有 \d+ 个字符，超过 Excel 上限 32767，已截断/.exec(r.err);
    expect(cut).not.toBeNull();
    const tall = /注意：工作表「季度明细-2026Q1」第 (\d+) 行的文字需要约 \d+ 磅行高，超过 Excel 上限 409 磅/.exec(r.err);
    expect(tall).not.toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const sheet = wb.getWorksheet("季度明细-2026Q1")!;
    const value = String(sheet.getCell(cut![1]).value);
    expect(value.length).toBe(32767);
    expect(value.endsWith("说…")).toBe(true);
    expect(sheet.getRow(Number(tall![1])).height).toBe(409);
    const ledger = wb.getWorksheet("积分台账")!;
    let kept = 0;
    ledger.eachRow((row) => row.eachCell((c) => {
      if (typeof c.value === "string" && c.value.length === 32767) kept++;
    }));
    expect(kept).toBe(1);
  });

  it("the clerk's data beyond 32,767 characters is refused, naming the sheet, row and column; nothing is written", async () => {
    const book = filled();
    const before = fs.readFileSync(book);
    const entries = path.join(dir, "过长说明.csv");
    fs.writeFileSync(entries, `日期,编号,项目代码,次数,分值,说明\n2026-02-10,D001,D1,1,,短\n2026-02-11,D001,D1,1,,${"说".repeat(40000)}\n`);
    const r = await cli("import", book, "--entries", entries);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/工作表「积分台账」新增的第 2 条数据第 \d+ 列（[A-Z]+ 列）的文字有 40000 个字符，超过 Excel 单元格上限 32767/);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });
});

describe("init on an existing ledger (issue 23, case 5)", () => {
  it.each([
    [["--scheme", "hospital-40-50-10", "--year", "2026"], /方案为「star-member」，本次给出的是「hospital-40-50-10」/],
    [["--scheme", "star-member", "--year", "2027"], /年度为 2026，本次给出的是 2027：一个工作簿记一个考核年度/],
    [["--scheme", "star-member", "--year", "2026", "--branch", "第二党支部"], /支部名称为「第一党支部」，本次给出的是「第二党支部」/],
  ])("init %j on a filled ledger is refused with the reason, nothing written", async (argv, reason) => {
    const book = filled();
    const before = fs.readFileSync(book);
    const r = await cli("init", book, ...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(reason);
    expect(r.err).toContain("本次没有做任何改动");
    expect(r.out).not.toContain("保留原有工作表");
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });

  it("the same scheme, year and branch only adds what is missing; a branch given where 设置 has none is filled in", async () => {
    const book = filled();
    expect((await cli("init", book, "--scheme", "star-member", "--year", "2026", "--branch", "第一党支部")).code).toBe(0);
    const bare = path.join(dir, "无支部名称.xlsx");
    expect((await cli("init", bare, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
    const r = await cli("init", bare, "--scheme", "star-member", "--year", "2026", "--branch", "机关党支部");
    expect(r.code).toBe(0);
    expect(r.out).toContain("在「设置」中填写了原来空着的：支部名称：机关党支部");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(bare);
    const settings = wb.getWorksheet("设置")!;
    const values: unknown[][] = [];
    settings.eachRow((row) => values.push((row.values as unknown[]).slice(1, 3)));
    expect(values).toContainEqual(["支部名称", "机关党支部"]);
  });
});

describe("approved totals and corrections by 记录号 (issue 23, case 1)", () => {
  type Member = { id: string; total: number; ledgerTotal?: number };
  const totals = async (book: string) => {
    const r = await cli("scores", book, "--period", "2026H1", "--json");
    expect(r.code).toBe(0);
    return Object.fromEntries((JSON.parse(r.out).members as Member[]).map((m) => [m.id, m.ledgerTotal ?? m.total]));
  };
  /** The ledger's rows rewritten as the clerk's hand edit leaves them (a sort, a row inserted, a cell changed). */
  const handEdit = (book: string, edit: (rows: Cell[][], headers: string[]) => Cell[][]) => {
    const gw = PackageGateway.open(fs.readFileSync(book), path.basename(book));
    return gw.readTables([SHEETS.ledger.table]).then(async (tables) => {
      const t = tables.get(SHEETS.ledger.table)!;
      await gw.apply([{ op: "replaceRows", table: t.name, rows: edit(t.rows.map((r) => [...r]), t.headers), formats: tableFormats(SHEETS.ledger, t.headers) }]);
      fs.writeFileSync(book, gw.toBytes());
    });
  };

  it("sorting the ledger and inserting rows above keep every approved total; changing or clearing 撤销记录号 is named at its row", async () => {
    const book = filled();
    const before = await totals(book);
    // D001's 缺席 on 2026-01-10 (row 2) was wrong: reversed through an appeal, then H1 is approved.
    expect((await cli("appeal", book, "--member", "D001", "--period", "2026H1", "--claim", "当日请假", "--date", "2026-07-01")).out).toBe("A001\n");
    expect((await cli("appeal", book, "--resolve", "A001", "--result", "属实，撤销", "--date", "2026-07-02", "--reverse-row", "2")).code).toBe(0);
    expect((await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05")).code).toBe(0);
    const approved = await totals(book);
    expect(approved.D001).toBeGreaterThan(before.D001);

    // Sorted by 编号, then 日期 descending; a row of the second half-year inserted at the top.
    await handEdit(book, (rows, headers) => {
      const [id, date] = [headers.indexOf("编号"), headers.indexOf("日期")];
      const sorted = [...rows].sort((a, b) => String(a[id]).localeCompare(String(b[id])) || Number(b[date]) - Number(a[date]));
      const inserted = headers.map((h) => ({ 日期: isoToSerial("2026-09-01"), 编号: "D003", 项目代码: "D2", 次数: 1, 说明: "手工插入" })[h] ?? null);
      return [inserted, ...sorted];
    });
    expect(await totals(book)).toEqual(approved);
    const sortedCheck = await cli("validate", book, "--json");
    expect((JSON.parse(sortedCheck.out) as { code: string }[]).filter((i: { code: string }) => i.code === "approved-period-edited")).toEqual([]);

    // The correction's 撤销记录号 changed to another of D001's records, then cleared: named at that row each time.
    for (const value of ["other", null] as const) {
      let at = 0;
      await handEdit(book, (rows, headers) => {
        const [rev, rec, id] = [headers.indexOf("撤销记录号"), headers.indexOf("记录号"), headers.indexOf("编号")];
        const i = rows.findIndex((r) => r[rev] !== null && r[rev] !== "");
        const other = rows.find((r) => r[id] === "D001" && r !== rows[i] && r[rec] !== rows[i][rev])!;
        rows[i][rev] = value === "other" ? other[rec] : null;
        at = i + 2;
        return rows;
      });
      const check = await cli("validate", book, "--json");
      const edited = (JSON.parse(check.out) as { code: string; row: number }[]).filter((i: { code: string }) => i.code === "approved-period-edited");
      expect(edited.map((i: { row: number }) => i.row)).toContain(at);
      expect((await cli("scores", book, "--period", "2026H1", "--json")).code).toBe(0);
    }
  }, 60_000);

  it("a workbook whose 审定记录 sheet was deleted is refused by validate with the approval still on record", async () => {
    const book = filled();
    expect((await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.getWorksheet("审定记录")).toBeDefined();
    // Deleted the way a clerk does it: the sheet gone, with its table.
    wb.removeWorksheet(wb.getWorksheet("审定记录")!.id);
    await wb.xlsx.writeFile(book);
    const check = await cli("validate", book, "--json");
    expect(check.code).toBe(1);
    expect((JSON.parse(check.out) as { code: string }[]).find((i: { code: string }) => i.code === "approval-records-missing")).toMatchObject({ severity: "error", sheet: "审定积分" });
  }, 60_000);
});
