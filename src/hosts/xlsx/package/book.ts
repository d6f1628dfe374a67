/**
 * The workbook inside a package: its sheets, tables, shared strings and styles, read on demand. Parts
 * are rewritten only when changed; every other zip entry is written back byte for byte.
 */
import { BookFileError, refuseNonPackage } from "./bookFileError";
import { ContentTypes, Package, Rels, relativeTarget, relsPathOf, resolveTarget } from "./opc";
import { runText } from "./cells";
import { SheetPart } from "./sheet";
import { MINIMAL_STYLES, StylesPart } from "./styles";
import { CT, NS_MAIN, NS_R, REL, XML_DECL, attr, escapeAttr, escapeText, findElement, findElements, findTag, setAttr, setChild, unescapeXml } from "./xml";
import { type DeflateCodec, FFLATE_CODEC } from "./zip";

export interface SheetEntry {
  name: string;
  sheetId: number;
  rid: string;
  /** Zip path of the sheet part ("" when the relationship is missing). */
  part: string;
  kind: "worksheet" | "chartsheet" | "other";
  /** state="hidden" or "veryHidden": not shown to the clerk. */
  hidden?: boolean;
}

export interface TableEntry {
  name: string;
  sheet: string;
  part: string;
  ref: string;
  id: number;
}

const WORKBOOK_ORDER = [
  "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences",
  "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
  "fileRecoveryPr", "webPublishObjects", "extLst",
];

function emptyPackage(codec: DeflateCodec): Package {
  const pkg = new Package([], codec);
  pkg.setText(
    "[Content_Types].xml",
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="${CT.rels}"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/></Types>`,
  );
  pkg.setText("_rels/.rels", `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`);
  pkg.setText(
    "xl/workbook.xml",
    `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><workbookPr/><bookViews><workbookView/></bookViews><sheets></sheets><calcPr calcId="191029"/></workbook>`,
  );
  pkg.setText("xl/_rels/workbook.xml.rels", `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.styles}" Target="styles.xml"/></Relationships>`);
  pkg.setText("xl/styles.xml", MINIMAL_STYLES);
  return pkg;
}

export class Book {
  readonly pkg: Package;
  readonly workbookPart: string;
  private workbookXml: string;
  private workbookChanged = false;
  private readonly contentTypes: ContentTypes;
  private readonly workbookRels: Rels;
  /** The prefix bound to the relationships namespace in workbook.xml ("r"). */
  private readonly rPrefix: string;
  readonly sheets: SheetEntry[];
  private readonly sheetParts = new Map<string, SheetPart>();
  private readonly sheetRels = new Map<string, Rels>();
  private tableList: TableEntry[] | null = null;
  private readonly tableXml = new Map<string, string>();
  private readonly changedTables = new Set<string>();
  private sst: string[] | null = null;
  private stylesPart: StylesPart | null = null;
  private stylesPath: string | null = null;
  private cellsChanged = false;
  private formulaRemoved = false;

  private constructor(pkg: Package) {
    this.pkg = pkg;
    this.contentTypes = new ContentTypes(pkg.text("[Content_Types].xml"));
    const root = new Rels(pkg.text("_rels/.rels")).list().find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    this.workbookPart = root ? resolveTarget("", root.target) : "xl/workbook.xml";
    const wb = pkg.text(this.workbookPart);
    if (wb === null) {
      const hint = pkg.has("xl/workbook.bin")
        ? "是 Excel 二进制工作簿（.xlsb）"
        : pkg.has("word/document.xml")
          ? "是 Word 文档（.docx），不是工作簿"
          : pkg.has("ppt/presentation.xml")
            ? "是 PowerPoint 演示文稿（.pptx），不是工作簿"
            : pkg.has("content.xml") && pkg.has("mimetype")
              ? "是 OpenDocument 文件（如 .ods）"
              : "是 zip 压缩包，但不是 Excel 工作簿";
      throw new BookFileError("not-xlsx", `这个文件${hint}。请在 Excel 或 WPS 中打开它，「另存为」Excel 工作簿（.xlsx）后再试。`);
    }
    if (findTag(wb, "workbook") < 0)
      throw new BookFileError("not-xlsx", "工作簿的主体部分使用了不支持的写法（带命名空间前缀的 SpreadsheetML）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。");
    this.workbookXml = wb;
    this.workbookRels = new Rels(pkg.text(relsPathOf(this.workbookPart)));
    const rootTag = wb.slice(findTag(wb, "workbook"), wb.indexOf(">", findTag(wb, "workbook")));
    this.rPrefix = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(rootTag)?.[1] ?? "r";
    if (!rootTag.includes(`xmlns:${this.rPrefix}=`)) this.editWorkbookRoot((tag) => setAttr(tag, `xmlns:${this.rPrefix}`, NS_R));
    const rels = new Map(this.workbookRels.list().map((r) => [r.id, r]));
    const sheetsEl = findElement(this.workbookXml, "sheets");
    this.sheets = sheetsEl
      ? findElements(this.workbookXml, "sheet", sheetsEl.openEnd, sheetsEl.innerEnd).map((s) => {
          const tag = this.workbookXml.slice(s.start, s.openEnd);
          const rid = attr(tag, `${this.rPrefix}:id`) ?? "";
          const rel = rels.get(rid);
          const kind = rel?.type === REL.worksheet || rel?.type.endsWith("/worksheet") ? "worksheet" : rel?.type.endsWith("/chartsheet") ? "chartsheet" : "other";
          const state = attr(tag, "state");
          const hidden = state === "hidden" || state === "veryHidden" ? { hidden: true } : {};
          return { name: attr(tag, "name") ?? "", sheetId: Number(attr(tag, "sheetId") ?? 0), rid, part: rel ? resolveTarget(this.workbookPart, rel.target) : "", kind, ...hidden };
        })
      : [];
  }

  /** Opens package bytes; refuses what is not an .xlsx/.xlsm package, naming what it is. */
  static open(bytes: Uint8Array, fileName: string, codec: DeflateCodec = FFLATE_CODEC): Book {
    refuseNonPackage(bytes, fileName);
    return new Book(Package.read(bytes, codec));
  }

  /** A new, empty workbook (a minimal valid package once it has a sheet). */
  static create(codec: DeflateCodec = FFLATE_CODEC): Book {
    return new Book(emptyPackage(codec));
  }

  private editWorkbookRoot(edit: (tag: string) => string): void {
    const start = findTag(this.workbookXml, "workbook");
    const end = this.workbookXml.indexOf(">", start) + 1;
    this.workbookXml = this.workbookXml.slice(0, start) + edit(this.workbookXml.slice(start, end)) + this.workbookXml.slice(end);
    this.workbookChanged = true;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  sheetPart(entry: SheetEntry): SheetPart {
    let part = this.sheetParts.get(entry.part);
    if (!part) {
      const xml = this.pkg.utf8(entry.part);
      if (xml === null) throw new BookFileError("corrupt", `工作簿中缺少工作表「${entry.name}」的内容（${entry.part}），文件可能已损坏。请在 Excel 或 WPS 中打开修复后另存为 .xlsx 再试。`);
      part = new SheetPart(xml);
      this.pkg.release(entry.part);
      this.sheetParts.set(entry.part, part);
    }
    return part;
  }

  private relsOf(part: string): Rels {
    let rels = this.sheetRels.get(part);
    if (!rels) {
      rels = new Rels(this.pkg.text(relsPathOf(part)));
      this.sheetRels.set(part, rels);
    }
    return rels;
  }

  tables(): TableEntry[] {
    if (this.tableList) return this.tableList;
    const out: TableEntry[] = [];
    for (const s of this.sheets) {
      if (s.kind !== "worksheet" || !this.pkg.has(relsPathOf(s.part))) continue;
      for (const rel of this.relsOf(s.part).list()) {
        if (!rel.type.endsWith("/table") || rel.external) continue;
        const part = resolveTarget(s.part, rel.target);
        const xml = this.pkg.text(part);
        if (!xml) continue;
        const tag = xml.slice(findTag(xml, "table"), xml.indexOf(">", findTag(xml, "table")));
        this.tableXml.set(part, xml);
        out.push({ name: attr(tag, "displayName") ?? attr(tag, "name") ?? "", sheet: s.name, part, ref: attr(tag, "ref") ?? "A1", id: Number(attr(tag, "id") ?? 0) });
      }
    }
    this.tableList = out;
    return out;
  }

  /** Sets a table's range (and its autoFilter's). */
  setTableRef(table: TableEntry, ref: string): void {
    if (table.ref === ref) return;
    let xml = this.tableXml.get(table.part)!;
    const t = findTag(xml, "table");
    const tEnd = xml.indexOf(">", t) + 1;
    xml = xml.slice(0, t) + setAttr(xml.slice(t, tEnd), "ref", ref) + xml.slice(tEnd);
    const af = findElement(xml, "autoFilter");
    if (af) xml = xml.slice(0, af.start) + setAttr(xml.slice(af.start, af.openEnd), "ref", ref) + xml.slice(af.openEnd);
    this.tableXml.set(table.part, xml);
    this.changedTables.add(table.part);
    table.ref = ref;
  }

  /**
   * A table's columns: a new <tableColumn> (a fresh id) added after the last with the range set to
   * `ref` (`add`), or the name of the column at `rename.index` changed; each column's other content
   * (its formulas, formats, ids) is kept, and <tableColumns count> follows.
   */
  editTableColumns(table: TableEntry, change: { add: string; ref: string } | { rename: { index: number; name: string } }): void {
    let xml = this.tableXml.get(table.part)!;
    const list = findElement(xml, "tableColumns");
    if (!list || list.selfClosing) throw new BookFileError("corrupt", `表格 ${table.name} 的定义（${table.part}）中没有列（tableColumns），文件可能已损坏。`);
    const columns = findElements(xml, "tableColumn", list.openEnd, list.innerEnd);
    if ("rename" in change) {
      const c = columns[change.rename.index];
      if (!c) throw new BookFileError("corrupt", `表格 ${table.name} 的定义（${table.part}）中没有第 ${change.rename.index + 1} 列，文件可能已损坏。`);
      xml = xml.slice(0, c.start) + setAttr(xml.slice(c.start, c.openEnd), "name", change.rename.name) + xml.slice(c.openEnd);
    } else {
      const id = Math.max(0, ...columns.map((c) => Number(attr(xml.slice(c.start, c.openEnd), "id") ?? 0))) + 1;
      const open = setAttr(xml.slice(list.start, list.openEnd), "count", String(columns.length + 1));
      xml = `${xml.slice(0, list.start)}${open}${xml.slice(list.openEnd, list.innerEnd)}<tableColumn id="${id}" name="${escapeAttr(change.add)}"/>${xml.slice(list.innerEnd)}`;
    }
    this.tableXml.set(table.part, xml);
    this.changedTables.add(table.part);
    if ("add" in change) this.setTableRef(table, change.ref);
  }

  /** A shared string by index (the table is read on first use). */
  readonly sharedString = (i: number): string => {
    if (!this.sst) {
      this.sst = [];
      const rel = this.workbookRels.list().find((r) => r.type.endsWith("/sharedStrings"));
      const xml = rel ? this.pkg.text(resolveTarget(this.workbookPart, rel.target)) : null;
      if (xml) {
        let p = 0;
        for (;;) {
          const s = xml.indexOf("<si", p);
          if (s < 0) break;
          const gt = xml.indexOf(">", s);
          if (xml.charCodeAt(gt - 1) === 47) {
            this.sst.push("");
            p = gt + 1;
            continue;
          }
          const e = xml.indexOf("</si>", gt);
          this.sst.push(runText(xml, gt + 1, e));
          p = e + 5;
        }
        this.pkg.release(resolveTarget(this.workbookPart, rel!.target));
      }
    }
    return this.sst[i] ?? "";
  };

  styles(): StylesPart {
    if (!this.stylesPart) {
      const rel = this.workbookRels.list().find((r) => r.type === REL.styles || r.type.endsWith("/styles"));
      if (rel) this.stylesPath = resolveTarget(this.workbookPart, rel.target);
      else {
        this.stylesPath = "xl/styles.xml";
        this.workbookRels.add(REL.styles, relativeTarget(this.workbookPart, this.stylesPath));
        this.contentTypes.setOverride(this.stylesPath, CT.styles);
      }
      const xml = this.pkg.text(this.stylesPath);
      this.stylesPart = new StylesPart(xml ?? MINIMAL_STYLES);
      if (!xml) this.stylesPart.changed = true;
    }
    return this.stylesPart;
  }

  isProtected(name: string): boolean {
    const entry = this.sheet(name);
    if (!entry || entry.kind !== "worksheet") return false;
    const el = this.sheetPart(entry).tailElement("sheetProtection");
    if (!el) return false;
    const v = attr(el, "sheet");
    return v === "1" || v === "true";
  }

  /** A new unused part name like xl/worksheets/sheet7.xml. */
  private freshPart(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const p = `${folder}/${stem}${n}.xml`;
      if (!this.pkg.has(p)) return p;
    }
  }

  /** Adds a worksheet part (at the end of the tab order) and returns its entry. */
  addWorksheet(name: string, xml: string): SheetEntry {
    const folder = `${this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/"))}/worksheets`.replace(/^\//, "");
    const part = this.freshPart(folder, "sheet");
    this.pkg.setText(part, xml);
    this.contentTypes.setOverride(part, CT.worksheet);
    const rid = this.workbookRels.add(REL.worksheet, relativeTarget(this.workbookPart, part));
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const el = `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${this.rPrefix}:id="${rid}"/>`;
    let sheets = findElement(this.workbookXml, "sheets");
    if (!sheets) {
      this.workbookXml = setChild(this.workbookXml, "</workbook>", WORKBOOK_ORDER, "sheets", "<sheets></sheets>");
      sheets = findElement(this.workbookXml, "sheets")!;
    } else if (sheets.selfClosing) {
      this.workbookXml = `${this.workbookXml.slice(0, sheets.start)}<sheets></sheets>${this.workbookXml.slice(sheets.end)}`;
      sheets = findElement(this.workbookXml, "sheets")!;
    }
    this.workbookXml = this.workbookXml.slice(0, sheets.innerEnd) + el + this.workbookXml.slice(sheets.innerEnd);
    this.workbookChanged = true;
    const entry: SheetEntry = { name, sheetId, rid, part, kind: "worksheet" };
    this.sheets.push(entry);
    this.sheetParts.set(part, new SheetPart(xml));
    return entry;
  }

  /** Hides a sheet (state="hidden", which Excel, WPS and LibreOffice keep) or shows it; nothing is written when it already is so. */
  setHidden(entry: SheetEntry, hidden: boolean): void {
    if ((entry.hidden ?? false) === hidden) return;
    const sheets = findElement(this.workbookXml, "sheets");
    const el = sheets && findElements(this.workbookXml, "sheet", sheets.openEnd, sheets.innerEnd)[this.sheets.indexOf(entry)];
    if (!el) return;
    const tag = setAttr(this.workbookXml.slice(el.start, el.openEnd), "state", hidden ? "hidden" : undefined);
    this.workbookXml = this.workbookXml.slice(0, el.start) + tag + this.workbookXml.slice(el.openEnd);
    this.workbookChanged = true;
    entry.hidden = hidden || undefined;
  }

  /**
   * Replaces a worksheet's content whole (a generated report written again). The sheet keeps its
   * place, id and part name; its old relationships (a drawing the clerk put on the old report) go.
   */
  replaceWorksheet(entry: SheetEntry, xml: string): SheetPart {
    const old = this.sheetPart(entry);
    if (/<f[\s>]/.test(old.toString())) this.formulaRemoved = true;
    const relsPath = relsPathOf(entry.part);
    for (const rel of this.relsOf(entry.part).list())
      if (!rel.external && (rel.type === REL.drawing || rel.type.endsWith("/drawing"))) this.removeDrawing(entry.part, resolveTarget(entry.part, rel.target));
    if (this.pkg.has(relsPath)) this.pkg.remove(relsPath);
    this.sheetRels.delete(entry.part);
    const part = new SheetPart(xml);
    part.changed = true;
    this.sheetParts.set(entry.part, part);
    return part;
  }

  /**
   * Removes a sheet's drawing with everything only it uses (its charts and their own parts, pictures),
   * relationships and content types included. A part that another part's relationships still name
   * (a picture the clerk's drawing on another sheet shares) is kept.
   */
  private removeDrawing(sheetPart: string, drawing: string): void {
    const tree: string[] = [];
    const walk = (part: string) => {
      if (tree.includes(part) || !this.pkg.has(part)) return;
      tree.push(part);
      const rels = relsPathOf(part);
      if (!this.pkg.has(rels)) return;
      for (const r of new Rels(this.pkg.text(rels)).list()) if (!r.external) walk(resolveTarget(part, r.target));
    };
    walk(drawing);
    const ownRels = new Set([relsPathOf(sheetPart), ...tree.map(relsPathOf)].map((p) => p.toLowerCase()));
    const named = new Set<string>();
    for (const name of this.pkg.names()) {
      if (!name.endsWith(".rels") || ownRels.has(name.toLowerCase())) continue;
      const source = `${name.slice(0, name.lastIndexOf("_rels/"))}${name.slice(name.lastIndexOf("/") + 1, -".rels".length)}`;
      const rels = this.sheetRels.get(source) ?? new Rels(this.pkg.text(name));
      for (const r of rels.list()) if (!r.external) named.add(resolveTarget(source, r.target).toLowerCase());
    }
    for (const part of tree) {
      if (named.has(part.toLowerCase())) continue;
      this.pkg.remove(part);
      if (this.pkg.has(relsPathOf(part))) this.pkg.remove(relsPathOf(part));
      this.contentTypes.setOverride(part, null);
    }
  }

  /**
   * Gives a sheet (one without a drawing: new or just replaced) a drawing part holding one chart part
   * per `charts` XML; `drawing` makes the drawing's XML from the relationship ids of the charts.
   * Returns the sheet's relationship id for its <drawing>.
   */
  addChartDrawing(entry: SheetEntry, charts: readonly string[], drawing: (chartRids: string[]) => string): string {
    const base = this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/")).replace(/^\//, "");
    const at = (folder: string) => (base ? `${base}/${folder}` : folder);
    const drawingPart = this.freshPart(at("drawings"), "drawing");
    // Held before the charts are named, so that no chart takes the drawing's name.
    this.pkg.setText(drawingPart, "");
    const drawingRels = new Rels(null);
    const rids = charts.map((xml) => {
      const part = this.freshPart(at("charts"), "chart");
      this.pkg.setText(part, xml);
      this.contentTypes.setOverride(part, CT.chart);
      return drawingRels.add(REL.chart, relativeTarget(drawingPart, part));
    });
    this.pkg.setText(drawingPart, drawing(rids));
    this.pkg.setText(relsPathOf(drawingPart), drawingRels.toString());
    this.contentTypes.setOverride(drawingPart, CT.drawing);
    return this.relsOf(entry.part).add(REL.drawing, relativeTarget(entry.part, drawingPart));
  }

  /** Adds a table part for a new sheet; returns the relationship id for its <tablePart>. */
  addTable(entry: SheetEntry, name: string, ref: string, headers: readonly string[]): string {
    const tables = this.tables();
    const id = Math.max(0, ...tables.map((t) => t.id)) + 1;
    const folder = `${this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/"))}/tables`.replace(/^\//, "");
    let n = 1;
    while (this.pkg.has(`${folder}/table${n}.xml`) || tables.some((t) => t.part === `${folder}/table${n}.xml`)) n++;
    const part = `${folder}/table${n}.xml`;
    const columns = headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(h)}"/>`).join("");
    const xml = `${XML_DECL}<table xmlns="${NS_MAIN}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${columns}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
    this.tableXml.set(part, xml);
    this.changedTables.add(part);
    this.contentTypes.setOverride(part, CT.table);
    const rels = this.relsOf(entry.part);
    const rid = rels.add(REL.table, relativeTarget(entry.part, part));
    tables.push({ name, sheet: entry.name, part, ref, id });
    return rid;
  }

  /** Sets (or removes, with null) a sheet-local built-in name such as _xlnm.Print_Titles. */
  /** A sheet's own defined name (_xlnm.Print_Titles …): its formula, or null. */
  localName(entry: SheetEntry, name: string): string | null {
    const index = String(this.sheets.indexOf(entry));
    const xml = this.workbookXml;
    const dn = findElement(xml, "definedNames");
    if (!dn || dn.selfClosing) return null;
    for (const s of findElements(xml, "definedName", dn.openEnd, dn.innerEnd)) {
      const tag = xml.slice(s.start, s.openEnd);
      if (attr(tag, "name") === name && attr(tag, "localSheetId") === index) return unescapeXml(xml.slice(s.openEnd, s.innerEnd));
    }
    return null;
  }

  setLocalName(entry: SheetEntry, name: string, value: string | null): void {
    const index = String(this.sheets.indexOf(entry));
    const xml = this.workbookXml;
    const dn = findElement(xml, "definedNames");
    const kept: string[] = [];
    let found = false;
    if (dn && !dn.selfClosing)
      for (const s of findElements(xml, "definedName", dn.openEnd, dn.innerEnd)) {
        const tag = xml.slice(s.start, s.openEnd);
        if (attr(tag, "name") === name && attr(tag, "localSheetId") === index) found = true;
        else kept.push(xml.slice(s.start, s.end));
      }
    if (!found && value === null) return;
    if (value !== null) kept.push(`<definedName name="${name}" localSheetId="${index}">${escapeText(value)}</definedName>`);
    this.workbookXml = setChild(xml, "</workbook>", WORKBOOK_ORDER, "definedNames", kept.length ? `<definedNames>${kept.join("")}</definedNames>` : null);
    this.workbookChanged = true;
  }

  /** Cells were written: formulas elsewhere (the clerk's own sums over the ledger) must recalculate. */
  noteCellsChanged(): void {
    this.cellsChanged = true;
  }

  private finishCalculation(): void {
    if (!this.cellsChanged && !this.formulaRemoved && ![...this.sheetParts.values()].some((p) => p.formulaRemoved)) return;
    // Excel recomputes everything on open; our cells need no cached chain.
    const calc = findElement(this.workbookXml, "calcPr");
    const el = calc ? setAttr(this.workbookXml.slice(calc.start, calc.end), "fullCalcOnLoad", "1") : '<calcPr fullCalcOnLoad="1"/>';
    this.workbookXml = setChild(this.workbookXml, "</workbook>", WORKBOOK_ORDER, "calcPr", el);
    this.workbookChanged = true;
    // calcChain.xml lists the cells that hold formulas. Once a formula cell is overwritten or a sheet is
    // replaced, the chain names cells without formulas, which Excel reports as corruption; a missing
    // chain is normal (Excel rebuilds it on the next save), so the stale chain is dropped.
    if (this.formulaRemoved || [...this.sheetParts.values()].some((p) => p.formulaRemoved)) {
      for (const rel of this.workbookRels.list().filter((r) => r.type === REL.calcChain || r.type.endsWith("/calcChain"))) {
        const part = resolveTarget(this.workbookPart, rel.target);
        this.workbookRels.remove(rel.id);
        this.pkg.remove(part);
        this.contentTypes.setOverride(part, null);
      }
    }
  }

  toBytes(): Uint8Array {
    if (this.sheets.length === 0) this.addWorksheet("Sheet1", `${XML_DECL}<worksheet xmlns="${NS_MAIN}"><sheetData/></worksheet>`);
    this.finishCalculation();
    // Edited sheets are deflated piece by piece as the package is written (a sheet of 400,000 appended rows
    // is about 250 MB of XML: never joined whole), then reread from the written package when next used.
    const written: [string, SheetPart][] = [];
    for (const [part, sheet] of this.sheetParts) {
      if (!sheet.changed) continue;
      this.pkg.setPieces(part, () => sheet.pieces());
      written.push([part, sheet]);
    }
    for (const part of this.changedTables) this.pkg.setText(part, this.tableXml.get(part)!);
    this.changedTables.clear();
    for (const [part, rels] of this.sheetRels) if (rels.changed) this.pkg.setText(relsPathOf(part), rels.toString());
    if (this.stylesPart?.changed) this.pkg.setText(this.stylesPath!, this.stylesPart.toString());
    if (this.workbookRels.changed) this.pkg.setText(relsPathOf(this.workbookPart), this.workbookRels.toString());
    if (this.workbookChanged) this.pkg.setText(this.workbookPart, this.workbookXml);
    if (this.contentTypes.changed) this.pkg.setText("[Content_Types].xml", this.contentTypes.toString());
    const out = this.pkg.toBytes();
    for (const [part, sheet] of written) sheet.rebase(() => this.pkg.utf8(part)!);
    return out;
  }
}
