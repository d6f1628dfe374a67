import { BRANCH_SCORE_STORE, validateBranchScores } from "../../core/branchScores/branchScores";
import { COMMITMENT_STORE, validateCommitments } from "../../core/commitments/commitments";
import { GRADING_STORE, validateGrading } from "../../core/grading/classifiedGrading";
import { getBuiltinScheme } from "../../core/scheme/presets";
import type { TableData } from "../../core/sheetModel";
import { BRANCH_STAR_STORE, crossCheckStars, validateBranchStars } from "../../core/stars/branchStars";
import { FIX_HINTS } from "./fixHints";

function table(def: { table: string; sheet: string; columns: readonly { header: string }[] }, rows: TableData["rows"]): TableData {
  return { name: def.table, sheet: def.sheet, headers: def.columns.map((c) => c.header), rowCount: rows.length, rows, firstRow: 2, firstColumn: "A" };
}

describe("fix hints for the sheets kept beside the ledger", () => {
  it("has a hint of its own for every code their validators report", () => {
    const handbook = getBuiltinScheme("handbook");
    const stars = getBuiltinScheme("branch-stars");
    const issues = [
      ...validateCommitments(
        table(COMMITMENT_STORE, [
          [2026, "001", "张三", "", null, null, "已兑现", "", null],
          [2026, "001", "张三", "读书", null, 46387, "已兑现", "", 9],
        ]),
        undefined,
        new Set(["001"]),
        handbook,
      ),
      ...validateBranchStars(
        table(BRANCH_STAR_STORE, [
          [2026, "", "", 2, 1, 3, 5, null, null, null, "x", "√", "√", "√", "√", "三星级党支部", ""],
          [2026, "", "", 2, null, null, null, null, null, null, null, null, null, null, null, "七星级", ""],
          [2026, "一支部", "", 9, null, null, null, null, null, null, null, null, null, null, null, "三星级党支部", ""],
          [2026, "一支部", "", 9, null, null, null, null, null, null, null, null, null, null, null, "三星级党支部", ""],
        ]),
      ),
      ...crossCheckStars(table(BRANCH_STAR_STORE, [[2026, "一支部", "", 9, null, null, null, null, null, null, "√", null, null, null, null, "三星级党支部", ""]]), { members: [{ id: "B1", name: "一支部" }], entries: [] }, stars),
      ...validateGrading(
        table(GRADING_STORE, [
          [2026, "001", "张三", "", "", "", "", "", "良好", "晋位"],
          [2026, "001", "张三", "", "", "", "", "", "", "是"],
        ]),
        new Set(["001"]),
        getBuiltinScheme("classified-grading"),
      ),
      ...validateBranchScores(
        table(BRANCH_SCORE_STORE, [
          ["内科", "2026-13", "任务分", "", 1, ""],
          ["内科", "2026-01", "其他", "", 1, ""],
          ["内科", "2026-01", "任务分", "", "x", ""],
          ["内科", "2026-01", "奖励分", "", -1, ""],
          ["内科", "2026-01", "任务分", "", 60, ""],
          ["外科", "2026-01", "上年得分", "", 120, ""],
          ["外科", "2026-01", "上年得分", "", 80, ""],
          ["", "2026-01", "任务分", "", 1, ""],
        ]),
        2026,
      ),
    ];
    const codes = [...new Set(issues.map((i) => i.code))].sort();
    expect(codes).toEqual(
      [
        "bad-month",
        "bad-points",
        "bad-promotion",
        "bad-star-mark",
        "branch-blank",
        "commitment-blank",
        "commitment-entry-mismatch",
        "commitment-unscored",
        "count-over-members",
        "duplicate-branch",
        "duplicate-grading",
        "negative-points",
        "no-previous-score",
        "over-cap",
        "previous-duplicate",
        "previous-out-of-range",
        "promotion-without-outcome",
        "star-ledger-mismatch",
        "target-below-level",
        "unknown-grade",
        "unknown-kind",
        "unknown-target",
        "bad-date",
      ].sort(),
    );
    for (const code of codes) expect([code, FIX_HINTS[code]]).toEqual([code, expect.any(String)]);
  });
});
