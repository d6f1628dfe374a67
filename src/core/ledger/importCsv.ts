import { isBlank, toIsoDate, toNumber, toText } from "../cells";
import { CoreError } from "../errors";
import type { Member } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import { type Cell, isoToSerial } from "../sheetModel";
import { SHEETS, type TableSheetDef } from "./layout";

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), UTF-8 with or without BOM. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export type ImportKind = "roster" | "entries" | "appraisals";

const REQUIRED: Record<ImportKind, string[][]> = {
  roster: [["编号"], ["姓名"], ["党员类别"]],
  entries: [["日期"], ["编号"], ["项目代码"]],
  appraisals: [["编号"], ["评议等次", "分值"]],
};

const TARGET: Record<ImportKind, TableSheetDef> = { roster: SHEETS.roster, entries: SHEETS.ledger, appraisals: SHEETS.appraisals };

export interface ImportContext {
  scheme: Scheme;
  members: readonly Member[];
  /** The workbook's year, for appraisals without a 年度 column. */
  year: number;
}

/** One cell as the layout column wants it; what cannot be converted is kept as the clerk wrote it. */
function convert(text: string, type: TableSheetDef["columns"][number]["type"]): Cell {
  if (isBlank(text)) return null;
  if (type === "date") {
    const iso = toIsoDate(text);
    return iso ? isoToSerial(iso) : text;
  }
  if (type === "number" || type === "integer") return toNumber(text) ?? text;
  return text;
}

/**
 * CSV rows in the order of the target table's columns. Bad values are imported as they are and left
 * for validation to flag; only a missing required column stops the import.
 */
export function importCsvRows(kind: ImportKind, csv: string, ctx: ImportContext): Cell[][] {
  const [header, ...body] = parseCsv(csv);
  if (!header) return [];
  const headers = header.map((h) => toText(h));
  for (const alternatives of REQUIRED[kind])
    if (!alternatives.some((h) => headers.includes(h)))
      throw new CoreError("bad-csv", `CSV 缺少「${alternatives.join("」或「")}」列；表头为：${headers.join(",")}`);
  const toRow = tableRowBuilder(kind, ctx);
  return body.map((fields) => toRow(new Map(headers.map((h, i) => [h, fields[i] ?? ""]))));
}

/**
 * One row in its table's layout order from text keyed by header (a CSV line, the task pane's entry
 * form): cells typed by column, an entry's item name and fixed 分值 and the member's 姓名 filled in.
 */
export function tableRowBuilder(kind: ImportKind, ctx: ImportContext): (byHeader: ReadonlyMap<string, string>) => Cell[] {
  const def = TARGET[kind];
  const items = new Map(ctx.scheme.items.map((i) => [i.code.toUpperCase(), i]));
  const names = new Map(ctx.members.map((m) => [m.id, m.name]));
  const at = (h: string) => def.columns.findIndex((c) => c.header === h);
  return (byHeader) => {
    const row = def.columns.map((c) => convert(byHeader.get(c.header) ?? "", c.type));
    if (kind === "entries") {
      const code = toText(row[at("项目代码")]).toUpperCase();
      const item = items.get(code);
      if (item) {
        row[at("项目代码")] = item.code;
        row[at("项目名称")] = item.name;
        if (row[at("分值")] === null && item.points.kind === "fixed") row[at("分值")] = item.points.value;
      }
      if (row[at("次数")] === null) row[at("次数")] = 1;
      if (row[at("姓名")] === null) row[at("姓名")] = names.get(toText(row[at("编号")])) ?? null;
    }
    if (kind === "appraisals") {
      if (row[at("年度")] === null) row[at("年度")] = ctx.year;
      if (row[at("姓名")] === null) row[at("姓名")] = names.get(toText(row[at("编号")])) ?? null;
    }
    return row;
  };
}
