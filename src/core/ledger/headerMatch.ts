// Which column of a clerk's own table (a CSV, a sheet the branch already keeps) feeds which column of
// ours: the header as we write it first, then the names branches use for it.
import { type CellValue, toText } from "../cells";
import { SHEETS, type TableSheetDef } from "./layout";

export type ImportKind = "roster" | "entries" | "appraisals";

export const IMPORT_TARGET: Record<ImportKind, TableSheetDef> = { roster: SHEETS.roster, entries: SHEETS.ledger, appraisals: SHEETS.appraisals };

/** Columns an import needs: one of each group. */
export const REQUIRED_HEADERS: Record<ImportKind, readonly (readonly string[])[]> = {
  roster: [["编号"], ["姓名"], ["党员类别"]],
  entries: [["日期"], ["编号"], ["项目代码"]],
  appraisals: [["编号"], ["评议等次", "分值"]],
};

const ID = ["党员编号", "工号", "人员编号", "职工号", "编码", "序号"];
const NAME = ["党员姓名", "名字"];

/**
 * Other names for our headers, per kind, in order of preference. 序号 comes last for 编号: in most
 * tables it only numbers the rows, so a real 编号 column (under any name) wins.
 */
export const HEADER_SYNONYMS: Record<ImportKind, Readonly<Record<string, readonly string[]>>> = {
  roster: {
    编号: ID,
    姓名: NAME,
    党员类别: ["类别", "人员类别", "党员类型", "类型", "党员身份"],
    所在支部: ["支部", "党支部", "所属支部", "所属党支部"],
    入党日期: ["入党时间", "加入党组织日期"],
    转正日期: ["转正时间", "成为正式党员日期"],
    联系方式: ["联系电话", "电话", "手机", "手机号", "手机号码"],
    在册状态: ["状态", "党籍状态"],
    备注: ["说明", "附注"],
    转入日期: ["入职日期", "入职时间", "转入时间", "调入日期", "调入时间", "组织关系转入日期", "组织关系转入时间", "转入本支部日期"],
  },
  entries: {
    日期: ["时间", "记录日期", "发生日期", "登记日期", "日期时间"],
    编号: ID,
    姓名: NAME,
    项目代码: ["代码", "项目编号", "积分项目代码", "积分代码"],
    项目名称: ["项目", "积分项目", "事项", "积分事项"],
    次数: ["数量", "次"],
    分值: ["得分", "分数", "积分", "每次分值"],
    证明材料: ["佐证材料", "证明", "佐证", "依据"],
    记录人: ["登记人", "经办人", "录入人"],
    说明: ["备注", "事由", "情况说明"],
  },
  appraisals: {
    年度: ["年份", "考核年度", "评议年度"],
    编号: ID,
    姓名: NAME,
    评议等次: ["等次", "评议结果", "评定等次", "民主评议等次", "评议等级", "等级"],
    分值: ["得分", "分数", "评议得分", "评议分值"],
  },
};

/** A header as compared: full-width folded, no spaces or line breaks, no marks (*, ：) and no trailing note in brackets (分值（分）). */
export function headerKey(value: CellValue): string {
  return toText(value)
    .replace(/\s+/g, "")
    .replace(/^[*＊]+|[*＊:：]+$/g, "")
    .replace(/[(（][^()（）]*[)）]$/, "");
}

export interface MatchedColumn {
  /** Our header (the layout's). */
  target: string;
  /** The clerk's header as written. */
  source: string;
  /** Zero-based index of the clerk's column. */
  index: number;
  how: "exact" | "synonym";
}

export interface HeaderMatch {
  /** In the order of our layout; only the columns found. */
  columns: MatchedColumn[];
  /** The clerk's headers that feed nothing (kept out of the import). */
  ignored: string[];
  /** Required groups with no column, e.g. [["姓名"]]. */
  missing: string[][];
}

/** Matches a header row to a kind's columns: exact names first, then synonyms; each column of the clerk's used once. */
export function matchHeaders(headers: readonly CellValue[], kind: ImportKind): HeaderMatch {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const found = new Map<string, MatchedColumn>();
  const targets = IMPORT_TARGET[kind].columns.map((c) => c.header);
  for (const target of targets) {
    const i = keys.findIndex((k, j) => k === target && !used.has(j));
    if (i < 0) continue;
    used.add(i);
    found.set(target, { target, source: toText(headers[i]), index: i, how: "exact" });
  }
  const synonyms = HEADER_SYNONYMS[kind];
  for (const target of targets) {
    if (found.has(target)) continue;
    for (const name of synonyms[target] ?? []) {
      const i = keys.findIndex((k, j) => k === name && !used.has(j));
      if (i < 0) continue;
      used.add(i);
      found.set(target, { target, source: toText(headers[i]), index: i, how: "synonym" });
      break;
    }
  }
  return {
    columns: targets.flatMap((t) => (found.has(t) ? [found.get(t)!] : [])),
    ignored: headers.flatMap((h, i) => (used.has(i) || keys[i] === "" ? [] : [toText(h)])),
    missing: REQUIRED_HEADERS[kind].filter((group) => !group.some((h) => found.has(h))).map((g) => [...g]),
  };
}

/** "日期←时间、编号←工号" for the columns matched by another name; "" when all are exact. */
export function describeMatch(match: HeaderMatch): string {
  return match.columns
    .filter((c) => c.how === "synonym")
    .map((c) => `${c.target}←${c.source}`)
    .join("、");
}
