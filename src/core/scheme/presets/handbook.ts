import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, deductedComponent, earnedComponent, fixedItem, memberCategories, rangeItem } from "./common";

/** S3 党员积分手册范本: 基础分 + 业绩分 + 奖励分, declared quarterly, filed half-yearly and yearly. */
export const handbook: SchemeInput = {
  id: "handbook",
  name: "党员积分手册",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "基础分60分（倒扣）+ 业绩分30分（含完成承诺事项，累计）+ 奖励分10分，共100分；每季度申报积分，半年、全年备案，年终评定等次。业绩分项目为样表，由各支部细化。",
  source: {
    title: "党员积分手册范本",
    quotes: [
      "党员管理积分制积分内容和标准",
      "基础分内容和标准",
      "业绩分内容和标准",
      "注：此表为业绩积分内容和标准样表，仅供参考。各支部应根据实际工作情况细化量化，突出可操作性。",
      "奖励分内容和标准",
      "党员承诺事项登记表",
      "第季度党员积分申报表",
      "党员季度积分明细登记表",
      "党员半年积分备案表",
      "党员全年积分备案表",
      "党员民主评议表",
      "党员年终等次评定审批表",
    ],
  },
  pending: [
    "三部分分值（手册只列基础分、业绩分、奖励分三类内容和标准，未给分值：定为基础分60、业绩分30、奖励分10，共100分，待支部确定）",
    "民主评议（手册附党员民主评议表，但“积分内容和标准”只含基础分、业绩分、奖励分三类，故民主评议不计分，作为年终等次评定的参考；如需计分可增加民主评议组成部分，待支部确定）",
    "各项目及分值（手册的内容和标准表为空白样表：此处为示例，业绩分须由各支部细化量化，待支部确定）",
    "等次分数线（手册未规定：沿用90/70/60，待支部确定）",
    "公示与排名周期（手册只有季度申报表和半年、全年备案表：按季度公示审定、年度排名，待支部确定）",
    "预备党员是否定等次、参加排名（手册未规定：参照正式党员，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    deductedComponent("base", "基础分", 60, "cycle", "倒扣，扣完为止"),
    earnedComponent("merit", "业绩分", 30, "cycle", "样表，各支部细化量化"),
    earnedComponent("reward", "奖励分", 10),
  ],
  items: [
    // 基础分
    fixedItem("B1", "无故不参加组织生活（党员大会、党小组会、党课、主题党日）", "base", -2),
    fixedItem("B2", "参加组织生活迟到、早退", "base", -1),
    fixedItem("B3", "未按时足额交纳党费", "base", -2),
    fixedItem("B4", "未按要求完成学习任务", "base", -1),
    fixedItem("B5", "违反工作纪律和规章制度", "base", -2),
    fixedItem("B6", "无正当理由未兑现承诺事项", "base", -2, { note: "对照《党员承诺事项登记表》" }),
    fixedItem("B7", "受到党纪政务处分", "base", -10, { evidenceRequired: true }),
    // 业绩分（样表）
    rangeItem("P1", "完成承诺事项", "merit", 1, 5, { evidenceRequired: true, note: "对照《党员承诺事项登记表》逐项认定" }),
    rangeItem("P2", "本职工作业绩突出", "merit", 1, 5, { evidenceRequired: true }),
    fixedItem("P3", "完成党组织分配的任务", "merit", 2),
    fixedItem("P4", "参加志愿服务等公益活动", "merit", 1),
    fixedItem("P5", "联系服务群众、帮扶困难群众", "merit", 2),
    // 奖励分
    rangeItem("W1", "受到上级党组织或单位表彰", "reward", 2, 5, { evidenceRequired: true }),
    fixedItem("W2", "先进事迹被媒体宣传报道", "reward", 2, { evidenceRequired: true }),
    rangeItem("W3", "见义勇为等受到社会公认的行为", "reward", 3, 5, { evidenceRequired: true }),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  // 党员民主评议表 is one of the handbook's forms though its points have no appraisal part: filled in by hand.
  extraForms: ["民主评议"],
  publicity: "quarter",
  ranking: "cycle",
  approval: "quarter",
};
