/**
 * 积分兑换台账 (S7): for the committee, each member's approved points, points redeemed and balance.
 * Rows: 1 title, 2 支部名称（盖章）/ 制表日期, 3 table header (print title), members from row 4 in
 * roster order, 合计 (=SUM), then 支部书记（签字）/ 制表人. 可兑换余额 is a formula (已审定 − 已兑换),
 * so the sheet stays right when a figure is corrected by hand.
 */
import type { RedemptionBalance } from "../redemption/redemption";
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import type { SheetModel } from "../sheetModel";
import { type ReportSettings, SIGN_HERE, SheetBuilder, chineseDate, formula, header, num, periodText, requirePeriod, sheetName, sumCell, text } from "./common";

const HEADERS = ["序号", "编号", "姓名", "已审定积分", "已兑换积分", "可兑换余额", "备注"];
const WIDTHS = [6, 10, 10, 12, 12, 12, 20];

/** 积分兑换台账, sheet 积分兑换-<2026>: the cycle's approved points against what was redeemed. */
export function buildRedemptionSheet(balances: readonly RedemptionBalance[], result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  const form = "党员积分兑换台账";
  requirePeriod(result, "cycle", form);
  const b = new SheetBuilder(sheetName("积分兑换", result.period.label), HEADERS.length);
  b.line(`${settings.branch}${form}（${periodText(result, scheme)}）`, "title");
  b.spread([`支部名称（盖章）：${settings.branch}`, `制表日期：${chineseDate(settings.today)}`]);
  const headerRow = b.add(HEADERS.map(header));
  const first = b.nextRow;
  balances.forEach((m, i) => {
    const row = b.nextRow;
    b.add([num(i + 1), text(m.memberId), text(m.name), num(m.earned), num(m.redeemed), formula(`=D${row}-E${row}`, "number"), text(m.balance < 0 ? "已兑换超过已审定积分，请核对" : "")]);
  });
  const last = b.nextRow - 1;
  if (balances.length > 0) b.add([text("合计", "total"), text("", "total"), text("", "total"), sumCell(3, first, last), sumCell(4, first, last), sumCell(5, first, last), text("", "total")]);
  b.line("已审定积分为支委会审定各期间积分之和；兑换事项与兑换标准由支部确定，兑换不影响考核积分和排名。", "note");
  b.signatures([SIGN_HERE.secretary, `制表人：${settings.clerk}`]);
  return b.build({ orientation: "portrait", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}
