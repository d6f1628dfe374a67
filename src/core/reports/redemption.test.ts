import { scoreMembers } from "../engine/scoreMembers";
import { getBuiltinScheme } from "../scheme/presets";
import { buildRedemptionSheet } from "./redemption";

const scheme = getBuiltinScheme("company");
const settings = { branch: "第一党支部", secretary: "王书记", clerk: "李红梅", contact: "", today: "2026-12-20" };
const members = [
  { id: "001", name: "张三", category: "正式党员" },
  { id: "002", name: "李四", category: "正式党员" },
];
const result = scoreMembers({ scheme, members, entries: [], period: "2026" });

describe("积分兑换台账", () => {
  it("lists approved, redeemed and a balance formula per member, a SUM row, the note and signature lines", () => {
    const sheet = buildRedemptionSheet(
      [
        { memberId: "001", name: "张三", earned: 85, redeemed: 42.5, balance: 42.5 },
        { memberId: "002", name: "李四", earned: 40.5, redeemed: 50, balance: -9.5 },
      ],
      result,
      scheme,
      settings,
    );
    expect(sheet.name).toBe("积分兑换-2026");
    const values = sheet.rows.map((r) => r.map((c) => c.formula ?? c.value ?? ""));
    expect(values[0][0]).toBe("第一党支部党员积分兑换台账（2026年度）");
    expect(values[2]).toEqual(["序号", "编号", "姓名", "已审定积分", "已兑换积分", "可兑换余额", "备注"]);
    expect(values[3]).toEqual([1, "001", "张三", 85, 42.5, "=D4-E4", ""]);
    expect(values[4]).toEqual([2, "002", "李四", 40.5, 50, "=D5-E5", "已兑换超过已审定积分，请核对"]);
    expect(values[5].slice(3, 6)).toEqual(["=SUM(D4:D5)", "=SUM(E4:E5)", "=SUM(F4:F5)"]);
    expect(values.flat().join("")).toContain("支部书记（签字）：");
    expect(sheet.page).toMatchObject({ printTitleRows: [3, 3], fitToWidth: true });
  });

  it("is made for a year only", () => {
    const half = scoreMembers({ scheme, members, entries: [], period: "2026H1" });
    expect(() => buildRedemptionSheet([], half, scheme, settings)).toThrow(/年/);
  });
});
