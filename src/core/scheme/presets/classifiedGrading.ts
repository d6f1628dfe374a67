import type { SchemeInput } from "../schema";
import { APPRAISAL_GRADES_20, GRADES_90_70_60, deductedComponent, earnedComponent, fixedItem, memberCategories, rangeItem } from "./common";

/** S9 党组织和党员分类定级积分晋位管理台账: a 100-point score, graded 优秀/合格/基本合格/不合格. */
export const classifiedGrading: SchemeInput = {
  id: "classified-grading",
  name: "党员分类定级积分晋位",
  version: 1,
  effectiveFrom: "2015-01-01",
  summary:
    "日常表现60分（倒扣）+ 作用发挥20分（累计）+ 民主测评20分（按等次），共100分；90分以上优秀、70分以上合格、60分以上基本合格、60分以下不合格。台账同时记录存在问题、整改措施与整改时限，整改到位的晋位升级。",
  source: {
    title: "党组织和党员分类定级积分晋位管理台账",
    quotes: [
      "党组织和党员分类定级积分晋位管理台账",
      "杨正龙 仓街海源片区党支部 93 优秀",
      "肖燕 仓街海源片区党支部 98 优秀",
      "沙朝文 仓街海源片区党支部 87 合格",
      "分类定级积分晋位管理卡",
      "整改时限 考评结果 联系领导 是否 测评 晋位 整改 结果 等次",
    ],
  },
  pending: [
    "积分构成（台账只记总分和等次：定为日常表现60、作用发挥20、民主测评20，共100分，待支部确定）",
    "合格、基本合格、不合格的分数线（台账中93、98分为优秀，87分为合格，符合90分优秀线；70、60分两条线为沿用，待支部确定）",
    "各项目及分值（台账未列：参照台账中“理论学习不够”“工作主动性不足”“服务意识不够强”“与学生及家长联系不够”等问题设置，待支部确定）",
    "公示、审定与排名周期（台账未规定：按季度公示审定、年度排名，待支部确定）",
    "预备党员是否定等次、参加排名（台账未规定：参照正式党员，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    deductedComponent("daily", "日常表现", 60, "cycle", "倒扣，扣完为止"),
    earnedComponent("role", "作用发挥", 20),
    { id: "appraisal", kind: "appraisal", name: "民主测评", appraisal: { mode: "grades", grades: APPRAISAL_GRADES_20 } },
  ],
  items: [
    // 日常表现
    fixedItem("D1", "无故不参加组织生活", "daily", -2),
    fixedItem("D2", "未按要求参加理论学习", "daily", -1),
    fixedItem("D3", "未完成党组织分配的工作任务", "daily", -2),
    fixedItem("D4", "未按时足额交纳党费", "daily", -2),
    fixedItem("D5", "未在整改时限内完成整改", "daily", -3, { note: "对照分类定级积分晋位管理卡" }),
    rangeItem("D6", "工作主动性不足、服务意识不强，造成不良影响", "daily", -3, -1, { note: "视情形扣1-3分" }),
    fixedItem("D7", "受到党纪政务处分", "daily", -20, { evidenceRequired: true }),
    // 作用发挥
    rangeItem("F1", "在岗位上发挥先锋模范作用，工作成绩突出", "role", 1, 5, { evidenceRequired: true }),
    fixedItem("F2", "联系服务群众（师生、家长），帮助解决困难", "role", 1),
    fixedItem("F3", "参加志愿服务", "role", 1),
    rangeItem("F4", "受到表彰奖励", "role", 2, 5, { evidenceRequired: true }),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  extraForms: ["分类定级", "管理卡"],
  publicity: "quarter",
  ranking: "cycle",
  approval: "quarter",
};
