import fs from "fs";
import type { WorkbookGateway } from "../app/gateway";
import { type BookFile, BookFileError, assertWritable, newBookFile, openBookFile } from "../hosts/xlsx/bookFile";
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

export function readFileBytes(file: string, what: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `找不到${what} ${file}` : `无法读取${what} ${file}`);
  }
}

/** A workbook read as a source (import from the branch's own .xlsx): never saved. */
export async function openSourceBook(file: string): Promise<BookFile> {
  return fileStep(() => openBookFile(file));
}
