import { scoreMembers } from "../engine/scoreMembers";
import type { Appraisal, LedgerEntry } from "../engine/types";
import type { GradingRecord } from "../grading/classifiedGrading";
import { getBuiltinScheme } from "../scheme/presets";
import type { SheetModel } from "../sheetModel";
import { buildGradingCardSheet, buildGradingLedgerSheet } from "./classifiedGrading";

/*
 * S9 仓街海源片区党支部, cycle 2015 by hand (日常表现 60 倒扣 + 作用发挥 累计 + 民主测评 优秀 20 / 合格 15):
 *   001 杨正龙  60 + (F1 5 + F4 5 + F2 1 + F3 1 + F2 1 = 13) + 优秀 20 = 93 优秀
 *   002 肖燕    60 + (F1 5 + F1 5 + F4 5 + F2 1 + F3 1 + F3 1 = 18) + 优秀 20 = 98 优秀
 *   003 沙朝文  (60 − D1 2 = 58) + (F1 5 + F4 5 + F1 4 = 14) + 合格 15 = 87 合格
 *   004 祁敬芳  (60 − D2 1 − D6 3 = 56) + (F2 1 + F3 1 = 2) + 合格 15 = 73 合格
 */
const scheme = getBuiltinScheme("classified-grading");
const BRANCH = "仓街海源片区党支部";
const settings = { branch: BRANCH, secretary: "王书记", clerk: "李红梅", contact: "", today: "2015-12-20" };
const roster = [
  { id: "001", name: "杨正龙", category: "正式党员" },
  { id: "002", name: "肖燕", category: "正式党员" },
  { id: "003", name: "沙朝文", category: "正式党员" },
  { id: "004", name: "祁敬芳", category: "正式党员" },
];
const e = (memberId: string, itemCode: string, value?: number): LedgerEntry => ({ date: "2015-06-01", memberId, itemCode, ...(value !== undefined ? { value } : {}) });
const entries: LedgerEntry[] = [
  ...[e("001", "F1", 5), e("001", "F4", 5), e("001", "F2"), e("001", "F3"), e("001", "F2")],
  ...[e("002", "F1", 5), e("002", "F1", 5), e("002", "F4", 5), e("002", "F2"), e("002", "F3"), e("002", "F3")],
  ...[e("003", "D1"), e("003", "F1", 5), e("003", "F4", 5), e("003", "F1", 4)],
  ...[e("004", "D2"), e("004", "D6", -3), e("004", "F2"), e("004", "F3")],
];
const appraisals: Appraisal[] = [
  { cycleYear: 2015, memberId: "001", grade: "优秀" },
  { cycleYear: 2015, memberId: "002", grade: "优秀" },
  { cycleYear: 2015, memberId: "003", grade: "合格" },
  { cycleYear: 2015, memberId: "004", grade: "合格" },
];
const result = scoreMembers({ scheme, members: roster, entries, appraisals, period: "2015" });

const record = (memberId: string, name: string, fields: Partial<GradingRecord>): GradingRecord => ({
  row: 2,
  year: 2015,
  memberId,
  name,
  problems: "",
  measures: "",
  deadline: "",
  leader: "",
  outcome: "",
  appraisal: "",
  promoted: "",
  ...fields,
});
const records: GradingRecord[] = [
  record("002", "肖燕", { problems: "理论学习不够,政策理论水平不强。", measures: "加强对党的理论知识学习", deadline: "2015-12-31", leader: "王书记", appraisal: "优秀" }),
  record("001", "杨正龙", { problems: "遇事不敢坚持原则,身体力行不足。", measures: "改造世界观,提高工作主动性", deadline: "2015.12", leader: "李校长", outcome: "已整改", promoted: "是" }),
  // Another year's record does not show.
  record("003", "沙朝文", { year: 2014, problems: "缺乏开拓创新精神" }),
];

const valuesOf = (sheet: SheetModel) => sheet.rows.map((r) => r.map((c) => c.formula ?? c.value ?? ""));

describe("党组织和党员分类定级积分晋位管理台账 (S9)", () => {
  it("scores the fixture as computed by hand", () => {
    expect(result.members.map((m) => [m.name, m.total, m.grade])).toEqual([
      ["杨正龙", 93, "优秀"],
      ["肖燕", 98, "优秀"],
      ["沙朝文", 87, "合格"],
      ["祁敬芳", 73, "合格"],
    ]);
  });

  it("lists every member in roster order with the year's record, 测评结果 falling back to the 民主评议 等次", () => {
    const sheet = buildGradingLedgerSheet(records, result, scheme, settings, appraisals);
    expect(sheet.name).toBe("分类定级台账-2015");
    const values = valuesOf(sheet);
    expect(values[0][0]).toBe("党组织和党员分类定级积分晋位管理台账（2015年度）");
    expect(values[1][0]).toBe("党组织：仓街海源片区党支部　填报时间：2015年12月20日");
    expect(values[2]).toEqual(["序号", "姓名", "所在党组织", "积分", "等次", "存在问题", "整改措施", "整改时限", "联系领导", "整改结果", "测评结果", "是否晋位"]);
    expect(values.slice(3, 7)).toEqual([
      [1, "杨正龙", BRANCH, 93, "优秀", "遇事不敢坚持原则,身体力行不足。", "改造世界观,提高工作主动性", "2015.12", "李校长", "已整改", "优秀", "是"],
      [2, "肖燕", BRANCH, 98, "优秀", "理论学习不够,政策理论水平不强。", "加强对党的理论知识学习", "2015-12-31", "王书记", "", "优秀", ""],
      [3, "沙朝文", BRANCH, 87, "合格", "", "", "", "", "", "合格", ""],
      [4, "祁敬芳", BRANCH, 73, "合格", "", "", "", "", "", "合格", ""],
    ]);
    // User text is stored as text; scores are numbers.
    expect(sheet.rows[3][5]).toMatchObject({ text: true });
    expect(sheet.rows[3][3]).toEqual({ value: 93, style: "number" });
    expect(values.slice(7, 11).map((r) => [r[0], r[4]])).toEqual([
      ["优秀人数", '=COUNTIF(E4:E7,"优秀")'],
      ["合格人数", '=COUNTIF(E4:E7,"合格")'],
      ["基本合格人数", '=COUNTIF(E4:E7,"基本合格")'],
      ["不合格人数", '=COUNTIF(E4:E7,"不合格")'],
    ]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["A1:L1", "A2:L2", "A8:D8", "A11:D11"]));
    expect(values[12]).toEqual(["支部书记（签字）：", "", "", "", "", "", "填表人：李红梅"]);
    expect(sheet.page).toMatchObject({ orientation: "landscape", printTitleRows: [3, 3] });
  });

  it("leaves 测评结果 blank without a record or an appraisal, and refuses a quarter", () => {
    const values = valuesOf(buildGradingLedgerSheet(records, result, scheme, settings));
    expect(values.slice(3, 7).map((r) => r[10])).toEqual(["", "优秀", "", ""]);
    const quarter = scoreMembers({ scheme, members: roster, entries, period: "2015Q3" });
    expect(() => buildGradingLedgerSheet(records, quarter, scheme, settings)).toThrow("党组织和党员分类定级积分晋位管理台账须按年度生成，收到的期间为 2015Q3");
    expect(() => buildGradingCardSheet(records, quarter, scheme, settings)).toThrow("分类定级积分晋位管理卡须按年度生成");
  });
});

describe("分类定级积分晋位管理卡 (S9)", () => {
  const sheet = buildGradingCardSheet(records, result, scheme, settings, appraisals);
  const values = valuesOf(sheet);
  // Each card: title, 填报时间, 11 fields, a blank row and two signature rows = 16 rows.
  const card = (i: number) => values.slice(16 * i, 16 * (i + 1));

  it("starts every card after the first on a new printed page, at its title row", () => {
    expect(sheet.name).toBe("管理卡-2015");
    expect(values).toHaveLength(64);
    expect(sheet.pageBreaks).toEqual([17, 33, 49]);
    for (const row of [1, ...sheet.pageBreaks!]) {
      expect(sheet.rows[row - 1][0]).toEqual({ value: "分类定级积分晋位管理卡", text: true, style: "title" });
      expect(sheet.merges).toContain(`A${row}:D${row}`);
    }
    expect(sheet.page).toEqual({ orientation: "portrait", fitToWidth: true, centerFooter: "第 &P 页，共 &N 页" });
    expect(sheet.freezeRows).toBeUndefined();
  });

  it("fills each card with the member's score, 等次 and record", () => {
    const first = card(0);
    expect(first[1][0]).toBe("填报时间：2015年12月20日");
    expect(first.slice(2, 13).map((r) => [r[0], r[1]])).toEqual([
      ["姓名", "杨正龙"],
      ["所在党组织", BRANCH],
      ["积分", 93],
      ["等次", "优秀"],
      ["存在问题", "遇事不敢坚持原则,身体力行不足。"],
      ["整改措施", "改造世界观,提高工作主动性"],
      ["整改时限", "2015.12"],
      ["联系领导", "李校长"],
      ["整改结果", "已整改"],
      ["测评结果", "优秀"],
      ["是否晋位", "是"],
    ]);
    expect(sheet.rows[2][0]).toMatchObject({ style: "header" });
    expect(sheet.merges).toEqual(expect.arrayContaining(["B3:D3", "B13:D13"]));
    expect(first[14]).toEqual(["党员本人签字：", "", "联系领导签字："]);
    expect(first[15]).toEqual(["党支部（盖章）", "", "    年    月    日"]);
    // 沙朝文 has no 2015 record: blank fields, 测评结果 from the 民主评议.
    expect(card(2).slice(2, 13).map((r) => r[1])).toEqual(["沙朝文", BRANCH, 87, "合格", "", "", "", "", "", "合格", ""]);
    expect(card(3).slice(2, 6).map((r) => r[1])).toEqual(["祁敬芳", BRANCH, 73, "合格"]);
  });
});
