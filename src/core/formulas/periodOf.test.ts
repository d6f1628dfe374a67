import { CellError } from "../cellError";
import { isoToSerial } from "../sheetModel";
import { getBuiltinScheme } from "../scheme/presets";
import { granularityArgument, periodLabelOf } from "./periodOf";

const star = getBuiltinScheme("star-member");
const decNov = getBuiltinScheme("dec-nov-cycle");

describe("PARTY.PERIOD core", () => {
  it.each([
    [isoToSerial("2026-07-15"), null, "2026Q3"],
    [isoToSerial("2026-07-15") + 0.75, "", "2026Q3"], // a date with a time of day
    ["2026-07-15", "季度", "2026Q3"],
    ["2026/7/15", "月", "2026-07"],
    ["2026年7月15日", "半年", "2026H2"],
    ["２０２６－０１－０１", "年", "2026"],
    ["2026.3.31", "quarter", "2026Q1"],
    ["2026-04-01", "Quarter", "2026Q2"],
    ["2026-12-31", "year", "2026"],
    ["2026-06-30", "half", "2026H1"],
    ["2026-02-28", "month", "2026-02"],
    ["2026-02-28", " M ", "2026-02"],
  ])("calendar cycle: %p by %p → %p", (date, granularity, label) => {
    expect(periodLabelOf(date, granularity, star)).toBe(label);
  });

  it.each([
    // 上年12月至本年11月为一个周期.
    ["2025-12-15", "季度", "2026Q1"],
    ["2025-12-15", "年", "2026"],
    ["2025-12-15", "半年", "2026H1"],
    ["2025-12-15", "月", "2025-12"],
    ["2026-02-28", "季度", "2026Q1"],
    ["2026-03-01", "季度", "2026Q2"],
    ["2026-05-31", "半年", "2026H1"],
    ["2026-06-01", "半年", "2026H2"],
    ["2026-11-30", "季度", "2026Q4"],
    ["2026-12-01", "年", "2027"],
  ])("dec-nov-cycle: %p by %p → %p", (date, granularity, label) => {
    expect(periodLabelOf(date, granularity, decNov)).toBe(label);
  });

  it("explains a date or granularity it cannot read", () => {
    expect(periodLabelOf("2026-02-30", null, star)).toEqual(new CellError("VALUE", "「2026-02-30」不是有效日期：请填写日期（如 2026-07-15）或引用日期单元格"));
    expect(periodLabelOf("#N/A", null, star)).toMatchObject({ type: "VALUE", message: expect.stringContaining("「#N/A」不是有效日期") });
    expect(periodLabelOf("", null, star)).toEqual(new CellError("VALUE", "日期为空：请填写日期（如 2026-07-15）或引用日期单元格"));
    expect(periodLabelOf("2026-07-15", "周", star)).toEqual(
      new CellError("VALUE", "期间粒度「周」无法识别：请填写 年、半年、季度 或 月（或 year、half、quarter、month），留空为季度"),
    );
    expect(granularityArgument(undefined)).toBe("quarter");
  });
});
