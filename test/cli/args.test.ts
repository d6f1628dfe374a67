import fs from "fs";
import os from "os";
import path from "path";
import { COMMANDS } from "../../src/cli/commands";
import { USAGE } from "../../src/cli/main";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-args-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("party-ledger arguments", () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))("%s: a misspelt flag is a usage error (exit 2) that names it", async (name, command) => {
    const files = command.files === "none" ? [] : [path.join(dir, "台账.xlsx")];
    const r = await cli(name, ...files, "--meetng", "第三次支委会");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--meetng");
    expect(r.err).toMatch(/^错误：不认识的参数 --meetng/);
  });

  it.each(COMMANDS.filter((c) => Object.values(c.options).includes("string")).map((c) => [c.name, c] as const))("%s: a flag without its value is a usage error that names it", async (name, command) => {
    const flag = Object.entries(command.options).find(([, t]) => t === "string")![0];
    const files = command.files === "none" ? [] : [path.join(dir, "台账.xlsx")];
    const r = await cli(name, ...files, `--${flag}`);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain(`--${flag} 缺少取值`);
  });

  it("approve --meetng is refused before anything is recorded", async () => {
    const book = path.join(dir, "a.xlsx");
    expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
    const before = fs.readFileSync(book);
    const r = await cli("approve", book, "--period", "2026H1", "--date", "2026-07-05", "--meetng", "第三次支委会");
    expect(r.code).toBe(2);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });

  it("the same refusal exits 1 from every command (an unknown member)", async () => {
    const book = path.join(dir, "b.xlsx");
    expect((await cli("init", book, "--scheme", "handbook", "--year", "2026")).code).toBe(0);
    const redeem = await cli("redeem", book, "--member", "999", "--item", "书", "--points", "1");
    const commitment = await cli("commitment", book, "--member", "999", "--text", "读书", "--deadline", "2026-12-31");
    const grading = await cli("grading", book, "--member", "999");
    const appeal = await cli("appeal", book, "--member", "999", "--period", "2026Q1", "--claim", "x");
    for (const r of [redeem, commitment, grading, appeal]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain("不在党员名册中");
    }
  });

  it("the usage text is generated from the command table and lists every command", () => {
    for (const c of COMMANDS) expect(USAGE).toContain(`  ${c.name} `);
    expect(USAGE).toContain("退出码：0 完成；1 工作簿有需要处理的问题，或请求被拒绝；2 用法错误或文件无法读取。");
  });

  it("a negative number is a value, not a flag", async () => {
    const r = await cli("schemes", "--json");
    expect(r.code).toBe(0);
    const book = path.join(dir, "c.xlsx");
    expect((await cli("init", book, "--scheme", "hospital-40-50-10", "--year", "2026")).code).toBe(0);
    expect((await cli("branch-score", book, "--branch", "内科", "--month", "2026-01", "--kind", "基础分扣分", "--points", "-2")).code).toBe(0);
  });
});
