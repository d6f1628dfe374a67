/**
 * Workbook files on disk (node): open, and save atomically (a temporary file beside the workbook,
 * fsync, rename), refusing to overwrite a file that changed on disk since it was read.
 */
import { createHash } from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import zlib from "zlib";
import { BookFileError } from "./package/bookFileError";
import { PackageGateway } from "./package/packageGateway";
import type { DeflateCodec } from "./package/zip";

export { BookFileError } from "./package/bookFileError";

/**
 * zlib is native and about three times faster than fflate; the package layer takes either. Level 4:
 * on a 46 MB ledger sheet 170 ms and 5.4 MB, against 460 ms and 4.6 MB at the default level 6.
 */
export const NODE_CODEC: DeflateCodec = {
  inflateRaw: (data) => zlib.inflateRawSync(data),
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 4 }),
  // Each piece is a deflate stream of its own, ended by a sync flush (byte-aligned, not final) but the
  // last: joined, they are one valid raw deflate stream (a piece only refers back within itself).
  deflateRawStream: () => (piece, final) => [zlib.deflateRawSync(piece, { level: 4, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH })],
};

interface Seen {
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface BookFile {
  readonly path: string;
  readonly gateway: PackageGateway;
  /** True when there was no file: save() creates it (and refuses if one appeared meanwhile). */
  readonly created: boolean;
  /** Writes the workbook; throws BookFileError("changed") if the file changed on disk since it was read. */
  save(): Promise<void>;
}

function digest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What a file-system error means for the clerk, and what to do; null for errors that are not about files. */
export function fileSystemReason(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "没有权限（文件或文件夹是只读的，或属于其他用户，或正被 Excel、WPS 等程序占用）。请检查它的属性和权限，或换一个文件夹";
    case "EROFS":
      return "所在的磁盘或 U 盘是只读的。请把文件复制到可写的文件夹后再试";
    case "ENOSPC":
    case "EDQUOT":
      return "磁盘空间不足。请清理磁盘或换一个磁盘后再试；原文件未被改动";
    case "ENOENT":
      return "文件或文件夹不存在。请检查路径是否写对，文件夹是否已建好";
    case "ENOTDIR":
      return "路径中有一段不是文件夹（而是同名文件）。请检查路径";
    case "EEXIST":
      return (e as NodeJS.ErrnoException).syscall === "mkdir" ? "路径中有一段不是文件夹（而是同名文件）。请检查路径" : "已有同名的文件。请换一个文件名";
    case "EISDIR":
      return "这是文件夹，不是文件。请给出文件名";
    case "EBUSY":
    case "ETXTBSY":
      return "文件正被其他程序占用。请关闭正在使用它的程序（Excel、WPS、杀毒软件、网盘同步）后再试";
    case "EMFILE":
    case "ENFILE":
      return "同时打开的文件过多。请关闭一些程序后再试";
    case "ENAMETOOLONG":
      return "文件名或路径过长。请换一个短一些的文件名或文件夹";
    case "EIO":
      return "读写磁盘出错（磁盘、U 盘或网络盘可能有故障或已断开）";
    default:
      return null;
  }
}

function ioError(file: string, e: unknown, doing: string): BookFileError {
  return new BookFileError("io", `无法${doing} ${file}：${fileSystemReason(e) ?? (e as Error).message}。`);
}

/** The owner files Excel/WPS (~$台账.xlsx) and LibreOffice/WPS for Linux (.~lock.台账.xlsx#) keep beside an open workbook. */
export function lockFilesOf(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  return [`~$${base}`, `.~lock.${base}#`].map((name) => path.join(dir, name));
}

/**
 * Refuses to write a workbook that Excel, WPS or LibreOffice has open (their next save would overwrite
 * ours, or ours theirs) or that is marked read-only.
 */
export function assertWritable(file: string): void {
  const lockFile = lockFilesOf(file).find((f) => fs.existsSync(f));
  if (lockFile)
    throw new BookFileError(
      "locked",
      `${file} 正在 Excel、WPS 或 LibreOffice 中打开（旁边有它们的锁文件 ${path.basename(lockFile)}），本次没有保存。请先在那里保存并关闭它，再运行这条命令；如果它确实已经关闭，这个锁文件是上次异常退出时留下的，删除它后重试。`,
    );
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if (stat.isFile() && (stat.mode & 0o222) === 0) throw new BookFileError("io", `无法写入 ${file}：文件是只读的（属性中勾选了「只读」）。请取消只读后再试；本次没有保存。`);
}

/** Opens an existing workbook file. */
export async function openBookFile(file: string): Promise<BookFile> {
  let bytes: Uint8Array;
  let stat: fs.Stats;
  try {
    bytes = await fs.promises.readFile(file);
    stat = await fs.promises.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new BookFileError("io", `找不到文件 ${file}`);
    throw ioError(file, e, "读取");
  }
  if (stat.isDirectory()) throw new BookFileError("io", `无法读取 ${file}：这是文件夹，不是工作簿`);
  let gateway: PackageGateway;
  try {
    gateway = PackageGateway.open(bytes, path.basename(file), NODE_CODEC);
  } catch (e) {
    if (e instanceof BookFileError) throw new BookFileError(e.code, `无法读取 ${file}：${e.message}`);
    throw e;
  }
  return bookFile(file, gateway, { size: stat.size, mtimeMs: stat.mtimeMs, hash: digest(bytes) });
}

/**
 * A new workbook that save() writes to `file`: refusing if a file appeared there meanwhile, or, with
 * `replace` (generated outputs such as the demo and the roll-up), replacing whatever is there.
 */
export function newBookFile(file: string, options: { replace?: boolean } = {}): BookFile {
  return bookFile(file, PackageGateway.create(NODE_CODEC), options.replace ? "any" : null);
}

/** The file when it exists, else a new workbook for it. */
export async function openOrCreateBookFile(file: string): Promise<BookFile> {
  return fs.existsSync(file) ? openBookFile(file) : newBookFile(file);
}

function bookFile(file: string, gateway: PackageGateway, seen: Seen | null | "any"): BookFile {
  let baseline = seen;
  return {
    path: file,
    gateway,
    created: seen === null || seen === "any",
    async save() {
      const bytes = gateway.toBytes();
      baseline = await writeAtomically(file, bytes, baseline);
    },
  };
}

/** Throws unless the file on disk is still the one read (or still absent for a new workbook). */
function assertUnchanged(file: string, seen: Seen | null | "any"): fs.Stats | null {
  if (seen === "any") return null;
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw ioError(file, e, "读取");
  }
  const changed = () =>
    new BookFileError("changed", `${file} 在本命令读取之后已被其他程序或另一条命令修改${stat ? "" : "（或删除）"}。为免覆盖那次改动，本次没有保存；请关闭其他正在使用它的程序后重新运行这条命令。`);
  if (seen === null) {
    if (stat) throw new BookFileError("changed", `${file} 在本命令运行期间已由其他程序或另一条命令创建。为免覆盖它，本次没有保存；请重新运行这条命令。`);
    return null;
  }
  if (!stat) throw changed();
  if (stat.size !== seen.size || stat.mtimeMs !== seen.mtimeMs) throw changed();
  if (digest(fs.readFileSync(file)) !== seen.hash) throw changed();
  return stat;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A lock file beside the workbook for the moment between the check and the rename, so two commands
 * saving at once cannot both pass the check. It names its holder as 「pid@computer」: a lock left by a
 * killed process on this computer is taken over at once; one from another computer (a shared folder)
 * only once it is a minute old by the folder's clock, as its process cannot be looked up from here.
 */
function lock(file: string): () => void {
  const lockFile = lockFileOf(file);
  const deadline = Date.now() + 10_000;
  // The folder's clock against this computer's, measured once when a lock is found (not a probe file per wait).
  let skew: number | null = null;
  for (;;) {
    try {
      const mine = `${process.pid}@${os.hostname()}`;
      if (tryCreateWithContent(file, lockFile, mine)) return () => releaseIfMine(lockFile, mine);
      // The holder may release it between our attempt and these reads: then simply try again.
      const holder = readHolder(lockFile);
      if (holder === "gone") continue;
      const local = holder.pid > 0 && holder.local;
      // Age by the folder's own clock (a shared folder's server may be minutes off this computer's).
      skew ??= folderNow(lockFile) - Date.now();
      const age = Date.now() + skew - holder.mtimeMs;
      // No pid yet: being written (where hard links are not available), or left half-written long ago (FAT keeps times to 2 s).
      const dead = holder.pid === 0 ? age > 4_000 : (local && !alive(holder.pid)) || age > 60_000;
      if (dead) takeOver(lockFile, holder.text);
      else if (Date.now() > deadline) throw new BookFileError("changed", `${file} 正由另一条命令保存（${holder.local ? "" : `电脑 ${holder.host} 上的`}进程 ${holder.pid || "未知"}）。请等它完成后重新运行这条命令。`);
      else sleep(50);
    } catch (e) {
      // Windows: a lock being deleted, or held a moment by antivirus or indexing, refuses access for a while.
      if (!(e instanceof BookFileError) && process.platform === "win32" && BUSY.has((e as NodeJS.ErrnoException).code ?? "") && Date.now() < deadline) sleep(50);
      else throw e instanceof BookFileError ? e : ioError(file, e, "写入");
    }
  }
}

const BUSY = new Set(["EPERM", "EBUSY", "EACCES"]);

/** Removes the lock only while it is still this save's (one taken over meanwhile is the new holder's). */
function releaseIfMine(lockFile: string, mine: string): void {
  try {
    if (fs.readFileSync(lockFile, "utf8") === mine) fs.rmSync(lockFile, { force: true });
  } catch {
    // Gone already.
  }
}

/** The time now by the clock that stamps files in the lock's folder: a file written there, read back, removed. */
function folderNow(lockFile: string): number {
  const probe = `${lockFile}.${ownTag()}.${Date.now().toString(36)}`;
  try {
    fs.writeFileSync(probe, "");
    return fs.statSync(probe).mtimeMs;
  } catch {
    return Date.now();
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

function lockFileOf(file: string): string {
  return path.join(path.dirname(file), `.~lock.${path.basename(file)}.party-ledger`);
}

/**
 * Creates `target` holding `content`, false when it exists. In one step where the file system has hard
 * links (a finished file linked in); on one without (FAT32 / exFAT USB sticks, some network drives)
 * created exclusively and then written, which readers allow for (an empty lock is young, not dead).
 */
function tryCreateWithContent(file: string, target: string, content: string): boolean {
  const temp = `${target}.${ownTag()}.${Date.now().toString(36)}`;
  try {
    fs.writeFileSync(temp, content);
    try {
      fs.linkSync(temp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw e;
      fs.writeFileSync(target, content, { flag: "wx" });
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Removes a dead holder's lock. Moved aside first and checked there: when two saves find the same dead
 * lock, the second must not delete the lock the first has just taken (that one is put back).
 */
function takeOver(lockFile: string, deadText: string): void {
  const aside = `${lockFile}.${ownTag()}.${Date.now().toString(36)}.stale`;
  try {
    fs.renameSync(lockFile, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  try {
    const moved = fs.readFileSync(aside, "utf8");
    if (moved !== deadText && holderOf(moved).pid > 0) tryCreateWithContent(lockFile, lockFile, moved);
  } catch {
    // Another save holds the lock by now: it is theirs.
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** 「pid@computer」 (or a bare pid, from before); pid 0 for anything else (empty, half-written, garbled). */
function holderOf(text: string): { pid: number; host: string; local: boolean } {
  const m = /^(\d{1,10})(?:@(.*))?$/.exec(text.trim());
  const pid = m ? Number(m[1]) : 0;
  const host = m?.[2] ?? "";
  return { pid: pid > 0 ? pid : 0, host, local: host === "" || host === os.hostname() };
}

function readHolder(lockFile: string): { pid: number; host: string; local: boolean; text: string; mtimeMs: number } | "gone" {
  try {
    const text = fs.readFileSync(lockFile, "utf8");
    return { ...holderOf(text), text, mtimeMs: fs.statSync(lockFile).mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw e;
  }
}

/** 「pid-computer」 in the names of this process's temporary files: a tidying save knows whose they are. */
function ownTag(): string {
  return `${process.pid}-${createHash("sha1").update(os.hostname()).digest("hex").slice(0, 8)}`;
}

/**
 * Temporary files left by a save that was killed before its rename, and its lock's own leftovers: this
 * computer's once their process is gone; another computer's (a shared folder) once a minute old.
 */
function removeStaleTemps(dir: string, base: string): void {
  try {
    const lockBase = path.basename(lockFileOf(path.join(dir, base)));
    const here = ownTag().split("-")[1];
    let now: number | null = null;
    const old = (name: string) => (now ??= folderNow(path.join(dir, lockBase))) - fs.statSync(path.join(dir, name)).mtimeMs > 60_000;
    for (const name of fs.readdirSync(dir)) {
      const m = name.startsWith(`.${base}.`)
        ? /\.(\d+)(?:-([0-9a-f]+))?\.[0-9a-z]+\.tmp$/.exec(name)
        : name.startsWith(`${lockBase}.`)
          ? /^\.(\d+)(?:-([0-9a-f]+))?\.[0-9a-z]+(?:\.stale)?$/.exec(name.slice(lockBase.length))
          : null;
      if (!m) continue;
      const gone = m[2] === undefined || m[2] === here ? !alive(Number(m[1])) : old(name);
      if (gone) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Only tidying.
  }
}

async function writeAtomically(file: string, bytes: Uint8Array, seen: Seen | null | "any"): Promise<Seen> {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw ioError(file, e, "写入");
  }
  assertUnchanged(file, seen);
  assertWritable(file);
  removeStaleTemps(dir, path.basename(file));
  const temp = path.join(dir, `.${path.basename(file)}.${ownTag()}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx", seen && seen !== "any" ? fs.statSync(file).mode & 0o777 : 0o666);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e instanceof BookFileError ? e : ioError(file, e, "写入");
  }
  // Tests kill the process here (between the temp file and the rename).
  const pause = Number(process.env.PARTY_LEDGER_TEST_SAVE_PAUSE_MS ?? 0);
  if (pause > 0) sleep(pause);
  let unlock: (() => void) | null = null;
  try {
    unlock = lock(file);
    assertUnchanged(file, seen);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e instanceof BookFileError ? e : ioError(file, e, "写入");
  } finally {
    unlock?.();
  }
  try {
    const dfd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Directories cannot be fsynced on every platform (Windows); the rename is still atomic.
  }
  const stat = fs.statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, hash: digest(bytes) };
}
