import { type CellSpec, columnIndexOf } from "../sheetModel";
import { STYLES } from "./styles";

/** Display width in character cells: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** "row:column" keys (1-based row, 0-based column) of every cell inside the merged ranges ("A1:H1"). */
export function mergedCells(merges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const m of merges) {
    const [a, b = a] = m.split(":");
    const p = /^([A-Z]+)(\d+)$/.exec(a)!;
    const q = /^([A-Z]+)(\d+)$/.exec(b)!;
    for (let r = Number(p[2]); r <= Number(q[2]); r++) for (let c = columnIndexOf(p[1]); c <= columnIndexOf(q[1]); c++) out.add(`${r}:${c}`);
  }
  return out;
}

/** Excel's highest row, in points. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Row heights for wrapped text. Excel grows such rows itself; a .xlsx read by LibreOffice or WPS keeps
 * the stored height, so we store one tall enough for the lines the text will take, up to Excel's
 * 409 points (`fitSheetModel` warns about rows that need more).
 */
export function wrappedRowHeight(cells: readonly CellSpec[], widths: readonly number[], merged: Set<string>, row: number, cap: number = MAX_ROW_HEIGHT): number | null {
  let lines = 1;
  cells.forEach((spec, c) => {
    if (!spec.style || !STYLES[spec.style].wrap || merged.has(`${row}:${c}`)) return;
    const text = spec.value === null || spec.value === undefined ? "" : String(spec.value);
    const width = Math.max(1, (widths[c] ?? 8.43) - 1);
    lines = Math.max(lines, Math.ceil(displayWidth(text) / width));
  });
  return lines > 1 ? Math.min(cap, lines * 15 + 2) : null;
}
