/**
 * 党支部月度积分考核表 (S6, 医院《党支部、党员积分制管理细则》) for 党委（党总支）: one block per branch.
 * Rows: 1 title, 2 党委（党总支）/ 制表日期, then per branch a subtitle (上年考核得分), a header row, one
 * row per month and 年度得分; then the note on how the year score is formed and the signatures.
 * Columns A 月份, B 基础分, C 基础分扣分, D 基础分得分, E 任务分, F 奖励分, G 月度总分. January's 基础分
 * is the carried value; later months carry =MIN(40,ROUND(G<prev>*0.4,1)), so the sheet recomputes
 * when a clerk corrects a cell.
 */
import { BRANCH_MONTHLY_RULES, BRANCH_YEAR_SCORE_PENDING, type BranchMonthlyRules, type BranchYear } from "../branchScores/branchScores";
import type { SheetModel } from "../sheetModel";
import { GAP, type ReportSettings, SheetBuilder, averageCell, blank, chineseDate, formula, header, num, sheetName, text } from "./common";

const HEADERS = ["月份", "基础分（上月总分×40%）", "基础分扣分", "基础分得分", "任务分", "奖励分", "月度总分"];
const WIDTHS = [10, 22, 12, 12, 10, 10, 12];
// Column letters of the table above.
const [B, C, D, E, F, G] = ["B", "C", "D", "E", "F", "G"];

/** Sheet 支部积分-<year>. `rules` must be the ones the data was scored with. */
export function buildBranchScoreSheet(data: readonly BranchYear[], cycleYear: number, settings: ReportSettings, rules: BranchMonthlyRules = BRANCH_MONTHLY_RULES): SheetModel {
  const b = new SheetBuilder(sheetName("支部积分", cycleYear), HEADERS.length);
  b.line(`党支部月度积分考核表（${cycleYear}年）`, "title");
  const infoRow = b.line(`党委（党总支）：${settings.branch}${GAP}制表日期：${chineseDate(settings.today)}`);
  if (data.length === 0) b.line("本年度尚无党支部积分记录。", "note");
  for (const branch of data) {
    b.blankRow();
    b.line(`${branch.branch}${GAP}上年考核得分：${branch.previousYear ?? "未填写"}`);
    b.add(HEADERS.map(header));
    const first = b.nextRow;
    for (const m of branch.months) {
      const r = b.nextRow;
      const base = r === first ? num(m.base) : formula(`=MIN(${rules.base},ROUND(${G}${r - 1}*${rules.carry},1))`, "number");
      b.add([
        text(`${m.month}月`),
        base,
        num(m.deducted),
        formula(`=MAX(0,${B}${r}-${C}${r})`, "number"),
        num(m.task),
        num(m.reward),
        formula(`=${D}${r}+${E}${r}+${F}${r}`, "number"),
      ]);
    }
    const last = b.nextRow - 1;
    b.add([text("年度得分", "total"), blank("total"), blank("total"), blank("total"), blank("total"), blank("total"), averageCell(6, first, last)]);
  }
  b.blankRow();
  b.line(`注：${BRANCH_YEAR_SCORE_PENDING}。`, "note");
  b.signatures(["党委书记（签字）：", `制表人：${settings.clerk}`]);
  return b.build({ orientation: "landscape", headerRows: [1, infoRow], columnWidths: WIDTHS });
}
