import { HEAVY_POINTS, describeUnmatched, entryConsequence, matchNames, splitNames } from "./batchEntry";

const roster = [
  { id: "001", name: "张三" },
  { id: "002", name: "李四" },
  { id: "003", name: "王芳" },
  { id: "004", name: "王芳" },
];

describe("batch entry names", () => {
  it("splits a pasted list on lines, 、，, ; and spaces (full-width too), each name once", () => {
    expect(splitNames("张三、李四\r\n王五，赵六;钱七　孙八  张三\n\n")).toEqual(["张三", "李四", "王五", "赵六", "钱七", "孙八"]);
    expect(splitNames("  \n ")).toEqual([]);
  });

  it("matches by 编号 or 姓名 and lists the names of no one and the names of several", () => {
    const match = matchNames(["李四", "001", "赵九", "王芳", "张三"], roster);
    expect(match.members.map((m) => m.id)).toEqual(["002", "001"]);
    expect(match.unknown).toEqual(["赵九"]);
    expect(match.ambiguous).toEqual([{ name: "王芳", ids: ["003", "004"] }]);
    expect(describeUnmatched(match)).toEqual(["不在党员名册中（未勾选）：赵九", "「王芳」有 2 名党员（编号 003、004），请改用编号"]);
    expect(describeUnmatched(matchNames(["003"], roster))).toEqual([]);
  });
});

describe("entryConsequence", () => {
  const item = { code: "D4", name: "受处分", veto: false };
  it("states a veto's consequence for the member's year", () => {
    expect(entryConsequence({ code: "V1", name: "受留党察看及以上处分", veto: true, heavy: false }, { name: "张三", points: null, cycleYear: 2026 })).toBe(
      "一票否决：张三 2026 年全年积分将为 0（V1 受留党察看及以上处分）",
    );
  });

  it("asks from HEAVY_POINTS on, either sign, unless the scheme says otherwise", () => {
    expect(entryConsequence(item, { name: "张三", points: -HEAVY_POINTS, cycleYear: 2026 })).toBe("重大扣分：张三 -10 分（D4 受处分）");
    expect(entryConsequence(item, { name: "张三", points: 12.5, cycleYear: 2026 })).toBe("大额加分：张三 +12.5 分（D4 受处分）");
    expect(entryConsequence(item, { name: "张三", points: -9.9, cycleYear: 2026 })).toBeNull();
    expect(entryConsequence({ ...item, heavy: true }, { name: "张三", points: -2, cycleYear: 2026 })).toBe("重大扣分：张三 -2 分（D4 受处分）");
    expect(entryConsequence({ ...item, heavy: false }, { name: "张三", points: -20, cycleYear: 2026 })).toBeNull();
    expect(entryConsequence(item, { name: "张三", points: null, cycleYear: 2026 })).toBeNull();
  });
});
