// The largest single request (bytes as Office.js serialises it, counted by the strict Excel fake, which
// rejects one over 5 MB) of every write the task pane makes: generating the ledger, importing the roster
// and entries, and every report form. `npx tsx bench/requestSizeCase.ts 2000` prints one JSON line.
import { SHEETS } from "../src/core/ledger/layout";
import { formatsOf } from "../src/core/ledger/scaffold";
import { BUILTIN_SCHEMES } from "../src/core/scheme/presets";
import { REPORT_FORMS, REPORT_FORM_NAMES, type ReportFormName, reportPeriodKind, schemeForms } from "../src/core/reports/forms";
import type { Scheme } from "../src/core/scheme/schema";
import { isoToSerial } from "../src/core/sheetModel";
import { loadLedger, scaffoldWorkbook } from "../src/app/ledgerService";
import { buildReport } from "../src/app/reportService";
import { OfficeJsGateway } from "../src/hosts/office/officeJsGateway";
import { createExcelFake } from "../test/fakes/excelFake";
import { readOnlyGateway, syntheticEntries, syntheticRoster, syntheticTables } from "./syntheticLedger";

export interface LargestRequest {
  operation: string;
  /** Bytes of the largest request, and how many requests the write took. */
  bytes: number;
  requests: number;
}

const PERIODS = { cycle: "2026", half: "2026H1", quarter: "2026Q1", month: "2026-03" } as const;

/** A built-in scheme that uses the form (the first in the presets' order). */
function schemeFor(form: ReportFormName): Scheme {
  const scheme = BUILTIN_SCHEMES.find((s) => schemeForms(s).includes(form));
  if (!scheme) throw new Error(`no built-in scheme uses ${form}`);
  return scheme;
}

/** A write on a fresh fake: its largest request and how many it took. */
async function measure(operation: string, write: (gw: OfficeJsGateway) => Promise<void>): Promise<LargestRequest> {
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  await write(gw);
  return { operation, bytes: Math.max(...fake.syncPayloads), requests: fake.syncCount };
}

export async function largestRequests(memberCount: number, forms: readonly ReportFormName[] = REPORT_FORM_NAMES): Promise<LargestRequest[]> {
  const star = BUILTIN_SCHEMES.find((s) => s.id === "star-member")!;
  const members = syntheticRoster(memberCount);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const entries = syntheticEntries(star, members, memberCount * 10, 2026);
  const width = (cells: (string | number | null)[], columns: number) => [...cells, ...Array.from({ length: columns - cells.length }, () => null)];
  const out: LargestRequest[] = [
    await measure("生成台账", async (gw) => {
      await scaffoldWorkbook(gw, star, { branch: "基准支部", year: 2026 });
    }),
  ];
  out.push(
    await measure(`导入（名册 ${memberCount} 人、${entries.length} 条记录）`, async (gw) => {
      await scaffoldWorkbook(gw, star, { branch: "基准支部", year: 2026 });
      await gw.apply([
        { op: "appendRows", table: SHEETS.roster.table, rows: members.map((m) => width([m.id, m.name, m.category, null, null, null, null, "在册"], SHEETS.roster.columns.length)), formats: formatsOf(SHEETS.roster) },
        {
          op: "appendRows",
          table: SHEETS.ledger.table,
          rows: entries.map((e, i) => width([isoToSerial(e.date), e.memberId, names.get(e.memberId)!, e.itemCode, null, e.count ?? 1, e.value ?? null, null, null, null, null, i + 1], SHEETS.ledger.columns.length)),
          formats: formatsOf(SHEETS.ledger),
        },
      ]);
    }),
  );
  for (const form of forms) {
    const scheme = schemeFor(form);
    const schemeEntries = scheme === star ? entries : syntheticEntries(scheme, members, memberCount * 10, 2026);
    const ledger = await loadLedger(readOnlyGateway(syntheticTables(scheme, members, schemeEntries, 2026)));
    const { models } = buildReport(ledger, form, PERIODS[reportPeriodKind(REPORT_FORMS[form], scheme)], "2026-12-20");
    out.push(await measure(`报表「${form}」（${models.length} 张工作表）`, (gw) => gw.apply(models.map((model) => ({ op: "writeSheet", model })))));
  }
  return out;
}

if (require.main === module) {
  largestRequests(Number(process.argv[2] ?? 2000))
    .then((rows) => console.log(JSON.stringify(rows)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
