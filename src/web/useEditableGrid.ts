import { type ClipboardEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { columnIndexOf, columnLetter } from "../core/sheetModel";
import { describeFailure } from "../taskpane/errors";
import { parseClipboardBlock } from "./cellInput";
import type { CellRef, SheetView, WebWorkbook } from "./webWorkbook";

/** Height of a grid row in pixels: the grid draws only the rows in sight (a ledger has 100,000). */
export const ROW_HEIGHT = 24;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 12;

export interface GridMessage {
  intent: "success" | "error" | "warning";
  text: string;
}

/**
 * The web page's grid: the active sheet's view, the rows in sight, the selection (a cell; Shift
 * extends it over rows), typing into a cell, pasting a block, adding and deleting rows.
 */
export function useEditableGrid(book: WebWorkbook) {
  useSyncExternalStore(
    (listener) => book.subscribe(listener),
    () => book.snapshot(),
  );
  const sheet = book.activeSheet;
  const contentVersion = book.contentVersion;
  const [view, setView] = useState<SheetView | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [anchorRow, setAnchorRow] = useState<number | null>(null);
  const [message, setMessage] = useState<GridMessage | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  // The text being typed, also as a ref: a commit takes it once (Enter and the blur that follows do not both write).
  const draftRef = useRef<string | null>(null);
  const editDraft = useCallback((text: string | null) => {
    draftRef.current = text;
    setDraft(text);
  }, []);
  // Changes run one after another, in the order the clerk made them.
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    if (sheet === null) setView(null);
    else
      void book.view(sheet).then(
        (v) => live && setView(v),
        (e: unknown) => live && setMessage({ intent: "error", text: `无法显示「${sheet}」：${describeFailure(e)}` }),
      );
    return () => {
      live = false;
    };
  }, [book, sheet, contentVersion]);

  // Another sheet opens at its top, as in Excel, and forgets the half-typed cell.
  useEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
    setScrollTop(0);
    editDraft(null);
    setMessage(null);
    setConfirmingDelete(false);
  }, [sheet, editDraft]);

  const selection = book.selection && book.selection.sheet === sheet ? book.selection : null;

  // A cell chosen elsewhere (an issue in 校验) is scrolled into sight, once its sheet's rows are drawn
  // (on another sheet the view arrives after the selection; scrolling earlier would stop at the old sheet's end).
  const scrollPending = useRef(false);
  useEffect(() => {
    scrollPending.current = true;
  }, [selection?.sheet, selection?.row]);
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || !selection || !scrollPending.current || view?.sheet !== selection.sheet) return;
    scrollPending.current = false;
    const top = (selection.row - 1) * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT * 2 > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
  }, [selection?.sheet, selection?.row, view]);

  const rowCount = view?.rows.length ?? 0;
  const width = view?.widths.length ?? 0;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    setViewportHeight(el.clientHeight || 600);
  }, []);

  const select = useCallback(
    (row: number, column: string, extend = false) => {
      if (!sheet) return;
      setAnchorRow((a) => (extend ? (a ?? book.selection?.row ?? row) : row));
      setConfirmingDelete(false);
      book.select({ sheet, row, column });
    },
    [book, sheet],
  );

  /** Runs one change; the outcome is shown above the grid, a failure never silently dropped. */
  const run = useCallback((work: () => Promise<string | null>): Promise<void> => {
    queue.current = queue.current.then(async () => {
      try {
        const done = await work();
        setMessage(done ? { intent: "success", text: done } : null);
      } catch (e) {
        setMessage({ intent: "error", text: describeFailure(e) });
      }
    });
    return queue.current;
  }, []);

  const move = useCallback(
    (ref: CellRef, dRow: number, dCol: number) => {
      const row = Math.max(1, Math.min(Math.max(rowCount, 1), ref.row + dRow));
      const col = Math.max(0, Math.min(Math.max(width - 1, 0), columnIndexOf(ref.column) + dCol));
      select(row, columnLetter(col));
    },
    [rowCount, width, select],
  );

  const commit = useCallback(
    async (then?: { dRow: number; dCol: number }) => {
      const ref = selection;
      const text = draftRef.current;
      editDraft(null);
      if (!ref || text === null) return;
      const before = view?.rows[ref.row - 1]?.[columnIndexOf(ref.column)] ?? "";
      if (text !== before) await run(async () => (await book.setCell(ref, text), null));
      if (then) move(ref, then.dRow, then.dCol);
    },
    [book, selection, view, run, move, editDraft],
  );

  const rowRange = (): [number, number] | null => {
    if (!selection) return null;
    const a = anchorRow ?? selection.row;
    return [Math.min(a, selection.row), Math.max(a, selection.row)];
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!selection) return;
    const editing = draft !== null;
    if (e.nativeEvent.isComposing) return;
    if (e.key === "Enter") {
      e.preventDefault();
      if (editing) void commit({ dRow: e.shiftKey ? -1 : 1, dCol: 0 });
      else editDraft(view?.rows[selection.row - 1]?.[columnIndexOf(selection.column)] ?? "");
    } else if (e.key === "Tab") {
      e.preventDefault();
      if (editing) void commit({ dRow: 0, dCol: e.shiftKey ? -1 : 1 });
      else move(selection, 0, e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      editDraft(null);
      setConfirmingDelete(false);
    } else if (e.key === "F2" && !editing) {
      e.preventDefault();
      editDraft(view?.rows[selection.row - 1]?.[columnIndexOf(selection.column)] ?? "");
    } else if (!editing && e.key.startsWith("Arrow")) {
      e.preventDefault();
      const [dRow, dCol] = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key] ?? [0, 0];
      if (e.shiftKey && dRow) {
        setAnchorRow((a) => a ?? selection.row);
        book.select({ ...selection, row: Math.max(1, Math.min(rowCount, selection.row + dRow)) });
      } else move(selection, dRow, dCol);
    } else if (!editing && e.key === "Delete") {
      e.preventDefault();
      const range = rowRange()!;
      const blank = Array.from({ length: range[1] - range[0] + 1 }, () => [""]);
      void run(async () => (await book.paste({ ...selection, row: range[0] }, blank), null));
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    if (!selection) return;
    const text = e.clipboardData.getData("text/plain");
    // Inside a cell being typed, a plain word pastes into the cell; a block goes to the table.
    if (draft !== null && !/[\t\r\n]/.test(text.replace(/[\r\n]+$/, ""))) return;
    e.preventDefault();
    editDraft(null);
    const block = parseClipboardBlock(text);
    if (!block.length) return;
    void run(async () => {
      const { set, appended } = await book.paste(selection, block);
      return `已粘贴 ${set + appended} 行${appended ? `（其中新增 ${appended} 行）` : ""}。`;
    });
  };

  /** Selects the empty row below the table, where typing adds a row. */
  const goToNewRow = () => {
    const t = view?.table;
    if (!t?.editable) return;
    select(t.headerRow + t.dataRows + 1, columnLetter(t.firstColumn));
  };

  const range = rowRange();
  const deleteRows = () => {
    if (!sheet || !range) return;
    setConfirmingDelete(false);
    void run(async () => {
      const n = await book.deleteRows(sheet, range[0], range[1]);
      setAnchorRow(null);
      return `已删除 ${n} 行；下面的行已上移。`;
    });
  };

  return {
    sheets: book.sheetNames(),
    sheet,
    view,
    columns: Array.from({ length: width }, (_, c) => columnLetter(c)),
    first,
    last,
    rowCount,
    selection,
    selectedRows: range,
    draft,
    message,
    confirmingDelete,
    scrollerRef,
    onScroll,
    show: (name: string) => book.show(name),
    select,
    startEditing: (text: string) => editDraft(text),
    setDraft: (text: string) => editDraft(text),
    commit,
    onKeyDown,
    onPaste,
    goToNewRow,
    askDelete: () => setConfirmingDelete(true),
    cancelDelete: () => setConfirmingDelete(false),
    deleteRows,
    dismissMessage: () => setMessage(null),
  };
}
