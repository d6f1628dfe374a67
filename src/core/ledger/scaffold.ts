import { describeItemPoints } from "../engine/entryPoints";
import type { Scheme } from "../scheme/schema";
import type { Cell, ColumnFormat, PageSetup, TableData, TableSpec, ValidationSource, WorkbookOp, WorkbookSnapshot } from "../sheetModel";
import { tablePage } from "../ops/pageSetup";
import { headerIndex, headerText } from "../tableRegion";
import { isBlank } from "../cells";
import { type ColumnDef, MEMBER_STATUSES, PRINT_SOURCE, SETTINGS_KEYS, SHEETS, SHEET_KEYS, type SheetKey, TRANSFERRED_IN, type TableSheetDef } from "./layout";
import { logOp } from "./log";
import { RECORD_ID, expectedLedgerHeaders, rowsInTableOrder, tableFormats } from "./recordIds";

export interface LedgerSettings {
  branch: string;
  year: number;
  secretary?: string;
  clerk?: string;
  contact?: string;
}

export interface ScaffoldConflict {
  sheet: string;
  message: string;
}

export interface ScaffoldPlan {
  ops: WorkbookOp[];
  added: string[];
  kept: string[];
  /** Sheets of our names whose structure differs: reported, never overwritten. */
  conflicts: ScaffoldConflict[];
}

export function formatsOf(def: TableSheetDef): ColumnFormat[] {
  return def.columns.map((c) => c.type);
}

export function settingsRows(scheme: Scheme, s: LedgerSettings): Cell[][] {
  return [
    [SETTINGS_KEYS.branch, s.branch, "党支部全称"],
    [SETTINGS_KEYS.year, String(s.year), "考核年度（周期按所选方案）"],
    [SETTINGS_KEYS.schemeId, scheme.id, scheme.name],
    [SETTINGS_KEYS.schemeVersion, String(scheme.version), `自 ${scheme.effectiveFrom} 起施行`],
    [SETTINGS_KEYS.secretary, s.secretary ?? "", "审批表由书记在签字处手签"],
    [SETTINGS_KEYS.clerk, s.clerk ?? "", "积分记录人、制表人"],
    [SETTINGS_KEYS.contact, s.contact ?? "", "公示表上的申诉渠道"],
  ];
}

export function ruleRows(scheme: Scheme): Cell[][] {
  const componentName = new Map(scheme.components.map((c) => [c.id, c.name]));
  return scheme.items.map((item) => [
    item.code,
    item.name,
    item.points.kind === "veto" ? "一票否决" : componentName.get(item.component ?? "") ?? "",
    describeItemPoints(item),
    item.cap ? `每${{ month: "月", quarter: "季度", half: "半年", cycle: "年" }[item.cap.period]}最多${item.cap.points}分` : "",
    item.evidenceRequired ? "是" : "",
    item.categories?.join("、") ?? "全部",
    item.note ?? "",
  ]);
}

function dropdownSource(def: TableSheetDef, column: number, scheme: Scheme | null): ValidationSource | null {
  const dropdown = def.columns[column].dropdown;
  if (typeof dropdown === "object") return { list: [...dropdown.list] };
  if (!scheme && dropdown !== "memberIds" && dropdown !== "itemCodes" && dropdown !== "statuses") return null;
  switch (dropdown) {
    case "memberIds":
      return { range: { sheet: SHEETS.roster.sheet, column: 0 } };
    case "itemCodes":
      return { range: { sheet: SHEETS.rules.sheet, column: 0 } };
    case "categories":
      return { list: scheme!.categories.map((c) => c.name) };
    case "statuses":
      return { list: [...MEMBER_STATUSES] };
    case "appraisalGrades": {
      const a = scheme!.components.find((c) => c.kind === "appraisal");
      return a && a.kind === "appraisal" && a.appraisal.mode === "grades" ? { list: a.appraisal.grades.map((g) => g.name) } : null;
    }
    default:
      return null;
  }
}

/** How a definition's sheet prints (A4, one page wide, header row repeated), headed by the branch when known. */
export function pageOf(def: TableSheetDef, branch = ""): PageSetup {
  return tablePage(def.columns.map((c) => c.width), branch);
}

/** A sheet a plan creates on first use (承诺事项, 审定积分, 党费交纳 …) is headed by the branch, like those made when the ledger was. */
export function headedByBranch(ops: readonly WorkbookOp[], branch: string): WorkbookOp[] {
  if (!branch.trim()) return [...ops];
  return ops.map((op) => (op.op === "createTable" && op.spec.page ? { ...op, spec: { ...op.spec, page: tablePage(op.spec.widths, branch) } } : op));
}

/** A new sheet holding the table a definition describes, with these rows. */
export function tableSpec(def: TableSheetDef, rows: Cell[][], branch = ""): TableSpec {
  return {
    sheet: def.sheet,
    table: def.table,
    headers: def.columns.map((c) => c.header),
    formats: formatsOf(def),
    widths: def.columns.map((c) => c.width),
    rows,
    note: def.note,
    page: pageOf(def, branch),
  };
}

/**
 * Rows in the layout's column order appended to an existing table of `def` as it stands: put in the
 * table's own column order (a hand-reordered table, the clerk's extra columns), after adding the later
 * columns it lacks that these rows fill (an older 党员名册 without 转入日期), so nothing typed is dropped.
 */
export function planTableAppend(def: TableSheetDef, table: Pick<TableData, "name" | "headers" | "rowCount">, rows: readonly (readonly Cell[])[]): WorkbookOp[] {
  const key = SHEET_KEYS.find((k) => SHEETS[k] === def);
  const filled = (header: string) => {
    const at = def.columns.findIndex((c) => c.header === header);
    return rows.some((r) => !isBlank(r[at] ?? null));
  };
  const added = key ? missingLaterColumns(key, table.headers).filter((c) => filled(c.header)) : [];
  const headers = [...table.headers, ...added.map((c) => c.header)];
  const inOrder = headers.length === def.columns.length && headers.every((h, i) => headerText(h) === def.columns[i].header);
  return [
    ...added.map((c): WorkbookOp => ({ op: "addColumn", table: table.name, header: c.header, values: new Array<Cell>(table.rowCount).fill(null), format: c.type })),
    { op: "appendRows", table: table.name, rows: inOrder ? rows.map((r) => [...r]) : rowsInTableOrder(def, headers, rows), formats: tableFormats(def, headers) },
  ];
}

/**
 * Rows for a sheet kept beside the ledger (承诺事项, 积分兑换, 评星晋级 …) that is created on first use:
 * appended when the table exists, else the table is created with them and its dropdowns set.
 */
export function appendToStore(def: TableSheetDef, table: unknown, rows: Cell[][], extraDropdowns: readonly { column: number; source: ValidationSource }[] = []): WorkbookOp[] {
  if (table) return [{ op: "appendRows", table: def.table, rows, formats: formatsOf(def) }];
  const declared = def.columns.flatMap((_, column) => {
    const source = extraDropdowns.some((d) => d.column === column) ? null : dropdownSource(def, column, null);
    return source ? [{ column, source }] : [];
  });
  return [{ op: "createTable", spec: tableSpec(def, rows) }, ...[...declared, ...extraDropdowns].map((d): WorkbookOp => ({ op: "setValidation", table: def.table, column: d.column, source: d.source }))];
}

/** Columns tables gained after their first release, added at the right end of an older table (its rows blank there). */
const LATER_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = { approvalPrints: [RECORD_ID, PRINT_SOURCE], roster: [TRANSFERRED_IN] };

/** The later columns of table `key` that `headers` lack, in the layout's order. */
export function missingLaterColumns(key: SheetKey, headers: readonly string[]): ColumnDef[] {
  const later = LATER_COLUMNS[key] ?? [];
  return SHEETS[key].columns.filter((c) => later.includes(c.header) && headerIndex(headers, c.header) < 0);
}


/**
 * What scaffolding adds to a workbook: every ledger sheet that is missing, nothing else. Existing
 * tables keep every cell; a sheet of our name with another structure is reported, not touched.
 * The add-in's own 积分规则 table is refreshed from the scheme.
 */
export function planScaffold(snapshot: WorkbookSnapshot, scheme: Scheme, settings: LedgerSettings, now: Date, sideSheets: readonly TableSheetDef[] = []): ScaffoldPlan {
  const plan: ScaffoldPlan = { ops: [], added: [], kept: [], conflicts: [] };
  const validations: WorkbookOp[] = [];
  for (const key of SHEET_KEYS) {
    const def: TableSheetDef = SHEETS[key];
    const expected = def.columns.map((c) => c.header);
    const table = snapshot.tables.find((t) => t.name === def.table);
    if (table) {
      // An older ledger (no 记录号; 撤销行号) is brought up to date by the caller (planRecordIds), not refused;
      // 审定指纹 from before 记录号 / 来源 gains the columns here (its earlier rows blank).
      const added = table.sheet === def.sheet ? missingLaterColumns(key, table.headers) : [];
      const wanted = key === "ledger" ? expectedLedgerHeaders(expected, table.headers) : expected.filter((h) => !added.some((c) => c.header === h));
      const missing = wanted.filter((h) => headerIndex(table.headers, h) < 0);
      if (added.length > 0 && missing.length === 0) {
        const columns = added.map((c): WorkbookOp => ({ op: "addColumn", table: def.table, header: c.header, values: new Array<Cell>(table.rowCount).fill(null), format: c.type }));
        plan.ops.push(...(key === "approvalPrints" ? [{ op: "unprotectSheet", sheet: def.sheet } as const, ...columns, { op: "protectSheet", sheet: def.sheet } as const] : columns));
      }
      if (table.sheet !== def.sheet || missing.length > 0) {
        plan.conflicts.push({
          sheet: table.sheet,
          message: missing.length ? `表格 ${def.table} 缺少列：${missing.join("、")}；未做改动` : `表格 ${def.table} 不在工作表「${def.sheet}」中；未做改动`,
        });
        continue;
      }
      plan.kept.push(def.sheet);
      if (key === "rules") plan.ops.push({ op: "replaceRows", table: def.table, rows: ruleRows(scheme), formats: formatsOf(def), currentRows: table.rowCount });
      continue;
    }
    if (snapshot.sheets.includes(def.sheet)) {
      plan.conflicts.push({ sheet: def.sheet, message: `工作表「${def.sheet}」已存在但没有表格 ${def.table}，结构不同；未做改动，请改名后重新生成` });
      continue;
    }
    const rows = key === "settings" ? settingsRows(scheme, settings) : key === "rules" ? ruleRows(scheme) : [];
    plan.ops.push({ op: "createTable", spec: tableSpec(SHEETS[key], rows, settings.branch) });
    plan.added.push(def.sheet);
    def.columns.forEach((_, column) => {
      const source = dropdownSource(def, column, scheme);
      if (source) validations.push({ op: "setValidation", table: def.table, column, source });
    });
  }
  plan.ops.push(...validations);
  // Sheets from before the print setup: set up for A4, unless someone already set them up (the gateway looks).
  const ledgerTables = new Set(SHEET_KEYS.map((k) => SHEETS[k].table as string));
  const present = (def: TableSheetDef) => snapshot.tables.some((t) => t.name === def.table && t.sheet === def.sheet);
  const keptOwn = [...SHEET_KEYS.map((k): TableSheetDef => SHEETS[k]).filter((def) => plan.kept.includes(def.sheet)), ...sideSheets.filter((def) => !ledgerTables.has(def.table) && present(def))];
  plan.ops.push(...keptOwn.map((def): WorkbookOp => ({ op: "setPage", sheet: def.sheet, page: pageOf(def, settings.branch) })));
  const logReady = snapshot.tables.some((t) => t.name === SHEETS.log.table && plan.kept.includes(SHEETS.log.sheet)) || plan.added.includes(SHEETS.log.sheet);
  if (logReady && plan.added.length > 0)
    plan.ops.push(logOp(now, [{ action: "生成台账", sheet: plan.added.join("、"), range: "", detail: `方案 ${scheme.id} 第${scheme.version}版；保留：${plan.kept.join("、") || "无"}` }]));
  return plan;
}
