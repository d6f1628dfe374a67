/**
 * The party committee's roll-up: one row per branch and the leading members across branches. Built
 * from small per-branch summaries, so any number of branch workbooks can be read one at a time.
 */
import { CoreError } from "../errors";
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import { type CellSpec, type ChartSpec, type SheetModel, parseA1Range } from "../sheetModel";
import { type BranchStarRecord, starRollup } from "../stars/branchStars";
import { PAGE_FOOTER } from "./common";

export interface BranchSummary {
  branch: string;
  file: string;
  schemeId: string;
  schemeName: string;
  year: number;
  maxTotal: number;
  /** Members who take part in ranking. */
  members: number;
  average: number;
  grades: Record<string, number>;
  vetoes: number;
  approval: "已审定" | "部分审定" | "未审定";
  /** The branch's best members (at most `top`), for the cross-branch list. */
  leaders: { id: string; name: string; total: number }[];
  /** The 评星晋级 rows the branch keeps for the year (its own row, usually), for the star roll-up. */
  branchStars?: BranchStarRecord[];
}

export function summarizeBranch(
  result: ScoreResult,
  scheme: Scheme,
  info: { branch: string; file: string; year: number; approvedShare: number },
  top = 10,
): BranchSummary {
  const ranked = result.members.filter((m) => m.rank !== null);
  const grades: Record<string, number> = {};
  for (const g of scheme.grades) grades[g.name] = 0;
  for (const m of ranked) if (m.grade) grades[m.grade] = (grades[m.grade] ?? 0) + 1;
  const sum = ranked.reduce((a, m) => a + Math.round(m.total * 10), 0);
  return {
    branch: info.branch,
    file: info.file,
    schemeId: scheme.id,
    schemeName: scheme.name,
    year: info.year,
    maxTotal: result.maxTotal,
    members: ranked.length,
    average: ranked.length ? Math.round(sum / ranked.length) / 10 : 0,
    grades,
    vetoes: ranked.filter((m) => m.veto).length,
    approval: info.approvedShare >= 1 ? "已审定" : info.approvedShare > 0 ? "部分审定" : "未审定",
    leaders: [...ranked]
      .filter((m) => !m.veto)
      .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1))
      .slice(0, top)
      .map((m) => ({ id: m.id, name: m.name, total: m.total })),
  };
}

export type CombineMode = "same" | "percent";

/** Books of different schemes or years are compared only when told how: as a share of each scheme's maximum. */
export function checkCombinable(summaries: readonly BranchSummary[], mode: CombineMode): void {
  const schemes = new Set(summaries.map((s) => s.schemeId));
  const years = new Set(summaries.map((s) => s.year));
  if (mode === "same" && (schemes.size > 1 || years.size > 1)) {
    const detail = summaries.map((s) => `${s.branch}（${s.schemeId}，${s.year}年度）`).join("、");
    throw new CoreError(
      "mixed-books",
      `各支部的积分方案或年度不同，分数不能直接比较：${detail}。如需汇总，请加 --combine percent（按各方案满分折算为得分率）`,
    );
  }
}

const t = (value: string, style: CellSpec["style"] = "cell"): CellSpec => ({ value, text: true, style });
const n = (value: number, style: CellSpec["style"] = "number"): CellSpec => ({ value, style });

/** 支部汇总 and 全委前列 for the committee; standard formulas only. */
export function buildRollupSheets(summaries: readonly BranchSummary[], period: string, mode: CombineMode, top = 20): SheetModel[] {
  if (summaries.length === 0) throw new CoreError("no-books", "没有可汇总的支部工作簿");
  checkCombinable(summaries, mode);
  const gradeNames = [...new Set(summaries.flatMap((s) => Object.keys(s.grades)))];
  const percent = mode === "percent";
  const headers = ["序号", "支部名称", "积分方案", "参评人数", percent ? "平均得分率(%)" : "平均分", ...gradeNames, "一票否决", "审定状态"];
  const first = 4;
  const last = first + summaries.length - 1;
  const rows: CellSpec[][] = [
    [t(`各支部党员积分汇总（${period}）`, "title")],
    [t(`共 ${summaries.length} 个支部${percent ? "；各方案满分不同，平均分按得分率（总分 ÷ 满分）比较" : ""}`, "note")],
    headers.map((h) => t(h, "header")),
    ...summaries.map((s, i) => [
      n(i + 1),
      t(s.branch),
      t(s.schemeName),
      n(s.members),
      n(percent ? Math.round((s.average / s.maxTotal) * 1000) / 10 : s.average),
      ...gradeNames.map((g) => n(s.grades[g] ?? 0)),
      n(s.vetoes),
      t(s.approval),
    ]),
  ];
  const letter = (c: number) => String.fromCharCode(65 + c);
  rows.push([
    t("合计", "total"),
    t("", "total"),
    t("", "total"),
    { formula: `=SUM(D${first}:D${last})`, style: "total" },
    t("", "total"),
    ...gradeNames.map((_, k) => ({ formula: `=SUM(${letter(5 + k)}${first}:${letter(5 + k)}${last})`, style: "total" as const })),
    { formula: `=SUM(${letter(5 + gradeNames.length)}${first}:${letter(5 + gradeNames.length)}${last})`, style: "total" },
    t("", "total"),
  ]);
  // Branches side by side: the average (or share) per branch, and each grade's members per branch.
  const lastCol = letter(headers.length - 1);
  const charts: ChartSpec[] = [];
  const chartRows = Math.max(14, Math.min(40, summaries.length + 8));
  const place = (spec: Omit<ChartSpec, "anchor">) => {
    rows.push([]);
    const top = rows.length + 1;
    for (let k = 0; k < chartRows; k++) rows.push([]);
    charts.push({ ...spec, anchor: `A${top}:${lastCol}${top + chartRows - 1}` });
  };
  place({ kind: "bar", title: percent ? "各支部平均得分率（%）" : "各支部平均分", categories: `B${first}:B${last}`, series: [{ name: headers[4], nameCell: `E3`, values: `E${first}:E${last}` }] });
  if (gradeNames.length)
    place({
      kind: "column",
      title: "各支部等次分布（人数）",
      categories: `B${first}:B${last}`,
      series: gradeNames.map((g, k) => ({ name: g, nameCell: `${letter(5 + k)}3`, values: `${letter(5 + k)}${first}:${letter(5 + k)}${last}` })),
    });
  const summarySheet: SheetModel = {
    name: `支部汇总-${period}`,
    rows,
    columnWidths: [6, 20, 24, 10, 12, ...gradeNames.map(() => 9), 9, 10],
    merges: [`A1:${letter(headers.length - 1)}1`, `A2:${letter(headers.length - 1)}2`],
    freezeRows: 3,
    page: { orientation: headers.length > 9 ? "landscape" : "portrait", fitToWidth: true, printTitleRows: [3, 3], centerFooter: PAGE_FOOTER },
    charts,
  };

  const leaders = summaries
    .flatMap((s) => s.leaders.map((l) => ({ ...l, branch: s.branch, score: percent ? Math.round((l.total / s.maxTotal) * 1000) / 10 : l.total })))
    .sort((a, b) => b.score - a.score || (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, top);
  let rank = 0;
  const leaderRows = leaders.map((l, i) => {
    if (i === 0 || leaders[i - 1].score !== l.score) rank = i + 1;
    return [n(rank), t(l.branch), t(l.id), t(l.name), n(l.score)];
  });
  const topSheet: SheetModel = {
    name: `全委前列-${period}`,
    rows: [[t(`全委党员积分前列（${period}）`, "title")], ["排名", "支部名称", "编号", "姓名", percent ? "得分率(%)" : "总分"].map((h) => t(h, "header")), ...leaderRows],
    columnWidths: [6, 20, 10, 10, 10],
    merges: ["A1:E1"],
    freezeRows: 2,
    page: { orientation: "portrait", fitToWidth: true, printTitleRows: [2, 2], centerFooter: PAGE_FOOTER },
  };
  return [summarySheet, topSheet];
}

/** Rows of the 星级 roll-up under the header 现有（个）/ 晋级目标（个） in column C / D of 评星晋级. */
const STAR_CHART_ROWS = 14;

/**
 * The 评星晋级 sheet with the star-level distribution drawn from its roll-up table (现有 vs 晋级目标 per
 * level): the chart goes right below the table, before the signature lines; the roll-up's COUNTIF
 * cells get their results cached (from the records) for readers that do not recalculate.
 */
export function withStarLevelChart(model: SheetModel, records: readonly BranchStarRecord[]): SheetModel {
  const headerAt = model.rows.findIndex((r) => r[2]?.value === "现有（个）" && r[3]?.value === "晋级目标（个）");
  if (headerAt < 0) return model;
  const rollup = starRollup(records);
  const first = headerAt + 2;
  const last = first + rollup.length - 1;
  const rows = model.rows.map((r, i) =>
    i + 1 >= first && i + 1 <= last ? r.map((c, k) => (k === 2 || k === 3) && c.formula ? { ...c, result: k === 2 ? rollup[i + 1 - first].current : rollup[i + 1 - first].target } : c) : r,
  );
  // After the 合计 row: a blank row and the chart's rows; what follows moves down.
  const at = last + 1;
  const added = 1 + STAR_CHART_ROWS;
  rows.splice(at, 0, ...Array.from({ length: added }, () => []));
  const shift = (ref: string) => {
    const b = parseA1Range(ref);
    if (!b || b.top <= at) return ref;
    return ref.replace(/(\d+)/g, (n) => String(Number(n) + added));
  };
  const width = Math.max(...model.rows.map((r) => r.length));
  const right = String.fromCharCode(65 + Math.min(width, 13) - 1);
  const chart: ChartSpec = {
    kind: "column",
    title: "党支部星级分布：现有与晋级目标（个）",
    categories: `A${first}:A${last}`,
    series: [
      { name: "现有", nameCell: `C${headerAt + 1}`, values: `C${first}:C${last}` },
      { name: "晋级目标", nameCell: `D${headerAt + 1}`, values: `D${first}:D${last}` },
    ],
    anchor: `A${at + 2}:${right}${at + 1 + STAR_CHART_ROWS}`,
  };
  return { ...model, rows, merges: (model.merges ?? []).map(shift), pageBreaks: model.pageBreaks?.map((r) => (r > at ? r + added : r)), charts: [...(model.charts ?? []), chart] };
}
