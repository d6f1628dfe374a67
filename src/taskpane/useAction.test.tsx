/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { MemoryGateway } from "../hosts/memory/memoryGateway";
import type { Action } from "./actions";
import type { LedgerHost } from "./host";
import { PROGRESS_AFTER_MS, useAction } from "./useAction";

const host: LedgerHost = { kind: "web", gateway: new MemoryGateway(), selectCell: async () => undefined, showSheet: async () => undefined, schemeChanged: async () => null };

describe("useAction", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("shows progress only once the work has run longer than half a second", async () => {
    let finish: (value: number) => void = () => undefined;
    const slow: Action<void, number> = { name: "慢操作", perform: () => new Promise<number>((resolve) => (finish = resolve)) };
    const { result } = renderHook(() => useAction(slow, host));
    let pending: Promise<number | null> = Promise.resolve(null);
    act(() => {
      pending = result.current.run(undefined);
    });
    expect(result.current).toMatchObject({ running: true, slow: false });
    act(() => jest.advanceTimersByTime(PROGRESS_AFTER_MS - 1));
    expect(result.current.slow).toBe(false);
    act(() => jest.advanceTimersByTime(1));
    expect(result.current.slow).toBe(true);
    await act(async () => {
      finish(42);
      expect(await pending).toBe(42);
    });
    expect(result.current).toMatchObject({ running: false, slow: false, result: 42, error: null });
  });

  it("keeps a failure as a message naming the action, and clears it on the next run", async () => {
    let fail = true;
    const flaky: Action<void, string> = {
      name: "读取台账",
      perform: async () => {
        if (fail) throw new Error("网络中断");
        return "好";
      },
    };
    const { result } = renderHook(() => useAction(flaky, host));
    await act(async () => {
      expect(await result.current.run(undefined)).toBeNull();
    });
    expect(result.current.error).toBe("读取台账失败：意外错误：网络中断。请重试；如仍失败，请把这条消息截图发给维护人员。");
    fail = false;
    await act(async () => {
      expect(await result.current.run(undefined)).toBe("好");
    });
    expect(result.current.error).toBeNull();
  });
});
