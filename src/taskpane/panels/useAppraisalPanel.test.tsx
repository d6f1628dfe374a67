/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { gradeOfTally } from "../../app/memberService";
import { importCsvFiles, scaffoldWorkbook } from "../../app/ledgerService";
import { SHEETS } from "../../core/ledger/layout";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { AppraisalPanel } from "./AppraisalPanel";
import { parseShare, useAppraisalPanel } from "./useAppraisalPanel";

async function ledgerWithMembers(schemeId = "star-member") {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme(schemeId), { branch: "第一党支部", year: 2026, secretary: "王书记" });
  await importCsvFiles(h.gateway, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,正式党员\n" });
  return h;
}

const appraisalRows = (g: ReturnType<typeof memoryHost>["gateway"]) => g.book.tables.get(SHEETS.appraisals.table)!.rows;
const logRows = (g: ReturnType<typeof memoryHost>["gateway"]) => g.book.tables.get(SHEETS.log.table)!.rows;
const GRADES = ["优秀", "合格", "基本合格", "不合格"];

describe("gradeOfTally", () => {
  it("gives the best grade that, with the better grades, has more than half of the votes; exactly half goes lower", () => {
    expect(gradeOfTally(GRADES, { 优秀: 5, 合格: 4 })).toBe("优秀");
    expect(gradeOfTally(GRADES, { 优秀: 2, 合格: 2 })).toBe("合格");
    expect(gradeOfTally(GRADES, { 优秀: 4, 合格: 2, 基本合格: 1, 不合格: 3 })).toBe("合格");
    // 优秀 + 合格 is exactly half of 10: not a majority, so 基本合格.
    expect(gradeOfTally(GRADES, { 优秀: 4, 合格: 1, 基本合格: 2, 不合格: 3 })).toBe("基本合格");
    expect(gradeOfTally(GRADES, { 优秀: 1, 合格: 1, 基本合格: 1, 不合格: 1 })).toBe("基本合格");
    expect(gradeOfTally(GRADES, { 不合格: 3 })).toBe("不合格");
    expect(gradeOfTally(GRADES, {})).toBeNull();
  });

  it("reads the 优秀 share as a fraction or a percentage", () => {
    expect(parseShare("1/3")).toBeCloseTo(1 / 3);
    expect(parseShare("30%")).toBeCloseTo(0.3);
    expect(parseShare("0.25")).toBe(0.25);
    expect(parseShare("三分之一")).toBeNull();
    expect(parseShare("150%")).toBeNull();
  });
});

describe("useAppraisalPanel", () => {
  it("records a grade and a vote tally with the committee's override in one logged batch, warning when 优秀 exceeds the share", async () => {
    const { host, gateway } = await ledgerWithMembers();
    const { result } = renderHook(() => useAppraisalPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.methods).toEqual(["grade", "tally"]);
    expect(result.current.state!.grades.map((g) => g.name)).toEqual(GRADES);
    act(() => result.current.updateDraft("001", { grade: "优秀" }));
    act(() => result.current.setMethod("tally"));
    // The grade typed before switching stays a draft, but only the current method counts.
    act(() => {
      result.current.setVotes("002", "优秀", "2");
      result.current.setVotes("002", "合格", "2");
    });
    expect(result.current.outcome("002")).toMatchObject({ tallyGrade: "合格", problems: [] });
    act(() => result.current.updateDraft("002", { override: "优秀" }));
    expect(result.current.problems).toEqual(["李四（002）：支委会调整等次须填写理由"]);
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(appraisalRows(gateway)).toEqual([]);
    act(() => result.current.updateDraft("002", { reason: "获评市级优秀共产党员" }));
    act(() => {
      result.current.setVotes("003", "优秀", "9");
      result.current.setVotes("003", "不合格", "x");
    });
    expect(result.current.problems).toEqual(["王五（003）：不合格票数「x」须为不小于 0 的整数"]);
    act(() => result.current.setVotes("003", "不合格", "1"));
    expect(result.current.records.map((r) => [r.memberId, r.grade])).toEqual([
      ["002", "优秀"],
      ["003", "优秀"],
    ]);
    expect(result.current.excellentWarning).toBe("优秀 2 人，占参评党员 2 人的 100%，超过设定的 1/3");
    act(() => result.current.setShare("100%"));
    expect(result.current.excellentWarning).toBeNull();
    const logBefore = logRows(gateway).length;
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(appraisalRows(gateway)).toEqual([
      [2026, "002", "李四", "优秀", null],
      [2026, "003", "王五", "优秀", null],
    ]);
    const log = logRows(gateway).slice(logBefore);
    expect(log).toHaveLength(1);
    expect(log[0].slice(1)).toEqual([
      "登记民主评议",
      "民主评议",
      "2026 年度",
      "002 李四 评议等次 优秀（票数 优秀2/合格2/基本合格0/不合格0），支委会由「合格」调整：获评市级优秀共产党员；003 王五 评议等次 优秀（票数 优秀9/合格0/基本合格0/不合格1）",
    ]);
    expect(result.current.state!.members.find((m) => m.id === "002")!.grade).toBe("优秀");
    expect(result.current.drafts).toEqual({});
  });

  it("updates a member's row of the year instead of adding a second one", async () => {
    const { host, gateway } = await ledgerWithMembers();
    appraisalRows(gateway).push([2025, "001", "张三", "合格", null], [2026, "001", "张三", "合格", null]);
    const { result } = renderHook(() => useAppraisalPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state!.members[0].grade).toBe("合格");
    act(() => result.current.updateDraft("001", { grade: "基本合格" }));
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.save.result).toMatchObject({ written: true, appended: 0, updated: 1 });
    expect(appraisalRows(gateway)).toEqual([
      [2025, "001", "张三", "合格", null],
      [2026, "001", "张三", "基本合格", null],
    ]);
  });

  it("enters the score in a score-mode scheme, refusing one out of range", async () => {
    const { host, gateway } = await ledgerWithMembers("detailed-100");
    const { result } = renderHook(() => useAppraisalPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.methods).toEqual(["score"]);
    expect(result.current.method).toBe("score");
    act(() => result.current.updateDraft("001", { score: "25" }));
    expect(result.current.problems).toEqual(["张三（001）：分值 25 超出 0 至 20"]);
    act(() => result.current.updateDraft("001", { score: "１８分" }));
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(appraisalRows(gateway)).toEqual([[2026, "001", "张三", null, 18]]);
  });

  it("writes nothing when validation refuses a row (a member removed from the roster behind the pane)", async () => {
    const { host, gateway } = await ledgerWithMembers();
    const { result } = renderHook(() => useAppraisalPanel(host));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    gateway.book.tables.get(SHEETS.roster.table)!.rows.splice(2, 1);
    act(() => {
      result.current.updateDraft("001", { grade: "合格" });
      result.current.updateDraft("003", { grade: "合格" });
    });
    const logBefore = logRows(gateway).length;
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(result.current.save.result!.written).toBe(false);
    expect(result.current.save.result!.issues.map((i) => [i.code, i.row])).toEqual([["unknown-member", 3]]);
    expect(appraisalRows(gateway)).toEqual([]);
    expect(logRows(gateway)).toHaveLength(logBefore);
  });

  it("says so in Chinese when the scheme has no 民主评议", async () => {
    const { host } = await ledgerWithMembers("hospital-40-50-10");
    const { result } = renderHook(() => useAppraisalPanel(host));
    await waitFor(() => expect(result.current.loadError).not.toBeNull());
    expect(result.current.loadError).toMatch(/^读取民主评议失败：方案「.+」没有民主评议$/);
  });
});

describe("AppraisalPanel keyboard path", () => {
  it("writes the grades when the form is submitted (Enter in a field submits the form)", async () => {
    const { host, gateway } = await ledgerWithMembers();
    render(
      <FluentProvider theme={webLightTheme}>
        <AppraisalPanel host={host} />
      </FluentProvider>,
    );
    const form = await screen.findByRole("form", { name: "民主评议" });
    fireEvent.click(screen.getByRole("combobox", { name: "张三 评议等次" }));
    fireEvent.click(await screen.findByRole("option", { name: "合格" }));
    fireEvent.submit(form);
    await screen.findByText("已写入：新增 1 行，更新 0 行");
    expect(appraisalRows(gateway)).toEqual([[2026, "001", "张三", "合格", null]]);
  });
});
