/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { fillDemoWorkbook } from "../../workbook/demoData";
import { MemoryGateway } from "../../workbook/memoryGateway";
import type { LedgerHost } from "../host";
import { FIX_HINTS } from "./fixHints";
import { useStartPanel } from "./useStartPanel";
import { useValidatePanel } from "./useValidatePanel";

function memoryHost(gateway = new MemoryGateway()) {
  const selected: string[] = [];
  const host: LedgerHost = {
    kind: "preview",
    gateway,
    selectCell: async (sheet, row, column) => {
      selected.push(`${sheet}!${column}${row}`);
    },
    showSheet: async () => undefined,
  };
  return { host, selected, gateway };
}

describe("useStartPanel", () => {
  it("lists the built-in schemes and refuses to scaffold until the form is complete", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host, new Date(2026, 10, 23)));
    expect(result.current.schemes).toHaveLength(10);
    expect(result.current.form.year).toBe("2026");
    expect(result.current.problems).toEqual(["请填写党支部名称"]);
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect((await gateway.inspect()).sheets).toEqual([]);
  });

  it("scaffolds the workbook and reports what it added, then what it left alone", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host));
    act(() => result.current.update({ schemeId: "hospital-40-50-10", branch: "第二党支部", year: "2026", secretary: "王书记" }));
    expect(result.current.selected?.id).toBe("hospital-40-50-10");
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.scaffold.result?.added).toEqual(Object.values(SHEETS).map((s) => s.sheet));
    expect(gateway.book.tables.get(SHEETS.settings.table)!.rows).toContainEqual(["支部名称", "第二党支部", "党支部全称"]);
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.scaffold.result).toMatchObject({ added: [], kept: Object.values(SHEETS).map((s) => s.sheet) });
  });

  it("shows a failure as a Chinese message instead of throwing", async () => {
    const { host } = memoryHost();
    const broken: LedgerHost = { ...host, gateway: { ...host.gateway, inspect: () => Promise.reject(new Error("连接中断")) } };
    const { result } = renderHook(() => useStartPanel(broken));
    act(() => result.current.update({ branch: "第三党支部" }));
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(result.current.scaffold.error).toBe("生成台账失败：意外错误：连接中断。请重试；如仍失败，请把这条消息截图发给维护人员。");
    expect(result.current.scaffold.running).toBe(false);
  });
});

describe("useValidatePanel", () => {
  it("groups the demo workbook's issues by sheet, errors first, each with a specific fix hint, and selects a cell", async () => {
    const { host, gateway, selected } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useValidatePanel(host));
    await act(async () => {
      await result.current.validate();
    });
    await waitFor(() => expect(result.current.result).not.toBeNull());
    const ledger = result.current.groups.find((g) => g.sheet === SHEETS.ledger.sheet)!;
    expect(ledger.errors).toBeGreaterThanOrEqual(2);
    expect(ledger.errors + ledger.warnings).toBe(ledger.issues.length);
    expect(ledger.issues[0].severity).toBe("error");
    const codes = ledger.issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["bad-date", "unknown-member"]));
    for (const issue of ledger.issues) expect(issue.hint).toBe(FIX_HINTS[issue.code]);
    const badDate = ledger.issues.find((i) => i.code === "bad-date")!;
    await act(async () => {
      expect(await result.current.select(badDate)).toBeNull();
    });
    expect(selected).toEqual([`积分台账!A${badDate.row}`]);
  });
});
