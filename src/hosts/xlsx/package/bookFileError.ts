export type BookFileErrorCode =
  | "empty"
  | "corrupt"
  | "encrypted"
  | "xls"
  | "et"
  | "text"
  | "not-xlsx"
  | "too-large"
  | "changed"
  | "locked"
  | "io";

/** A workbook file that cannot be read or saved; the message (Chinese) says what the file is and what to do. */
export class BookFileError extends Error {
  override readonly name = "BookFileError";
  constructor(
    readonly code: BookFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const SAVE_AS = "请在 Excel 或 WPS 中打开它，「另存为」Excel 工作簿（.xlsx）后再试。";

/** Little-endian UTF-16 of an OLE stream name, to find it in the compound file's directory. */
function utf16(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Refuses what is not a zip package with a message naming what it is. `name` is the file name (its
 * extension tells a WPS .et from an .xls; both are OLE compound files). Messages leave the name to the caller.
 */
export function refuseNonPackage(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw new BookFileError("empty", "这是一个空文件（0 字节），不是工作簿。可能保存或复制时出了错；请找回原来的文件，或用 init 新建台账。");
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
  if (ole) {
    if (contains(bytes, utf16("EncryptionInfo")) || contains(bytes, utf16("EncryptedPackage")))
      throw new BookFileError("encrypted", "这是设置了打开密码的加密工作簿。请在 Excel 或 WPS 中打开它，取消文档加密（清空打开密码）并另存为 .xlsx 后再试。");
    if (/\.et$/i.test(name) || contains(bytes, utf16("WpsCustomData")))
      throw new BookFileError("et", `这是 WPS 表格格式（.et）的文件。${SAVE_AS}`);
    throw new BookFileError("xls", `这是 Excel 97-2003 格式（.xls）的工作簿。${SAVE_AS}`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return;
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (head.every((b) => b === 9 || b === 10 || b === 13 || b >= 32))
    throw new BookFileError(
      "text",
      `这不是 Excel 工作簿，而是文本文件（可能是改了扩展名的 CSV）。名册和积分记录请用 import --roster/--entries 导入；要当作台账使用，${SAVE_AS}`,
    );
  throw new BookFileError("not-xlsx", `这不是 .xlsx 工作簿（无法识别的文件格式）。${SAVE_AS}`);
}
