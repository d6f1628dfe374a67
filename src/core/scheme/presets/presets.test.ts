import fs from "fs";
import path from "path";
import { schemeMaximum, scoreMembers } from "../../engine/scoreMembers";
import type { Member } from "../../engine/types";
import { parseScheme, type Scheme } from "../schema";
import { BUILTIN_SCHEMES, getBuiltinScheme } from "./index";

const SEED_FILE = path.resolve(__dirname, "../../../../docs/regulations-seed.txt");

const SEED_ORDER = [
  "company",
  "oilfield-60-40",
  "handbook",
  "branch-stars",
  "star-member",
  "hospital-40-50-10",
  "enterprise-half",
  "dec-nov-cycle",
  "classified-grading",
  "detailed-100",
];

const FULL_WIDTH: Record<string, string> = { "，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "。": ".", "“": '"', "”": '"' };

/** Full-width punctuation to ASCII, then only letters (CJK included) and digits are kept. */
function normalise(text: string): string {
  return text.replace(/[，（）：；。“”]/g, (c) => FULL_WIDTH[c]).replace(/[^\p{L}\p{N}]/gu, "");
}

/** A quote may skip seed text with "…": its pieces must appear in the seed, in order. */
function quoteFound(seed: string, quote: string): boolean {
  let from = 0;
  for (const piece of quote.split("…").map(normalise).filter(Boolean)) {
    const at = seed.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

function clone(scheme: Scheme): Record<string, unknown> & Scheme {
  return JSON.parse(JSON.stringify(scheme));
}

function member(id: string, category = "正式党员"): Member {
  return { id, name: id, category };
}

describe("built-in schemes", () => {
  it("are the ten systems of the seed, in seed order, with unique ids", () => {
    expect(BUILTIN_SCHEMES.map((s) => s.id)).toEqual(SEED_ORDER);
    expect(new Set(BUILTIN_SCHEMES.map((s) => s.id)).size).toBe(10);
  });

  it.each(SEED_ORDER.map((id) => [id]))("%s parses again from its JSON", (id) => {
    const result = parseScheme(JSON.parse(JSON.stringify(getBuiltinScheme(id))));
    expect(result.success).toBe(true);
  });

  it.each(SEED_ORDER.map((id) => [id]))("%s has short uppercase item codes, pending marked 待支部确定, a max on every points component", (id) => {
    const s = getBuiltinScheme(id);
    for (const item of s.items) expect(item.code).toMatch(/^[A-Z][0-9]{1,2}$/);
    expect(new Set(s.items.map((i) => i.code)).size).toBe(s.items.length);
    for (const p of s.pending) expect(p).toContain("待支部确定");
    for (const c of s.components) if (c.kind === "points") expect(Number.isFinite(c.max)).toBe(true);
    for (const item of s.items) if (item.points.kind === "veto") expect(item.evidenceRequired).toBe(true);
  });

  it.each([
    ["company", 100],
    ["oilfield-60-40", 110],
    ["handbook", 100],
    ["branch-stars", 5],
    ["star-member", 100],
    ["hospital-40-50-10", 100],
    ["enterprise-half", 200],
    ["dec-nov-cycle", 100],
    ["classified-grading", 100],
    ["detailed-100", 100],
  ])("%s has a cycle maximum of %d", (id, max) => {
    expect(schemeMaximum(getBuiltinScheme(id))).toBe(max);
  });
});

describe("quotes", () => {
  const seed = normalise(fs.readFileSync(SEED_FILE, "utf8"));

  it("the seed is read", () => {
    expect(seed.length).toBeGreaterThan(5000);
  });

  it.each(SEED_ORDER.map((id) => [id]))("every quote of %s is text of the seed", (id) => {
    const s = getBuiltinScheme(id);
    expect(s.source.quotes.length).toBeGreaterThan(0);
    const missing = s.source.quotes.filter((q) => !quoteFound(seed, q));
    expect(missing).toEqual([]);
  });

  it("the normaliser catches a quote that is not in the seed", () => {
    expect(quoteFound(seed, "基础分总分60分，履职分总分40分")).toBe(true);
    expect(quoteFound(seed, "基础分总分70分")).toBe(false);
    expect(quoteFound(seed, "选煤厂党支部…掘进六队党支部")).toBe(false);
  });
});

describe("spot checks", () => {
  it("star-member: D6 is a range −4..−1, V1 and V2 are veto", () => {
    const s = getBuiltinScheme("star-member");
    expect(s.items.find((i) => i.code === "D6")?.points).toEqual({ kind: "range", min: -4, max: -1 });
    expect(s.items.find((i) => i.code === "V1")?.points.kind).toBe("veto");
    expect(s.items.find((i) => i.code === "V2")?.points.kind).toBe("veto");
  });

  it("detailed-100: bonus max 20, appraisal score 0–20", () => {
    const s = getBuiltinScheme("detailed-100");
    expect(s.components.find((c) => c.id === "bonus")).toMatchObject({ kind: "points", max: 20 });
    expect(s.components.find((c) => c.kind === "appraisal")).toMatchObject({ appraisal: { mode: "score", min: 0, max: 20 } });
  });

  it("dec-nov-cycle: December start, probation at 80/60, star-member's items, new members at the branch average", () => {
    const s = getBuiltinScheme("dec-nov-cycle");
    expect(s.cycleStartMonth).toBe(12);
    expect(s.probation?.category).toBe("预备党员");
    expect(s.probation?.outcomes.map((o) => o.min)).toEqual([80, 60, 0]);
    // 「累计积分60分以上的党员，具有评优资格；累计积分40-59分的为合格党员等次；累计积分40分以下由支部进行谈话教育」
    expect(s.grades.map((g) => [g.name, g.min])).toEqual([["具有评优资格", 60], ["合格", 40], ["谈话教育", 0]]);
    expect(s.newMembers).toBe("branchAverage");
    expect(s.items).toEqual(getBuiltinScheme("star-member").items);
  });

  it("dec-nov-cycle: an entry in December counts in the next year's cycle", () => {
    const s = getBuiltinScheme("dec-nov-cycle");
    const r = scoreMembers({
      scheme: s,
      members: [member("a"), member("p", "预备党员")],
      entries: [{ date: "2025-12-15", memberId: "p", itemCode: "D5" }],
      appraisals: [{ cycleYear: 2026, memberId: "p", grade: "合格" }],
      period: "2026",
    });
    expect(r.members[1]).toMatchObject({ total: 90, probation: "按期转正" });
    expect(r.members[0]).toMatchObject({ total: 80, grade: "具有评优资格", gradeNote: null });
  });

  it("dec-nov-cycle: a new member's months before joining are the average of the members assessed then, not of 积极分子 or the vetoed", () => {
    // 「备注，新入职党员未考核月份积分按支部之前月份考核平均积分计算」
    const s = getBuiltinScheme("dec-nov-cycle");
    const r = scoreMembers({
      scheme: s,
      members: [member("a"), member("b", "入党积极分子"), member("c"), { ...member("n"), transferredIn: "2026-01-01" }],
      // December 2025: a −10 (D3 受组织处理 −5, twice), c vetoed, b nothing.
      entries: [
        { date: "2025-12-05", memberId: "a", itemCode: "D3", count: 2 },
        { date: "2025-12-06", memberId: "c", itemCode: "V1" },
      ],
      period: "2026",
    });
    // December's average is a's −10 alone (b is not assessed, c is vetoed): n = 80 − 10 = 70 (before: (−10 + 0 + 0) / 3 → 76.7).
    expect(r.members.map((m) => [m.id, m.total])).toEqual([["a", 70], ["b", 80], ["c", 0], ["n", 70]]);
  });

  it("star-member: 离退休党员 take the grade the 民主评议 gives them and are not ranked", () => {
    // 「考核对象区委*****党支部管理的在职党员、离退休党员，年底根据其参与党组织活动和日常行为表现直接进行民主评议定级」
    const s = getBuiltinScheme("star-member");
    const r = scoreMembers({
      scheme: s,
      members: [member("a"), member("r", "离退休党员"), member("q", "离退休党员")],
      entries: [{ date: "2026-03-01", memberId: "r", itemCode: "D1" }],
      appraisals: [
        { cycleYear: 2026, memberId: "a", grade: "合格" },
        { cycleYear: 2026, memberId: "r", grade: "优秀" },
      ],
      period: "2026",
    });
    // a: 80 + 15 = 95 → 优秀 by the lines. r: 79 + 20 = 99, graded 优秀 by the appraisal itself, unranked. q: no appraisal → no grade.
    expect(r.members.map((m) => [m.id, m.total, m.grade, m.rank])).toEqual([
      ["a", 95, "优秀", 1],
      ["r", 99, "优秀", null],
      ["q", 80, null, null],
    ]);
    const basic = scoreMembers({ scheme: s, members: [member("r", "离退休党员")], entries: [], appraisals: [{ cycleYear: 2026, memberId: "r", grade: "基本合格" }], period: "2026" });
    // 80 + 10 = 90 would be 优秀 by the lines; the meeting's 基本合格 stands.
    expect(basic.members[0]).toMatchObject({ total: 90, grade: "基本合格" });
  });

  it("oilfield-60-40: 履职分 as earned up to 40 (the preset) or as 40 with deductions are both expressible", () => {
    // 「其中，基础分总分60分，履职分总分40分。」 The article also says 「以累计积分的形式」: the preset earns 履职分 from 0.
    const s = getBuiltinScheme("oilfield-60-40");
    expect(s.pending.some((p) => p.startsWith("履职分计分方式"))).toBe(true);
    const earned = scoreMembers({ scheme: s, members: [member("a")], entries: [{ date: "2026-03-01", memberId: "a", itemCode: "R2", value: 3 }], period: "2026" });
    expect(earned.members[0].components["履职分"]).toBe(3);
    const input = JSON.parse(JSON.stringify(s));
    const duty = input.components.find((c: { id: string }) => c.id === "duty");
    Object.assign(duty, { initial: 40, floor: 0 });
    input.items.find((i: { code: string }) => i.code === "R2").points = { kind: "range", min: -3, max: -1 };
    const deducted = parseScheme(input);
    expect(deducted.success).toBe(true);
    if (!deducted.success) return;
    const r = scoreMembers({ scheme: deducted.data, members: [member("a")], entries: [{ date: "2026-03-01", memberId: "a", itemCode: "R2", value: -3 }], period: "2026" });
    expect(r.members[0].components["履职分"]).toBe(37);
  });

  it("star-member: six months in a row of unpaid dues (D5) clear the year as V2 does; five do not", () => {
    // 「⑤党员不能按时或足额交纳党费每次扣5分，连续6个月以上无正当理由不交纳党费的全年无积分」
    const s = getBuiltinScheme("star-member");
    const months = (id: string, from: number, n: number) => Array.from({ length: n }, (_, k) => ({ date: `2026-${String(from + k).padStart(2, "0")}-10`, memberId: id, itemCode: "D5" }));
    const r = scoreMembers({
      scheme: s,
      members: [member("six"), member("five"), member("gap")],
      // gap: January–March and May–July (April paid): two runs of three.
      entries: [...months("six", 2, 6), ...months("five", 1, 5), ...months("gap", 1, 3), ...months("gap", 5, 3)],
      period: "2026",
    });
    expect(r.members[0]).toMatchObject({ total: 0, veto: true });
    expect(r.members[0].vetoReason).toBe("V2 连续6个月以上无正当理由不交纳党费（连续 6 个月有 D5 记录：2026-02 至 2026-07）");
    // 80 − 5 × 5 = 55; 80 − 6 × 5 = 50.
    expect(r.members.slice(1).map((m) => [m.total, m.veto])).toEqual([[55, false], [50, false]]);
    // A reversed D5 breaks the run.
    const entries = months("six", 2, 6).map((e, i) => ({ ...e, ref: i + 2 }));
    const corrected = scoreMembers({ scheme: s, members: [member("six")], entries: [...entries, { ...entries[2], ref: 99, reverses: 4 }], period: "2026" });
    expect(corrected.members[0]).toMatchObject({ veto: false, total: 55 });
  });

  it("hospital: 基础分 carries over 40 % of last year's total, 40 when unknown", () => {
    const s = getBuiltinScheme("hospital-40-50-10");
    expect(s.components.find((c) => c.id === "base")).toMatchObject({ kind: "points", max: 40, carryOver: { fraction: 0.4, fallback: 40 } });
    const r = scoreMembers({ scheme: s, members: [member("a"), member("b")], entries: [], previousTotals: { a: 80 }, period: "2026" });
    expect(r.members.map((m) => m.components["基础分"])).toEqual([32, 40]);
  });

  it("hospital: 任务分 is capped per month", () => {
    const s = getBuiltinScheme("hospital-40-50-10");
    const r = scoreMembers({
      scheme: s,
      members: [member("a")],
      entries: [
        { date: "2026-01-10", memberId: "a", itemCode: "T1", value: 4.2 },
        { date: "2026-01-20", memberId: "a", itemCode: "T1", value: 3 },
        { date: "2026-02-10", memberId: "a", itemCode: "T1", value: 4 },
      ],
      period: "2026",
    });
    expect(r.members[0].components["任务分"]).toBe(8.2);
  });

  it("branch-stars: scores branches, each star once a year, graded 3/4/5 stars", () => {
    const s = getBuiltinScheme("branch-stars");
    expect(s.subject).toBe("branch");
    expect(s.categories).toEqual([{ name: "党支部", graded: true, ranked: true }]);
    expect(s.grades.map((g) => [g.name, g.min])).toEqual([
      ["五星级党支部", 5],
      ["四星级党支部", 4],
      ["三星级党支部", 3],
      ["未定级", 0],
    ]);
    for (const item of s.items) expect(item.cap).toEqual({ period: "cycle", points: 1 });
    const star = (name: string) => s.items.find((i) => i.name === name)!.code;
    const branch = (id: string) => ({ id, name: id, category: "党支部" });
    const r = scoreMembers({
      scheme: s,
      members: [branch("掘进六队党支部"), branch("生产服务队党支部"), branch("选煤厂党支部")],
      entries: [
        ...["安全星", "绩效星", "廉洁星", "廉洁星"].map((n, i) => ({ date: `2026-0${i + 1}-01`, memberId: "掘进六队党支部", itemCode: star(n) })),
        ...["学习星", "安全星", "廉洁星", "绩效星"].map((n) => ({ date: "2026-06-30", memberId: "生产服务队党支部", itemCode: star(n) })),
        ...["学习星", "安全星", "绩效星", "廉洁星", "创新星"].map((n) => ({ date: "2026-12-01", memberId: "选煤厂党支部", itemCode: star(n), count: 2 })),
      ],
      period: "2026",
    });
    expect(r.members.map((m) => [m.total, m.grade, m.rank])).toEqual([
      [3, "三星级党支部", 3],
      [4, "四星级党支部", 2],
      [5, "五星级党支部", 1],
    ]);
  });

  it("company: yearly total from the approved quarters; only full members graded and ranked; veto clears the year", () => {
    const s = getBuiltinScheme("company");
    expect(s.cycleTotalFrom).toBe("quarter");
    expect(s.approval).toBe("quarter");
    expect(s.publicity).toBe("quarter");
    expect(s.ranking).toBe("half");
    for (const c of s.categories) expect([c.name, c.graded, c.ranked]).toEqual([c.name, c.name === "正式党员", c.name === "正式党员"]);
    const r = scoreMembers({
      scheme: s,
      members: [member("a"), member("b", "预备党员"), member("c"), member("d", "入党积极分子")],
      entries: [
        { date: "2026-02-01", memberId: "a", itemCode: "K4", count: 6 },
        { date: "2026-05-01", memberId: "a", itemCode: "J1", value: 5 },
        { date: "2026-05-02", memberId: "a", itemCode: "J6", value: 5 },
        { date: "2026-05-03", memberId: "a", itemCode: "J5" },
        { date: "2026-08-01", memberId: "c", itemCode: "X1" },
      ],
      period: "2026",
    });
    // a: Q1 base 0 (20 − 30 stops at 0), Q2 20 + 5 (附加分 5 + 5 + 2 capped at 5 a quarter), Q3 20, Q4 20 → 65 基本合格.
    expect(r.members.map((m) => [m.total, m.grade, m.rank, m.veto])).toEqual([
      [65, "基本合格", 1, false],
      [80, null, null, false],
      [0, "不合格", 2, true],
      [80, null, null, false],
    ]);
  });

  it("enterprise-half: each half-year scored and graded on its own, at most 100", () => {
    const s = getBuiltinScheme("enterprise-half");
    expect(s.gradedPeriod).toBe("half");
    expect(schemeMaximum(s, "half")).toBe(100);
    for (const c of s.components) expect(c).toMatchObject({ kind: "points", grant: "half" });
    const entries = [
      ...Array.from({ length: 10 }, (_, i) => ({ date: `2026-0${(i % 6) + 1}-1${i % 3}`, memberId: "a", itemCode: "A3" })),
      { date: "2026-03-01", memberId: "a", itemCode: "R1", value: 5 },
      { date: "2026-04-01", memberId: "a", itemCode: "R2", value: 3 },
      { date: "2026-08-01", memberId: "a", itemCode: "W3" },
    ];
    const h1 = scoreMembers({ scheme: s, members: [member("a")], entries, period: "2026H1" });
    expect(h1.members[0]).toMatchObject({ total: 98, grade: "优秀" });
    const h2 = scoreMembers({ scheme: s, members: [member("a")], entries, period: "2026H2" });
    expect(h2.members[0]).toMatchObject({ total: 58, grade: "不合格" });
    const year = scoreMembers({ scheme: s, members: [member("a")], entries, period: "2026" });
    expect(year.members[0]).toMatchObject({ total: 156, grade: null });
  });

  it("classified-grading: the seed's rows get the seed's grades", () => {
    const s = getBuiltinScheme("classified-grading");
    const gradeOf = (total: number) => s.grades.find((g) => total >= g.min)?.name;
    expect([gradeOf(93), gradeOf(98), gradeOf(87)]).toEqual(["优秀", "优秀", "合格"]);
    expect([gradeOf(69.9), gradeOf(60), gradeOf(59.9)]).toEqual(["基本合格", "基本合格", "不合格"]);
  });

  it("handbook: 业绩分 has a 完成承诺事项 item", () => {
    const s = getBuiltinScheme("handbook");
    expect(s.items.find((i) => i.name === "完成承诺事项")).toMatchObject({ component: "merit", evidenceRequired: true });
  });
});

describe("a broken copy of a preset is rejected field by field, in Chinese", () => {
  const CHINESE = /[\u4e00-\u9fff]/;

  function errorsOf(broken: unknown) {
    const r = parseScheme(broken);
    expect(r.success).toBe(false);
    if (r.success) throw new Error("parsed");
    for (const e of r.errors) expect(e.message).toMatch(CHINESE);
    return r.errors;
  }

  it("a range with min > max", () => {
    const s = clone(getBuiltinScheme("star-member"));
    const i = s.items.findIndex((x) => x.code === "D6");
    s.items[i].points = { kind: "range", min: -1, max: -4 };
    expect(errorsOf(s).map((e) => e.path)).toEqual([`items.${i}.points.min`]);
  });

  it("a duplicate item code", () => {
    const s = clone(getBuiltinScheme("company"));
    s.items[3].code = s.items[1].code.toLowerCase();
    expect(errorsOf(s)).toEqual([{ path: "items.3.code", message: expect.stringContaining("重复") }]);
  });

  it("an item pointing to a missing component", () => {
    const s = clone(getBuiltinScheme("oilfield-60-40"));
    s.items[2].component = "nope";
    expect(errorsOf(s)).toEqual([{ path: "items.2.component", message: expect.stringContaining("不存在") }]);
  });

  it("a string where a number belongs", () => {
    const s = clone(getBuiltinScheme("hospital-40-50-10"));
    (s.components[1] as unknown as Record<string, unknown>).max = "50";
    expect(errorsOf(s).map((e) => e.path)).toEqual(["components.1.max"]);
  });

  it("a value with two decimals, a category not defined, a grade list not ending at 0", () => {
    const s = clone(getBuiltinScheme("branch-stars"));
    s.items[0].points = { kind: "fixed", value: 1.25 };
    s.items[1].categories = ["正式党员"];
    s.grades = s.grades.slice(0, 3);
    expect(errorsOf(s).map((e) => e.path).sort()).toEqual(["grades", "items.0.points.value", "items.1.categories.0"]);
  });

  it("probation outcomes out of order", () => {
    const s = clone(getBuiltinScheme("dec-nov-cycle"));
    s.probation!.outcomes.reverse();
    expect(errorsOf(s)).toEqual([
      { path: "probation.outcomes", message: expect.stringContaining("从高到低") },
      { path: "probation.outcomes", message: expect.stringContaining("不高于0") },
    ]);
  });
});
