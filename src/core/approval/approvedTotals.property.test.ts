/**
 * Issue 23: whatever the clerk does to the ledger's rows by hand — sorts, rows inserted anywhere, rows
 * moved, a 撤销记录号 changed or cleared — an approved period's total either stays what the committee
 * approved or validation names the change at a row that was touched.
 */
import fc from "fast-check";
import { scoreMembers } from "../engine/scoreMembers";
import type { Member } from "../engine/types";
import { ledgerColumnsOfTable } from "../ledger/entryColumns";
import { SHEETS } from "../ledger/layout";
import { tableFromRows } from "../ledger/readLedger";
import { getBuiltinScheme } from "../scheme/presets";
import { type Cell, type TableData, isoToSerial } from "../sheetModel";
import { validateLedger } from "../validation/validateLedger";
import { planApproval } from "./approvals";

const scheme = getBuiltinScheme("company");
const items = scheme.items.filter((i) => i.points.kind === "fixed");
const category = scheme.categories[0].name;
const members: Member[] = [0, 1, 2, 3].map((i) => ({ id: `M${i}`, name: `党员${i}`, category }));
const REVERSES = SHEETS.ledger.columns.findIndex((c) => c.header === "撤销记录号");
const ID = SHEETS.ledger.columns.findIndex((c) => c.header === "记录号");
const NOW = new Date(Date.UTC(2026, 3, 5));

const day = (month: number, d: number) => isoToSerial(`2026-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

function entry(member: number, serial: number, item: number, id: Cell): Cell[] {
  const it = items[item % items.length];
  const row: Cell[] = [serial, `M${member}`, `党员${member}`, it.code, it.name, 1, it.points.kind === "fixed" ? it.points.value : null, null, null, null, null, null];
  row[ID] = id;
  return row;
}

const spec = fc.record({
  q1: fc.array(fc.record({ member: fc.nat(3), d: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 3 }), item: fc.nat(20) }), { minLength: 2, maxLength: 10 }),
  later: fc.array(fc.record({ member: fc.nat(3), d: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 4, max: 12 }), item: fc.nat(20) }), { maxLength: 6 }),
  reversed: fc.array(fc.nat(20), { maxLength: 2 }),
  edits: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant("sort" as const), column: fc.nat(11), desc: fc.boolean() }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(30), member: fc.nat(3), month: fc.integer({ min: 4, max: 12 }), item: fc.nat(20) }),
      fc.record({ kind: fc.constant("move" as const), from: fc.nat(30), to: fc.nat(30) }),
      fc.record({ kind: fc.constant("retarget" as const), row: fc.nat(30), target: fc.option(fc.nat(30), { nil: null }) }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

function q1Totals(ledger: TableData): Record<string, number> {
  const result = scoreMembers({ scheme, members, entries: ledgerColumnsOfTable(ledger), period: "2026Q1" });
  return Object.fromEntries(result.members.map((m) => [m.id, m.total]));
}

describe("approved totals under hand edits of the ledger (property)", () => {
  it("stay as approved, or validation names a touched row", () => {
    fc.assert(
      fc.property(spec, ({ q1, later, reversed, edits }) => {
        let rows: Cell[][] = [...q1.map((e, i) => entry(e.member, day(e.month, e.d), e.item, i + 1)), ...later.map((e, i) => entry(e.member, day(e.month, e.d), e.item, q1.length + i + 1))];
        // Corrections made before approval, inside Q1, each cancelling a Q1 row of its member.
        let next = rows.length + 1;
        for (const r of new Set(reversed.map((x) => x % q1.length))) {
          const target = rows[r];
          const reversal = [...target];
          reversal[REVERSES] = target[ID];
          reversal[ID] = next++;
          rows.push(reversal);
        }
        const base = new Map<string, TableData>([
          [SHEETS.settings.table, tableFromRows(SHEETS.settings, [["年度", "2026"], ["方案ID", "company"]])],
          [SHEETS.roster.table, tableFromRows(SHEETS.roster, members.map((m) => [m.id, m.name, m.category]))],
          [SHEETS.ledger.table, tableFromRows(SHEETS.ledger, rows)],
        ]);
        const approved = new Map(base);
        for (const op of planApproval(base, scheme, "2026Q1", { date: "2026-04-03" }, NOW).ops) {
          if (op.op !== "appendRows" || op.table === SHEETS.ledger.table) continue;
          const def = Object.values(SHEETS).find((s) => s.table === op.table);
          if (def) approved.set(op.table, tableFromRows(def, [...(approved.get(op.table)?.rows ?? []), ...op.rows]));
        }
        const before = q1Totals(approved.get(SHEETS.ledger.table)!);

        const touched = new Set<Cell[]>();
        for (const e of edits) {
          if (e.kind === "sort") rows = [...rows].sort((a, b) => (e.desc ? -1 : 1) * compare(a[e.column], b[e.column]));
          else if (e.kind === "insert") rows.splice(e.at % (rows.length + 1), 0, entry(e.member, day(e.month, 15), e.item, null));
          else if (e.kind === "move") {
            const [row] = rows.splice(e.from % rows.length, 1);
            rows.splice(e.to % (rows.length + 1), 0, row);
          } else {
            const row = rows[e.row % rows.length];
            row[REVERSES] = e.target === null ? null : (rows[e.target % rows.length][ID] ?? e.target);
            touched.add(row);
          }
        }
        const edited = new Map(approved).set(SHEETS.ledger.table, tableFromRows(SHEETS.ledger, rows));
        const after = q1Totals(edited.get(SHEETS.ledger.table)!);
        const flagged = validateLedger({ tables: edited }).issues.filter((i) => i.code === "approved-period-edited").map((i) => i.row);
        const touchedRows = new Set(rows.flatMap((r, i) => (touched.has(r) ? [i + 2] : [])));
        if (touched.size === 0) {
          expect(after).toEqual(before);
          expect(flagged).toEqual([]);
        } else if (JSON.stringify(after) !== JSON.stringify(before)) {
          expect(flagged.some((row) => touchedRows.has(row))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
