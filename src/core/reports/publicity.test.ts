import { getBuiltinScheme } from "../scheme/presets";
import { scoreMembers } from "../engine/scoreMembers";
import { buildPublicitySheet } from "./publicity";
import { roster, score, settings, star, valuesOf } from "./testBranch";

describe("buildPublicitySheet", () => {
  const sheet = buildPublicitySheet(score("2026H1"), star, settings);

  it("names the sheet by the period and titles it with the branch and period", () => {
    expect(sheet.name).toBe("公示-2026H1");
    expect(sheet.rows[0]).toEqual([{ value: "第一党支部党员积分公示（2026年度上半年）", text: true, style: "title" }]);
    expect(sheet.merges).toContain("A1:H1");
  });

  it("states the 公示期 (5 days from today, today included) and whom to appeal to", () => {
    expect(sheet.rows[1][0].value).toBe("公示期：2026年7月1日至2026年7月5日（共5天）");
    expect(sheet.rows[2][0].value).toBe("对积分有异议的，请于公示期内向 刘委员（电话 12345678） 反映并提供证明材料");
    // No 申诉联系人 in 设置: the regulation's usual channel.
    expect(buildPublicitySheet(score("2026H1"), star, { ...settings, contact: " " }).rows[2][0].value).toBe("对积分有异议的，请于公示期内向 党支部组织委员 反映并提供证明材料");
    const seven = buildPublicitySheet(score("2026H1"), star, settings, { publicityDays: 7 });
    expect(seven.rows[1][0].value).toBe("公示期：2026年7月1日至2026年7月7日（共7天）");
    // Across a month end.
    const late = buildPublicitySheet(score("2026H1"), star, { ...settings, today: "2026-06-28" });
    expect(late.rows[1][0].value).toBe("公示期：2026年6月28日至2026年7月2日（共5天）");
  });

  it("has the header at row 4 without the appraisal (scored only for the year) and rows in rank order", () => {
    expect(valuesOf(sheet.rows[3])).toEqual(["序号", "编号", "姓名", "党员类别", "日常行为积分", "总分", "排名", "备注"]);
    // H1 standing at 06-30: 李四 80 (1), 张三 80−2−2 = 76 (2), =1+1 80−4 = 76 (2, roster order), 孙七 vetoed (4), 赵六 unranked last.
    expect(sheet.rows.slice(4, 9).map(valuesOf)).toEqual([
      [1, "002", "李四", "正式党员", 80, 80, 1, ""],
      [2, "001", "张三", "正式党员", 76, 76, 2, ""],
      [3, "003", "=1+1", "预备党员", 76, 76, 2, ""],
      [4, "005", "孙七", "正式党员", 0, 0, 4, "一票否决：V1 受留党察看及以上处分（2026-04-01，党委决定）"],
      [5, "004", "赵六", "入党积极分子", 78, 78, null, "积分作为教育考察依据"],
    ]);
  });

  it("writes names as text, so =1+1 stays a name", () => {
    expect(sheet.rows[6][2]).toEqual({ value: "=1+1", text: true, style: "cell" });
    expect(sheet.rows[6][2].formula).toBeUndefined();
  });

  it("sums and averages the component and 总分 columns over exactly the member rows 5–9", () => {
    expect(valuesOf(sheet.rows[9])).toEqual(["合计", null, null, null, "=SUM(E5:E9)", "=SUM(F5:F9)", null, null]);
    expect(valuesOf(sheet.rows[10])).toEqual(["平均", null, null, null, "=ROUND(AVERAGE(E5:E9),1)", "=ROUND(AVERAGE(F5:F9),1)", null, null]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["A10:D10", "A11:D11"]));
  });

  it("ends with 制表人, 制表日期 and 党支部（盖章）", () => {
    expect(sheet.rows[11]).toEqual([]);
    const footer = sheet.rows[12].filter((c) => c.value).map((c) => c.value);
    expect(footer).toEqual(["制表人：刘委员", "制表日期：2026年7月1日", "党支部（盖章）"]);
    expect(sheet.rows).toHaveLength(13);
  });

  it("prints portrait with the header repeated, one page wide, page numbers in the footer", () => {
    expect(sheet.page).toEqual({ orientation: "portrait", printTitleRows: [4, 4], fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
    expect(sheet.freezeRows).toBe(4);
    expect(sheet.columnWidths).toHaveLength(8);
  });

  it("shows the appraisal for the whole year and goes landscape beyond three components", () => {
    const year = buildPublicitySheet(score("2026"), star, settings);
    expect(year.name).toBe("公示-2026");
    expect(valuesOf(year.rows[3]).slice(4, 7)).toEqual(["日常行为积分", "年度评议积分", "总分"]);
    expect(valuesOf(year.rows[4])).toEqual([1, "002", "李四", "正式党员", 80, 20, 100, 1, ""]);
    expect(year.page?.orientation).toBe("portrait");

    const oilfield = getBuiltinScheme("oilfield-60-40");
    const q = scoreMembers({ scheme: oilfield, members: roster, entries: [], period: "2026Q3" });
    const wide = buildPublicitySheet(q, oilfield, settings);
    expect(wide.name).toBe("公示-2026Q3");
    expect(wide.rows[0][0].value).toBe("第一党支部党员积分公示（2026年度第三季度）");
    expect(valuesOf(wide.rows[3]).slice(4, 9)).toEqual(["基础分", "履职分", "加分项", "扣分项", "总分"]);
    expect(wide.page?.orientation).toBe("landscape");
    // 5 members from row 5; 总分 is column I.
    expect(valuesOf(wide.rows[9])[8]).toBe("=SUM(I5:I9)");
  });

  it("writes plain 0 / blank totals for a branch without members (an empty range would read the header)", () => {
    const empty = buildPublicitySheet(scoreMembers({ scheme: star, members: [], entries: [], period: "2026H1" }), star, settings);
    expect(valuesOf(empty.rows[4])).toEqual(["合计", null, null, null, 0, 0, null, null]);
    expect(valuesOf(empty.rows[5])).toEqual(["平均", null, null, null, null, null, null, null]);
  });

  it("rejects a bad date or day count", () => {
    expect(() => buildPublicitySheet(score("2026H1"), star, { ...settings, today: "2026-02-30" })).toThrow("不是有效日期");
    expect(() => buildPublicitySheet(score("2026H1"), star, settings, { publicityDays: 0 })).toThrow("公示天数");
  });
});
