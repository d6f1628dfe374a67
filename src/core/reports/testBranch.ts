/**
 * Test fixture (used by the reports' tests only): a small branch under 星级党员管理量化考评制度
 * (日常行为积分 80, D1 −1, D2 −2, D6 −1..−4, V1 一票否决; 评议 优秀 20 / 合格 15).
 *
 * Cycle 2026 by hand:
 *   001 张三  正式党员   D1×2 (03-02) −2, D2 (05-10) −2, D6 −3 (09-01): 73 + 合格 15 = 88 合格, rank 3
 *   002 李四  正式党员   a D2 (07-20) reversed on 07-25, a D6 without 分值 (ignored): 80 + 优秀 20 = 100 优秀, rank 1
 *   003 =1+1  预备党员   D6 −4 (02-10), D1 (08-05) −1: 75 + 合格 15 = 90 优秀, rank 2
 *   004 赵六  入党积极分子 D2 (04-01) −2: 78, no grade, no rank (积分作为教育考察依据)
 *   005 孙七  正式党员   D1 (01-15), V1 (04-01): vetoed, 0 不合格, rank 4
 * 2026H1 (standing at 06-30, no appraisal): 001 76, 002 80, 003 76, 004 78, 005 0 → ranks 2, 1, 2, –, 4.
 * 2026Q3 (standing at 09-30): 001 73, 002 80, 003 75, 004 78, 005 0.
 */
import { scoreMembers } from "../engine/scoreMembers";
import type { Appraisal, LedgerEntry, Member, ScoreResult } from "../engine/types";
import { getBuiltinScheme } from "../scheme/presets";
import type { ReportSettings } from "./common";

export const star = getBuiltinScheme("star-member");

export const roster: Member[] = [
  { id: "001", name: "张三", category: "正式党员" },
  { id: "002", name: "李四", category: "正式党员" },
  { id: "003", name: "=1+1", category: "预备党员" },
  { id: "004", name: "赵六", category: "入党积极分子" },
  { id: "005", name: "孙七", category: "正式党员" },
];

let ref = 1;
function e(date: string, memberId: string, itemCode: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  ref += 1;
  return { date, memberId, itemCode, ref, ...extra };
}

export const entries: LedgerEntry[] = [
  e("2026-03-02", "001", "D1", { count: 2 }),
  e("2026-05-10", "001", "D2"),
  e("2026-09-01", "001", "D6", { value: -3, note: "酒后失态" }),
  e("2026-02-10", "003", "D6", { value: -4 }),
  e("2026-08-05", "003", "D1"),
  e("2026-04-01", "004", "D2"),
  e("2026-01-15", "005", "D1"),
  e("2026-04-01", "005", "V1", { note: "党委决定" }),
  e("2026-07-20", "002", "D2"),
  e("2026-07-25", "002", "D2", { reverses: 10, note: "申诉更正" }),
  e("2026-08-10", "002", "D6"),
];

export const appraisals: Appraisal[] = [
  { cycleYear: 2026, memberId: "001", grade: "合格" },
  { cycleYear: 2026, memberId: "002", grade: "优秀" },
  { cycleYear: 2026, memberId: "003", grade: "合格" },
  { cycleYear: 2026, memberId: "005", grade: "优秀" },
];

export const settings: ReportSettings = {
  branch: "第一党支部",
  secretary: "王书记",
  clerk: "刘委员",
  contact: "刘委员（电话 12345678）",
  today: "2026-07-01",
};

export function score(period: string): ScoreResult {
  return scoreMembers({ scheme: star, members: roster, entries, appraisals, period });
}

export function months(year = 2026): ScoreResult[] {
  return Array.from({ length: 12 }, (_, i) => score(`${year}-${String(i + 1).padStart(2, "0")}`));
}

/** The cell values of a row as plain values (formula text for formula cells). */
export function valuesOf(row: { value?: unknown; formula?: string }[] | undefined): unknown[] {
  return (row ?? []).map((c) => c.formula ?? c.value ?? null);
}
