// exceljs write and read of a ledger with 100,000 entries, through the gateway. Prints one JSON line.
import fs from "fs";
import os from "os";
import path from "path";
import { SHEETS } from "../src/core/ledger/layout";
import { formatsOf } from "../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { isoToSerial } from "../src/core/sheetModel";
import { ExcelJsGateway } from "../src/hosts/xlsx/excelJsGateway";
import { loadLedger, scaffoldWorkbook } from "../src/app/ledgerService";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

async function main(): Promise<void> {
  const [entryCount, memberCount] = [Number(process.argv[2] ?? 100000), Number(process.argv[3] ?? 10000)];
  const scheme = getBuiltinScheme("star-member");
  const members = syntheticRoster(memberCount);
  const entries = syntheticEntries(scheme, members, entryCount, 2026);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const items = new Map(scheme.items.map((i) => [i.code, i]));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-bench-")), "ledger.xlsx");

  const t0 = performance.now();
  const gw = new ExcelJsGateway();
  await scaffoldWorkbook(gw, scheme, { branch: "基准测试支部", year: 2026 });
  await gw.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: members.map((m) => [m.id, m.name, m.category, null, null, null, null, "在册", null]), formats: formatsOf(SHEETS.roster) },
    {
      op: "appendRows",
      table: SHEETS.ledger.table,
      rows: entries.map((e) => {
        const item = items.get(e.itemCode)!;
        const value = e.value ?? (item.points.kind === "fixed" ? item.points.value : null);
        return [isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, item.name, e.count ?? 1, value, null, null, null, null];
      }),
      formats: formatsOf(SHEETS.ledger),
    },
  ]);
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
