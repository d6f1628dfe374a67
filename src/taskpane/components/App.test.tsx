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

  it("offers the tabs the scheme uses, in plain words: star-member has no 承诺事项, 积分兑换 or 支部台账", async () => {
    const gateway = new MemoryGateway();
    await scaffoldWorkbook(gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 });
    const host: LedgerHost = { kind: "web", gateway, selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => "star-member" };
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: true, schemeId: "star-member", error: null }} host={host} />
      </FluentProvider>,
    );
    // Fluent's Tab repeats its label (bold, hidden) to reserve width: the first span is the label.
    const labels = (tabs: HTMLElement[]) => tabs.map((t) => t.firstElementChild?.textContent);
    await screen.findAllByText("民主评议");
    const tabs = labels(screen.getAllByRole("tab"));
    expect(tabs).toEqual(expect.arrayContaining(["开始", "名册", "录入", "民主评议", "校验", "报表", "申诉·审定", "规则", "方案"]));
    for (const other of ["承诺事项", "积分兑换", "支部台账"]) expect(tabs).not.toContain(other);
    const banner = screen.getByText(/本工作簿按/).textContent!;
    expect(banner).toBe("本工作簿按「星级党员管理量化考评制度」计分；表格中的积分公式也按这套办法计算。");
    expect(banner).not.toMatch(/PARTY|npx|star-member/);
  });

  it("shows 支部台账 with only the scheme's own 台账 (hospital: 支部积分), and 积分兑换 for the scheme that has it", async () => {
    const labels = (tabs: HTMLElement[]) => tabs.map((t) => t.firstElementChild?.textContent);
    const gateway = new MemoryGateway();
    await scaffoldWorkbook(gateway, getBuiltinScheme("hospital-40-50-10"), { branch: "内科党支部", year: 2026 });
    const host: LedgerHost = { kind: "web", gateway, selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => "hospital-40-50-10" };
    const { unmount } = render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: true, schemeId: "hospital-40-50-10", error: null }} host={host} />
      </FluentProvider>,
    );
    await screen.findAllByText("支部台账");
    const outer = screen.getAllByRole("tab");
    expect(labels(outer)).not.toContain("积分兑换");
    fireEvent.click(outer[labels(outer).indexOf("支部台账")]);
    expect(labels(within(screen.getByRole("tablist", { name: "支部台账" })).getAllByRole("tab"))).toEqual(["支部积分"]);
    expect(await screen.findByText("2026 年度支部积分（0）")).toBeTruthy();
    unmount();

    const other = new MemoryGateway();
    await scaffoldWorkbook(other, getBuiltinScheme("enterprise-half"), { branch: "第三党支部", year: 2026 });
    render(
      <FluentProvider theme={webLightTheme}>
        <App status={{ inExcel: true, schemeId: "enterprise-half", error: null }} host={{ ...host, gateway: other }} />
      </FluentProvider>,
    );
    await screen.findAllByText("积分兑换");
    expect(labels(screen.getAllByRole("tab"))).not.toContain("支部台账");
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
