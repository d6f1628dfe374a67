/** The package's parts: zip entries read on demand, and the relationship and content-type parts edited as text. */
import { BookFileError } from "./bookFileError";
import { type DeflateCodec, type ZipEntry, entryContent, readZip, writeZip } from "./zip";
import { attr, escapeAttr, findElements, findTag } from "./xml";

export class Package {
  private readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string>();
  private readonly removed = new Set<string>();

  constructor(
    entries: ZipEntry[],
    readonly codec: DeflateCodec,
  ) {
    this.entries = entries;
    for (const e of entries) this.byName.set(e.name.toLowerCase(), e);
  }

  static read(bytes: Uint8Array, codec: DeflateCodec): Package {
    return new Package(readZip(bytes), codec);
  }

  has(part: string): boolean {
    return this.byName.has(part.toLowerCase()) && !this.removed.has(part.toLowerCase());
  }

  names(): string[] {
    return this.entries.filter((e) => !this.removed.has(e.name.toLowerCase())).map((e) => e.name);
  }

  bytes(part: string): Uint8Array | null {
    const e = this.byName.get(part.toLowerCase());
    return e && !this.removed.has(part.toLowerCase()) ? entryContent(e, this.codec) : null;
  }

  /** A part as text (UTF-8; a UTF-16 part with its BOM is decoded too), or null when absent. */
  text(part: string): string | null {
    const key = part.toLowerCase();
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const bytes = this.bytes(part);
    if (!bytes) return null;
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    const text = new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes);
    this.texts.set(key, text);
    return text;
  }

  /** A part as UTF-8 bytes without a byte-order mark (a UTF-16 part is converted), or null when absent. */
  utf8(part: string): Uint8Array | null {
    const bytes = this.bytes(part);
    if (!bytes) return null;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextEncoder().encode(new TextDecoder("utf-16le").decode(bytes));
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  }

  /** Forgets the decoded text of an unchanged part (it is read again if needed). */
  release(part: string): void {
    const e = this.byName.get(part.toLowerCase());
    if (e && !e.content && !e.pieces) this.texts.delete(part.toLowerCase());
  }

  setText(part: string, text: string): void {
    this.setBytes(part, new TextEncoder().encode(text));
    // Large parts (sheets) are held by their editors; a second copy here would double the memory.
    if (text.length < 1 << 20) this.texts.set(part.toLowerCase(), text);
  }

  /** Gives a part new content (UTF-8 for a text part). */
  setBytes(part: string, content: Uint8Array): void {
    const key = part.toLowerCase();
    this.removed.delete(key);
    let e = this.byName.get(key);
    if (!e) {
      e = { name: part, method: 8, crc: 0, compressedSize: 0, size: 0, dataStart: 0 };
      this.entries.push(e);
      this.byName.set(key, e);
    }
    e.content = content;
    e.pieces = undefined;
    this.texts.delete(key);
  }

  /**
   * Gives a part new content made, in pieces, when the package is written (a large sheet: it is deflated
   * piece by piece and never held whole). `pieces` must give the same content until then.
   */
  setPieces(part: string, pieces: () => Iterable<Uint8Array>): void {
    this.setBytes(part, new Uint8Array(0));
    const e = this.byName.get(part.toLowerCase())!;
    e.content = undefined;
    e.pieces = pieces;
  }

  remove(part: string): void {
    if (this.byName.has(part.toLowerCase())) this.removed.add(part.toLowerCase());
    this.texts.delete(part.toLowerCase());
  }

  /** The package; rewritten entries then hold their new compressed record instead of their content. */
  toBytes(): Uint8Array {
    const live = this.entries.filter((e) => !this.removed.has(e.name.toLowerCase()));
    const out = writeZip(live, this.codec);
    for (const fresh of readZip(out)) {
      const e = this.byName.get(fresh.name.toLowerCase())!;
      if (e.content || e.pieces) Object.assign(e, fresh, { content: undefined, pieces: undefined });
    }
    return out;
  }
}

/** "xl/worksheets/_rels/sheet1.xml.rels" for "xl/worksheets/sheet1.xml". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part's folder. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of decodeURI(target).split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The relative target from one part to another ("../tables/table1.xml"). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const EMPTY_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** A .rels part, edited as text: relationships we do not touch keep their exact text. */
export class Rels {
  private xml: string;
  changed = false;

  constructor(xml: string | null) {
    this.xml = xml ?? EMPTY_RELS;
    this.xml = this.xml.replace(/<Relationships([^>]*)\/>/, "<Relationships$1></Relationships>");
  }

  list(): Relationship[] {
    return findElements(this.xml, "Relationship").map((s) => {
      const tag = this.xml.slice(s.start, s.openEnd);
      return { id: attr(tag, "Id") ?? "", type: attr(tag, "Type") ?? "", target: attr(tag, "Target") ?? "", external: attr(tag, "TargetMode") === "External" };
    });
  }

  add(type: string, target: string): string {
    const ids = new Set(this.list().map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const at = this.xml.lastIndexOf("</Relationships>");
    this.xml = `${this.xml.slice(0, at)}<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(target)}"/>${this.xml.slice(at)}`;
    this.changed = true;
    return id;
  }

  remove(id: string): void {
    for (const s of findElements(this.xml, "Relationship")) {
      if (attr(this.xml.slice(s.start, s.openEnd), "Id") !== id) continue;
      this.xml = this.xml.slice(0, s.start) + this.xml.slice(s.end);
      this.changed = true;
      return;
    }
  }

  toString(): string {
    return this.xml;
  }
}

/** [Content_Types].xml, edited as text. */
export class ContentTypes {
  private xml: string;
  changed = false;

  constructor(xml: string | null) {
    if (xml === null || findTag(xml, "Types") < 0) throw new BookFileError("not-xlsx", "文件缺少 [Content_Types].xml，不是有效的 .xlsx 工作簿。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。");
    this.xml = xml;
  }

  /** The content type of a part (override, else the default for its extension). */
  typeOf(part: string): string | undefined {
    const name = `/${part}`.toLowerCase();
    for (const s of findElements(this.xml, "Override")) {
      const tag = this.xml.slice(s.start, s.openEnd);
      if (attr(tag, "PartName")?.toLowerCase() === name) return attr(tag, "ContentType");
    }
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    for (const s of findElements(this.xml, "Default")) {
      const tag = this.xml.slice(s.start, s.openEnd);
      if (attr(tag, "Extension")?.toLowerCase() === ext) return attr(tag, "ContentType");
    }
    return undefined;
  }

  setOverride(part: string, type: string | null): void {
    const name = `/${part}`;
    for (const s of findElements(this.xml, "Override")) {
      if (attr(this.xml.slice(s.start, s.openEnd), "PartName")?.toLowerCase() !== name.toLowerCase()) continue;
      this.xml = this.xml.slice(0, s.start) + this.xml.slice(s.end);
      this.changed = true;
      break;
    }
    if (type === null) return;
    const at = this.xml.lastIndexOf("</Types>");
    this.xml = `${this.xml.slice(0, at)}<Override PartName="${escapeAttr(name)}" ContentType="${type}"/>${this.xml.slice(at)}`;
    this.changed = true;
  }

  ensureDefault(ext: string, type: string): void {
    const has = findElements(this.xml, "Default").some((s) => attr(this.xml.slice(s.start, s.openEnd), "Extension")?.toLowerCase() === ext);
    if (has) return;
    const first = findTag(this.xml, "Override");
    const at = first >= 0 ? first : this.xml.lastIndexOf("</Types>");
    this.xml = `${this.xml.slice(0, at)}<Default Extension="${ext}" ContentType="${type}"/>${this.xml.slice(at)}`;
    this.changed = true;
  }

  toString(): string {
    return this.xml;
  }
}
