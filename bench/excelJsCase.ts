// exceljs write and read of a ledger with 100,000 entries, through the gateway. Prints one JSON line.
import fs from "fs";
import os from "os";
import path from "path";
import { ExcelJsGateway } from "../src/hosts/xlsx/excelJsGateway";
import { loadLedger } from "../src/app/ledgerService";
import { fillSyntheticBook } from "./syntheticBook";

async function main(): Promise<void> {
  const [entryCount, memberCount] = [Number(process.argv[2] ?? 100000), Number(process.argv[3] ?? 10000)];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-bench-")), "ledger.xlsx");

  const t0 = performance.now();
  const gw = new ExcelJsGateway();
  await fillSyntheticBook(gw, entryCount, memberCount);
  await gw.save(file);
  const writeMs = performance.now() - t0;

  const t1 = performance.now();
  const ledger = await loadLedger(await ExcelJsGateway.open(file));
  const readMs = performance.now() - t1;
  if (ledger.entries.length !== entryCount) throw new Error(`read ${ledger.entries.length} entries, wrote ${entryCount}`);
  console.log(JSON.stringify({ entries: entryCount, members: memberCount, writeMs, readMs, fileMB: fs.statSync(file).size / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
