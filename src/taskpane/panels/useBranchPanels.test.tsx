/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { BRANCH_SCORE_STORE } from "../../core/branchScores/branchScores";
import { GRADING_STORE } from "../../core/grading/classifiedGrading";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { BRANCH_STAR_STORE } from "../../core/stars/branchStars";
import { importCsvFiles, scaffoldWorkbook, validateWorkbook } from "../../app/ledgerService";
import { memoryHost } from "../../../test/support/memoryHost";
import { useBranchScorePanel } from "./useBranchScorePanel";
import { branchStarLine, useBranchStarPanel } from "./useBranchStarPanel";
import { gradingMemberLabel, useGradingPanel } from "./useGradingPanel";

const NOW = new Date(2026, 2, 1);

async function ledgerOf(schemeId: string) {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme(schemeId), { branch: "第一党支部", year: 2026, secretary: "王书记" }, NOW);
  return h;
}

describe("useBranchStarPanel", () => {
  // The seed (S4): 掘进六队党支部 陆岩本「共有党员9名,党支部书记1名,党支部副书记1名,党支部委员3名。35岁及以下的党员2名。
  // 能基本完成各项工作任务。」 安全星绩效星廉洁星 三星级党支部 → 学习星安全星绩效星廉洁星 四星级党支部.
  it("records the seed's 掘进六队 at 三星级 aiming for 四星级, then edits it to add 学习星: its row is replaced", async () => {
    const { host, gateway } = await ledgerOf("branch-stars");
    const { result } = renderHook(() => useBranchStarPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state).toMatchObject({ year: 2026, branches: [] });
    expect(result.current.stars).toEqual(["学习星", "安全星", "绩效星", "廉洁星", "创新星"]);
    expect(result.current.levels.map((l) => l.name)).toEqual(["五星级党支部", "四星级党支部", "三星级党支部", "未定级"]);
    expect(result.current.problems).toEqual(["请填写党组织名称", "请选择晋级目标"]);

    act(() => result.current.updateFields({ branch: "掘进六队党支部", secretary: "陆岩本", target: "四星级党支部", assessment: "能基本完成各项工作任务" }));
    act(() => {
      result.current.updateCount("members", "9");
      result.current.updateCount("deputies", "1");
      result.current.updateCount("committee", "3");
      result.current.updateCount("young", "2");
    });
    // Checked out of order, kept in the 台账's order.
    act(() => result.current.toggleStar("廉洁星", true));
    act(() => result.current.toggleStar("安全星", true));
    act(() => result.current.toggleStar("绩效星", true));
    expect(result.current.fields.stars).toEqual(["安全星", "绩效星", "廉洁星"]);
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.save.error).toBeNull();
    expect(result.current.fields.branch).toBe("");
    const [jueJin] = result.current.state!.branches;
    expect(result.current.state!.branches).toHaveLength(1);
    expect(jueJin).toMatchObject({
      row: 2,
      year: 2026,
      branch: "掘进六队党支部",
      secretary: "陆岩本",
      counts: { members: 9, deputies: 1, committee: 3, women: null, minorities: null, young: 2, college: null },
      stars: ["安全星", "绩效星", "廉洁星"],
      level: "三星级党支部",
      target: "四星级党支部",
      gap: 1,
    });
    expect(branchStarLine(jueJin)).toBe("掘进六队党支部：安全星绩效星廉洁星 · 三星级党支部 → 四星级党支部（尚差 1 星）");
    expect(jueJin.profile).toBe("共有党员9名，党支部书记1名，党支部副书记1名，党支部委员3名。35岁及以下的党员2名。能基本完成各项工作任务。");
    expect(result.current.state!.rollup).toEqual([
      { level: "五星级党支部", current: 0, target: 0 },
      { level: "四星级党支部", current: 0, target: 1 },
      { level: "三星级党支部", current: 1, target: 0 },
      { level: "未定级", current: 0, target: 0 },
    ]);

    // 编辑 fills the form from the listed branch; 学习星 brings it to 四星级, its target.
    act(() => result.current.edit(jueJin));
    expect(result.current.fields).toEqual({
      branch: "掘进六队党支部",
      secretary: "陆岩本",
      counts: { members: "9", deputies: "1", committee: "3", women: "", minorities: "", young: "2", college: "" },
      stars: ["安全星", "绩效星", "廉洁星"],
      target: "四星级党支部",
      assessment: "能基本完成各项工作任务",
    });
    act(() => result.current.toggleStar("学习星", true));
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.state!.branches).toHaveLength(1);
    expect(result.current.state!.branches[0]).toMatchObject({ row: 2, stars: ["学习星", "安全星", "绩效星", "廉洁星"], level: "四星级党支部", target: "四星级党支部", gap: 0 });
    expect(branchStarLine(result.current.state!.branches[0])).toBe("掘进六队党支部：学习星安全星绩效星廉洁星 · 四星级党支部 → 四星级党支部（尚差 0 星）");
    expect(result.current.state!.rollup.find((r) => r.level === "四星级党支部")).toEqual({ level: "四星级党支部", current: 1, target: 1 });
    expect(gateway.book.tables.get(BRANCH_STAR_STORE.table)!.rows).toEqual([
      [2026, "掘进六队党支部", "陆岩本", 9, 1, 3, null, null, 2, null, "√", "√", "√", "√", null, "四星级党支部", "能基本完成各项工作任务"],
    ]);
    expect((await validateWorkbook(gateway)).issues.filter((i) => i.sheet === "评星晋级")).toEqual([]);
  });

  it("blocks a form with a problem and writes nothing", async () => {
    const { host, gateway } = await ledgerOf("branch-stars");
    const { result } = renderHook(() => useBranchStarPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    act(() => result.current.updateFields({ branch: "选煤厂党支部", target: "五星级党支部" }));
    act(() => result.current.updateCount("women", "-1"));
    act(() => result.current.updateCount("college", "9.5"));
    expect(result.current.problems).toEqual(["女党员须为不小于0的整数", "大专以上须为不小于0的整数"]);
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(result.current.save.result).toBeNull();
    expect(gateway.book.tables.has(BRANCH_STAR_STORE.table)).toBe(false);
    expect(result.current.state!.branches).toEqual([]);
  });
});

describe("useGradingPanel", () => {
  it("records a member's 存在问题 and 整改时限, then updates only 是否晋位; validation warns of the missing 整改结果", async () => {
    const { host, gateway } = await ledgerOf("classified-grading");
    await importCsvFiles(
      gateway,
      { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n", entries: "日期,编号,项目代码,次数,分值,证明材料\n2026-02-10,001,D2,1,-1,学习签到表\n" },
      NOW,
    );
    const { result } = renderHook(() => useGradingPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    // 日常表现 60 − 1 (D2 未按要求参加理论学习) = 59: below 60, 不合格. 李四 keeps 60: 基本合格.
    expect(result.current.state).toMatchObject({
      year: 2026,
      records: [],
      members: [
        { id: "001", name: "张三", total: 59, grade: "不合格" },
        { id: "002", name: "李四", total: 60, grade: "基本合格" },
      ],
      appraisalGrades: ["优秀", "合格", "基本合格", "不合格"],
    });
    expect(result.current.members.map(gradingMemberLabel)).toEqual(["张三（001） 59分 不合格", "李四（002） 60分 基本合格"]);
    expect(result.current.problems).toEqual(["请选择党员"]);

    act(() => result.current.chooseMember("001"));
    expect(result.current.problems).toEqual(["请至少填写一项"]);
    act(() => result.current.updateFields({ problems: "理论学习不够", deadline: "年底" }));
    expect(result.current.problems).toEqual(["整改时限请填写日期（2026-12-31）或月份（2026-12）"]);
    act(() => result.current.updateFields({ deadline: "2026-02-30" }));
    expect(result.current.problems).toEqual(["整改时限请填写日期（2026-12-31）或月份（2026-12）"]);
    act(() => result.current.updateFields({ deadline: "2026-12-31" }));
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.save.error).toBeNull();
    const first = { row: 2, year: 2026, memberId: "001", name: "张三", problems: "理论学习不够", measures: "", deadline: "2026-12-31", leader: "", outcome: "", appraisal: "", promoted: "" };
    expect(result.current.state!.records).toEqual([first]);
    expect(result.current.record).toEqual(first);
    expect(result.current.problems).toEqual(["没有改动"]);

    // Choosing another member clears the form; choosing 张三 again fills it from his row.
    act(() => result.current.chooseMember("002"));
    expect(result.current.fields).toEqual({ problems: "", measures: "", deadline: "", leader: "", outcome: "", appraisal: "", promoted: "" });
    act(() => result.current.chooseMember("001"));
    expect(result.current.fields).toEqual({ problems: "理论学习不够", measures: "", deadline: "2026-12-31", leader: "", outcome: "", appraisal: "", promoted: "" });

    act(() => result.current.updateFields({ promoted: "是" }));
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.state!.records).toEqual([{ ...first, promoted: "是" }]);
    expect(gateway.book.tables.get(GRADING_STORE.table)!.rows).toEqual([[2026, "001", "张三", "理论学习不够", null, "2026-12-31", null, null, null, "是"]]);
    const issues = (await validateWorkbook(gateway)).issues.filter((i) => i.sheet === "分类定级");
    expect(issues.map((i) => [i.severity, i.code, i.row, i.column, i.message])).toEqual([["warning", "promotion-without-outcome", 2, "H", "第2行 是否晋位为「是」，但整改结果为空"]]);
  });
});

describe("useBranchScorePanel", () => {
  it("records 上年得分 and the months' rows and shows the 40% carry: Jan 84, Feb 83.6, 年度得分 83.8", async () => {
    const { host, gateway } = await ledgerOf("hospital-40-50-10");
    const { result } = renderHook(() => useBranchScorePanel(host, new Date(2026, 0, 20)));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state).toEqual({ year: 2026, branches: [], problems: [], kinds: ["上年得分", "基础分扣分", "任务分", "奖励分"] });
    expect(result.current.fields).toEqual({ branch: "", month: "2026-01", kind: "", item: "", points: "" });
    expect(result.current.problems).toEqual(["请填写党支部", "请选择类别", "分值须为数字"]);

    const record = async (patch: Partial<typeof result.current.fields>) => {
      act(() => result.current.updateFields(patch));
      expect(result.current.problems).toEqual([]);
      await act(async () => {
        expect(await result.current.submit()).toBe(true);
      });
      expect(result.current.add.error).toBeNull();
      expect(result.current.fields).toMatchObject({ item: "", points: "" });
    };
    act(() => result.current.updateFields({ branch: "内科党支部", kind: "上年得分", points: "120" }));
    expect(result.current.problems).toEqual(["上年得分须在0至100之间"]);
    act(() => result.current.updateFields({ month: "2026/1", points: "九十" }));
    expect(result.current.problems).toEqual(["月份请按 2026-03 的格式填写", "分值须为数字"]);
    act(() => result.current.updateFields({ month: "2026-01" }));
    await record({ points: "90", item: "2025年度考核得分" });
    await record({ kind: "基础分扣分", item: "三会一课记录不全", points: "2" });
    await record({ kind: "任务分", item: "责任书任务完成情况", points: "45" });
    await record({ kind: "奖励分", item: "获院级表彰", points: "5" });
    await record({ month: "2026-02", kind: "任务分", item: "责任书任务完成情况", points: "50" });

    // Jan: 基础分 90 × 40% = 36, − 2 = 34, + 45 + 5 = 84. Feb: 84 × 40% = 33.6, + 50 = 83.6. Year: (84 + 83.6) / 2 = 83.8.
    expect(result.current.state!.branches).toEqual([
      {
        branch: "内科党支部",
        previousYear: 90,
        months: [
          { month: 1, base: 36, deducted: 2, baseScore: 34, task: 45, reward: 5, total: 84 },
          { month: 2, base: 33.6, deducted: 0, baseScore: 33.6, task: 50, reward: 0, total: 83.6 },
        ],
        yearScore: 83.8,
      },
    ]);
    expect(result.current.state!.problems).toEqual([]);
    expect(result.current.branchNames).toEqual(["内科党支部"]);
    expect(gateway.book.tables.get(BRANCH_SCORE_STORE.table)!.rows).toEqual([
      ["内科党支部", "2026-01", "上年得分", "2025年度考核得分", 90, null],
      ["内科党支部", "2026-01", "基础分扣分", "三会一课记录不全", 2, null],
      ["内科党支部", "2026-01", "任务分", "责任书任务完成情况", 45, null],
      ["内科党支部", "2026-01", "奖励分", "获院级表彰", 5, null],
      ["内科党支部", "2026-02", "任务分", "责任书任务完成情况", 50, null],
    ]);

    // A second 上年得分 is refused by the sheet, shown in Chinese; a task score over 50 shows as a problem of the sheet.
    act(() => result.current.updateFields({ month: "2026-01", kind: "上年得分", points: "80" }));
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(result.current.add.error).toBe("登记支部积分失败：内科党支部已登记2026年的上年得分");
    await record({ month: "2026-02", kind: "任务分", item: "专项任务", points: "3" });
    expect(result.current.state!.problems).toEqual(["第7行 内科党支部2月任务分合计53分，超过50分，按50分计"]);
    expect(result.current.state!.branches[0].yearScore).toBe(83.8);
  });
});
