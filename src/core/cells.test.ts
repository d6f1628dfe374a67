import fc from "fast-check";
import { normalizeText, toProse, toText } from "./cells";

/** The definition normalizeText's fast path must agree with. */
const reference = (text: string) =>
  text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0]+/g, " ")
    .trim();

describe("normalizeText", () => {
  it.each([
    ["张三", "张三"],
    ["  张 三  ", "张 三"],
    ["张\u3000三", "张 三"],
    ["１２．５", "12.5"],
    ["D1\t", "D1"],
    ["a  b", "a b"],
    ["\ufeffD1", "D1"],
    ["第一党支部（机关）", "第一党支部(机关)"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("agrees with the regular-expression definition on any text of spaces, full-width and plain characters", () => {
    const unit = fc.constantFrom(" ", "\t", "\n", "\u3000", "\u00a0", "\u2003", "\ufeff", "１", "Ａ", "～", "a", "1", "张", "，", "-");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join("");
        expect(normalizeText(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("toText folds, toProse keeps the clerk's punctuation", () => {
    expect(toText(" 理论学习不够，政策理论水平不强。 ")).toBe("理论学习不够,政策理论水平不强。");
    expect(toProse(" 理论学习不够，政策理论水平不强。 ")).toBe("理论学习不够，政策理论水平不强。");
    expect(toProse(null)).toBe("");
  });
});
