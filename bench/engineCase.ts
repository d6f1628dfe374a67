// One engine measurement in its own process, so its peak memory is its own. Prints one JSON line.
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { scoreMembers } from "../src/core/engine/scoreMembers";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

const [entryCount, memberCount, schemeId] = [Number(process.argv[2]), Number(process.argv[3] ?? 10000), process.argv[4] ?? "star-member"];
const scheme = getBuiltinScheme(schemeId);
const members = syntheticRoster(memberCount);
const entries = syntheticEntries(scheme, members, entryCount, 2026);
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;

scoreMembers({ scheme, members, entries, period: "2026" }); // warm-up
const times: number[] = [];
let peakHeap = 0;
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  const result = scoreMembers({ scheme, members, entries, period: "2026" });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (result.members.length !== memberCount) throw new Error("scored the wrong number of members");
}
times.sort((a, b) => a - b);
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    entries: entryCount,
    members: memberCount,
    medianMs: times[1],
    ledgerRssMB: rssBefore / 2 ** 20,
    peakRssMB: maxRssMB,
    heapGrowthMB: Math.max(0, peakHeap - heapBefore) / 2 ** 20,
  }),
);
