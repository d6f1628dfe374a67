// PARTY.SCORES and 500 × PARTY.TOTAL over one ledger range, as Excel would pass it (header row,
// serial dates, numbers). SCORES runs through the production functions.js (argv[6]), the code
// Excel runs, loaded into this realm (a vm context would slow every global lookup); TOTAL runs
// through the core, whose counters prove the ledger is parsed once. Prints one JSON line.
import fs from "fs";
import vm from "vm";
import { isoToSerial } from "../src/core/sheetModel";
import { SHEETS } from "../src/core/ledger/layout";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { formulaCacheStats, resetFormulaCaches } from "../src/core/formulas/cache";
import { memberTotal } from "../src/core/formulas/scores";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

const [entryCount, memberCount, schemeId, totalCount] = [
  Number(process.argv[2] ?? 100000),
  Number(process.argv[3] ?? 10000),
  process.argv[4] ?? "star-member",
  Number(process.argv[5] ?? 500),
];
const bundlePath = process.argv[6];
const scheme = getBuiltinScheme(schemeId);
const members = syntheticRoster(memberCount);
const entries = syntheticEntries(scheme, members, entryCount, 2026);
const items = new Map(scheme.items.map((i) => [i.code, i]));
const names = new Map(members.map((m) => [m.id, m.name]));

type Cell = string | number;
const headers = (key: "ledger" | "roster" | "appraisals") => SHEETS[key].columns.map((c) => c.header as string);

// 日期, 编号, 姓名, 项目代码, 项目名称, 次数, 分值, 证明材料, 记录人, 说明 — 分值 filled for fixed items as the add-in does.
const ledger: Cell[][] = [headers("ledger")];
for (const e of entries) {
  const item = items.get(e.itemCode)!;
  const value = e.value ?? (item.points.kind === "fixed" ? item.points.value : "");
  ledger.push([isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, item.name, e.count ?? 1, value, "", "组织委员", ""]);
}
// 编号, 姓名, 党员类别, 所在支部, 入党日期, 转正日期, 联系方式, 在册状态, 备注
const roster: Cell[][] = [headers("roster")];
members.forEach((m, i) => roster.push([m.id, m.name, m.category, "第一支部", isoToSerial(`20${String(i % 20).padStart(2, "0")}-07-01`), "", "", "在册", ""]));
// 年度, 编号, 姓名, 评议等次, 分值
const grades = ["优秀", "合格", "合格", "基本合格"];
const appraisals: Cell[][] = [headers("appraisals")];
members.forEach((m, i) => appraisals.push([2026, m.id, m.name, grades[i % grades.length], ""]));

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const period = "2026";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const registered = new Map<string, (...args: unknown[]) => unknown>();
class FunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
Object.assign(globalThis, {
  CustomFunctions: {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
    Error: FunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  },
});
vm.runInThisContext(fs.readFileSync(bundlePath, "utf8"), { filename: "functions.js" });
const scoresFn = registered.get("SCORES")!;
// The functions are async (they may read the workbook's scheme themselves); with a scheme argument
// the answer is ready at once, so the time is still the computation's.
const callScores = async (range: Cell[][]) => {
  // The garbage of building the input is not the function's.
  gc();
  const t = process.hrtime.bigint();
  const table = (await scoresFn(range, roster, period, appraisals, schemeId)) as unknown[][];
  const elapsed = ms(t);
  if (!Array.isArray(table) || table.length !== memberCount + 1) throw new Error(`SCORES failed: ${JSON.stringify(table).slice(0, 200)}`);
  return elapsed;
};

async function main(): Promise<void> {
  // The first call of the process: nothing compiled yet, nothing cached.
  const scoresFirstMs = await callScores(ledger);
  // After each edit of one 分值 cell (what a clerk does before Excel recalculates): a cache miss.
  const afterEdit: number[] = [];
  for (let k = 0; k < 7; k++) {
    const edited = ledger.slice();
    const row = 1 + ((k * 7919) % entryCount);
    edited[row] = edited[row].slice();
    edited[row][5] = 3 + k; // 次数: 1 or 2 in the generated ledger, so every edit is new content

    afterEdit.push(await callScores(edited));
  }
  afterEdit.sort((a, b) => a - b);
  const scoresAfterEditMs = afterEdit[Math.floor(afterEdit.length / 2)];
  const scoresCachedMs = await callScores(ledger.slice());

  // 500 TOTAL cells, each for another member; every call gets a new outer array, as from Excel
  // (the cache is keyed on content, never on the array's identity).
  resetFormulaCaches();
  const step = Math.max(1, Math.floor(memberCount / totalCount));
  // Copying the arrays stands for Excel's marshalling and is not timed.
  let firstTotalMs = 0;
  let totalsMs = 0;
  for (let k = 0; k < totalCount; k++) {
    const args = { ledger: ledger.slice(), roster: roster.slice(), appraisals: appraisals.slice(), period, scheme, memberId: members[(k * step) % memberCount].id };
    const t1 = process.hrtime.bigint();
    const total = memberTotal(args);
    const elapsed = ms(t1);
    totalsMs += elapsed;
    if (k === 0) firstTotalMs = elapsed;
    if (typeof total !== "number") throw new Error(`TOTAL failed: ${JSON.stringify(total)}`);
  }

  console.log(
    JSON.stringify({
      entries: entryCount,
      members: memberCount,
      totals: totalCount,
      scoresFirstMs,
      scoresAfterEditMs,
      scoresCachedMs,
      totals500Ms: totalsMs,
      totalFirstMs: firstTotalMs,
      totalCachedMeanMs: (totalsMs - firstTotalMs) / Math.max(1, totalCount - 1),
      ledgerParses: formulaCacheStats.ledgerParses,
      scorings: formulaCacheStats.scorings,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

void main();
