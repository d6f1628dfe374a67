/**
 * 党员积分量化管理台账（XX年）for one month, branch-wide (党员积分量化管理细则).
 *
 * Rows: 1 title "党员积分量化管理台账（2026年）", 2 党支部 / 月份 / 支部书记签字, 3 table header (print
 * title): 序号, 党员姓名, each points component (the appraisal is scored once a year and left out),
 * 本月小计, 党员本人签字, 支部书记签字; members from row 4 in roster order. 本月小计 is =SUM over the
 * row's component cells (the engine's month total as a value if it ever differs). A note under the table
 * says when a component granted for longer than a month shows its standing at the month's end.
 */
import type { ScoreResult } from "../engine/types";
import { MONTHS_IN, type Scheme } from "../scheme/schema";
import { type SheetModel, columnLetter } from "../sheetModel";
import { toTenths } from "../tenths";
import { type ReportSettings, SheetBuilder, blank, formula, header, num, orientationFor, periodText, requirePeriod, sheetName, text, widthFor } from "./common";

/** Sheet 月度台账-<2026-03>. */
export function buildBranchMonthlyLedgerSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  const period = requirePeriod(result, "month", "党员积分量化管理台账");
  const points = scheme.components.filter((c) => c.kind === "points" && result.componentNames.includes(c.name));
  const components = points.map((c) => c.name);
  const headers = ["序号", "党员姓名", ...components, "本月小计", "党员本人签字", "支部书记签字"];
  const widths = [6, 10, ...components.map((c) => widthFor(c)), 10, 14, 14];
  const first = 2;
  const last = first + components.length - 1;

  const b = new SheetBuilder(sheetName("月度台账", period.label), headers.length);
  b.line(`党员积分量化管理台账（${period.cycleYear}年）`, "title");
  b.spread([`党支部：${settings.branch}`, `月份：${periodText(result, scheme)}`, "支部书记签字："]);
  const headerRow = b.add(headers.map(header));
  result.members.forEach((m, i) => {
    const row = b.nextRow;
    const sum = components.reduce((a, c) => a + toTenths(m.components[c] ?? 0), 0);
    const subtotal =
      components.length > 0 && sum === toTenths(m.total) ? formula(`=SUM(${columnLetter(first)}${row}:${columnLetter(last)}${row})`, "number") : num(m.total);
    b.add([num(i + 1), text(m.name), ...components.map((c) => num(m.components[c] ?? 0)), subtotal, blank(), blank()]);
  });
  if (points.some((c) => c.kind === "points" && MONTHS_IN[c.grant] > 1)) b.line("注：按季度、半年或年度核定的积分，显示截至本月末的余额。", "note");
  return b.build({ orientation: orientationFor(components.length), headerRows: [headerRow, headerRow], columnWidths: widths });
}
