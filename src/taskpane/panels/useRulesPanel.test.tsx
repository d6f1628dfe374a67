/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { loadLedger, scoreLedger, takeBackEntry } from "../../app/ledgerService";
import { ledgerEntries } from "../../core/engine/scoreMembers";
import { memoryHost } from "../../../test/support/memoryHost";
import { smallBranch } from "../../../test/support/smallBranch";
import { RulesPanel } from "./RulesPanel";
import { describeFieldError, plainMessage } from "./rulesDraft";
import { useRulesPanel } from "./useRulesPanel";

// jsdom has no ResizeObserver (Fluent's MessageBar measures itself); layout is not under test.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

/** No message shows a zod path or an English type name. */
const JARGON = /items\.\d|grades\.\d|components\.\d|points\.|\bnumber\b|\bstring\b|undefined/;

async function rules(copy = true) {
  const gateway = await smallBranch();
  const h = memoryHost(gateway);
  const hook = renderHook(() => useRulesPanel(h.host, new Date(2026, 6, 1)));
  await waitFor(() => expect([hook.result.current.loadError, hook.result.current.state]).not.toEqual([null, null]));
  expect(hook.result.current.loadError).toBeNull();
  if (copy)
    await act(async () => {
      await hook.result.current.copyToWorkbook();
    });
  return { ...h, result: hook.result };
}

const save = async (result: Awaited<ReturnType<typeof rules>>["result"]) =>
  act(async () => {
    await result.current.saveVersion();
  });

describe("useRulesPanel", () => {
  it("shows a built-in read-only, copies it as the branch's scheme, then saves edits as a version from a date", async () => {
    const { result, gateway, schemeChanges } = await rules(false);
    expect(result.current.state).toMatchObject({ builtin: true, versions: [{ version: 1, effectiveFrom: "2017-01-01" }] });
    expect(result.current.items.find((i) => i.item.code === "D1")!.points).toBe("-1分/次");
    await act(async () => {
      await result.current.copyToWorkbook();
    });
    expect(result.current.state).toMatchObject({ builtin: false, scheme: { id: "star-member-branch", name: "星级党员管理量化考评制度（本支部）" } });
    expect(gateway.book.tables.get(SHEETS.settings.table)!.rows).toContainEqual(["方案ID", "star-member-branch", expect.anything()]);
    act(() => result.current.editItem("D1", { value: "-2", name: "未经同意缺席支部活动" }));
    expect(result.current.changed).toBe(1);
    await save(result);
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.versions).toEqual([
      { version: 1, effectiveFrom: "2017-01-01" },
      { version: 2, effectiveFrom: "2026-07-01" },
    ]);
    expect(result.current.state!.scheme.items.find((i) => i.code === "D1")).toMatchObject({ name: "未经同意缺席支部活动", points: { kind: "fixed", value: -2 } });
    expect(schemeChanges).toHaveLength(2);
    expect(result.current.changed).toBe(0);
  });

  it("moves the grade lines and renames a grade; the year's grades follow", async () => {
    const { result, gateway } = await rules();
    expect(result.current.grades.map((g) => [g.name, g.min])).toEqual([["优秀", 90], ["合格", 70], ["基本合格", 60], ["不合格", 0]]);
    // The small branch's members have 77 each (80 − 1 − 2): 合格 under the seed's lines.
    act(() => result.current.editGrade(1, { min: "78" }));
    act(() => result.current.editGrade(2, { name: "基本称职" }));
    act(() => result.current.setEffectiveFrom("2026-01-01"));
    await save(result);
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.scheme.grades.map((g) => [g.name, g.min])).toEqual([["优秀", 90], ["合格", 78], ["基本称职", 60], ["不合格", 0]]);
    const year = scoreLedger(await loadLedger(gateway), "2026");
    expect(year.members.map((m) => m.grade)).toEqual(["基本称职", "基本称职", "基本称职", "基本称职"]);
  });

  it("refuses grade lines out of order and a threshold that is not a number, in plain words", async () => {
    const { result } = await rules();
    act(() => result.current.editGrade(1, { min: "95" }));
    await save(result);
    expect(result.current.errors).toEqual(["等次分数线：等次须按分数线从高到低排列且不重复"]);
    act(() => result.current.editGrade(1, { min: "七十" }));
    await save(result);
    expect(result.current.errors).toEqual(["第 2 个等次（合格）的分数线须为数字，现为「七十」"]);
    expect(result.current.state!.versions).toHaveLength(1);
  });

  it("edits the 民主评议 table (grade → points)", async () => {
    const { result } = await rules();
    expect(result.current.appraisal).toMatchObject({ mode: "grades", grades: [{ name: "优秀", points: 20 }, { name: "合格", points: 15 }, { name: "基本合格", points: 10 }, { name: "不合格", points: 0 }] });
    act(() => result.current.editAppraisalGrade(0, { points: "18" }));
    act(() => result.current.editAppraisalGrade(3, { name: "不称职" }));
    await save(result);
    expect(result.current.errors).toEqual([]);
    expect(result.current.appraisal).toMatchObject({ grades: [{ name: "优秀", points: 18 }, expect.anything(), expect.anything(), { name: "不称职", points: 0 }] });
    act(() => result.current.editAppraisalGrade(1, { points: "十五" }));
    await save(result);
    expect(result.current.errors).toEqual(["民主评议「合格」的分值须为数字，现为「十五」"]);
  });

  it("sets and removes a cap, and requires its points", async () => {
    const { result } = await rules();
    act(() => result.current.editItem("D2", { capPeriod: "month", capPoints: "4" }));
    await save(result);
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.scheme.items.find((i) => i.code === "D2")!.cap).toEqual({ period: "month", points: 4 });
    act(() => result.current.editItem("D2", { capPeriod: "" }));
    act(() => result.current.editItem("D1", { capPeriod: "quarter" }));
    await save(result);
    expect(result.current.errors).toEqual(["第 1 个项目（D1）的上限分值须为数字，现未填写"]);
    act(() => result.current.editItem("D1", { capPoints: "0" }));
    await save(result);
    expect(result.current.errors).toEqual(["第 1 个项目（D1）的上限分值：上限须大于0"]);
    act(() => result.current.editItem("D1", { capPeriod: "" }));
    await save(result);
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.scheme.items.find((i) => i.code === "D2")!.cap).toBeUndefined();
  });

  it("adds and removes items; a duplicate code and a bad range are refused in plain words", async () => {
    const { result } = await rules();
    act(() => result.current.updateNewItem({ code: "d1", name: "重复" }));
    act(() => void result.current.addItem());
    expect(result.current.errors).toEqual(["新项目：项目代码「d1」已有"]);
    act(() => result.current.updateNewItem({ code: "P1", name: "参加志愿服务", kind: "fixed", value: "2" }));
    act(() => void result.current.addItem());
    expect(result.current.newItem.code).toBe("");
    act(() => result.current.updateNewItem({ code: "P2", name: "其他先锋模范作用", kind: "range", min: "5", max: "2" }));
    act(() => void result.current.addItem());
    act(() => result.current.toggleRemove("D6"));
    expect(result.current.changed).toBe(3);
    await save(result);
    expect(result.current.errors).toEqual(["第 9 个项目（P2）的最低分：项目 P2 的分值范围下限高于上限"]);
    act(() => result.current.removeAdded(1));
    await save(result);
    expect(result.current.errors).toEqual([]);
    const codes = result.current.state!.scheme.items.map((i) => i.code);
    expect(codes).toContain("P1");
    expect(codes).not.toContain("D6");
    expect(result.current.state!.scheme.items.find((i) => i.code === "P1")).toMatchObject({ component: "daily", points: { kind: "fixed", value: 2 } });
  });

  it("warns before removing an item the ledger uses: rows on or after the effective date stop counting", async () => {
    const { result } = await rules();
    act(() => result.current.toggleRemove("D6"));
    expect(result.current.removalWarnings).toEqual([]);
    act(() => result.current.toggleRemove("D2"));
    // smallBranch: four members, each with one D2 on 2026-09-15.
    expect(result.current.removalWarnings).toEqual([
      `「D2」在台账中已有 4 条记录（最近一条 2026-09-15）。其中 4 条在生效日期 2026-07-01 当天或以后，删除后校验会报「不是本方案的积分项目」，不再计分；请先改为其他项目或把生效日期定在它们之后。`,
    ]);
    act(() => result.current.setEffectiveFrom("2026-10-01"));
    expect(result.current.removalWarnings[0]).toMatch(/^「D2」在台账中已有 \d+ 条记录（最近一条 2026-09-15）。它们都在生效日期 2026-10-01 之前，仍按原规则计分/);
    act(() => result.current.setEffectiveFrom("2026-7-1"));
    expect(result.current.removalWarnings).toEqual(["「D2」在台账中已有 4 条记录（最近一条 2026-09-15）。请先填好生效日期（如 2026-07-01），再看删除后它们是否还计分。"]);
    act(() => result.current.toggleRemove("D2"));
    expect(result.current.removalWarnings).toEqual([]);
  });

  it("counts only live rows of an item: a row taken back and its reversing row are not in use", async () => {
    const gateway = await smallBranch();
    const ledger = await loadLedger(gateway);
    const i = ledgerEntries(ledger.entries).findIndex((e) => e.memberId === "D001" && e.itemCode === "D2");
    const entry = ledgerEntries(ledger.entries)[i];
    await takeBackEntry(gateway, { id: entry.id ?? null, row: entry.ref!, reason: "录错" }, new Date(2026, 9, 1));
    const h = memoryHost(gateway);
    const hook = renderHook(() => useRulesPanel(h.host, new Date(2026, 6, 1)));
    await waitFor(() => expect(hook.result.current.state).not.toBeNull());
    act(() => hook.result.current.toggleRemove("D2"));
    expect(hook.result.current.removalWarnings[0]).toMatch(/^「D2」在台账中已有 3 条记录/);
  });

  it("states a removed item another rule depends on in plain words", async () => {
    const { result } = await rules();
    act(() => result.current.toggleRemove("D5"));
    await save(result);
    expect(result.current.errors).toEqual(["连续扣分的一票否决：项目代码「D5」不在本方案中", "党费项目：党费项目「D5」不在本方案中"]);
    for (const e of result.current.errors) expect(e).not.toMatch(JARGON);
  });

  it("imports a scheme's text with plain-Chinese errors, or refuses a built-in's id", async () => {
    const { result } = await rules(false);
    const exported = JSON.parse(result.current.exportJson);
    act(() => result.current.setImportText("{ 不是 JSON"));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors[0]).toMatch(/^方案：不是有效的 JSON/);
    act(() => result.current.setImportText(JSON.stringify(exported)));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.save.error).toMatch(/「star-member」是内置方案的 id/);
    act(() =>
      result.current.setImportText(
        JSON.stringify({ ...exported, id: "our-branch", extraForms: ["积分兑奂"], items: [{ ...exported.items[0], points: { kind: "fixed" } }, { ...exported.items[1], name: "" }, ...exported.items.slice(2)] }),
      ),
    );
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors).toEqual(["第 1 个项目（D1）的分值：未填写", "第 2 个项目（D2）的名称：不能为空"]);
    act(() => result.current.setImportText(JSON.stringify({ ...exported, id: "our-branch", extraForms: ["积分兑奂"] })));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors).toEqual(["报表：没有「积分兑奂」这种报表"]);
    act(() => result.current.setImportText(JSON.stringify({ ...exported, id: "our-branch", name: "我们支部的方案" })));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.scheme).toMatchObject({ id: "our-branch", name: "我们支部的方案" });
  });
});

describe("describeFieldError", () => {
  it("names the field in words for any path zod gives", () => {
    const scheme = { items: [{ code: "D1" }], grades: [{ name: "优秀" }], components: [{ name: "日常行为积分" }, { name: "年度评议积分" }] };
    const cases: [string, string][] = [
      ["items.0.points.value", "第 1 个项目（D1）的分值：须为数字"],
      ["items.3.cap.period", "第 4 个项目的上限的期间：须为数字"],
      ["grades.0.min", "第 1 个等次（优秀）的分数线：须为数字"],
      ["components.1.appraisal.grades.2.points", "积分组成「年度评议积分」第 3 档评议等次的分值：须为数字"],
      ["components.0.max", "积分组成「日常行为积分」的满分：须为数字"],
      ["effectiveFrom", "生效日期：须为数字"],
    ];
    for (const [path, text] of cases) expect(describeFieldError({ path, message: "无效输入：期望 数字，实际接收 string" }, scheme)).toBe(text);
    expect(plainMessage("无效输入：期望 number，实际接收 undefined")).toBe("未填写");
  });
});

describe("RulesPanel (keyboard)", () => {
  it("adds an item with Enter in its fields and saves the version with Enter elsewhere", async () => {
    const gateway = await smallBranch();
    const { host } = memoryHost(gateway);
    const hook = renderHook(() => useRulesPanel(host));
    await waitFor(() => expect([hook.result.current.loadError, hook.result.current.state]).not.toEqual([null, null]));
    expect(hook.result.current.loadError).toBeNull();
    await act(async () => {
      await hook.result.current.copyToWorkbook();
    });
    hook.unmount();
    render(
      <FluentProvider theme={webLightTheme}>
        <RulesPanel host={host} />
      </FluentProvider>,
    );
    const code = await screen.findByRole("textbox", { name: "新项目代码" }, { timeout: 20_000 });
    fireEvent.change(code, { target: { value: "P1" } });
    fireEvent.change(screen.getByRole("textbox", { name: "新项目名称" }), { target: { value: "参加志愿服务" } });
    fireEvent.change(screen.getByRole("textbox", { name: "新项目分值" }), { target: { value: "2" } });
    fireEvent.keyDown(screen.getByRole("textbox", { name: "新项目分值" }), { key: "Enter" });
    await screen.findByText(/新增 P1/);
    expect(screen.getByRole("button", { name: "另存为新版本（已改 1 处）" }).getAttribute("type")).toBe("submit");
    fireEvent.submit(code.closest("form")!);
    await screen.findByText(/已保存「星级党员管理量化考评制度（本支部）」第2版/, {}, { timeout: 20_000 });
    // Removing an item in use says what happens to its rows before anything is saved.
    fireEvent.click(await screen.findByRole("button", { name: "删除 D2" }));
    const effects = await screen.findByRole("list", { name: "删除项目的影响" });
    expect(effects.textContent).toMatch(/^「D2」在台账中已有 4 条记录（最近一条 2026-09-15）/);
  }, 60_000);
});
