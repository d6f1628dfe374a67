import fs from "fs";
import path from "path";
import { CoreError } from "../core/errors";
import { schemeMaximum } from "../core/engine/scoreMembers";
import type { ScoreResult } from "../core/engine/types";
import { localIsoDate, tryParsePeriod } from "../core/period";
import { BUILTIN_SCHEMES, findBuiltinScheme } from "../core/scheme/presets";
import { ExcelJsGateway } from "../hosts/xlsx/excelJsGateway";
import { WorkbookError } from "../app/gateway";
import { buildDemoWorkbook } from "../hosts/xlsx/demoFile";
import { RedemptionRefused } from "../core/redemption/redemption";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "../core/commitments/commitments";
import { addCommitment, updateCommitment } from "../app/commitmentService";
import { branchStarsOf, saveBranchStars } from "../app/branchStarService";
import { saveGradingRecord } from "../app/gradingService";
import { addBranchScore, branchScoresOf } from "../app/branchScoreService";
import { redeemPoints, redemptionBalancesOf } from "../app/redemptionService";
import { rollupBooks } from "../hosts/xlsx/rollupFiles";
import { writeReport } from "../app/reportService";
import { ApprovalRefused } from "../core/approval/approvals";
import { approvePeriod, importCsvFiles, loadLedger, recordAppeal, resolveAppeal, scaffoldWorkbook, scoreLedger, unapprovedPeriods, validateWorkbook } from "../app/ledgerService";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A user mistake: printed as its message, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const USAGE = `用法：party-ledger <命令> [参数]

  demo [--scheme <id>] [--out <文件.xlsx>] [--branch <支部名称>] [--seed <数字>]
                                                    生成示例台账工作簿（约30名党员、全年记录、审定、申诉与全部报表）
  rollup <支部1.xlsx> <支部2.xlsx> … --period <期间> --out <党委汇总.xlsx> [--combine percent]
                                                    党委汇总：每个支部一行与全委前列（各支部记有评星晋级时另有评星晋级台账）；
                                                    方案或年度不同时须指明 --combine percent
  schemes [--json]                                  列出内置积分方案
  init <台账.xlsx> --scheme <id> --year <YYYY> [--branch <支部名称>]
                                                    新建台账，或为已有工作簿补齐缺少的工作表
  import <台账.xlsx> [--roster 名册.csv] [--entries 积分.csv] [--appraisals 评议.csv]
                                                    从 UTF-8 CSV 追加数据
  scores <台账.xlsx> --period <2026 | 2026H1 | 2026Q3 | 2026-07> [--json]
                                                    计算积分、等次与排名
  validate <台账.xlsx> [--json]                     按方案校验台账，列出每个问题的工作表、行和列
  publicity <台账.xlsx> --period <2026Q3 | 2026H1>    生成公示表（工作表 公示-<期间>）
  approval <台账.xlsx> --year <YYYY>                生成年终等次评定审批表（工作表 年终审批-<年度>）
  report <台账.xlsx> --form <表名> --period <期间>   生成其他表样：排名通报、季度申报、季度明细、半年备案、
                                                    全年备案、民主评议、个人台账、月度台账、积分兑换、承诺事项、
                                                    评星晋级、分类定级、管理卡（每人一页）、支部积分
  approve <台账.xlsx> --period <2026Q1 | 2026H1> --date <YYYY-MM-DD> [--meeting <会议>]
                                                    记录支委会审定，保存每行台账的指纹
  appeal <台账.xlsx> --member <编号> --period <期间> --claim <申诉事项> [--evidence <材料>] [--date <登记日期>]
                                                    登记申诉，输出申诉编号
  appeal <台账.xlsx> --resolve <申诉编号> --result <处理结果> [--date <处理日期>] [--reverse-row <行号>]
         [--correct-item <项目代码> --correct-date <日期> [--correct-value <分值>] [--correct-count <次数>]]
                                                    处理申诉：原记录不改，撤销行与更正行都追加在台账末尾并指向该申诉
  redeem <台账.xlsx> --member <编号> --item <兑换事项> --points <积分> [--date <日期>] [--handler <经办人>]
                                                    积分兑换：以支委会审定的积分兑换奖励，超出余额的拒绝（退出码 1）
  redeem <台账.xlsx> --balances [--json]            列出每名党员的已审定积分、已兑换积分与余额
  commitment <台账.xlsx> --member <编号> --text <承诺事项> --deadline <完成时限> [--date <承诺日期>]
                                                    登记党员承诺事项（工作表 承诺事项）
  commitment <台账.xlsx> --row <行号> --status <未开始|进行中|已兑现|未兑现> [--follow-up <跟进记录>] [--entry-row <积分台账行号>]
                                                    更新承诺事项的完成情况，并关联计分的积分台账记录
  stars <台账.xlsx> --branch <党组织名称> --stars <学习星,安全星,…> --target <晋级目标> [--secretary <书记>]
        [--members N] [--deputies N] [--committee N] [--women N] [--minorities N] [--young N] [--college N]
        [--assessment <评定情况>] [--year YYYY]     登记党支部评星晋级情况（工作表 评星晋级；同一年度同一支部覆盖原行）
  stars <台账.xlsx> --list [--year YYYY] [--json]  列出各党支部的评定星级、晋级目标与尚差星数
  grading <台账.xlsx> --member <编号> [--problems <存在问题>] [--measures <整改措施>] [--deadline <整改时限>]
          [--leader <联系领导>] [--outcome <整改结果>] [--appraisal <测评结果>] [--promoted 是|否] [--year YYYY]
                                                    登记或更新分类定级积分晋位管理台账（工作表 分类定级）
  branch-score <台账.xlsx> --branch <党支部> --month <YYYY-MM> --kind <上年得分|基础分扣分|任务分|奖励分>
               --points <分值> [--item <考核内容>] [--note <说明>]
                                                    登记党支部月度积分（工作表 支部积分）
  branch-score <台账.xlsx> --list --year YYYY [--json]
                                                    列出各党支部每月的基础分（上月总分的40%）、扣分、任务分、奖励分与总分

退出码：0 完成；1 工作簿有需要处理的问题；2 用法错误或文件无法读取。`;

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const BOOLEAN_FLAGS = new Set(["json", "help", "balances", "list"]);

export function parseArgs(argv: readonly string[]): Parsed {
  const [command = "", ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
      else {
        const value = inline ?? rest[++i];
        if (value === undefined || value.startsWith("--")) throw new UsageError(`参数 --${name} 缺少取值`);
        flags.set(name, value);
      }
    } else positional.push(arg);
  }
  return { command, positional, flags };
}

function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

function requireFlag(p: Parsed, name: string, hint: string): string {
  const v = flag(p, name);
  if (!v) throw new UsageError(`缺少参数 --${name}（${hint}）`);
  return v;
}

function bookPath(p: Parsed): string {
  const file = p.positional[0];
  if (!file) throw new UsageError("缺少工作簿文件名，例如 台账.xlsx");
  return file;
}

async function openBook(file: string): Promise<ExcelJsGateway> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 ${file}`);
  try {
    return await ExcelJsGateway.open(file);
  } catch (e) {
    throw new UsageError(`无法读取 ${file}：${(e as Error).message}（需要 .xlsx 格式的工作簿）`);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`无法读取 CSV 文件 ${file}`);
  }
}

function schemes(p: Parsed, io: CliIo): number {
  const list = BUILTIN_SCHEMES.map((s) => ({ id: s.id, name: s.name, version: s.version, maxTotal: schemeMaximum(s) }));
  if (p.flags.has("json")) io.out(JSON.stringify(list, null, 2));
  else for (const s of list) io.out(`${s.id.padEnd(20)} 第${s.version}版  满分${String(s.maxTotal).padStart(4)}  ${s.name}`);
  return 0;
}

async function init(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const schemeId = requireFlag(p, "scheme", "方案 id，见 party-ledger schemes");
  const scheme = findBuiltinScheme(schemeId);
  if (!scheme) throw new UsageError(`没有 id 为「${schemeId}」的内置方案；可用：${BUILTIN_SCHEMES.map((s) => s.id).join("、")}`);
  const yearText = requireFlag(p, "year", "考核年度，如 2026");
  if (!/^\d{4}$/.test(yearText)) throw new UsageError(`年度「${yearText}」应为四位数字，如 2026`);
  const gateway = fs.existsSync(file) ? await openBook(file) : new ExcelJsGateway();
  const plan = await scaffoldWorkbook(gateway, scheme, { branch: flag(p, "branch") ?? "", year: Number(yearText) });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await gateway.save(file);
  io.out(`已写入 ${file}`);
  if (plan.added.length) io.out(`新建工作表：${plan.added.join("、")}`);
  if (plan.kept.length) io.out(`保留原有工作表（数据未改动）：${plan.kept.join("、")}`);
  for (const c of plan.conflicts) io.err(`注意：${c.message}`);
  return plan.conflicts.length > 0 ? 1 : 0;
}

async function importCommand(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const files = { roster: flag(p, "roster"), entries: flag(p, "entries"), appraisals: flag(p, "appraisals") };
  if (!files.roster && !files.entries && !files.appraisals) throw new UsageError("请至少给出 --roster、--entries 或 --appraisals 之一");
  const texts = Object.fromEntries(Object.entries(files).flatMap(([k, f]) => (f ? [[k, readText(f)]] : [])));
  const gateway = await openBook(file);
  const counts = await importCsvFiles(gateway, texts);
  await gateway.save(file);
  const labels = { roster: "名册", entries: "积分记录", appraisals: "民主评议" } as const;
  for (const k of ["roster", "entries", "appraisals"] as const) if (files[k]) io.out(`${labels[k]}：追加 ${counts[k]} 行`);
  return 0;
}

export function scoresJson(result: ScoreResult): object {
  return {
    scheme: result.schemeId,
    period: result.period.label,
    members: result.members.map((m) => ({
      id: m.id,
      name: m.name,
      category: m.category,
      components: m.components,
      total: m.total,
      grade: m.grade,
      rank: m.rank,
      veto: m.veto,
      vetoReason: m.vetoReason,
    })),
  };
}

async function scores(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const periodText = requireFlag(p, "period", "2026、2026H1、2026Q3 或 2026-07");
  if (!tryParsePeriod(periodText)) throw new UsageError(`期间「${periodText}」无法识别，应为 2026、2026H1、2026Q3 或 2026-07`);
  const ledger = await loadLedger(await openBook(file));
  const result = scoreLedger(ledger, periodText);
  if (p.flags.has("json")) {
    io.out(JSON.stringify(scoresJson(result), null, 2));
  } else {
    io.out(`${ledger.scheme.name}（${ledger.scheme.id}） 期间 ${result.period.label}  满分 ${result.maxTotal}`);
    io.out(["编号", "姓名", "类别", ...result.componentNames, "总分", "等次", "排名"].join("\t"));
    for (const m of result.members)
      io.out([m.id, m.name, m.category, ...result.componentNames.map((n) => m.components[n]), m.total, m.grade ?? "", m.rank ?? "", m.veto ? `否决：${m.vetoReason}` : ""].join("\t"));
  }
  if (result.ignored.length > 0) io.err(`注意：${result.ignored.length} 条记录无法计分，未计入（运行 validate 查看详情）`);
  if (ledger.scheme.cycleTotalFrom !== "ledger" && result.period.kind === "cycle") {
    const open = unapprovedPeriods(ledger);
    if (open.length) io.err(`注意：本方案的年度积分为支委会审定后各期积分之和，${open.join("、")} 尚未审定`);
  }
  return 0;
}

async function validate(p: Parsed, io: CliIo): Promise<number> {
  const result = await validateWorkbook(await openBook(bookPath(p)));
  if (p.flags.has("json")) io.out(JSON.stringify(result.issues, null, 2));
  else {
    for (const i of result.issues) io.out(`${i.sheet}!${i.column}${i.row}\t${i.severity === "error" ? "错误" : "警告"}\t${i.message}`);
    io.out(result.issues.length ? `共 ${result.errors} 个错误、${result.warnings} 个警告` : "校验通过：没有发现问题");
  }
  return result.errors > 0 ? 1 : 0;
}

function today(): string {
  return localIsoDate(new Date());
}

function numberFlag(p: Parsed, name: string): number | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`参数 --${name} 应为数字，收到「${v}」`);
  return n;
}

async function demo(p: Parsed, io: CliIo): Promise<number> {
  const schemeId = flag(p, "scheme") ?? "star-member";
  if (!findBuiltinScheme(schemeId)) throw new UsageError(`没有 id 为「${schemeId}」的内置方案；可用：${BUILTIN_SCHEMES.map((s) => s.id).join("、")}`);
  const out = flag(p, "out") ?? path.join("demo", "党员积分台账-示例.xlsx");
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const seed = numberFlag(p, "seed");
  const s = await buildDemoWorkbook({ schemeId, out, seed, branch: flag(p, "branch") });
  io.out(`示例工作簿：${path.resolve(s.file)}`);
  io.out(`方案 ${s.scheme}；党员 ${s.members} 名；积分记录 ${s.entries} 条；已审定 ${s.approved.join("、") || "无"}`);
  io.out(`校验：${s.errors} 个错误、${s.warnings} 个警告（错误为有意写错的示例行，运行 party-ledger validate 查看）`);
  io.out(`年度等次：${Object.entries(s.grades).map(([g, n]) => `${g} ${n} 人`).join("，") || "（本方案按半年评定）"}`);
  io.out(`报表工作表 ${s.sheets.length} 张：${s.sheets.join("、")}`);
  io.out(`用时 ${(s.ms / 1000).toFixed(1)} 秒`);
  return 0;
}

async function rollup(p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length === 0) throw new UsageError("请给出至少一个支部工作簿");
  const period = requireFlag(p, "period", "期间，如 2026 或 2026H1");
  const out = requireFlag(p, "out", "党委汇总工作簿的文件名");
  const combine = flag(p, "combine");
  if (combine !== undefined && combine !== "percent") throw new UsageError(`--combine 只能是 percent（按满分折算为得分率），收到「${combine}」`);
  for (const f of p.positional) if (!fs.existsSync(f)) throw new UsageError(`找不到文件 ${f}`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const summaries = await rollupBooks(p.positional, period, out, combine === "percent" ? "percent" : "same");
  io.out(`已汇总 ${summaries.length} 个支部到 ${out}`);
  return 0;
}

async function report(p: Parsed, io: CliIo, form: string, period: string): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  const { models, warnings } = await writeReport(gateway, form, period, flag(p, "date") ?? today());
  await gateway.save(file);
  io.out(`已生成工作表：${models.map((m) => m.name).join("、")}（只含数值和标准公式，未安装加载项也能打开和打印）`);
  for (const w of warnings) io.err(`注意：${w}`);
  return 0;
}

async function approve(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const period = requireFlag(p, "period", "要审定的期间，如 2026Q1");
  const date = requireFlag(p, "date", "审定日期 YYYY-MM-DD");
  const gateway = await openBook(file);
  try {
    const { rows } = await approvePeriod(gateway, period, { date, meeting: flag(p, "meeting") });
    await gateway.save(file);
    io.out(`已记录 ${period} 的审定（${date}），台账 ${rows} 行已留存指纹；此后对这些行的改动会在 validate 中报告`);
    return 0;
  } catch (e) {
    if (e instanceof ApprovalRefused) {
      io.err(`未审定：${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function appeal(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  const resolveId = flag(p, "resolve");
  if (resolveId) {
    const item = flag(p, "correct-item");
    const correction = item ? { itemCode: item, date: requireFlag(p, "correct-date", "更正记录的日期"), value: numberFlag(p, "correct-value"), count: numberFlag(p, "correct-count") } : undefined;
    const rows = await resolveAppeal(gateway, {
      appealId: resolveId,
      result: requireFlag(p, "result", "处理结果"),
      date: flag(p, "date") ?? today(),
      reverseRow: numberFlag(p, "reverse-row"),
      correction,
    });
    await gateway.save(file);
    io.out(rows.length ? `申诉 ${resolveId} 已处理，更正记录在积分台账第 ${rows.join("、")} 行` : `申诉 ${resolveId} 已处理，无需更正`);
    return 0;
  }
  const id = await recordAppeal(gateway, {
    memberId: requireFlag(p, "member", "申诉党员的编号"),
    period: requireFlag(p, "period", "申诉的期间"),
    claim: requireFlag(p, "claim", "申诉事项"),
    evidence: flag(p, "evidence"),
    date: flag(p, "date") ?? today(),
  });
  await gateway.save(file);
  io.out(id);
  return 0;
}

async function redeem(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  if (p.flags.has("balances")) {
    const balances = await redemptionBalancesOf(gateway);
    if (p.flags.has("json")) io.out(JSON.stringify(balances, null, 2));
    else for (const b of balances) io.out(`${b.memberId}\t${b.name}\t已审定 ${b.earned}\t已兑换 ${b.redeemed}\t余额 ${b.balance}`);
    return 0;
  }
  try {
    const balance = await redeemPoints(gateway, {
      date: flag(p, "date") ?? today(),
      memberId: requireFlag(p, "member", "兑换党员的编号"),
      item: requireFlag(p, "item", "兑换事项"),
      points: requireFlag(p, "points", "消耗的积分"),
      handler: flag(p, "handler"),
    });
    await gateway.save(file);
    io.out(`${balance.name}（${balance.memberId}）兑换完成，可兑换积分余额 ${balance.balance} 分`);
    return 0;
  } catch (e) {
    if (e instanceof RedemptionRefused) {
      io.err(`未兑换：${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function commitment(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  const row = numberFlag(p, "row");
  if (row !== undefined) {
    const status = requireFlag(p, "status", `完成情况：${COMMITMENT_STATUSES.join("、")}`);
    await updateCommitment(gateway, { row, status: status as CommitmentStatus, followUp: flag(p, "follow-up"), entryRow: numberFlag(p, "entry-row") });
    await gateway.save(file);
    io.out(`承诺事项第 ${row} 行：${status}`);
    return 0;
  }
  await addCommitment(gateway, {
    memberId: requireFlag(p, "member", "党员编号"),
    text: requireFlag(p, "text", "承诺事项"),
    date: flag(p, "date") ?? today(),
    deadline: requireFlag(p, "deadline", "完成时限 YYYY-MM-DD"),
  });
  await gateway.save(file);
  io.out("已登记承诺事项");
  return 0;
}

function countFlag(p: Parsed, name: string): number | undefined {
  const n = numberFlag(p, name);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new UsageError(`参数 --${name} 应为不小于0的整数，收到「${n}」`);
  return n;
}

async function stars(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  const year = numberFlag(p, "year");
  if (p.flags.has("list")) {
    const list = await branchStarsOf(gateway, year);
    if (p.flags.has("json")) io.out(JSON.stringify(list.branches.map(({ values: _values, ...r }) => r), null, 2));
    else for (const b of list.branches) io.out(`${b.branch}\t${b.stars.join("") || "（无）"}\t${b.level}\t晋级目标 ${b.target}\t尚差 ${b.gap} 星`);
    return 0;
  }
  await saveBranchStars(gateway, {
    year,
    branch: requireFlag(p, "branch", "党组织名称"),
    secretary: flag(p, "secretary"),
    counts: Object.fromEntries(PROFILE_FLAGS.map(([name, field]) => [field, countFlag(p, name)]).filter(([, n]) => n !== undefined)),
    stars: (flag(p, "stars") ?? "").split(/[,，、\s]+/).filter(Boolean),
    target: requireFlag(p, "target", "晋级目标，如 四星级党支部"),
    assessment: flag(p, "assessment"),
  });
  await gateway.save(file);
  io.out(`已登记 ${flag(p, "branch")} 的评星晋级情况`);
  return 0;
}

const PROFILE_FLAGS = [
  ["members", "members"],
  ["deputies", "deputies"],
  ["committee", "committee"],
  ["women", "women"],
  ["minorities", "minorities"],
  ["young", "young"],
  ["college", "college"],
] as const;

async function grading(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  const promoted = flag(p, "promoted");
  if (promoted !== undefined && promoted !== "是" && promoted !== "否") throw new UsageError(`参数 --promoted 应为 是 或 否，收到「${promoted}」`);
  await saveGradingRecord(gateway, {
    year: numberFlag(p, "year"),
    memberId: requireFlag(p, "member", "党员编号"),
    problems: flag(p, "problems"),
    measures: flag(p, "measures"),
    deadline: flag(p, "deadline"),
    leader: flag(p, "leader"),
    outcome: flag(p, "outcome"),
    appraisal: flag(p, "appraisal"),
    promoted,
  });
  await gateway.save(file);
  io.out(`已登记 ${flag(p, "member")} 的分类定级情况`);
  return 0;
}

async function branchScore(p: Parsed, io: CliIo): Promise<number> {
  const file = bookPath(p);
  const gateway = await openBook(file);
  if (p.flags.has("list")) {
    const year = numberFlag(p, "year");
    if (year === undefined) throw new UsageError("缺少参数 --year（年度）");
    const { branches, issues } = await branchScoresOf(gateway, year);
    if (p.flags.has("json")) io.out(JSON.stringify({ branches, issues: issues.map((i) => i.message) }, null, 2));
    else {
      for (const b of branches) {
        io.out(`${b.branch}（上年得分 ${b.previousYear ?? "未填写"}，年度得分 ${b.yearScore}）`);
        for (const m of b.months) io.out(`  ${m.month}月\t基础分 ${m.base}\t扣分 ${m.deducted}\t任务分 ${m.task}\t奖励分 ${m.reward}\t总分 ${m.total}`);
      }
      for (const i of issues) io.err(`${i.severity === "error" ? "错误" : "提示"}：${i.message}`);
    }
    return issues.some((i) => i.severity === "error") ? 1 : 0;
  }
  await addBranchScore(gateway, {
    branch: requireFlag(p, "branch", "党支部"),
    month: requireFlag(p, "month", "月份 YYYY-MM"),
    kind: requireFlag(p, "kind", "上年得分、基础分扣分、任务分或奖励分"),
    item: flag(p, "item") ?? "",
    points: requireFlag(p, "points", "分值"),
    note: flag(p, "note"),
  });
  await gateway.save(file);
  io.out(`已登记 ${flag(p, "branch")} ${flag(p, "month")} 的${flag(p, "kind")}`);
  return 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const p = parseArgs(argv);
    if (!p.command || p.command === "help" || p.flags.has("help")) {
      io.out(USAGE);
      return p.command ? 0 : 2;
    }
    switch (p.command) {
      case "schemes":
        return schemes(p, io);
      case "demo":
        return await demo(p, io);
      case "rollup":
        return await rollup(p, io);
      case "init":
        return await init(p, io);
      case "import":
        return await importCommand(p, io);
      case "scores":
        return await scores(p, io);
      case "validate":
        return await validate(p, io);
      case "publicity":
        return await report(p, io, "公示", requireFlag(p, "period", "公示期间，如 2026Q3 或 2026H1"));
      case "approval":
        return await report(p, io, "年终审批", requireFlag(p, "year", "年度，如 2026"));
      case "report":
        return await report(p, io, requireFlag(p, "form", "表名，如 排名通报"), requireFlag(p, "period", "期间"));
      case "approve":
        return await approve(p, io);
      case "appeal":
        return await appeal(p, io);
      case "redeem":
        return await redeem(p, io);
      case "commitment":
        return await commitment(p, io);
      case "stars":
        return await stars(p, io);
      case "grading":
        return await grading(p, io);
      case "branch-score":
        return await branchScore(p, io);
      default:
        throw new UsageError(`未知命令「${p.command}」\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof CoreError || e instanceof WorkbookError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    io.err(`内部错误：${(e as Error).message}\n（请把这条信息和工作簿一起反馈给维护者）`);
    if (process.env.PARTY_LEDGER_DEBUG) io.err(String((e as Error).stack));
    return 2;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then((code) => {
    process.exitCode = code;
  });
}
