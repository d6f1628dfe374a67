import { CellError } from "../cellError";
import { getBuiltinScheme } from "../scheme/presets";
import { gradeOf } from "./grade";
import { NO_SCHEME_MESSAGE, resolveScheme } from "./resolveScheme";

const star = getBuiltinScheme("star-member");

describe("PARTY.GRADE core", () => {
  // 星级党员: “90分以上…优秀党员资格；70-89分合格；60-69分基本合格；60分以下不合格”
  it.each([
    [100, "优秀"],
    [90, "优秀"],
    [89.9, "合格"],
    [70, "合格"],
    [69.5, "基本合格"],
    [60, "基本合格"],
    [59.9, "不合格"],
    [0, "不合格"],
    ["９０", "优秀"],
    [" 75 ", "合格"],
  ])("%p → %s", (score, grade) => {
    expect(gradeOf(score, star)).toBe(grade);
  });

  it("explains a score that is not a number", () => {
    expect(gradeOf("优秀", star)).toEqual(new CellError("VALUE", "积分「优秀」不是数字"));
  });

  it("resolves the scheme from the argument or the workbook default", () => {
    expect(resolveScheme("star-member", null)).toBe(star);
    expect(resolveScheme("", "star-member")).toBe(star);
    expect(resolveScheme(undefined, null)).toEqual(new CellError("NA", NO_SCHEME_MESSAGE));
    expect(resolveScheme("nope", null)).toEqual(new CellError("NA", "没有 id 为「nope」的积分方案，请检查方案参数或「设置」工作表"));
  });
});
