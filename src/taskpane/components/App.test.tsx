/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen } from "@testing-library/react";
import { fillDemoWorkbook } from "../../workbook/demoData";
import { MemoryGateway } from "../../workbook/memoryGateway";
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
    const host: LedgerHost = { kind: "preview", gateway, selectCell: async (s, r, c) => void selected.push(`${s}!${c}${r}`), showSheet: async () => undefined, schemeChanged: async () => "star-member" };
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
});
