/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { scaffoldWorkbook } from "../app/ledgerService";
import { addMember } from "../app/memberService";
import { getBuiltinScheme } from "../core/scheme/presets";
import { useWebApp } from "./useWebApp";

describe("useWebApp", () => {
  it("drops 「在右侧「开始」中生成台账」 once the ledger is made", async () => {
    const { result } = renderHook(() => useWebApp({ confirm: () => true }));
    await act(async () => {
      await result.current.createEmpty();
    });
    expect(result.current.message).toEqual({ intent: "success", text: "已新建空白工作簿：在右侧「开始」中生成台账。" });
    const book = result.current.open!.book;
    await act(async () => {
      await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 });
    });
    await waitFor(() => expect(result.current.message).toBeNull());
    expect(result.current.dirty).toBe(true);
  });

  it("keeps a success message while the clerk only looks around, and drops it when cells change", async () => {
    const { result } = renderHook(() => useWebApp({ confirm: () => true }));
    await act(async () => {
      await result.current.openDemo();
    });
    expect(result.current.message).toMatchObject({ intent: "success", text: expect.stringMatching(/^已生成示例工作簿/) });
    const book = result.current.open!.book;
    act(() => book.show("党员名册"));
    expect(book.activeSheet).toBe("党员名册");
    expect(result.current.message).toMatchObject({ intent: "success" });
    await act(async () => {
      await addMember(book.gateway, { 编号: "X001", 姓名: "张新", 党员类别: "正式党员" });
    });
    await waitFor(() => expect(result.current.message).toBeNull());
  });

  it("keeps an error until the next action replaces it", async () => {
    const { result } = renderHook(() => useWebApp({ confirm: () => true }));
    const damaged = { name: "坏文件.xlsx", arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer } as unknown as File;
    await act(async () => {
      await result.current.openFiles([damaged]);
    });
    expect(result.current.message).toMatchObject({ intent: "error", text: expect.stringMatching(/^未能打开：/) });
    await act(async () => {
      await result.current.createEmpty();
    });
    expect(result.current.message).toMatchObject({ intent: "success" });
  });
});
