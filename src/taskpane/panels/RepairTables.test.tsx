/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { SHEETS, type TableSheetDef } from "../../core/ledger/layout";
import { formatsOf } from "../../core/ledger/scaffold";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { type Cell, isoToSerial } from "../../core/sheetModel";
import { loadLedger, scaffoldWorkbook, scoreLedger } from "../../app/ledgerService";
import { OfficeJsGateway } from "../../hosts/office/officeJsGateway";
import { type ExcelFake, createExcelFake } from "../../../test/fakes/excelFake";
import type { LedgerHost } from "../host";
import { ValidatePanel } from "./ValidatePanel";
import { useRepairTables } from "./useRepairTables";
import { useValidatePanel } from "./useValidatePanel";

// jsdom has no ResizeObserver (Fluent's MessageBar measures itself for reflow); layout is not under test here.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const rowOf = (def: TableSheetDef, values: Record<string, Cell>): Cell[] => def.columns.map((c) => values[c.header] ?? null);

/** A filled ledger in Excel (the strict fake) behind a pane host: two members, three entries, their appraisals. By hand: 001 80−1−2+20 = 97, 002 80−5+15 = 90. */
async function excelPane(): Promise<{ host: LedgerHost; fake: ExcelFake; gateway: OfficeJsGateway }> {
  const fake = createExcelFake();
  const gateway = new OfficeJsGateway((batch) => fake.run(batch));
  await scaffoldWorkbook(gateway, getBuiltinScheme("star-member"), { branch: "一支部", year: 2026 });
  const L = SHEETS.ledger;
  await gateway.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: [rowOf(SHEETS.roster, { 编号: "001", 姓名: "张三", 党员类别: "正式党员" }), rowOf(SHEETS.roster, { 编号: "002", 姓名: "李四", 党员类别: "正式党员" })], formats: formatsOf(SHEETS.roster) },
    {
      op: "appendRows",
      table: L.table,
      rows: [
        rowOf(L, { 日期: isoToSerial("2026-03-02"), 编号: "001", 项目代码: "D1", 次数: 1 }),
        rowOf(L, { 日期: isoToSerial("2026-04-10"), 编号: "001", 项目代码: "D2", 次数: 1 }),
        rowOf(L, { 日期: isoToSerial("2026-05-06"), 编号: "002", 项目代码: "D5", 次数: 1 }),
      ],
      formats: formatsOf(L),
    },
    { op: "appendRows", table: SHEETS.appraisals.table, rows: [rowOf(SHEETS.appraisals, { 年度: 2026, 编号: "001", 评议等次: "优秀" }), rowOf(SHEETS.appraisals, { 年度: 2026, 编号: "002", 评议等次: "合格" })], formats: formatsOf(SHEETS.appraisals) },
  ]);
  const host: LedgerHost = { kind: "excel", gateway, selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => null };
  return { host, fake, gateway };
}

/** The clerk's hand edits in Excel: the ledger's table converted to a range, a member typed below 党员名册 after a blank row. */
async function handEdited(fake: ExcelFake): Promise<void> {
  await fake.run(async (context) => {
    context.workbook.tables.getItem(SHEETS.ledger.table).convertToRange();
    context.workbook.worksheets.getItem(SHEETS.roster.sheet).getRange("A6:C6").values = [["003", "王五", "正式党员"]];
    await context.sync();
  });
}

async function totals(gateway: OfficeJsGateway): Promise<Record<string, number>> {
  return Object.fromEntries(scoreLedger(await loadLedger(gateway), "2026").members.map((m) => [m.id, m.total]));
}

describe("useRepairTables", () => {
  it("offers nothing for a sound workbook", async () => {
    const { host } = await excelPane();
    const { result: validation } = renderHook(() => useValidatePanel(host));
    await act(async () => {
      await validation.current.validate();
    });
    const { result } = renderHook(() => useRepairTables(host, validation.current.result!.issues, validation.current.validate));
    expect(result.current.offered).toEqual([]);
    expect(result.current.done).toEqual([]);
  });

  it("offers 修复表格 with the structural findings in Chinese, repairs through the pane's gateway without changing a cell, then validates again", async () => {
    const { host, fake, gateway } = await excelPane();
    await handEdited(fake);
    await expect(totals(gateway)).rejects.toThrow(/党员名册!A6 第6行 在表格下方/);
    const ledgerCells = fake.model.usedValues(SHEETS.ledger.sheet);
    const rosterCells = fake.model.usedValues(SHEETS.roster.sheet);

    const { result } = renderHook(() => {
      const validation = useValidatePanel(host);
      return { validation, repair: useRepairTables(host, validation.result?.issues ?? null, validation.validate) };
    });
    await act(async () => {
      await result.current.validation.validate();
    });
    const lastColumn = String.fromCharCode(64 + SHEETS.ledger.columns.length);
    expect(result.current.repair.offered).toEqual([
      expect.stringMatching(/^党员名册!A6 第6行 在表格下方、隔着空行，不属于表格，未计分（003、王五、正式党员）$/),
      expect.stringMatching(new RegExp(`^积分台账!A1 「积分台账」的表格已被转换为普通区域（没有表格 LedgerTable），已按第1行表头读取 3 行（A至${lastColumn}列）$`)),
    ]);
    expect(result.current.repair.blocking).toBe(true);

    await act(async () => {
      expect(await result.current.repair.repair()).toBe(true);
    });
    expect(result.current.repair.error).toBeNull();
    expect(result.current.repair.done).toEqual([`已把表格下方的行并入表格：「党员名册」A1:J6（共 5 行，单元格未改动）`, `已恢复表格：「积分台账」A1:${lastColumn}4（3 行，单元格未改动）`]);
    expect(result.current.repair.remaining).toEqual([]);
    // Validated again: the tables are sound, the offer is gone; 003 (typed below 名册) is read, without an appraisal yet.
    await waitFor(() => expect(result.current.repair.offered).toEqual([]));
    expect(result.current.validation.result!.issues.filter((i) => i.code === "table-as-range" || i.code === "row-below-table")).toEqual([]);
    expect(fake.model.tables().map((t) => t.name)).toContain(SHEETS.ledger.table);
    expect(fake.model.usedValues(SHEETS.ledger.sheet)).toEqual(ledgerCells);
    expect(fake.model.usedValues(SHEETS.roster.sheet)).toEqual(rosterCells);
    expect(await totals(gateway)).toEqual({ "001": 97, "002": 90, "003": 80 });
  });

  it("shows a failed repair as a Chinese message and keeps the offer", async () => {
    const { host, fake } = await excelPane();
    await handEdited(fake);
    // Reads go to Excel; the write fails (the connection dropped).
    const gateway = Object.assign(Object.create(host.gateway) as OfficeJsGateway, { apply: () => Promise.reject(new Error("连接中断")) });
    const broken: LedgerHost = { ...host, gateway };
    const { result } = renderHook(() => {
      const validation = useValidatePanel(broken);
      return { validation, repair: useRepairTables(broken, validation.result?.issues ?? null, validation.validate) };
    });
    await act(async () => {
      await result.current.validation.validate();
    });
    await act(async () => {
      expect(await result.current.repair.repair()).toBe(false);
    });
    expect(result.current.repair.error).toMatch(/^修复表格失败：.*连接中断/);
    expect(result.current.repair.offered).toHaveLength(2);
  });
});

describe("RepairTables in the 校验 panel", () => {
  it("shows the findings and a 修复表格 button after 校验台账; a click repairs and the panel validates again", async () => {
    const { host, fake } = await excelPane();
    await handEdited(fake);
    render(
      <FluentProvider theme={webLightTheme}>
        <ValidatePanel host={host} />
      </FluentProvider>,
    );
    expect(screen.queryByRole("button", { name: "修复表格" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "校验台账" }));
    await screen.findByRole("button", { name: "修复表格" });
    expect(screen.getByText("表格需要修复：修复前不能计分、生成报表或审定")).toBeTruthy();
    expect(screen.getByText(/积分台账!A1 「积分台账」的表格已被转换为普通区域/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "修复表格" }));
    await screen.findByText(/已恢复表格：「积分台账」/);
    await waitFor(() => expect(screen.queryByRole("button", { name: "修复表格" })).toBeNull());
    expect(screen.getByText(/已把表格下方的行并入表格：「党员名册」A1:J6/)).toBeTruthy();
  });
});
