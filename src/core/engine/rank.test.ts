import fc from "fast-check";
import { rankCompetition } from "./rank";

describe("rankCompetition", () => {
  it("ranks 1224 with ties and puts vetoed subjects last, sharing one rank", () => {
    const ranks = rankCompetition([
      { total: 90, last: false },
      { total: 95, last: false },
      { total: 90, last: false },
      { total: 99, last: true },
      { total: 80, last: false },
      { total: 0, last: true },
    ]);
    expect(ranks).toEqual([2, 1, 2, 5, 4, 5]);
  });

  it("gives each subject one more than the number of subjects ahead of it", () => {
    const subject = fc.record({ total: fc.integer({ min: -50, max: 50 }).map((t) => t / 2), last: fc.boolean() });
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 60 }), (subjects) => {
        const ahead = (a: (typeof subjects)[number], b: (typeof subjects)[number]) => (!a.last && b.last) || (!a.last && !b.last && a.total > b.total);
        const expected = subjects.map((s) => 1 + subjects.filter((o) => ahead(o, s)).length);
        expect(rankCompetition(subjects)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("ranks nobody when there is nobody", () => {
    expect(rankCompetition([])).toEqual([]);
  });
});
