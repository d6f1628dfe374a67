import { CellError } from "../cellError";
import { getBuiltinScheme } from "../scheme/presets";
import { starLevel } from "./starLevel";

describe("PARTY.STARLEVEL core", () => {
  // 基层党支部评星晋级目标管理工作台账 (the seed's rows).
  it.each([
    ["掘进六队党支部: 安全星绩效星廉洁星", [["安全星绩效星廉洁星"]], "三星级党支部"],
    ["生产服务队党支部: 学习星安全星廉洁星绩效星", [["学习星安全星廉洁星绩效星"]], "四星级党支部"],
    ["选煤厂党支部: 学习星安全星绩效星廉洁星创新星", [["学习星安全星绩效星廉洁星创新星"]], "五星级党支部"],
    ["stars one per cell", [["学习星", "安全星"], ["绩效星", ""]], "三星级党支部"],
    ["separated and repeated", [["学习星、安全星，学习星"]], "未定级"],
    ["a count", [[4]], "四星级党支部"],
    ["a count as full-width text", [["５"]], "五星级党支部"],
    ["no stars", [[""]], "未定级"],
  ])("%s", (_what, stars, level) => {
    expect(starLevel(stars, null)).toBe(level);
  });

  it("explains what is not a star or not a count, and refuses a member scheme", () => {
    expect(starLevel([["学习星优秀星"]], null)).toEqual(new CellError("VALUE", "「优秀星」不是星名：可用的星为 学习星、安全星、绩效星、廉洁星、创新星"));
    expect(starLevel([[6]], null)).toEqual(new CellError("VALUE", "星数「6」应为 0 至 5 的整数"));
    expect(starLevel([[3]], getBuiltinScheme("star-member"))).toMatchObject({ type: "VALUE" });
  });
});
