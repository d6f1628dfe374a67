/**
 * 党组织和党员分类定级积分晋位管理台账 and its 分类定级积分晋位管理卡 (S9). Both list every member of the
 * result in roster order with 积分 and 等次 from the engine and the member's 分类定级 row of the cycle;
 * 测评结果 falls back to the recorded 民主评议 等次.
 *
 * 台账 rows: 1 title, 2 党组织 / 填报时间, 3 header (print title), members from row 4, then COUNTIF
 * per 等次 and 支部书记（签字）/ 填表人. 管理卡: one card per member, each on its own printed page.
 */
import type { GradingRecord } from "../grading/classifiedGrading";
import type { Appraisal, MemberScore, ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetModel } from "../sheetModel";
import { appraisalResultsOf } from "./approval";
import { BLANK_DATE, GAP, PAGE_FOOTER, type ReportSettings, SIGN_HERE, SheetBuilder, blank, chineseDate, countIfCell, header, num, periodText, requirePeriod, sheetName, text } from "./common";

const HEADERS = ["序号", "姓名", "所在党组织", "积分", "等次", "存在问题", "整改措施", "整改时限", "联系领导", "整改结果", "测评结果", "是否晋位"];
const WIDTHS = [6, 10, 18, 8, 10, 30, 30, 12, 10, 24, 10, 8];
const GRADE_COLUMN = 4;

type GradingLine = Omit<GradingRecord, "row" | "year" | "memberId" | "name"> & { member: MemberScore };

/** Each member of the result with its record of the cycle (first one counts) and 测评结果. */
function gradingLines(records: readonly GradingRecord[], result: ScoreResult, appraisals: readonly Appraisal[]): GradingLine[] {
  const year = result.period.cycleYear;
  const byMember = new Map<string, GradingRecord>();
  for (const r of records) if (r.year === year && !byMember.has(r.memberId)) byMember.set(r.memberId, r);
  const appraised = appraisalResultsOf(appraisals, year);
  return result.members.map((member) => {
    const r = byMember.get(member.id);
    return {
      member,
      problems: r?.problems ?? "",
      measures: r?.measures ?? "",
      deadline: r?.deadline ?? "",
      leader: r?.leader ?? "",
      outcome: r?.outcome ?? "",
      appraisal: r?.appraisal || appraised.get(member.id) || "",
      promoted: r?.promoted ?? "",
    };
  });
}

const filled = (when: string) => `填报时间：${chineseDate(when)}`;

/** Sheet 分类定级台账-<YYYY>. */
export function buildGradingLedgerSheet(records: readonly GradingRecord[], result: ScoreResult, scheme: Scheme, settings: ReportSettings, appraisals: readonly Appraisal[] = []): SheetModel {
  const form = "党组织和党员分类定级积分晋位管理台账";
  const period = requirePeriod(result, "cycle", form);
  const b = new SheetBuilder(sheetName("分类定级台账", period.label), HEADERS.length);
  b.line(`${form}（${periodText(result, scheme)}）`, "title");
  b.line(`党组织：${settings.branch}${GAP}${filled(settings.today)}`);
  const headerRow = b.add(HEADERS.map(header));
  const first = b.nextRow;
  gradingLines(records, result, appraisals).forEach((l, i) =>
    b.add([
      num(i + 1),
      text(l.member.name),
      text(settings.branch),
      num(l.member.total),
      text(l.member.grade ?? ""),
      text(l.problems),
      text(l.measures),
      text(l.deadline),
      text(l.leader),
      text(l.outcome),
      text(l.appraisal),
      text(l.promoted),
    ]),
  );
  const last = b.nextRow - 1;
  const totalBlank = (n: number) => Array.from({ length: n }, () => text("", "total"));
  for (const grade of scheme.grades) {
    const row = b.add([text(`${grade.name}人数`, "total"), ...totalBlank(GRADE_COLUMN - 1), countIfCell(GRADE_COLUMN, first, last, grade.name), ...totalBlank(HEADERS.length - GRADE_COLUMN - 1)]);
    b.merges.push(`A${row}:D${row}`);
  }
  b.signatures([SIGN_HERE.secretary, `填表人：${settings.clerk}`]);
  return b.build({ orientation: "landscape", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}

/** Sheet 管理卡-<YYYY>: one 分类定级积分晋位管理卡 per member, each starting a printed page. */
export function buildGradingCardSheet(records: readonly GradingRecord[], result: ScoreResult, _scheme: Scheme, settings: ReportSettings, appraisals: readonly Appraisal[] = []): SheetModel {
  const period = requirePeriod(result, "cycle", "分类定级积分晋位管理卡");
  const b = new SheetBuilder(sheetName("管理卡", period.cycleYear), 4);
  const pageBreaks: number[] = [];
  gradingLines(records, result, appraisals).forEach((l, i) => {
    const titleRow = b.line("分类定级积分晋位管理卡", "title");
    if (i > 0) pageBreaks.push(titleRow);
    b.line(filled(settings.today));
    const field = (label: string, value: CellSpec) => {
      const row = b.add([header(label), value, blank(), blank()]);
      b.merges.push(`B${row}:D${row}`);
    };
    field("姓名", text(l.member.name));
    field("所在党组织", text(settings.branch));
    field("积分", num(l.member.total));
    field("等次", text(l.member.grade ?? ""));
    field("存在问题", text(l.problems));
    field("整改措施", text(l.measures));
    field("整改时限", text(l.deadline));
    field("联系领导", text(l.leader));
    field("整改结果", text(l.outcome));
    field("测评结果", text(l.appraisal));
    field("是否晋位", text(l.promoted));
    b.signatures([SIGN_HERE.member, "联系领导签字："], ["党支部（盖章）", BLANK_DATE]);
  });
  return {
    name: b.name,
    rows: b.rows,
    columnWidths: [14, 20, 20, 20],
    merges: b.merges,
    page: { orientation: "portrait", fitToWidth: true, centerFooter: PAGE_FOOTER },
    pageBreaks,
  };
}
