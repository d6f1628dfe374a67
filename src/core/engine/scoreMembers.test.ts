import { parsePeriod, periodDates, subPeriods } from "../period";
import { seededRandom } from "../random";
import { BUILTIN_SCHEMES, getBuiltinScheme } from "../scheme/presets";
import { parseScheme, type Scheme, type SchemeInput } from "../scheme/schema";
import { entryPoints } from "./entryPoints";
import { ledgerColumns, ledgerEntries, scoreCycle, scoreMembers } from "./scoreMembers";
import type { LedgerEntry, Member } from "./types";

const star = getBuiltinScheme("star-member");
const detailed = getBuiltinScheme("detailed-100");

const roster: Member[] = [
  { id: "001", name: "张三", category: "正式党员" },
  { id: "002", name: "李四", category: "正式党员" },
  { id: "003", name: "王五", category: "预备党员" },
  { id: "004", name: "赵六", category: "入党积极分子" },
];

function e(date: string, memberId: string, itemCode: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return { date, memberId, itemCode, ...extra };
}

function byId(result: ReturnType<typeof scoreMembers>, id: string) {
  const m = result.members.find((x) => x.id === id);
  if (!m) throw new Error(`no member ${id}`);
  return m;
}

function variant(base: Scheme, change: (s: SchemeInput) => void): Scheme {
  const copy = JSON.parse(JSON.stringify(base)) as SchemeInput;
  change(copy);
  const parsed = parseScheme(copy);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

describe("star-member (星级党员管理量化考评制度)", () => {
  it("deducts from 日常行为积分 80 and adds 年度评议积分 by grade", () => {
    // ①缺席每次扣1分 ×2, ②迟到早退每次扣2分 ×1, ⑥视情形扣1-4分 (3): 80 − 2 − 2 − 3 = 73; 评议“合格”记15分 → 88 合格.
    const entries = [
      e("2026-03-02", "001", "D1", { count: 2 }),
      e("2026-05-10", "001", "D2"),
      e("2026-09-01", "001", "D6", { value: -3, note: "酒后失态" }),
    ];
    const r = scoreMembers({
      scheme: star,
      members: roster,
      entries,
      appraisals: [
        { cycleYear: 2026, memberId: "001", grade: "合格" },
        { cycleYear: 2026, memberId: "002", grade: "优秀" },
      ],
      period: "2026",
    });
    expect(r.componentNames).toEqual(["日常行为积分", "年度评议积分"]);
    expect(r.maxTotal).toBe(100);
    expect(byId(r, "001")).toMatchObject({ components: { 日常行为积分: 73, 年度评议积分: 15 }, total: 88, grade: "合格", rank: 2 });
    // “全年累计积分90分以上的党员，具有评为优秀党员资格”: 80 + 20 = 100.
    expect(byId(r, "002")).toMatchObject({ total: 100, grade: "优秀", gradeNote: "具备评优资格", rank: 1 });
    // No appraisal recorded: 80 + 0 → 70-89 合格.
    expect(byId(r, "003")).toMatchObject({ total: 80, grade: "合格", rank: 3 });
    // 入党积极分子 is scored as 教育考察依据 only: no grade, no rank.
    expect(byId(r, "004")).toMatchObject({ total: 80, grade: null, rank: null });
  });

  it("“受留党察看及以上处分的全年无积分”: a veto zeroes the year, keeps the reason and ranks last", () => {
    const r = scoreMembers({
      scheme: star,
      members: roster,
      entries: [e("2026-04-01", "002", "V1", { note: "2026年4月党委决定" }), e("2026-02-01", "001", "D4")],
      appraisals: [{ cycleYear: 2026, memberId: "002", grade: "优秀" }],
      period: "2026",
    });
    const li = byId(r, "002");
    expect(li).toMatchObject({ total: 0, veto: true, grade: "不合格", rank: 3 });
    expect(li.vetoReason).toBe("V1 受留党察看及以上处分（2026-04-01，2026年4月党委决定）");
    expect(li.components).toEqual({ 日常行为积分: 0, 年度评议积分: 0 });
    // ④留党察看以下处分扣20分: 80 − 20 = 60 → 基本合格, still ranked above the vetoed member.
    expect(byId(r, "001")).toMatchObject({ total: 60, grade: "基本合格", rank: 2 });
    // The veto zeroes every period of that cycle, also the quarter before it happened.
    expect(byId(scoreMembers({ scheme: star, members: roster, entries: [e("2026-04-01", "002", "V1")], period: "2026Q1" }), "002").total).toBe(0);
  });

  it("floors 日常行为积分 at 0", () => {
    const entries = Array.from({ length: 5 }, (_, i) => e(`2026-0${i + 1}-15`, "001", "D4"));
    expect(byId(scoreMembers({ scheme: star, members: roster, entries, period: "2026" }), "001").total).toBe(0);
  });

  it("shows a half-year's standing to date and grades only the year", () => {
    const entries = [e("2026-02-01", "001", "D5"), e("2026-08-01", "001", "D5")];
    const h1 = scoreMembers({ scheme: star, members: roster, entries, period: "2026H1" });
    const h2 = scoreMembers({ scheme: star, members: roster, entries, period: "2026H2" });
    // ⑤不能按时或足额交纳党费每次扣5分: after H1 75, after H2 70.
    expect(byId(h1, "001")).toMatchObject({ components: { 日常行为积分: 75, 年度评议积分: 0 }, total: 75, grade: null });
    expect(byId(h2, "001").total).toBe(70);
    expect(h1.maxTotal).toBe(80);
  });
});

describe("detailed-100 (党员积分量化管理细则)", () => {
  it("adds 基础分 60, 加分项 capped at 20 and the 民主评议分 from the vote", () => {
    // 基础分: 无正当理由不参加1次扣2分 (B1), 迟到、早退1次扣1分 ×3 (B2): 60 − 2 − 3 = 55.
    // 加分: 志愿服务1次加2分 ×4 = 8, 带头促进事业发展酌情加2-5分: 5 + 4.5 → 8 + 9.5 = 17.5.
    // 民主评议分 17.5 from the vote. Total 55 + 17.5 + 17.5 = 90 → 优秀.
    const entries = [
      e("2026-01-10", "001", "B1"),
      e("2026-02-10", "001", "B2", { count: 3 }),
      e("2026-03-05", "001", "A2", { count: 4 }),
      e("2026-06-01", "001", "A1", { value: 5 }),
      e("2026-07-01", "001", "A1", { value: 4.5 }),
    ];
    const r = scoreMembers({ scheme: detailed, members: roster, entries, appraisals: [{ cycleYear: 2026, memberId: "001", score: 17.5 }], period: "2026" });
    expect(byId(r, "001")).toMatchObject({ components: { 基础分: 55, 加分: 17.5, 民主评议分: 17.5 }, total: 90, grade: "优秀" });
  });

  it("caps 加分项 at 20 and keeps exact tenths", () => {
    const entries = [
      ...Array.from({ length: 12 }, (_, i) => e(`2026-${String(i + 1).padStart(2, "0")}-01`, "002", "A2")),
      ...Array.from({ length: 3 }, () => e("2026-05-01", "001", "A1", { value: 2.1 })),
    ];
    const r = scoreMembers({ scheme: detailed, members: roster, entries, period: "2026" });
    // 12 × 2 = 24 → 加分 capped at 20: 60 + 20 = 80.
    expect(byId(r, "002").components["加分"]).toBe(20);
    expect(byId(r, "002").total).toBe(80);
    // 2.1 × 3 = 6.3 exactly, not 6.300000000000001.
    expect(byId(r, "001").components["加分"]).toBe(6.3);
    expect(byId(r, "001").total).toBe(66.3);
  });

  it("“因违反党纪法规受到处分的，实行一票否决”", () => {
    const r = scoreMembers({
      scheme: detailed,
      members: roster,
      entries: [e("2026-10-01", "001", "A1", { value: 5 }), e("2026-11-11", "001", "X1")],
      appraisals: [{ cycleYear: 2026, memberId: "001", score: 20 }],
      period: "2026",
    });
    expect(byId(r, "001")).toMatchObject({ total: 0, veto: true, grade: "不合格" });
  });

  it("ignores rows that cannot be scored as written and says why", () => {
    const entries: LedgerEntry[] = [
      e("2026-02-30", "001", "B1", { ref: 2 }),
      e("2026-03-01", "999", "B1", { ref: 3 }),
      e("2026-03-01", "001", "ZZ", { ref: 4 }),
      e("2026-03-01", "001", "A1", { ref: 5 }),
      e("2026-03-01", "001", "A1", { value: 7, ref: 6 }),
      e("2026-03-01", "001", "B1", { value: -3, ref: 7 }),
      e("2026-03-01", "001", "B1", { count: 1.5, ref: 8 }),
      e("2025-12-31", "999", "ZZ", { ref: 9 }),
      e("2026-03-01", "001", "b1", { ref: 10 }),
    ];
    const r = scoreMembers({ scheme: detailed, members: roster, entries, period: "2026" });
    expect(r.ignored.map((i) => [i.ref, i.reason])).toEqual([
      [2, "bad-date"],
      [3, "unknown-member"],
      [4, "unknown-item"],
      [5, "missing-value"],
      [6, "value-out-of-range"],
      [7, "value-mismatch"],
      [8, "bad-count"],
      [9, "outside-cycle"],
    ]);
    // Only the last row (lower-case code) counts: 60 − 2.
    expect(byId(r, "001").total).toBe(58);
  });
});

describe("engine rules shared by all schemes", () => {
  it("ranks by competition ranking: 1, 2, 2, 4", () => {
    const members: Member[] = ["a", "b", "c", "d"].map((id) => ({ id, name: id, category: "正式党员" }));
    const entries = [e("2026-01-01", "b", "D1"), e("2026-01-01", "c", "D1"), e("2026-01-01", "d", "D2")];
    const r = scoreMembers({ scheme: star, members, entries, period: "2026" });
    expect(r.members.map((m) => m.rank)).toEqual([1, 2, 2, 4]);
  });

  it("scores each entry by the scheme version in force on its date", () => {
    // 指标动态调整: from 2026-07-01 the branch makes D1 cost 3 points.
    const v2 = variant(star, (s) => {
      s.version = 2;
      s.effectiveFrom = "2026-07-01";
      s.items.find((i) => i.code === "D1")!.points = { kind: "fixed", value: -3 };
    });
    const entries = [e("2026-03-01", "001", "D1"), e("2026-08-01", "001", "D1")];
    const r = scoreMembers({ scheme: [v2, star], members: roster, entries, period: "2026" });
    expect(byId(r, "001").total).toBe(80 - 1 - 3);
    expect(r.schemeVersion).toBe(2);
    expect(scoreMembers({ scheme: [v2, star], members: roster, entries, period: "2026Q1" }).schemeVersion).toBe(1);
  });

  it("grants a component per quarter and sums the approved quarters when the scheme says so", () => {
    const quarterly = variant(detailed, (s) => {
      s.cycleTotalFrom = "quarter";
      s.components = [{ id: "base", kind: "points", name: "基础分", initial: 25, grant: "quarter", floor: 0, max: 25 }];
      s.items = s.items.filter((i) => i.code.startsWith("B")).map((i) => ({ ...i, component: "base" }));
    });
    // Q1: 25 − 2 − 30 (15 × B1) → floored at 0; Q2–Q4 untouched: year = 0 + 25 × 3 = 75.
    const entries = [e("2026-01-05", "001", "B1", { count: 16 })];
    const r = scoreMembers({ scheme: quarterly, members: roster, entries, period: "2026" });
    expect(byId(r, "001").total).toBe(75);
    expect(r.maxTotal).toBe(100);
    expect(byId(scoreMembers({ scheme: quarterly, members: roster, entries, period: "2026H1" }), "001").total).toBe(25);
  });

  it("carries 40 % of last year's total into this year's base", () => {
    const carry = variant(detailed, (s) => {
      s.components[0] = { id: "base", kind: "points", name: "基础分", initial: 0, grant: "cycle", floor: 0, max: 40, carryOver: { fraction: 0.4, fallback: 40 } };
    });
    const r = scoreMembers({ scheme: carry, members: roster, entries: [], previousTotals: { "001": 87.5, "002": 100 }, period: "2026" });
    expect(byId(r, "001").components["基础分"]).toBe(35);
    expect(byId(r, "002").components["基础分"]).toBe(40);
    expect(byId(r, "003").components["基础分"]).toBe(40);
  });

  // 党员管理量化考评制度「新入职党员未考核月份积分按支部之前月份考核平均积分计算」: keyed on 转入日期, not 入党日期.
  it("counts a new member's months before joining as the branch average of those months", () => {
    const avg = variant(star, (s) => {
      s.newMembers = "branchAverage";
    });
    const members: Member[] = [
      { id: "a", name: "甲", category: "正式党员" },
      { id: "b", name: "乙", category: "正式党员" },
      { id: "n", name: "新", category: "正式党员", transferredIn: "2026-03-15" },
      // 入党 in March as a 预备党员: no 转入日期, so he keeps his own months (a February −2 of his stays).
      { id: "p", name: "预", category: "正式党员", joinedOn: "2026-03-01" },
    ];
    // January: a −2, b 0, p 0 → average −0.67 → −0.7. February: a −5, b −2, p −2 → −3. From March the new member counts for himself.
    const entries = [e("2026-01-10", "a", "D2"), e("2026-02-10", "a", "D5"), e("2026-02-11", "b", "D2"), e("2026-02-12", "p", "D2"), e("2026-04-01", "n", "D1")];
    const r = scoreMembers({ scheme: avg, members, entries, period: "2026" });
    expect(byId(r, "n").total).toBe(80 - 0.7 - 3 - 1);
    expect(byId(r, "p").total).toBe(78);
  });

  it("restricts an item to the categories it names", () => {
    const onlyFull = variant(star, (s) => {
      s.items.find((i) => i.code === "D1")!.categories = ["正式党员"];
    });
    const r = scoreMembers({ scheme: onlyFull, members: roster, entries: [e("2026-01-01", "004", "D1", { ref: 2 })], period: "2026" });
    expect(r.ignored).toEqual([{ index: 0, ref: 2, reason: "category-not-applicable" }]);
  });

  it("applies an item's cap per period in date order", () => {
    const capped = variant(detailed, (s) => {
      s.items.find((i) => i.code === "A2")!.cap = { period: "quarter", points: 4 };
    });
    const entries = [e("2026-01-01", "001", "A2"), e("2026-02-01", "001", "A2", { count: 2 }), e("2026-04-01", "001", "A2")];
    // Q1: 2 + 4 → capped at 4; Q2: 2. 加分 = 6.
    expect(byId(scoreMembers({ scheme: capped, members: roster, entries, period: "2026" }), "001").components["加分"]).toBe(6);
  });

  it("computes the probation outcome where the scheme says so", () => {
    const probation = variant(star, (s) => {
      s.probation = { category: "预备党员", outcomes: [{ name: "按期转正", min: 80 }, { name: "延期转正", min: 60 }, { name: "取消预备党员资格", min: 0 }] };
    });
    const members: Member[] = [
      { id: "p1", name: "甲", category: "预备党员" },
      { id: "p2", name: "乙", category: "预备党员" },
      { id: "p3", name: "丙", category: "预备党员" },
    ];
    const entries = [e("2026-01-01", "p2", "D4"), e("2026-01-01", "p3", "D4"), e("2026-02-01", "p3", "D4")];
    const r = scoreMembers({ scheme: probation, members, entries, appraisals: [{ cycleYear: 2026, memberId: "p1", grade: "合格" }], period: "2026" });
    expect(r.members.map((m) => [m.total, m.probation])).toEqual([
      [95, "按期转正"],
      [60, "延期转正"],
      [40, "取消预备党员资格"],
    ]);
  });

  it("a reversing entry cancels the entry it names, and itself counts for nothing", () => {
    const entries = [e("2026-03-01", "001", "D2", { ref: 2 }), e("2026-03-02", "001", "D1", { ref: 3 }), e("2026-03-01", "001", "D2", { ref: 4, reverses: 2 })];
    const r = scoreMembers({ scheme: star, members: roster, entries, period: "2026" });
    expect(byId(r, "001").components["日常行为积分"]).toBe(79);
    const shuffled = scoreMembers({ scheme: star, members: roster, entries: [entries[2], entries[0], entries[1]], period: "2026" });
    expect(byId(shuffled, "001").total).toBe(byId(r, "001").total);
  });

  it("entryPoints explains what is wrong in Chinese", () => {
    const d6 = star.items.find((i) => i.code === "D6")!;
    expect(entryPoints(d6, 1, -6)).toMatchObject({ ok: false, message: "分值 -6 超出 D6 的范围 -4 至 -1" });
    expect(entryPoints(d6, 0, -2)).toMatchObject({ ok: false, problem: "bad-count" });
    expect(entryPoints(d6, 2, -2.5)).toEqual({ ok: true, veto: false, tenths: -50 });
  });
});

describe("scoreCycle: every period of a cycle from one reading of the ledger", () => {
  /** Every period of the cycle: the year, its halves, quarters and months. */
  function periodsOf(scheme: Scheme): string[] {
    const cycle = parsePeriod("2026", scheme.cycleStartMonth);
    return [cycle, ...(["half", "quarter", "month"] as const).flatMap((g) => subPeriods(cycle, g, scheme.cycleStartMonth))].map((p) => p.label);
  }

  /** A year of entries over the scheme's items (a few vetoes, discretionary values and a correction included). */
  function ledgerOf(scheme: Scheme): LedgerEntry[] {
    const random = seededRandom(7);
    const start = Date.parse(`${periodDates(parsePeriod("2026", scheme.cycleStartMonth), scheme.cycleStartMonth).start}T00:00:00Z`);
    const entries: LedgerEntry[] = [];
    for (let i = 0; i < 60; i++) {
      const item = scheme.items[Math.floor(random() * scheme.items.length)];
      if (item.points.kind === "veto" && random() < 0.8) continue;
      entries.push({
        date: new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10),
        memberId: roster[Math.floor(random() * roster.length)].id,
        itemCode: item.code,
        count: 1 + Math.floor(random() * 2),
        value: item.points.kind === "range" ? item.points.min : undefined,
        ref: i + 2,
      });
    }
    entries.push({ ...entries[0], ref: 99, reverses: entries[0].ref });
    return entries;
  }

  it.each(BUILTIN_SCHEMES.map((s) => [s.id, s] as const))("scores each period of the cycle as scoreMembers does (%s)", (_id, scheme) => {
    const entries = ledgerOf(scheme);
    const appraisals = roster.map((m) => ({ cycleYear: 2026, memberId: m.id, grade: "合格", score: 15 }));
    const input = { scheme, members: roster, entries, appraisals, previousTotals: { "001": 90 } };
    const cycle = scoreCycle(input, 2026);
    for (const period of periodsOf(scheme)) expect(cycle.score(period)).toEqual(scoreMembers({ ...input, period }));
  });

  it("takes the structure of each period from the version in force at its end", () => {
    const v2 = variant(star, (s) => {
      s.version = 2;
      s.effectiveFrom = "2026-07-01";
      s.items.find((i) => i.code === "D1")!.points = { kind: "fixed", value: -3 };
    });
    const entries = [e("2026-03-01", "001", "D1"), e("2026-08-01", "001", "D1")];
    const cycle = scoreCycle({ scheme: [v2, star], members: roster, entries }, 2026);
    expect([cycle.score("2026Q1").schemeVersion, cycle.score("2026").schemeVersion]).toEqual([1, 2]);
    expect(byId(cycle.score("2026"), "001").total).toBe(80 - 1 - 3);
    expect(byId(cycle.score("2026H1"), "001").total).toBe(80 - 1);
  });

  it("counts an approved period as approved: later rows of it show only as ledgerTotal, in every period they reach", () => {
    // star-member: 日常行为积分 80 for the year, deductions cumulative. Approved: 2026H1 with 001 at −1 (D1 in March).
    const entries = [e("2026-03-01", "001", "D1"), e("2026-05-10", "001", "D2"), e("2026-08-01", "001", "D1")];
    const contributions = scoreCycle({ scheme: star, members: roster, entries: entries.slice(0, 1) }, 2026).contributions("2026H1");
    expect(contributions.get("001")!.months["日常行为积分"]).toEqual([0, 0, -1, 0, 0, 0]);
    const approved = [{ label: "2026H1", version: 1, date: "2026-07-02", members: contributions }];
    const cycle = scoreCycle({ scheme: star, members: roster, entries, approved }, 2026);
    // D2 (−2, May) came after approval: H1 stays 79 and the year is 80 − 1 − 1 (August D1) = 78; the ledger alone says 77 and 76.
    expect(byId(cycle.score("2026H1"), "001")).toMatchObject({ total: 79, ledgerTotal: 77 });
    expect(byId(cycle.score("2026Q3"), "001")).toMatchObject({ total: 78, ledgerTotal: 76 });
    expect(cycle.score("2026Q3").approved).toEqual([]);
    expect(cycle.score("2026H1").approved).toEqual([{ period: "2026H1", version: 1, date: "2026-07-02" }]);
    expect(cycle.score("2026").provisional).toEqual(["2026H2"]);
    expect(byId(cycle.score("2026H1"), "002")).toMatchObject({ total: 80, ledgerTotal: null });
  });

  it("refuses a period of another cycle", () => {
    expect(() => scoreCycle({ scheme: star, members: roster, entries: [] }, 2026).score("2027Q1")).toThrow("不在 2026 年度的考核周期内");
  });

  it("scores entries given as objects or as the columns they convert to alike", () => {
    const entries = ledgerOf(star);
    expect(ledgerEntries(ledgerColumns(entries))).toEqual(entries.map((x) => ({ note: undefined, reverses: undefined, ...x })));
    expect(scoreMembers({ scheme: star, members: roster, entries: ledgerColumns(entries), period: "2026" })).toEqual(scoreMembers({ scheme: star, members: roster, entries, period: "2026" }));
  });
});
