import { execFileSync } from "child_process";
import path from "path";
import fc from "fast-check";
import { daysInMonth, formatYearMonth, isoToSerial, localIsoDate, localTimestamp, parseYearMonth, readDateInput, serialToIso, toIsoDate } from "./dates";
import { logOp } from "./ledger/log";
import { planApproval } from "./approval/approvals";
import { getBuiltinScheme } from "./scheme/presets";
import { SHEETS } from "./ledger/layout";
import type { TableData, WorkbookOp } from "./sheetModel";

/**
 * A Date as a clerk in Beijing (UTC+8) sees it, whatever this machine's zone: the local getters are
 * UTC+8, so a writer that used UTC (toISOString) instead of local time would show 8 hours early.
 */
function beijing(utcMs: number): Date {
  const shifted = new Date(utcMs + 8 * 3600000);
  const d = new Date(utcMs);
  d.getFullYear = () => shifted.getUTCFullYear();
  d.getMonth = () => shifted.getUTCMonth();
  d.getDate = () => shifted.getUTCDate();
  d.getHours = () => shifted.getUTCHours();
  d.getMinutes = () => shifted.getUTCMinutes();
  d.getSeconds = () => shifted.getUTCSeconds();
  return d;
}

describe("calendar dates as clerks type them", () => {
  it.each([
    ["2026-03-05", "2026-03-05"],
    ["2026/3/5", "2026-03-05"],
    ["2026.3.5", "2026-03-05"],
    ["2026年3月5日", "2026-03-05"],
    ["2026 年 3 月 5 号", "2026-03-05"],
    ["2026-3-5", "2026-03-05"],
    ["20260305", "2026-03-05"],
    ["2026/03/05 00:00:00", "2026-03-05"],
    ["2026-03-05 8:30", "2026-03-05"],
    ["2026-03-05T08:30:00", "2026-03-05"],
    ["２０２６－０３－０５", "2026-03-05"],
    ["２０２６年３月５日", "2026-03-05"],
    ["  2026-03-05\u3000", "2026-03-05"],
  ])("%s → %s", (text, iso) => {
    expect(toIsoDate(text)).toBe(iso);
  });

  it("reads Excel serials (a time of day dropped) and 20260305 typed as a number", () => {
    expect(toIsoDate(46086)).toBe("2026-03-05");
    expect(toIsoDate(46086.75)).toBe("2026-03-05");
    expect(toIsoDate(46085.9999999)).toBe("2026-03-05");
    expect(toIsoDate(20260305)).toBe("2026-03-05");
    expect(serialToIso(46086.5)).toBe("2026-03-05");
  });

  it.each(["2026-02-30", "2026-13-01", "2026/3", "3/5/2026", "20261305", "2026-03-05 25:00:00x", "明天", "", "1899-12-31"])("%s is no date", (text) => {
    expect(toIsoDate(text)).toBeNull();
  });

  it("reads a serial written as text only where a date is expected", () => {
    expect(toIsoDate("46086")).toBeNull();
    expect(readDateInput("46086")).toBe("2026-03-05");
    expect(readDateInput("４６０８６")).toBe("2026-03-05");
    expect(readDateInput("2026年3月5日")).toBe("2026-03-05");
    expect(readDateInput("123")).toBeNull();
  });

  it("serial ↔ ISO round-trips for every day from 1900-03-01 to 2999-12-31", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 401768 }), (serial) => {
        const iso = serialToIso(serial);
        expect(isoToSerial(iso)).toBe(serial);
        expect(toIsoDate(iso)).toBe(iso);
        expect(toIsoDate(serial)).toBe(iso);
      }),
    );
  });

  it("every day of a month, in every typed form, is the same day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const iso = d <= daysInMonth(y, m) ? `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` : null;
        for (const text of [`${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`]) expect(toIsoDate(text)).toBe(iso);
      }),
    );
  });
});

describe("months", () => {
  it.each([
    ["2026-03", { year: 2026, month: 3 }],
    ["2026.3", { year: 2026, month: 3 }],
    ["2015.12", { year: 2015, month: 12 }],
    ["2026/03", { year: 2026, month: 3 }],
    ["2026年3月", { year: 2026, month: 3 }],
    ["202603", { year: 2026, month: 3 }],
    ["２０２６年３月", { year: 2026, month: 3 }],
    ["2026-03-05", { year: 2026, month: 3 }],
  ])("%s", (text, ym) => {
    expect(parseYearMonth(text)).toEqual(ym);
    expect(formatYearMonth(ym)).toBe(`${ym.year}-${String(ym.month).padStart(2, "0")}`);
  });

  it("reads the month of a serial and refuses what is no month", () => {
    expect(parseYearMonth(46086)).toEqual({ year: 2026, month: 3 });
    for (const text of ["2026-13", "2026", "26.3", "三月"]) expect(parseYearMonth(text)).toBeNull();
  });
});

describe("local timestamps", () => {
  it("writes the clerk's wall clock, not UTC", () => {
    // 2026-07-05 01:30 UTC is 09:30 in Beijing.
    expect(localTimestamp(beijing(Date.UTC(2026, 6, 5, 1, 30, 7)))).toBe("2026-07-05 09:30:07");
    expect(localIsoDate(beijing(Date.UTC(2026, 6, 4, 20, 0, 0)))).toBe("2026-07-05");
  });

  it("in a process whose zone is Asia/Shanghai too", () => {
    const script = 'const d = require("./src/core/dates.ts"); process.stdout.write(d.localTimestamp(new Date(Date.UTC(2026, 6, 5, 1, 30, 7))))';
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.resolve(__dirname, "../.."), env: { ...process.env, TZ: "Asia/Shanghai" }, encoding: "utf8" });
    expect(out).toBe("2026-07-05 09:30:07");
  });

  it("操作日志 and 审定记录 of one approval carry the same local time", () => {
    const scheme = getBuiltinScheme("star-member");
    const now = beijing(Date.UTC(2026, 6, 5, 1, 30, 7));
    const ledger: TableData = { name: SHEETS.ledger.table, sheet: SHEETS.ledger.sheet, headers: SHEETS.ledger.columns.map((c) => c.header), rows: [], rowCount: 0, firstRow: 2, firstColumn: 0 };
    const approvals: TableData = { ...ledger, name: SHEETS.approvals.table, sheet: SHEETS.approvals.sheet, headers: SHEETS.approvals.columns.map((c) => c.header) };
    const tables = new Map([
      [ledger.name, ledger],
      [approvals.name, approvals],
    ]);
    const plan = planApproval(tables, scheme, "2026H1", { date: "2026-07-05", meeting: "第三次支委会" }, now);
    const appended = (table: string) => plan.ops.find((o): o is Extract<WorkbookOp, { op: "appendRows" }> => o.op === "appendRows" && o.table === table)!.rows[0];
    const approvalRow = appended(SHEETS.approvals.table);
    const logRow = appended(SHEETS.log.table);
    expect(approvalRow[approvalRow.length - 1]).toBe("2026-07-05 09:30:07");
    expect(logRow[0]).toBe("2026-07-05 09:30:07");
    expect((logOp(now, [{ action: "a", sheet: "s", range: "", detail: "" }]) as Extract<WorkbookOp, { op: "appendRows" }>).rows[0][0]).toBe("2026-07-05 09:30:07");
  });
});
