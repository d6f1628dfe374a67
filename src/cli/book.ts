import fs from "fs";
import type { WorkbookGateway } from "../app/gateway";
import type { ByteStream } from "../app/textInput";
import { type BookFile, BookFileError, assertWritable, fileSystemReason, newBookFile, openBookFile } from "../hosts/xlsx/bookFile";
import { UsageError } from "./args";

/** A file that cannot be read or saved is the user's to fix: its message says what it is and what to do. */
async function fileStep<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof BookFileError) throw new UsageError(e.message);
    throw e;
  }
}

export interface BookOptions {
  /** Save the workbook when `fn` succeeds (a refusal or error saves nothing). */
  write: boolean;
  /** A missing file is a new, empty workbook (init). */
  create?: boolean;
}

/**
 * The one way a command works on a workbook file: open, run, and save only what succeeded. The file is
 * edited in place (parts the ledger does not own are kept byte for byte) and saved atomically.
 */
export async function withBook<T>(file: string, options: BookOptions, fn: (gateway: WorkbookGateway) => Promise<T>): Promise<T> {
  if (!options.create && !fs.existsSync(file)) throw new UsageError(`找不到文件 ${file}`);
  // Open in Excel/WPS or read-only: say so before any work, not after it.
  if (options.write) await fileStep(() => assertWritable(file));
  const book: BookFile = await fileStep(() => (options.create && !fs.existsSync(file) ? newBookFile(file) : openBookFile(file)));
  const result = await fileStep(() => fn(book.gateway));
  if (options.write) await fileStep(() => book.save());
  return result;
}

/** Bytes read from disk at a time by an input file's stream. */
const READ_CHUNK = 1 << 20;

/** An input file opened for reading piece by piece: its first bytes (to tell a workbook), its size, and its bytes as a stream. */
export interface InputFile {
  head: Uint8Array;
  size: number;
  stream: ByteStream;
}

function readError(file: string, what: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  return new UsageError(code === "ENOENT" ? `找不到${what} ${file}` : `无法读取${what} ${file}${fileSystemReason(e) ? `：${fileSystemReason(e)}` : ""}`);
}

/**
 * Opens an input file without reading it whole: a large CSV is then decoded and parsed a megabyte at a
 * time (each pass over it opens the file again). A file that cannot be opened is a usage error naming it.
 */
export function openInputFile(file: string, what: string): InputFile {
  let fd: number;
  let size: number;
  const head = new Uint8Array(8);
  let got: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    throw readError(file, what, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError(`无法读取${what} ${file}：这是文件夹，不是文件`);
    size = stat.size;
    got = fs.readSync(fd, head, 0, head.length, 0);
  } catch (e) {
    throw e instanceof UsageError ? e : readError(file, what, e);
  } finally {
    fs.closeSync(fd);
  }
  return {
    head: head.subarray(0, got),
    size,
    stream: {
      size,
      *chunks() {
        const fd = fs.openSync(file, "r");
        try {
          for (;;) {
            const chunk = new Uint8Array(READ_CHUNK);
            const n = fs.readSync(fd, chunk, 0, READ_CHUNK, null);
            if (n === 0) return;
            yield n === READ_CHUNK ? chunk : chunk.subarray(0, n);
          }
        } finally {
          fs.closeSync(fd);
        }
      },
    },
  };
}

/** A workbook read as a source (import from the branch's own .xlsx): never saved. */
export async function openSourceBook(file: string): Promise<BookFile> {
  return fileStep(() => openBookFile(file));
}
