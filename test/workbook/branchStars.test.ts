import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { saveBranchStars } from "../../src/app/sideStores";
import { importCsvFiles, scaffoldWorkbook, validateWorkbook } from "../../src/app/ledgerService";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";

const NOW = new Date(2026, 10, 24);

describe("评星晋级 in a 党委 workbook under the branch-stars scheme", () => {
  it("validation holds the √ of each branch to the stars its ledger entries award", async () => {
    const gateway = new MemoryGateway();
    await scaffoldWorkbook(gateway, getBuiltinScheme("branch-stars"), { branch: "某矿党委", year: 2026 }, NOW);
    await importCsvFiles(
      gateway,
      {
        roster: "编号,姓名,党员类别\nB06,掘进六队党支部,党支部\nB09,选煤厂党支部,党支部\n",
        entries: "日期,编号,项目代码,次数,证明材料\n2026-03-01,B06,S2,1,安全生产考核表\n2026-06-01,B06,S3,1,绩效考核表\n2026-09-01,B06,S4,1,廉洁从业检查记录\n",
      },
      NOW,
    );
    await saveBranchStars(gateway, { branch: "掘进六队党支部", counts: { members: 9 }, stars: ["安全星", "绩效星", "廉洁星"], target: "四星级党支部" }, NOW);
    // 选煤厂 marks 学习星 with no S1 entry in the ledger.
    await saveBranchStars(gateway, { branch: "选煤厂党支部", counts: { members: 25 }, stars: ["学习星"], target: "三星级党支部" }, NOW);
    const issues = (await validateWorkbook(gateway)).issues.filter((i) => i.sheet === "评星晋级");
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([[3, "K", "warning", "star-ledger-mismatch"]]);
    expect(issues[0].message).toBe("第3行 选煤厂党支部的学习星已打 √，但积分台账中没有该党支部2026年的 S1「学习星」记录");
  });
});
