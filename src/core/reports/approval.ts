/**
 * 党员年终等次评定审批表: the cycle's totals with the suggested grade, the 民主评议 result and an empty
 * 支部审定等次 column for the committee, then the grade distribution and the signature block.
 *
 * Rows: 1 title, 2 支部名称（盖章）/ 填表日期, 3 table header (print title), members from row 4 in rank
 * order (unranked after, in roster order). Columns A 序号, B 编号, C 姓名, D 党员类别, E 年度积分,
 * F 积分等次（建议）, G 民主评议结果, H 支部审定等次 (empty), I 备注. After a blank row the 等次分布 block:
 * B 积分等次, C:D 分数线 (merged), E 人数 = COUNTIF over column F for each grade band of the scheme, then
 * 合计 (=SUM).
 * Then 支部书记（签字）/ 支委会审定日期, 党委意见, （盖章）and its date. Portrait.
 */
import type { MemberScore, ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetModel } from "../sheetModel";
import {
  BLANK_DATE,
  type ReportSettings,
  SIGN_HERE,
  SheetBuilder,
  blank,
  byRank,
  chineseDate,
  countIfCell,
  header,
  num,
  periodText,
  requirePeriod,
  sheetName,
  sumCell,
  text,
  unrankedNote,
  vetoNote,
} from "./common";

const HEADERS = ["序号", "编号", "姓名", "党员类别", "年度积分", "积分等次（建议）", "民主评议结果", "支部审定等次", "备注"];
const WIDTHS = [6, 10, 10, 12, 10, 16, 14, 14, 32];
const GRADE_COLUMN = 5;
/** 人数 of the 等次分布 block: column E (分数线 spans C:D). */
const COUNT_COLUMN = 4;

/** "90分及以上", "70分及以上、90分以下", "60分以下" for the scheme's bands (highest first). */
export function bandRanges(scheme: Scheme): string[] {
  const bands = scheme.grades;
  if (bands.length === 1) return ["全部"];
  return bands.map((band, i) => {
    if (i === 0) return `${band.min}分及以上`;
    const upper = bands[i - 1].min;
    return i === bands.length - 1 ? `${upper}分以下` : `${band.min}分及以上、${upper}分以下`;
  });
}

function approvalNote(m: MemberScore, scheme: Scheme): string {
  const parts: string[] = [];
  if (m.veto) parts.push(vetoNote(m));
  if (m.probation) parts.push(`转正建议：${m.probation}`);
  if (m.gradeNote) parts.push(m.gradeNote);
  if (m.grade === null && !m.veto) parts.push(unrankedNote(m, scheme));
  return parts.join("；");
}

/**
 * Sheet 年终审批-<YYYY>. `appraisalResults` maps member id → 民主评议结果 as written (等次 or 得分);
 * members without one get an empty cell.
 */
export function buildApprovalSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings, appraisalResults: ReadonlyMap<string, string>): SheetModel {
  const period = requirePeriod(result, "cycle", "党员年终等次评定审批表");
  const b = new SheetBuilder(sheetName("年终审批", period.cycleYear), HEADERS.length);
  b.line(`党员年终等次评定审批表（${periodText(result, scheme)}）`, "title");
  b.spread([`支部名称（盖章）：${settings.branch}`, `填表日期：${chineseDate(settings.today)}`]);
  const headerRow = b.add(HEADERS.map(header));
  const firstRow = b.nextRow;
  byRank(result.members).forEach((m, i) => {
    b.add([
      num(i + 1),
      text(m.id),
      text(m.name),
      text(m.category),
      num(m.total),
      text(m.grade ?? ""),
      text(appraisalResults.get(m.id) ?? ""),
      blank(),
      text(approvalNote(m, scheme)),
    ]);
  });
  const lastRow = b.nextRow - 1;

  b.blankRow();
  const bandRow = (cells: CellSpec[]) => {
    const row = b.add(cells);
    b.merges.push(`C${row}:D${row}`);
  };
  bandRow([blank("note"), text("积分等次", "header"), text("分数线", "header"), blank("header"), text("人数", "header")]);
  const ranges = bandRanges(scheme);
  const firstBand = b.nextRow;
  scheme.grades.forEach((band, i) => {
    bandRow([blank("note"), text(band.name), text(ranges[i]), blank(), countIfCell(GRADE_COLUMN, firstRow, lastRow, band.name)]);
  });
  bandRow([blank("note"), text("合计", "total"), blank("total"), blank("total"), sumCell(COUNT_COLUMN, firstBand, b.nextRow - 1)]);

  b.signatures([SIGN_HERE.secretary, `支委会审定日期：${BLANK_DATE}`]);
  b.blankRow();
  b.spread(["党委意见："]);
  b.blankRow();
  b.blankRow();
  b.spread(["", "（盖章）"]);
  b.spread(["", BLANK_DATE]);
  return b.build({ orientation: "portrait", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}

/** 民主评议结果 by member id from the appraisal records of a cycle (等次, else 得分); the first record counts. */
export function appraisalResultsOf(appraisals: readonly { cycleYear: number; memberId: string; grade?: string; score?: number }[], cycleYear: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of appraisals) {
    if (a.cycleYear !== cycleYear || out.has(a.memberId)) continue;
    const value = a.grade?.trim() ? a.grade.trim() : a.score !== undefined && Number.isFinite(a.score) ? String(a.score) : "";
    if (value) out.set(a.memberId, value);
  }
  return out;
}
