// The bench ledger written into any gateway: scaffold, then the roster and a year of entries in one batch.
import { SHEETS } from "../src/core/ledger/layout";
import { formatsOf } from "../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { isoToSerial } from "../src/core/sheetModel";
import type { WorkbookGateway } from "../src/app/gateway";
import { scaffoldWorkbook } from "../src/app/ledgerService";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

export async function fillSyntheticBook(gw: WorkbookGateway, entryCount: number, memberCount: number): Promise<void> {
  const scheme = getBuiltinScheme("star-member");
  const members = syntheticRoster(memberCount);
  const entries = syntheticEntries(scheme, members, entryCount, 2026);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const items = new Map(scheme.items.map((i) => [i.code, i]));
  await scaffoldWorkbook(gw, scheme, { branch: "基准测试支部", year: 2026 });
  await gw.apply([
    { op: "appendRows", table: SHEETS.roster.table, rows: members.map((m) => [m.id, m.name, m.category, null, null, null, null, "在册", null, null]), formats: formatsOf(SHEETS.roster) },
    {
      op: "appendRows",
      table: SHEETS.ledger.table,
      rows: entries.map((e, i) => {
        const item = items.get(e.itemCode)!;
        const value = e.value ?? (item.points.kind === "fixed" ? item.points.value : null);
        return [isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, item.name, e.count ?? 1, value, null, null, null, null, i + 1];
      }),
      formats: formatsOf(SHEETS.ledger),
    },
  ]);
}
