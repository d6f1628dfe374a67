/**
 * What the clerk types or pastes into the web page's grid, turned into the cells a table column
 * holds: dates as Excel serials, numbers as numbers, text as text. What cannot be read is kept as
 * typed (validation then points at it), never turned into 0 or dropped.
 */
import { parseNumberInput } from "../core/cells";
import { readDateSerial } from "../core/dates";
import { SHEETS, type TableSheetDef } from "../core/ledger/layout";
import type { Cell, ColumnFormat } from "../core/sheetModel";
import { headerText } from "../core/tableRegion";
import { BRANCH_SCORE_STORE } from "../core/branchScores/branchScores";
import { COMMITMENT_STORE } from "../core/commitments/commitments";
import { GRADING_STORE } from "../core/grading/classifiedGrading";
import { REDEMPTION_STORE } from "../core/redemption/redemption";
import { BRANCH_STAR_STORE } from "../core/stars/branchStars";

/**
 * The tables a clerk types into, by Excel table name: the ledger's own (not the ones the add-in
 * generates and fingerprints) and the sheets kept beside it.
 */
export const EDITABLE_TABLES: ReadonlyMap<string, TableSheetDef> = new Map(
  [...Object.values(SHEETS).filter((d: TableSheetDef) => !d.generated), BRANCH_SCORE_STORE, COMMITMENT_STORE, GRADING_STORE, REDEMPTION_STORE, BRANCH_STAR_STORE].map((d) => [d.table, d]),
);

/**
 * Each column's format for the headers the table has in this workbook (the clerk's columns may be in
 * another order, or added): by header text; a column the layout does not know is read as general.
 */
export function columnFormats(def: TableSheetDef | undefined, headers: readonly string[]): ColumnFormat[] {
  return headers.map((h) => def?.columns.find((c) => c.header === headerText(h))?.type ?? "number");
}

/** A typed text as the cell a column of this format holds; blank → empty cell. */
export function cellFromInput(text: string, format: ColumnFormat): Cell {
  if (text.trim() === "") return null;
  switch (format) {
    case "text":
      return text;
    case "date":
      return readDateSerial(text) ?? text;
    case "integer":
    case "number":
      return parseNumberInput(text) ?? text;
  }
}

/**
 * A block copied from Excel, WPS or LibreOffice (text/plain): rows by line breaks, cells by tabs; a
 * cell with a line break or a tab inside comes quoted, with "" for a quote. The trailing line break
 * Excel adds is not a row.
 */
export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    let cell = "";
    if (text[i] === '"') {
      // Quoted: up to the closing quote that is followed by a tab, a line break or the end.
      let j = i + 1;
      let quoted = "";
      let closed = false;
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        quoted += text[j++];
      }
      if (closed && (j === n || text[j] === "\t" || text[j] === "\n" || text[j] === "\r")) {
        cell = quoted;
        i = j;
      } else {
        // Not a quoted cell after all (a quote at the start of ordinary text): read it plainly.
        const end = nextBreak(text, i);
        cell = text.slice(i, end);
        i = end;
      }
    } else {
      const end = nextBreak(text, i);
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === "\t") {
      i++;
      continue;
    }
    // A line break: \r\n, \n or \r.
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows.length === 1 && rows[0].length === 1 && rows[0][0] === "" ? [] : rows;
}

function nextBreak(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === "\t" || c === "\n" || c === "\r") return k;
  }
  return text.length;
}
