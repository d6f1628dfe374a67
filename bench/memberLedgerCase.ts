// 个人台账 (one sheet per member for the year) in its own process: the ledger read from the gateway's
// tables, then the report's SheetModels built. Prints one JSON line.
import { loadLedger } from "../src/app/ledgerService";
import { buildReport } from "../src/app/reportService";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { readOnlyGateway, syntheticEntries, syntheticRoster, syntheticTables } from "./syntheticLedger";

async function main(): Promise<void> {
  const [memberCount, entryCount, schemeId] = [Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 15000), process.argv[4] ?? "star-member"];
  const scheme = getBuiltinScheme(schemeId);
  const members = syntheticRoster(memberCount);
  const gateway = readOnlyGateway(syntheticTables(scheme, members, syntheticEntries(scheme, members, entryCount, 2026), 2026));

  const timed = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
    const t0 = process.hrtime.bigint();
    const value = await fn();
    return [value, Number(process.hrtime.bigint() - t0) / 1e6];
  };
  // The first of each is what a command-line run pays (nothing compiled yet); then the median of 3 more.
  const loads: number[] = [];
  const reports: number[] = [];
  let sheets = 0;
  for (let run = 0; run < 4; run++) {
    const [ledger, loadMs] = await timed(() => loadLedger(gateway));
    const [report, reportMs] = await timed(() => buildReport(ledger, "个人台账", "2026", "2026-12-20"));
    loads.push(loadMs);
    reports.push(reportMs);
    sheets = report.models.length;
  }
  if (sheets !== memberCount) throw new Error(`built ${sheets} sheets for ${memberCount} members`);
  const median = (xs: number[]) => [...xs.slice(1)].sort((a, b) => a - b)[1];
  console.log(JSON.stringify({ members: memberCount, entries: entryCount, sheets, loadFirstMs: loads[0], loadMs: median(loads), reportFirstMs: reports[0], reportMs: median(reports) }));
}

void main();
