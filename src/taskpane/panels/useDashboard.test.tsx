/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { importCsvFiles, scaffoldWorkbook } from "../../app/ledgerService";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { useDashboard } from "./useDashboard";

const NOW = new Date(2026, 11, 20);

// 星级党员: 日常行为积分 80, D1 −1, D2 −2, D6 −1..−4; 评议 优秀 20 / 合格 15; 优秀 ≥ 90, 合格 ≥ 70.
// Year: 001 80−1−2−4 = 73 + 15 = 88 合格; 002 80−4−1 = 75 + 20 = 95; 003 77 + 20 = 97; 004 79 + 20 = 99 (优秀).
const ROSTER = "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,正式党员\n004,赵六,正式党员\n";
const ENTRIES = `日期,编号,项目代码,次数,分值
2026-01-10,001,D1,1,
2026-02-12,002,D2,2,
2026-03-05,003,D6,1,-3
2026-05-20,001,D2,1,
2026-07-02,002,D1,1,
2026-08-15,004,D1,1,
2026-09-10,001,D6,1,-4
`;
const APPRAISALS = "编号,评议等次\n001,合格\n002,优秀\n003,优秀\n004,优秀\n";

async function branch() {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, NOW);
  await importCsvFiles(h.gateway, { roster: ROSTER, entries: ENTRIES, appraisals: APPRAISALS }, NOW);
  return h;
}

describe("useDashboard", () => {
  it("shows the year's grades against the allowed 优秀 share, and lists a grade's members when its bar is chosen", async () => {
    const { host } = await branch();
    const { result } = renderHook(() => useDashboard(host));
    await waitFor(() => expect(result.current.data).not.toBeNull());
    expect(result.current.period).toBe("2026");
    expect(result.current.periods).toEqual(["2026", "2026H1", "2026H2", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    expect(result.current.bars!.grades.map((b) => [b.label, b.value])).toEqual([
      ["优秀", 3],
      ["合格", 1],
      ["基本合格", 0],
      ["不合格", 0],
    ]);
    // 1/3 of 4 members: at most 1 优秀.
    expect(result.current.excellent).toMatchObject({ grade: "优秀", count: 3, allowed: 1, over: true });
    act(() => result.current.setShare("80%"));
    expect(result.current.excellent).toMatchObject({ allowed: 3, over: false });
    act(() => result.current.setShare("许多"));
    expect(result.current.shareProblem).toBe("优秀比例「许多」请填写如 1/3 或 30%");
    expect(result.current.excellent!.allowed).toBeNull();

    act(() => result.current.select("grades", "优秀"));
    expect(result.current.behind.map((r) => r.text)).toEqual(["赵六（004） 99分", "王五（003） 97分", "李四（002） 95分"]);
    // Chosen again: closed.
    act(() => result.current.select("grades", "优秀"));
    expect(result.current.behind).toEqual([]);
  });

  it("ranks deductions by occurrences and lists an item's ledger rows, each shown in the workbook when chosen", async () => {
    const { host, selected } = await branch();
    const { result } = renderHook(() => useDashboard(host));
    await waitFor(() => expect(result.current.data).not.toBeNull());
    // D2: 002 ×2 and 001 (3 times, −6); D1: 001, 002, 004 (3 times, −3); D6: 003 −3, 001 −4.
    expect(result.current.bars!.deductions.map((b) => [b.key, b.value])).toEqual([
      ["D2", 3],
      ["D1", 3],
      ["D6", 2],
    ]);
    expect(result.current.bars!.bonuses).toEqual([]);
    act(() => result.current.select("deductions", "D2"));
    expect(result.current.behind).toEqual([
      { text: "第3行 2026-02-12 李四（002） D2 违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等） ×2 -4分", ledgerRow: 3 },
      { text: "第5行 2026-05-20 张三（001） D2 违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等） -2分", ledgerRow: 5 },
    ]);
    await act(async () => {
      await result.current.showRow(result.current.behind[1].ledgerRow!);
    });
    expect(selected).toEqual(["积分台账!A5"]);
  });

  it("for a quarter: its months' average and spread, and who fell most against the quarter before", async () => {
    const { host } = await branch();
    const { result } = renderHook(() => useDashboard(host));
    await waitFor(() => expect(result.current.data).not.toBeNull());
    act(() => result.current.choosePeriod("2026Q3"));
    await waitFor(() => expect(result.current.data?.stats.label).toBe("2026Q3"));
    // Standing at the end of each month: July 77, 75, 77, 80 (avg 77.25 → 77.3); August 004 −1 → 79 (avg 77); September 001 −4 → 73 (avg 76).
    expect(result.current.bars!.months).toEqual([
      { key: "2026-07", label: "7月", value: 77.3, low: 75, high: 80 },
      { key: "2026-08", label: "8月", value: 77, low: 75, high: 79 },
      { key: "2026-09", label: "9月", value: 76, low: 73, high: 79 },
    ]);
    // End of Q2: 001 77, 002 76, 003 77, 004 80 → Q3: 73, 75, 77, 79.
    expect(result.current.data!.stats.previousLabel).toBe("2026Q2");
    expect(result.current.bars!.drops.map((b) => [b.key, b.value])).toEqual([
      ["001", -4],
      ["002", -1],
      ["004", -1],
    ]);
    act(() => result.current.select("drops", "001"));
    expect(result.current.behind.map((r) => r.text)).toEqual(["张三（001）：2026Q2 77分 → 2026Q3 73分（-4）", "第8行 2026-09-10 张三（001） D6 其他不良行为 -4分"]);
    act(() => result.current.select("months", "2026-09"));
    expect(result.current.behind.map((r) => r.text)).toEqual(["9月：4人，平均76分", "最高79分：赵六（004）", "最低73分：张三（001）"]);
  });
});
