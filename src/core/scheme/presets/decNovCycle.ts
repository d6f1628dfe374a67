import type { SchemeInput } from "../schema";
import { APPRAISAL_GRADES_20, memberCategories } from "./common";
import { starMember } from "./starMember";

/** S8 党员管理量化考评制度: like 星级党员, but the cycle runs December to November and the grade lines are 60/40. */
export const decNovCycle: SchemeInput = {
  id: "dec-nov-cycle",
  name: "党员管理量化考评制度（12月至次年11月）",
  version: 1,
  effectiveFrom: "2016-12-01",
  summary:
    "上年12月至本年11月为一个周期：日常行为积分80分（负面扣分）+ 年度评议积分20分，共100分；60分以上具有评优资格，40-59分合格；预备党员80分以上按期转正、60-80分延期转正、60分以下取消预备党员资格；新入职党员未考核月份按支部平均积分计算；每半年公示，每年排名。",
  source: {
    title: "党员管理量化考评制度",
    quotes: [
      "对党员积分管理的考核内容主要由日常行为积分和年度评议积分两部分构成，共设置分值100分。",
      "日常行为积分（80分）。包括日常行为积分和负面扣积分两项。",
      "年度评议积分（20分）。结合党员年终总结或民主评议进行。对党员大会评议为“优秀”等次的，记20分；“合格”等次的，记15分；“基本合格”等次的，记10分；“不合格”等次的不记分。",
      "由支部纪检委员根据党员日常表现情况实时赋分记录，每月一汇总，每半年一公示，每年一排名，做到跟踪动态管理。",
      "全年（上年12月至本年11月为一个周期）累计积分60分以上的党员，具有评优资格；累计积分40-59分的为合格党员等次；累计积分40分以下由支部进行谈话教育，对违纪党员按照组织程序处理。",
      "预备党员含年度评议积分为80分以上的按期转正；60-80分的继续培养并延期转正；60分以下的取消预备党员资格。",
      "备注，新入职党员未考核月份积分按支部之前月份考核平均积分计算。",
      "一、日常行为积分二、负面扣分",
    ],
  },
  pending: [
    "日常行为积分与负面扣分项目（制度附表只有表头、未列项目：沿用星级党员管理量化考评制度的扣分项目和分值，待支部确定）",
    "等次名称按制度原文：60分以上记“具有评优资格”（制度未称优秀），40-59分“合格”，40分以下“谈话教育”（制度未定等次名称，待支部确定）",
    "转正分数线恰为80分时（制度“80分以上”与“60-80分”重叠：80分按期转正，待支部确定）",
    "审定周期（制度只规定每月汇总、每半年公示：审定按半年，待支部确定）",
  ],
  cycleStartMonth: 12,
  categories: memberCategories("assessed"),
  components: [
    { id: "daily", kind: "points", name: "日常行为积分", initial: 80, grant: "cycle", floor: 0, max: 80 },
    { id: "appraisal", kind: "appraisal", name: "年度评议积分", appraisal: { mode: "grades", grades: APPRAISAL_GRADES_20 } },
  ],
  items: starMember.items.map((item) => ({ ...item })),
  vetoPatterns: starMember.vetoPatterns,
  dues: starMember.dues,
  // The regulation's own words: 60 and above is a qualification (具有评优资格), not 优秀; below 40 is 谈话教育.
  grades: [
    { name: "具有评优资格", min: 60 },
    { name: "合格", min: 40 },
    { name: "谈话教育", min: 0, note: "对违纪党员按照组织程序处理" },
  ],
  gradedPeriod: "cycle",
  publicity: "half",
  ranking: "cycle",
  approval: "half",
  newMembers: "branchAverage",
  probation: {
    category: "预备党员",
    outcomes: [
      { name: "按期转正", min: 80 },
      { name: "延期转正（继续培养）", min: 60 },
      { name: "取消预备党员资格", min: 0 },
    ],
  },
};
