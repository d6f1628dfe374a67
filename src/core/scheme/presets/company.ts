import type { SchemeInput } from "../schema";
import { GRADES_90_70_60, deductedComponent, earnedComponent, fixedItem, memberCategories, rangeItem, vetoItem } from "./common";

/** S1 公司党员量化积分管理制度: 基础分 + 附加分 − 扣除分, scored and approved quarter by quarter. */
export const company: SchemeInput = {
  id: "company",
  name: "公司党员量化积分管理制度",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "基础分每季度20分（扣分项目倒扣，扣完为止）+ 附加分每季度最多5分，全年满分100分；每季度公示、支委会审定，年度积分为各季度审定积分之和；违反一票否决项目当年度积分清零；每半年在党员大会上通报排名。预备党员、发展对象、入党积极分子的积分只作教育考察依据，不定等次、不排名。",
  source: {
    title: "公司党员量化积分管理制度",
    quotes: [
      "一、适用范围公司全体党员（含预备党员），党员发展对象、入党积极分子参照执行。",
      "其中预备党员、党员发展对象、入党积极分子的积分作为其教育考察依据，不参与党员积分年度考核评定。",
      "党员量化积分考核指标由基础分、附加分和扣除分构成，基础分为*分，在此基础上依照相应的加分项目或扣分项目进行加分或扣分。",
      "加分项目主要考核党员在工作、学习中积极奉献、主动作为，发挥先锋模范作用的情况；扣分项目主要考核党员履行党员义务、完成党组织分配工作、参加党内活动的情况。",
      "党员量化积分考核设置一票否决项目，对违反一票否决项目的人员当年度积分清零，并按相关规定处理。",
      "对党员量化积分考核指标或量化分值进行动态调整（增减），每季度由支部委员会议审定。",
      "由党群管理部对照量化积分考核指标，并依据相关证明材料每月据实记录党员积分，每季度报支委会议审核。",
      "每季度将党员积分情况进行公示，接受监督及申诉",
      "经公示后的《党员量化积分管理台账》按季度提交支部委员会审核并确定党员每季度最终积分。党员年度积分由支委会审定后的各季度积分累加得到。",
      "支部每半年在党员大会上通报党员积分排名情况，表扬先进、督促后进。",
    ],
  },
  pending: [
    "基础分分值（制度写作“*分”：定为每季度20分、全年80分，扣分项目从基础分中倒扣、扣完为止，待支部确定）",
    "附加分上限（制度未规定：每季度最多5分、全年最多20分，使全年满分为100分，待支部确定）",
    "加分、扣分项目及分值（制度只规定考核方向，具体项目与分值为示例，每季度由支委会动态调整，待支部确定）",
    "一票否决项目的具体情形（制度未列明：暂以受党纪政务处分、违法犯罪为例，待支部确定）",
    "等次分数线（制度未规定：沿用90/70/60；未扣分也无附加分的党员为80分、合格，须有附加分才达优秀线，待支部确定）",
  ],
  cycleStartMonth: 1,
  categories: memberCategories("observed"),
  components: [
    deductedComponent("base", "基础分", 20, "quarter", "每季度20分，扣除分从中扣减"),
    earnedComponent("bonus", "附加分", 5, "quarter", "每季度最多5分"),
  ],
  items: [
    // 加分项目：工作、学习中积极奉献、主动作为，发挥先锋模范作用
    rangeItem("J1", "工作中积极奉献、主动作为，取得突出成绩", "bonus", 1, 5, { evidenceRequired: true, note: "酌情加1-5分" }),
    rangeItem("J2", "学习中积极奉献（理论学习成果、学习竞赛获奖、文章被采用等）", "bonus", 1, 3, { evidenceRequired: true }),
    rangeItem("J3", "急难险重任务中发挥先锋模范作用", "bonus", 2, 5, { evidenceRequired: true }),
    fixedItem("J4", "参加志愿服务等公益活动", "bonus", 1, { evidenceRequired: true }),
    fixedItem("J5", "提出合理化建议被采纳", "bonus", 2, { evidenceRequired: true }),
    rangeItem("J6", "受到上级表彰奖励", "bonus", 2, 5, { evidenceRequired: true }),
    // 扣分项目：履行党员义务、完成党组织分配工作、参加党内活动
    fixedItem("K1", "无故缺席党内活动（党员大会、支委会、党小组会、党课、主题党日等）", "base", -2),
    fixedItem("K2", "参加党内活动迟到、早退", "base", -1),
    fixedItem("K3", "未完成党组织分配的工作任务", "base", -2),
    fixedItem("K4", "拒不执行党组织分配的工作", "base", -5, { evidenceRequired: true }),
    fixedItem("K5", "未按时足额交纳党费", "base", -2),
    fixedItem("K6", "未按要求完成学习教育任务", "base", -1),
    rangeItem("K7", "其他未履行党员义务的情形", "base", -5, -1, { evidenceRequired: true, note: "视情形扣1-5分" }),
    vetoItem("X1", "违反一票否决项目（受党纪政务处分、违法犯罪等）", "当年度积分清零，并按相关规定处理"),
  ],
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  publicity: "quarter",
  ranking: "half",
  approval: "quarter",
  cycleTotalFrom: "quarter",
};
