/**
 * The members' score table shared by the publicity sheet and the half-year / full-year filing sheets:
 * 序号, 编号, 姓名, 党员类别, each component, 总分, 排名, [等次], 备注 — one row per member in rank order —
 * then a 合计 row (=SUM) and a 平均 row (=ROUND(AVERAGE(…),1)) over the component and 总分 columns.
 */
import type { ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import { type SheetBuilder, averageCell, blank, byRank, header, memberNote, num, shownComponents, sumCell, text, widthFor } from "./common";

export interface ScoreTableColumns {
  headers: string[];
  widths: number[];
  components: string[];
  /** 0-based column of the first component; 总分 follows the components. */
  firstComponent: number;
  total: number;
  rank: number;
  grade: number | null;
  note: number;
}

export function scoreTableColumns(result: ScoreResult, scheme: Scheme, gradeColumn: boolean): ScoreTableColumns {
  const components = shownComponents(result, scheme);
  const headers = ["序号", "编号", "姓名", "党员类别", ...components, "总分", "排名", ...(gradeColumn ? ["等次"] : []), "备注"];
  const widths = [6, 10, 10, 12, ...components.map((c) => widthFor(c)), 8, 6, ...(gradeColumn ? [10] : []), 32];
  const total = 4 + components.length;
  return { headers, widths, components, firstComponent: 4, total, rank: total + 1, grade: gradeColumn ? total + 2 : null, note: headers.length - 1 };
}

export interface ScoreTableRows {
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

/** Writes the header, member rows and the 合计 / 平均 rows; returns where they landed. */
export function addScoreTable(b: SheetBuilder, result: ScoreResult, scheme: Scheme, cols: ScoreTableColumns): ScoreTableRows {
  const headerRow = b.add(cols.headers.map(header));
  const firstRow = b.nextRow;
  byRank(result.members).forEach((m, i) => {
    const cells = [
      num(i + 1),
      text(m.id),
      text(m.name),
      text(m.category),
      ...cols.components.map((c) => num(m.components[c] ?? 0)),
      num(m.total),
      num(m.rank),
    ];
    if (cols.grade !== null) cells.push(text(m.grade ?? ""));
    cells.push(text(memberNote(m, scheme)));
    b.add(cells);
  });
  const lastRow = b.nextRow - 1;
  const summed = [...cols.components.map((_, i) => cols.firstComponent + i), cols.total];
  for (const [label, cell] of [
    ["合计", sumCell],
    ["平均", averageCell],
  ] as const) {
    const row = b.nextRow;
    const cells = cols.headers.map(() => blank("total"));
    cells[0] = text(label, "total");
    for (const c of summed) cells[c] = cell(c, firstRow, lastRow);
    b.add(cells);
    b.merges.push(`A${row}:D${row}`);
  }
  return { headerRow, firstRow, lastRow };
}
