import type { Scheme } from "../scheme/schema";
import type { Period } from "../period";

export interface Member {
  id: string;
  name: string;
  category: string;
  /** 入党日期 (ISO). */
  joinedOn?: string;
  /**
   * 转入日期 (ISO): the day the member joined this branch's assessment (新入职 / 组织关系转入). The
   * new-member rule keys on it, not on 入党日期: a 预备党员 admitted mid-cycle keeps his own entries.
   */
  transferredIn?: string;
  /** ISO date the member left the branch (转出), if any. */
  leftOn?: string;
}

export interface LedgerEntry {
  /** ISO date YYYY-MM-DD. */
  date: string;
  memberId: string;
  itemCode: string;
  /** 次数, a positive whole number; default 1. */
  count?: number;
  /** 分值 per occurrence: required for discretionary (range) items; for fixed items it must agree. */
  value?: number;
  note?: string;
  /** Where the entry came from (the sheet row), echoed in `ignored`. */
  ref?: number;
  /** 记录号: the stable identity a correction names. Absent in an older ledger, whose corrections name the ref. */
  id?: number;
  /**
   * This entry cancels the entry with that id (or, where entries have no ids, that ref): a correction
   * after an appeal, the original row never edited. Neither counts.
   */
  reverses?: number;
}

/** In LedgerColumns' count and value: the cell was blank (a cell never holds -Infinity; unreadable is NaN). */
export const BLANK_NUMBER = Number.NEGATIVE_INFINITY;

/**
 * The ledger column by column, index i of each array being one entry: what a large range parses
 * into without an object or a string per row, so that PARTY.SCORES over 100,000 rows leaves the
 * garbage collector next to nothing. Fields mean what LedgerEntry's do.
 */
export interface LedgerColumns {
  readonly length: number;
  /** The distinct texts of the date, member and item cells; date, memberId and itemCode index into it. */
  readonly texts: readonly string[];
  readonly date: Int32Array;
  readonly memberId: Int32Array;
  readonly itemCode: Int32Array;
  /** BLANK_NUMBER where blank, NaN where not a number. */
  readonly count: Float64Array;
  readonly value: Float64Array;
  /** NaN where absent. */
  readonly ref: Float64Array;
  readonly reverses: Float64Array;
  /** 记录号 (NaN where blank); absent for an older ledger, whose corrections name refs. */
  readonly id?: Float64Array;
  /** Absent when no entry has a note. */
  readonly note?: readonly (string | undefined)[];
  /** Entries whose 撤销记录号 / 撤销行号 is filled but not a whole number (#REF!, 「一」): absent when none. */
  readonly unreadableReverses?: readonly number[];
}

export interface Appraisal {
  cycleYear: number;
  memberId: string;
  /** 评议等次 for schemes that map grades to points. */
  grade?: string;
  /** Direct score for schemes that take the vote's score. */
  score?: number;
}

export interface ScoreInput {
  /** One scheme, or every version of one scheme (an entry is scored by the version in force on its date). */
  scheme: Scheme | readonly Scheme[];
  members: readonly Member[];
  entries: readonly LedgerEntry[] | LedgerColumns;
  appraisals?: readonly Appraisal[];
  /** Last cycle's totals by member id, for schemes that carry over. */
  previousTotals?: Readonly<Record<string, number>>;
  /** A Period or its label ("2026", "2026H1", "2026Q3", "2026-07"). */
  period: Period | string;
  /** Periods the committee approved (审定积分): their points are final for every later figure. */
  approved?: readonly ApprovedPeriod[];
}

/** One member's points in an approved period as the committee approved them. */
export interface ApprovedMember {
  /** Points component name → the points of each month of the period, in order. */
  months: Readonly<Record<string, readonly number[]>>;
  /** Whether the member was vetoed when the period was approved. */
  veto: boolean;
}

/** A period's approval (the latest, where it was re-approved after an appeal). */
export interface ApprovedPeriod {
  /** "2026Q1", "2026H1"… */
  label: string;
  version: number;
  /** ISO date of the meeting. */
  date: string;
  members: ReadonlyMap<string, ApprovedMember>;
}

export interface MemberScore {
  id: string;
  name: string;
  category: string;
  /** Component name (基础分, 加分 …) → points. */
  components: Record<string, number>;
  total: number;
  /** Null where the period is not graded or the category takes no grade. */
  grade: string | null;
  gradeNote: string | null;
  /** Competition rank among ranked categories; null for unranked categories. */
  rank: number | null;
  veto: boolean;
  vetoReason: string | null;
  /** For probationary members where the scheme says: 按期转正 / 延期转正 / 取消预备党员资格. */
  probation: string | null;
  /**
   * What the ledger as it stands would give, where it differs from `total` because rows of an
   * approved period changed after approval (they count only once an appeal re-approves it); else null.
   */
  ledgerTotal: number | null;
  /** A veto recorded after a period was approved: it still clears the year, shown as a correction. */
  correction: string | null;
}

export type IgnoredReason =
  | "unknown-member"
  | "unknown-item"
  | "bad-date"
  | "bad-count"
  | "missing-value"
  | "value-out-of-range"
  | "value-mismatch"
  | "category-not-applicable"
  /** Dated outside the cycle being scored (another year's entry, or a typo in the year). */
  | "outside-cycle";

export interface IgnoredEntry {
  index: number;
  ref?: number;
  reason: IgnoredReason;
}

export interface ScoreResult {
  schemeId: string;
  schemeVersion: number;
  period: Period;
  /** Component names in scheme order. */
  componentNames: string[];
  /** The highest total a member can reach in this period. */
  maxTotal: number;
  members: MemberScore[];
  /** Entries inside the period's cycle that could not be scored as written; they count toward nothing. */
  ignored: IgnoredEntry[];
  /** The approved periods whose points this result uses (each final as approved). */
  approved: { period: string; version: number; date: string }[];
  /** The periods of the scheme's approval granularity in this one not approved yet: their points are provisional. */
  provisional: string[];
}

/** Why an entry did not count, as the clerk reads it (every reason must have one). */
export const IGNORED_REASONS: Record<IgnoredReason, string> = {
  "unknown-member": "编号不在党员名册中",
  "unknown-item": "项目代码不在方案中",
  "bad-date": "日期无法识别",
  "bad-count": "次数不是正整数",
  "missing-value": "酌情计分的项目未填分值",
  "value-out-of-range": "分值超出项目的范围",
  "value-mismatch": "分值与项目的固定分值不符",
  "category-not-applicable": "项目不适用于该党员的类别",
  "outside-cycle": "日期不在本考核年度内",
};

/** The entries that did not count, by reason, most frequent first: 「3 条：编号不在党员名册中（第 5、9、12 行）」. */
export function describeIgnored(ignored: readonly IgnoredEntry[], shownRows = 5): string[] {
  const byReason = new Map<IgnoredReason, IgnoredEntry[]>();
  for (const i of ignored) {
    const list = byReason.get(i.reason);
    if (list) list.push(i);
    else byReason.set(i.reason, [i]);
  }
  return [...byReason.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, list]) => {
      const rows = list.filter((i) => i.ref !== undefined).map((i) => i.ref);
      const where = rows.length === 0 ? "" : `（第 ${rows.slice(0, shownRows).join("、")}${rows.length > shownRows ? " 等" : ""} 行）`;
      return `${list.length} 条：${IGNORED_REASONS[reason]}${where}`;
    });
}
