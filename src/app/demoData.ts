import { ledgerEntries } from "../core/engine/scoreMembers";
import { parsePeriod, periodDates, subPeriods } from "../core/period";
import { seededRandom } from "../core/random";
import { findReportForm, reportPeriodKind } from "../core/reports";
import { getBuiltinScheme } from "../core/scheme/presets";
import type { Scheme, SchemeItem } from "../core/scheme/schema";
import { validateLedger } from "../core/validation/validateLedger";
import type { WorkbookGateway } from "./gateway";
import { approvePeriod, importCsvFiles, loadLedger, recordAppeal, resolveAppeal, scaffoldWorkbook, scoreLedger } from "./ledgerService";
import { writeReport } from "./reportService";
import type { BranchStarInput } from "../core/stars/branchStars";
import { addBranchScore, saveBranchStars, saveGradingRecord } from "./sideStores";

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧";
const GIVEN = ["建国", "红梅", "志强", "秀英", "海峰", "丽娟", "文华", "春生", "晓东", "玉兰", "国庆", "桂芳", "德明", "淑珍", "永军", "慧敏", "立新", "美玲", "振华", "雪梅", "宏伟", "翠萍", "明辉", "静怡", "卫东", "小燕", "长青", "晓红", "鹏飞", "佳琪"];
const YEAR = 2026;

export interface DemoSummary {
  scheme: string;
  members: number;
  entries: number;
  errors: number;
  warnings: number;
  sheets: string[];
  grades: Record<string, number>;
  approved: string[];
}

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(",")).join("\n");
}

/**
 * How often an item happens to one member in a month: deductions are rare, heavy ones rarer; points a
 * member earns month by month (履职分, 任务分: components that start at 0) are common.
 */
function monthlyRate(item: SchemeItem, scheme: Scheme): number {
  const p = item.points;
  if (p.kind === "veto") return 0;
  const value = p.kind === "fixed" ? p.value : p.max;
  if (value < 0) return Math.abs(value) >= 5 ? 0.004 : 0.03;
  const component = scheme.components.find((c) => c.id === item.component);
  const earned = component?.kind === "points" && component.initial === 0 && component.max >= 20;
  return earned ? 0.6 : 0.05;
}

function entriesFor(scheme: Scheme, members: { id: string; category: string }[], random: () => number): (string | number)[][] {
  const cycle = parsePeriod(String(YEAR), scheme.cycleStartMonth);
  const rows: (string | number)[][] = [["日期", "编号", "项目代码", "次数", "分值", "证明材料", "说明"]];
  for (const month of subPeriods(cycle, "month", scheme.cycleStartMonth)) {
    const { start } = periodDates(month, scheme.cycleStartMonth);
    for (const m of members)
      for (const item of scheme.items) {
        if (item.categories && !item.categories.includes(m.category)) continue;
        if (random() >= monthlyRate(item, scheme)) continue;
        const day = 1 + Math.floor(random() * 27);
        const p = item.points;
        const value = p.kind === "range" ? Math.round((p.min + random() * (p.max - p.min)) * 2) / 2 : "";
        rows.push([`${start.slice(0, 8)}${String(day).padStart(2, "0")}`, m.id, item.code, 1, value, item.evidenceRequired ? "会议记录" : "", ""]);
      }
  }
  return rows;
}

export interface DemoOptions {
  schemeId?: string;
  seed?: number;
  branch?: string;
}

/**
 * A realistic branch workbook for one scheme, written through any gateway: about 30 members of every
 * category, a year of entries, an appeal resolved by a reversing row, approved periods, a few
 * deliberately bad rows in the open period for validation to catch, and every committee sheet.
 */
export async function fillDemoWorkbook(gateway: WorkbookGateway, options: DemoOptions = {}): Promise<DemoSummary> {
  const scheme = getBuiltinScheme(options.schemeId ?? "star-member");
  const random = seededRandom(options.seed ?? YEAR);
  const now = new Date(Date.UTC(YEAR, 11, 20, 2, 0, 0));
  await scaffoldWorkbook(gateway, scheme, { branch: options.branch ?? "示例党支部", year: YEAR, secretary: "王建国", clerk: "李红梅", contact: "组织委员李红梅（电话 0000-0000000）" }, now);

  const categories = scheme.categories.map((c) => c.name);
  const members = GIVEN.map((given, i) => ({
    id: `D${String(i + 1).padStart(3, "0")}`,
    name: `${SURNAMES[i % SURNAMES.length]}${given}`,
    category: categories.length === 1 ? categories[0] : i < 22 ? categories[0] : categories[Math.min(categories.length - 1, 1 + ((i - 22) % (categories.length - 1)))],
  }));
  const roster = [["编号", "姓名", "党员类别", "入党日期"], ...members.map((m, i) => [m.id, m.name, m.category, i < 25 ? `${1990 + i}-07-01` : ""])];
  const entries = entriesFor(scheme, members, random);
  const veto = scheme.items.find((i) => i.points.kind === "veto");
  const cycle = parsePeriod(String(YEAR), scheme.cycleStartMonth);
  const approvals = subPeriods(cycle, scheme.approval, scheme.cycleStartMonth);
  const open = approvals[approvals.length - 1];
  const openStart = periodDates(open, scheme.cycleStartMonth).start;
  if (veto) entries.push([`${openStart.slice(0, 8)}12`, members[7].id, veto.code, 1, "", "党委处分决定", "受处分"]);
  // Deliberately bad rows, in the period still open, for validation to find.
  const anyItem = scheme.items.find((i) => i.points.kind !== "veto")!;
  const range = scheme.items.find((i) => i.points.kind === "range");
  entries.push([`${YEAR}-02-30`, members[1].id, anyItem.code, 1, "", "", "日期写错"]);
  entries.push([`${openStart.slice(0, 8)}05`, "D999", anyItem.code, 1, "", "", "编号写错"]);
  if (range && range.points.kind === "range") entries.push([`${openStart.slice(0, 8)}06`, members[2].id, range.code, 1, range.points.min - 5, "", "分值超出范围"]);

  const appraisal = scheme.components.find((c) => c.kind === "appraisal");
  const appraisalRows: (string | number)[][] = [["编号", "评议等次", "分值"]];
  if (appraisal?.kind === "appraisal") {
    for (const m of members) {
      const a = appraisal.appraisal;
      if (a.mode === "grades") appraisalRows.push([m.id, a.grades[random() < 0.3 ? 0 : Math.min(a.grades.length - 1, random() < 0.9 ? 1 : 2)].name, ""]);
      else appraisalRows.push([m.id, "", Math.round((a.max * 0.6 + random() * a.max * 0.4) * 2) / 2]);
    }
  }
  await importCsvFiles(gateway, { roster: csv(roster), entries: csv(entries), appraisals: appraisalRows.length > 1 ? csv(appraisalRows) : undefined }, now);

  // An appeal in the first period: a member shows an entry was wrong; it is reversed, not edited.
  const loaded = await loadLedger(gateway);
  const firstStart = periodDates(approvals[0], scheme.cycleStartMonth);
  const wrong = ledgerEntries(loaded.entries).find((e) => e.date >= firstStart.start && e.date <= firstStart.end && e.ref !== undefined && (e.value ?? -1) < 0);
  if (wrong) {
    const id = await recordAppeal(gateway, { memberId: wrong.memberId, period: approvals[0].label, claim: "当日因公出差，已事先请假", evidence: "请假审批单", date: firstStart.end }, now);
    await resolveAppeal(gateway, { appealId: id, result: "经核实属实，撤销该条扣分", date: firstStart.end, ...(wrong.id !== undefined ? { reverseId: wrong.id } : { reverseRow: wrong.ref }) }, now);
  }
  const approved: string[] = [];
  for (const p of approvals.slice(0, -1)) {
    await approvePeriod(gateway, p.label, { date: periodDates(p, scheme.cycleStartMonth).end, meeting: "支部委员会会议" }, now);
    approved.push(p.label);
  }

  // Every committee sheet (one 个人台账 sample member keeps the workbook readable).
  const today = `${YEAR}-12-20`;
  const forms: [string, string][] = [];
  const periodOf = (kind: string) =>
    kind === "cycle" ? String(YEAR) : kind === "month" ? subPeriods(cycle, "month", scheme.cycleStartMonth)[2].label : subPeriods(cycle, kind as "quarter" | "half", scheme.cycleStartMonth)[0].label;
  const extraForms = await fillBranchLedgers(gateway, scheme, members, random, now);
  for (const name of ["公示", "排名通报", "年终审批", "季度申报", "季度明细", "半年备案", "全年备案", "民主评议", "个人台账", "月度台账", "统计", ...extraForms]) {
    const form = findReportForm(name)!;
    forms.push([name, periodOf(reportPeriodKind(form, scheme))]);
  }
  const sheets: string[] = [];
  for (const [name, period] of forms) {
    const { models } = await writeReport(gateway, name, period, today, now, name === "个人台账" ? { memberIds: [members[0].id] } : name === "统计" ? { excellentShare: 1 / 3 } : {});
    sheets.push(...models.map((m) => m.name));
  }
  const final = await loadLedger(gateway);
  const validation = validateLedger({ tables: final.tables, schemes: final.workbookSchemes });
  const year = scoreLedger(final, String(YEAR));
  const grades: Record<string, number> = {};
  for (const m of year.members) if (m.grade) grades[m.grade] = (grades[m.grade] ?? 0) + 1;
  return {
    scheme: scheme.id,
    members: final.members.length,
    entries: final.entries.length,
    errors: validation.errors,
    warnings: validation.warnings,
    sheets,
    grades,
    approved,
  };
}

/**
 * The branch-level 台账 of the schemes that have them: 评星晋级 (the seed's four branches), 分类定级
 * (problems and measures for some members), 支部积分 (three hospital branches, month by month).
 * Returns the extra committee forms to write.
 */
async function fillBranchLedgers(gateway: WorkbookGateway, scheme: Scheme, members: { id: string }[], random: () => number, now: Date): Promise<string[]> {
  if (scheme.id === "branch-stars") {
    const seed: BranchStarInput[] = [
      { year: YEAR, branch: "掘进六队党支部", secretary: "陆岩本", counts: { members: 9, deputies: 1, committee: 3, young: 2 }, stars: ["安全星", "绩效星", "廉洁星"], target: "四星级党支部", assessment: "能基本完成各项工作任务。" },
      { year: YEAR, branch: "生产服务队党支部", secretary: "王友斌", counts: { members: 8, deputies: 1, committee: 3, young: 3, college: 3 }, stars: ["学习星", "安全星", "廉洁星", "绩效星"], target: "五星级党支部", assessment: "“三会一课”、党员教育活动开展正常，能基本完成各项工作任务。" },
      { year: YEAR, branch: "综采一队党支部", counts: { members: 29, deputies: 1, committee: 3, women: 1, young: 4, college: 5 }, stars: ["学习星", "安全星", "绩效星"], target: "四星级党支部", assessment: "能基本完成各项工作任务。" },
      { year: YEAR, branch: "选煤厂党支部", secretary: "谢福怀", counts: { members: 25, deputies: 1, committee: 3, women: 8, minorities: 1, young: 2, college: 9 }, stars: ["学习星", "安全星", "绩效星", "廉洁星", "创新星"], target: "五星级党支部", assessment: "党员职工队伍稳定，班子成员服务职工意识较好。" },
    ];
    for (const input of seed) await saveBranchStars(gateway, input, now);
    return ["评星晋级"];
  }
  if (scheme.id === "classified-grading") {
    // The seed's problems and measures (仓街海源片区党支部), for the first five members.
    const cards = [
      ["理论学习不够，政策理论水平不强。", "加强对党的理论知识学习"],
      ["工作主动性不足，后进生转化工作做得不够。", "深入了解后进生成因，耐心教化"],
      ["与学生及家长联系不够，与别人的沟通交流不够。", "多与学生家长联系沟通"],
      ["服务意识不够强，工作的积极性不高。", "增强工作中的服务意识"],
      ["缺乏开拓创新精神。", "加强理论学习，开阔视野"],
    ];
    for (const [i, [problems, measures]] of cards.entries())
      await saveGradingRecord(gateway, { year: YEAR, memberId: members[i].id, problems, measures, deadline: `${YEAR}-12-31`, leader: "支部书记", outcome: i < 3 ? "已整改" : "", promoted: i < 2 ? "是" : "否" }, now);
    return ["分类定级", "管理卡"];
  }
  if (scheme.id === "hospital-40-50-10") {
    const branches: [string, number][] = [
      ["内科党支部", 92],
      ["外科党支部", 86],
      ["医技党支部", 78],
    ];
    for (const [branch, previous] of branches) {
      await addBranchScore(gateway, { branch, month: `${YEAR}-01`, kind: "上年得分", item: "上年度考核得分", points: previous }, now);
      for (let month = 1; month <= 11; month++) {
        const key = `${YEAR}-${String(month).padStart(2, "0")}`;
        await addBranchScore(gateway, { branch, month: key, kind: "任务分", item: "完成院党委当月部署任务", points: 40 + Math.round(random() * 20) / 2 }, now);
        if (random() < 0.3) await addBranchScore(gateway, { branch, month: key, kind: "基础分扣分", item: "未按期召开支委会", points: 2 }, now);
        if (random() < 0.2) await addBranchScore(gateway, { branch, month: key, kind: "奖励分", item: "受到上级表彰", points: 5 }, now);
      }
    }
    return ["支部积分"];
  }
  return [];
}
