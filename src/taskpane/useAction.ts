import { useCallback, useEffect, useRef, useState } from "react";
import { type Action } from "./actions";
import { describeFailure } from "./errors";
import type { LedgerHost } from "./host";

/** Work running longer than this shows a progress line. */
export const PROGRESS_AFTER_MS = 500;

export interface ActionState<R> {
  running: boolean;
  /** True once the work has run longer than PROGRESS_AFTER_MS. */
  slow: boolean;
  result: R | null;
  /** What went wrong, in Chinese, for a MessageBar. */
  error: string | null;
}

/**
 * Runs an action for a panel: one at a time, with its result or its failure kept for the view.
 * A failure is shown, never thrown away: `run` resolves to null and `error` says what happened.
 */
export function useAction<I, R>(action: Action<I, R>, host: LedgerHost): ActionState<R> & { run: (input: I) => Promise<R | null> } {
  const [state, setState] = useState<ActionState<R>>({ running: false, slow: false, result: null, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const run = useCallback(
    async (input: I) => {
      setState((s) => ({ ...s, running: true, slow: false, error: null }));
      timer.current = setTimeout(() => setState((s) => (s.running ? { ...s, slow: true } : s)), PROGRESS_AFTER_MS);
      try {
        const result = await action.perform(host, input);
        setState({ running: false, slow: false, result, error: null });
        return result;
      } catch (e) {
        setState({ running: false, slow: false, result: null, error: `${action.name}失败：${describeFailure(e)}` });
        return null;
      } finally {
        if (timer.current) clearTimeout(timer.current);
      }
    },
    [action, host],
  );
  return { ...state, run };
}
