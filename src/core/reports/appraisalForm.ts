/**
 * 党员民主评议表 (党员积分手册范本): the democratic appraisal of the cycle, one row per member in roster
 * order. The 评议等次 / 评议得分 column shows what was recorded (blank to fill in when nothing was);
 * schemes that score the appraisal add 评议积分 (the points it gives in the cycle result).
 *
 * Rows: 1 title, 2 支部名称（盖章）/ 填表日期, 3 table header (print title): 序号, 编号, 姓名, 党员类别,
 * 评议等次 (or 评议得分 for schemes that take the vote's score), [评议积分], 备注; members from row 4;
 * then 支部书记（签字）/ 填表人. No formulas.
 */
import type { Appraisal, ScoreResult } from "../engine/types";
import type { AppraisalComponent, Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { type ReportSettings, SIGN_HERE, SheetBuilder, blank, chineseDate, header, memberNote, num, periodText, requirePeriod, sheetName, text } from "./common";

/** Sheet 民主评议-<YYYY>. */
export function buildAppraisalFormSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings, appraisals: readonly Appraisal[]): SheetModel {
  const period = requirePeriod(result, "cycle", "党员民主评议表");
  const component = scheme.components.find((c): c is AppraisalComponent => c.kind === "appraisal");
  const byScore = component?.appraisal.mode === "score";
  const headers = ["序号", "编号", "姓名", "党员类别", byScore ? "评议得分" : "评议等次", ...(component ? ["评议积分"] : []), "备注"];
  const widths = [6, 10, 10, 12, 12, ...(component ? [10] : []), 32];
  const recorded = new Map<string, Appraisal>();
  for (const a of appraisals) if (a.cycleYear === period.cycleYear && !recorded.has(a.memberId)) recorded.set(a.memberId, a);

  const b = new SheetBuilder(sheetName("民主评议", period.cycleYear), headers.length);
  b.line(`党员民主评议表（${periodText(result, scheme)}）`, "title");
  b.spread([`支部名称（盖章）：${settings.branch}`, `填表日期：${chineseDate(settings.today)}`]);
  const headerRow = b.add(headers.map(header));
  result.members.forEach((m, i) => {
    const a = recorded.get(m.id);
    const score = a?.score !== undefined && Number.isFinite(a.score) ? num(a.score) : null;
    const grade = a?.grade?.trim() ? text(a.grade.trim()) : null;
    const given = (byScore ? score ?? grade : grade ?? score) ?? blank();
    b.add([num(i + 1), text(m.id), text(m.name), text(m.category), given, ...(component ? [num(m.components[component.name] ?? 0)] : []), text(memberNote(m, scheme))]);
  });
  b.signatures([SIGN_HERE.secretary, `填表人：${settings.clerk}`]);
  return b.build({ orientation: "portrait", headerRows: [headerRow, headerRow], columnWidths: widths });
}
