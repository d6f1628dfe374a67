// A roster workbook the clerk picks in the pane (.xlsx): opened in the browser as the web page opens one
// (the preserving package layer), read only, every failure of the file told in Chinese with its name.
import type { WorkbookGateway } from "../app/gateway";
import { CoreError } from "../core/errors";
import type { Cell, TableData, WorkbookOp, WorkbookSnapshot } from "../core/sheetModel";
import { BookFileError } from "../hosts/xlsx/package/bookFileError";
import { readFile } from "../web/fileAccess";
import { WebWorkbook } from "../web/webWorkbook";

/** Larger than this is not a roster (a whole year's ledger, pictures…): refused before reading. */
export const ROSTER_FILE_LIMIT_MB = 30;

const SAVE_AS = "请在 Excel 或 WPS 中打开它，另存为 Excel 工作簿（.xlsx）后再选；或选中名册复制，粘贴到「粘贴名册」框。";

export interface RosterFile {
  name: string;
  /** The file, read only; a failure inside it throws a CoreError naming the file. */
  gateway: WorkbookGateway;
  /** Its visible sheets, in order. */
  sheets: string[];
}

/** A failure of the file (not of the ledger workbook) as the clerk should read it. */
function fileFailure(name: string, e: unknown): unknown {
  if (e instanceof CoreError) return e;
  if (e instanceof BookFileError) {
    // The package layer's text-file message speaks of the command line; the pane has its paste box.
    const text = e.code === "text" ? `这不是 Excel 工作簿，而是文本文件（可能是改了扩展名的 CSV）。${SAVE_AS}` : e.message;
    return new CoreError("bad-file", `「${name}」${text}`);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new CoreError("bad-file", `「${name}」无法读取，文件可能已损坏（${detail}）。${SAVE_AS}`);
}

async function guarded<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw fileFailure(name, e);
  }
}

/** The opened file as a gateway whose failures name the file; it refuses writes. */
class FileGateway implements WorkbookGateway {
  constructor(
    private readonly inner: WorkbookGateway,
    private readonly name: string,
  ) {}

  inspect(): Promise<WorkbookSnapshot> {
    return guarded(this.name, () => this.inner.inspect());
  }

  readTables(names: readonly string[]): Promise<Map<string, TableData>> {
    return guarded(this.name, () => this.inner.readTables(names));
  }

  readSheet(name: string): Promise<Cell[][] | null> {
    return guarded(this.name, () => this.inner.readSheet(name));
  }

  readSheets(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    return guarded(this.name, () => this.inner.readSheets(names));
  }

  apply(_ops: readonly WorkbookOp[]): Promise<void> {
    return Promise.reject(new CoreError("read-only", `「${this.name}」只用于读取名册，不会被修改`));
  }
}

/** Lets the pane paint its spinner before the synchronous unzip of a large file. */
const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Opens the picked file; refuses (CoreError, in Chinese) what is too large, not an .xlsx, or damaged. */
export async function openRosterFile(file: File): Promise<RosterFile> {
  const mb = file.size / 1024 / 1024;
  if (mb > ROSTER_FILE_LIMIT_MB)
    throw new CoreError("bad-file", `「${file.name}」有 ${mb.toFixed(0)} MB，超过名册工作簿的上限 ${ROSTER_FILE_LIMIT_MB} MB。请在 Excel 或 WPS 中只保留名册工作表另存为 .xlsx 后再选，或复制名册粘贴到「粘贴名册」框。`);
  return guarded(file.name, async () => {
    const picked = await readFile(file);
    await nextPaint();
    const book = WebWorkbook.open(picked.bytes, picked.name);
    return { name: picked.name, gateway: new FileGateway(book.gateway, picked.name), sheets: book.sheetNames() };
  });
}
