import fc from "fast-check";
import { SHEETS } from "../ledger/layout";
import { type Cell, type TableData, columnLetter, isoToSerial } from "../sheetModel";
import { validateLedger } from "./validateLedger";
import { tableFromRows as tableOf } from "../ledger/readLedger";

const MEMBERS = [
  ["001", "张三", "正式党员"],
  ["002", "李四", "预备党员"],
  ["003", "王五", "发展对象"],
];
const settings = tableOf(SHEETS.settings, [["年度", 2026], ["方案ID", "star-member"], ["方案版本", 1]]);
const roster = tableOf(SHEETS.roster, MEMBERS);

function book(entries: TableData, appraisals: TableData = tableOf(SHEETS.appraisals, [])): Map<string, TableData> {
  return new Map([
    [SHEETS.settings.table, settings],
    [SHEETS.roster.table, roster],
    [SHEETS.ledger.table, entries],
    [SHEETS.appraisals.table, appraisals],
  ]);
}

/** Whatever Excel may hand over for a cell. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("长".repeat(100000), ` ${"=".repeat(5000)} `),
  fc.constantFrom("#N/A", "#VALUE!", "#REF!", "#DIV/0!", " ", "　", "１２", "－３", "2026-02-30", "2026/3/1", "=1+1", "D1", "001"),
  fc.double(),
  fc.integer({ min: -100000, max: 100000 }),
  fc.boolean(),
  fc.integer({ min: isoToSerial("2025-06-01"), max: isoToSerial("2027-06-01") }),
);

const LEDGER_HEADERS = SHEETS.ledger.columns.map((c) => c.header);

describe("validation fuzz", () => {
  it("never throws on 10,000 ledgers of random cells, and reports each cell at most once, inside the table", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { minLength: LEDGER_HEADERS.length, maxLength: LEDGER_HEADERS.length }), { maxLength: 6 }),
        fc.array(fc.array(anyCell, { minLength: 5, maxLength: 5 }), { maxLength: 3 }),
        (ledgerRows, appraisalRows) => {
          const r = validateLedger({ tables: book(tableOf(SHEETS.ledger, ledgerRows), tableOf(SHEETS.appraisals, appraisalRows)) });
          // Plain checks: 10,000 runs × jest's expect per issue would take most of a minute.
          const cells = new Set<string>();
          const problems: string[] = [];
          for (const issue of r.issues) {
            const key = `${issue.sheet}!${issue.column}${issue.row}`;
            if (cells.has(key)) problems.push(`reported twice: ${key}`);
            cells.add(key);
            const rows = issue.sheet === "积分台账" ? ledgerRows.length : appraisalRows.length;
            if (issue.row < 2 || issue.row > rows + 1) problems.push(`row outside the table: ${key}`);
            if (!/^第\d+行 /.test(issue.message) || issue.message.length >= 300) problems.push(`bad message: ${issue.message.slice(0, 80)}`);
          }
          expect(problems).toEqual([]);
          expect(r.errors + r.warnings).toBe(r.issues.length);
        },
      ),
      { numRuns: 10000 },
    );
  });

  // Valid rows with at most one cell broken each: the errors are exactly the broken cells.
  const validRow = fc.record({
    member: fc.nat({ max: 1 }),
    day: fc.integer({ min: 0, max: 360 }),
    item: fc.constantFrom("D1", "D2", "D4", "D5", "D6"),
    count: fc.integer({ min: 1, max: 3 }),
    value: fc.integer({ min: -40, max: -10 }).map((t) => t / 10),
  });
  const BREAKS: Record<string, Cell[]> = {
    日期: ["2026-02-30", "#N/A", "昨天", isoToSerial("2025-12-31"), isoToSerial("2027-01-01"), null],
    编号: ["999", "#REF!", null, "张三"],
    项目代码: ["ZZ", "#N/A", null, "V9"],
    次数: [0, -1, 1.5, "三次", "#VALUE!"],
    分值: [-6, 5, "扣三分", "#DIV/0!", -0.5],
  };

  it("reports every broken cell exactly once, at its own row and column", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(validRow, fc.option(fc.tuple(fc.constantFrom(...Object.keys(BREAKS)), fc.nat({ max: 5 })), { nil: null })), { maxLength: 8 }),
        (rows) => {
          const broken = new Set<string>();
          const cells: Cell[][] = rows.map(([v, brk], i) => {
            const start = new Date(Date.UTC(2026, 0, 1 + v.day)).toISOString().slice(0, 10);
            const [id, name] = MEMBERS[v.member];
            const isRange = v.item === "D6";
            const row: Cell[] = [isoToSerial(start), id, name, v.item, null, v.count, isRange ? v.value : null, "证明", null, `第${i}条`];
            if (brk) {
              const [header, pick] = brk;
              const options = BREAKS[header];
              let bad = options[pick % options.length];
              // A fixed item leaves 分值 blank when fine; a range item needs a value, so blank is a break there only.
              if (header === "分值" && !isRange && bad === -0.5) bad = -9;
              row[LEDGER_HEADERS.indexOf(header)] = bad;
              broken.add(`${columnLetter(LEDGER_HEADERS.indexOf(header))}${i + 2}`);
            }
            return row;
          });
          const r = validateLedger({ tables: book(tableOf(SHEETS.ledger, cells)) });
          const errors = r.issues.filter((x) => x.severity === "error").map((x) => `${x.column}${x.row}`);
          expect(errors.sort()).toEqual([...broken].sort());
        },
      ),
      { numRuns: 3000 },
    );
  });
});
