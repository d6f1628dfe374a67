import type { SchemeInput } from "../schema";
import { fixedItem } from "./common";

const STARS = ["学习星", "安全星", "绩效星", "廉洁星", "创新星"] as const;

/** S4 基层党支部评星晋级目标管理工作台账: the subjects are party branches; each star counts once a year. */
export const branchStars: SchemeInput = {
  id: "branch-stars",
  name: "基层党支部评星晋级",
  version: 1,
  effectiveFrom: "2017-01-01",
  summary:
    "以党支部为对象：学习星、安全星、绩效星、廉洁星、创新星每颗1分、每年各计一次，共5星；五星为五星级党支部，四星为四星级，三星为三星级，不足三星未定级。台账同时记录评定星级和晋级目标。",
  source: {
    title: "基层党支部评星晋级目标管理工作台账",
    quotes: [
      "基层党支部评星晋级升级目标管理工作台账",
      "党组织名称 党支部 书记 党组织基本情况 评定 星级 晋级 目标",
      "掘进六队党支部 陆岩本 … 安全星绩效星廉洁星三星级党支部 学习星安全星绩效星廉洁星四星级党支部",
      "生产服务队党支部 王友斌 … 学习星安全星廉洁星绩效星四星级党支部学习星安全星绩效星廉洁星创新星五星级党支部",
      "综采一队党支部 … 学习星安全星绩效星三星级党支部 学习星安全星廉洁星创新星四星级党支部",
      "选煤厂党支部 谢福怀 … 学习星安全星绩效星廉洁星创新星五星级党支部",
    ],
  },
  pending: [
    "每颗星的评定标准（台账只列星名，未列标准：由上级党委对照年度目标评定，待支部确定）",
    "不足三星的称谓（台账只出现三、四、五星级：不足三星记为“未定级”，待支部确定）",
    "评定、公示周期（台账未规定：每半年公示、审定一次，年度评定星级并排名，待支部确定）",
  ],
  subject: "branch",
  cycleStartMonth: 1,
  categories: [{ name: "党支部", graded: true, ranked: true }],
  components: [{ id: "stars", kind: "points", name: "星级", initial: 0, grant: "cycle", floor: 0, max: 5, note: "每颗星1分" }],
  items: STARS.map((star, i) =>
    fixedItem(`S${i + 1}`, star, "stars", 1, { cap: { period: "cycle", points: 1 }, evidenceRequired: true, note: "每年计一次" }),
  ),
  grades: [
    { name: "五星级党支部", min: 5 },
    { name: "四星级党支部", min: 4 },
    { name: "三星级党支部", min: 3 },
    { name: "未定级", min: 0 },
  ],
  gradedPeriod: "cycle",
  extraForms: ["评星晋级"],
  publicity: "half",
  ranking: "cycle",
  approval: "half",
};
