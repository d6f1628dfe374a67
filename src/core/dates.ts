// The one date/time module: Excel serials, dates and months as clerks type them, and the local
// timestamps every writer (操作日志, 审定记录) records. Local time is the clerk's: the host's time zone.
import { type CellValue, normalizeText } from "./cells";

const DAY_MS = 86400000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** 2999-12-31: serials past this are not dates a ledger holds. */
const MAX_SERIAL = 401768;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
}

/** A real calendar day between 1900 and 2999 (2026-02-30 is none). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function ymdToIso(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (no Date object: imports call this per cell). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/** Excel's date serial (1900 system) of a calendar day. */
export function ymdToSerial(y: number, m: number, d: number): number {
  return daysFromCivil(y, m, d) + UNIX_EPOCH_SERIAL;
}

/** Excel's date serial (1900 system) for an ISO date. */
export function isoToSerial(iso: string): number {
  return ymdToSerial(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** The calendar day of an Excel serial; a time of day (the fraction) is dropped, float noise tolerated. */
export function serialToIso(serial: number): string {
  return new Date(EPOCH_MS + Math.floor(serial + 1e-6) * DAY_MS).toISOString().slice(0, 10);
}

const TIME = String.raw`(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, with a time of day as WPS and Excel write it. */
const DATE_TEXT = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?${TIME}$`);
/** 20260305. */
const COMPACT = /^\d{8}$/;
const SERIAL_TEXT = /^\d{5}(\.\d+)?$/;

/** y·10000 + m·100 + d of a real day, or -1. */
function packed(y: number, m: number, d: number): number {
  return isValidYmd(y, m, d) ? y * 10000 + m * 100 + d : -1;
}

function packedOfCompact(n: number): number {
  return packed(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

/** The day a cell holds, packed; `serialText` also reads 46086 typed as text. */
function packedDay(value: CellValue, serialText: boolean): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return -1;
    if (value >= 19000101 && value <= 29991231 && Number.isInteger(value)) return packedOfCompact(value);
    if (value < 1 || value >= MAX_SERIAL + 1) return -1;
    const iso = serialToIso(value);
    return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
  }
  if (typeof value !== "string" || value.length > 40) return -1;
  const text = normalizeText(value);
  const m = DATE_TEXT.exec(text);
  if (m) return packed(Number(m[1]), Number(m[2]), Number(m[3]));
  if (COMPACT.test(text)) return packedOfCompact(Number(text));
  return serialText && SERIAL_TEXT.test(text) ? packedDay(Number(text), false) : -1;
}

function isoOfPacked(p: number): string | null {
  return p < 0 ? null : ymdToIso(Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100);
}

/**
 * A calendar date from a cell: an Excel serial number (1900 system), 20260305 as a number, or text
 * such as 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305 or "2026/03/05 00:00:00" (full-width
 * digits too). Null when the cell holds no real date.
 */
export function toIsoDate(value: CellValue): string | null {
  return isoOfPacked(packedDay(value, false));
}

/**
 * A date typed into an import file's date column: everything toIsoDate reads, and an Excel serial
 * written out as text (46086), which only a date column makes a date.
 */
export function readDateInput(value: CellValue): string | null {
  return isoOfPacked(packedDay(value, true));
}

/** readDateInput as an Excel serial (the import writes dates as serials). */
export function readDateSerial(value: CellValue): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_SERIAL) return value;
  const p = packedDay(value, true);
  return p < 0 ? null : ymdToSerial(Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100);
}

export interface YearMonth {
  year: number;
  month: number;
}

const MONTH_TEXT = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/;

/**
 * A month from a cell: text 2026-03, 2026-3, 2026.3, 2026/03, 2026年3月, 202603, or a date (text or
 * serial), whose month it is. Null when it is neither.
 */
export function parseYearMonth(value: CellValue): YearMonth | null {
  if (typeof value === "string" && value.length <= 40) {
    const m = MONTH_TEXT.exec(normalizeText(value));
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2] ?? m[3]);
      return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 ? { year, month } : null;
    }
  }
  const iso = toIsoDate(value);
  return iso ? { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) } : null;
}

/** "2026-03". */
export function formatYearMonth(ym: YearMonth): string {
  return `${ym.year}-${pad2(ym.month)}`;
}

/** A Date's calendar day where the clerk is (local time), as YYYY-MM-DD. */
export function localIsoDate(d: Date): string {
  return ymdToIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** A Date as the clerk's wall clock shows it: "YYYY-MM-DD HH:mm:ss", local time. Every record of when something was done uses this. */
export function localTimestamp(d: Date): string {
  return `${localIsoDate(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}
