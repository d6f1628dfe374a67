/**
 * The sheets kept beside the ledger (承诺事项, 积分兑换, 评星晋级, 分类定级, 支部积分): one contract and one
 * registry, which validation, reports, the task pane and the CLI iterate.
 */
import { BRANCH_SCORE_STORE, validateBranchScores } from "../branchScores/branchScores";
import { DUES_STORE, approvedDuesIssues, validateDues } from "../dues/duesRegister";
import { PREVIOUS_TOTALS, carryOverComponents, validatePreviousTotals } from "../carryOver/previousTotals";
import { COMMITMENT_STORE, validateCommitments } from "../commitments/commitments";
import type { LedgerEntry, Member } from "../engine/types";
import { GRADING_STORE, validateGrading } from "../grading/classifiedGrading";
import { SHEETS, type TableSheetDef } from "../ledger/layout";
import { REDEMPTION_STORE, validateRedemptions } from "../redemption/redemption";
import type { Scheme } from "../scheme/schema";
import type { TableData } from "../sheetModel";
import { BRANCH_STAR_STORE, crossCheckStars, validateBranchStars } from "../stars/branchStars";
import type { ValidationIssue } from "../validation/validateLedger";

/** What a side sheet's checks may look at besides its own table. */
export interface StoreContext {
  tables: ReadonlyMap<string, TableData>;
  /** The workbook's scheme (latest version), or null when 设置 names none that is known. */
  scheme: Scheme | null;
  year: number | null;
  rosterIds: ReadonlySet<string>;
  /** The ledger as read, for checks that hold a side sheet to its entries (read only when asked for). */
  ledger(): { members: readonly Member[]; entries: readonly LedgerEntry[] };
}

export interface SideStore {
  def: TableSheetDef;
  /** Problems of the sheet as the clerk left it, each at its cell. */
  validate(table: TableData | undefined, ctx: StoreContext): ValidationIssue[];
  /** Checked even when the workbook has no such sheet (its absence may itself be worth saying). */
  always?: boolean;
}

export const SIDE_STORES: readonly SideStore[] = [
  {
    def: COMMITMENT_STORE,
    validate: (table, ctx) => (ctx.scheme ? validateCommitments(table, ctx.tables.get(SHEETS.ledger.table), ctx.rosterIds, ctx.scheme) : []),
  },
  { def: REDEMPTION_STORE, validate: (table, ctx) => validateRedemptions(table, ctx.rosterIds) },
  {
    def: BRANCH_STAR_STORE,
    // A branch scheme awards the stars in the ledger: the √ are held to those entries too.
    validate: (table, ctx) => [...validateBranchStars(table), ...(table && ctx.scheme?.subject === "branch" ? crossCheckStars(table, ctx.ledger(), ctx.scheme) : [])],
  },
  { def: GRADING_STORE, validate: (table, ctx) => (ctx.scheme ? validateGrading(table, ctx.rosterIds, ctx.scheme) : []) },
  { def: BRANCH_SCORE_STORE, validate: (table, ctx) => (ctx.year !== null ? validateBranchScores(table, ctx.year) : []) },
  {
    def: DUES_STORE,
    validate: (table, ctx) => {
      const item = ctx.scheme?.dues?.item.toUpperCase();
      const ledgerDues = item ? ctx.ledger().entries.filter((e) => e.itemCode.trim().toUpperCase() === item) : [];
      return [...(ctx.scheme ? approvedDuesIssues(table, ctx.tables, ctx.scheme) : []), ...validateDues(table, ctx.rosterIds, ctx.scheme, ledgerDues)];
    },
    // A register deleted after its months were approved is itself an edit.
    always: true,
  },
  {
    def: PREVIOUS_TOTALS,
    validate: (table, ctx) => validatePreviousTotals(table, ctx.scheme, ctx.scheme && carryOverComponents(ctx.scheme).length ? ctx.ledger().members : []),
    always: true,
  },
];

export const SIDE_TABLES: readonly string[] = SIDE_STORES.map((s) => s.def.table);

/** Every side sheet the workbook keeps, checked. */
export function validateSideStores(ctx: StoreContext): ValidationIssue[] {
  return SIDE_STORES.flatMap((store) => (store.always || ctx.tables.has(store.def.table) ? store.validate(ctx.tables.get(store.def.table), ctx) : []));
}
