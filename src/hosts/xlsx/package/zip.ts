/**
 * A zip container that keeps what it does not change: each entry is held as its raw local record
 * (header, compressed bytes, data descriptor) and written back as it was read. Only entries given new
 * content are compressed anew. Pure (Uint8Array in, Uint8Array out): runs in node and in a browser.
 */
import { Deflate, deflateSync, inflateSync } from "fflate";
import { BookFileError } from "./bookFileError";

/** Raw deflate both ways; node passes zlib's (native, ~3× faster), a browser keeps fflate's. */
export interface DeflateCodec {
  inflateRaw(data: Uint8Array, size: number): Uint8Array;
  deflateRaw(data: Uint8Array): Uint8Array;
  /**
   * Optional: a raw deflate stream made a piece at a time (each call gives the compressed output so far;
   * `final` on the last piece), so a large part is never whole in memory. Without it the pieces are joined.
   */
  deflateRawStream?(): (piece: Uint8Array, final: boolean) => Uint8Array[];
}

export const FFLATE_CODEC: DeflateCodec = {
  inflateRaw: (data, size) => inflateSync(data, { out: new Uint8Array(size) }),
  deflateRaw: (data) => deflateSync(data, { level: 6 }),
  deflateRawStream: () => {
    const out: Uint8Array[] = [];
    const d = new Deflate({ level: 6 }, (chunk) => out.push(chunk));
    return (piece, final) => {
      d.push(piece, final);
      return out.splice(0);
    };
  },
};

export interface ZipEntry {
  name: string;
  /** The original local record and central header, copied verbatim on write. */
  local?: Uint8Array;
  central?: Uint8Array;
  /** Offset of the local-header-offset field inside `central` (patched on write), or of its zip64 extra. */
  offsetField?: { at: number; wide: boolean };
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Compressed data inside `local`. */
  dataStart: number;
  /** New uncompressed content; set when the entry is rewritten. */
  content?: Uint8Array;
  /** New uncompressed content as pieces in order, made when written (a large part, never joined whole). */
  pieces?: () => Iterable<Uint8Array>;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let s = 1; s < 4; s++) t[s * 256 + n] = (t[(s - 1) * 256 + n] >>> 8) ^ t[t[(s - 1) * 256 + n] & 0xff];
  return t;
})();

/** CRC-32 (slice-by-4); `crc`: the CRC of the data before, to continue it. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  let i = 0;
  const t = CRC_TABLE;
  const end4 = data.length - (data.length % 4);
  for (; i < end4; i += 4) {
    c ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const corrupt = (detail: string) => new BookFileError("corrupt", `文件已损坏或不完整（${detail}），可能是没有下载完或复制时中断。请找回完整的文件，或在 Excel 或 WPS 中打开修复后另存为 .xlsx 再试。`);

/** Reads the central directory; entries keep their raw bytes (nothing is decompressed here). */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 目录");
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const z64 = Number(view.getBigUint64(eocd - 12, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw corrupt("zip64 目录无效");
    count = Number(view.getBigUint64(z64 + 32, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw corrupt("zip 目录项无效");
    const flags = view.getUint16(p + 8, true);
    if (flags & 1) throw new BookFileError("encrypted", "工作簿中的内容经过 zip 加密，无法读取。请在 Excel 或 WPS 中打开并另存为不加密的 .xlsx 后再试。");
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let offset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    let offsetField = { at: 42, wide: false };
    // zip64 extra: the fields that overflowed, in order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (offset === 0xffffffff) {
          offsetField = { at: q - p, wide: true };
          offset = Number(view.getBigUint64(q, true));
        }
      }
      e += 4 + len;
    }
    const centralEnd = p + 46 + nameLen + extraLen + commentLen;
    if (offset + 30 > bytes.length || view.getUint32(offset, true) !== 0x04034b50) throw corrupt(`${name} 的数据不完整`);
    const dataStart = 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    let end = offset + dataStart + compressedSize;
    if (flags & 8) end += end + 4 <= bytes.length && view.getUint32(end, true) === 0x08074b50 ? 16 : 12;
    if (end > bytes.length) throw corrupt(`${name} 的数据被截断`);
    if (method !== 0 && method !== 8) throw new BookFileError("corrupt", `工作簿中的 ${name} 使用了不支持的压缩方式（${method}）。请在 Excel 或 WPS 中另存为 .xlsx 后再试。`);
    entries.push({
      name,
      local: bytes.subarray(offset, end),
      central: bytes.subarray(p, centralEnd),
      offsetField,
      method,
      crc,
      compressedSize,
      size,
      dataStart,
    });
    p = centralEnd;
  }
  return entries;
}

/** The uncompressed content of an entry, checked against its CRC. */
export function entryContent(entry: ZipEntry, codec: DeflateCodec): Uint8Array {
  if (entry.content) return entry.content;
  if (entry.pieces) return joinPieces(entry.pieces());
  const raw = entry.local!.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let out: Uint8Array;
  try {
    out = entry.method === 0 ? raw : codec.inflateRaw(raw, entry.size);
  } catch {
    throw corrupt(`${entry.name} 无法解压`);
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw corrupt(`${entry.name} 校验失败`);
  return out;
}

function dosDateTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}

function joinPieces(pieces: Iterable<Uint8Array>): Uint8Array {
  const list = [...pieces];
  const out = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of list) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Content given in pieces, deflated a piece at a time: the compressed pieces, the CRC and the size. */
function deflatePieces(pieces: Iterable<Uint8Array>, codec: DeflateCodec): { data: Uint8Array[]; crc: number; size: number } {
  if (!codec.deflateRawStream) {
    const content = joinPieces(pieces);
    return { data: content.length ? [codec.deflateRaw(content)] : [], crc: crc32(content), size: content.length };
  }
  const push = codec.deflateRawStream();
  const data: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    if (!piece.length) continue;
    crc = crc32(piece, crc);
    size += piece.length;
    data.push(...push(piece, false));
  }
  if (!size) return { data: [], crc: 0, size: 0 };
  data.push(...push(new Uint8Array(0), true));
  return { data, crc, size };
}

/** A new entry's local record and central header (deflated unless empty). */
function freshRecords(name: string, content: Uint8Array | (() => Iterable<Uint8Array>), codec: DeflateCodec, now: Date): { local: Uint8Array; central: Uint8Array } {
  const nameBytes = new TextEncoder().encode(name);
  let method: number;
  let pieces: readonly Uint8Array[];
  let crc: number;
  let size: number;
  if (content instanceof Uint8Array) {
    method = content.length ? 8 : 0;
    pieces = [method ? codec.deflateRaw(content) : content];
    crc = crc32(content);
    size = content.length;
  } else {
    const d = deflatePieces(content(), codec);
    method = d.size ? 8 : 0;
    ({ crc, size } = d);
    pieces = d.data;
  }
  const dataLength = pieces.reduce((n, p) => n + p.length, 0);
  const [time, date] = dosDateTime(now);
  const local = new Uint8Array(30 + nameBytes.length + dataLength);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, 0x0800, true);
  lv.setUint16(8, method, true);
  lv.setUint16(10, time, true);
  lv.setUint16(12, date, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, dataLength, true);
  lv.setUint32(22, size, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  let at = 30 + nameBytes.length;
  for (const p of pieces) {
    local.set(p, at);
    at += p.length;
  }
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, 0x0800, true);
  cv.setUint16(10, method, true);
  cv.setUint16(12, time, true);
  cv.setUint16(14, date, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, dataLength, true);
  cv.setUint32(24, size, true);
  cv.setUint16(28, nameBytes.length, true);
  central.set(nameBytes, 46);
  return { local, central };
}

/** Writes the entries in order: unchanged ones byte for byte, changed ones compressed anew. */
export function writeZip(entries: readonly ZipEntry[], codec: DeflateCodec, now = new Date()): Uint8Array {
  const records = entries.map((e) => {
    if (e.content || e.pieces || !e.local || !e.central) {
      const r = freshRecords(e.name, e.content ?? e.pieces ?? new Uint8Array(0), codec, now);
      return { ...r, offsetField: { at: 42, wide: false } };
    }
    return { local: e.local, central: e.central.slice(), offsetField: e.offsetField! };
  });
  let offset = 0;
  for (const r of records) {
    const v = new DataView(r.central.buffer, r.central.byteOffset, r.central.byteLength);
    if (r.offsetField.wide) v.setBigUint64(r.offsetField.at, BigInt(offset), true);
    else if (offset > 0xfffffffe) throw new BookFileError("too-large", "工作簿超过 4 GB，无法保存。");
    else v.setUint32(r.offsetField.at, offset, true);
    offset += r.local.length;
  }
  const cdSize = records.reduce((n, r) => n + r.central.length, 0);
  if (records.length > 0xfffe || offset + cdSize > 0xfffffffe) throw new BookFileError("too-large", "工作簿过大（条目或体积超出 zip 上限），无法保存。");
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const r of records) {
    out.set(r.local, p);
    p += r.local.length;
  }
  for (const r of records) {
    out.set(r.central, p);
    p += r.central.length;
  }
  const v = new DataView(out.buffer);
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, records.length, true);
  v.setUint16(p + 10, records.length, true);
  v.setUint32(p + 12, cdSize, true);
  v.setUint32(p + 16, offset, true);
  return out;
}
