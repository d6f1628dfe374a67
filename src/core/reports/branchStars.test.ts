import { type BranchStarInput, BRANCH_STAR_STORE, planBranchStars, readBranchStars } from "../stars/branchStars";
import type { TableData } from "../sheetModel";
import { buildBranchStarSheet } from "./branchStars";

const settings = { branch: "某矿党委", secretary: "", clerk: "李红梅", contact: "", today: "2026-12-20" };
const NOW = new Date(2026, 11, 20);

// The seed's 掘进六队 (三星级 → 四星级) and 选煤厂 (五星级, 保持).
const inputs: BranchStarInput[] = [
  { year: 2026, branch: "掘进六队党支部", secretary: "陆岩本", counts: { members: 9, deputies: 1, committee: 3, young: 2 }, stars: ["安全星", "绩效星", "廉洁星"], target: "四星级党支部", assessment: "能基本完成各项工作任务。" },
  { year: 2026, branch: "选煤厂党支部", secretary: "谢福怀", counts: { members: 25 }, stars: ["学习星", "安全星", "绩效星", "廉洁星", "创新星"], target: "五星级党支部" },
];

function records() {
  const rows: TableData["rows"] = [];
  for (const input of inputs) {
    const op = planBranchStars(undefined, input, NOW)[0];
    if (op.op === "createTable") rows.push(...op.spec.rows);
  }
  const headers = BRANCH_STAR_STORE.columns.map((c) => c.header);
  return readBranchStars({ name: BRANCH_STAR_STORE.table, sheet: BRANCH_STAR_STORE.sheet, headers, rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 }, 2026);
}

describe("基层党支部评星晋级目标管理工作台账", () => {
  it("writes each branch with √ per star, the level and the missing stars as formulas, then the roll-up by COUNTIF", () => {
    const sheet = buildBranchStarSheet(records(), 2026, settings);
    expect(sheet.name).toBe("评星晋级-2026");
    const values = sheet.rows.map((r) => r.map((c) => c.formula ?? c.value ?? ""));
    expect(values[0][0]).toBe("基层党支部评星晋级目标管理工作台账（2026年度）");
    expect(values[2]).toEqual(["序号", "党组织名称", "书记", "党组织基本情况", "学习星", "安全星", "绩效星", "廉洁星", "创新星", "星数", "评定星级", "晋级目标", "尚差星数"]);
    expect(values[3]).toEqual([
      1,
      "掘进六队党支部",
      "陆岩本",
      "共有党员9名，党支部书记1名，党支部副书记1名，党支部委员3名。35岁及以下的党员2名。能基本完成各项工作任务。",
      "",
      "√",
      "√",
      "√",
      "",
      '=COUNTIF(E4:I4,"√")',
      '=IF(J4>=5,"五星级党支部",IF(J4>=4,"四星级党支部",IF(J4>=3,"三星级党支部","未定级")))',
      "四星级党支部",
      '=MAX(0,IF(L4="五星级党支部",5,IF(L4="四星级党支部",4,IF(L4="三星级党支部",3,IF(L4="未定级",0,0))))-J4)',
    ]);
    expect(values[4].slice(1, 3)).toEqual(["选煤厂党支部", "谢福怀"]);
    expect(values[7]).toEqual(["星级", "", "现有（个）", "晋级目标（个）"]);
    expect(values.slice(8, 13)).toEqual([
      ["五星级党支部", "", '=COUNTIF(K4:K5,"五星级党支部")', '=COUNTIF(L4:L5,"五星级党支部")'],
      ["四星级党支部", "", '=COUNTIF(K4:K5,"四星级党支部")', '=COUNTIF(L4:L5,"四星级党支部")'],
      ["三星级党支部", "", '=COUNTIF(K4:K5,"三星级党支部")', '=COUNTIF(L4:L5,"三星级党支部")'],
      ["未定级", "", '=COUNTIF(K4:K5,"未定级")', '=COUNTIF(L4:L5,"未定级")'],
      ["合计", "", "=SUM(C9:C12)", "=SUM(D9:D12)"],
    ]);
    expect(sheet.page).toMatchObject({ orientation: "landscape", printTitleRows: [3, 3] });
    expect(JSON.stringify(sheet)).not.toMatch(/PARTY\./);
  });

  it("writes a branch name that looks like a formula as text", () => {
    const [r] = records();
    const sheet = buildBranchStarSheet([{ ...r, branch: "=HYPERLINK(1)" }], 2026, settings);
    expect(sheet.rows[3][1]).toMatchObject({ value: "=HYPERLINK(1)", text: true });
  });
});
