// context.sync() calls per task-pane operation, counted by the strict Excel fake. Prints one JSON line.
import { SHEETS } from "../src/core/ledger/layout";
import { formatsOf } from "../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { isoToSerial } from "../src/core/sheetModel";
import { loadLedger, scaffoldWorkbook, scoreLedger } from "../src/app/ledgerService";
import { OfficeJsGateway } from "../src/hosts/office/officeJsGateway";
import { createExcelFake } from "../test/fakes/excelFake";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

async function main(): Promise<void> {
  const [memberCount, entryCount] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 1000)];
  const scheme = getBuiltinScheme("star-member");
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  fake.resetCounters();
  await scaffoldWorkbook(gw, scheme, { branch: "基准支部", year: 2026 });
  const scaffoldEmpty = fake.syncCount;

  const members = syntheticRoster(memberCount);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const entries = syntheticEntries(scheme, members, entryCount, 2026);
  fake.resetCounters();
  await gw.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: members.map((m) => [m.id, m.name, m.category, null, null, null, null, "在册", null, null]), formats: formatsOf(SHEETS.roster) },
    { op: "appendRows", table: SHEETS.ledger.table, rows: entries.map((e, i) => [isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, null, e.count ?? 1, e.value ?? null, null, null, null, null, i + 1]), formats: formatsOf(SHEETS.ledger) },
  ]);
  const importSyncs = fake.syncCount;

  fake.resetCounters();
  await scaffoldWorkbook(gw, scheme, { branch: "基准支部", year: 2026 });
  const scaffoldFilled = fake.syncCount;

  fake.resetCounters();
  const ledger = await loadLedger(gw);
  const readSyncs = fake.syncCount;

  const result = scoreLedger(ledger, "2026Q1");
  fake.resetCounters();
  await gw.apply([{ op: "writeSheet", model: { name: "公示-2026Q1", rows: result.members.map((m) => [{ value: m.id, text: true }, { value: m.name, text: true }, { value: m.total }]) } }]);
  const reportSyncs = fake.syncCount;
  console.log(JSON.stringify({ members: memberCount, entries: entryCount, scaffoldEmpty, importSyncs, scaffoldFilled, readSyncs, reportSyncs }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
