import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, deductedComponent, earnedComponent, fixedItem, memberCategories, rangeItem } from "./common";

/** S2 构建积分考核管理机制（长庆油田采气二厂）: 党员积分 = 基础分 + 履职分 + 加分项 − 扣分项. */
export const oilfield6040: SchemeInput = {
  id: "oilfield-60-40",
  name: "党员积分考核管理机制（基础分60+履职分40）",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "基础分60分（遵规守纪、履行职责、廉洁自律、综合治理四方面倒扣）+ 履职分40分（参加组织活动、履职尽责、先锋模范作用发挥、岗位奉献累计得分）+ 加分项（最多10分）− 扣分项（最多扣20分）。",
  source: {
    title: "构建积分考核管理机制 强化党员教育管理工作（长庆油田第二采气厂）",
    quotes: [
      "主要针对党支部对党员参加组织活动、履职尽责、先锋模范作用发挥、岗位奉献等方面，用分数进行量化评价，以累计积分的形式把党员履职情况和党性状况体现出来",
      "党员积分由基础分、履职分、加分项和扣分项构成（党员积分=基础分+履职分+加分项-扣分项得分）。",
      "其中，基础分总分60分，履职分总分40分。加分项和扣分项根据具体情况打分并计入总分。",
      "基础分值主要考核评价党员遵规守纪、履行职责、廉洁自律、综合治理等方面情况。",
      "遵规守纪方面，考核内容包括严格遵守各项法律法规及党纪党规、严格遵守各项规章制度和工作纪律、以党员的标准严格要求自己等。",
      "履行职责方面，考核内容包括爱岗敬业、熟悉业务，能够较好地完成本职工作和党组织分配任务；团结同事，相互配合协作；具有为员工群众服务的思想和行为，服务员工群众态度好、工作表现好等。",
      "廉洁自律方面，考核内容包括严格遵守作风建设有关规定；遵守职业道德、社会公德、家庭美德；领导干部执行“一岗双责”，党员干部遵守作风建设规定情况等。",
    ],
  },
  pending: [
    "基础分各扣分项目及分值（文章只列考核内容，未给分值；综合治理方面未列内容，暂以安全稳定、矛盾纠纷为例，待支部确定）",
    "履职分计分方式（文章称“以累计积分的形式”体现履职情况，故履职分从0分起按参加组织活动、履职尽责、先锋模范作用发挥、岗位奉献累计加分，最多40分；也可改为从40分倒扣，待支部确定）",
    "加分项上限（文章只说“根据具体情况打分”：定为全年最多10分，待支部确定）",
    "扣分项下限（文章只说“根据具体情况打分”：定为全年最多扣20分，待支部确定）",
    "等次分数线（文章未规定：沿用90/70/60，待支部确定）",
    "公示、审定与排名周期（文章未规定：按季度公示审定、年度排名，待支部确定）",
    "预备党员是否定等次、参加排名（文章未规定：参照正式党员，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("assessed"),
  components: [
    deductedComponent("base", "基础分", 60, "cycle", "遵规守纪、履行职责、廉洁自律、综合治理，倒扣"),
    earnedComponent("duty", "履职分", 40, "cycle", "累计积分，最多40分"),
    earnedComponent("bonus", "加分项", 10),
    { id: "penalty", kind: "points", name: "扣分项", initial: 0, grant: "cycle", floor: -20, max: 0, note: "从总分中减去，最多扣20分" },
  ],
  items: [
    // 基础分 · 遵规守纪
    fixedItem("G1", "违反法律法规或党纪党规（未受处分）", "base", -5, { evidenceRequired: true }),
    fixedItem("G2", "违反规章制度和工作纪律", "base", -2),
    rangeItem("G3", "未以党员标准严格要求自己，造成不良影响", "base", -3, -1, { note: "视情形扣1-3分" }),
    // 基础分 · 履行职责
    fixedItem("L1", "未完成本职工作或党组织分配任务", "base", -2),
    fixedItem("L2", "不团结同事、不配合协作", "base", -1),
    fixedItem("L3", "服务员工群众态度差，被投诉查实", "base", -2, { evidenceRequired: true }),
    // 基础分 · 廉洁自律
    fixedItem("Q1", "违反作风建设有关规定", "base", -5, { evidenceRequired: true }),
    fixedItem("Q2", "违反职业道德、社会公德、家庭美德", "base", -3, { evidenceRequired: true }),
    fixedItem("Q3", "领导干部未执行“一岗双责”", "base", -3, { evidenceRequired: true }),
    // 基础分 · 综合治理
    fixedItem("Z1", "违反安全生产、治安稳定等综合治理规定", "base", -3, { evidenceRequired: true }),
    fixedItem("Z2", "本人引发矛盾纠纷未及时化解，造成不良影响", "base", -2),
    // 履职分
    fixedItem("R1", "参加组织活动（“三会一课”、主题党日等）", "duty", 1),
    rangeItem("R2", "履职尽责，完成重点工作任务", "duty", 1, 3),
    rangeItem("R3", "先锋模范作用发挥（攻坚克难、急难险重任务）", "duty", 1, 5, { evidenceRequired: true }),
    rangeItem("R4", "岗位奉献（技术革新、合理化建议被采纳等）", "duty", 1, 3, { evidenceRequired: true }),
    // 加分项
    rangeItem("A1", "受到上级表彰奖励", "bonus", 2, 5, { evidenceRequired: true }),
    rangeItem("A2", "其他加分情形（根据具体情况打分）", "bonus", 1, 5, { evidenceRequired: true }),
    // 扣分项
    fixedItem("K1", "受到党纪政务处分", "penalty", -10, { evidenceRequired: true }),
    fixedItem("K2", "受到通报批评", "penalty", -5, { evidenceRequired: true }),
    rangeItem("K3", "其他扣分情形（根据具体情况打分）", "penalty", -5, -1, { evidenceRequired: true }),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  publicity: "quarter",
  ranking: "cycle",
  approval: "quarter",
};
