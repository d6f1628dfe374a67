/**
 * 党员半年积分备案表 / 党员全年积分备案表 (党员积分手册范本): the publicity table filed with the
 * committee. Rows: 1 title, 2 支部名称（盖章）/ 填表日期, 3 table header (print title), members from
 * row 4 in rank order, 合计 (=SUM) and 平均 (=ROUND(AVERAGE(…),1)), then 支部书记（签字）/ 填表人.
 * The full-year sheet adds an 等次 column before 备注.
 */
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { type ReportSettings, SIGN_HERE, SheetBuilder, chineseDate, orientationFor, periodText, requirePeriod, sheetName } from "./common";
import { addScoreTable, scoreTableColumns } from "./scoreTable";

function buildFilingSheet(kind: "half" | "cycle", result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  const form = kind === "half" ? "党员半年积分备案表" : "党员全年积分备案表";
  requirePeriod(result, kind, form);
  const cols = scoreTableColumns(result, scheme, kind === "cycle");
  const b = new SheetBuilder(sheetName(kind === "half" ? "半年备案" : "全年备案", result.period.label), cols.headers.length);
  b.line(`${form}（${periodText(result, scheme)}）`, "title");
  b.spread([`支部名称（盖章）：${settings.branch}`, `填表日期：${chineseDate(settings.today)}`]);
  const table = addScoreTable(b, result, scheme, cols);
  b.signatures([SIGN_HERE.secretary, `填表人：${settings.clerk}`]);
  return b.build({ orientation: orientationFor(cols.components.length), headerRows: [table.headerRow, table.headerRow], columnWidths: cols.widths });
}

/** 党员半年积分备案表, sheet 半年备案-<2026H1>. */
export function buildHalfYearFilingSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  return buildFilingSheet("half", result, scheme, settings);
}

/** 党员全年积分备案表, sheet 全年备案-<2026>, with the 等次 column. */
export function buildYearFilingSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  return buildFilingSheet("cycle", result, scheme, settings);
}
