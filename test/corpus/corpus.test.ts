// Workbooks this project did not make (test/corpus/files, see README.md) go through every command that
// writes; afterwards every part the ledger does not own is byte for byte the original, LibreOffice
// converts the result, and the ledger reads back the same from LibreOffice's copy.
import fs from "fs";
import os from "os";
import path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { unzipSync } from "fflate";
import { cli } from "../support/cli";
import { convert } from "../libreoffice/soffice";
import { readZip } from "../../src/hosts/xlsx/package/zip";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { REPORT_FORM_NAMES, findReportForm, reportPeriodKind } from "../../src/core/reports";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { loadLedger, scoreLedger } from "../../src/app/ledgerService";

const FILES = path.join(__dirname, "files");
const CORPUS = fs.readdirSync(FILES).filter((f) => /\.xls[xm]$/.test(f)).sort();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-corpus-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Parts the ledger rewrites when it adds its sheets; every other original entry must survive unchanged. */
const OWNED = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);

const ROSTER = "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n003,王五,预备党员\n";
const ENTRIES = "日期,编号,项目代码,次数,分值,说明\n2026-01-10,001,D1,1,,缺席1月会议\n2026-02-10,001,D2,1,,迟到\n2026-04-10,002,D1,1,,缺席4月会议\n2026-08-01,003,D2,2,,迟到两次\n";
const scheme = getBuiltinScheme("star-member");
const PERIOD: Record<string, string> = { cycle: "2026", half: "2026H1", quarter: "2026Q1", month: "2026-03" };

async function ok(...argv: string[]): Promise<string> {
  const r = await cli(...argv);
  if (r.code !== 0) throw new Error(`party-ledger ${argv.join(" ")} → ${r.code}\n${r.err}`);
  return r.out;
}

/** The whole clerk's year on one workbook file: init, import, approve, every report. */
async function clerkYear(book: string, branch: string): Promise<void> {
  fs.writeFileSync(path.join(dir, "r.csv"), ROSTER);
  fs.writeFileSync(path.join(dir, "e.csv"), ENTRIES);
  await ok("init", book, "--scheme", scheme.id, "--year", "2026", "--branch", branch);
  await ok("import", book, "--roster", path.join(dir, "r.csv"), "--entries", path.join(dir, "e.csv"));
  await ok("approve", book, "--period", "2026H1", "--date", "2026-07-05", "--meeting", "第三次支委会");
  for (const form of REPORT_FORM_NAMES) await ok("report", book, "--form", form, "--period", PERIOD[reportPeriodKind(findReportForm(form)!, scheme)], "--date", "2026-12-20");
}

async function scoresOf(bytes: Uint8Array, name: string): Promise<unknown> {
  const result = scoreLedger(await loadLedger(PackageGateway.open(bytes, name)), "2026");
  return result.members.map((m) => [m.id, m.name, m.total, m.grade, m.rank]);
}

function xmlErrors(bytes: Uint8Array): string[] {
  const errors: string[] = [];
  new DOMParser({ onError: (level: string, msg: string) => void (level !== "warning" && errors.push(msg)) }).parseFromString(new TextDecoder().decode(bytes), "text/xml");
  return errors;
}

const books = new Map<string, string>();
let reference: unknown;
let converted: Map<string, string>;

beforeAll(async () => {
  const fresh = path.join(dir, "reference.xlsx");
  await clerkYear(fresh, "参照支部");
  reference = await scoresOf(fs.readFileSync(fresh), "reference.xlsx");
  for (const [i, name] of CORPUS.entries()) {
    const book = path.join(dir, name);
    fs.copyFileSync(path.join(FILES, name), book);
    await clerkYear(book, `第${i + 1}支部`);
    books.set(name, book);
  }
  const out = path.join(dir, "rollup.xlsx");
  const rolled = await ok("rollup", ...books.values(), "--period", "2026", "--out", out);
  expect(rolled).toContain(`已汇总 ${CORPUS.length} 个支部`);
  const loDir = path.join(dir, "lo");
  fs.mkdirSync(loDir);
  const outputs = convert([...books.values()], "xlsx", loDir);
  converted = new Map(CORPUS.map((name, i) => [name, outputs[i]]));
}, 600_000);

it("has at least 12 workbooks made elsewhere", () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(12);
});

describe.each(CORPUS)("%s", (name) => {
  it("keeps every part the ledger does not own byte for byte", () => {
    const before = readZip(fs.readFileSync(path.join(FILES, name)));
    const after = new Map(readZip(fs.readFileSync(books.get(name)!)).map((e) => [e.name, e]));
    const plainAfter = unzipSync(new Uint8Array(fs.readFileSync(books.get(name)!)));
    const plainBefore = unzipSync(new Uint8Array(fs.readFileSync(path.join(FILES, name))));
    for (const entry of before) {
      if (OWNED.has(entry.name)) continue;
      const kept = after.get(entry.name);
      expect(kept && Buffer.from(kept.local!).equals(Buffer.from(entry.local!)) ? entry.name : `${entry.name} changed or lost`).toBe(entry.name);
      expect(Buffer.from(plainAfter[entry.name]).equals(Buffer.from(plainBefore[entry.name]))).toBe(true);
    }
  });

  it("writes well-formed XML in every part it wrote", () => {
    const original = unzipSync(new Uint8Array(fs.readFileSync(path.join(FILES, name))));
    const final = unzipSync(new Uint8Array(fs.readFileSync(books.get(name)!)));
    for (const [part, bytes] of Object.entries(final)) {
      if (!/\.(xml|rels)$/.test(part) || (original[part] && Buffer.from(original[part]).equals(Buffer.from(bytes)))) continue;
      expect([part, xmlErrors(bytes)]).toEqual([part, []]);
    }
  });

  it("holds the ledger data right, and LibreOffice round-trips it", async () => {
    const final = new Uint8Array(fs.readFileSync(books.get(name)!));
    expect(await scoresOf(final, name)).toEqual(reference);
    const lo = converted.get(name)!;
    expect(fs.existsSync(lo)).toBe(true);
    expect(await scoresOf(new Uint8Array(fs.readFileSync(lo)), path.basename(lo))).toEqual(reference);
    // The clerk's own sheets are still there, first, in their order.
    const own = (await PackageGateway.open(fs.readFileSync(path.join(FILES, name)), name).inspect()).sheets;
    expect((await PackageGateway.open(final, name).inspect()).sheets.slice(0, own.length)).toEqual(own);
  });
});

it("keeps the macros of an .xlsm and the calculation chain where no formula cell moved", () => {
  const xlsm = unzipSync(new Uint8Array(fs.readFileSync(books.get("handmade-macros.xlsm")!)));
  const types = new TextDecoder().decode(xlsm["[Content_Types].xml"]);
  expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  expect(types).toContain('ContentType="application/vnd.ms-office.vbaProject"');
  expect(new TextDecoder().decode(xlsm["xl/_rels/workbook.xml.rels"])).toContain("vbaProject.bin");
  const calc = unzipSync(new Uint8Array(fs.readFileSync(books.get("handmade-calcchain-custom-props.xlsx")!)));
  expect(calc["xl/calcChain.xml"]).toBeDefined();
  expect(new TextDecoder().decode(calc["xl/_rels/workbook.xml.rels"])).toContain("calcChain.xml");
});
