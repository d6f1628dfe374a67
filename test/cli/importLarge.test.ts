// party-ledger import on files larger than one piece read from disk: read a megabyte at a time, with
// progress on stderr when asked (or on a terminal), errors still at their line and column.
import fs from "fs";
import os from "os";
import path from "path";
import { ProgressLines } from "../../src/cli/progress";
import { cli } from "../support/cli";
import { csvText, encodeText, entryFile, rosterRows } from "../support/inputFixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-import-large-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ledgerWithRoster(name: string): Promise<string> {
  const book = path.join(dir, name);
  expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
  fs.writeFileSync(path.join(dir, "名册.csv"), encodeText(csvText(rosterRows(100), { delimiter: ",", newline: "\r\n" }), "gbk"));
  expect((await cli("import", book, "--roster", path.join(dir, "名册.csv"))).code).toBe(0);
  return book;
}

describe("party-ledger import of a file of several megabytes", () => {
  const entries = path.join(dir, "积分.csv");
  beforeAll(() => fs.writeFileSync(entries, entryFile(60_000, "gbk")));

  it("imports it a piece at a time; --progress says how far it has got on stderr, stdout as without it", async () => {
    expect(fs.statSync(entries).size).toBeGreaterThan(2 * 2 ** 20);
    const plain = await cli("import", await ledgerWithRoster("plain.xlsx"), "--entries", entries);
    expect(plain).toMatchObject({ code: 0, err: "" });
    expect(plain.out).toContain("积分.csv：GBK 编码，逗号分隔，共 60001 行");
    expect(plain.out).toContain("积分记录：追加 60000 行");
    const book = await ledgerWithRoster("progress.xlsx");
    const r = await cli("import", book, "--entries", entries, "--progress");
    expect(r.code).toBe(0);
    expect(r.out).toBe(plain.out);
    const lines = r.err.trim().split("\n");
    expect(lines[0]).toMatch(/^积分\.csv：已读取 \d+ 行（\d+%）…$/);
    expect(lines.slice(-2)).toEqual(["正在把 60000 行写入工作簿…", `正在保存 ${book}…`]);
    const scores = JSON.parse((await cli("scores", book, "--period", "2026", "--json")).out);
    expect(scores.members).toHaveLength(100);
  });

  it("refuses an unclosed quote near its end with the line and column, and writes nothing", async () => {
    const text = new TextDecoder("gbk").decode(entryFile(60_000, "gbk"));
    const lines = text.split("\r\n");
    lines[59_990] = `2026-03-05,007,D1,1,,"未闭合的说明`;
    const bad = path.join(dir, "坏积分.csv");
    fs.writeFileSync(bad, encodeText(lines.join("\r\n"), "gbk"));
    const book = await ledgerWithRoster("bad.xlsx");
    const before = fs.readFileSync(book);
    const r = await cli("import", book, "--entries", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain("坏积分.csv：CSV 格式有误，未导入");
    expect(r.err).toContain("第 59991 行第 22 列");
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });

  it("names a missing input file", async () => {
    const book = await ledgerWithRoster("missing.xlsx");
    const r = await cli("import", book, "--entries", path.join(dir, "没有这个文件.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("找不到导入文件");
  });
});

describe("progress lines", () => {
  function lines(eager: boolean) {
    let now = 0;
    const said: string[] = [];
    const p = new ProgressLines((t) => said.push(t), eager, () => now);
    return { p, said, at: (ms: number) => (now = ms) };
  }
  const read = (records: number) => ({ phase: "read" as const, kind: "entries" as const, source: "积分.csv", records, fraction: records / 400_000 });

  it("on a terminal, say nothing for the first second, then at most once a second", () => {
    const { p, said, at } = lines(false);
    p.import(read(10_000));
    at(900);
    p.import(read(90_000));
    at(1000);
    p.import(read(100_000));
    at(1500);
    p.import(read(150_000));
    at(2100);
    p.import(read(210_000));
    p.import({ phase: "write", rows: 400_000 });
    p.saving("台账.xlsx");
    expect(said).toEqual(["积分.csv：已读取 100000 行（25%）…", "积分.csv：已读取 210000 行（52%）…", "正在把 400000 行写入工作簿…", "正在保存 台账.xlsx…"]);
  });

  it("a short import on a terminal says nothing at all", () => {
    const { p, said, at } = lines(false);
    p.import(read(31));
    at(300);
    p.import({ phase: "write", rows: 30 });
    p.saving("台账.xlsx");
    expect(said).toEqual([]);
  });

  it("with --progress, from the start", () => {
    const { p, said } = lines(true);
    p.import({ ...read(31), fraction: null });
    p.import({ phase: "write", rows: 30 });
    expect(said).toEqual(["积分.csv：已读取 31 行…", "正在把 30 行写入工作簿…"]);
  });
});
