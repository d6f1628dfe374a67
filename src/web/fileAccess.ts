/**
 * Files on the clerk's own disk, as a browser allows: read what the clerk picks or drops; save as a
 * download, or, where the browser has the File System Access API (Chrome, Edge), write the same file
 * in place. Nothing is sent anywhere.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";
const PICKER_TYPES = [{ description: "Excel 工作簿", accept: { [XLSX_TYPE]: [".xlsx"], [XLSM_TYPE]: [".xlsm"] } }];

/** The parts of the File System Access API the page uses (not in TypeScript's DOM library). */
export interface WritableFile {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
  queryPermission?(options: { mode: "readwrite" }): Promise<PermissionState>;
  requestPermission?(options: { mode: "readwrite" }): Promise<PermissionState>;
}

interface FilePickers {
  showOpenFilePicker?(options: object): Promise<WritableFile[]>;
  showSaveFilePicker?(options: object): Promise<WritableFile>;
}

function pickers(): FilePickers {
  return window as unknown as FilePickers;
}

/** Whether the browser can write a file the clerk picks (else saving is a download). */
export function canWriteInPlace(): boolean {
  return typeof pickers().showOpenFilePicker === "function" && typeof pickers().showSaveFilePicker === "function";
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  /** Present when the browser lets the page write the same file back. */
  handle: WritableFile | null;
}

export async function readFile(file: File, handle: WritableFile | null = null): Promise<PickedFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), handle };
}

/** The clerk's cancelling a picker: not a failure. */
function cancelled(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}

/** Opens through the browser's file picker with write access; null when the clerk cancels. */
export async function pickWritableFile(): Promise<PickedFile | null> {
  try {
    const [handle] = await pickers().showOpenFilePicker!({ types: PICKER_TYPES, multiple: false });
    return readFile(await handle.getFile(), handle);
  } catch (e) {
    if (cancelled(e)) return null;
    throw e;
  }
}

function blobOf(bytes: Uint8Array, name: string): Blob {
  // A copy in a plain ArrayBuffer (the Blob constructor's type does not take a shared buffer's view).
  return new Blob([bytes.slice().buffer as ArrayBuffer], { type: /\.xlsm$/i.test(name) ? XLSM_TYPE : XLSX_TYPE });
}

/** Writes the bytes into a file the clerk opened or chose; asks for write permission first when needed. */
export async function writeInPlace(handle: WritableFile, bytes: Uint8Array): Promise<void> {
  if (handle.queryPermission && (await handle.queryPermission({ mode: "readwrite" })) !== "granted") {
    const granted = handle.requestPermission ? await handle.requestPermission({ mode: "readwrite" }) : "denied";
    if (granted !== "granted") throw new DOMException(`浏览器没有允许写入 ${handle.name}`, "NotAllowedError");
  }
  const writable = await handle.createWritable();
  await writable.write(blobOf(bytes, handle.name));
  await writable.close();
}

/** Asks where to save (File System Access) and writes there; null when the clerk cancels. */
export async function saveWithPicker(bytes: Uint8Array, suggestedName: string): Promise<WritableFile | null> {
  let handle: WritableFile;
  try {
    handle = await pickers().showSaveFilePicker!({ suggestedName, types: PICKER_TYPES });
  } catch (e) {
    if (cancelled(e)) return null;
    throw e;
  }
  await writeInPlace(handle, bytes);
  return handle;
}

/** Saves as a download (every browser; the browser puts it in its download folder or asks where). */
export function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(blobOf(bytes, name));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy once started; the URL is released a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
