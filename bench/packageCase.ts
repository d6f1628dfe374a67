// The in-place .xlsx layer on a 10,000-member × 100,000-entry ledger. Prints one JSON line.
//   build <entries> <members> <file>   writes the workbook through the layer (not measured for memory)
//   measure <file>                     in a fresh process: open and read, append one entry and save,
//                                      write one report and save; the process's peak memory
//   entry <file>                       in a fresh process: the whole 录入 of one entry (read, validate, append, save)
import fs from "fs";
import { SHEETS } from "../src/core/ledger/layout";
import { formatsOf } from "../src/core/ledger/scaffold";
import { isoToSerial } from "../src/core/sheetModel";
import { newBookFile, openBookFile } from "../src/hosts/xlsx/bookFile";
import { appendEntry, loadLedger } from "../src/app/ledgerService";
import { writeReport } from "../src/app/reportService";
import { fillSyntheticBook } from "./syntheticBook";

async function build(entryCount: number, memberCount: number, file: string): Promise<void> {
  fs.rmSync(file, { force: true });
  const t0 = performance.now();
  const book = newBookFile(file);
  await fillSyntheticBook(book.gateway, entryCount, memberCount);
  await book.save();
  console.log(JSON.stringify({ entries: entryCount, members: memberCount, writeMs: performance.now() - t0, fileMB: fs.statSync(file).size / 2 ** 20 }));
}

async function measure(file: string): Promise<void> {
  const t0 = performance.now();
  const book = await openBookFile(file);
  // Only the count is kept, as a command keeps what it needs of the ledger.
  const entries = (await loadLedger(book.gateway)).entries.length;
  const readMs = performance.now() - t0;

  // The file layer alone: one row appended to 积分台账, then the save.
  const t1 = performance.now();
  await book.gateway.apply([
    { op: "appendRows", table: SHEETS.ledger.table, rows: [[isoToSerial("2026-12-01"), "M00001", "党员1", "D1", "", 1, null, null, null, null, null, null]], formats: formatsOf(SHEETS.ledger) },
  ]);
  await book.save();
  const appendSaveMs = performance.now() - t1;

  const t3 = performance.now();
  await writeReport(book.gateway, "公示", "2026H1", "2026-07-05");
  await book.save();
  const reportMs = performance.now() - t3;
  console.log(JSON.stringify({ entries, readMs, appendSaveMs, reportMs, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** What the task pane's 录入 does on this file, in its own process: open, read, validate the row in place, append and log, save. */
async function entry(file: string): Promise<void> {
  const t0 = performance.now();
  const book = await openBookFile(file);
  const appended = await appendEntry(book.gateway, { 日期: "2026-12-02", 编号: "M00002", 项目代码: "D1", 次数: "1" });
  await book.save();
  if (!appended.written) throw new Error("entry refused");
  console.log(JSON.stringify({ entryMs: performance.now() - t0, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

const [mode, ...args] = process.argv.slice(2);
(mode === "build" ? build(Number(args[0]), Number(args[1]), args[2]) : mode === "entry" ? entry(args[0]) : measure(args[0])).catch((e) => {
  console.error(e);
  process.exit(1);
});
