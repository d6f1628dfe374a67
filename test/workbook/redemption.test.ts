import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { approvePeriod, appendEntry, importCsvFiles, scaffoldWorkbook } from "../../src/app/ledgerService";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";
import { redeemPoints, redemptionBalancesOf } from "../../src/app/sideStores";

const NOW = new Date(2026, 7, 1, 9, 0, 0);

describe("积分兑换 through the gateway", () => {
  it("lets a member redeem what the committee approved, refuses more, writes nothing on refusal and logs each redemption", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, NOW);
    await importCsvFiles(gw, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n" }, NOW);
    await appendEntry(gw, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    await appendEntry(gw, { 日期: "2026-09-02", 编号: "001", 项目代码: "D2" }, {}, NOW);
    // Nothing approved yet: nothing to redeem.
    expect((await redemptionBalancesOf(gw)).map((b) => b.balance)).toEqual([0, 0]);
    await approvePeriod(gw, "2026H1", { date: "2026-07-10" }, NOW);
    // 2026H1 approved: 张三 80 − 1 = 79 (日常行为积分; 评议 counts only in the year), 李四 80. 2026H2 is not approved.
    expect(await redemptionBalancesOf(gw)).toEqual([
      { memberId: "001", name: "张三", earned: 79, redeemed: 0, balance: 79 },
      { memberId: "002", name: "李四", earned: 80, redeemed: 0, balance: 80 },
    ]);
    expect(await redeemPoints(gw, { date: "2026-08-01", memberId: "001", item: "党建书籍一套", points: 50 }, NOW)).toMatchObject({ balance: 29 });
    await expect(redeemPoints(gw, { date: "2026-08-02", memberId: "001", item: "纪念品", points: 30 }, NOW)).rejects.toThrow("张三（001）可兑换积分为 29 分（已审定 79 分，已兑换 50 分），不足以兑换「纪念品」所需的 30 分");
    expect(gw.book.tables.get("RedemptionTable")!.rows).toHaveLength(1);
    expect(gw.book.tables.get("LogTable")!.rows.filter((r) => r[1] === "积分兑换")).toHaveLength(1);
    // The assessment points are untouched: redemption is a ledger of its own.
    expect(gw.book.tables.get("LedgerTable")!.rows).toHaveLength(2);
  });
});
