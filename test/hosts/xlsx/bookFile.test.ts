import { spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { zipSync } from "fflate";
import { BookFileError, newBookFile, openBookFile } from "../../../src/hosts/xlsx/bookFile";
import { PackageGateway } from "../../../src/hosts/xlsx/package/packageGateway";
import { loadLedger } from "../../../src/app/ledgerService";
import { cli } from "../../support/cli";

const root = path.resolve(__dirname, "../../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-bookfile-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROSTER = "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n";
const entriesCsv = (n: number) => `日期,编号,项目代码,次数\n${Array.from({ length: n }, (_, i) => `2026-0${1 + (i % 9)}-10,00${1 + (i % 2)},D1,1`).join("\n")}\n`;

async function ledgerBook(name: string): Promise<string> {
  const book = path.join(dir, name);
  fs.writeFileSync(path.join(dir, "r.csv"), ROSTER);
  expect((await cli("init", book, "--scheme", "star-member", "--year", "2026")).code).toBe(0);
  expect((await cli("import", book, "--roster", path.join(dir, "r.csv"))).code).toBe(0);
  return book;
}

async function entryCount(file: string): Promise<number> {
  return (await loadLedger(PackageGateway.open(fs.readFileSync(file), file))).entries.length;
}

function refusal(bytes: Uint8Array | string, name: string): Promise<BookFileError> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return openBookFile(file).then(
    () => {
      throw new Error(`${name} was opened`);
    },
    (e: unknown) => e as BookFileError,
  );
}

function ole(streamNames: string[]): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let at = 1024;
  for (const name of streamNames) for (let i = 0; i < name.length; i++, at += 2) bytes[at] = name.charCodeAt(i);
  return bytes;
}

describe("refuses what is not an .xlsx, saying what it is and what to do", () => {
  it.each<[string, () => Uint8Array | string, string, RegExp]>([
    ["empty.xlsx", () => new Uint8Array(0), "empty", /空文件/],
    ["renamed.xlsx", () => "编号,姓名,党员类别\n001,张三,正式党员\n", "text", /文本文件.*CSV.*另存为/],
    ["old.xls", () => ole(["Workbook", "SummaryInformation"]), "xls", /Excel 97-2003.*另存为/],
    ["old-as.xlsx", () => ole(["Workbook"]), "xls", /\.xls/],
    ["wps.et", () => ole(["Workbook"]), "et", /WPS 表格格式（\.et）.*另存为/],
    ["secret.xlsx", () => ole(["EncryptionInfo", "EncryptedPackage"]), "encrypted", /打开密码/],
    ["letter.xlsx", () => zipSync({ "[Content_Types].xml": new TextEncoder().encode("<Types/>"), "word/document.xml": new Uint8Array(3) }), "not-xlsx", /Word 文档/],
    ["odf.xlsx", () => zipSync({ mimetype: new TextEncoder().encode("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": new Uint8Array(3) }), "not-xlsx", /另存为/],
  ])("%s", async (name, bytes, code, message) => {
    const e = await refusal(bytes(), name);
    expect(e).toBeInstanceOf(BookFileError);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`无法读取 ${path.join(dir, name)}`);
  });

  it("a truncated workbook", async () => {
    const whole = PackageGateway.create().toBytes();
    for (const cut of [10, Math.floor(whole.length / 2), whole.length - 5]) {
      const e = await refusal(whole.subarray(0, cut), `cut-${cut}.xlsx`);
      expect([e.code, e.message]).toEqual(["corrupt", expect.stringMatching(/损坏或不完整/)]);
    }
  });

  it("a damaged part: refused when read, never saved over", async () => {
    const book = await ledgerBook("damaged.xlsx");
    const bytes = new Uint8Array(fs.readFileSync(book));
    const sheet = Buffer.from(bytes).indexOf("xl/worksheets/sheet3.xml");
    bytes[sheet + 40] ^= 0xff;
    fs.writeFileSync(book, bytes);
    const r = await cli("validate", book);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("saves atomically and never over another program's save", () => {
  it("refuses to overwrite a file that changed since it was read, and says so", async () => {
    const book = await ledgerBook("changed.xlsx");
    const mine = await openBookFile(book);
    await mine.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value: "mine" }]] } }]);
    const theirs = await openBookFile(book);
    await theirs.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value: "theirs" }]] } }]);
    await theirs.save();
    await expect(mine.save()).rejects.toMatchObject({ code: "changed", message: expect.stringMatching(/已被其他程序或另一条命令修改.*没有保存/) });
    expect((await (await openBookFile(book)).gateway.readSheet("备注"))![0][0]).toBe("theirs");
    // The same session may save twice: its own save is the new baseline.
    await theirs.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value: "again" }]] } }]);
    await theirs.save();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("saves on a drive without hard links (a FAT32 USB stick), and an empty lock there is waited for (4 s), then taken over", async () => {
    const book = await ledgerBook("fat.xlsx");
    const lockFile = path.join(dir, ".~lock.fat.xlsx.party-ledger");
    const noLinks = jest.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM: operation not permitted, link"), { code: "EPERM" });
    });
    try {
      const mine = await openBookFile(book);
      await mine.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value: "U盘" }]] } }]);
      // A lock created but not yet written by another save: young, so waited for; old, so taken over.
      fs.writeFileSync(lockFile, "");
      const young = Date.now();
      await mine.save();
      expect(Date.now() - young).toBeGreaterThanOrEqual(3900);
      expect(noLinks).toHaveBeenCalled();
    } finally {
      noLinks.mockRestore();
    }
    expect((await (await openBookFile(book)).gateway.readSheet("备注"))![0][0]).toBe("U盘");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".~lock.fat.xlsx") || f.endsWith(".tmp"))).toEqual([]);
  });

  it("a lock of garbled content is taken over once old; one from another computer is waited for, and named", async () => {
    const book = await ledgerBook("shared.xlsx");
    const lockFile = path.join(dir, ".~lock.shared.xlsx.party-ledger");
    const save = async (value: string) => {
      const mine = await openBookFile(book);
      await mine.gateway.apply([{ op: "writeSheet", model: { name: "备注", rows: [[{ value }]] } }]);
      return mine.save();
    };
    const anHourAgo = new Date(Date.now() - 3_600_000);
    // Zeros left by a stick pulled out while the lock was being written.
    fs.writeFileSync(lockFile, "\0\0\0\0");
    fs.utimesSync(lockFile, anHourAgo, anHourAgo);
    // Leftovers of a killed save's lock; and another computer's save under way in the shared folder.
    fs.writeFileSync(`${lockFile}.999999999.k1.stale`, "1");
    fs.writeFileSync(`${lockFile}.999999999.k2`, "1");
    const theirs = path.join(dir, ".shared.xlsx.4242-0badc0de.k3.tmp");
    fs.writeFileSync(theirs, "their save");
    const t0 = Date.now();
    await save("接管");
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".~lock.shared.xlsx"))).toEqual([]);
    expect(fs.existsSync(theirs)).toBe(true);
    // Another computer's save (a shared folder): its process cannot be looked up from here, and its age is
    // judged by the folder's clock (this computer's is an hour fast here).
    fs.writeFileSync(lockFile, "4242@办公室电脑");
    const realNow = Date.now.bind(Date);
    const fast = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 3_600_000);
    try {
      await expect(save("等待")).rejects.toMatchObject({ code: "changed", message: expect.stringContaining("正由另一条命令保存（电脑 办公室电脑 上的进程 4242）") });
    } finally {
      fast.mockRestore();
    }
    fs.utimesSync(lockFile, anHourAgo, anHourAgo);
    fs.utimesSync(theirs, anHourAgo, anHourAgo);
    await save("一小时后");
    expect(fs.existsSync(theirs)).toBe(false);
    expect((await (await openBookFile(book)).gateway.readSheet("备注"))![0][0]).toBe("一小时后");
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 60_000);

  it("refuses when the same bytes came back with the same size but other content", async () => {
    const book = await ledgerBook("same-size.xlsx");
    const mine = await openBookFile(book);
    const bytes = fs.readFileSync(book);
    const stat = fs.statSync(book);
    bytes[bytes.length - 1] ^= 1;
    fs.writeFileSync(book, bytes);
    fs.utimesSync(book, stat.atime, stat.mtime);
    await expect(mine.save()).rejects.toMatchObject({ code: "changed" });
  });

  it("a new workbook does not replace a file that appeared meanwhile", async () => {
    const file = path.join(dir, "appeared.xlsx");
    const book = newBookFile(file);
    await book.gateway.apply([{ op: "writeSheet", model: { name: "A", rows: [[{ value: 1 }]] } }]);
    fs.writeFileSync(file, "someone else's");
    await expect(book.save()).rejects.toMatchObject({ code: "changed" });
    expect(fs.readFileSync(file, "utf8")).toBe("someone else's");
  });
});

function runImport(book: string, csv: string, pauseMs: number): { done: Promise<{ code: number | null; signal: string | null; err: string }>; kill: () => void } {
  const child = spawn(process.execPath, [path.join(root, "bin/party-ledger.js"), "import", book, "--entries", csv], {
    env: { ...process.env, PARTY_LEDGER_TEST_SAVE_PAUSE_MS: String(pauseMs) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: string | null; err: string }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, err })));
  return { done, kill: () => child.kill("SIGKILL") };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe("kill and race: the workbook is always the old or the new one", () => {
  it("import killed with SIGKILL at several points of its run and of its save", async () => {
    const book = await ledgerBook("killed.xlsx");
    const csv = path.join(dir, "five.csv");
    fs.writeFileSync(csv, entriesCsv(5));
    const temps = () => fs.readdirSync(dir).filter((f) => f.startsWith(".killed.xlsx.") && f.endsWith(".tmp"));
    let old = fs.readFileSync(book);
    let count = await entryCount(book);
    const outcomes: string[] = [];
    // While the temporary file is written and waiting for its rename; then at spread moments of a run.
    const points: (number | "temp")[] = ["temp", 0, 400, 800, 1200, 1600, 2000, 2600];
    for (const point of points) {
      const run = runImport(book, csv, point === "temp" ? 5000 : 0);
      if (point === "temp") expect(await until(() => temps().length > 0, 20_000)).toBe(true);
      else await new Promise((r) => setTimeout(r, point));
      run.kill();
      await run.done;
      const now = fs.readFileSync(book);
      if (now.equals(old)) outcomes.push("old");
      else {
        expect(await entryCount(book)).toBe(count + 5);
        outcomes.push("new");
        old = now;
        count += 5;
      }
    }
    expect(outcomes[0]).toBe("old");
    // A killed save's temporary file is tidied by the next save.
    expect((await cli("import", book, "--entries", csv)).code).toBe(0);
    expect(temps()).toEqual([]);
    expect(await entryCount(book)).toBe(count + 5);
  }, 120_000);

  it("waits for another command's save lock, takes over a dead one's, and leaves no lock behind", async () => {
    const book = await ledgerBook("locked.xlsx");
    const csv = path.join(dir, "l.csv");
    fs.writeFileSync(csv, entriesCsv(1));
    const lockFile = path.join(dir, ".~lock.locked.xlsx.party-ledger");
    const leftovers = () => fs.readdirSync(dir).filter((f) => f.startsWith(".~lock.locked.xlsx"));
    // Held by a live process (this one): the import writes its temporary file, waits, and saves once released.
    fs.writeFileSync(lockFile, String(process.pid));
    let exited = false;
    const run = runImport(book, csv, 0);
    void run.done.then(() => (exited = true));
    const temp = () => fs.readdirSync(dir).some((f) => f.startsWith(".locked.xlsx.") && f.endsWith(".tmp"));
    expect(await until(temp, 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(exited).toBe(false);
    expect(await entryCount(book)).toBe(0);
    fs.rmSync(lockFile);
    expect(await run.done).toMatchObject({ code: 0 });
    expect(await entryCount(book)).toBe(1);
    // Left by a process that no longer exists: taken over at once.
    fs.writeFileSync(lockFile, "999999999");
    expect((await cli("import", book, "--entries", csv)).code).toBe(0);
    expect(await entryCount(book)).toBe(2);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it("two imports at once: one succeeds, the other refuses and changes nothing", async () => {
    const book = await ledgerBook("race.xlsx");
    const a = path.join(dir, "a.csv");
    const b = path.join(dir, "b.csv");
    fs.writeFileSync(a, entriesCsv(2));
    fs.writeFileSync(b, entriesCsv(3));
    // Both read the same workbook, then both save while the other is pausing.
    const results = await Promise.all([runImport(book, a, 1500).done, runImport(book, b, 1500).done]);
    const codes = results.map((r) => r.code).sort();
    expect(codes).toEqual([0, 2]);
    const refused = results.find((r) => r.code === 2)!;
    expect(refused.err).toMatch(/已被其他程序或另一条命令修改|正由另一条命令保存/);
    expect(refused.err).not.toMatch(/at .*\.ts:\d+/);
    expect([2, 3]).toContain(await entryCount(book));
  }, 120_000);
});
