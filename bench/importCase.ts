// Import of a large CSV in its own process, so its peak memory is its own. Prints one JSON line.
//   importCase.ts <积分.csv> <名册.csv>   the reading side of `party-ledger import`: the file read from disk a
//        megabyte at a time → encoding detected and decoded → parsed (separator detected) → rows built →
//        appended to an in-memory ledger (the memory gateway); then the phases timed apart.
//   importCase.ts cli <台账.xlsx> <积分.csv>   `party-ledger import <台账.xlsx> --entries <积分.csv>` end to end,
//        as a clerk runs it: open the .xlsx, read the file, append, save.
import fs from "fs";
import path from "path";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { scanCsv } from "../src/core/ledger/importCsv";
import { importCsvFiles, scaffoldWorkbook } from "../src/app/ledgerService";
import { decodeText } from "../src/app/textInput";
import { openInputFile } from "../src/cli/book";
import { runCli } from "../src/cli/main";
import { MemoryGateway } from "../src/hosts/memory/memoryGateway";

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const MB = 2 ** 20;

async function readingSide(file: string, rosterFile: string): Promise<void> {
  const gw = new MemoryGateway();
  await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, new Date(2026, 0, 1));
  await importCsvFiles(gw, { roster: { name: path.basename(rosterFile), data: fs.readFileSync(rosterFile) } });
  const rssBefore = process.memoryUsage().rss;
  const input = openInputFile(file, "导入文件");

  const t0 = process.hrtime.bigint();
  const result = await importCsvFiles(gw, { entries: { name: path.basename(file), data: input.stream } });
  const totalMs = ms(t0);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const appended = gw.book.tables.get("LedgerTable")!.rows.length;
  if (appended !== result.entries) throw new Error(`appended ${appended}, counted ${result.entries}`);

  // The phases, timed apart afterwards on the whole file in memory (the peak above is the whole import's).
  const bytes = fs.readFileSync(file);
  const t1 = process.hrtime.bigint();
  const text = decodeText(bytes).text;
  const decodeMs = ms(t1);
  const t2 = process.hrtime.bigint();
  let records = 0;
  scanCsv(text, {}, () => records++);
  const parseMs = ms(t2);

  console.log(
    JSON.stringify({
      rows: result.entries,
      fileMB: input.size / MB,
      summary: result.inputs[0].summary,
      totalMs,
      decodeMs,
      parseMs,
      rowsAndAppendMs: Math.max(0, totalMs - decodeMs - parseMs),
      baseRssMB: rssBefore / MB,
      peakRssMB,
    }),
  );
}

async function wholeCommand(book: string, file: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let out = "";
  let err = "";
  const t0 = process.hrtime.bigint();
  const code = await runCli(["import", book, "--entries", file], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  const totalMs = ms(t0);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  if (code !== 0) throw new Error(`party-ledger import exited ${code}: ${err}`);
  const rows = Number(/积分记录：追加 (\d+) 行/.exec(out)?.[1]);
  console.log(JSON.stringify({ rows, fileMB: fs.statSync(file).size / MB, bookMB: fs.statSync(book).size / MB, totalMs, baseRssMB: rssBefore / MB, peakRssMB }));
}

const args = process.argv.slice(2);
void (args[0] === "cli" ? wholeCommand(args[1], args[2]) : readingSide(args[0], args[1]));
