// 医院: 「当年党支部、党员基础分为上年党支部、党员个人考核分的40%」.
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-carry-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

describe("init --previous carries last year's totals into this year's base", () => {
  it("gives each member 40 % of last year's total, and the fallback with a warning naming those without one", async () => {
    const last = path.join(dir, "2025.xlsx");
    expect((await cli("init", last, "--scheme", "hospital-40-50-10", "--year", "2025")).code).toBe(0);
    const roster = file("r25.csv", "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n");
    // 2025: 张三 40 (no previous: fallback) + T2 3 + W1 5 = 48; 李四 40 − 2 (H1) = 38.
    const entries = file("e25.csv", "日期,编号,项目代码,次数,分值,证明材料\n2025-03-05,001,T2,1,3,任务单\n2025-06-01,001,W1,1,5,表彰文件\n2025-04-10,002,H1,1,,\n");
    expect((await cli("import", last, "--roster", roster, "--entries", entries)).code).toBe(0);
    const totals = JSON.parse((await cli("scores", last, "--period", "2025", "--json")).out).members.map((m: { id: string; total: number }) => [m.id, m.total]);
    expect(totals).toEqual([["001", 48], ["002", 38]]);

    const book = path.join(dir, "2026.xlsx");
    const init = await cli("init", book, "--scheme", "hospital-40-50-10", "--year", "2026", "--previous", last);
    expect(init).toMatchObject({ code: 0, err: "" });
    expect(init.out).toContain("已把 2 名党员 2025 年度的总分写入「上年积分」");
    expect((await cli("import", book, "--roster", file("r26.csv", "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,正式党员\n"))).code).toBe(0);
    const r = await cli("scores", book, "--period", "2026", "--json");
    const base = JSON.parse(r.out).members.map((m: { id: string; components: Record<string, number> }) => [m.id, m.components["基础分"]]);
    // 0.4 × 48 = 19.2; 0.4 × 38 = 15.2; 王五 has no 2025 total: the fallback 40.
    expect(base).toEqual([["001", 19.2], ["002", 15.2], ["003", 40]]);
    expect(r.err).toContain("以下党员没有上年得分，基础分按 40 分：王五（003）");
    const v = await cli("validate", book, "--json");
    expect(JSON.parse(v.out).map((i: { code: string }) => i.code)).toContain("previous-total-missing");
  });

  it("takes a roster's 上年得分 column into 上年积分 instead of dropping it, keeping totals already there", async () => {
    const book = path.join(dir, "roster-previous.xlsx");
    expect((await cli("init", book, "--scheme", "hospital-40-50-10", "--year", "2026")).code).toBe(0);
    const first = await cli("import", book, "--roster", file("r-prev.csv", "编号,姓名,党员类别,上年得分\n001,张三,正式党员,90\n003,王五,正式党员,\n"));
    expect(first.code).toBe(0);
    expect(first.out).toContain("「上年得分」列写入「上年积分」：1 名党员的上年得分");
    expect(first.out).not.toContain("以下列不导入");
    const r = await cli("scores", book, "--period", "2026", "--json");
    const base = JSON.parse(r.out).members.map((m: { id: string; components: Record<string, number> }) => [m.id, m.components["基础分"]]);
    // 0.4 × 90 = 36; 王五 has none: the fallback 40.
    expect(base).toEqual([["001", 36], ["003", 40]]);
    // A second roster file with the column never overwrites what 上年积分 has; a total that is not a number is named, and scores wait for it.
    const again = await cli("import", book, "--roster", file("r-prev2.csv", "编号,姓名,党员类别,上年度得分\n001,张三,正式党员,10\n002,李四,正式党员,八十\n"));
    expect(again.out).toContain("1 名党员的上年得分；001在「上年积分」中已有，保留原值");
    const v = JSON.parse((await cli("validate", book, "--json")).out) as { code: string; sheet: string }[];
    expect(v.find((i) => i.code === "previous-total-bad")).toMatchObject({ sheet: "上年积分" });
    const refused = await cli("scores", book, "--period", "2026", "--json");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("上年积分");
  });

  it("refuses a previous ledger that is not of an earlier year, writing nothing", async () => {
    const a = path.join(dir, "a2026.xlsx");
    expect((await cli("init", a, "--scheme", "hospital-40-50-10", "--year", "2026")).code).toBe(0);
    const b = path.join(dir, "b2026.xlsx");
    const r = await cli("init", b, "--scheme", "hospital-40-50-10", "--year", "2026", "--previous", a);
    expect(r.code).toBe(1);
    expect(r.err).toContain("不早于本台账的 2026 年度");
    expect(fs.existsSync(b)).toBe(false);
  });
});
