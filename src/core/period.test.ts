import { describePeriod, parsePeriod, periodDates, periodOfMonth, subPeriods, tryParsePeriod } from "./period";

describe("periods", () => {
  it("parses every form on a calendar-year cycle", () => {
    expect(periodDates(parsePeriod("2026"))).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    expect(periodDates(parsePeriod("2026H1"))).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    expect(periodDates(parsePeriod("2026Q3"))).toEqual({ start: "2026-07-01", end: "2026-09-30" });
    expect(periodDates(parsePeriod("2024-02"))).toEqual({ start: "2024-02-01", end: "2024-02-29" });
  });

  // 党员管理量化考评制度: “全年（上年12月至本年11月为一个周期）”
  it("knows a December-to-November cycle", () => {
    expect(periodDates(parsePeriod("2026", 12), 12)).toEqual({ start: "2025-12-01", end: "2026-11-30" });
    expect(periodDates(parsePeriod("2026Q1", 12), 12)).toEqual({ start: "2025-12-01", end: "2026-02-28" });
    expect(periodDates(parsePeriod("2026H2", 12), 12)).toEqual({ start: "2026-06-01", end: "2026-11-30" });
    expect(parsePeriod("2026-12", 12).cycleYear).toBe(2027);
    expect(parsePeriod("2026-11", 12).cycleYear).toBe(2026);
    expect(periodOfMonth(2025, 12, "quarter", 12).label).toBe("2026Q1");
    expect(periodOfMonth(2026, 3, "quarter", 12).label).toBe("2026Q2");
    expect(describePeriod(parsePeriod("2026", 12), 12)).toBe("2026年度（2025年12月至2026年11月）");
  });

  it("splits a year into quarters and a half into months", () => {
    expect(subPeriods(parsePeriod("2026"), "quarter").map((p) => p.label)).toEqual(["2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    expect(subPeriods(parsePeriod("2026H2", 12), "month", 12).map((p) => p.label)).toEqual([
      "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
    ]);
    expect(() => subPeriods(parsePeriod("2026Q1"), "half")).toThrow("不能按更长的期间拆分");
  });

  it("rejects what is not a period", () => {
    for (const bad of ["", "26", "2026Q5", "2026H3", "2026-13", "2026-00", "Q3"]) expect(tryParsePeriod(bad)).toBeNull();
    expect(() => parsePeriod("明年")).toThrow("期间「明年」无法识别");
    expect(describePeriod(parsePeriod("2026Q3"))).toBe("2026年度第三季度");
    expect(describePeriod(parsePeriod("2026-07"))).toBe("2026年7月");
  });
});
