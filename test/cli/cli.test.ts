import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { scoreMembers } from "../../src/core/engine/scoreMembers";
import { BUILTIN_SCHEMES } from "../../src/core/scheme/presets";
import type { Scheme } from "../../src/core/scheme/schema";
import { scoresJson } from "../../src/cli/main";
import { cli } from "../support/cli";

const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


/** A roster with one member of each category and one entry per scoring item, valid for the scheme. */
function fixtures(scheme: Scheme): { roster: string; entries: string; appraisals: string; members: { id: string; name: string; category: string }[] } {
  const members = scheme.categories.map((c, i) => ({ id: `M${i + 1}`, name: `党员${i + 1}`, category: c.name }));
  const roster = ["编号,姓名,党员类别", ...members.map((m) => `${m.id},${m.name},${m.category}`)].join("\n");
  const start = scheme.cycleStartMonth === 1 ? "2026-01" : `2025-${String(scheme.cycleStartMonth).padStart(2, "0")}`;
  const lines = ["日期,编号,项目代码,次数,分值"];
  scheme.items
    .filter((i) => i.points.kind !== "veto")
    .forEach((item, i) => {
      const member = members.find((m) => !item.categories || item.categories.includes(m.category))!;
      const value = item.points.kind === "range" ? item.points.max : "";
      lines.push(`${start}-${String((i % 27) + 1).padStart(2, "0")},${member.id},${item.code},1,${value}`);
    });
  const appraisal = scheme.components.find((c) => c.kind === "appraisal");
  const grade = appraisal?.kind === "appraisal" && appraisal.appraisal.mode === "grades" ? appraisal.appraisal.grades[1].name : "";
  const score = appraisal?.kind === "appraisal" && appraisal.appraisal.mode === "score" ? String(appraisal.appraisal.max - 2) : "";
  const appraisals = ["编号,评议等次,分值", ...members.map((m) => `${m.id},${grade},${score}`)].join("\n");
  return { roster, entries: lines.join("\n"), appraisals, members };
}

describe("party-ledger CLI", () => {
  it.each(BUILTIN_SCHEMES.map((s) => [s.id, s] as const))("init + import + scores --json works for %s", async (id, scheme) => {
    const book = path.join(dir, `${id}.xlsx`);
    const f = fixtures(scheme);
    for (const [name, text] of Object.entries({ roster: f.roster, entries: f.entries, appraisals: f.appraisals })) fs.writeFileSync(path.join(dir, `${id}-${name}.csv`), text);
    expect((await cli("init", book, "--scheme", id, "--year", "2026", "--branch", "测试支部")).code).toBe(0);
    const imported = await cli("import", book, "--roster", path.join(dir, `${id}-roster.csv`), "--entries", path.join(dir, `${id}-entries.csv`), "--appraisals", path.join(dir, `${id}-appraisals.csv`));
    expect(imported).toMatchObject({ code: 0, err: "" });
    const run = await cli("scores", book, "--period", "2026", "--json");
    expect(run.code).toBe(0);
    // Schemes whose year is the sum of approved periods say which periods are not approved yet.
    // Schemes that carry last year's total over name the members without one (none here: a first year).
    if (scheme.components.some((c) => c.kind === "points" && c.carryOver)) expect(run.err).toMatch(/^注意：本方案的基础分由上年得分结转.+以下党员没有上年得分.+\n$/);
    else if (scheme.cycleTotalFrom === "ledger") expect(run.err).toBe("");
    else expect(run.err).toMatch(/^注意：本方案的年度积分为支委会审定后各期积分之和，.+ 尚未审定\n$/);
    const json = JSON.parse(run.out);
    // The same numbers as the engine on the same data: nothing lost or changed on the way through the .xlsx.
    const entries = f.entries.split("\n").slice(1).map((l) => {
      const [date, memberId, itemCode, count, value] = l.split(",");
      return { date, memberId, itemCode, count: Number(count), value: value === "" ? undefined : Number(value) };
    });
    const appraisals = f.members.map((m) => {
      const [, grade, score] = f.appraisals.split("\n").find((l) => l.startsWith(`${m.id},`))!.split(",");
      return { cycleYear: 2026, memberId: m.id, grade: grade || undefined, score: score === "" ? undefined : Number(score) };
    });
    const expected = scoresJson(scoreMembers({ scheme, members: f.members, entries, appraisals, period: "2026" }));
    expect(json).toEqual(expected);
    expect(json.scheme).toBe(id);
    expect(Object.keys(json.members[0].components)).toEqual(scheme.components.map((c) => c.name));
  });

  it("gives the star-member numbers a clerk would compute by hand", async () => {
    const book = path.join(dir, "hand.xlsx");
    fs.writeFileSync(path.join(dir, "hand-r.csv"), "\uFEFF编号,姓名,党员类别\n001,张三,正式党员\n002,李四,入党积极分子\n");
    fs.writeFileSync(path.join(dir, "hand-e.csv"), '日期,编号,项目代码,次数,分值,说明\n2026-03-02,001,D1,2,,"缺席,两次"\n2026-09-01,001,D6,,-3,\n');
    fs.writeFileSync(path.join(dir, "hand-a.csv"), "编号,评议等次\n001,合格\n");
    await cli("init", book, "--scheme", "star-member", "--year", "2026");
    await cli("import", book, "--roster", path.join(dir, "hand-r.csv"), "--entries", path.join(dir, "hand-e.csv"), "--appraisals", path.join(dir, "hand-a.csv"));
    const json = JSON.parse((await cli("scores", book, "--period", "2026", "--json")).out);
    // 80 − 2 × 1 − 3 = 75, 评议“合格”15 → 90 优秀; 入党积极分子 unranked.
    expect(json.members).toEqual([
      { id: "001", name: "张三", category: "正式党员", components: { 日常行为积分: 75, 年度评议积分: 15 }, total: 90, grade: "优秀", rank: 1, veto: false, vetoReason: null, probation: null },
      { id: "002", name: "李四", category: "入党积极分子", components: { 日常行为积分: 80, 年度评议积分: 0 }, total: 80, grade: null, rank: null, veto: false, vetoReason: null, probation: null },
    ]);
  });

  it("validate: exit 0 with warnings only, 1 with errors (listed with sheet, row and column), --json gives the array", async () => {
    const book = path.join(dir, "validate.xlsx");
    fs.writeFileSync(path.join(dir, "v-r.csv"), "编号,姓名,党员类别\n001,张三,正式党员\n");
    fs.writeFileSync(path.join(dir, "v-e.csv"), "日期,编号,项目代码\n2026-03-02,001,D3\n");
    await cli("init", book, "--scheme", "star-member", "--year", "2026");
    await cli("import", book, "--roster", path.join(dir, "v-r.csv"), "--entries", path.join(dir, "v-e.csv"));
    const warningsOnly = await cli("validate", book);
    expect(warningsOnly.code).toBe(0);
    expect(warningsOnly.out).toContain("积分台账!H2\t警告\t第2行 证明材料 为空：D3 受组织处理 须附证明材料");
    fs.writeFileSync(path.join(dir, "v-e2.csv"), "日期,编号,项目代码,分值\n2026-02-30,001,D1,\n2026-03-01,009,D1,\n2026-03-01,001,D6,-6\n");
    await cli("import", book, "--entries", path.join(dir, "v-e2.csv"));
    const withErrors = await cli("validate", book, "--json");
    expect(withErrors.code).toBe(1);
    const issues = JSON.parse(withErrors.out) as { code: string; sheet: string; row: number; column: string; message: string }[];
    expect(issues.filter((i) => i.code !== "evidence-missing").map((i) => [i.code, `${i.sheet}!${i.column}${i.row}`, i.message])).toEqual([
      ["bad-date", "积分台账!A3", "第3行 日期 「2026-02-30」不是有效日期"],
      ["unknown-member", "积分台账!B4", "第4行 编号 「009」不在党员名册中"],
      ["value-out-of-range", "积分台账!G5", "第5行 分值 -6 超出 D6 的范围 -4 至 -1"],
    ]);
    expect((await cli("validate", path.join(dir, "nope.xlsx"))).code).toBe(2);
  });

  it("answers user mistakes with a Chinese message and exit 2, never a stack trace", async () => {
    for (const argv of [
      [],
      ["frob"],
      ["init"],
      ["init", path.join(dir, "x.xlsx"), "--scheme", "nope", "--year", "2026"],
      ["init", path.join(dir, "x.xlsx"), "--scheme", "star-member", "--year", "26"],
      ["scores", path.join(dir, "missing.xlsx"), "--period", "2026"],
      ["scores", path.join(dir, "hand.xlsx"), "--period", "2026Q5"],
      ["scores", path.join(dir, "hand.xlsx"), "--period"],
      ["import", path.join(dir, "hand.xlsx")],
      ["import", path.join(dir, "hand.xlsx"), "--roster", path.join(dir, "none.csv")],
    ]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err + r.out).toMatch(/[\u4e00-\u9fff]/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    fs.writeFileSync(path.join(dir, "not.xlsx"), "this is not a workbook");
    const bad = await cli("scores", path.join(dir, "not.xlsx"), "--period", "2026");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("无法读取");
  });

  it("runs as `npx party-ledger` after the install", () => {
    const run = spawnSync("npx", ["--no-install", "party-ledger", "schemes", "--json"], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(0);
    const list = JSON.parse(run.stdout) as { id: string }[];
    expect(list.map((s) => s.id)).toEqual(BUILTIN_SCHEMES.map((s) => s.id));
    const usage = spawnSync("npx", ["--no-install", "party-ledger", "scores"], { cwd: root, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("缺少工作簿文件名");
  });
});
