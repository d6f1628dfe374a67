/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { writeReport } from "../../app/reportService";
import { saveWorkbookScheme } from "../../app/ledgerService";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { smallBranch } from "../../../test/support/smallBranch";
import type { LedgerHost } from "../host";
import { StartPanel } from "./StartPanel";
import { useStartPanel } from "./useStartPanel";

// jsdom has no ResizeObserver (Fluent's MessageBar measures itself); layout is not under test.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const settingsRows = (gateway: ReturnType<typeof memoryHost>["gateway"]) => gateway.book.tables.get(SHEETS.settings.table)!.rows;

describe("useStartPanel", () => {
  it("on an empty workbook lists the built-in schemes and refuses to scaffold until the form is complete", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host, new Date(2026, 10, 23)));
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.existing).toBe(false);
    expect(result.current.schemes).toHaveLength(10);
    expect(result.current.form).toMatchObject({ year: "2026", publicityDays: "5" });
    expect(result.current.problems).toEqual(["请填写党支部名称"]);
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect((await gateway.inspect()).sheets).toEqual([]);
  });

  it("scaffolds with 记录人, 申诉联系人 and 公示天数, then shows the workbook's 设置 for editing", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host));
    await waitFor(() => expect(result.current.ready).toBe(true));
    act(() => result.current.update({ schemeId: "hospital-40-50-10", branch: "第二党支部", year: "2026", secretary: "王书记", recorder: "李红梅", appealContact: "刘委员（电话 1234）", publicityDays: "7" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.scaffold.result?.added).toEqual(Object.values(SHEETS).map((s) => s.sheet));
    expect(settingsRows(gateway)).toEqual(
      expect.arrayContaining([
        ["支部名称", "第二党支部", "党支部全称"],
        ["记录人（组织委员）", "李红梅", expect.anything()],
        ["申诉联系人及方式", "刘委员（电话 1234）", expect.anything()],
        ["公示天数", "7", expect.anything()],
      ]),
    );
    await waitFor(() => expect(result.current.existing).toBe(true));
    expect(result.current.form).toMatchObject({ schemeId: "hospital-40-50-10", year: "2026", branch: "第二党支部", recorder: "李红梅", publicityDays: "7" });
    // Scheme and year stay the workbook's: a workbook keeps one of each.
    act(() => result.current.update({ schemeId: "star-member", year: "2027", secretary: "张书记" }));
    expect(result.current.form).toMatchObject({ schemeId: "hospital-40-50-10", year: "2026", secretary: "张书记" });
  });

  it("reads an existing workbook's 设置, writes only what changed in one logged batch, and 公示 names the 申诉联系人 and the days", async () => {
    const gateway = await smallBranch();
    const { host } = memoryHost(gateway);
    const apply = jest.spyOn(gateway, "apply");
    const { result } = renderHook(() => useStartPanel(host));
    await waitFor(() => expect(result.current.existing).toBe(true));
    expect(result.current.form).toMatchObject({ schemeId: "star-member", year: "2026", branch: "第一党支部", secretary: "王书记", recorder: "", appealContact: "" });

    // Before: the fallback text.
    await writeReport(gateway, "公示", "2026H1", "2026-07-01");
    expect(JSON.stringify(gateway.book.sheets.get("公示-2026H1")!.cells)).toContain("向 党支部组织委员 反映");

    apply.mockClear();
    act(() => result.current.update({ recorder: "李红梅", appealContact: "组织委员刘芳 电话1234", publicityDays: "8" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.save.error).toBeNull();
    expect(result.current.save.result!.map((c) => c.label)).toEqual(["记录人", "申诉联系人", "公示天数"]);
    expect(apply).toHaveBeenCalledTimes(1);
    const log = gateway.book.tables.get(SHEETS.log.table)!.rows.at(-1)!;
    expect(log[1]).toBe("修改设置");
    expect(String(log[4])).toContain("申诉联系人：（空） → 组织委员刘芳 电话1234");

    const { models } = await writeReport(gateway, "公示", "2026H2", "2026-12-01");
    const text = JSON.stringify(gateway.book.sheets.get(models[0].name)!.cells);
    expect(text).toContain("向 组织委员刘芳 电话1234 反映");
    expect(text).toContain("（共8天）");
    expect(text).toContain("制表人：李红梅");

    // Nothing changed: nothing written.
    apply.mockClear();
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.save.result).toEqual([]);
    expect(apply).not.toHaveBeenCalled();
  });

  it("names the workbook's scheme, the branch's own renamed copy included", async () => {
    const gateway = await smallBranch();
    const { host } = memoryHost(gateway);
    const first = renderHook(() => useStartPanel(host));
    await waitFor(() => expect(first.result.current.existing).toBe(true));
    expect(first.result.current.schemeName).toBe("星级党员管理量化考评制度");
    const own = { ...getBuiltinScheme("star-member"), id: "star-member-branch", name: "第一党支部积分办法", version: 2, effectiveFrom: "2026-07-01" };
    await saveWorkbookScheme(gateway, own, { activate: true });
    const second = renderHook(() => useStartPanel(host));
    await waitFor(() => expect(second.result.current.schemeName).toBe("第一党支部积分办法"));
  });

  it("refuses a 公示天数 that is not a whole number of days, and an empty branch, with nothing written", async () => {
    const gateway = await smallBranch({ members: 0 });
    const { host } = memoryHost(gateway);
    const apply = jest.spyOn(gateway, "apply");
    const { result } = renderHook(() => useStartPanel(host));
    await waitFor(() => expect(result.current.existing).toBe(true));
    act(() => result.current.update({ publicityDays: "五天", branch: " " }));
    expect(result.current.problems).toEqual(["请填写党支部名称", "公示天数须为 1 至 60 的整数，现为「五天」"]);
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(apply).not.toHaveBeenCalled();
  });

  it("shows a failure as a Chinese message instead of throwing", async () => {
    const { host } = memoryHost();
    const broken: LedgerHost = { ...host, gateway: { ...host.gateway, inspect: () => Promise.reject(new Error("连接中断")) } };
    const { result } = renderHook(() => useStartPanel(broken));
    await waitFor(() => expect(result.current.ready).toBe(true));
    act(() => result.current.update({ branch: "第三党支部" }));
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(result.current.scaffold.error).toBe("生成台账失败：意外错误：连接中断。请重试；如仍失败，请把这条消息截图发给维护人员。");
    expect(result.current.scaffold.running).toBe(false);
  });
});

describe("StartPanel (keyboard)", () => {
  it("saves 设置 when the clerk presses Enter in a field (the form's submit)", async () => {
    const gateway = await smallBranch({ members: 0 });
    const { host } = memoryHost(gateway);
    render(
      <FluentProvider theme={webLightTheme}>
        <StartPanel host={host} schemeId="star-member" />
      </FluentProvider>,
    );
    const recorder = await screen.findByRole("textbox", { name: "记录人" });
    fireEvent.change(recorder, { target: { value: "李红梅" } });
    // Enter in a text field submits its form; the primary button is that form's submit button.
    expect(screen.getByRole("button", { name: "保存设置" }).getAttribute("type")).toBe("submit");
    fireEvent.submit(recorder.closest("form")!);
    await screen.findByText(/已保存：记录人 李红梅。已记入操作日志。/);
    expect(settingsRows(gateway)).toContainEqual(["记录人（组织委员）", "李红梅", expect.anything()]);
  });
});
