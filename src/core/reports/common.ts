/**
 * The parts every committee report shares: settings, cells, title and signature rows, page setup and
 * formula ranges. Reports are plain SheetModels: values and standard Excel formulas only (SUM, AVERAGE,
 * ROUND, COUNTIF), never PARTY.*, so they open and print without the add-in (Excel, WPS, LibreOffice).
 */
import { fnv1a } from "../hash";
import { CoreError } from "../errors";
import type { MemberScore, ScoreResult } from "../engine/types";
import { type Period, describePeriod } from "../period";
import type { Granularity, Scheme } from "../scheme/schema";
import { type CellSpec, type CellStyle, type SheetModel, columnLetter, isoToSerial, serialToIso } from "../sheetModel";
import { EXCEL_LIMITS, fitSheetName } from "../ops/excelLimits";

/** What a report needs to know about the branch (from the 设置 sheet) and the day it is made. */
export interface ReportSettings {
  /** 支部名称 */
  branch: string;
  /** 支部书记 */
  secretary: string;
  /** 记录人（组织委员）, signs as 制表人 / 填表人. */
  clerk: string;
  /** 申诉联系人及方式 */
  contact: string;
  /** The day the report is made, ISO YYYY-MM-DD. Passed in: builders never read the clock. */
  today: string;
}

export const PAGE_FOOTER = "第 &P 页，共 &N 页";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for an ISO date YYYY-MM-DD that is a real calendar day. */
export function isIsoDate(iso: unknown): iso is string {
  return typeof iso === "string" && ISO_DATE.test(iso) && serialToIso(isoToSerial(iso)) === iso;
}

/** Checks an ISO date (a real calendar day); throws CoreError otherwise. */
export function checkIsoDate(iso: string, what = "制表日期"): string {
  if (!isIsoDate(iso)) throw new CoreError("bad-date", `${what}「${iso}」不是有效日期，应为 YYYY-MM-DD`);
  return iso;
}

export function addDays(iso: string, days: number): string {
  return serialToIso(isoToSerial(checkIsoDate(iso)) + days);
}

/** "2026-07-01" → "2026年7月1日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = checkIsoDate(iso).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** A blank date to fill in by hand. */
export const BLANK_DATE = "    年    月    日";

/** Throws unless the result is for a period of the kind the form is made for. */
export function requirePeriod(result: ScoreResult, kind: Granularity, form: string): Period {
  if (result.period.kind !== kind) {
    const names: Record<Granularity, string> = { month: "月份", quarter: "季度", half: "半年", cycle: "年度" };
    throw new CoreError("bad-period", `${form}须按${names[kind]}生成，收到的期间为 ${result.period.label}`);
  }
  return result.period;
}

export function periodText(result: ScoreResult, scheme: Scheme): string {
  return describePeriod(result.period, scheme.cycleStartMonth);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ] (cut: for names that may meet, see memberSheetName). */
export function sheetName(...parts: (string | number)[]): string {
  return parts
    .map(String)
    .join("-")
    .replace(/[:\\/?*[\]]/g, "_")
    .slice(0, 31);
}

/** FNV-1a over the UTF-16 code units: a short, stable tag for a text. */
function tag(text: string): string {
  return fnv1a(text).toString(36).padStart(7, "0");
}

/**
 * The sheet of one member, e.g. 个人台账-001-2026: unique by construction as Excel compares sheet names
 * (case-insensitive, 31 characters, none of : \ / ? * [ ]), and depending on the id alone, so the same
 * member's sheet has the same name whichever members are generated with it. An id that does not stand
 * unchanged in a name — a character Excel does not allow (A/1), a lower-case letter (a1 beside A1), a
 * "~", or too long to fit — gets "~" and a tag of the whole id: 个人台账-A_1~0k3f9qz-2026. A plain
 * name has no "~", so it never meets a tagged one.
 */
export function memberSheetName(prefix: string, id: string, year: number | string): string {
  const plain = `${prefix}-${id}-${year}`;
  if (plain.length <= EXCEL_LIMITS.sheetName && !/[:\\/?*[\]~']/.test(id) && id === id.toUpperCase() && id.trim() === id && id !== "") return plain;
  return fitSheetName(`${prefix}-${id}`, `~${tag(id)}-${year}`);
}

// ---- cells -------------------------------------------------------------------------------------

/** Text cell: always written as text, so a name like "=1+1" stays a name. */
export function text(value: string, style: CellStyle = "cell"): CellSpec {
  return { value, text: true, style };
}

export function num(value: number | null, style: CellStyle = "number"): CellSpec {
  return { value, style };
}

export function header(label: string): CellSpec {
  return text(label, "header");
}

export function blank(style: CellStyle = "cell"): CellSpec {
  return { value: null, style };
}

export function formula(f: string, style: CellStyle = "total"): CellSpec {
  return { formula: f, style };
}

/** "E5:E9" for a column (0-based) and rows (1-based, inclusive). */
export function columnRange(column: number, firstRow: number, lastRow: number): string {
  const c = columnLetter(column);
  return `${c}${firstRow}:${c}${lastRow}`;
}

/** =SUM over a column's rows; a plain 0 when there are no rows (an empty range would read the header). */
export function sumCell(column: number, firstRow: number, lastRow: number): CellSpec {
  return lastRow < firstRow ? num(0, "total") : formula(`=SUM(${columnRange(column, firstRow, lastRow)})`);
}

/** =ROUND(AVERAGE(…),1) over a column's rows; blank when there are no rows. */
export function averageCell(column: number, firstRow: number, lastRow: number): CellSpec {
  return lastRow < firstRow ? blank("total") : formula(`=ROUND(AVERAGE(${columnRange(column, firstRow, lastRow)}),1)`);
}

/** COUNTIF criteria matching exactly this text (wildcards and leading operators escaped). */
export function exactCriteria(value: string): string {
  let v = value.replace(/[~*?]/g, (ch) => `~${ch}`);
  if (/^[=<>]/.test(v)) v = `=${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

export function countIfCell(column: number, firstRow: number, lastRow: number, value: string): CellSpec {
  return lastRow < firstRow ? num(0, "total") : formula(`=COUNTIF(${columnRange(column, firstRow, lastRow)},${exactCriteria(value)})`, "number");
}

// ---- sheet builder -----------------------------------------------------------------------------

export interface PageOptions {
  orientation: "portrait" | "landscape";
  /** The table header rows, 1-based inclusive: repeated on every printed page and frozen on screen. */
  headerRows: [number, number];
  columnWidths: number[];
}

/** Rows appended top to bottom; knows the next row number so formulas can point at real cells. */
export class SheetBuilder {
  readonly rows: CellSpec[][] = [];
  readonly merges: string[] = [];

  constructor(
    readonly name: string,
    /** Number of columns of the table; lines and titles are merged across them. */
    readonly width: number,
  ) {}

  /** 1-based number of the row the next add will write. */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  /** Adds a row; returns its 1-based number. */
  add(cells: CellSpec[]): number {
    this.rows.push(cells);
    return this.rows.length;
  }

  /** A line merged across the table's width (title, subtitle, notes, 表扬/督促 lines). */
  line(value: string, style: CellStyle = "subtitle"): number {
    const row = this.add([text(value, style)]);
    if (this.width > 1) this.merges.push(`A${row}:${columnLetter(this.width - 1)}${row}`);
    return row;
  }

  blankRow(): number {
    return this.add([]);
  }

  /**
   * One row holding several parts spread evenly across the width, each merged over its share:
   * "制表人：…", "制表日期：…", "党支部（盖章）".
   */
  spread(parts: string[], style: CellStyle = "signature"): number {
    const row = this.nextRow;
    const cells: CellSpec[] = [];
    const starts = parts.map((_, i) => Math.floor((i * this.width) / parts.length));
    parts.forEach((part, i) => {
      const start = starts[i];
      const end = (i + 1 < parts.length ? starts[i + 1] : this.width) - 1;
      while (cells.length < start) cells.push(blank(style));
      cells.push(part ? text(part, style) : blank(style));
      if (end > start) this.merges.push(`${columnLetter(start)}${row}:${columnLetter(end)}${row}`);
    });
    return this.add(cells);
  }

  /** Signature lines after a blank row, one `spread` row per group. */
  signatures(...groups: string[][]): void {
    this.blankRow();
    for (const parts of groups) this.spread(parts);
  }

  build(page: PageOptions): SheetModel {
    return {
      name: this.name,
      rows: this.rows,
      columnWidths: page.columnWidths,
      merges: this.merges,
      freezeRows: page.headerRows[1],
      page: {
        orientation: page.orientation,
        printTitleRows: page.headerRows,
        fitToWidth: true,
        centerFooter: PAGE_FOOTER,
      },
    };
  }
}

// ---- members -----------------------------------------------------------------------------------

/**
 * Ranked members by rank (ties in roster order), then the unranked in roster order. The engine keeps
 * the roster order in `members`, so a stable sort is enough.
 */
export function byRank(members: readonly MemberScore[]): MemberScore[] {
  const ranked = members.filter((m) => m.rank !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  return [...ranked, ...members.filter((m) => m.rank === null)];
}

/**
 * The components a period shows: the appraisal (民主评议) is only scored for the whole cycle, so
 * shorter periods leave its always-zero column out.
 */
export function shownComponents(result: ScoreResult, scheme: Scheme): string[] {
  if (result.period.kind === "cycle") return result.componentNames;
  const appraisal = scheme.components.find((c) => c.kind === "appraisal")?.name;
  return result.componentNames.filter((n) => n !== appraisal);
}

/** 备注 for unranked categories: the scheme's note (e.g. 积分作为教育考察依据), else 不参加排名. */
export function unrankedNote(member: MemberScore, scheme: Scheme): string {
  const category = scheme.categories.find((c) => c.name === member.category);
  return category?.note ?? "不参加排名";
}

export function vetoNote(member: MemberScore): string {
  return `一票否决：${member.vetoReason ?? ""}`;
}

/** The usual 备注: veto reason, or the category note for unranked members. */
export function memberNote(member: MemberScore, scheme: Scheme): string {
  if (member.veto) return vetoNote(member);
  if (member.rank === null) return unrankedNote(member, scheme);
  return "";
}

/** Width in characters for a header: CJK characters count double, wrapped headers stay narrow. */
export function widthFor(label: string, min = 8, max = 14): number {
  let w = 0;
  for (const ch of label) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return Math.max(min, Math.min(max, Math.ceil(w / 2) + 2));
}

/** Landscape when the table is wide: more than three components. */
export function orientationFor(componentCount: number): "portrait" | "landscape" {
  return componentCount > 3 ? "landscape" : "portrait";
}

/** Signature lines signed by hand: the label and room to sign. */
export const SIGN_HERE = {
  secretary: "支部书记（签字）：",
  member: "党员本人签字：",
  branchSecretary: "党支部书记签字：",
} as const;

/** An ideographic space between the parts of a line. */
export const GAP = "\u3000";
