/*
 * PARTY.* custom functions. Each is a thin wrapper over src/core/formulas; custom-functions-metadata-plugin
 * reads the JSDoc below into functions.json and registers each function with CustomFunctions.associate.
 * Nothing may import this file (the injected registration needs the Excel runtime).
 *
 * Cell arguments are typed `any`: Excel hands numbers, text, booleans or blanks and the core reads
 * each leniently (numeric text, full-width digits, serial or text dates). Range arguments are `any[][]`
 * and arrive with the table's header row; columns are found by header text. functions.json allows error
 * values for these `any` parameters (allowErrorForDataTypeAny, set at build): an error cell in a range
 * reaches the function, which names it (inputErrors.ts) instead of Excel never calling it.
 *
 * The functions are async (Promise<T>): without a [scheme] argument they use the workbook's, which they
 * read themselves when they do not know it yet (workbookScheme.ts). `@requiresAddress` hands each call its
 * cell (the last parameter, CustomFunctions.Invocation), so that a change of the workbook's scheme
 * recalculates exactly these cells.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any cell value; the core validates it. */
import { appraisalPoints } from "../core/formulas/appraisal";
import { gradeOf } from "../core/formulas/grade";
import { itemPoints } from "../core/formulas/item";
import { periodLabelOf } from "../core/formulas/periodOf";
import { probationOutcome } from "../core/formulas/probation";
import { cellOf } from "../core/formulas/rangeTable";
import { memberTotal, scoresTable } from "../core/formulas/scores";
import { isCellError } from "../core/cellError";
import { isBlank } from "../core/cells";
import { resolveScheme } from "../core/formulas/resolveScheme";
import { starLevel } from "../core/formulas/starLevel";
import { inputError } from "./inputErrors";
import { run } from "./toExcelError";
import { withScheme } from "./withScheme";
import { ensureWorkbookScheme, getWorkbookSchemes, rememberCell } from "./workbookScheme";

/**
 * 按积分方案的等次分数线返回积分对应的等次（如 优秀、合格、基本合格、不合格）。
 * @customfunction GRADE
 * @param score 积分总分（数字，或数字文本）
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 等次
 */
export async function grade(score: any, scheme?: string, invocation?: CustomFunctions.Invocation): Promise<string> {
  return withScheme(scheme, (s) => gradeOf(cellOf(score), s), { fn: "GRADE", args: { 积分: score } }, invocation);
}

/**
 * 返回民主评议结果按积分方案折算的分值：按等次计分的方案填评议等次（如 优秀 记 20 分），按得分计的方案填评议得分（在方案范围内原样返回）。等次不在方案中时返回 #VALUE! 并列出可填的等次。
 * @customfunction APPRAISAL
 * @param result 评议等次（如 优秀、合格、基本合格、不合格），或按得分计的方案中的评议得分
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 评议分值
 */
export async function appraisal(result: any, scheme?: string, invocation?: CustomFunctions.Invocation): Promise<number> {
  return withScheme(scheme, (s) => appraisalPoints(cellOf(result), s), { fn: "APPRAISAL", args: { 评议等次: result } }, invocation);
}

/**
 * 返回一条台账记录的分值：次数 × 每次分值（不计封顶）。固定分值项目可不填分值，填写时须与规定一致；酌情计分项目须填分值。一票否决项目不计分：返回 #N/A，并说明本周期积分清零。
 * @customfunction ITEM
 * @param code 项目代码（见「积分规则」工作表），如 D1
 * @param [count] 次数，正整数；省略为 1
 * @param [value] 每次的分值；固定分值项目可省略，酌情计分项目必填
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 该条记录的分值
 */
export async function item(code: any, count?: any, value?: any, scheme?: string, invocation?: CustomFunctions.Invocation): Promise<number> {
  return withScheme(scheme, (s) => itemPoints(cellOf(code), cellOf(count), cellOf(value), s), { fn: "ITEM", args: { 项目代码: code, 次数: count, 分值: value } }, invocation);
}

/**
 * 按积分台账计算一名党员在某期间的总分，或某一组成部分（如 日常行为积分）的得分。编号不在名册中时返回 #N/A。
 * @customfunction TOTAL
 * @param ledger 「积分台账」整张表（含标题行，须有 日期、编号、项目代码、次数、分值 列）
 * @param roster 「党员名册」整张表（含标题行，须有 编号、姓名、党员类别 列）
 * @param memberId 党员编号
 * @param period 期间：2026（年度）、2026H1（半年）、2026Q3（季度）或 2026-07（月）
 * @param [component] 组成部分名称，如 日常行为积分；省略时返回总分
 * @param [appraisals] 「民主评议」整张表（含标题行，须有 年度、编号、评议等次 或 分值 列）；省略时不计评议分
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 积分
 */
export async function total(ledger: any[][], roster: any[][], memberId: any, period: any, component?: string, appraisals?: any[][], scheme?: string, invocation?: CustomFunctions.Invocation): Promise<number> {
  return withScheme(scheme, (s, versions) =>
    memberTotal({ ledger, roster, appraisals, scheme: s, versions, memberId: cellOf(memberId), period: cellOf(period), component: cellOf(component) }),
    { fn: "TOTAL", args: { 台账: ledger, 名册: roster, 编号: memberId, 期间: period, 评议: appraisals } },
    invocation,
  );
}

/**
 * 按积分台账计算全体党员某期间的积分表（溢出到下方和右侧）：编号、姓名、各组成部分、总分、等次、排名；无等次或不参加排名的留空。
 * @customfunction SCORES
 * @param ledger 「积分台账」整张表（含标题行，须有 日期、编号、项目代码、次数、分值 列）
 * @param roster 「党员名册」整张表（含标题行，须有 编号、姓名、党员类别 列）
 * @param period 期间：2026（年度）、2026H1（半年）、2026Q3（季度）或 2026-07（月）
 * @param [appraisals] 「民主评议」整张表（含标题行，须有 年度、编号、评议等次 或 分值 列）；省略时不计评议分
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 积分表（首行为标题）
 */
export async function scores(ledger: any[][], roster: any[][], period: any, appraisals?: any[][], scheme?: string, invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return withScheme(
    scheme,
    (s, versions) => scoresTable({ ledger, roster, appraisals, scheme: s, versions, period: cellOf(period) }),
    { fn: "SCORES", args: { 台账: ledger, 名册: roster, 期间: period, 评议: appraisals } },
    invocation,
  );
}

/**
 * 返回日期所在期间的标签（如 2026、2026H1、2026Q3、2026-07），按积分方案的周期起始月计算：12月至次年11月为一个周期的方案中，2025-12-15 属于 2026Q1。
 * @customfunction PERIOD
 * @param date 日期（日期单元格，或日期文本如 2026-07-15）
 * @param [granularity] 期间粒度：年、半年、季度 或 月（也可填 year、half、quarter、month）；省略为季度
 * @param [scheme] 积分方案 id，如 star-member；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 期间标签
 */
export async function period(date: any, granularity?: string, scheme?: string, invocation?: CustomFunctions.Invocation): Promise<string> {
  return withScheme(scheme, (s) => periodLabelOf(cellOf(date), cellOf(granularity), s), { fn: "PERIOD", args: { 日期: date } }, invocation);
}

/**
 * 按积分方案的预备党员转正规定返回积分对应的结果（如 按期转正、延期转正、取消预备党员资格）。方案没有此规定时返回 #N/A，并说明哪个方案有此规定。
 * @customfunction PROBATION
 * @param score 预备党员的年度积分（含民主评议分）
 * @param [scheme] 积分方案 id，如 dec-nov-cycle；省略时使用工作簿「设置」中选定的方案
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 转正结果
 */
export async function probation(score: any, scheme?: string, invocation?: CustomFunctions.Invocation): Promise<string> {
  return withScheme(scheme, (s) => probationOutcome(cellOf(score), s), { fn: "PROBATION", args: { 积分: score } }, invocation);
}

/**
 * 按基层党支部评星晋级办法，由党支部获得的星（学习星、安全星、绩效星、廉洁星、创新星）返回星级，如 三星级党支部。可填星数，或照台账写星名（如“安全星绩效星廉洁星”），也可选中多个单元格。
 * @customfunction STARLEVEL
 * @param stars 星数，或星名（一个单元格内连写，或分列在多个单元格中）
 * @param [scheme] 评星方案 id；省略时为 branch-stars（基层党支部评星晋级）
 * @param invocation 调用本函数的单元格（Excel 传入）：本工作簿的方案改变时，只重算这些单元格
 * @requiresAddress
 * @returns 星级
 */
export async function starlevel(stars: any[][], scheme?: string, invocation?: CustomFunctions.Invocation): Promise<string> {
  // A scheme id may name one the workbook keeps (自定义方案): read them first, as the other functions do.
  if (!isBlank(cellOf(scheme))) {
    rememberCell(invocation?.address);
    await ensureWorkbookScheme().catch(() => undefined);
  }
  return run(() => {
    const bad = inputError("STARLEVEL", { 星: stars });
    if (bad) return bad;
    if (isBlank(cellOf(scheme))) return starLevel(stars.map((row) => row.map(cellOf)), null);
    const resolved = resolveScheme(cellOf(scheme), null, getWorkbookSchemes());
    return isCellError(resolved) ? resolved : starLevel(stars.map((row) => row.map(cellOf)), resolved);
  });
}
