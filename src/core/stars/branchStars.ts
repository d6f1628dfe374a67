/**
 * 基层党支部评星晋级目标管理工作台账 (S4): per branch and year the profile (党员人数, 书记, 副书记, 委员,
 * 女党员, 少数民族, 35岁及以下, 大专以上), the stars earned (学习星 / 安全星 / 绩效星 / 廉洁星 / 创新星), the
 * star level that follows by count, the target level (晋级目标) and a one-line assessment. A 党委 keeps one
 * row per branch; a branch workbook keeps its own row. Stars and levels come from the branch-stars scheme.
 */
import { toNumber, toProse, toText } from "../cells";
import { Refused } from "../errors";
import { STAR_SCHEME_ID } from "../formulas/starLevel";
import { type ColumnDef, integer, sideSheet, text } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { appendToStore, formatsOf } from "../ledger/scaffold";
import { issueAt } from "../stores/storeRows";
import type { IssueCode } from "../validation/issueCodes";
import { getBuiltinScheme } from "../scheme/presets";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp } from "../sheetModel";
import { headerText } from "../tableRegion";
import type { ValidationIssue } from "../validation/validateLedger";
import type { LedgerEntry } from "../engine/types";

/** The mark for an earned star; 是, ✓, ★ and 1 are read as earned too. */
export const STAR_MARK = "√";
const EARNED = new Set([STAR_MARK, "✓", "✔", "★", "是", "1"]);

const starScheme = (): Scheme => getBuiltinScheme(STAR_SCHEME_ID);

/** The star names, in the 台账's order. */
export function starNames(scheme: Scheme = starScheme()): string[] {
  return scheme.items.filter((i) => i.points.kind !== "veto").map((i) => i.name);
}

/** Star levels, highest first, with the stars each needs (三星级党支部: 3 …). */
export function starLevels(scheme: Scheme = starScheme()): { name: string; min: number }[] {
  return scheme.grades.map((g) => ({ name: g.name, min: g.min }));
}

/** The level a count of stars reaches. */
export function starLevelOf(count: number, scheme: Scheme = starScheme()): string {
  const grades = scheme.grades;
  return grades.find((g) => count >= g.min)?.name ?? grades[grades.length - 1].name;
}

/** Profile counts, in column order: header → field. */
export const PROFILE_COUNTS = [
  ["党员人数", "members"],
  ["副书记", "deputies"],
  ["委员", "committee"],
  ["女党员", "women"],
  ["少数民族", "minorities"],
  ["35岁及以下", "young"],
  ["大专以上", "college"],
] as const;
export type ProfileField = (typeof PROFILE_COUNTS)[number][1];

const count = (header: string): ColumnDef => ({ header, type: "integer", width: header.length > 3 ? 10 : 8 });

export const BRANCH_STAR_STORE = sideSheet("评星晋级", "BranchStarTable", "每个党支部每年一行：基本情况、已评定的星（填 √）、晋级目标和一句话评定情况", [
  ...[integer("年度"), text("党组织名称", 16), text("书记", 10), ...PROFILE_COUNTS.map(([header]) => count(header))],
  ...[...starNames().map((name) => text(name, 7)), text("晋级目标", 14), text("评定情况", 40)],
]);

const STAR_COLUMN = BRANCH_STAR_STORE.columns.findIndex((c) => c.header === starNames()[0]);
const TARGET_COLUMN = BRANCH_STAR_STORE.columns.findIndex((c) => c.header === "晋级目标");

export interface BranchStarInput {
  year: number;
  branch: string;
  secretary?: string;
  counts?: Partial<Record<ProfileField, number>>;
  /** Star names earned this year. */
  stars: readonly string[];
  target: string;
  assessment?: string;
}

/**
 * Adds a branch's row for the year, or replaces the one there (creating the sheet with its dropdowns the
 * first time); logged. Refused when a star, the target or a count is wrong.
 */
export function planBranchStars(table: TableData | undefined, input: BranchStarInput, now: Date, scheme: Scheme = starScheme()): WorkbookOp[] {
  const refuse = (message: string) => new Refused("branch-stars", message);
  const branch = toText(input.branch);
  if (!branch) throw refuse("请填写党组织名称");
  if (!Number.isInteger(input.year) || input.year < 1921 || input.year > 2999) throw refuse(`年度「${input.year}」不是四位年份`);
  const names = starNames(scheme);
  const unknown = input.stars.filter((s) => !names.includes(toText(s)));
  if (unknown.length) throw refuse(`「${unknown.join("、")}」不是星名：可用的星为 ${names.join("、")}`);
  const levels = starLevels(scheme).map((l) => l.name);
  if (!levels.includes(toText(input.target))) throw refuse(`晋级目标须为：${levels.join("、")}`);
  const counts = PROFILE_COUNTS.map(([header, field]) => {
    const n = input.counts?.[field];
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw refuse(`${header}「${n}」应为不小于0的整数`);
    return n ?? null;
  });
  const row: Cell[] = [
    input.year,
    branch,
    toText(input.secretary ?? "") || null,
    ...counts,
    ...names.map((n) => (input.stars.some((s) => toText(s) === n) ? STAR_MARK : null)),
    toText(input.target),
    toProse(input.assessment ?? "") || null,
  ];
  const problems = profileProblems(recordOf(BRANCH_STAR_STORE.columns.map((c) => c.header), row, 0, scheme));
  if (problems.length) throw refuse(problems.map((p) => p.message).join("；"));

  const existing = branchStarRows(table, scheme).find((r) => r.year === input.year && r.branch === branch);
  const log = logOp(now, [
    {
      action: existing ? "更新评星晋级" : "登记评星晋级",
      sheet: BRANCH_STAR_STORE.sheet,
      range: existing ? `第${existing.row}行` : "",
      detail: `${branch} ${input.year}年：${starLevelOf(input.stars.length, scheme)}，晋级目标${toText(input.target)}`,
    },
  ]);
  if (existing && table) {
    const cells = Object.fromEntries(row.map((v, i) => [i, v]));
    return [{ op: "setCells", table: BRANCH_STAR_STORE.table, row: existing.row - table.firstRow, cells, formats: formatsOf(BRANCH_STAR_STORE) }, log];
  }
  const dropdowns = [...names.map((_, i) => ({ column: STAR_COLUMN + i, source: { list: [STAR_MARK] } })), { column: TARGET_COLUMN, source: { list: levels } }];
  return [...appendToStore(BRANCH_STAR_STORE, table, [row], dropdowns), log];
}

export interface BranchStarRecord {
  /** Sheet row of the 评星晋级 sheet. */
  row: number;
  year: number | null;
  branch: string;
  secretary: string;
  /** Profile counts; null where blank or not a whole number. */
  counts: Record<ProfileField, number | null>;
  stars: string[];
  level: string;
  target: string;
  /** Stars still missing for the target level (0 when reached or the target is unknown). */
  gap: number;
  assessment: string;
  /** 党组织基本情况 as the 台账 writes it: 共有党员9名，党支部书记1名，… then the assessment. */
  profile: string;
  values: Record<string, Cell>;
}

function countOf(value: Cell): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

function recordOf(headers: readonly string[], cells: readonly Cell[], row: number, scheme: Scheme): BranchStarRecord {
  const values: Record<string, Cell> = {};
  headers.forEach((h, i) => (values[headerText(h)] = cells[i] ?? null));
  const counts = Object.fromEntries(PROFILE_COUNTS.map(([header, field]) => [field, countOf(values[header])])) as Record<ProfileField, number | null>;
  const stars = starNames(scheme).filter((n) => EARNED.has(toText(values[n])));
  const target = toText(values["晋级目标"]);
  const targetMin = starLevels(scheme).find((l) => l.name === target)?.min;
  const secretary = toText(values["书记"]);
  const assessment = toProse(values["评定情况"]);
  return {
    row,
    year: toNumber(values["年度"]),
    branch: toText(values["党组织名称"]),
    secretary,
    counts,
    stars,
    level: starLevelOf(stars.length, scheme),
    target,
    gap: targetMin === undefined ? 0 : Math.max(0, targetMin - stars.length),
    assessment,
    profile: profileText(counts, secretary !== "", assessment),
    values,
  };
}

/** 共有党员25名，党支部书记1名，党支部副书记1名，党支部委员3名。女党员8名，… (zero groups left out, as in the seed). */
export function profileText(counts: Record<ProfileField, number | null>, hasSecretary: boolean, assessment: string): string {
  const lead = [
    counts.members !== null ? `共有党员${counts.members}名` : "",
    hasSecretary ? "党支部书记1名" : "",
    counts.deputies ? `党支部副书记${counts.deputies}名` : "",
    counts.committee ? `党支部委员${counts.committee}名` : "",
  ].filter(Boolean);
  const groups = [
    counts.women ? `女党员${counts.women}名` : "",
    counts.minorities ? `少数民族党员${counts.minorities}名` : "",
    counts.young ? `35岁及以下的党员${counts.young}名` : "",
    counts.college ? `大专以上学历的党员${counts.college}名` : "",
  ].filter(Boolean);
  const sentence = (parts: string[]) => (parts.length ? `${parts.join("，")}。` : "");
  const tail = assessment && !/[。！？.!?]$/.test(assessment) ? `${assessment}。` : assessment;
  return sentence(lead) + sentence(groups) + tail;
}

/** Every branch row of the sheet (blank rows skipped), in sheet order. */
export function branchStarRows(table: TableData | undefined, scheme: Scheme = starScheme()): BranchStarRecord[] {
  if (!table) return [];
  return table.rows
    .map((cells, i) => recordOf(table.headers, cells, table.firstRow + i, scheme))
    .filter((r) => Object.values(r.values).some((v) => toText(v) !== ""));
}

/** The branches of one year, in sheet order. */
export function readBranchStars(table: TableData | undefined, year: number, scheme: Scheme = starScheme()): BranchStarRecord[] {
  return branchStarRows(table, scheme).filter((r) => r.year === year);
}

/** Current vs target: how many branches are at each level now, and how many aim for it. */
export function starRollup(records: readonly BranchStarRecord[], scheme: Scheme = starScheme()): { level: string; current: number; target: number }[] {
  return starLevels(scheme).map(({ name }) => ({
    level: name,
    current: records.filter((r) => r.level === name).length,
    target: records.filter((r) => r.target === name).length,
  }));
}

type Problem = { header: string; severity: "error" | "warning"; code: IssueCode; message: string };

/** Counts that cannot be true of a branch: a group larger than the branch, a bad number. */
function profileProblems(r: BranchStarRecord): Problem[] {
  const problems: Problem[] = [];
  for (const [header, field] of PROFILE_COUNTS) {
    const raw = toText(r.values[header]);
    if (raw !== "" && r.counts[field] === null) problems.push({ header, severity: "error", code: "profile-bad-count", message: `${header}「${raw}」应为不小于0的整数` });
    else if (field !== "members" && r.counts.members !== null && (r.counts[field] ?? 0) > r.counts.members)
      problems.push({ header, severity: "error", code: "count-over-members", message: `${header} ${r.counts[field]} 名多于党员人数 ${r.counts.members} 名` });
  }
  const leaders = (r.secretary ? 1 : 0) + (r.counts.deputies ?? 0) + (r.counts.committee ?? 0);
  if (r.counts.members !== null && leaders > r.counts.members)
    problems.push({ header: "党员人数", severity: "error", code: "count-over-members", message: `书记、副书记和委员共 ${leaders} 名，多于党员人数 ${r.counts.members} 名` });
  return problems;
}

/**
 * Problems of the 评星晋级 sheet, each at its cell: blank branch, bad year, a branch twice in a year,
 * bad or impossible counts, a star cell that is not √, an unknown target, and (warning) a target below
 * the level already reached.
 */
export function validateBranchStars(table: TableData | undefined, scheme: Scheme = starScheme()): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!table) return issues;
  const seen = new Set<string>();
  const levels = starLevels(scheme);
  for (const r of branchStarRows(table, scheme)) {
    const add = (p: Problem) => issues.push(issueAt(table, r, p.header, p.severity, p.code, p.message));
    if (!r.branch) add({ header: "党组织名称", severity: "error", code: "branch-blank", message: "党组织名称为空" });
    if (r.year === null || !Number.isInteger(r.year)) add({ header: "年度", severity: "error", code: "bad-year", message: `年度「${toText(r.values["年度"]) || "（空）"}」不是四位年份` });
    const key = `${r.year}|${r.branch}`;
    if (r.branch && seen.has(key)) add({ header: "党组织名称", severity: "error", code: "duplicate-branch", message: `${r.branch} 在 ${r.year} 年已有一行` });
    seen.add(key);
    profileProblems(r).forEach(add);
    for (const name of starNames(scheme)) {
      const mark = toText(r.values[name]);
      if (mark && !EARNED.has(mark)) add({ header: name, severity: "error", code: "bad-star-mark", message: `${name}「${mark}」：已评定的星填 ${STAR_MARK}，未评定的留空` });
    }
    const target = levels.find((l) => l.name === r.target);
    if (!target) add({ header: "晋级目标", severity: "error", code: "unknown-target", message: `晋级目标「${r.target || "（空）"}」须为：${levels.map((l) => l.name).join("、")}` });
    else if (target.min < levels.find((l) => l.name === r.level)!.min)
      add({ header: "晋级目标", severity: "warning", code: "target-below-level", message: `晋级目标${r.target}低于已评定的${r.level}` });
  }
  return issues;
}

/**
 * Under a branch scheme (branch-stars) the 积分台账 awards the stars themselves, one entry per star with
 * its evidence. A branch of the 评星晋级 sheet that is also in the roster (by 名称 or 编号) is held to its
 * entries of that year: a √ without its entry, or an entry without its √, is a warning at the star's cell.
 * Entries reversed by a later row (撤销记录号) count for nothing.
 */
export function crossCheckStars(table: TableData | undefined, ledger: { members: readonly { id: string; name: string }[]; entries: readonly LedgerEntry[] }, scheme: Scheme): ValidationIssue[] {
  if (!table || scheme.subject !== "branch") return [];
  const starItems = scheme.items.filter((i) => i.points.kind !== "veto");
  const reversed = new Set(ledger.entries.map((e) => e.reverses).filter((r): r is number => r !== undefined));
  const earned = new Map<string, Set<string>>();
  for (const e of ledger.entries) {
    const entryKey = e.id ?? e.ref;
    if (e.reverses !== undefined || (entryKey !== undefined && reversed.has(entryKey)) || !/^\d{4}-/.test(e.date)) continue;
    const key = `${e.memberId}|${e.date.slice(0, 4)}`;
    if (!earned.has(key)) earned.set(key, new Set());
    earned.get(key)!.add(e.itemCode);
  }
  const issues: ValidationIssue[] = [];
  for (const r of branchStarRows(table, scheme)) {
    const member = ledger.members.find((m) => m.name === r.branch || m.id === r.branch);
    if (!member || r.year === null) continue;
    const codes = earned.get(`${member.id}|${r.year}`) ?? new Set<string>();
    for (const item of starItems) {
      const marked = r.stars.includes(item.name);
      if (marked === codes.has(item.code)) continue;
      const message = marked
        ? `${r.branch}的${item.name}已打 ${STAR_MARK}，但积分台账中没有该党支部${r.year}年的 ${item.code}「${item.name}」记录`
        : `积分台账中有${r.branch}${r.year}年的 ${item.code}「${item.name}」记录，但此处未打 ${STAR_MARK}`;
      issues.push(issueAt(table, r, item.name, "warning", "star-ledger-mismatch", message));
    }
  }
  return issues;
}
