// Text files as clerks' programs save them: the encoding is read from the bytes (Chinese Excel's
// 「CSV（逗号分隔）」 is GBK, its 「Unicode 文本」 UTF-16 LE), decoded with the platform's TextDecoder
// (node and browsers alike). A large file is decoded piece by piece (`readText`), so that it is never
// held whole, neither as bytes nor as text.
import { CoreError } from "../core/errors";

export type TextEncodingName = "utf-8" | "gbk" | "gb18030" | "utf-16le" | "utf-16be";

/** How a file's bytes were read. */
export interface TextEncodingInfo {
  encoding: TextEncodingName;
  /** Whether the file starts with a byte order mark. */
  bom: boolean;
  /** For people: "GBK 编码", "UTF-8 编码（带 BOM）", "UTF-16 LE 编码" … */
  label: string;
}

export interface DecodedText extends TextEncodingInfo {
  text: string;
}

/** A file read piece by piece (a large import read from disk): chunks() gives the same bytes each time it is called. */
export interface ByteStream {
  /** Total bytes, when known (for progress). */
  size?: number;
  chunks(): Iterable<Uint8Array>;
}

/** Bytes in memory, or read piece by piece. */
export type ByteSource = Uint8Array | ByteStream;

const NAMES: Record<TextEncodingName, string> = { "utf-8": "UTF-8", gbk: "GBK", gb18030: "GB18030", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE" };

function info(encoding: TextEncodingName, bom: boolean): TextEncodingInfo {
  return { encoding, bom, label: `${NAMES[encoding]} 编码${bom ? "（带 BOM）" : ""}` };
}

const SAMPLE_BYTES = 64 * 1024;
/** Bytes decoded at a time from bytes held in memory. */
const CHUNK_BYTES = 1 << 20;

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

/**
 * Whether GB18030 bytes use four-byte sequences (characters beyond GBK, such as 𠀀 or 㐀), fed piece
 * by piece: a lead byte at the end of one piece is paired with the first byte of the next.
 */
class FourByteGb {
  found = false;
  private lead = false;

  scan(bytes: Uint8Array): void {
    if (this.found || bytes.length === 0) return;
    let i = 0;
    if (this.lead) {
      this.lead = false;
      if (bytes[0] >= 0x30 && bytes[0] <= 0x39) {
        this.found = true;
        return;
      }
      i = 1;
    }
    while (i < bytes.length) {
      if (bytes[i] < 0x80) i++;
      else if (i + 1 >= bytes.length) {
        this.lead = true;
        i++;
      } else if (bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) {
        this.found = true;
        return;
      } else i += 2;
    }
  }
}

/** A file whose bytes are no text we know. */
export class TextInputError extends CoreError {
  constructor(message: string) {
    super("bad-encoding", message);
  }
}

function* memoryChunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function byteChunks(source: ByteSource): Iterable<Uint8Array> {
  return source instanceof Uint8Array ? memoryChunks(source) : source.chunks();
}

/** The first bytes of a source (fewer when it is shorter). */
function headOf(source: ByteSource, n: number): Uint8Array {
  if (source instanceof Uint8Array) return source.subarray(0, n);
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const chunk of source.chunks()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= n) break;
  }
  const head = new Uint8Array(Math.min(length, n));
  let at = 0;
  for (const p of parts) {
    if (at >= head.length) break;
    head.set(p.subarray(0, head.length - at), at);
    at += p.length;
  }
  return head;
}

/** One way of reading the bytes: the decoder's label, and whether bytes that do not fit rule it out. */
interface Reading {
  decoder: "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
  fatal: boolean;
  bom: boolean;
}

/** The readings to try in turn, from the first bytes: a BOM or UTF-16's NUL bytes decide; else UTF-8, then GB18030. */
function readingsOf(head: Uint8Array): Reading[] {
  // TextDecoder drops the BOM itself.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return [{ decoder: "utf-8", fatal: true, bom: true }];
  if (head[0] === 0xff && head[1] === 0xfe) return [{ decoder: "utf-16le", fatal: false, bom: true }];
  if (head[0] === 0xfe && head[1] === 0xff) return [{ decoder: "utf-16be", fatal: false, bom: true }];
  const utf16 = utf16ByNuls(head);
  if (utf16) return [{ decoder: utf16, fatal: false, bom: false }];
  return [
    { decoder: "utf-8", fatal: true, bom: false },
    { decoder: "gb18030", fatal: true, bom: false },
  ];
}

/** Thrown through the consumer when a fatal reading meets bytes it cannot decode: the next reading is tried. */
class NotThisEncoding extends Error {}

/** Where a reading is: bytes decoded so far, and (GB18030) whether a four-byte sequence was met. */
interface ReadState {
  bytes: number;
  fourByte: FourByteGb | null;
}

function* decodeChunks(source: ByteSource, reading: Reading, state: ReadState): Generator<string> {
  const decoder = new TextDecoder(reading.decoder, { fatal: reading.fatal });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new NotThisEncoding();
    }
  };
  for (const chunk of byteChunks(source)) {
    const text = decode(chunk);
    state.fourByte?.scan(chunk);
    state.bytes += chunk.length;
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

/** Whether every byte of the source decodes under a fatal reading. */
function decodesWhole(source: ByteSource, reading: Reading): boolean {
  try {
    for (const text of decodeChunks(source, reading, { bytes: 0, fourByte: null })) void text;
    return true;
  } catch (e) {
    if (e instanceof NotThisEncoding) return false;
    throw e;
  }
}

/** Line and column (1-based, counting characters) of the first replacement character in decoded text; 1, 1 when there is none. */
function firstBadSpot(chunks: Iterable<string>): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let afterCr = false;
  for (const text of chunks) {
    const bad = text.indexOf("\uFFFD");
    const end = bad < 0 ? text.length : bad;
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (!afterCr) line++;
        column = 1;
        afterCr = false;
      } else if (c === 13) {
        line++;
        column = 1;
        afterCr = true;
      } else {
        afterCr = false;
        // The second half of a surrogate pair is the same character.
        if (c < 0xdc00 || c > 0xdfff) column++;
      }
    }
    if (bad >= 0) return { line, column };
  }
  return { line: 1, column: 1 };
}

function* looseChunks(source: ByteSource, decoder: string): Generator<string> {
  const d = new TextDecoder(decoder);
  for (const chunk of byteChunks(source)) yield d.decode(chunk, { stream: true });
  yield d.decode();
}

/**
 * Reads a text file piece by piece: the encoding is detected — UTF-8 with or without BOM, UTF-16 LE/BE
 * with BOM or (told by its NUL bytes) without, else GB18030 (named GBK when it holds no four-byte
 * sequence) — and `consume` is handed the decoded text as it comes, in pieces (a piece may end inside a
 * line). When the bytes turn out not to be UTF-8 after all, `consume` is called again from the start
 * with the text read as GB18030; the result is the same as decoding the whole file first. Bytes that
 * are none of these throw TextInputError with the line and column of the first bad spot.
 * `onBytes` is told how many bytes have been decoded (for progress).
 */
export function readText<T>(source: ByteSource, consume: (chunks: Iterable<string>) => T, name = "文件", onBytes?: (bytes: number) => void): { value: T; encoding: TextEncodingInfo } {
  const readings = readingsOf(headOf(source, SAMPLE_BYTES));
  for (let k = 0; k < readings.length; k++) {
    const reading = readings[k];
    const state: ReadState = { bytes: 0, fourByte: reading.decoder === "gb18030" ? new FourByteGb() : null };
    const chunks = decodeChunks(source, reading, state);
    const counted: Iterable<string> = onBytes
      ? (function* () {
          for (const text of chunks) {
            yield text;
            onBytes(state.bytes);
          }
        })()
      : chunks;
    try {
      const value = consume(counted);
      const encoding = reading.decoder === "gb18030" ? (state.fourByte!.found ? "gb18030" : "gbk") : reading.decoder;
      return { value, encoding: info(encoding, reading.bom) };
    } catch (e) {
      if (e instanceof NotThisEncoding) continue;
      // The consumer stopped on what it read (a missing column): the bytes still decide the encoding,
      // as when the whole file was decoded first.
      if (k + 1 < readings.length && !decodesWhole(source, reading)) continue;
      throw e;
    }
  }
  if (readings[0].bom) {
    const at = firstBadSpot(looseChunks(source, "utf-8"));
    throw new TextInputError(`${name}：文件以 UTF-8 标记开头，但第 ${at.line} 行第 ${at.column} 列的字节不是 UTF-8 编码`);
  }
  const at = firstBadSpot(looseChunks(source, "gb18030"));
  throw new TextInputError(`${name}：无法识别文件的编码（不是 UTF-8、GBK/GB18030 或 UTF-16）：第 ${at.line} 行第 ${at.column} 列附近的字节无法解读；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入`);
}

/** Decodes a whole text file (see readText for how the encoding is told). */
export function decodeText(bytes: ByteSource, source = "文件"): DecodedText {
  const { value, encoding } = readText(bytes, (chunks) => Array.from(chunks).join(""), source);
  return { text: value, ...encoding };
}

/** 「名册.csv：GBK 编码，逗号分隔，共 31 行」; the encoding is left out for text handed over already decoded. */
export function describeTextInput(source: string, parts: { encoding?: string; delimiter: string; records: number }): string {
  return `${source}：${parts.encoding ? `${parts.encoding}，` : ""}${parts.delimiter}，共 ${parts.records} 行`;
}
