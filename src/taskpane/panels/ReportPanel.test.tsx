/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen } from "@testing-library/react";
import { fillDemoWorkbook } from "../../app/demoData";
import { memoryHost } from "../../../test/support/memoryHost";
import type { LedgerHost } from "../host";
import { ReportPanel } from "./ReportPanel";

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
    await screen.findByText(/已生成：公示-2026H1 \(2\)。工作表「公示-2026H1」在生成后有改动（如手工填写的意见或修改的数字），已原样保留；新生成的.*写在工作表「公示-2026H1 \(2\)」/);
    expect(shown).toEqual(["公示-2026H1 (2)"]);
    expect(gateway.book.sheets.get("公示-2026H1")!.cells.at(-1)![0].value).toBe("支委会意见：同意");
  }, 60_000);
});
