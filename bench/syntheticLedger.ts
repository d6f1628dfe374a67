import type { LedgerEntry, Member } from "../src/core/engine/types";
import type { Scheme } from "../src/core/scheme/schema";
import { seededRandom } from "../src/core/random";
import { SETTINGS_KEYS, SHEETS } from "../src/core/ledger/layout";
import { tableFromRows } from "../src/core/ledger/readLedger";
import type { TableData } from "../src/core/sheetModel";
import type { WorkbookGateway } from "../src/app/gateway";

export function syntheticRoster(count: number): Member[] {
  const categories = ["正式党员", "正式党员", "正式党员", "预备党员", "发展对象", "入党积极分子"];
  return Array.from({ length: count }, (_, i) => ({
    id: `M${String(i + 1).padStart(5, "0")}`,
    name: `党员${i + 1}`,
    category: categories[i % categories.length],
  }));
}

/** A year of valid entries spread over the roster and the scheme's non-veto items. */
export function syntheticEntries(scheme: Scheme, roster: Member[], count: number, year: number, seed = 42): LedgerEntry[] {
  const random = seededRandom(seed);
  const items = scheme.items.filter((i) => i.points.kind !== "veto" && !i.categories);
  const entries: LedgerEntry[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const item = items[Math.floor(random() * items.length)];
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const p = item.points;
    const value = p.kind === "range" ? Math.round((p.min + random() * (p.max - p.min)) * 10) / 10 : undefined;
    entries[i] = {
      date: `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`,
      memberId: roster[Math.floor(random() * roster.length)].id,
      itemCode: item.code,
      count: 1 + Math.floor(random() * 2),
      value,
      ref: i + 2,
    };
  }
  return entries;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An ISO date as the Excel serial number a gateway reads from a date cell. */
function serialOf(iso: string): number {
  return (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - EXCEL_EPOCH) / 86_400_000;
}

/** The 积分台账 table as a gateway reads it: layout columns, dates as serial numbers, blanks as null. */
export function syntheticLedgerTable(entries: readonly LedgerEntry[], roster: readonly Member[]): TableData {
  const names = new Map(roster.map((m) => [m.id, m.name]));
  return tableFromRows(
    SHEETS.ledger,
    entries.map((e, i) => [serialOf(e.date), e.memberId, names.get(e.memberId) ?? "", e.itemCode, "", e.count ?? null, e.value ?? null, "", "记录人", "", null, i + 1]),
  );
}

/** Every table loadLedger reads, for a branch of `roster` scored under `scheme` in `year`. */
export function syntheticTables(scheme: Scheme, roster: readonly Member[], entries: readonly LedgerEntry[], year: number): Map<string, TableData> {
  const settings = tableFromRows(SHEETS.settings, [
    [SETTINGS_KEYS.branch, "第一党支部", ""],
    [SETTINGS_KEYS.year, year, ""],
    [SETTINGS_KEYS.schemeId, scheme.id, ""],
    [SETTINGS_KEYS.secretary, "王书记", ""],
    [SETTINGS_KEYS.clerk, "李委员", ""],
  ]);
  const members = tableFromRows(
    SHEETS.roster,
    roster.map((m) => [m.id, m.name, m.category]),
  );
  const appraisal = scheme.components.find((c) => c.kind === "appraisal");
  const grades = appraisal?.kind === "appraisal" && appraisal.appraisal.mode === "grades" ? appraisal.appraisal.grades.map((g) => g.name) : null;
  const appraisals = tableFromRows(
    SHEETS.appraisals,
    appraisal ? roster.map((m, i) => [year, m.id, m.name, grades ? grades[i % grades.length] : null, grades ? null : 80]) : [],
  );
  const ledger = syntheticLedgerTable(entries, roster);
  return new Map([settings, members, appraisals, ledger].map((t) => [t.name, t]));
}

/** A gateway over fixed tables that only reads (what loadLedger needs). */
export function readOnlyGateway(tables: Map<string, TableData>): WorkbookGateway {
  const refuse = () => Promise.reject(new Error("read-only bench gateway"));
  return {
    inspect: refuse,
    readSheet: refuse,
    readSheets: refuse,
    apply: refuse,
    readTables: async (names) => new Map(names.flatMap((n) => (tables.has(n) ? [[n, tables.get(n)!] as const] : []))),
  };
}
