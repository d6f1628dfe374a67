import { z } from "zod";

/** Period granularities, finest first. "cycle" is the scheme's assessment year. */
export const GRANULARITIES = ["month", "quarter", "half", "cycle"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const MONTHS_IN: Record<Granularity, number> = { month: 1, quarter: 3, half: 6, cycle: 12 };

const text = z.string().trim().min(1, "不能为空");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
const points = z.number().refine((n) => Number.isFinite(n) && Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, {
  message: "分值最多保留一位小数",
});
const granularity = z.enum(GRANULARITIES);

export const itemPointsSchema = z.discriminatedUnion("kind", [
  /** Points per occurrence, e.g. −2 a time. */
  z.object({ kind: z.literal("fixed"), value: points }),
  /** 酌情: the clerk enters the value per occurrence, between min and max. */
  z.object({ kind: z.literal("range"), min: points, max: points }),
  /** 一票否决: the member's points for the whole cycle become 0. */
  z.object({ kind: z.literal("veto") }),
]);

export const itemSchema = z.object({
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, "项目代码须以字母开头，只含字母、数字、- 或 _，最长16位"),
  name: text,
  /** Id of a points component; ignored for veto items. */
  component: z.string().optional(),
  points: itemPointsSchema,
  /** The item's points are capped (in absolute value) within each such period. */
  cap: z.object({ period: granularity, points: points.refine((n) => n > 0, "上限须大于0") }).optional(),
  evidenceRequired: z.boolean().default(false),
  /** The 录入 form asks for confirmation before writing it: true always, false never, absent when |points| ≥ 10. */
  heavy: z.boolean().optional(),
  /** Member categories the item applies to; omitted = all. */
  categories: z.array(text).optional(),
  note: z.string().optional(),
});

const componentBase = {
  id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, "组成部分 id 须为英文小写字母开头"),
  name: text,
  note: z.string().optional(),
};

export const pointsComponentSchema = z.object({
  ...componentBase,
  kind: z.literal("points"),
  /** Granted at the start of every `grant` period, then items add to it. */
  initial: points.default(0),
  grant: granularity.default("cycle"),
  floor: points.default(0),
  max: points,
  /** initial = fraction × the member's total of the previous cycle (S6: 40 %). */
  carryOver: z
    .object({
      fraction: z.number().min(0).max(1),
      /** Used when last cycle's total is unknown (new member, first year). */
      fallback: points,
    })
    .optional(),
});

export const appraisalComponentSchema = z.object({
  ...componentBase,
  kind: z.literal("appraisal"),
  appraisal: z.discriminatedUnion("mode", [
    z.object({
      mode: z.literal("grades"),
      grades: z.array(z.object({ name: text, points: points })).min(1, "至少需要一个评议等次"),
    }),
    z.object({ mode: z.literal("score"), min: points.default(0), max: points }),
  ]),
});

export const componentSchema = z.discriminatedUnion("kind", [pointsComponentSchema, appraisalComponentSchema]);

export const gradeBandSchema = z.object({ name: text, min: points, note: z.string().optional() });

export const categorySchema = z.object({
  name: text,
  /** Gets a grade (等次). */
  graded: z.boolean(),
  /** Takes part in the ranking. */
  ranked: z.boolean(),
  /**
   * What the grade comes from: the total against the grade lines (default), or the 民主评议 grade
   * itself (星级党员: 离退休党员「年底……直接进行民主评议定级」).
   */
  gradedBy: z.enum(["points", "appraisal"]).optional(),
  note: z.string().optional(),
});

export const schemeSchema = z
  .object({
    format: z.literal(1).default(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, "方案 id 须为小写英文、数字或 -"),
    name: text,
    version: z.number().int().min(1),
    effectiveFrom: isoDate,
    summary: z.string().default(""),
    /** The regulation lines this scheme encodes, quoted. */
    source: z.object({ title: text, quotes: z.array(text).min(1, "至少引用一条制度原文") }),
    /** Values the regulation leaves blank: defaults chosen here, to be confirmed by the branch (待支部确定). */
    pending: z.array(text).default([]),
    /** Subjects scored: "member" (党员) or "branch" (党支部, e.g. 评星晋级). */
    subject: z.enum(["member", "branch"]).default("member"),
    /** 1 = calendar year; 12 = December to November. */
    cycleStartMonth: z.number().int().min(1).max(12).default(1),
    categories: z.array(categorySchema).min(1),
    components: z.array(componentSchema).min(1),
    items: z.array(itemSchema),
    /** Grades by lower bound; the lowest band must start at or below 0. */
    grades: z.array(gradeBandSchema).min(1),
    /** Which period gets a grade (usually the cycle; S7 assesses each half-year). */
    gradedPeriod: granularity.default("cycle"),
    publicity: z.enum(["quarter", "half"]),
    ranking: z.enum(["quarter", "half", "cycle"]),
    approval: z.enum(["quarter", "half"]),
    /** The cycle total is the sum of the (committee-approved) totals of these periods (S1). */
    cycleTotalFrom: z.enum(["ledger", "quarter", "half"]).default("ledger"),
    /**
     * Vetoes that follow from a pattern of entries (星级党员: 「连续6个月以上无正当理由不交纳党费的全年无积分」):
     * an entry of `item` in each of `months` consecutive months of the cycle applies the veto item `veto`.
     */
    vetoPatterns: z.array(z.object({ veto: text, item: text, months: z.number().int().min(2).max(12) })).optional(),
    /** The deduction item that each month paid late, short or not at all gives, when 党费交纳 is kept (星级党员: D5). */
    dues: z.object({ item: text }).optional(),
    /** Committee forms of the regulation beyond those the scheme's parts call for (积分兑换, 分类定级 …), by 报表 name. */
    extraForms: z.array(text).optional(),
    /** S8: months before a new member joins count as the branch average of those months. */
    newMembers: z.enum(["none", "branchAverage"]).default("none"),
    probation: z
      .object({
        category: text,
        outcomes: z.array(z.object({ name: text, min: points })).min(1),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const componentIds = new Set<string>();
    s.components.forEach((c, i) => {
      if (componentIds.has(c.id)) ctx.addIssue({ code: "custom", path: ["components", i, "id"], message: `组成部分 id「${c.id}」重复` });
      componentIds.add(c.id);
      if (c.kind === "points") {
        if (c.floor > c.max) ctx.addIssue({ code: "custom", path: ["components", i, "floor"], message: `下限 ${c.floor} 高于上限 ${c.max}` });
        if (!c.carryOver && (c.initial < c.floor || c.initial > c.max))
          ctx.addIssue({ code: "custom", path: ["components", i, "initial"], message: `起始分 ${c.initial} 不在 ${c.floor} 至 ${c.max} 之间` });
        if (c.carryOver && c.grant !== "cycle")
          ctx.addIssue({ code: "custom", path: ["components", i, "carryOver"], message: "结转只适用于按年度授予的组成部分" });
      } else if (c.appraisal.mode === "score" && c.appraisal.min > c.appraisal.max) {
        ctx.addIssue({ code: "custom", path: ["components", i, "appraisal", "min"], message: "评议最低分高于最高分" });
      }
    });
    if (s.components.filter((c) => c.kind === "appraisal").length > 1)
      ctx.addIssue({ code: "custom", path: ["components"], message: "只能有一个民主评议组成部分" });

    const codes = new Set<string>();
    const pointComponents = new Set(s.components.filter((c) => c.kind === "points").map((c) => c.id));
    const categoryNames = new Set(s.categories.map((c) => c.name));
    s.items.forEach((item, i) => {
      const key = item.code.toUpperCase();
      if (codes.has(key)) ctx.addIssue({ code: "custom", path: ["items", i, "code"], message: `项目代码「${item.code}」重复` });
      codes.add(key);
      if (item.points.kind !== "veto" && !pointComponents.has(item.component ?? ""))
        ctx.addIssue({ code: "custom", path: ["items", i, "component"], message: `项目 ${item.code} 的组成部分「${item.component ?? ""}」不存在` });
      if (item.points.kind === "range" && item.points.min > item.points.max)
        ctx.addIssue({ code: "custom", path: ["items", i, "points", "min"], message: `项目 ${item.code} 的分值范围下限高于上限` });
      if (item.points.kind === "range" && item.points.min < 0 && item.points.max > 0)
        ctx.addIssue({ code: "custom", path: ["items", i, "points"], message: `项目 ${item.code} 的分值范围不能同时含加分和扣分` });
      for (const [j, cat] of (item.categories ?? []).entries())
        if (!categoryNames.has(cat)) ctx.addIssue({ code: "custom", path: ["items", i, "categories", j], message: `党员类别「${cat}」未在方案中定义` });
    });

    for (const [i, p] of (s.vetoPatterns ?? []).entries()) {
      const veto = s.items.find((x) => x.code.toUpperCase() === p.veto.toUpperCase());
      if (!veto || veto.points.kind !== "veto") ctx.addIssue({ code: "custom", path: ["vetoPatterns", i, "veto"], message: `「${p.veto}」不是本方案的一票否决项目` });
      if (!s.items.some((x) => x.code.toUpperCase() === p.item.toUpperCase())) ctx.addIssue({ code: "custom", path: ["vetoPatterns", i, "item"], message: `项目代码「${p.item}」不在本方案中` });
    }

    if (s.dues && !s.items.some((x) => x.code.toUpperCase() === s.dues!.item.toUpperCase()))
      ctx.addIssue({ code: "custom", path: ["dues", "item"], message: `党费项目「${s.dues.item}」不在本方案中` });

    const descending = (xs: { min: number }[]) => xs.every((b, i) => i === 0 || xs[i - 1].min > b.min);
    if (!descending(s.grades)) ctx.addIssue({ code: "custom", path: ["grades"], message: "等次须按分数线从高到低排列且不重复" });
    if (s.grades[s.grades.length - 1].min > 0)
      ctx.addIssue({ code: "custom", path: ["grades"], message: "最低等次的分数线须不高于0，使每个总分都有等次" });
    if (s.probation) {
      const outcomes = s.probation.outcomes;
      if (!descending(outcomes)) ctx.addIssue({ code: "custom", path: ["probation", "outcomes"], message: "转正结果须按分数线从高到低排列" });
      if (outcomes[outcomes.length - 1].min > 0)
        ctx.addIssue({ code: "custom", path: ["probation", "outcomes"], message: "最低一档转正结果的分数线须不高于0" });
      if (!categoryNames.has(s.probation.category))
        ctx.addIssue({ code: "custom", path: ["probation", "category"], message: `党员类别「${s.probation.category}」未在方案中定义` });
    }
    if (s.cycleTotalFrom !== "ledger" && MONTHS_IN[s.cycleTotalFrom] < MONTHS_IN[s.approval])
      ctx.addIssue({ code: "custom", path: ["cycleTotalFrom"], message: "年度积分累加的期间不能短于审定周期" });
  });

export type SchemeInput = z.input<typeof schemeSchema>;
export type Scheme = z.output<typeof schemeSchema>;
export type SchemeItem = Scheme["items"][number];
export type SchemeComponent = Scheme["components"][number];
export type PointsComponent = Extract<SchemeComponent, { kind: "points" }>;
export type AppraisalComponent = Extract<SchemeComponent, { kind: "appraisal" }>;

export interface SchemeFieldError {
  /** Dotted path into the scheme JSON, e.g. "items.3.points.min". */
  path: string;
  message: string;
}

export type SchemeParseResult = { success: true; data: Scheme } | { success: false; errors: SchemeFieldError[] };

const zhLocale = z.locales.zhCN();

/** Parses scheme JSON (already JSON.parse'd) with per-field errors in Chinese. */
export function parseScheme(input: unknown): SchemeParseResult {
  const result = schemeSchema.safeParse(input, { error: zhLocale.localeError });
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  };
}

/** Parses scheme JSON text; a syntax error is reported as a field error at the root. */
export function parseSchemeJson(json: string): SchemeParseResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { success: false, errors: [{ path: "", message: `不是有效的 JSON：${(e as Error).message}` }] };
  }
  return parseScheme(data);
}

/** The grant periods of a scheme's points components (what periodReach needs). */
export function grantsOf(scheme: Pick<Scheme, "components">): Granularity[] {
  return scheme.components.flatMap((c) => (c.kind === "points" ? [c.grant] : []));
}

/**
 * Items whose one entry changes the whole cycle: the veto items and the items of veto patterns (upper-
 * case codes); `vetoes` is whether the scheme has any veto at all.
 */
export function cycleWideItems(scheme: Pick<Scheme, "items" | "vetoPatterns">): { vetoes: boolean; codes: Set<string> } {
  const codes = new Set(scheme.items.filter((i) => i.points.kind === "veto").map((i) => i.code.toUpperCase()));
  for (const p of scheme.vetoPatterns ?? []) codes.add(p.item.toUpperCase());
  return { vetoes: codes.size > 0, codes };
}
