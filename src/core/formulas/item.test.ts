import { CellError } from "../cellError";
import { getBuiltinScheme } from "../scheme/presets";
import { itemPoints } from "./item";

const star = getBuiltinScheme("star-member");
const detailed = getBuiltinScheme("detailed-100");

describe("PARTY.ITEM core", () => {
  it.each([
    // ①缺席每次扣1分; ②违反工作纪律每次扣2分; ⑥视情形扣1-4分.
    ["D1", null, null, -1],
    ["D1", 3, null, -3],
    ["d2", "2", "", -4],
    [" D1 ", "２", "-1", -2],
    ["D1", 1, -1, -1],
    ["D6", 1, -3, -3],
    ["D6", 2, "－2.5", -5],
    ["D5", "", "", -5],
  ])("star-member %p × %p at %p → %p", (code, count, value, points) => {
    expect(itemPoints(code, count, value, star)).toBe(points);
  });

  it("detailed-100: discretionary bonus and fixed bonus", () => {
    expect(itemPoints("A1", 2, 3.5, detailed)).toBe(7);
    expect(itemPoints("A2", 2, null, detailed)).toBe(4);
    expect(itemPoints("B2", null, null, detailed)).toBe(-1);
  });

  it("a veto item is #N/A: it zeroes the cycle instead of scoring", () => {
    expect(itemPoints("V1", null, null, star)).toEqual(new CellError("NA", "V1 为一票否决事项，不计分：本周期积分清零"));
    expect(itemPoints("x1", null, null, detailed)).toEqual(new CellError("NA", "X1 为一票否决事项，不计分：本周期积分清零"));
  });

  it("explains what is wrong with the entry", () => {
    expect(itemPoints("D6", null, null, star)).toEqual(new CellError("VALUE", "D6 为酌情计分项目，须填写分值（-4至-1分/次（酌情））"));
    expect(itemPoints("D6", 1, -5, star)).toEqual(new CellError("VALUE", "分值 -5 超出 D6 的范围 -4 至 -1"));
    expect(itemPoints("D1", 1, -2, star)).toEqual(new CellError("VALUE", "分值 -2 与 D1 的固定分值 -1 不符"));
    expect(itemPoints("D1", 1.5, null, star)).toEqual(new CellError("VALUE", "次数 1.5 不是正整数"));
    expect(itemPoints("D1", 0, null, star)).toEqual(new CellError("VALUE", "次数 0 不是正整数"));
    expect(itemPoints("D1", "两", null, star)).toEqual(new CellError("VALUE", "次数「两」不是数字"));
    expect(itemPoints("D1", 1, "#N/A", star)).toEqual(new CellError("VALUE", "分值「#N/A」不是数字"));
    expect(itemPoints("", null, null, star)).toEqual(new CellError("VALUE", "项目代码为空：请填写「积分规则」工作表中的项目代码"));
    expect(itemPoints("Z9", null, null, star)).toEqual(
      new CellError("VALUE", "方案「星级党员管理量化考评制度」没有项目代码「Z9」：可用的有 D1、D2、D3、D4、V1、D5、V2、D6（见「积分规则」工作表）"),
    );
  });
});
