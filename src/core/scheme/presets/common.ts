import type { Granularity, SchemeInput } from "../schema";

type CategoryInput = SchemeInput["categories"][number];

/**
 * The four member categories. Full members are graded and ranked; `probationary` says whether
 * 预备党员 are too. 发展对象 and 入党积极分子 are scored as 教育考察依据 only.
 */
export function memberCategories(probationary: "assessed" | "observed"): CategoryInput[] {
  const assessed = probationary === "assessed";
  return [
    { name: "正式党员", graded: true, ranked: true },
    { name: "预备党员", graded: assessed, ranked: assessed, note: assessed ? undefined : "积分作为教育考察依据" },
    { name: "发展对象", graded: false, ranked: false, note: "积分作为教育考察依据" },
    { name: "入党积极分子", graded: false, ranked: false, note: "积分作为教育考察依据" },
  ];
}

/** 优秀 / 合格 / 基本合格 / 不合格 at 90 / 70 / 60, as in 星级党员管理量化考评制度. */
export const GRADES_90_70_60: SchemeInput["grades"] = [
  { name: "优秀", min: 90, note: "具备评优资格" },
  { name: "合格", min: 70 },
  { name: "基本合格", min: 60 },
  { name: "不合格", min: 0 },
];

/** 民主评议 by grade: 优秀 20 / 合格 15 / 基本合格 10 / 不合格 0. */
export const APPRAISAL_GRADES_20 = [
  { name: "优秀", points: 20 },
  { name: "合格", points: 15 },
  { name: "基本合格", points: 10 },
  { name: "不合格", points: 0 },
];

type ItemInput = SchemeInput["items"][number];
type ComponentInput = SchemeInput["components"][number];
/** The optional fields of an item: cap, evidenceRequired, categories, note. */
export type ItemExtras = Pick<ItemInput, "cap" | "evidenceRequired" | "categories" | "note">;

/** An item worth a fixed number of points per occurrence (negative for a deduction). */
export function fixedItem(code: string, name: string, component: string, value: number, extras: ItemExtras = {}): ItemInput {
  return { code, name, component, points: { kind: "fixed", value }, ...extras };
}

/** A 酌情 item: the clerk enters a value between min and max per occurrence (both ≤ 0 for a deduction). */
export function rangeItem(code: string, name: string, component: string, min: number, max: number, extras: ItemExtras = {}): ItemInput {
  return { code, name, component, points: { kind: "range", min, max }, ...extras };
}

/** 一票否决: the member's whole cycle becomes 0. Always needs 证明材料. */
export function vetoItem(code: string, name: string, note?: string): ItemInput {
  return { code, name, points: { kind: "veto" }, evidenceRequired: true, ...(note ? { note } : {}) };
}

/** A component that starts full every grant period and is deducted (倒扣), never below 0. */
export function deductedComponent(id: string, name: string, max: number, grant: Granularity = "cycle", note?: string): ComponentInput {
  return { id, kind: "points", name, initial: max, grant, floor: 0, max, ...(note ? { note } : {}) };
}

/** A component that starts at 0 every grant period and is earned (累计), up to max. */
export function earnedComponent(id: string, name: string, max: number, grant: Granularity = "cycle", note?: string): ComponentInput {
  return { id, kind: "points", name, initial: 0, grant, floor: 0, max, ...(note ? { note } : {}) };
}
