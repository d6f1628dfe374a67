import { Refused } from "../errors";
import { SHEETS } from "../ledger/layout";
import type { TableData } from "../sheetModel";
import { isoToSerial } from "../sheetModel";
import { REDEMPTION_STORE, planRedemption, redemptionBalances } from "./redemption";

// S7 企业党员积分制度考核管理（模板）：“积分兑换：党员可以根据积分兑换相应的奖励或福利。”
const members = [
  { id: "001", name: "张三" },
  { id: "002", name: "李四" },
];
const earned = new Map([
  ["001", 85],
  ["002", 40.5],
]);
const NOW = new Date(2026, 7, 1, 9, 0, 0);

function sheet(rows: TableData["rows"]): TableData {
  return { name: REDEMPTION_STORE.table, sheet: REDEMPTION_STORE.sheet, headers: REDEMPTION_STORE.columns.map((c) => c.header), rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 };
}

const redeemed = sheet([
  [isoToSerial("2026-07-05"), "001", "张三", "党建书籍一套", 30, "李红梅", null],
  [isoToSerial("2026-07-20"), "001", "张三", "志愿服务纪念品", "12.5", "李红梅", null],
  [isoToSerial("2026-07-20"), "002", "李四", "学习用品", "（未填）", "李红梅", null],
]);

describe("积分兑换 (S7)", () => {
  it("balance = approved points − redeemed points, exact to a tenth; an unreadable 消耗积分 counts nothing", () => {
    // 张三: 85 − 30 − 12.5 = 42.5; 李四: 40.5 − 0 = 40.5.
    expect(redemptionBalances(members, earned, redeemed)).toEqual([
      { memberId: "001", name: "张三", earned: 85, redeemed: 42.5, balance: 42.5 },
      { memberId: "002", name: "李四", earned: 40.5, redeemed: 0, balance: 40.5 },
    ]);
    expect(redemptionBalances(members, new Map(), undefined).map((b) => b.balance)).toEqual([0, 0]);
  });

  it("records a redemption the balance covers, creating the sheet the first time, and logs it", () => {
    const first = planRedemption(undefined, members, earned, { date: "2026-08-01", memberId: "002", item: "党史读本", points: 40.5, handler: "李红梅" }, NOW);
    expect(first.ops.map((o) => o.op)).toEqual(["createTable", "setValidation", "appendRows"]);
    // The 编号 column declares a dropdown of the roster's ids, and the sheet gets it on creation.
    expect(first.ops[1]).toEqual({ op: "setValidation", table: "RedemptionTable", column: 1, source: { range: { sheet: "党员名册", column: 0 } } });
    expect(first.balance).toEqual({ memberId: "002", name: "李四", earned: 40.5, redeemed: 40.5, balance: 0 });
    const again = planRedemption(redeemed, members, earned, { date: "2026/8/1", memberId: "001", item: "=HYPERLINK(\"x\")", points: "42.5" }, NOW);
    expect(again.ops[0]).toEqual({ op: "appendRows", table: "RedemptionTable", rows: [[isoToSerial("2026-08-01"), "001", "张三", "=HYPERLINK(\"x\")", 42.5, null, null]], formats: expect.any(Array) });
    expect(again.ops[1]).toMatchObject({ op: "appendRows", table: SHEETS.log.table, rows: [[expect.any(String), "积分兑换", "积分兑换", "", "张三（001）兑换「=HYPERLINK(\"x\")」42.5 分，余 0 分"]] });
  });

  it("refuses a redemption beyond the balance, saying what is left and why", () => {
    expect(() => planRedemption(redeemed, members, earned, { date: "2026-08-01", memberId: "001", item: "纪念品", points: 42.6 }, NOW)).toThrow(
      new Refused("redemption", "张三（001）可兑换积分为 42.5 分（已审定 85 分，已兑换 42.5 分），不足以兑换「纪念品」所需的 42.6 分"),
    );
  });

  it("refuses a bad date, an unknown member, a missing item and points that are not a positive number of tenths", () => {
    const attempt = (input: Partial<Parameters<typeof planRedemption>[3]>) => () =>
      planRedemption(redeemed, members, earned, { date: "2026-08-01", memberId: "001", item: "纪念品", points: 1, ...input }, NOW);
    expect(attempt({ date: "2026-02-30" })).toThrow("兑换日期「2026-02-30」不是有效日期");
    expect(attempt({ memberId: "009" })).toThrow("编号「009」不在党员名册中");
    expect(attempt({ item: "  " })).toThrow("请填写兑换事项（兑换的奖励或福利）");
    expect(attempt({ points: 0 })).toThrow("消耗积分「0」须为正数，最多一位小数");
    expect(attempt({ points: "1.25" })).toThrow("消耗积分「1.25」须为正数，最多一位小数");
    expect(attempt({ points: "十" })).toThrow("消耗积分「十」须为正数，最多一位小数");
  });
});
