/**
 * 党员承诺事项登记表 (党员积分手册范本, “党员承诺事项登记表 年度:”): the year's commitments for the
 * committee. Rows: 1 title, 2 支部名称（盖章）/ 填表日期, 3 table header (print title), one row per
 * commitment, then counts by 完成情况 (COUNTIF) and 支部书记（签字）/ 填表人.
 */
import type { CommitmentRecord } from "../commitments/commitments";
import { COMMITMENT_STATUSES } from "../commitments/commitments";
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { type ReportSettings, SIGN_HERE, SheetBuilder, chineseDate, countIfCell, header, num, periodText, requirePeriod, sheetName, text } from "./common";

const HEADERS = ["序号", "编号", "姓名", "承诺事项", "承诺日期", "完成时限", "完成情况", "跟进记录"];
const WIDTHS = [6, 10, 10, 32, 12, 12, 10, 28];

export function buildCommitmentSheet(commitments: readonly CommitmentRecord[], result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  const form = "党员承诺事项登记表";
  requirePeriod(result, "cycle", form);
  const b = new SheetBuilder(sheetName("承诺事项", result.period.label), HEADERS.length);
  b.line(`${form}（${periodText(result, scheme)}）`, "title");
  b.spread([`支部名称（盖章）：${settings.branch}`, `填表日期：${chineseDate(settings.today)}`]);
  const headerRow = b.add(HEADERS.map(header));
  const first = b.nextRow;
  commitments.forEach((c, i) => b.add([num(i + 1), text(c.memberId), text(c.name), text(c.text), text(c.date), text(c.deadline), text(c.status), text(c.followUp)]));
  const last = b.nextRow - 1;
  if (commitments.length > 0)
    for (const status of COMMITMENT_STATUSES) b.add([text(status, "total"), text("", "total"), countIfCell(6, first, last, status), ...Array.from({ length: 5 }, () => text("", "total"))]);
  b.signatures([SIGN_HERE.secretary, `填表人：${settings.clerk}`]);
  return b.build({ orientation: "landscape", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}
