/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { fillDemoWorkbook } from "../../app/demoData";
import { memoryHost } from "../../../test/support/memoryHost";
import { smallBranch } from "../../../test/support/smallBranch";
import type { LedgerHost } from "../host";
import { ReportPanel } from "./ReportPanel";

// jsdom has no ResizeObserver (Fluent's MessageBar measures itself); layout is not under test.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

describe("ReportPanel (issue 23, case 3)", () => {
  it("says which sheet the clerk typed on was kept and where the new sheet went, and shows that one", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    // The clerk types the committee's opinion on the generated 公示 (the demo made it for 2026H1).
    const sheet = gateway.book.sheets.get("公示-2026H1")!;
    gateway.book.sheets.set("公示-2026H1", { ...sheet, cells: [...sheet.cells, [], [{ value: "支委会意见：同意" }]] });
    const shown: string[] = [];
    const watching: LedgerHost = { ...host, showSheet: async (s) => void shown.push(s) };
    render(
      <FluentProvider theme={webLightTheme}>
        <ReportPanel host={watching} />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole("combobox", { name: "期间" }));
    fireEvent.click(await screen.findByRole("option", { name: "2026H1" }));
    fireEvent.click(screen.getByRole("button", { name: "生成并打开" }));
    // The demo has rows with errors: they are stated first, and the clerk decides.
    fireEvent.click(await screen.findByRole("button", { name: "知悉以上情况，仍然生成" }, { timeout: 20_000 }));
    await screen.findByText(/已生成：公示-2026H1 \(2\)。工作表「公示-2026H1」在生成后有改动（如手工填写的意见或修改的数字），已原样保留；新生成的.*写在工作表「公示-2026H1 \(2\)」/, {}, { timeout: 20_000 });
    expect(shown).toEqual(["公示-2026H1 (2)"]);
    expect(gateway.book.sheets.get("公示-2026H1")!.cells.at(-1)![0].value).toBe("支委会意见：同意");
  }, 60_000);

  it("states the problems before writing, each row a link to its cell, and writes nothing until 仍然生成", async () => {
    const gateway = await smallBranch({ extraEntries: ["2026-10-05,D999,D1,1,,编号写错"] });
    const { host, selected } = memoryHost(gateway);
    render(
      <FluentProvider theme={webLightTheme}>
        <ReportPanel host={host} />
      </FluentProvider>,
    );
    const generate = await screen.findByRole<HTMLButtonElement>("button", { name: "生成并打开" });
    await waitFor(() => expect(generate.disabled).toBe(false), { timeout: 20_000 });
    fireEvent.click(generate);
    const findings = await screen.findByLabelText("生成前的检查", {}, { timeout: 20_000 });
    expect(findings.textContent).toMatch(/工作簿有 1 个校验错误/);
    expect(findings.textContent).toMatch(/尚未经支委会审定/);
    expect(gateway.book.sheets.has("公示-2026H2")).toBe(false);
    // Each row is a button: Tab reaches it and Enter or a click selects the cell.
    fireEvent.click(within(findings).getAllByRole("button")[0]);
    expect(selected).toEqual([expect.stringMatching(/^积分台账!B\d+$/)]);
    fireEvent.click(screen.getByRole("button", { name: "知悉以上情况，仍然生成" }));
    await screen.findByText(/已生成：公示-2026H2/, {}, { timeout: 20_000 });
    expect(gateway.book.sheets.has("公示-2026H2")).toBe(true);
  }, 60_000);
});
