import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, memberCategories } from "./common";

export const detailed100: SchemeInput = {
  id: "detailed-100",
  name: "党员积分量化管理细则",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary: "基础分60分（倒扣）+ 加分项最多20分 + 民主评议分20分（投票确定），共100分；受处分一票否决。",
  source: {
    title: "党员积分量化管理细则",
    quotes: [
      "日常行为积分（80分） 基础分（60分）",
      "参加党员主题活动日：无正当理由不参加1次扣2分，无正当理由迟到、早退1次扣1分。未参加党员主题活动日，不参加集中补课的，发现1次扣2分。",
      "无正当理由不参加党员集中培训，发现1次扣2分。",
      "服从组织安排：对完不成党组织分配工作任务的1次扣1分，不执行组织分配工作的1次扣2分；传播，散布，发表同上决定精神相悖言论的，发现1次扣2分",
      "加分项（20分）促进质检事业发展：带头促进事业发展，起到模范引领作用，酌情加2-5分。志愿服务：积极参加志愿服务，1次加2分。其他：其他发挥先锋模范作用，得到广大党员和群众公认，酌情加2-5分",
      "民主评议分（20分）：由党支部组织召开民主评议党员大会投票确定得分。",
      "一票否决事项：因违反党纪法规受到处分的，实行一票否决。",
    ],
  },
  pending: [
    "等次分数线（细则未规定，沿用90/70/60，待支部确定）",
    "公示、审定与排名周期（细则未规定：按季度公示审定、每半年排名，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    { id: "base", kind: "points", name: "基础分", initial: 60, grant: "cycle", floor: 0, max: 60 },
    { id: "bonus", kind: "points", name: "加分", initial: 0, grant: "cycle", floor: 0, max: 20 },
    { id: "appraisal", kind: "appraisal", name: "民主评议分", appraisal: { mode: "score", min: 0, max: 20 } },
  ],
  items: [
    { code: "B1", name: "无正当理由不参加党员主题活动日", component: "base", points: { kind: "fixed", value: -2 } },
    { code: "B2", name: "无正当理由迟到、早退", component: "base", points: { kind: "fixed", value: -1 } },
    { code: "B3", name: "未参加主题活动日且不参加集中补课", component: "base", points: { kind: "fixed", value: -2 } },
    { code: "B4", name: "无正当理由不参加党员集中培训", component: "base", points: { kind: "fixed", value: -2 } },
    { code: "B5", name: "完不成党组织分配工作任务", component: "base", points: { kind: "fixed", value: -1 } },
    { code: "B6", name: "不执行组织分配工作", component: "base", points: { kind: "fixed", value: -2 } },
    { code: "B7", name: "传播、散布、发表同上级决定精神相悖言论", component: "base", points: { kind: "fixed", value: -2 } },
    { code: "A1", name: "带头促进事业发展，起到模范引领作用", component: "bonus", points: { kind: "range", min: 2, max: 5 }, evidenceRequired: true },
    { code: "A2", name: "积极参加志愿服务", component: "bonus", points: { kind: "fixed", value: 2 } },
    { code: "A3", name: "其他发挥先锋模范作用、得到公认", component: "bonus", points: { kind: "range", min: 2, max: 5 }, evidenceRequired: true },
    { code: "X1", name: "因违反党纪法规受到处分", points: { kind: "veto" }, evidenceRequired: true, note: "一票否决" },
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  publicity: "quarter",
  ranking: "half",
  approval: "quarter",
};
