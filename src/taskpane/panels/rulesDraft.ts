/**
 * 规则 as the clerk edits it: the items (name, points, cap; added and removed), the grade lines and the
 * 民主评议 table, every number as typed until saved. `candidate` turns the edits into a scheme for zod;
 * numbers that do not read are refused here first, and every message names the field in plain Chinese
 * (「第 4 个项目（D3）的分值」, never `items.3.points`).
 */
import { toNumber } from "../../core/cells";
import { type Granularity, type Scheme, type SchemeFieldError, type SchemeItem } from "../../core/scheme/schema";

/** What the clerk typed for one item (absent: as the scheme has it). */
export interface ItemEdit {
  name?: string;
  value?: string;
  min?: string;
  max?: string;
  /** 上限的期间; "" removes the cap. */
  capPeriod?: Granularity | "";
  capPoints?: string;
  evidenceRequired?: boolean;
}

/** A new item, as typed. */
export interface NewItem {
  code: string;
  name: string;
  /** A points component's id, or "veto". */
  component: string;
  kind: "fixed" | "range" | "veto";
  value: string;
  min: string;
  max: string;
}

export interface RulesEdits {
  items: Record<string, ItemEdit>;
  added: NewItem[];
  removed: string[];
  /** Grade lines by index: name and 分数线 as typed. */
  grades: Record<number, { name?: string; min?: string }>;
  /** 民主评议 grades by index (grades mode) or the score range (score mode). */
  appraisal: { grades: Record<number, { name?: string; points?: string }>; min?: string; max?: string };
}

export const NO_EDITS: RulesEdits = { items: {}, added: [], removed: [], grades: {}, appraisal: { grades: {} } };

export const CAP_PERIODS: Record<Granularity, string> = { month: "每月", quarter: "每季度", half: "每半年", cycle: "每年" };

export function editCount(edits: RulesEdits): number {
  return (
    Object.keys(edits.items).length +
    edits.added.length +
    edits.removed.length +
    Object.keys(edits.grades).length +
    Object.keys(edits.appraisal.grades).length +
    (edits.appraisal.min !== undefined || edits.appraisal.max !== undefined ? 1 : 0)
  );
}

const TYPE_WORDS: Record<string, string> = { number: "数字", 数字: "数字", string: "文字", 字符串: "文字", boolean: "是或否", 布尔值: "是或否", array: "列表", 数组: "列表", object: "一组设置", 对象: "一组设置" };

/** zod's generic messages in plain words: 「无效输入：期望 数字，实际接收 string」 → 「须为数字」. */
export function plainMessage(message: string): string {
  const m = /^无效输入：期望 (\S+)，实际接收 (\S+)$/.exec(message);
  if (m) return m[2] === "undefined" ? "未填写" : `须为${TYPE_WORDS[m[1]] ?? m[1]}`;
  return message.replace(/\b(number|string|boolean|array|object)\b/g, (w) => TYPE_WORDS[w] ?? w);
}

const ITEM_FIELDS: Record<string, string> = {
  code: "项目代码",
  name: "名称",
  component: "所属组成部分",
  points: "分值",
  "points.value": "分值",
  "points.min": "最低分",
  "points.max": "最高分",
  "points.kind": "计分方式",
  cap: "上限",
  "cap.points": "上限分值",
  "cap.period": "上限的期间",
  evidenceRequired: "须证明材料",
  categories: "适用的党员类别",
  note: "说明",
};

const SCHEME_FIELDS: Record<string, string> = {
  id: "方案编号",
  name: "方案名称",
  version: "版本号",
  effectiveFrom: "生效日期",
  summary: "简介",
  source: "制度原文",
  categories: "党员类别",
  components: "积分组成",
  items: "积分项目",
  grades: "等次分数线",
  publicity: "公示周期",
  ranking: "排名周期",
  approval: "审定周期",
  cycleStartMonth: "考核年度起始月",
  probation: "预备党员转正",
  extraForms: "报表",
  vetoPatterns: "连续扣分的一票否决",
  dues: "党费项目",
};

type Named = { items?: readonly Partial<SchemeItem>[]; grades?: readonly { name?: string }[]; components?: readonly unknown[] };

/** A field error as the clerk reads it: 「第 4 个项目（D3）的最低分：须为数字」. */
export function describeFieldError(error: SchemeFieldError, scheme: Named | null): string {
  const parts = error.path ? error.path.split(".") : [];
  const message = plainMessage(error.message);
  const [head, index, ...rest] = parts;
  const n = Number(index);
  if (head === "items" && Number.isInteger(n)) {
    const code = scheme?.items?.[n]?.code;
    const field = rest.length ? ITEM_FIELDS[rest.join(".")] ?? ITEM_FIELDS[rest[0]] ?? "设置" : "";
    return `第 ${n + 1} 个项目${code ? `（${code}）` : ""}${field ? `的${field}` : ""}：${message}`;
  }
  if (head === "grades" && Number.isInteger(n)) {
    const name = scheme?.grades?.[n]?.name;
    const field = rest[0] === "min" ? "分数线" : rest[0] === "name" ? "名称" : "设置";
    return `第 ${n + 1} 个等次${name ? `（${name}）` : ""}的${field}：${message}`;
  }
  if (head === "components" && Number.isInteger(n)) {
    const component = scheme?.components?.[n] as { name?: string } | undefined;
    const where = `积分组成「${component?.name ?? n + 1}」`;
    if (rest[0] === "appraisal") {
      const g = Number(rest[2]);
      if (rest[1] === "grades" && Number.isInteger(g)) return `${where}第 ${g + 1} 档评议等次的${rest[3] === "points" ? "分值" : "名称"}：${message}`;
      return `${where}的${rest[1] === "min" ? "最低分" : rest[1] === "max" ? "最高分" : "评议等次"}：${message}`;
    }
    const field = { max: "满分", floor: "最低分", initial: "起始分", id: "编号", name: "名称" }[rest[0] ?? ""] ?? "设置";
    return `${where}的${field}：${message}`;
  }
  if (!head) return `方案：${message}`;
  return `${SCHEME_FIELDS[head] ?? "方案"}：${message}`;
}

/** The scheme the edits make, or the numbers that do not read (nothing for zod then). */
export function candidate(scheme: Scheme, edits: RulesEdits): { scheme: unknown; problems: string[] } {
  const problems: string[] = [];
  const num = (text: string | undefined, fallback: number, where: string): number => {
    if (text === undefined) return fallback;
    const n = toNumber(text.trim());
    if (n === null) {
      problems.push(`${where}须为数字，现为「${text.trim() || "（空）"}」`);
      return fallback;
    }
    return n;
  };
  const removed = new Set(edits.removed);
  const kept = scheme.items.filter((i) => !removed.has(i.code));
  const items: SchemeItem[] = kept.map((item, k) => {
    const e = edits.items[item.code];
    if (!e) return item;
    const where = `第 ${k + 1} 个项目（${item.code}）的`;
    const p = item.points;
    const points =
      p.kind === "fixed"
        ? { ...p, value: num(e.value, p.value, `${where}分值`) }
        : p.kind === "range"
          ? { ...p, min: num(e.min, p.min, `${where}最低分`), max: num(e.max, p.max, `${where}最高分`) }
          : p;
    const next: SchemeItem = { ...item, name: e.name ?? item.name, points, evidenceRequired: e.evidenceRequired ?? item.evidenceRequired };
    const period = e.capPeriod === undefined ? item.cap?.period : e.capPeriod;
    if (!period) delete next.cap;
    else next.cap = { period, points: num(e.capPoints, item.cap?.points ?? NaN, `${where}上限分值`) };
    if (next.cap && Number.isNaN(next.cap.points)) problems.push(`${where}上限分值须为数字，现未填写`);
    return next;
  });
  edits.added.forEach((a, j) => {
    const where = `第 ${kept.length + j + 1} 个项目（新增${a.code ? ` ${a.code}` : ""}）的`;
    const points =
      a.kind === "veto"
        ? { kind: "veto" as const }
        : a.kind === "range"
          ? { kind: "range" as const, min: num(a.min, NaN, `${where}最低分`), max: num(a.max, NaN, `${where}最高分`) }
          : { kind: "fixed" as const, value: num(a.value, NaN, `${where}分值`) };
    items.push({ code: a.code.trim(), name: a.name.trim(), ...(a.kind === "veto" ? {} : { component: a.component }), points, evidenceRequired: false });
  });
  const grades = scheme.grades.map((g, i) => {
    const e = edits.grades[i];
    return e ? { ...g, name: e.name ?? g.name, min: num(e.min, g.min, `第 ${i + 1} 个等次（${g.name}）的分数线`) } : g;
  });
  const components = scheme.components.map((c) => {
    if (c.kind !== "appraisal") return c;
    const a = c.appraisal;
    if (a.mode === "grades")
      return {
        ...c,
        appraisal: {
          ...a,
          grades: a.grades.map((g, i) => {
            const e = edits.appraisal.grades[i];
            return e ? { name: e.name ?? g.name, points: num(e.points, g.points, `民主评议「${g.name}」的分值`) } : g;
          }),
        },
      };
    return { ...c, appraisal: { ...a, min: num(edits.appraisal.min, a.min, "民主评议最低分"), max: num(edits.appraisal.max, a.max, "民主评议最高分") } };
  });
  return { scheme: { ...scheme, items, grades, components }, problems };
}
