// Run with --expose-gc: builds N small branch books, rolls them up, and prints the heap still in use
// after each book (after a full GC): what the roll-up keeps, not what the collector has not yet freed.
import fs from "fs";
import os from "os";
import path from "path";
import { SHEETS } from "../../src/core/ledger/layout";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { isoToSerial } from "../../src/core/sheetModel";
import { ExcelJsGateway } from "../../src/hosts/xlsx/excelJsGateway";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { rollupBooks } from "../../src/hosts/xlsx/rollupFiles";

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-rollup-mem-"));
  const scheme = getBuiltinScheme("star-member");
  const template = path.join(dir, "template.xlsx");
  const gw = new ExcelJsGateway();
  await scaffoldWorkbook(gw, scheme, { branch: "支部", year: 2026 });
  await gw.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: Array.from({ length: 30 }, (_, i) => [`M${i}`, `党员${i}`, "正式党员", null, null, null, null, "在册", null, null]), formats: formatsOf(SHEETS.roster) },
    { op: "appendRows", table: SHEETS.ledger.table, rows: Array.from({ length: 200 }, (_, i) => [isoToSerial(`2026-0${1 + (i % 9)}-1${i % 9}`), `M${i % 30}`, `党员${i % 30}`, "D1", null, 1, -1, null, null, null, null, i + 1]), formats: formatsOf(SHEETS.ledger) },
  ]);
  await gw.save(template);
  const files = Array.from({ length: count }, (_, i) => {
    const f = path.join(dir, `b${i}.xlsx`);
    fs.copyFileSync(template, f);
    return f;
  });
  const gc = (globalThis as { gc?: () => void }).gc!;
  let retained = 0;
  await rollupBooks(files, "2026", path.join(dir, "out.xlsx"), "same", () => {
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed);
  });
  console.log(JSON.stringify({ count, retainedHeapMB: retained / 2 ** 20 }));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
