// Import of a large CSV in its own process, so its peak memory is its own. Prints one JSON line.
// The production path of `party-ledger import`: bytes as read from disk → encoding detected and decoded →
// parsed (separator detected) → rows built → appended to an in-memory ledger (the memory gateway).
import fs from "fs";
import path from "path";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { scanCsv } from "../src/core/ledger/importCsv";
import { importCsvFiles, scaffoldWorkbook } from "../src/app/ledgerService";
import { decodeText } from "../src/app/textInput";
import { MemoryGateway } from "../src/hosts/memory/memoryGateway";

const [file, rosterFile] = [process.argv[2], process.argv[3]];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  const gw = new MemoryGateway();
  await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 }, new Date(2026, 0, 1));
  await importCsvFiles(gw, { roster: { name: path.basename(rosterFile), data: fs.readFileSync(rosterFile) } });
  const rssBefore = process.memoryUsage().rss;
  const bytes = fs.readFileSync(file);

  const t0 = process.hrtime.bigint();
  const result = await importCsvFiles(gw, { entries: { name: path.basename(file), data: bytes } });
  const totalMs = ms(t0);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const appended = gw.book.tables.get("LedgerTable")!.rows.length;
  if (appended !== result.entries) throw new Error(`appended ${appended}, counted ${result.entries}`);

  // The phases, timed apart afterwards (the peak above is the whole import's).
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
      fileMB: bytes.length / 2 ** 20,
      summary: result.inputs[0].summary,
      totalMs,
      decodeMs,
      parseMs,
      rowsAndAppendMs: Math.max(0, totalMs - decodeMs - parseMs),
      baseRssMB: rssBefore / 2 ** 20,
      peakRssMB,
    }),
  );
}

void main();
