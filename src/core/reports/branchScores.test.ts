import { BRANCH_SCORE_STORE, scoreBranchMonths } from "../branchScores/branchScores";
import { tableFromRows } from "../ledger/readLedger";
import type { CellSpec, SheetModel } from "../sheetModel";
import { buildBranchScoreSheet } from "./branchScores";
import { settings, valuesOf } from "./testBranch";

/*
 * 内科党支部, 上年得分 90:
 *   1月 base 36 (value), 扣 2 → D =MAX(0,36-2) = 34, 任务 45, 奖励 5 → G = 84
 *   2月 B =MIN(40,ROUND(84*0.4,1)) = 33.6, 任务 50 → 83.6
 *   3月 B =MIN(40,ROUND(83.6*0.4,1)) = ROUND(33.44,1) = 33.4, 扣 1.5 → 31.9, 任务 55 → 50, 奖励 12 → 10 → 91.9
 *   年度得分 =ROUND(AVERAGE(84,83.6,91.9),1) = 86.5
 * 外科党支部, no 上年得分: 40 → 40; 16 + 40 → 56; 22.4 → 22.4; 年度 ROUND(118.4/3,1) = 39.5
 */
const table = tableFromRows(BRANCH_SCORE_STORE, [
  ["内科党支部", "2026-01", "上年得分", "", 90, ""],
  ["内科党支部", "2026-01", "基础分扣分", "三会一课记录不全", 2, ""],
  ["内科党支部", "2026-01", "任务分", "当月任务", 45, ""],
  ["内科党支部", "2026-01", "奖励分", "上级表彰", 5, ""],
  ["外科党支部", "2026-02", "任务分", "当月任务", 40, ""],
  ["内科党支部", "2026-02", "任务分", "当月任务", 50, ""],
  ["内科党支部", "2026-03", "基础分扣分", "党费未按时交纳", 1.5, ""],
  ["内科党支部", "2026-03", "任务分", "当月任务", 30, ""],
  ["内科党支部", "2026-03", "任务分", "重点任务", 25, ""],
  ["内科党支部", "2026-03", "奖励分", "锦旗", 4, ""],
  ["内科党支部", "2026-03", "奖励分", "先进集体", 8, ""],
]);
const { branches } = scoreBranchMonths(table, 2026);
const sheet = buildBranchScoreSheet(branches, 2026, { ...settings, branch: "医院党委" });

const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10;

/** Evaluates the sheet's formulas (only the shapes this report writes), top to bottom. */
function evaluate(model: SheetModel): Map<string, number> {
  const values = new Map<string, number>();
  const ref = (a: string) => values.get(a) ?? 0;
  model.rows.forEach((row: CellSpec[], i) =>
    row.forEach((cell, c) => {
      const address = `${String.fromCharCode(65 + c)}${i + 1}`;
      const f = cell.formula;
      let m: RegExpExecArray | null;
      if (f === undefined) {
        if (typeof cell.value === "number") values.set(address, cell.value);
      } else if ((m = /^=MIN\((\d+),ROUND\(([A-Z]\d+)\*([\d.]+),1\)\)$/.exec(f))) values.set(address, Math.min(Number(m[1]), round1(ref(m[2]) * Number(m[3]))));
      else if ((m = /^=MAX\(0,([A-Z]\d+)-([A-Z]\d+)\)$/.exec(f))) values.set(address, Math.max(0, ref(m[1]) - ref(m[2])));
      else if ((m = /^=([A-Z]\d+)\+([A-Z]\d+)\+([A-Z]\d+)$/.exec(f))) values.set(address, ref(m[1]) + ref(m[2]) + ref(m[3]));
      else if ((m = /^=ROUND\(AVERAGE\(([A-Z])(\d+):[A-Z](\d+)\),1\)$/.exec(f))) {
        const cells = Array.from({ length: Number(m[3]) - Number(m[2]) + 1 }, (_, k) => ref(`${m![1]}${Number(m![2]) + k}`));
        values.set(address, round1(cells.reduce((a, v) => a + v, 0) / cells.length));
      } else throw new Error(`unexpected formula ${f}`);
    }),
  );
  return values;
}

describe("buildBranchScoreSheet", () => {
  it("is 支部积分-<year> titled 党支部月度积分考核表 with 党委 and 制表日期", () => {
    expect(sheet.name).toBe("支部积分-2026");
    expect(sheet.rows[0][0].value).toBe("党支部月度积分考核表（2026年）");
    expect(sheet.rows[1][0].value).toBe("党委（党总支）：医院党委\u3000制表日期：2026年7月1日");
    expect(sheet.page?.orientation).toBe("landscape");
    expect(sheet.merges).toContain("A1:G1");
  });

  it("writes a block per branch: carried January value, then formulas pointing at the real cells", () => {
    // Rows: 3 blank, 4 subtitle, 5 header, 6–8 months, 9 年度得分.
    expect(sheet.rows[2]).toEqual([]);
    expect(sheet.rows[3][0].value).toBe("内科党支部\u3000上年考核得分：90");
    expect(valuesOf(sheet.rows[4])).toEqual(["月份", "基础分（上月总分×40%）", "基础分扣分", "基础分得分", "任务分", "奖励分", "月度总分"]);
    expect(sheet.rows.slice(5, 9).map(valuesOf)).toEqual([
      ["1月", 36, 2, "=MAX(0,B6-C6)", 45, 5, "=D6+E6+F6"],
      ["2月", "=MIN(40,ROUND(G6*0.4,1))", 0, "=MAX(0,B7-C7)", 50, 0, "=D7+E7+F7"],
      ["3月", "=MIN(40,ROUND(G7*0.4,1))", 1.5, "=MAX(0,B8-C8)", 50, 10, "=D8+E8+F8"],
      ["年度得分", null, null, null, null, null, "=ROUND(AVERAGE(G6:G8),1)"],
    ]);
    expect(sheet.rows[6][1]).toEqual({ formula: "=MIN(40,ROUND(G6*0.4,1))", style: "number" });
    // 外科党支部: rows 11 subtitle, 12 header, 13–15 months, 16 年度得分.
    expect(sheet.rows[10][0].value).toBe("外科党支部\u3000上年考核得分：未填写");
    expect(sheet.rows.slice(12, 16).map(valuesOf)).toEqual([
      ["1月", 40, 0, "=MAX(0,B13-C13)", 0, 0, "=D13+E13+F13"],
      ["2月", "=MIN(40,ROUND(G13*0.4,1))", 0, "=MAX(0,B14-C14)", 40, 0, "=D14+E14+F14"],
      ["3月", "=MIN(40,ROUND(G14*0.4,1))", 0, "=MAX(0,B15-C15)", 0, 0, "=D15+E15+F15"],
      ["年度得分", null, null, null, null, null, "=ROUND(AVERAGE(G13:G15),1)"],
    ]);
  });

  it("computes in Excel what the core computes", () => {
    const v = evaluate(sheet);
    expect([v.get("B7"), v.get("B8"), v.get("D8")]).toEqual([33.6, 33.4, 31.9]);
    expect(["G6", "G7", "G8", "G9"].map((a) => v.get(a))).toEqual([84, 83.6, 91.9, 86.5]);
    expect(["G13", "G14", "G15", "G16"].map((a) => v.get(a))).toEqual([40, 56, 22.4, 39.5]);
    expect([...branches[0].months.map((m) => m.total), branches[0].yearScore]).toEqual(["G6", "G7", "G8", "G9"].map((a) => v.get(a)));
    expect([...branches[1].months.map((m) => m.total), branches[1].yearScore]).toEqual(["G13", "G14", "G15", "G16"].map((a) => v.get(a)));
  });

  it("ends with the pending note on the year score and the signatures", () => {
    const tail = sheet.rows.slice(-4).map((r) => r.filter((c) => c.value).map((c) => c.value));
    expect(tail).toEqual([[], ["注：年度得分的计算方式（细则未规定：暂按各月月度总分的平均值计，保留一位小数，待支部确定）。"], [], ["党委书记（签字）：", "制表人：刘委员"]]);
  });

  it("says so when there are no branches", () => {
    const empty = buildBranchScoreSheet([], 2027, settings);
    expect(empty.rows[2][0].value).toBe("本年度尚无党支部积分记录。");
    expect(empty.rows.some((r) => r.some((c) => c.formula))).toBe(false);
  });
});
