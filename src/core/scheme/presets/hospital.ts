import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, earnedComponent, fixedItem, memberCategories, rangeItem } from "./common";

/** S6 党支部、党员积分制度（医院）: 基础分40（上年考核分的40%）+ 任务分50 + 奖励分10. */
export const hospital: SchemeInput = {
  id: "hospital-40-50-10",
  name: "党支部、党员积分制度（基础分40+任务分50+奖励分10）",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "年度100分：基础分40分（为上年考核分的40%，按《党支部标准化建设目标责任书》倒扣）+ 任务分50分（按月量化完成院党委部署任务情况）+ 奖励分10分。",
  source: {
    title: "党支部、党员积分制度",
    quotes: [
      "二、适用范围医院各党支部、全体共产党员。",
      "党支部、党员积分按年度100分计算，分基础分40分、任务分50分和奖励分10分。",
      "当年党支部、党员基础分为上年党支部、党员个人考核分的40%，以此类推。",
      "（1）党支部基础分（40分）：按照《党支部标准化建设目标责任书》（附件2），基础分采取倒扣分的办法，对照考核内容和标准逐项进行考核扣分。",
      "当年第一个月基础分为上一年度党支部考核得分40%。每月依次为上月考核总分的40%。",
      "任务分（50分）：由党办按照党支部当月完成院党委安排部署任务情况进行量化，量化标准依据《党支部标准化建设目标责任书》，量化得分占每月积分50%。",
      "切实将《党章》、《中国共产党廉洁自律准则》、《中国共产党纪律处分条例》（以下简称《党章》、《准则》、《条例》）作为全体党员的行为准则",
    ],
  },
  pending: [
    "基础分结转方式（制度既写“当年基础分为上年考核分的40%”，又写“每月依次为上月考核总分的40%”：按年度结转，即当年基础分=上年考核总分×40%，无上年成绩时按40分，待支部确定）",
    "本方案用于党员积分；党支部积分可另建一个以党支部为对象的方案（待支部确定）",
    "基础分扣分项目及分值（《党支部标准化建设目标责任书》（附件2）未附：此处为示例，待支部确定）",
    "任务分按月量化（每月最多4.2分，全年累计最多50分；另设重点任务加分，可弥补未满分的月份，待支部确定）",
    "奖励分项目及分值（制度未列：此处为示例，待支部确定）",
    "等次分数线（制度未规定：沿用90/70/60，待支部确定）",
    "公示、审定与排名周期（制度未规定：按季度公示审定、年度排名，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    {
      id: "base",
      kind: "points",
      name: "基础分",
      initial: 40,
      grant: "cycle",
      floor: 0,
      max: 40,
      carryOver: { fraction: 0.4, fallback: 40 },
      note: "上年考核分的40%，倒扣",
    },
    earnedComponent("task", "任务分", 50, "cycle", "按月量化，最多50分"),
    earnedComponent("reward", "奖励分", 10),
  ],
  items: [
    // 基础分（倒扣，对照《党支部标准化建设目标责任书》）
    fixedItem("H1", "未按规定参加“三会一课”等组织生活", "base", -2),
    fixedItem("H2", "未按时足额交纳党费", "base", -2),
    fixedItem("H3", "未按要求完成学习教育任务", "base", -1),
    fixedItem("H4", "医德医风问题被投诉查实", "base", -3, { evidenceRequired: true }),
    fixedItem("H5", "违反《准则》受到批评教育、诫勉谈话", "base", -5, { evidenceRequired: true }),
    fixedItem("H6", "违反《条例》受到党纪处分", "base", -10, { evidenceRequired: true }),
    // 任务分（按月量化）
    rangeItem("T1", "当月完成院党委安排部署任务（按月量化）", "task", 0, 4.2, { cap: { period: "month", points: 4.2 }, note: "每月最多4.2分" }),
    rangeItem("T2", "承担院党委交办的重点任务", "task", 1, 3, { evidenceRequired: true }),
    // 奖励分
    rangeItem("W1", "受到上级表彰奖励", "reward", 2, 5, { evidenceRequired: true }),
    rangeItem("W2", "在创建“三甲”医院等中心工作中作出突出贡献", "reward", 1, 5, { evidenceRequired: true }),
    fixedItem("W3", "收到患者锦旗、表扬信等", "reward", 1, { evidenceRequired: true }),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  extraForms: ["支部积分"],
  publicity: "quarter",
  ranking: "cycle",
  approval: "quarter",
};
