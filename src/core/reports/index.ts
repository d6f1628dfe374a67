/**
 * Committee reports: print-ready SheetModels built from engine results and the branch's settings.
 * Values and standard formulas only (SUM, AVERAGE, ROUND, COUNTIF) — no PARTY.* — so the sheets open
 * and print without the add-in. A4 (the gateways set the paper), one page wide, the table header
 * repeated on every page, 第 &P 页，共 &N 页 in the footer.
 *
 * The registry (forms.ts, re-exported here): forms by the short name the CLI takes (`--form 公示`) or their English alias:
 *
 * | name      | alias              | period               | sheet                 | also needs            |
 * |-----------|--------------------|----------------------|-----------------------|-----------------------|
 * | 公示      | publicity          | scheme's publicity   | 公示-2026H1           |                       |
 * | 排名通报  | ranking            | scheme's ranking     | 排名通报-2026H1       |                       |
 * | 年终审批  | approval           | cycle                | 年终审批-2026         | appraisals            |
 * | 季度申报  | quarter-declaration| quarter              | 季度申报-2026Q3       |                       |
 * | 季度明细  | quarter-detail     | quarter              | 季度明细-2026Q3       | entries               |
 * | 半年备案  | half-filing        | half                 | 半年备案-2026H1       |                       |
 * | 全年备案  | year-filing        | cycle                | 全年备案-2026         |                       |
 * | 民主评议  | appraisal          | cycle                | 民主评议-2026         | appraisals (optional) |
 * | 个人台账  | member-ledger      | cycle                | 个人台账-001-2026     | monthly (12 results)  |
 * | 月度台账  | branch-ledger      | month                | 月度台账-2026-03      |                       |
 * | 积分兑换  | redemption         | cycle                | 积分兑换-2026         | redemptions           |
 * | 承诺事项  | commitments        | cycle                | 承诺事项-2026         | commitments           |
 * | 评星晋级  | branch-stars       | cycle                | 评星晋级-2026         | branchStars           |
 * | 分类定级  | classified-grading | cycle                | 分类定级台账-2026     | grading               |
 * | 管理卡    | grading-cards      | cycle                | 管理卡-2026 (a page each) | grading           |
 * | 支部积分  | branch-scores      | cycle                | 支部积分-2026         | branchScores          |
 * | 统计      | statistics         | scheme's ranking     | 统计-2026H1 (charts)  | cycle, entries        |
 *
 * The builders can also be called directly (below), each with exactly the inputs it needs.
 */
export { PAGE_FOOTER, type ReportSettings } from "./common";
export { appraisalResultsOf, bandRanges, buildApprovalSheet } from "./approval";
export { buildAppraisalFormSheet } from "./appraisalForm";
export { buildBranchMonthlyLedgerSheet } from "./branchMonthlyLedger";
export { buildHalfYearFilingSheet, buildYearFilingSheet } from "./filing";
export { type LedgerMember, buildMemberMonthlyLedgerSheet } from "./memberMonthlyLedger";
export { type PublicityOptions, buildPublicitySheet } from "./publicity";
export { buildQuarterDeclarationSheet } from "./quarterDeclaration";
export { buildQuarterDetailSheet } from "./quarterDetail";
export { buildRedemptionSheet } from "./redemption";
export { buildCommitmentSheet } from "./commitments";
export { buildBranchStarSheet } from "./branchStars";
export { buildGradingCardSheet, buildGradingLedgerSheet } from "./classifiedGrading";
export { buildBranchScoreSheet } from "./branchScores";
export { type RankingLists, buildRankingSheet, rankingLists } from "./ranking";
export { type PeriodStatistics, buildStatisticsSheet, periodStatistics, statisticsFromCycle } from "./statistics";

export {
  REPORT_FORMS,
  REPORT_FORM_NAMES,
  type ReportForm,
  type ReportFormName,
  type ReportInput,
  type ReportPeriodKind,
  findReportForm,
  reportPeriodKind,
  schemeForms,
} from "./forms";
