import { CoreError } from "../errors";
import type { TableData } from "../sheetModel";
import { getBuiltinScheme } from "../scheme/presets";
import { BRANCH_STAR_STORE, type BranchStarInput, branchStarRows, crossCheckStars, planBranchStars, profileText, readBranchStars, starRollup, validateBranchStars } from "./branchStars";

// 基层党支部评星晋级目标管理工作台账 (S4), the seed's rows:
// 掘进六队党支部 陆岩本「共有党员9名,党支部书记1名,党支部副书记1名,党支部委员3名。35岁及以下的党员2名。能基本完成各项工作任务。
//   安全星绩效星廉洁星三星级 … 学习星安全星绩效星廉洁星四星级」
// 综采一队党支部「共有党员29名,…女党员1名,35岁及以下的党员4名,大专以上学历的党员5名。… 学习星安全星绩效星三星级 … 学习星安全星廉洁星创新星四星级」
// 选煤厂党支部 谢福怀「共有党员25名,…女党员8名,少数民族党员1名,35岁及以下的党员2名,大专以上学历的党员9名。… 五星级 … 五星级」
const headers = BRANCH_STAR_STORE.columns.map((c) => c.header);
const NOW = new Date(2026, 10, 24, 9, 0, 0);

const jueJin: BranchStarInput = {
  year: 2026,
  branch: "掘进六队党支部",
  secretary: "陆岩本",
  counts: { members: 9, deputies: 1, committee: 3, young: 2 },
  stars: ["安全星", "绩效星", "廉洁星"],
  target: "四星级党支部",
  assessment: "能基本完成各项工作任务",
};
const zongCai: BranchStarInput = {
  year: 2026,
  branch: "综采一队党支部",
  counts: { members: 29, deputies: 1, committee: 3, women: 1, young: 4, college: 5 },
  stars: ["学习星", "安全星", "绩效星"],
  target: "四星级党支部",
};
const xuanMei: BranchStarInput = {
  year: 2026,
  branch: "选煤厂党支部",
  secretary: "谢福怀",
  counts: { members: 25, deputies: 1, committee: 3, women: 8, minorities: 1, young: 2, college: 9 },
  stars: ["学习星", "安全星", "绩效星", "廉洁星", "创新星"],
  target: "五星级党支部",
  assessment: "党员职工队伍稳定，班子成员服务职工意识较好。",
};

function tableOf(rows: TableData["rows"]): TableData {
  return { name: BRANCH_STAR_STORE.table, sheet: BRANCH_STAR_STORE.sheet, headers, rowCount: rows.length, rows, firstRow: 2, firstColumn: 0 };
}
/** The rows a plan would write, as the sheet would then hold them. */
function rowsOf(...inputs: BranchStarInput[]): TableData["rows"] {
  let table: TableData | undefined;
  for (const input of inputs) {
    const ops = planBranchStars(table, input, NOW);
    const first = ops[0];
    const rows = first.op === "createTable" ? first.spec.rows : first.op === "appendRows" ? first.rows : [];
    table = tableOf([...(table?.rows ?? []), ...rows]);
  }
  return table!.rows;
}

describe("评星晋级 (S4)", () => {
  it("reads the seed's branches: level by count of stars, the stars still missing for the target", () => {
    const records = readBranchStars(tableOf(rowsOf(jueJin, zongCai, xuanMei)), 2026);
    expect(records.map((r) => [r.row, r.branch, r.stars.length, r.level, r.target, r.gap])).toEqual([
      [2, "掘进六队党支部", 3, "三星级党支部", "四星级党支部", 1],
      [3, "综采一队党支部", 3, "三星级党支部", "四星级党支部", 1],
      [4, "选煤厂党支部", 5, "五星级党支部", "五星级党支部", 0],
    ]);
    expect(records[0].profile).toBe("共有党员9名，党支部书记1名，党支部副书记1名，党支部委员3名。35岁及以下的党员2名。能基本完成各项工作任务。");
    expect(records[2].profile).toBe(
      "共有党员25名，党支部书记1名，党支部副书记1名，党支部委员3名。女党员8名，少数民族党员1名，35岁及以下的党员2名，大专以上学历的党员9名。党员职工队伍稳定，班子成员服务职工意识较好。",
    );
    // Roll-up: now two 三星级 and one 五星级; the targets are two 四星级 and one 五星级.
    expect(starRollup(records)).toEqual([
      { level: "五星级党支部", current: 1, target: 1 },
      { level: "四星级党支部", current: 0, target: 2 },
      { level: "三星级党支部", current: 2, target: 0 },
      { level: "未定级", current: 0, target: 0 },
    ]);
  });

  it("creates the sheet with √ and target dropdowns the first time, appends next, replaces the branch's row of the same year; each logged", () => {
    const created = planBranchStars(undefined, jueJin, NOW);
    expect(created.map((o) => o.op)).toEqual(["createTable", "setValidation", "setValidation", "setValidation", "setValidation", "setValidation", "setValidation", "appendRows"]);
    expect(created[0]).toMatchObject({ spec: { rows: [[2026, "掘进六队党支部", "陆岩本", 9, 1, 3, null, null, 2, null, null, "√", "√", "√", null, "四星级党支部", "能基本完成各项工作任务"]] } });
    expect(created[6]).toMatchObject({ column: 15, source: { list: ["五星级党支部", "四星级党支部", "三星级党支部", "未定级"] } });
    expect(created[7]).toMatchObject({ table: "LogTable", rows: [[expect.any(String), "登记评星晋级", "评星晋级", "", "掘进六队党支部 2026年：三星级党支部，晋级目标四星级党支部"]] });

    const table = tableOf(rowsOf(jueJin, zongCai));
    expect(planBranchStars(table, xuanMei, NOW)[0]).toMatchObject({ op: "appendRows" });
    const upgraded = planBranchStars(table, { ...zongCai, stars: [...zongCai.stars, "创新星"] }, NOW);
    expect(upgraded[0]).toMatchObject({ op: "setCells", row: 1, cells: { 1: "综采一队党支部", 14: "√", 15: "四星级党支部" } });
    expect(upgraded[1]).toMatchObject({ rows: [[expect.any(String), "更新评星晋级", "评星晋级", "第3行", "综采一队党支部 2026年：四星级党支部，晋级目标四星级党支部"]] });
  });

  it("refuses an unknown star, an unknown target, a bad count and a group larger than the branch, saying which", () => {
    const refused = (input: Partial<BranchStarInput>) => {
      try {
        planBranchStars(undefined, { ...jueJin, ...input }, NOW);
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        return (e as Error).message;
      }
      return "accepted";
    };
    expect(refused({ stars: ["学习星", "优秀星"] })).toBe("「优秀星」不是星名：可用的星为 学习星、安全星、绩效星、廉洁星、创新星");
    expect(refused({ target: "六星级党支部" })).toBe("晋级目标须为：五星级党支部、四星级党支部、三星级党支部、未定级");
    expect(refused({ counts: { members: 9, young: -1 } })).toBe("35岁及以下「-1」应为不小于0的整数");
    expect(refused({ counts: { members: 9, women: 10 } })).toBe("女党员 10 名多于党员人数 9 名");
    expect(refused({ branch: " " })).toBe("请填写党组织名称");
  });

  it("reports each bad cell of the sheet at its row and column", () => {
    const rows = rowsOf(jueJin, zongCai);
    const bad = [...rows[0]];
    bad[3] = 2; // 党员人数 2 < 书记 + 副书记1 + 委员3
    bad[11] = "x"; // 安全星
    bad[15] = "三星级党支部"; // below 三星级? equal: fine
    const lower = [...rows[1]];
    lower[13] = "√"; // 综采一队 adds 廉洁星: 四星级
    lower[15] = "三星级党支部"; // target below the level reached
    const twice = [...rows[0]];
    twice[15] = "七星级";
    twice[0] = "二〇二六";
    const issues = validateBranchStars(tableOf([bad, lower, rows[0], twice]));
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [2, "F", "error", "count-over-members"],
      [2, "D", "error", "count-over-members"],
      [2, "L", "error", "bad-star-mark"],
      [3, "P", "warning", "target-below-level"],
      [4, "B", "error", "duplicate-branch"],
      [5, "A", "error", "bad-year"],
      [5, "P", "error", "unknown-target"],
    ]);
    expect(issues[1].message).toBe("第2行 书记、副书记和委员共 5 名，多于党员人数 2 名");
    expect(issues[3].message).toBe("第3行 晋级目标三星级党支部低于已评定的四星级党支部");
    expect(validateBranchStars(tableOf(rowsOf(jueJin, zongCai, xuanMei)))).toEqual([]);
  });

  it("writes the profile sentence like the seed, leaving out groups of none", () => {
    const none = { members: 8, deputies: 1, committee: 3, women: 0, minorities: null, young: 3, college: 3 };
    expect(profileText(none, true, "“三会一课”、党员教育活动开展正常，能基本完成各项工作任务。")).toBe(
      "共有党员8名，党支部书记1名，党支部副书记1名，党支部委员3名。35岁及以下的党员3名，大专以上学历的党员3名。“三会一课”、党员教育活动开展正常，能基本完成各项工作任务。",
    );
    expect(branchStarRows(undefined)).toEqual([]);
  });

  it("under the branch-stars scheme holds each √ to the branch's star entries of the year, reversed entries not counting", () => {
    const scheme = getBuiltinScheme("branch-stars");
    // 掘进六队 (roster 编号 B06): the ledger awards 安全星 S2, 绩效星 S3 and 廉洁星 S4 in 2026, and 学习星 S1,
    // which row 6 then reverses; the 台账 marks 安全星 绩效星 and 学习星.
    const members = [{ id: "B06", name: "掘进六队党支部" }];
    const entries = [
      { date: "2026-03-01", memberId: "B06", itemCode: "S2", ref: 2 },
      { date: "2026-06-01", memberId: "B06", itemCode: "S3", ref: 3 },
      { date: "2026-09-01", memberId: "B06", itemCode: "S4", ref: 4 },
      { date: "2026-10-01", memberId: "B06", itemCode: "S1", ref: 5 },
      { date: "2026-10-02", memberId: "B06", itemCode: "S1", ref: 6, reverses: 5 },
      { date: "2025-10-01", memberId: "B06", itemCode: "S5", ref: 7 },
    ];
    const sheet = tableOf(rowsOf({ ...jueJin, stars: ["学习星", "安全星", "绩效星"] }));
    const issues = crossCheckStars(sheet, { members, entries }, scheme);
    expect(issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [2, "K", "warning", "star-ledger-mismatch"],
      [2, "N", "warning", "star-ledger-mismatch"],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      "第2行 掘进六队党支部的学习星已打 √，但积分台账中没有该党支部2026年的 S1「学习星」记录",
      "第2行 积分台账中有掘进六队党支部2026年的 S4「廉洁星」记录，但此处未打 √",
    ]);
    // The seed's marks (安全星 绩效星 廉洁星) agree with the ledger; a member scheme has no star ledger to hold them to.
    expect(crossCheckStars(tableOf(rowsOf(jueJin)), { members, entries }, scheme)).toEqual([]);
    expect(crossCheckStars(sheet, { members, entries }, getBuiltinScheme("star-member"))).toEqual([]);
  });
});
