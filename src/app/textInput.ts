// Text files as clerks' programs save them: the encoding is read from the bytes (Chinese Excel's
// 「CSV（逗号分隔）」 is GBK, its 「Unicode 文本」 UTF-16 LE), decoded with the platform's TextDecoder
// (node and browsers alike).
import { CoreError } from "../core/errors";

export type TextEncodingName = "utf-8" | "gbk" | "gb18030" | "utf-16le" | "utf-16be";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether the file starts with a byte order mark. */
  bom: boolean;
  /** For people: "GBK 编码", "UTF-8 编码（带 BOM）", "UTF-16 LE 编码" … */
  label: string;
}

const NAMES: Record<TextEncodingName, string> = { "utf-8": "UTF-8", gbk: "GBK", gb18030: "GB18030", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE" };

function decoded(text: string, encoding: TextEncodingName, bom: boolean): DecodedText {
  return { text, encoding, bom, label: `${NAMES[encoding]} 编码${bom ? "（带 BOM）" : ""}` };
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * UTF-16 without a BOM, told by where the NUL bytes fall: ASCII (digits, separators, line breaks,
 * which every table has) is "x\0" in LE and "\0x" in BE; UTF-8 and GBK text has no NUL at all.
 */
function utf16ByNuls(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.1 && even <= odd * 0.05) return "utf-16le";
  if (even > pairs * 0.1 && odd <= even * 0.05) return "utf-16be";
  return null;
}

/** Whether GB18030 bytes use four-byte sequences (characters beyond GBK, such as 𠀀 or 㐀). */
function hasFourByteGb(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) i++;
    else if (i + 1 < bytes.length && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) return true;
    else i += 2;
  }
  return false;
}

function decode(bytes: Uint8Array, label: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** A file whose bytes are no text we know. */
export class TextInputError extends CoreError {
  constructor(message: string) {
    super("bad-encoding", message);
  }
}

/** Line and column (1-based) of the first replacement character in decoded text. */
function firstBadSpot(text: string): { line: number; column: number } {
  const at = text.indexOf("\uFFFD");
  const before = text.slice(0, Math.max(at, 0));
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return { line: before.split(/\r\n|\r|\n/).length, column: Array.from(before.slice(lineStart)).length + 1 };
}

/**
 * Decodes a text file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM or (told by its NUL bytes)
 * without, else GB18030 (named GBK when it holds no four-byte sequence). Bytes that are none of
 * these throw TextInputError with the line and column of the first bad spot.
 */
export function decodeText(bytes: Uint8Array, source = "文件"): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decode(bytes, "utf-8", true);
    if (text !== null) return decoded(text, "utf-8", true);
    const loose = new TextDecoder("utf-8").decode(bytes);
    const at = firstBadSpot(loose);
    throw new TextInputError(`${source}：文件以 UTF-8 标记开头，但第 ${at.line} 行第 ${at.column} 列的字节不是 UTF-8 编码`);
  }
  // TextDecoder drops the BOM itself.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded(new TextDecoder("utf-16le").decode(bytes), "utf-16le", true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded(new TextDecoder("utf-16be").decode(bytes), "utf-16be", true);
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return decoded(new TextDecoder(utf16).decode(bytes), utf16, false);
  const utf8 = decode(bytes, "utf-8", true);
  if (utf8 !== null) return decoded(utf8, "utf-8", false);
  const gb = decode(bytes, "gb18030", true);
  if (gb !== null) return decoded(gb, hasFourByteGb(bytes) ? "gb18030" : "gbk", false);
  const at = firstBadSpot(new TextDecoder("gb18030").decode(bytes));
  throw new TextInputError(`${source}：无法识别文件的编码（不是 UTF-8、GBK/GB18030 或 UTF-16）：第 ${at.line} 行第 ${at.column} 列附近的字节无法解读；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入`);
}

/** 「名册.csv：GBK 编码，逗号分隔，共 31 行」; the encoding is left out for text handed over already decoded. */
export function describeTextInput(source: string, parts: { encoding?: string; delimiter: string; records: number }): string {
  return `${source}：${parts.encoding ? `${parts.encoding}，` : ""}${parts.delimiter}，共 ${parts.records} 行`;
}
