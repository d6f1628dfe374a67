import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, deductedComponent, earnedComponent, fixedItem, memberCategories, rangeItem } from "./common";

/** S7 企业党员积分制度考核管理（模板）: three indicators, assessed and graded every half-year. */
export const enterpriseHalf: SchemeInput = {
  id: "enterprise-half",
  name: "企业党员积分制度考核管理（半年考核）",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "每半年考核一次、单独计分，每半年满分100分：日常工作表现30分（倒扣）+ 参与党建活动30分（累计）+ 思想政治表现30分（倒扣）+ 积分奖励10分；每半年公示、评定等次并排名。积分兑换奖励另行管理，不在本方案内。",
  source: {
    title: "企业党员积分制度考核管理（模板）",
    quotes: [
      "考核指标1. 党员日常工作表现：包括工作纪律、工作态度、工作效率等方面的评估。",
      "2. 党员参与党建活动：包括参加会议、培训、志愿者活动等方面的评估。",
      "3. 党员思想政治表现：包括政治理论研究、思想品德表现等方面的评估。",
      "考核流程1. 考核周期：每半年进行一次考核。",
      "2. 考核方式：由党支部书记和党建工作组成员对党员进行评估。",
      "3. 考核结果：根据评估结果，给予党员相应的积分奖励或处罚。",
      "1. 积分奖励：根据党员的考核结果，给予相应的积分奖励，以鼓励和激励党员。",
      "2. 积分处罚：对于表现不佳的党员，可以给予相应的积分处罚，以促进改进和进步。",
      "1. 考核结果公示：将考核结果公示在党支部内部，以增加透明度和公正性。",
      "1. 积分兑换：党员可以根据积分兑换相应的奖励或福利。",
    ],
  },
  pending: [
    "各指标分值（模板未规定：日常工作表现30、参与党建活动30、思想政治表现30、积分奖励10，每半年共100分，待支部确定）",
    "各项目及分值（模板只列评估方面：此处为示例，待支部确定）",
    "等次分数线（模板未规定：沿用90/70/60，按半年评定，待支部确定）",
    "排名周期（模板未规定：随半年考核排名，待支部确定）",
    "预备党员是否定等次、参加排名（模板未规定：参照正式党员，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    deductedComponent("work", "日常工作表现", 30, "half", "工作纪律、工作态度、工作效率，每半年30分倒扣"),
    earnedComponent("activity", "参与党建活动", 30, "half", "参加会议、培训、志愿者活动，每半年累计最多30分"),
    deductedComponent("political", "思想政治表现", 30, "half", "政治理论研究、思想品德表现，每半年30分倒扣"),
    earnedComponent("reward", "积分奖励", 10, "half", "每半年最多10分"),
  ],
  items: [
    // 日常工作表现
    fixedItem("W1", "违反工作纪律（迟到早退、擅离岗位等）", "work", -1),
    rangeItem("W2", "工作态度不端正，推诿扯皮", "work", -3, -1, { note: "视情形扣1-3分" }),
    fixedItem("W3", "未按期完成工作任务，影响工作效率", "work", -2),
    // 参与党建活动
    fixedItem("A1", "参加党内会议（党员大会、党小组会、党课等）", "activity", 2),
    fixedItem("A2", "参加培训", "activity", 2),
    fixedItem("A3", "参加志愿者活动", "activity", 3),
    // 思想政治表现
    fixedItem("P1", "未按要求完成政治理论学习", "political", -2),
    rangeItem("P2", "思想品德方面表现不佳", "political", -5, -1, { evidenceRequired: true, note: "视情形扣1-5分" }),
    fixedItem("P3", "发表与党的路线方针政策相违背的言论", "political", -10, { evidenceRequired: true }),
    // 积分奖励与处罚
    rangeItem("R1", "工作业绩突出，受到表扬或表彰", "reward", 2, 5, { evidenceRequired: true }),
    rangeItem("R2", "其他发挥先锋模范作用的表现", "reward", 1, 3, { evidenceRequired: true }),
    rangeItem("R3", "表现不佳，给予积分处罚", "work", -5, -1, { evidenceRequired: true, note: "由党支部书记和党建工作组成员评估确定" }),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "half",
  extraForms: ["积分兑换"],
  publicity: "half",
  ranking: "half",
  approval: "half",
  cycleTotalFrom: "half",
};
