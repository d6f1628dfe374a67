import { useMemo, useSyncExternalStore } from "react";
import { columnLetter } from "../core/sheetModel";
import type { PreviewWorkbook } from "./previewWorkbook";

/** Rows drawn at most; the rest is counted, not drawn (the preview is for looking, not for 100,000 rows). */
export const GRID_ROW_LIMIT = 300;

/** The grid's state: the sheets, the active one's cells (with column letters) and the selection. */
export function usePreviewGrid(book: PreviewWorkbook) {
  const version = useSyncExternalStore(
    (listener) => book.subscribe(listener),
    () => book.snapshot(),
  );
  return useMemo(() => {
    const sheet = book.activeSheet;
    const rows = sheet ? book.display(sheet) : [];
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    return {
      version,
      sheets: book.sheetNames(),
      sheet,
      columns: Array.from({ length: width }, (_, c) => columnLetter(c)),
      rows: rows.slice(0, GRID_ROW_LIMIT),
      hiddenRows: Math.max(0, rows.length - GRID_ROW_LIMIT),
      selection: book.selection && book.selection.sheet === sheet ? book.selection : null,
      show: (name: string) => book.show(name),
    };
  }, [book, version]);
}
