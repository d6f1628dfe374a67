/**
 * 基层党支部评星晋级目标管理工作台账 (S4) with the roll-up across branches. Rows: 1 title, 2 填报单位 /
 * 填表日期, 3 table header (print title): 序号, 党组织名称, 书记, 党组织基本情况, one column per star (√),
 * 星数 (=COUNTIF), 评定星级 and 尚差星数 (nested IF over the scheme's levels), 晋级目标; one row per
 * branch; then the roll-up (现有 vs 晋级目标 per level, COUNTIF) and the signature lines.
 */
import { getBuiltinScheme } from "../scheme/presets";
import { STAR_SCHEME_ID } from "../formulas/starLevel";
import type { Scheme } from "../scheme/schema";
import { type SheetModel, columnLetter } from "../sheetModel";
import { type BranchStarRecord, STAR_MARK, starLevels, starNames } from "../stars/branchStars";
import { type ReportSettings, SheetBuilder, chineseDate, countIfCell, exactCriteria, formula, header, num, sumCell, text } from "./common";

export function buildBranchStarSheet(records: readonly BranchStarRecord[], year: number, settings: ReportSettings, scheme: Scheme = getBuiltinScheme(STAR_SCHEME_ID)): SheetModel {
  const stars = starNames(scheme);
  const levels = starLevels(scheme);
  const headers = ["序号", "党组织名称", "书记", "党组织基本情况", ...stars, "星数", "评定星级", "晋级目标", "尚差星数"];
  const widths = [6, 16, 10, 44, ...stars.map(() => 7), 6, 14, 14, 8];
  const firstStar = 4;
  const countCol = firstStar + stars.length;
  const levelCol = countCol + 1;
  const targetCol = levelCol + 1;
  const literal = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const C = (col: number, row: number) => `${columnLetter(col)}${row}`;
  // =IF(J4>=5,"五星级党支部",IF(J4>=4,…,"未定级")): the level a count reaches, highest first.
  const levelOf = (countRef: string) =>
    levels.slice(0, -1).reduceRight((inner, l) => `IF(${countRef}>=${l.min},${literal(l.name)},${inner})`, literal(levels[levels.length - 1].name));
  // The stars a level needs: IF(L4="五星级党支部",5,IF(…)); an unknown target needs none.
  const needOf = (targetRef: string) => levels.reduceRight((inner, l) => `IF(${targetRef}=${literal(l.name)},${l.min},${inner})`, "0");

  const b = new SheetBuilder(`评星晋级-${year}`, headers.length);
  b.line(`基层党支部评星晋级目标管理工作台账（${year}年度）`, "title");
  b.spread([`填报单位：${settings.branch}`, `填表日期：${chineseDate(settings.today)}`]);
  const headerRow = b.add(headers.map(header));
  const first = b.nextRow;
  records.forEach((r, i) => {
    const row = b.nextRow;
    const count = C(countCol, row);
    b.add([
      num(i + 1),
      text(r.branch),
      text(r.secretary),
      text(r.profile),
      ...stars.map((s) => text(r.stars.includes(s) ? STAR_MARK : "")),
      formula(`=COUNTIF(${C(firstStar, row)}:${C(countCol - 1, row)},${exactCriteria(STAR_MARK)})`, "number"),
      formula(`=${levelOf(count)}`, "cell"),
      text(r.target),
      formula(`=MAX(0,${needOf(C(targetCol, row))}-${count})`, "number"),
    ]);
  });
  const last = b.nextRow - 1;

  b.blankRow();
  b.line(`星级汇总：共 ${records.length} 个党支部，现有星级与晋级目标对照`, "subtitle");
  const rollupHeader = b.add([header("星级"), header(""), header("现有（个）"), header("晋级目标（个）")]);
  b.merges.push(`A${rollupHeader}:B${rollupHeader}`);
  const rollupFirst = b.nextRow;
  for (const l of levels) {
    const row = b.add([text(l.name), text(""), countIfCell(levelCol, first, last, l.name), countIfCell(targetCol, first, last, l.name)]);
    b.merges.push(`A${row}:B${row}`);
  }
  const rollupLast = b.nextRow - 1;
  const totalRow = b.add([text("合计", "total"), text("", "total"), sumCell(2, rollupFirst, rollupLast), sumCell(3, rollupFirst, rollupLast)]);
  b.merges.push(`A${totalRow}:B${totalRow}`);
  b.signatures(["党委书记（签字）：", `填表人：${settings.clerk}`]);
  return b.build({ orientation: "landscape", headerRows: [headerRow, headerRow], columnWidths: widths });
}
