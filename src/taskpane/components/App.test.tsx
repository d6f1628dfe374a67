/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { fillDemoWorkbook } from "../../app/demoData";
import { scaffoldWorkbook } from "../../app/ledgerService";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { MemoryGateway } from "../../hosts/memory/memoryGateway";
import type { LedgerHost } from "../host";
import { App } from "./App";

// jsdom has no ResizeObserver (Fluent's MessageBar measures itself for reflow); layout is not under test here.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

describe("App", () => {
  it("shows only the scheme list when there is no workbook", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: false, schemeId: null, error: null }} host={null} />
      </FluentProvider>,
    );
    expect(screen.getByText("内置积分方案（共 10 套）：")).toBeTruthy();
    expect(screen.queryByRole("tab")).toBeNull();
  });

  it("validates the workbook from the 校验 tab and selects an issue's cell on click", async () => {
    const gateway = new MemoryGateway();
    await fillDemoWorkbook(gateway);
    const selected: string[] = [];
    const host: LedgerHost = { kind: "web", gateway, selectCell: async (s, r, c) => void selected.push(`${s}!${c}${r}`), showSheet: async () => undefined, schemeChanged: async () => "star-member" };
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: true, schemeId: "star-member", error: null }} host={host} />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("tab", { name: "校验" }));
    fireEvent.click(screen.getByRole("button", { name: "校验台账" }));
    const badDate = await screen.findByText(/错误 · A\d+：.*2026-02-30/);
    expect(screen.getByText(/^发现 \d+ 个错误/)).toBeTruthy();
    fireEvent.click(badDate);
    await screen.findByText(/改正：日期不是真实日期/);
    expect(selected).toHaveLength(1);
    expect(selected[0]).toMatch(/^积分台账!A\d+$/);
  });

  it("shows the three branch 台账 under the 支部台账 tab, one at a time", async () => {
    const gateway = new MemoryGateway();
    await fillDemoWorkbook(gateway);
    const host: LedgerHost = { kind: "web", gateway, selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => "star-member" };
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: true, schemeId: "star-member", error: null }} host={host} />
      </FluentProvider>,
    );
    // Fluent's Tab repeats its label (bold, hidden) to reserve width: the first span is the label. Queries by role
    // and name are slow in jsdom under Fluent's styles, so the tabs are found once and clicked by label.
    const labels = (tabs: HTMLElement[]) => tabs.map((t) => t.firstElementChild?.textContent);
    // 名册 and 民主评议 follow the scheme (star-member scores members and has an appraisal): they show once it is read.
    await screen.findAllByText("民主评议");
    const outer = screen.getAllByRole("tab");
    expect(labels(outer)).toEqual(["开始", "名册", "录入", "民主评议", "校验", "公示·排名·年终", "申诉·审定", "承诺事项", "积分兑换", "支部台账", "规则", "方案"]);
    fireEvent.click(outer[labels(outer).indexOf("支部台账")]);
    const inner = within(screen.getByRole("tablist", { name: "支部台账" })).getAllByRole("tab");
    expect(labels(inner)).toEqual(["评星晋级", "分类定级", "支部积分"]);
    expect(await screen.findByText("2026 年度党支部（0）")).toBeTruthy();
    expect(screen.getByText("保存评星晋级")).toBeTruthy();
    fireEvent.click(inner[1]);
    expect(await screen.findByText("2026 年度分类定级（0）")).toBeTruthy();
    fireEvent.click(inner[2]);
    expect(await screen.findByText("2026 年度支部积分（0）")).toBeTruthy();
    expect(screen.queryByText("保存评星晋级")).toBeNull();
  });

  it("offers 名册 but not 民主评议 for a scheme without an appraisal, and neither before the workbook has a ledger", async () => {
    const gateway = new MemoryGateway();
    const host: LedgerHost = { kind: "web", gateway, selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => null };
    const { unmount } = render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: false, schemeId: null, error: null }} host={host} />
      </FluentProvider>,
    );
    await screen.findByText("生成台账", { selector: "button" });
    const labels = () => screen.getAllByRole("tab").map((t) => t.firstElementChild?.textContent);
    expect(labels()).not.toContain("名册");
    unmount();
    await scaffoldWorkbook(gateway, getBuiltinScheme("hospital-40-50-10"), { branch: "第二党支部", year: 2026, secretary: "王书记" });
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: false, schemeId: "hospital-40-50-10", error: null }} host={host} />
      </FluentProvider>,
    );
    await screen.findAllByText("名册");
    expect(labels()).toContain("名册");
    expect(labels()).not.toContain("民主评议");
  });
});
