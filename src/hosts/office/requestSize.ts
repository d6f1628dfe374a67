/**
 * The size of a request as Office.js sends it to Excel (its RequestMessage, JSON):
 *   {"Actions":[…],"ObjectPaths":{…}}
 * Each property set or method call is an action ({"Id":…,"ActionType":4,"Name":"bold","ObjectPathId":…,
 * "ArgumentInfo":{"Arguments":[true]}}); each object an action reaches is an object path ({"Id":…,
 * "ObjectPathType":3,"Name":"getRange","ParentObjectPathId":…,"ArgumentInfo":{"Arguments":["A1:K9"]}}),
 * and an object made by a method is instantiated by one more action. Excel on the web rejects a request
 * over 5 MB (RequestPayloadSizeLimitExceeded). The figures here are upper bounds: ids are counted with 7
 * digits and every object path once per action that uses it.
 */
import { STYLES } from "../../core/ops/styles";
import type { CellStyle, PageSetup, SheetModel } from "../../core/sheetModel";

/** Excel on the web: "payload size limit for requests and responses of 5MB". */
export const REQUEST_LIMIT = 5 * 1024 * 1024;
/** What a write request may carry by our count (an upper bound): a fifth of the limit spare. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

const ID = "9999999";
/** `{"Actions":[],"ObjectPaths":{}}` and the workbook → worksheets → sheet paths a request starts from. */
export const REQUEST_BASE = 31 + 3 * 110;

/** UTF-8 bytes of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonLength(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

const INSTANTIATE = utf8Length(`{"Id":${ID},"ActionType":1,"Name":"","ObjectPathId":${ID}},`);

/** An object path: a property (`format`) or, with arguments, a method (`getRange("A1")`) and its instantiation. */
export function pathBytes(name: string, args?: readonly unknown[]): number {
  const argInfo = args ? `,"ArgumentInfo":{"Arguments":${JSON.stringify(args)}}` : "";
  return utf8Length(`"${ID}":{"Id":${ID},"ObjectPathType":3,"Name":${JSON.stringify(name)},"ParentObjectPathId":${ID}${argInfo}},`) + (args ? INSTANTIATE : 0);
}

/** A property set or a method call with its arguments (a large array is measured once, here). */
export function actionBytes(name: string, args: readonly unknown[] = []): number {
  return utf8Length(`{"Id":${ID},"ActionType":4,"Name":${JSON.stringify(name)},"ObjectPathId":${ID},"ArgumentInfo":{"Arguments":}},`) + jsonLength(args);
}

/** getRange(address), then numberFormat and formulas (or values) set on it. */
export function rangeWriteBytes(address: string, numberFormat: unknown, contents: unknown): number {
  return pathBytes("getRange", [address]) + actionBytes("numberFormat", [numberFormat]) + actionBytes("formulas", [contents]);
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/** A styled rectangle as applyStyles queues it: the range, its format, font, alignment, wrap, borders and fill. */
export function styleBytes(address: string, style: CellStyle): number {
  const s = STYLES[style];
  let bytes = pathBytes("getRange", [address]) + pathBytes("format") + pathBytes("font");
  bytes += actionBytes("bold", [s.bold]) + actionBytes("size", [s.size]) + actionBytes("horizontalAlignment", ["Center"]) + actionBytes("wrapText", [s.wrap]);
  if (s.border) bytes += pathBytes("borders") + EDGES.reduce((n, edge) => n + pathBytes("getItem", [edge]) + actionBytes("style", ["Continuous"]), 0);
  if (s.fill) bytes += pathBytes("fill") + actionBytes("color", [s.fill]);
  return bytes;
}

/** A column's width: getRange("A:A").format.columnWidth. */
export const COLUMN_WIDTH_BYTES = pathBytes("getRange", ["XFD:XFD"]) + pathBytes("format") + actionBytes("columnWidth", [999.99]);

/** A merge: getRange(address).merge(false). */
export function mergeBytes(address: string): number {
  return pathBytes("getRange", [address]) + actionBytes("merge", [false]);
}

/** A manual page break: horizontalPageBreaks.add("A12"). */
export function pageBreakBytes(row: number): number {
  return pathBytes("horizontalPageBreaks") + actionBytes("add", [`A${row}`]);
}

/** The page layout as setPageLayout queues it. */
export function pageLayoutBytes(page: PageSetup): number {
  let bytes = pathBytes("pageLayout") + actionBytes("orientation", ["Landscape"]) + actionBytes("paperSize", ["A4"]);
  if (page.fitToWidth) bytes += actionBytes("zoom", [{ horizontalFitToPages: 1, verticalFitToPages: 0 }]);
  if (page.printTitleRows) bytes += actionBytes("setPrintTitleRows", [`$${page.printTitleRows[0]}:$${page.printTitleRows[1]}`]);
  const texts = [page.centerHeader, page.centerFooter].filter((t): t is string => !!t);
  if (texts.length > 0) bytes += pathBytes("headersFooters") + pathBytes("defaultForAllPages") + texts.reduce((n, t) => n + actionBytes("centerFooter", [t]), 0);
  return bytes;
}

/** A sheet made, named, hidden and frozen: the fixed part of writing a sheet. */
export const SHEET_BYTES = pathBytes("add", ["x".repeat(31)]) + actionBytes("visibility", ["Hidden"]) + pathBytes("freezePanes") + actionBytes("freezeRows", [99]);

/** A reference to an object path given as an argument (charts.add's range, setValues' range). */
const REFERENCE = { _ReferenceId: ID };

/**
 * The native charts and data bars of a sheet as addChartsAndDataBars queues them: per chart charts.add
 * over a range, its title, per series its range(s), name and categories, then setPosition; per data bar
 * getRange(ref).conditionalFormats.add("DataBar").
 */
export function chartsBytes(model: Pick<SheetModel, "charts" | "dataBars">): number {
  let bytes = 0;
  for (const chart of model.charts ?? []) {
    if (chart.series.length === 0) continue;
    bytes += pathBytes("charts") + pathBytes("getRange", [chart.series[0].values]) + pathBytes("add", ["ColumnClustered", REFERENCE, "Columns"]);
    bytes += pathBytes("title") + actionBytes("text", [chart.title]);
    for (const series of chart.series) {
      bytes += pathBytes("series") + pathBytes("add", [series.name]) + actionBytes("name", [series.name]);
      bytes += pathBytes("getRange", [series.values]) + actionBytes("setValues", [REFERENCE]);
      bytes += pathBytes("getRange", [chart.categories]) + actionBytes("setXAxisValues", [REFERENCE]);
    }
    bytes += actionBytes("setPosition", chart.anchor.split(":"));
  }
  for (const ref of model.dataBars ?? []) bytes += pathBytes("getRange", [ref]) + pathBytes("conditionalFormats") + pathBytes("add", ["DataBar"]);
  return bytes;
}
