import { approvePeriod, recordAppeal, resolveAppeal } from "../../app/ledgerService";
import { addDues, addBranchScore, addCommitment, branchScoresOf, branchStarsOf, redeemPoints, redemptionBalancesOf, saveBranchStars, saveGradingRecord, updateCommitment } from "../../app/sideStores";
import { COMMITMENT_STATUSES } from "../../core/commitments/commitments";
import { PROMOTION_CHOICES } from "../../core/grading/classifiedGrading";
import { PROFILE_COUNTS } from "../../core/stars/branchStars";
import { UsageError, defineCommand } from "../args";
import { withBook } from "../book";
import { today } from "./reports";

export const approve = defineCommand("approve", [["<台账.xlsx> --period <2026Q1 | 2026H1> --date <YYYY-MM-DD> [--meeting <会议>]", "记录支委会审定，保存每行台账的指纹"]], async (args, io) => {
  const period = args.need("period", "要审定的期间，如 2026Q1");
  const date = args.need("date", "审定日期 YYYY-MM-DD");
  const { rows, version } = await withBook(args.book, { write: true }, (gw) => approvePeriod(gw, period, { date, meeting: args.str("meeting") }));
  io.out(`已记录 ${period} 的审定（${date}${version > 1 ? `，申诉后第 ${version} 次审定` : ""}），台账 ${rows} 行已留存指纹；此后对这些行的改动会在 validate 中报告`);
  io.out(`每名党员 ${period} 的积分已记入「审定积分」，此后即为最终积分：审定后的改动须经申诉并重新审定才计入`);
  return 0;
});

export const appeal = defineCommand("appeal", [["<台账.xlsx> --member <编号> --period <期间> --claim <申诉事项> [--evidence <材料>] [--date <登记日期>]", "登记申诉，输出申诉编号"], ["<台账.xlsx> --resolve <申诉编号> --result <处理结果> [--date <处理日期>] [--reverse-id <记录号> | --reverse-row <行号>] [--correct-item <项目代码> --correct-date <日期> [--correct-value <分值>] [--correct-count <次数>]]", "处理申诉：原记录不改，撤销行与更正行都追加在台账末尾并指向该申诉"]], async (args, io) => {
  const appealId = args.str("resolve");
  if (appealId) {
    const item = args.str("correct-item");
    const resolution = {
      appealId,
      result: args.need("result", "处理结果"),
      date: args.str("date") ?? today(),
      reverseRow: args.count("reverse-row"),
      reverseId: args.count("reverse-id"),
      correction: item ? { itemCode: item, date: args.need("correct-date", "更正记录的日期"), value: args.num("correct-value"), count: args.num("correct-count") } : undefined,
    };
    if (resolution.reverseRow !== undefined && resolution.reverseId !== undefined) throw new UsageError("--reverse-id 与 --reverse-row 只用其一：按记录号或按行号指明要撤销的记录");
    // The line scripts read stays as it was; the 记录号 are in the sheet and in 申诉登记「更正记录」.
    const { rows } = await withBook(args.book, { write: true }, (gw) => resolveAppeal(gw, resolution));
    io.out(rows.length ? `申诉 ${appealId} 已处理，更正记录在积分台账第 ${rows.join("、")} 行` : `申诉 ${appealId} 已处理，无需更正`);
    return 0;
  }
  const input = {
    memberId: args.need("member", "申诉党员的编号"),
    period: args.need("period", "申诉的期间"),
    claim: args.need("claim", "申诉事项"),
    evidence: args.str("evidence"),
    date: args.str("date") ?? today(),
  };
  io.out(await withBook(args.book, { write: true }, (gw) => recordAppeal(gw, input)));
  return 0;
});

export const redeem = defineCommand("redeem", [["<台账.xlsx> --member <编号> --item <兑换事项> --points <积分> [--date <日期>] [--handler <经办人>]", "积分兑换：以支委会审定的积分兑换奖励，超出余额的拒绝（退出码 1）"], ["<台账.xlsx> --balances [--json]", "列出每名党员的已审定积分、已兑换积分与余额"]], async (args, io) => {
  if (args.has("balances")) {
    const balances = await withBook(args.book, { write: false }, redemptionBalancesOf);
    if (args.has("json")) io.out(JSON.stringify(balances, null, 2));
    else for (const b of balances) io.out(`${b.memberId}\t${b.name}\t已审定 ${b.earned}\t已兑换 ${b.redeemed}\t余额 ${b.balance}`);
    return 0;
  }
  const input = {
    date: args.str("date") ?? today(),
    memberId: args.need("member", "兑换党员的编号"),
    item: args.need("item", "兑换事项"),
    points: args.need("points", "消耗的积分"),
    handler: args.str("handler"),
  };
  const balance = await withBook(args.book, { write: true }, (gw) => redeemPoints(gw, input));
  io.out(`${balance.name}（${balance.memberId}）兑换完成，可兑换积分余额 ${balance.balance} 分`);
  return 0;
});

export const commitment = defineCommand("commitment", [["<台账.xlsx> --member <编号> --text <承诺事项> --deadline <完成时限> [--date <承诺日期>]", "登记党员承诺事项（工作表 承诺事项）"], ["<台账.xlsx> --row <行号> --status <未开始|进行中|已兑现|未兑现> [--follow-up <跟进记录>] [--entry-id <积分台账记录号> | --entry-row <积分台账行号>]", "更新承诺事项的完成情况，并关联计分的积分台账记录（按记录号；--entry-row 按该记录现在所在的行）"]], async (args, io) => {
  const row = args.num("row");
  if (row !== undefined) {
    const status = args.oneOf("status", COMMITMENT_STATUSES) ?? args.need("status", `完成情况：${COMMITMENT_STATUSES.join("、")}`);
    await withBook(args.book, { write: true }, (gw) => updateCommitment(gw, { row, status: status as (typeof COMMITMENT_STATUSES)[number], followUp: args.str("follow-up"), entryId: args.num("entry-id"), entryRow: args.num("entry-row") }));
    io.out(`承诺事项第 ${row} 行：${status}`);
    return 0;
  }
  const input = { memberId: args.need("member", "党员编号"), text: args.need("text", "承诺事项"), date: args.str("date") ?? today(), deadline: args.need("deadline", "完成时限 YYYY-MM-DD") };
  await withBook(args.book, { write: true }, (gw) => addCommitment(gw, input));
  io.out("已登记承诺事项");
  return 0;
});

const PROFILE_FLAGS: Record<(typeof PROFILE_COUNTS)[number][1], string> = {
  members: "members",
  deputies: "deputies",
  committee: "committee",
  women: "women",
  minorities: "minorities",
  young: "young",
  college: "college",
};

export const stars = defineCommand("stars", [["<台账.xlsx> --branch <党组织名称> --stars <学习星,安全星,…> --target <晋级目标> [--secretary <书记>] [--members N] [--deputies N] [--committee N] [--women N] [--minorities N] [--young N] [--college N] [--assessment <评定情况>] [--year YYYY]", "登记党支部评星晋级情况（工作表 评星晋级；同一年度同一支部覆盖原行）"], ["<台账.xlsx> --list [--year YYYY] [--json]", "列出各党支部的评定星级、晋级目标与尚差星数"]], async (args, io) => {
  const year = args.num("year");
  if (args.has("list")) {
    const list = await withBook(args.book, { write: false }, (gw) => branchStarsOf(gw, year));
    if (args.has("json")) io.out(JSON.stringify(list.branches.map(({ values: _values, ...r }) => r), null, 2));
    else for (const b of list.branches) io.out(`${b.branch}\t${b.stars.join("") || "（无）"}\t${b.level}\t晋级目标 ${b.target}\t尚差 ${b.gap} 星`);
    return 0;
  }
  const branch = args.need("branch", "党组织名称");
  const input = {
    year,
    branch,
    secretary: args.str("secretary"),
    counts: Object.fromEntries(Object.entries(PROFILE_FLAGS).flatMap(([field, flag]) => (args.count(flag) === undefined ? [] : [[field, args.count(flag)]]))),
    stars: (args.str("stars") ?? "").split(/[,，、\s]+/).filter(Boolean),
    target: args.need("target", "晋级目标，如 四星级党支部"),
    assessment: args.str("assessment"),
  };
  await withBook(args.book, { write: true }, (gw) => saveBranchStars(gw, input));
  io.out(`已登记 ${branch} 的评星晋级情况`);
  return 0;
});

export const grading = defineCommand("grading", [["<台账.xlsx> --member <编号> [--problems <存在问题>] [--measures <整改措施>] [--deadline <整改时限>] [--leader <联系领导>] [--outcome <整改结果>] [--appraisal <测评结果>] [--promoted 是|否] [--year YYYY]", "登记或更新分类定级积分晋位管理台账（工作表 分类定级）"]], async (args, io) => {
  const input = {
    year: args.num("year"),
    memberId: args.need("member", "党员编号"),
    problems: args.str("problems"),
    measures: args.str("measures"),
    deadline: args.str("deadline"),
    leader: args.str("leader"),
    outcome: args.str("outcome"),
    appraisal: args.str("appraisal"),
    promoted: args.oneOf("promoted", PROMOTION_CHOICES),
  };
  await withBook(args.book, { write: true }, (gw) => saveGradingRecord(gw, input));
  io.out(`已登记 ${input.memberId} 的分类定级情况`);
  return 0;
});

export const branchScore = defineCommand("branch-score", [["<台账.xlsx> --branch <党支部> --month <YYYY-MM> --kind <上年得分|基础分扣分|任务分|奖励分> --points <分值> [--item <考核内容>] [--note <说明>]", "登记党支部月度积分（工作表 支部积分）"], ["<台账.xlsx> --list --year YYYY [--json]", "列出各党支部每月的基础分（上月总分的40%）、扣分、任务分、奖励分与总分"]], async (args, io) => {
  if (args.has("list")) {
    const year = args.num("year");
    if (year === undefined) throw new UsageError("缺少参数 --year（年度）");
    const { branches, issues } = await withBook(args.book, { write: false }, (gw) => branchScoresOf(gw, year));
    if (args.has("json")) io.out(JSON.stringify({ branches, issues: issues.map((i) => i.message) }, null, 2));
    else {
      for (const b of branches) {
        io.out(`${b.branch}（上年得分 ${b.previousYear ?? "未填写"}，年度得分 ${b.yearScore}）`);
        for (const m of b.months) io.out(`  ${m.month}月\t基础分 ${m.base}\t扣分 ${m.deducted}\t任务分 ${m.task}\t奖励分 ${m.reward}\t总分 ${m.total}`);
      }
      for (const i of issues) io.err(`${i.severity === "error" ? "错误" : "提示"}：${i.message}`);
    }
    return issues.some((i) => i.severity === "error") ? 1 : 0;
  }
  const input = {
    branch: args.need("branch", "党支部"),
    month: args.need("month", "月份 YYYY-MM"),
    kind: args.need("kind", "上年得分、基础分扣分、任务分或奖励分"),
    item: args.str("item") ?? "",
    points: args.need("points", "分值"),
    note: args.str("note"),
  };
  await withBook(args.book, { write: true }, (gw) => addBranchScore(gw, input));
  io.out(`已登记 ${input.branch} ${input.month} 的${input.kind}`);
  return 0;
});

export const dues = defineCommand(
  "dues",
  [["<台账.xlsx> --member <编号> --month <YYYY-MM> --due <应交> [--paid <实交>] [--paid-date <交纳日期>] [--reason <正当理由>]", "登记党员一个月的党费交纳（工作表 党费交纳）；方案按党费扣分的，未按时或足额交纳的月份自动计扣分，连续未交纳按方案否决"]],
  async (args, io) => {
    const input = {
      memberId: args.need("member", "党员编号"),
      month: args.need("month", "月份 YYYY-MM"),
      due: args.need("due", "应交金额"),
      paid: args.str("paid"),
      paidOn: args.str("paid-date"),
      reason: args.str("reason"),
    };
    await withBook(args.book, { write: true }, (gw) => addDues(gw, input));
    io.out(`已登记 ${input.memberId} ${input.month} 的党费`);
    return 0;
  },
);
