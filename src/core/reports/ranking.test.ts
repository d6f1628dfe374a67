import { scoreMembers } from "../engine/scoreMembers";
import type { LedgerEntry, Member } from "../engine/types";
import { buildRankingSheet, rankingLists } from "./ranking";
import { score, settings, star, valuesOf } from "./testBranch";

describe("buildRankingSheet", () => {
  const sheet = buildRankingSheet(score("2026H1"), star, settings);

  it("is 排名通报-<period> with the branch and period in the title", () => {
    expect(sheet.name).toBe("排名通报-2026H1");
    expect(sheet.rows[0][0]).toEqual({ value: "第一党支部党员积分排名通报（2026年度上半年）", text: true, style: "title" });
    expect(sheet.rows[1][0].value).toBe("满分80分，参加排名党员4名");
  });

  it("lists the ranked members only, by rank, the vetoed last with the reason", () => {
    expect(valuesOf(sheet.rows[2])).toEqual(["排名", "编号", "姓名", "党员类别", "日常行为积分", "总分", "备注"]);
    expect(sheet.rows.slice(3, 7).map(valuesOf)).toEqual([
      [1, "002", "李四", "正式党员", 80, 80, ""],
      [2, "001", "张三", "正式党员", 76, 76, ""],
      [2, "003", "=1+1", "预备党员", 76, 76, ""],
      [4, "005", "孙七", "正式党员", 0, 0, "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
    ]);
    expect(sheet.rows[7]).toEqual([]);
  });

  it("reads out 表扬先进 (top 3, ties included) and 督促后进 (the vetoed member, with the reason)", () => {
    const lines = sheet.rows.slice(8, 14).map((r) => r[0].value);
    expect(lines).toEqual([
      "一、表扬先进（排名前3名或前10%，取其多者，并列者一并表扬）",
      "第1名\u3000李四（正式党员）\u300080分",
      "第2名\u3000张三（正式党员）\u300076分",
      "第2名\u3000=1+1（预备党员）\u300076分",
      "二、督促后进（积分处于最低等次或排名后10%的党员，受一票否决的党员）",
      "孙七（正式党员）\u30000分\u3000一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）",
    ]);
    for (const r of sheet.rows.slice(8, 14)) expect(r[0].text).toBe(true);
    expect(sheet.rows[15].filter((c) => c.value).map((c) => c.value)).toEqual(["党支部（盖章）", "支部书记：王书记", "通报日期：2026年7月1日"]);
  });

  it("prints the table header row 3 on every page and has no formulas", () => {
    expect(sheet.page).toEqual({ orientation: "portrait", printTitleRows: [3, 3], fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
    expect(sheet.rows.flat().some((c) => c.formula)).toBe(false);
  });
});

describe("rankingLists", () => {
  // Twelve 正式党员: 10 % is ⌈1.2⌉ = 2 places, so 表扬 takes the top 3 and 督促 the bottom 2.
  const members: Member[] = Array.from({ length: 12 }, (_, i) => ({ id: `m${i + 1}`, name: `党员${i + 1}`, category: "正式党员" }));
  const deduct = (memberId: string, times: number): LedgerEntry => ({ date: "2026-03-01", memberId, itemCode: "D1", count: times });

  it("praises the top 3 with ties at the cut and urges the bottom 10 % with ties", () => {
    // Totals (H1, max 80): m1 80, m2 79, m3 78, m4 78 (tie at 3rd), m5…m10 77, m11 70, m12 70 (bottom two tie).
    const entries = [deduct("m2", 1), deduct("m3", 2), deduct("m4", 2), ...[5, 6, 7, 8, 9, 10].map((i) => deduct(`m${i}`, 3)), deduct("m11", 10), deduct("m12", 10)];
    const r = scoreMembers({ scheme: star, members, entries, period: "2026H1" });
    const { praise, urge } = rankingLists(r, star);
    expect(praise.map((m) => [m.id, m.rank, m.total])).toEqual([
      ["m1", 1, 80],
      ["m2", 2, 79],
      ["m3", 3, 78],
      ["m4", 3, 78],
    ]);
    expect(urge.map((u) => [u.member.id, u.member.total, u.reason])).toEqual([
      ["m11", 70, "排名后10%"],
      ["m12", 70, "排名后10%"],
    ]);
  });

  it("urges members below the lowest band's line, scaled to the half-year's maximum (60 × 80/100 = 48)", () => {
    // m1: ④ −20, ③ −5, ⑤ −5 ×2 → 80 − 35 = 45 < 48; m2: −30 → 50, not below the line.
    const entries: LedgerEntry[] = [
      { date: "2026-02-01", memberId: "m1", itemCode: "D4" },
      { date: "2026-02-02", memberId: "m1", itemCode: "D3" },
      { date: "2026-02-03", memberId: "m1", itemCode: "D5", count: 2 },
      { date: "2026-02-01", memberId: "m2", itemCode: "D4" },
      { date: "2026-02-03", memberId: "m2", itemCode: "D5", count: 2 },
    ];
    const r = scoreMembers({ scheme: star, members: members.slice(0, 3), entries, period: "2026H1" });
    const { praise, urge } = rankingLists(r, star);
    expect(urge.map((u) => [u.member.id, u.member.total, u.reason])).toEqual([["m1", 45, "积分低于48分"]]);
    // The top 3 would be everyone: the urged member is not praised.
    expect(praise.map((m) => m.id)).toEqual(["m3", "m2"]);
  });

  it("uses the engine's grade for the year and urges nobody when all are level", () => {
    const entries: LedgerEntry[] = [{ date: "2026-02-01", memberId: "m1", itemCode: "D4" }, { date: "2026-02-02", memberId: "m1", itemCode: "D3" }];
    // Year, no appraisal: m1 80 − 25 = 55 → 不合格 (below 60); the others 80 → 合格.
    const r = scoreMembers({ scheme: star, members: members.slice(0, 4), entries, period: "2026" });
    expect(rankingLists(r, star).urge.map((u) => [u.member.id, u.reason])).toEqual([["m1", "积分等次：不合格"]]);
    const level = scoreMembers({ scheme: star, members: members.slice(0, 4), entries: [], period: "2026" });
    expect(rankingLists(level, star)).toEqual({ praise: level.members, urge: [] });
  });

  it("writes （无） when a list is empty", () => {
    const s = buildRankingSheet(scoreMembers({ scheme: star, members: members.slice(0, 2), entries: [], period: "2026H1" }), star, settings);
    const lines = s.rows.map((r) => r[0]?.value);
    expect(lines.filter((v) => v === "（无）")).toHaveLength(1);
    expect(lines[lines.indexOf("（无）") - 1]).toMatch(/^二、督促后进/);
  });
});
