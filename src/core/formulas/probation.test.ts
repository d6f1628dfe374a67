import { CellError } from "../cellError";
import { getBuiltinScheme } from "../scheme/presets";
import { probationOutcome } from "./probation";

const decNov = getBuiltinScheme("dec-nov-cycle");

describe("PARTY.PROBATION core", () => {
  // “预备党员含年度评议积分为80分以上的按期转正；60-80分的继续培养并延期转正；60分以下的取消预备党员资格”
  it.each([
    [100, "按期转正"],
    [80, "按期转正"],
    [79.9, "延期转正（继续培养）"],
    [60, "延期转正（继续培养）"],
    [59.9, "取消预备党员资格"],
    [0, "取消预备党员资格"],
    ["８５", "按期转正"],
    [" 65 ", "延期转正（继续培养）"],
  ])("dec-nov-cycle %p → %s", (score, outcome) => {
    expect(probationOutcome(score, decNov)).toBe(outcome);
  });

  it("explains a score that is not a number", () => {
    expect(probationOutcome("优秀", decNov)).toEqual(new CellError("VALUE", "积分「优秀」不是数字"));
    expect(probationOutcome("", decNov)).toEqual(new CellError("VALUE", "积分为空：请填写预备党员的年度积分（含民主评议分）"));
  });

  it("a scheme without probation rules is #N/A and names the scheme that has them", () => {
    expect(probationOutcome(85, getBuiltinScheme("star-member"))).toEqual(
      new CellError("NA", "方案「星级党员管理量化考评制度」没有预备党员转正的积分规定：有此规定的方案：dec-nov-cycle（党员管理量化考评制度（12月至次年11月））"),
    );
  });
});
