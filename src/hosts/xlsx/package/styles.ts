/**
 * styles.xml, edited by appending: existing fonts, fills, borders and cell formats keep their indexes
 * (every cell of the clerk's sheets points at them); new ones go at the end of their lists.
 */
import type { CellStyle } from "../../../core/sheetModel";
import { STYLES } from "../../../core/ops/styles";
import { attr, escapeAttr, findElement, findElements, setAttr } from "./xml";

const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

export class StylesPart {
  private xml: string;
  changed = false;
  private readonly formats = new Map<number, string>();
  private readonly xfs: string[] = [];
  private readonly memo = new Map<string, number>();

  constructor(xml: string) {
    this.xml = xml;
    const numFmts = findElement(xml, "numFmts");
    if (numFmts) for (const s of findElements(xml, "numFmt", numFmts.openEnd, numFmts.innerEnd)) {
      const tag = xml.slice(s.start, s.openEnd);
      this.formats.set(Number(attr(tag, "numFmtId")), attr(tag, "formatCode") ?? "");
    }
    const cellXfs = findElement(xml, "cellXfs");
    if (cellXfs) for (const s of findElements(xml, "xf", cellXfs.openEnd, cellXfs.innerEnd)) this.xfs.push(xml.slice(s.start, s.end));
    if (this.xfs.length === 0) this.append("cellXfs", '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  }

  toString(): string {
    return this.xml;
  }

  /** The number format code of a cell format ("General" for index 0 of a plain book). */
  formatOf(xf: number): string {
    const id = Number(attr(/^<xf\b[^>]*>/.exec(this.xfs[xf] ?? this.xfs[0])![0], "numFmtId") ?? 0);
    return this.formats.get(id) ?? BUILTIN_FORMATS[id] ?? "General";
  }

  /** A cell format like `xf` but with number format `code` (the same index when it already has it). */
  withFormat(xf: number, code: string): number {
    if (!(xf < this.xfs.length)) xf = 0;
    const key = `f${xf}|${code}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.formatOf(xf) === code) {
      this.memo.set(key, xf);
      return xf;
    }
    const start = this.xfs[xf].replace(/^<xf\b[^>]*>/, (tag) => setAttr(setAttr(tag, "numFmtId", String(this.formatId(code))), "applyNumberFormat", "1"));
    const index = this.addXf(start);
    this.memo.set(key, index);
    return index;
  }

  /** The cell format for one of the report styles (font 宋体), with an optional number format. */
  forStyle(style: CellStyle | undefined, code: string | null): number {
    if (!style) return code ? this.withFormat(0, code) : 0;
    const key = `s${style}|${code ?? ""}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const s = STYLES[style];
    const font = this.append("fonts", `<font>${s.bold ? "<b/>" : ""}<sz val="${s.size}"/><name val="宋体"/><charset val="134"/><family val="3"/></font>`);
    const fill = s.fill ? this.append("fills", `<fill><patternFill patternType="solid"><fgColor rgb="FF${s.fill.slice(1)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const thin = (side: string) => `<${side} style="thin"><color indexed="64"/></${side}>`;
    const border = s.border ? this.append("borders", `<border>${thin("left")}${thin("right")}${thin("top")}${thin("bottom")}<diagonal/></border>`) : 0;
    const numFmt = code ? this.formatId(code) : 0;
    const index = this.addXf(
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${code ? ' applyNumberFormat="1"' : ""} applyFont="1"${s.fill ? ' applyFill="1"' : ""}${s.border ? ' applyBorder="1"' : ""} applyAlignment="1"><alignment horizontal="${s.align}" vertical="center"${s.wrap ? ' wrapText="1"' : ""}/></xf>`,
    );
    this.memo.set(key, index);
    return index;
  }

  private addXf(xf: string): number {
    this.xfs.push(xf);
    return this.append("cellXfs", xf);
  }

  private formatId(code: string): number {
    for (const [id, c] of Object.entries(BUILTIN_FORMATS)) if (c === code) return Number(id);
    for (const [id, c] of this.formats) if (c === code) return id;
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.append("numFmts", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** Appends a child to a list (creating the list in schema order if absent); returns its index. */
  private append(list: string, child: string): number {
    this.changed = true;
    let span = findElement(this.xml, list);
    if (!span) {
      const root = findElement(this.xml, "styleSheet")!;
      let at = root.innerEnd;
      for (const sibling of ORDER.slice(ORDER.indexOf(list) + 1)) {
        const s = findElement(this.xml, sibling);
        if (s && s.start < at) at = s.start;
      }
      this.xml = `${this.xml.slice(0, at)}<${list} count="0"></${list}>${this.xml.slice(at)}`;
      span = findElement(this.xml, list)!;
    } else if (span.selfClosing) {
      const tag = this.xml.slice(span.start, span.openEnd).replace(/\s*\/>$/, ">");
      this.xml = `${this.xml.slice(0, span.start)}${tag}</${list}>${this.xml.slice(span.end)}`;
      span = findElement(this.xml, list)!;
    }
    const childName = child.slice(1, child.search(/[\s>/]/));
    const index = findElements(this.xml, childName, span.openEnd, span.innerEnd).length;
    const open = setAttr(this.xml.slice(span.start, span.openEnd), "count", String(index + 1));
    this.xml = this.xml.slice(0, span.start) + open + this.xml.slice(span.openEnd, span.innerEnd) + child + this.xml.slice(span.innerEnd);
    return index;
  }
}
