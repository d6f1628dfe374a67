/**
 * How the add-in's table sheets print: A4, one page wide, the header row on every page, the sheet's
 * name (and branch) at the top and page numbers at the bottom.
 */
import { PAGE_FOOTER } from "../reports/common";
import type { PageSetup } from "../sheetModel";

/** A4 less 0.5" margins each side, in pixels at 96 dpi (Excel's column widths are in pixels on screen). */
const PORTRAIT_PX = (8.27 - 1) * 96;
/** Portrait while the columns fit it at this scale or larger; below it, landscape. */
const SMALLEST_PORTRAIT_SCALE = 0.85;

/** A column of `chars` characters, in pixels (7 per character plus 5 of padding, Excel's default font). */
function columnPixels(chars: number): number {
  return chars * 7 + 5;
}

/** "&" is Excel's header code character: a branch named "A&B" prints as written. */
function literal(text: string): string {
  return text.replace(/&/g, "&&");
}

/** The page setup of a table sheet whose columns have these widths (characters), headed by the branch when known. */
export function tablePage(widths: readonly number[], branch = ""): PageSetup {
  const pixels = widths.reduce((sum, w) => sum + columnPixels(w), 0);
  const name = branch.trim();
  return {
    orientation: pixels > PORTRAIT_PX / SMALLEST_PORTRAIT_SCALE ? "landscape" : "portrait",
    printTitleRows: [1, 1],
    fitToWidth: true,
    centerHeader: name ? `${literal(name)}\u3000&A` : "&A",
    centerFooter: PAGE_FOOTER,
  };
}

/** What a sheet's page setup holds, as a gateway reads it (paper size alone does not count: it is the printer's default). */
export interface PageFacts {
  landscape: boolean;
  /** Fit to a number of pages wide or tall. */
  fitToPages: boolean;
  /** Print scale in percent (100 when not scaled). */
  scale: number;
  /** Any header or footer text. */
  headerFooter: boolean;
  printTitles: boolean;
}

/** Whether someone set the sheet up for printing: a setPage op then leaves it as it is. */
export function hasOwnPageSetup(facts: PageFacts): boolean {
  return facts.landscape || facts.fitToPages || facts.scale !== 100 || facts.headerFooter || facts.printTitles;
}
