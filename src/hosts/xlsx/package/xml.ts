/** Small string helpers for the few SpreadsheetML elements the package layer reads and writes. */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Excel's escape for characters XML cannot hold: _xHHHH_. */
export function decodeOoxmlText(s: string): string {
  const t = unescapeXml(s);
  return t.indexOf("_x") < 0 ? t : t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function escapeText(s: string): string {
  let out = s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  // eslint-disable-next-line no-control-regex
  return out.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

/** The value of an attribute in a start tag, unescaped; undefined when absent. */
export function attr(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\s${name.replace(/[:.]/g, "\\$&")}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(tag);
  return m ? unescapeXml(m[2] ?? m[3]) : undefined;
}

/** The start tag with an attribute set (value escaped), or removed when value is undefined. */
export function setAttr(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name.replace(/[:.]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  const without = tag.replace(re, "");
  if (value === undefined) return without;
  const close = without.endsWith("/>") ? without.length - 2 : without.length - 1;
  return `${without.slice(0, close)} ${name}="${escapeAttr(value)}"${without.slice(close)}`;
}

export interface Span {
  start: number;
  /** End of the start tag (index after its ">"). */
  openEnd: number;
  /** Index of the end tag ("</"), or openEnd when self-closing. */
  innerEnd: number;
  /** Index after the element's end. */
  end: number;
  selfClosing: boolean;
}

/** Index of `<name` followed by a delimiter, from `from`; -1 when absent. */
export function findTag(xml: string, name: string, from = 0, to = xml.length): number {
  const needle = `<${name}`;
  let i = xml.indexOf(needle, from);
  while (i >= 0 && i < to) {
    const c = xml.charCodeAt(i + needle.length);
    if (c === 32 || c === 62 || c === 47 || c === 10 || c === 13 || c === 9) return i;
    i = xml.indexOf(needle, i + 1);
  }
  return -1;
}

/** The first element `name` at or after `from` (not nested in a same-named element). */
export function findElement(xml: string, name: string, from = 0, to = xml.length): Span | null {
  const start = findTag(xml, name, from, to);
  if (start < 0) return null;
  const gt = xml.indexOf(">", start);
  if (xml.charCodeAt(gt - 1) === 47) return { start, openEnd: gt + 1, innerEnd: gt + 1, end: gt + 1, selfClosing: true };
  const close = xml.indexOf(`</${name}>`, gt);
  if (close < 0) return null;
  return { start, openEnd: gt + 1, innerEnd: close, end: close + name.length + 3, selfClosing: false };
}

/** All `name` elements in a range. */
export function findElements(xml: string, name: string, from = 0, to = xml.length): Span[] {
  const out: Span[] = [];
  for (let s = findElement(xml, name, from, to); s && s.start < to; s = findElement(xml, name, s.end, to)) out.push(s);
  return out;
}

/** Inner text of an element span. */
export function inner(xml: string, span: Span): string {
  return xml.slice(span.openEnd, span.innerEnd);
}

/**
 * Replaces (or inserts, or removes when `element` is null) the child `name` of a container, keeping
 * the schema's child order: it goes before the first present sibling that `order` puts after it.
 */
export function setChild(xml: string, containerEnd: string, order: readonly string[], name: string, element: string | null, from = 0): string {
  const existing = findElement(xml, name, from);
  if (existing) return xml.slice(0, existing.start) + (element ?? "") + xml.slice(existing.end);
  if (element === null) return xml;
  const after = order.slice(order.indexOf(name) + 1);
  let at = xml.lastIndexOf(containerEnd);
  for (const sibling of after) {
    const i = findTag(xml, sibling, from);
    if (i >= 0 && i < at) at = i;
  }
  return xml.slice(0, at) + element + xml.slice(at);
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  chartsheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  theme: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
};
export const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};
