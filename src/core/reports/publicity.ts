/**
 * 积分公示表: the period's scores posted for the members, with the 公示期 and whom to appeal to.
 *
 * Rows: 1 title, 2 公示期 (from today, N calendar days counting today), 3 申诉, 4 table header (print
 * title), members from row 5 in rank order (unranked after, in roster order), then 合计 (=SUM) and 平均 (=ROUND(AVERAGE(…),1)) over the
 * component and 总分 columns, a blank row and 制表人 / 制表日期 / 党支部（盖章）.
 */
import { CoreError } from "../errors";
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import { type SheetModel, columnLetter } from "../sheetModel";
import { type ReportSettings, SheetBuilder, addDays, chineseDate, orientationFor, periodText, sheetName } from "./common";
import { addScoreTable, scoreTableColumns } from "./scoreTable";

/** Whom to appeal to when 设置 names nobody (申诉联系人 blank). */
export const FALLBACK_CONTACT = "党支部组织委员";

export interface PublicityOptions {
  /** Length of the 公示期 in calendar days, `settings.today` being the first; default 5. */
  publicityDays?: number;
}

export function buildPublicitySheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings, opts: PublicityOptions = {}): SheetModel {
  const days = opts.publicityDays ?? 5;
  if (!Number.isInteger(days) || days < 1) throw new CoreError("bad-days", `公示天数须为正整数，收到 ${days}`);
  const cols = scoreTableColumns(result, scheme, false);
  const b = new SheetBuilder(sheetName("公示", result.period.label), cols.headers.length);
  b.line(`${settings.branch}党员积分公示（${periodText(result, scheme)}）`, "title");
  b.line(`公示期：${chineseDate(settings.today)}至${chineseDate(addDays(settings.today, days - 1))}（共${days}天）`, "note");
  b.line(`对积分有异议的，请于公示期内向 ${settings.contact.trim() || FALLBACK_CONTACT} 反映并提供证明材料`, "note");
  const table = addScoreTable(b, result, scheme, cols);
  b.signatures([`制表人：${settings.clerk}`, `制表日期：${chineseDate(settings.today)}`, "党支部（盖章）"]);
  const model = b.build({ orientation: orientationFor(cols.components.length), headerRows: [table.headerRow, table.headerRow], columnWidths: cols.widths });
  const total = columnLetter(cols.total);
  return table.lastRow >= table.firstRow ? { ...model, dataBars: [`${total}${table.firstRow}:${total}${table.lastRow}`] } : model;
}
