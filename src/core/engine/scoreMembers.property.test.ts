import fc from "fast-check";
import { periodDates, parsePeriod, subPeriods } from "../period";
import { BUILTIN_SCHEMES } from "../scheme/presets";
import type { Scheme, SchemeItem } from "../scheme/schema";
import { scoreMembers } from "./scoreMembers";
import type { Appraisal, LedgerEntry, Member } from "./types";

const YEAR = 2026;
const RUNS = 60;

function isoDay(start: string, dayOffset: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dayOffset);
  return d.toISOString().slice(0, 10);
}

function scoredItems(scheme: Scheme): SchemeItem[] {
  return scheme.items.filter((i) => i.points.kind !== "veto");
}

function valueArb(item: SchemeItem): fc.Arbitrary<number | undefined> {
  const p = item.points;
  if (p.kind !== "range") return fc.constant(undefined);
  return fc.integer({ min: Math.round(p.min * 10), max: Math.round(p.max * 10) }).map((t) => t / 10);
}

function arbitraries(scheme: Scheme) {
  const { start } = periodDates(parsePeriod(String(YEAR), scheme.cycleStartMonth), scheme.cycleStartMonth);
  const categories = scheme.categories.map((c) => c.name);
  const items = scoredItems(scheme);
  const members = fc
    .array(fc.constantFrom(...categories), { minLength: 1, maxLength: 6 })
    .map((cats): Member[] => cats.map((category, i) => ({ id: `M${i}`, name: `党员${i}`, category })));
  const entry = (memberCount: number): fc.Arbitrary<LedgerEntry> =>
    fc
      .record({
        member: fc.nat({ max: memberCount - 1 }),
        day: fc.nat({ max: 364 }),
        item: fc.constantFrom(...items),
        count: fc.integer({ min: 1, max: 4 }),
      })
      .chain(({ member, day, item, count }) =>
        valueArb(item).map((value) => ({ date: isoDay(start, day), memberId: `M${member}`, itemCode: item.code, count, value })),
      );
  const appraisal = (memberCount: number): fc.Arbitrary<Appraisal[]> => {
    const component = scheme.components.find((c) => c.kind === "appraisal");
    if (!component || component.kind !== "appraisal") return fc.constant([]);
    const a = component.appraisal;
    const one: fc.Arbitrary<{ grade?: string; score?: number }> =
      a.mode === "grades" ? fc.constantFrom(...a.grades.map((g) => ({ grade: g.name }))) : fc.integer({ min: Math.round(a.min * 10), max: Math.round(a.max * 10) }).map((t) => ({ score: t / 10 }));
    return fc.array(one, { minLength: memberCount, maxLength: memberCount }).map((xs) => xs.map((x, i) => ({ cycleYear: YEAR, memberId: `M${i}`, ...x })));
  };
  const ledger = members.chain((ms) =>
    fc.record({
      members: fc.constant(ms),
      entries: fc.array(entry(ms.length), { maxLength: 40 }),
      appraisals: appraisal(ms.length),
      previous: fc.array(fc.integer({ min: 0, max: 1000 }).map((t) => t / 10), { minLength: ms.length, maxLength: ms.length }),
    }),
  );
  const periodLabels = [String(YEAR), ...subPeriods(parsePeriod(String(YEAR), scheme.cycleStartMonth), "quarter", scheme.cycleStartMonth).map((p) => p.label), `${YEAR}H1`, `${YEAR}H2`];
  return { ledger, period: fc.constantFrom(...periodLabels), start };
}

function previousTotals(members: Member[], previous: number[]): Record<string, number> {
  return Object.fromEntries(members.map((m, i) => [m.id, previous[i]]));
}

function vetoItems(scheme: Scheme): SchemeItem[] {
  return scheme.items.filter((i) => i.points.kind === "veto");
}

function deductionItems(scheme: Scheme): SchemeItem[] {
  return scoredItems(scheme).filter((i) => (i.points.kind === "fixed" ? i.points.value < 0 : i.points.kind === "range" && i.points.max < 0));
}

function awardItems(scheme: Scheme): SchemeItem[] {
  return scoredItems(scheme).filter((i) => (i.points.kind === "fixed" ? i.points.value >= 0 : i.points.kind === "range" && i.points.min >= 0));
}

/** The scheme, with an item of that kind added (on a copy) where it has none: the property then holds for every scheme's structure. */
function withItem(scheme: Scheme, has: SchemeItem[], added: SchemeItem): { scheme: Scheme; items: SchemeItem[] } {
  return has.length > 0 ? { scheme, items: has } : { scheme: { ...scheme, items: [...scheme.items, added] }, items: [added] };
}

function firstPointsComponent(scheme: Scheme): string {
  return scheme.components.find((c) => c.kind === "points")!.id;
}

describe("the schemes the properties below add an item to", () => {
  it("are the built-in schemes without a veto item, the one without a deduction and those without an award", () => {
    expect(BUILTIN_SCHEMES.filter((s) => vetoItems(s).length === 0).map((s) => s.id)).toEqual([
      "oilfield-60-40",
      "handbook",
      "branch-stars",
      "hospital-40-50-10",
      "enterprise-half",
      "classified-grading",
    ]);
    expect(BUILTIN_SCHEMES.filter((s) => deductionItems(s).length === 0).map((s) => s.id)).toEqual(["branch-stars"]);
    expect(BUILTIN_SCHEMES.filter((s) => awardItems(s).length === 0).map((s) => s.id)).toEqual(["star-member", "dec-nov-cycle"]);
  });
});

describe.each(BUILTIN_SCHEMES.map((s) => [s.id, s] as const))("properties of %s", (_id, scheme) => {
  const { ledger, period, start } = arbitraries(scheme);

  it("keeps every total within [0, the period's maximum]", () => {
    fc.assert(
      fc.property(ledger, period, (l, p) => {
        const r = scoreMembers({ scheme, members: l.members, entries: l.entries, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p });
        for (const m of r.members) {
          expect(m.total).toBeGreaterThanOrEqual(0);
          expect(m.total).toBeLessThanOrEqual(r.maxTotal);
          expect(Math.round(m.total * 10) / 10).toBe(m.total);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("gives 0 to a member with a veto item, for every period of the cycle (a scheme without one is given one)", () => {
    const veto = withItem(scheme, vetoItems(scheme), { code: "X9", name: "一票否决事项", points: { kind: "veto" }, evidenceRequired: false });
    fc.assert(
      fc.property(ledger, period, fc.nat({ max: 364 }), fc.constantFrom(...veto.items), (l, p, day, vetoItem) => {
        const entries = [...l.entries, { date: isoDay(start, day), memberId: "M0", itemCode: vetoItem.code }];
        const r = scoreMembers({ scheme: veto.scheme, members: l.members, entries, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p });
        expect(r.members[0]).toMatchObject({ total: 0, veto: true });
        expect(r.members[0].vetoReason).toContain(vetoItem.name);
        expect(Object.values(r.members[0].components).every((v) => v === 0)).toBe(true);
        // The veto is the member's own: every other member scores as without it (ranks aside, M0 now being last).
        const without = scoreMembers({ scheme: veto.scheme, members: l.members, entries: l.entries, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p });
        const unranked = (ms: typeof r.members) => ms.slice(1).map((m) => ({ ...m, rank: null }));
        expect(unranked(r.members)).toEqual(unranked(without.members));
      }),
      { numRuns: RUNS },
    );
  });

  it("vetoes no one whose entries hold no veto item (patterns that derive a veto set aside)", () => {
    const plain = { ...scheme, vetoPatterns: undefined };
    fc.assert(
      fc.property(ledger, period, (l, p) => {
        const r = scoreMembers({ scheme: plain, members: l.members, entries: l.entries, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p });
        for (const m of r.members) expect(m).toMatchObject({ veto: false, vetoReason: null });
      }),
      { numRuns: RUNS },
    );
  });

  it("never raises a total by adding a deduction (a scheme without one is given one)", () => {
    const deduction = withItem(scheme, deductionItems(scheme), { code: "X8", name: "扣分事项", component: firstPointsComponent(scheme), points: { kind: "fixed", value: -1 }, evidenceRequired: false });
    fc.assert(
      fc.property(ledger, period, fc.nat({ max: 364 }), fc.constantFrom(...deduction.items), fc.integer({ min: 1, max: 3 }), (l, p, day, item, count) => {
        const base = { scheme: deduction.scheme, members: l.members, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p };
        const before = scoreMembers({ ...base, entries: l.entries });
        const value = item.points.kind === "range" ? item.points.min : undefined;
        const after = scoreMembers({ ...base, entries: [...l.entries, { date: isoDay(start, day), memberId: "M0", itemCode: item.code, count, value }] });
        after.members.forEach((m, i) => expect(m.total).toBeLessThanOrEqual(before.members[i].total));
      }),
      { numRuns: RUNS },
    );
  });

  it("never lowers a total by adding an award (a scheme without one is given one)", () => {
    const award = withItem(scheme, awardItems(scheme), { code: "X7", name: "加分事项", component: firstPointsComponent(scheme), points: { kind: "fixed", value: 1 }, evidenceRequired: false });
    fc.assert(
      fc.property(ledger, period, fc.nat({ max: 364 }), fc.constantFrom(...award.items), fc.integer({ min: 1, max: 3 }), (l, p, day, item, count) => {
        const base = { scheme: award.scheme, members: l.members, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p };
        const before = scoreMembers({ ...base, entries: l.entries });
        const value = item.points.kind === "range" ? item.points.max : undefined;
        const after = scoreMembers({ ...base, entries: [...l.entries, { date: isoDay(start, day), memberId: "M0", itemCode: item.code, count, value }] });
        after.members.forEach((m, i) => expect(m.total).toBeGreaterThanOrEqual(before.members[i].total));
      }),
      { numRuns: RUNS },
    );
  });

  it("gives the same result whatever the order of the entries", () => {
    fc.assert(
      fc.property(
        ledger.chain((l) => fc.shuffledSubarray(l.entries, { minLength: l.entries.length, maxLength: l.entries.length }).map((shuffled) => ({ l, shuffled }))),
        period,
        ({ l, shuffled }, p) => {
          const base = { scheme, members: l.members, appraisals: l.appraisals, previousTotals: previousTotals(l.members, l.previous), period: p };
          const a = scoreMembers({ ...base, entries: l.entries });
          const b = scoreMembers({ ...base, entries: shuffled });
          expect(b.members).toEqual(a.members);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
