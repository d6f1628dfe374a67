// One engine measurement in its own process, so its peak memory is its own. Prints one JSON line.
// The production path: the gateway's 积分台账 TableData read into columns once (what loadLedger does,
// timed as `parseMs`), then scored from the columns (`medianMs`).
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { scoreMembers } from "../src/core/engine/scoreMembers";
import { ledgerColumnsOfTable } from "../src/core/ledger/entryColumns";
import { syntheticEntries, syntheticLedgerTable, syntheticRoster } from "./syntheticLedger";

const [entryCount, memberCount, schemeId] = [Number(process.argv[2]), Number(process.argv[3] ?? 10000), process.argv[4] ?? "star-member"];
const scheme = getBuiltinScheme(schemeId);
const members = syntheticRoster(memberCount);
const table = syntheticLedgerTable(syntheticEntries(scheme, members, entryCount, 2026), members);
const rssBefore = process.memoryUsage().rss;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parses: number[] = [];
let entries = ledgerColumnsOfTable(table);
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  entries = ledgerColumnsOfTable(table);
  parses.push(ms(t0));
}
if (entries.length !== entryCount) throw new Error(`read ${entries.length} entries, wrote ${entryCount}`);

scoreMembers({ scheme, members, entries, period: "2026" }); // warm-up
const heapBefore = process.memoryUsage().heapUsed;
const times: number[] = [];
let peakHeap = 0;
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  const result = scoreMembers({ scheme, members, entries, period: "2026" });
  times.push(ms(t0));
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (result.members.length !== memberCount) throw new Error("scored the wrong number of members");
}
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    entries: entryCount,
    members: memberCount,
    medianMs: median(times),
    parseMs: median(parses),
    ledgerRssMB: rssBefore / 2 ** 20,
    peakRssMB: maxRssMB,
    heapGrowthMB: Math.max(0, peakHeap - heapBefore) / 2 ** 20,
  }),
);
