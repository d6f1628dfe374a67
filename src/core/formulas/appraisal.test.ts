import { CellError } from "../cellError";
import { getBuiltinScheme } from "../scheme/presets";
import { appraisalPoints } from "./appraisal";

const star = getBuiltinScheme("star-member");
const detailed = getBuiltinScheme("detailed-100");

describe("PARTY.APPRAISAL core", () => {
  // 星级党员: “评议为‘优秀’等次的，记20分；‘合格’等次的，记15分；‘基本合格’等次的，记10分；‘不合格’等次的不记分”
  it.each([
    ["优秀", 20],
    ["合格", 15],
    ["基本合格", 10],
    ["不合格", 0],
    [" 合格 ", 15],
    ["基本 合格", 10],
  ])("star-member %p → %p", (grade, points) => {
    expect(appraisalPoints(grade, star)).toBe(points);
  });

  it("lists the scheme's grades for an unknown or blank grade", () => {
    expect(appraisalPoints("良好", star)).toEqual(new CellError("VALUE", "评议等次「良好」不在方案「星级党员管理量化考评制度」中：请填写 优秀、合格、基本合格、不合格 之一"));
    expect(appraisalPoints("#N/A", star)).toMatchObject({ type: "VALUE", message: expect.stringContaining("「#N/A」") });
    expect(appraisalPoints(20, star)).toMatchObject({ type: "VALUE" });
    expect(appraisalPoints("", star)).toEqual(new CellError("VALUE", "评议等次为空：请填写 优秀、合格、基本合格、不合格 之一"));
  });

  it("detailed-100 takes the vote's score (0–20) and passes it through", () => {
    expect(appraisalPoints(18, detailed)).toBe(18);
    expect(appraisalPoints("１７.５", detailed)).toBe(17.5);
    expect(appraisalPoints(0, detailed)).toBe(0);
    expect(appraisalPoints(20, detailed)).toBe(20);
    expect(appraisalPoints(25, detailed)).toEqual(new CellError("VALUE", "评议得分 25 超出方案「党员积分量化管理细则」的范围 0 至 20 分"));
    expect(appraisalPoints("优秀", detailed)).toEqual(new CellError("VALUE", "评议得分「优秀」不是数字：方案「党员积分量化管理细则」的民主评议按得分计（0 至 20 分）"));
    expect(appraisalPoints(null, detailed)).toMatchObject({ type: "VALUE", message: expect.stringContaining("请填写得分") });
  });

  it("a scheme without a 民主评议 component is #N/A", () => {
    const company = getBuiltinScheme("company");
    expect(appraisalPoints("优秀", company)).toEqual(new CellError("NA", `方案「${company.name}」没有民主评议组成部分，评议结果不计分`));
  });
});
