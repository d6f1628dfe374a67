import { HEADER_SYNONYMS, IMPORT_TARGET, describeMatch, headerKey, matchHeaders } from "./headerMatch";

describe("header matching", () => {
  it("matches our headers exactly, whatever their order", () => {
    const m = matchHeaders(["姓名", "党员类别", "编号"], "roster");
    expect(m.columns.map((c) => [c.target, c.index, c.how])).toEqual([
      ["编号", 2, "exact"],
      ["姓名", 0, "exact"],
      ["党员类别", 1, "exact"],
    ]);
    expect(m.missing).toEqual([]);
    expect(describeMatch(m)).toBe("");
  });

  it("falls back to the names branches use", () => {
    const m = matchHeaders(["序号", "党员姓名", "工号", "人员类别", "联系电话", "政治面貌"], "roster");
    // A real id column (工号) wins over 序号, which in most tables only numbers the rows.
    expect(m.columns.map((c) => `${c.target}←${c.source}`)).toEqual(["编号←工号", "姓名←党员姓名", "党员类别←人员类别", "联系方式←联系电话"]);
    expect(m.ignored).toEqual(["序号", "政治面貌"]);
    expect(describeMatch(m)).toBe("编号←工号、姓名←党员姓名、党员类别←人员类别、联系方式←联系电话");
  });

  it("takes 序号 as 编号 when nothing better is there", () => {
    expect(matchHeaders(["序号", "姓名", "类别"], "roster").columns.map((c) => c.source)).toEqual(["序号", "姓名", "类别"]);
  });

  it("prefers the exact header to a synonym for the same column", () => {
    const m = matchHeaders(["时间", "日期", "编号", "代码", "得分", "分值"], "entries");
    expect(m.columns.map((c) => `${c.target}←${c.source}`)).toEqual(["日期←日期", "编号←编号", "项目代码←代码", "分值←分值"]);
    expect(m.ignored).toEqual(["时间", "得分"]);
  });

  it("reads headers written with full-width letters, spaces, line breaks, marks and a unit in brackets", () => {
    expect(headerKey(" 分值（分）")).toBe("分值");
    expect(headerKey("*姓 名")).toBe("姓名");
    expect(headerKey("党员\n类别：")).toBe("党员类别");
    expect(headerKey("日期(年月日)")).toBe("日期");
    const m = matchHeaders(["记录日期", "党员编号", "项目代码", "次 数", "得分（分）", "等次"], "entries");
    expect(m.columns.map((c) => c.target)).toEqual(["日期", "编号", "项目代码", "次数", "分值"]);
  });

  it("lists the required columns it could not find", () => {
    expect(matchHeaders(["编号", "名称"], "roster").missing).toEqual([["姓名"], ["党员类别"]]);
    expect(matchHeaders(["编号", "等次"], "appraisals").missing).toEqual([]);
    expect(matchHeaders(["编号", "评语"], "appraisals").missing).toEqual([["评议等次", "分值"]]);
  });

  it("has synonyms only for columns of the target table, none shadowing another column's own header", () => {
    for (const [kind, table] of Object.entries(HEADER_SYNONYMS) as [keyof typeof HEADER_SYNONYMS, Record<string, readonly string[]>][]) {
      const headers = IMPORT_TARGET[kind].columns.map((c) => c.header);
      for (const [target, names] of Object.entries(table)) {
        expect(headers).toContain(target);
        for (const name of names) expect(headers).not.toContain(name);
      }
    }
  });
});
