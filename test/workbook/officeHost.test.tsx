/** @jest-environment jsdom */
/*
 * The task pane's start-up (index.tsx) and its Excel host (officeHost.ts) against the strict fake: the
 * pane hands the workbook's scheme to the PARTY.* functions and, when it changed, recalculates only the
 * PARTY.* cells that used it (Range.calculate), never Application.calculate (every open workbook).
 */
import { screen, waitFor } from "@testing-library/react";
import { SETTINGS_KEYS } from "../../src/core/ledger/layout";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { getWorkbookSchemeId, rememberCell } from "../../src/functions/workbookScheme";
import { officeHost } from "../../src/taskpane/officeHost";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";

globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const KEYS = ["__partyPointsWorkbookSchemeId", "__partyPointsWorkbookSchemes", "__partyPointsSchemeRuntime"];
type Global = Record<string, unknown>;

/** A ledger on dec-nov-cycle with one PARTY cell on Sheet1!A1, calculated once (its calls are counted). */
async function workbook(): Promise<{ fake: ExcelFake; calls: unknown[][] }> {
  const fake = createExcelFake();
  await scaffoldWorkbook(new OfficeJsGateway((batch) => fake.run(batch)), getBuiltinScheme("dec-nov-cycle"), { branch: "一支部", year: 2026 });
  const calls: unknown[][] = [];
  fake.attachFunctions(new Map([["PARTY.GRADE", { fn: (...args: unknown[]) => (calls.push(args), "等次"), params: 2 }]]));
  fake.model.enterFormula("Sheet1", "A1", "=PARTY.GRADE(65)");
  fake.model.enterFormula("Sheet1", "A2", "=PARTY.GRADE(70)");
  await fake.settle();
  rememberCell("Sheet1!A1");
  (globalThis as unknown as Global).Excel = { run: (...args: unknown[]) => (fake.run as (...a: unknown[]) => Promise<unknown>)(...args) };
  return { fake, calls };
}

const settingsCell = (fake: ExcelFake) => `B${fake.model.usedValues("设置").findIndex((row) => row[0] === SETTINGS_KEYS.schemeId) + 1}`;

beforeEach(() => {
  for (const key of KEYS) delete (globalThis as unknown as Global)[key];
});

afterEach(() => {
  delete (globalThis as unknown as Global).Excel;
  delete (globalThis as unknown as Global).Office;
});

describe("officeHost (strict fake)", () => {
  it("schemeChanged hands the new scheme over and recalculates only the PARTY cells that used it", async () => {
    const { fake, calls } = await workbook();
    const host = officeHost((batch) => fake.run({ delayForCellEdit: true }, batch));
    expect(await host.schemeChanged()).toBe("dec-nov-cycle");
    await fake.settle();
    expect(fake.model.calculated()).toEqual(["Sheet1!A1", "Sheet1!A2", "Sheet1!A1"]);
    await fake.model.edit("设置", settingsCell(fake), "star-member");
    expect(await host.schemeChanged()).toBe("star-member");
    await fake.settle();
    expect(getWorkbookSchemeId()).toBe("star-member");
    expect(fake.model.calculated()).toEqual(["Sheet1!A1", "Sheet1!A2", "Sheet1!A1", "Sheet1!A1"]);
    expect(calls.at(-1)).toEqual([65, null, { address: "Sheet1!A1" }]);
    // Unchanged: nothing recalculated.
    expect(await host.schemeChanged()).toBe("star-member");
    expect(fake.model.calculated()).toHaveLength(4);
    expect(fake.model.applicationCalculations()).toEqual([]);
  });

  it("selectCell and showSheet activate the sheet (and the cell) in one batch each", async () => {
    const { fake } = await workbook();
    const host = officeHost((batch) => fake.run({ delayForCellEdit: true }, batch));
    fake.resetCounters();
    await host.selectCell("积分台账", 3, "B");
    await host.showSheet("设置");
    expect(fake.syncCount).toBe(2);
    const active = await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      return sheet.name;
    });
    expect(active).toBe("设置");
  });
});

describe("index.tsx in Excel (Office.onReady, strict fake)", () => {
  it("reads the workbook's scheme for the functions, recalculates only their cells, and renders the pane", async () => {
    const { fake } = await workbook();
    document.body.innerHTML = '<div id="container"></div>';
    (globalThis as unknown as Global).Office = { HostType: { Excel: "Excel" }, onReady: (callback: (info: { host: string }) => unknown) => void callback({ host: "Excel" }) };
    await jest.isolateModulesAsync(async () => {
      await import("../../src/taskpane/index");
    });
    await waitFor(() => expect(getWorkbookSchemeId()).toBe("dec-nov-cycle"));
    await waitFor(() => expect(screen.getAllByRole("tab").length).toBeGreaterThan(0));
    await fake.settle();
    expect(fake.model.calculated()).toEqual(["Sheet1!A1", "Sheet1!A2", "Sheet1!A1"]);
    expect(fake.model.applicationCalculations()).toEqual([]);
  });

  it("a workbook that cannot be read shows why in Chinese, and the pane still opens", async () => {
    const { fake } = await workbook();
    fake.failSync(() => true);
    document.body.innerHTML = '<div id="container"></div>';
    (globalThis as unknown as Global).Office = { HostType: { Excel: "Excel" }, onReady: (callback: (info: { host: string }) => unknown) => void callback({ host: "Excel" }) };
    await jest.isolateModulesAsync(async () => {
      await import("../../src/taskpane/index");
    });
    await waitFor(() => expect(document.body.textContent).toContain("读取工作簿「设置」失败"));
  });
});
