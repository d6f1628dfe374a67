import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { fillDemoWorkbook } from "../app/demoData";
import { BookFileError } from "../hosts/xlsx/package/bookFileError";
import { describeFailure } from "../taskpane/errors";
import { syncWorkbookScheme } from "../taskpane/workbookScheme";
import { type PickedFile, type WritableFile, canWriteInPlace, download, pickWritableFile, readFile, saveWithPicker, writeInPlace } from "./fileAccess";
import { WebWorkbook } from "./webWorkbook";

export interface OpenBook {
  book: WebWorkbook;
  /** The file on disk it is saved to in place (File System Access), else saving downloads. */
  handle: WritableFile | null;
  schemeId: string | null;
  /** A new key for each workbook: the pane starts afresh. */
  key: number;
}

export interface PageMessage {
  intent: "success" | "error" | "info";
  text: string;
}

export const DEMO_NAME = "党员积分台账-示例.xlsx";
export const NEW_NAME = "党员积分台账.xlsx";
export const DISCARD_QUESTION = "当前工作簿有未保存的修改。放弃这些修改并打开另一个工作簿吗？";

/** What went wrong with a file, in Chinese. */
export function describeFileFailure(e: unknown): string {
  if (e instanceof BookFileError) return e.message;
  if (e instanceof DOMException && e.name === "NotAllowedError") return `${e.message || "浏览器没有允许写入这个文件"}。请用「另存为」保存到别处，或下载。`;
  return describeFailure(e);
}

/** Lets the browser paint (a progress line) before a long synchronous step. */
const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The web page: which workbook is open, opening (picker, drop, demo, new) and saving (in place or as
 * a download), and never losing unsaved changes silently (leaving the page or opening another asks).
 */
export function useWebApp(options: { confirm?: (question: string) => boolean } = {}) {
  const confirm = options.confirm ?? ((q: string) => window.confirm(q));
  const [open, setOpen] = useState<OpenBook | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // A success message stands for the workbook as it was: it goes once the cells change (「已新建空白工作簿：…生成台账」 after 生成台账).
  const [posted, setPosted] = useState<{ message: PageMessage; book: WebWorkbook | null; edits: number } | null>(null);
  const setMessage = useCallback(
    (m: PageMessage | null, on: WebWorkbook | null = null, asOf = on?.contentVersion ?? 0) => setPosted(m && { message: m, book: on, edits: asOf }),
    [],
  );
  const keys = useRef(0);
  const book = open?.book ?? null;
  useSyncExternalStore(
    (listener) => (book ? book.subscribe(listener) : () => undefined),
    () => (book ? book.snapshot() : -1),
  );
  const dirty = book?.dirty ?? false;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const mayReplace = useCallback(() => !book?.dirty || confirm(DISCARD_QUESTION), [book, confirm]);

  const load = useCallback(async (label: string, make: () => Promise<{ book: WebWorkbook; handle: WritableFile | null; done: (seconds: string) => string }>) => {
    setBusy(label);
    setMessage(null);
    await nextPaint();
    const t0 = performance.now();
    try {
      const made = await make();
      const { schemeId } = await syncWorkbookScheme(made.book.gateway);
      setOpen({ book: made.book, handle: made.handle, schemeId, key: ++keys.current });
      setMessage({ intent: "success", text: made.done(((performance.now() - t0) / 1000).toFixed(1)) }, made.book);
    } catch (e) {
      setMessage({ intent: "error", text: `未能打开：${describeFileFailure(e)}` });
    } finally {
      setBusy(null);
    }
  }, []);

  const openPicked = useCallback(
    (picked: PickedFile) =>
      load(`正在打开 ${picked.name}……`, async () => {
        const opened = WebWorkbook.open(picked.bytes, picked.name);
        return {
          book: opened,
          handle: picked.handle,
          done: (s) => `已打开 ${picked.name}（${opened.sheetNames().length} 张工作表，用时 ${s} 秒）。数据只在本机浏览器中处理，不会上传。`,
        };
      }),
    [load],
  );

  /** A file the clerk chose in the file input or dropped on the page. */
  const openFiles = useCallback(
    async (files: FileList | readonly File[] | null) => {
      const file = files?.[0];
      if (!file || !mayReplace()) return;
      await openPicked(await readFile(file));
    },
    [mayReplace, openPicked],
  );

  /** The browser's picker with write access, where there is one; false when the page must use its file input. */
  const openWithPicker = useCallback(async (): Promise<boolean> => {
    if (!canWriteInPlace()) return false;
    if (!mayReplace()) return true;
    try {
      const picked = await pickWritableFile();
      if (picked) await openPicked(picked);
    } catch (e) {
      setMessage({ intent: "error", text: `未能打开：${describeFileFailure(e)}` });
    }
    return true;
  }, [mayReplace, openPicked]);

  const openDemo = useCallback(async () => {
    if (!mayReplace()) return;
    await load("正在生成示例工作簿……", async () => {
      const demo = WebWorkbook.create(DEMO_NAME);
      const summary = await fillDemoWorkbook(demo.gateway);
      demo.markPristine();
      return { book: demo, handle: null, done: (s) => `已生成示例工作簿：${summary.members} 名党员、${summary.entries} 条记录（用时 ${s} 秒）。保存即下载 ${DEMO_NAME}。` };
    });
  }, [mayReplace, load]);

  const createEmpty = useCallback(async () => {
    if (!mayReplace()) return;
    await load("正在新建工作簿……", async () => ({ book: WebWorkbook.create(NEW_NAME), handle: null, done: () => "已新建空白工作簿：在右侧「开始」中生成台账。" }));
  }, [mayReplace, load]);

  /** Saves: into the same file where the browser allows it, else as a download. */
  const save = useCallback(async () => {
    if (!open) return;
    const { book: current, handle } = open;
    try {
      // What was saved is the workbook as it was here: an edit made while writing stays unsaved.
      const asOf = current.contentVersion;
      const bytes = current.toBytes();
      if (handle) {
        await writeInPlace(handle, bytes);
        current.markSaved(undefined, asOf);
        setMessage({ intent: "success", text: `已保存到 ${handle.name}。` }, current, asOf);
      } else {
        download(bytes, current.fileName);
        current.markSaved(undefined, asOf);
        setMessage({ intent: "success", text: `已下载 ${current.fileName}（在浏览器的下载文件夹中；用它替换原来的文件）。` }, current, asOf);
      }
    } catch (e) {
      setMessage({ intent: "error", text: `未能保存：${describeFileFailure(e)}` });
    }
  }, [open]);

  /** Saves to a file the clerk chooses (File System Access); later saves write there. */
  const saveAs = useCallback(async () => {
    if (!open) return;
    try {
      const asOf = open.book.contentVersion;
      const handle = await saveWithPicker(open.book.toBytes(), open.book.fileName);
      if (!handle) return;
      open.book.markSaved(handle.name, asOf);
      setOpen({ ...open, handle });
      setMessage({ intent: "success", text: `已保存到 ${handle.name}；之后「保存」都写入这个文件。` }, open.book, asOf);
    } catch (e) {
      setMessage({ intent: "error", text: `未能保存：${describeFileFailure(e)}` });
    }
  }, [open]);

  const stale = posted?.book && (posted.book !== book || posted.book.contentVersion !== posted.edits);
  const message = posted && !stale ? posted.message : null;
  return { open, busy, message, dirty, canSaveAs: canWriteInPlace(), openFiles, openWithPicker, openDemo, createEmpty, save, saveAs, dismiss: () => setMessage(null) };
}
