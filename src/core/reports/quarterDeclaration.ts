/**
 * 第X季度党员积分申报表 (党员积分手册范本): one row per member (roster order) with the quarter's
 * components, 季度得分 and an empty 本人签字 column.
 *
 * Rows: 1 title "<2026年度第三季度>党员积分申报表", 2 所在支部 / 填表时间, 3 table header (print title):
 * 序号, 编号, 姓名, 党员类别, each component, 季度得分, 本人签字; members from row 4; then 支部书记（签字）/
 * 填表人. No formulas.
 */
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { type ReportSettings, SIGN_HERE, SheetBuilder, blank, chineseDate, header, num, orientationFor, periodText, requirePeriod, sheetName, shownComponents, text, widthFor } from "./common";

/** Sheet 季度申报-<2026Q3>. */
export function buildQuarterDeclarationSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  requirePeriod(result, "quarter", "季度党员积分申报表");
  const components = shownComponents(result, scheme);
  const headers = ["序号", "编号", "姓名", "党员类别", ...components, "季度得分", "本人签字"];
  const widths = [6, 10, 10, 12, ...components.map((c) => widthFor(c)), 8, 14];
  const b = new SheetBuilder(sheetName("季度申报", result.period.label), headers.length);
  b.line(`${periodText(result, scheme)}党员积分申报表`, "title");
  b.spread([`所在支部：${settings.branch}`, `填表时间：${chineseDate(settings.today)}`]);
  const headerRow = b.add(headers.map(header));
  result.members.forEach((m, i) => {
    b.add([num(i + 1), text(m.id), text(m.name), text(m.category), ...components.map((c) => num(m.components[c] ?? 0)), num(m.total), blank()]);
  });
  b.signatures([SIGN_HERE.secretary, `填表人：${settings.clerk}`]);
  return b.build({ orientation: orientationFor(components.length), headerRows: [headerRow, headerRow], columnWidths: widths });
}
