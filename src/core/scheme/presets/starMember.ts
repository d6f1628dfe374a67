import type { SchemeInput } from "../schema";
import { APPRAISAL_GRADES_20, GRADES_90_70_60, memberCategories } from "./common";

export const starMember: SchemeInput = {
  id: "star-member",
  name: "星级党员管理量化考评制度",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary: "日常行为积分80分（负面扣分，扣完为止）+ 年度评议积分20分，共100分；每半年公示，每年排名。",
  source: {
    title: "星级党员管理量化考评制度",
    quotes: [
      "对党员积分管理的考核内容主要由日常行为积分和年度评议积分两部分构成，共设置分值100分。",
      "（一）日常行为积分（80分）。包括日常行为积分和负面扣积分两项。",
      "①党员未经同意，缺席应当参加的活动每次扣1分",
      "②党员违反工作纪律，凡出现工作日迟到早退、擅自离岗串岗、上网聊天或从事与工作无关的事情的每次扣2分",
      "③党员受组织处理的扣5分",
      "④党员受留党察看以下处分的扣20分；受留党察看及以上处分的全年无积分",
      "⑤党员不能按时或足额交纳党费每次扣5分；连续6个月以上无正当理由不交纳党费的全年无积分",
      "⑥党员有其他不良行为视情形扣1-4分",
      "（二）年度评议积分（20分）。结合党员年终总结或民主评议进行。对党员大会评议为“优秀”等次的，记20分；“合格”等次的，记15分；“基本合格”等次的，记10分；“不合格”等次的不记分。",
      "每月一汇总，每半年一公示，每年一排名，做到跟踪动态管理。",
      "全年累计积分90分以上的党员，具有评为优秀党员资格；累计积分70-89分的为合格党员等次；累计积分60-69分的为基本合格党员等次；累计积分60分以下的为不合格党员等次。",
    ],
  },
  pending: ["审定周期（制度只规定每半年公示，审定按半年，待支部确定）"],
  cycleStartMonth: 1,
  // 「考核对象……在职党员、离退休党员，年底根据其参与党组织活动和日常行为表现直接进行民主评议定级」: retired
  // members keep a ledger but take the grade the members' meeting gives them, and are not ranked.
  categories: [...memberCategories("assessed"), { name: "离退休党员", graded: true, ranked: false, gradedBy: "appraisal", note: "年底直接进行民主评议定级" }],
  components: [
    { id: "daily", kind: "points", name: "日常行为积分", initial: 80, grant: "cycle", floor: 0, max: 80 },
    { id: "appraisal", kind: "appraisal", name: "年度评议积分", appraisal: { mode: "grades", grades: APPRAISAL_GRADES_20 } },
  ],
  items: [
    { code: "D1", name: "未经同意缺席应参加的活动", component: "daily", points: { kind: "fixed", value: -1 } },
    { code: "D2", name: "违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等）", component: "daily", points: { kind: "fixed", value: -2 } },
    { code: "D3", name: "受组织处理", component: "daily", points: { kind: "fixed", value: -5 }, evidenceRequired: true },
    { code: "D4", name: "受留党察看以下处分", component: "daily", points: { kind: "fixed", value: -20 }, evidenceRequired: true },
    { code: "V1", name: "受留党察看及以上处分", points: { kind: "veto" }, evidenceRequired: true, note: "全年无积分" },
    { code: "D5", name: "未按时或足额交纳党费", component: "daily", points: { kind: "fixed", value: -5 } },
    { code: "V2", name: "连续6个月以上无正当理由不交纳党费", points: { kind: "veto" }, evidenceRequired: true, note: "全年无积分" },
    { code: "D6", name: "其他不良行为", component: "daily", points: { kind: "range", min: -4, max: -1 }, note: "视情形扣1-4分" },
  ],
  // ⑤「党员不能按时或足额交纳党费每次扣5分，连续6个月以上无正当理由不交纳党费的全年无积分」: six months
  // in a row with a D5 entry apply V2 without a V2 row being typed.
  vetoPatterns: [{ veto: "V2", item: "D5", months: 6 }],
  dues: { item: "D5" },
  grades: GRADES_90_70_60,
  gradedPeriod: "cycle",
  publicity: "half",
  ranking: "cycle",
  approval: "half",
};
