import { scoreCycle, scoreMembers } from "../engine/scoreMembers";
import type { LedgerEntry, Member } from "../engine/types";
import { getBuiltinScheme } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";
import { REPORT_FORMS } from "./forms";
import { buildMemberMonthlyLedgerSheet } from "./memberMonthlyLedger";
import { appraisals, entries, months, roster, score, settings, star, valuesOf } from "./testBranch";

function monthsOf(scheme: Scheme, members: Member[], entries: LedgerEntry[], previousTotals?: Record<string, number>) {
  const start = scheme.cycleStartMonth;
  const labels = Array.from({ length: 12 }, (_, i) => {
    const abs = 2026 * 12 + (start - 1) + i - (start === 1 ? 0 : 12);
    return `${Math.floor(abs / 12)}-${String((abs % 12) + 1).padStart(2, "0")}`;
  });
  return {
    monthly: labels.map((period) => scoreMembers({ scheme, members, entries, previousTotals, period })),
    cycle: scoreMembers({ scheme, members, entries, previousTotals, period: "2026" }),
  };
}

describe("buildMemberMonthlyLedgerSheet", () => {
  const sheet = buildMemberMonthlyLedgerSheet(months(), score("2026"), star, settings, { id: "001", contact: "13800000000" });

  it("is 个人台账-<编号>-<year> with 党员姓名 and 联系方式", () => {
    expect(sheet.name).toBe("个人台账-001-2026");
    expect(sheet.rows[0][0].value).toBe("党员积分量化管理台账（2026年度）");
    expect(sheet.rows[1].filter((c) => c.value).map((c) => c.value)).toEqual(["党员姓名：张三", "联系方式：13800000000"]);
    expect(valuesOf(sheet.rows[2])).toEqual(["月份", "基础分", "扣分事项", "加分项", "本月小计"]);
    expect(sheet.page).toEqual({ orientation: "portrait", printTitleRows: [3, 3], fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
  });

  it("has the twelve months: 80 granted in January, then each month's deductions, subtotals by =SUM", () => {
    // 张三: D1×2 in March (−2), D2 in May (−2), D6 −3 in September.
    const deductions = [0, 0, -2, 0, -2, 0, 0, 0, -3, 0, 0, 0];
    expect(sheet.rows.slice(3, 15).map(valuesOf)).toEqual(
      deductions.map((d, i) => [`${i + 1}月`, i === 0 ? 80 : 0, d, 0, `=SUM(B${i + 4}:D${i + 4})`]),
    );
  });

  it("sums the year in row 16, adds the appraisal in row 17 and the total in row 18 (=E16+E17 = 73 + 15 = 88)", () => {
    expect(valuesOf(sheet.rows[15])).toEqual(["全年合计", "=SUM(B4:B15)", "=SUM(C4:C15)", "=SUM(D4:D15)", "=SUM(E4:E15)"]);
    expect(valuesOf(sheet.rows[16])).toEqual(["民主评议积分", null, null, null, 15]);
    expect(valuesOf(sheet.rows[17])).toEqual(["年度总分", null, null, null, "=E16+E17"]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["A17:D17", "A18:D18"]));
    expect(sheet.rows[19].filter((c) => c.value).map((c) => c.value)).toEqual(["党员本人签字：", "党支部书记签字："]);
  });

  it("zeroes a vetoed member's months and gives the total as a value with the reason", () => {
    const vetoed = buildMemberMonthlyLedgerSheet(months(), score("2026"), star, settings, { id: "005" });
    expect(vetoed.rows.slice(3, 15).every((r) => r[1].value === 0 && r[2].value === 0 && r[3].value === 0)).toBe(true);
    expect(valuesOf(vetoed.rows[17])).toEqual(["年度总分", null, null, null, 0]);
    expect(vetoed.rows[18][0].value).toBe("一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）");
    expect(vetoed.rows[1][2].value).toBe("联系方式：");
  });

  it("grants quarterly components at each quarter's start and adds bonuses (company, total from quarters)", () => {
    const company = getBuiltinScheme("company");
    const members = [{ id: "A", name: "甲", category: "正式党员" }];
    const entries: LedgerEntry[] = [
      { date: "2026-02-10", memberId: "A", itemCode: "K1" },
      { date: "2026-05-10", memberId: "A", itemCode: "J4" },
    ];
    const { monthly, cycle } = monthsOf(company, members, entries);
    // Q1 20 − 2 = 18, Q2 20 + 1 = 21, Q3 20, Q4 20: 79.
    expect(cycle.members[0].total).toBe(79);
    const s = buildMemberMonthlyLedgerSheet(monthly, cycle, company, settings, { id: "A" });
    expect(s.rows.slice(3, 15).map((r) => valuesOf(r).slice(1, 4))).toEqual([
      [20, 0, 0],
      [0, -2, 0],
      [0, 0, 0],
      [20, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
      [20, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [20, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // No appraisal component: row 17 blank, the total still =E16+E17.
    expect(valuesOf(s.rows[16])).toEqual(["民主评议积分", null, null, null, null]);
    expect(valuesOf(s.rows[17])[4]).toBe("=E16+E17");
  });

  it("starts carried-over components from 40 % of last year's total, or the fallback (hospital)", () => {
    const hospital = getBuiltinScheme("hospital-40-50-10");
    const members = [{ id: "A", name: "甲", category: "正式党员" }];
    const entries: LedgerEntry[] = [{ date: "2026-02-10", memberId: "A", itemCode: "T1", value: 4 }];
    const carried = monthsOf(hospital, members, entries, { A: 90 });
    const s = buildMemberMonthlyLedgerSheet(carried.monthly, carried.cycle, hospital, settings, { id: "A", previousTotal: 90 });
    // 40 % × 90 = 36 in January, +4 任务分 in February; 36 + 4 = 40 = the engine's total.
    expect(valuesOf(s.rows[3]).slice(1, 4)).toEqual([36, 0, 0]);
    expect(valuesOf(s.rows[4]).slice(1, 4)).toEqual([0, 0, 4]);
    expect(carried.cycle.members[0].total).toBe(40);
    expect(valuesOf(s.rows[17])[4]).toBe("=E16+E17");

    const fresh = monthsOf(hospital, members, entries);
    const f = buildMemberMonthlyLedgerSheet(fresh.monthly, fresh.cycle, hospital, settings, { id: "A" });
    expect(valuesOf(f.rows[3]).slice(1, 4)).toEqual([40, 0, 0]);
  });

  it("labels the months of a December–November cycle with their year", () => {
    const decNov = getBuiltinScheme("dec-nov-cycle");
    const members = [{ id: "A/1", name: "甲", category: "正式党员" }];
    const { monthly, cycle } = monthsOf(decNov, members, [{ date: "2025-12-05", memberId: "A/1", itemCode: "D1" }]);
    const s = buildMemberMonthlyLedgerSheet([...monthly].reverse(), cycle, decNov, settings, { id: "A/1" });
    // "/" cannot stand in a sheet name: the id is tagged, so A/1 never takes the sheet of A_1 (issue 23).
    expect(s.name).toMatch(/^个人台账-A_1~[0-9a-z]{7}-2026$/);
    expect(s.rows.slice(3, 15).map((r) => r[0].value)).toEqual([
      "2025年12月",
      ...Array.from({ length: 11 }, (_, i) => `2026年${i + 1}月`),
    ]);
    expect(valuesOf(s.rows[3]).slice(1, 4)).toEqual([80, -1, 0]);
  });

  it("refuses missing months, another cycle or an unknown member", () => {
    const all = months();
    expect(() => buildMemberMonthlyLedgerSheet(all.slice(1), score("2026"), star, settings, { id: "001" })).toThrow("十二个月");
    expect(() => buildMemberMonthlyLedgerSheet([all[0], ...all.slice(0, 11)], score("2026"), star, settings, { id: "001" })).toThrow("十二个月");
    expect(() => buildMemberMonthlyLedgerSheet(all, score("2026H1"), star, settings, { id: "001" })).toThrow("须按年度生成");
    expect(() => buildMemberMonthlyLedgerSheet(all, score("2026"), star, settings, { id: "999" })).toThrow("999");
  });
});

describe("个人台账 from the cycle read once (as the app builds it)", () => {
  it("makes the same sheets as from twelve month results scored one by one", () => {
    const cycle = scoreCycle({ scheme: star, members: roster, entries, appraisals }, 2026);
    const fromCycle = REPORT_FORMS.个人台账.build({ scheme: star, settings, result: cycle.score("2026"), cycle });
    const fromMonths = REPORT_FORMS.个人台账.build({ scheme: star, settings, result: score("2026"), monthly: months() });
    expect(fromCycle).toHaveLength(roster.length);
    expect(fromCycle).toEqual(fromMonths);
  });
});
