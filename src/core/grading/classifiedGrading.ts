/**
 * 党组织和党员分类定级积分晋位管理台账 (S9): per member and year, the problems found, the measures and
 * deadline to fix them, the 联系领导, the outcome, the 民主测评 result and whether the member is
 * promoted (晋位). One row per member and year; the score and 等次 come from the engine.
 */
import { toIsoDate, toNumber, toText } from "../cells";
import { Refused } from "../errors";
import { choice, integer, memberId, text, sideSheet } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { appendToStore, formatsOf } from "../ledger/scaffold";
import { checkStoreRows, textRecords } from "../stores/storeRows";
import type { AppraisalComponent, Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp } from "../sheetModel";
import type { ValidationIssue } from "../validation/validateLedger";

export const PROMOTION_CHOICES = ["是", "否"] as const;
export type PromotionChoice = (typeof PROMOTION_CHOICES)[number];

export const GRADING_STORE = sideSheet("分类定级", "GradingTable", "党员分类定级：每名党员每年一行，记录存在问题、整改措施、整改时限、联系领导、整改结果、民主测评结果及是否晋位", [...[integer("年度"), memberId(), text("姓名", 10), text("存在问题", 30), text("整改措施", 30), text("整改时限", 12), text("联系领导", 10)], ...[text("整改结果", 24), text("测评结果", 10), choice("是否晋位", 8, PROMOTION_CHOICES)]]);

/** Column index of each header in GRADING_STORE. */
const COL = Object.fromEntries(GRADING_STORE.columns.map((c, i) => [c.header, i])) as Record<string, number>;

export interface GradingInput {
  year: number;
  memberId: string;
  problems?: string;
  measures?: string;
  /** A date; "" clears it on update. */
  deadline?: string;
  leader?: string;
  outcome?: string;
  appraisal?: string;
  promoted?: PromotionChoice | "";
}

const refuse = (message: string) => new Refused("grading", message);
const orNull = (value: string) => (value === "" ? null : value);
/** Free text as written (full-width punctuation kept), trimmed. */
const prose = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());

const DEADLINE_HINT = "应为日期（2026-12-31）或月份（2026-12）";
const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/**
 * 整改时限 as a date "2026-12-31" or a month "2026-12" (the seed writes 2015.12); null when it is neither.
 * A month typed into a General cell arrives as the number 2015.12 and is read as that month.
 */
export function deadlineOf(cell: Cell): string | null {
  if (typeof cell === "number") {
    const month = Math.round((cell - Math.trunc(cell)) * 100);
    // 1950 to 2099 as a date serial would be in 1905: such a number is a year.month or nothing.
    if (cell >= 1950 && cell < 2100)
      return month >= 1 && month <= 12 && Math.abs(Math.trunc(cell) + month / 100 - cell) < 1e-9 ? `${Math.trunc(cell)}-${String(month).padStart(2, "0")}` : null;
    return toIsoDate(cell);
  }
  const iso = toIsoDate(cell);
  if (iso) return iso;
  const m = MONTH.exec(toText(cell));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}`;
}

/**
 * Records a member's grading for a year: updates the fields given on the existing row of that member
 * and year, else appends a row (creating the sheet with its dropdowns the first time); logged.
 */
export function planGradingRecord(table: TableData | undefined, members: readonly { id: string; name: string }[], input: GradingInput, now: Date): WorkbookOp[] {
  const member = members.find((m) => m.id === toText(input.memberId));
  if (!member) throw refuse(`编号「${input.memberId}」不在党员名册中`);
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2999) throw refuse(`年度「${input.year}」不是四位年份`);
  const cells: Record<number, Cell> = {};
  const setText = (header: string, value: string | undefined) => {
    if (value !== undefined) cells[COL[header]] = orNull(prose(value));
  };
  setText("存在问题", input.problems);
  setText("整改措施", input.measures);
  if (input.deadline !== undefined) {
    const raw = toText(input.deadline);
    const deadline = deadlineOf(raw);
    if (raw && !deadline) throw refuse(`整改时限「${input.deadline}」${DEADLINE_HINT}`);
    cells[COL["整改时限"]] = deadline;
  }
  setText("联系领导", input.leader);
  setText("整改结果", input.outcome);
  if (input.appraisal !== undefined) cells[COL["测评结果"]] = orNull(toText(input.appraisal));
  if (input.promoted !== undefined) {
    const promoted = toText(input.promoted);
    if (promoted && !PROMOTION_CHOICES.includes(promoted as PromotionChoice)) throw refuse(`是否晋位「${input.promoted}」须为：${PROMOTION_CHOICES.join("、")}`);
    cells[COL["是否晋位"]] = orNull(promoted);
  }

  const who = `${member.name}（${member.id}）${input.year}年`;
  const index = table ? table.rows.findIndex((r) => toNumber(r[COL["年度"]] ?? null) === input.year && toText(r[COL["编号"]] ?? null) === member.id) : -1;
  if (table && index >= 0) {
    if (Object.keys(cells).length === 0) throw refuse(`${who}已有分类定级记录，请填写要更新的内容`);
    return [
      { op: "setCells", table: GRADING_STORE.table, row: index, cells, formats: formatsOf(GRADING_STORE) },
      logOp(now, [{ action: "更新分类定级", sheet: GRADING_STORE.sheet, range: `第${table.firstRow + index}行`, detail: who }]),
    ];
  }
  const row: Cell[] = GRADING_STORE.columns.map((_, c) => cells[c] ?? null);
  row[COL["年度"]] = input.year;
  row[COL["编号"]] = member.id;
  row[COL["姓名"]] = member.name;
  const ops = appendToStore(GRADING_STORE, table, [row]);
  ops.push(logOp(now, [{ action: "登记分类定级", sheet: GRADING_STORE.sheet, range: "", detail: who }]));
  return ops;
}

/** The scheme's 民主测评 grade names, when the appraisal is recorded by grade. */
function appraisalGrades(scheme: Scheme): string[] | null {
  const component = scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal");
  return component?.appraisal.mode === "grades" ? component.appraisal.grades.map((g) => g.name) : null;
}

/**
 * Problems of the 分类定级 sheet: unknown member, bad year, a member twice in a year, a 整改时限 that
 * is not a date, a bad 是否晋位 or 测评结果, and a promotion without an 整改结果 (warning).
 */
export function validateGrading(table: TableData | undefined, rosterIds: ReadonlySet<string>, scheme: Scheme): ValidationIssue[] {
  const grades = appraisalGrades(scheme);
  const seen = new Map<string, number>();
  return checkStoreRows(table, (r) => {
    const id = r.member(rosterIds);
    const year = r.year();
    if (id && year !== null) r.once(seen, `${year}|${id}`, "编号", "duplicate-grading", (first) => `编号 ${id} 在${year}年度已有分类定级记录（第${first}行）`);
    const deadline = r.text("整改时限");
    if (deadline && !deadlineOf(r.values["整改时限"])) r.add("整改时限", "error", "grading-bad-deadline", `整改时限「${deadline}」${DEADLINE_HINT}`);
    const promoted = r.text("是否晋位");
    if (promoted && !PROMOTION_CHOICES.includes(promoted as PromotionChoice)) r.add("是否晋位", "error", "bad-promotion", `是否晋位「${promoted}」须为：${PROMOTION_CHOICES.join("、")}`);
    const appraisal = r.text("测评结果");
    if (appraisal && grades && !grades.includes(appraisal)) r.add("测评结果", "error", "grading-unknown-appraisal", `测评结果「${appraisal}」不是评议等次（${grades.join("、")}）`);
    if (promoted === "是" && !r.text("整改结果")) r.add("整改结果", "warning", "promotion-without-outcome", "是否晋位为「是」，但整改结果为空");
  });
}

export interface GradingRecord {
  /** Sheet row of the 分类定级 sheet. */
  row: number;
  year: number | null;
  memberId: string;
  name: string;
  problems: string;
  measures: string;
  /** ISO date, or the cell as written when it is not a date. */
  deadline: string;
  leader: string;
  outcome: string;
  appraisal: string;
  promoted: string;
}

/** Every grading row with a 编号, in sheet order. */
export function gradingRows(table: TableData | undefined): GradingRecord[] {
  const fields = { memberId: "编号", name: "姓名", deadline: "整改时限", appraisal: "测评结果", promoted: "是否晋位" } as const;
  return textRecords(table, fields, "memberId").map(({ values, ...r }) => ({
    ...r,
    year: toNumber(values["年度"]),
    // Free text as written (full-width punctuation kept).
    problems: prose(values["存在问题"]),
    measures: prose(values["整改措施"]),
    leader: prose(values["联系领导"]),
    outcome: prose(values["整改结果"]),
    deadline: deadlineOf(values["整改时限"]) ?? r.deadline,
  }));
}

/** The grading rows of one year, in sheet order. */
export function readGrading(table: TableData | undefined, year: number): GradingRecord[] {
  return gradingRows(table).filter((g) => g.year === year);
}
