/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { KeyboardEvent } from "react";
import { getBuiltinScheme } from "../core/scheme/presets";
import { scaffoldWorkbook } from "../app/ledgerService";
import { useEditableGrid } from "./useEditableGrid";
import { WebWorkbook } from "./webWorkbook";
import { TextDecoder, TextEncoder } from "util";

// jsdom has no TextEncoder; the browser and node do.
Object.assign(globalThis, { TextEncoder, TextDecoder });

function key(k: string, shiftKey = false): KeyboardEvent {
  return { key: k, shiftKey, preventDefault: () => undefined, nativeEvent: { isComposing: false } } as unknown as KeyboardEvent;
}

async function scaffolded(): Promise<WebWorkbook> {
  const book = WebWorkbook.create("台账.xlsx");
  await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, new Date(2026, 0, 5));
  book.markPristine();
  return book;
}

describe("useEditableGrid", () => {
  it("follows the workbook: new sheets, the active one's cells with dates shown as dates, and a cell the pane selects", async () => {
    const book = WebWorkbook.create("台账.xlsx");
    const { result } = renderHook(() => useEditableGrid(book));
    expect(result.current.sheets).toEqual([]);
    expect(result.current.view).toBeNull();
    await act(async () => {
      await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, new Date(2026, 0, 5));
    });
    expect(result.current.sheets).toContain("积分台账");
    expect(result.current.sheet).toBe("设置");
    await waitFor(() => expect(result.current.view?.rows[1].slice(0, 3)).toEqual(["支部名称", "第一党支部", "党支部全称"]));
    await act(async () => {
      await book.host().selectCell("操作日志", 2, "A");
    });
    expect(result.current.sheet).toBe("操作日志");
    expect(result.current.selection).toEqual({ sheet: "操作日志", row: 2, column: "A" });
    await waitFor(() => expect(result.current.view?.sheet).toBe("操作日志"));
    expect(result.current.columns[0]).toBe("A");
    // The log's time column shows a date, not an Excel serial number.
    expect(result.current.view?.rows[1][0]).toMatch(/^2026-01-05/);
    await expect(book.host().selectCell("没有这张表", 1, "A")).rejects.toThrow("没有工作表「没有这张表」");
    await expect(book.host().showSheet("没有这张表")).rejects.toThrow("没有工作表「没有这张表」");
  });

  it("types a member into the empty row below the roster: Tab writes the cell and moves right, Enter moves down", async () => {
    const book = await scaffolded();
    book.show("党员名册");
    const { result } = renderHook(() => useEditableGrid(book));
    await waitFor(() => expect(result.current.view?.sheet).toBe("党员名册"));
    act(() => result.current.select(2, "A"));
    act(() => result.current.setDraft("W001"));
    await act(async () => result.current.onKeyDown(key("Tab")));
    await waitFor(() => expect(result.current.selection).toMatchObject({ row: 2, column: "B" }));
    await waitFor(() => expect(result.current.view?.rows[1][0]).toBe("W001"));
    act(() => result.current.setDraft("张三"));
    await act(async () => result.current.onKeyDown(key("Enter")));
    await waitFor(() => expect(result.current.selection).toMatchObject({ row: 3, column: "B" }));
    await waitFor(() => expect(result.current.view?.rows[1].slice(0, 2)).toEqual(["W001", "张三"]));
    expect(book.dirty).toBe(true);
  });
});
