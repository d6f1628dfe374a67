/**
 * The ledger's sheets, defined once. Scaffold, import, validation, the gateways and the task pane
 * all read this. Headers are Chinese and are the contract with the clerk's workbook.
 */

export type ColumnType = "text" | "date" | "number" | "integer";

/** Where a column's dropdown takes its choices from. */
export type DropdownSource = "memberIds" | "itemCodes" | "categories" | "appraisalGrades" | "statuses";

export interface ColumnDef {
  header: string;
  type: ColumnType;
  /** Column width in characters. */
  width: number;
  /** A source of the workbook, or a fixed list of choices. */
  dropdown?: DropdownSource | { list: readonly string[] };
  /** Filled by the add-in when it writes a row (项目名称, 分值 of fixed items). */
  filled?: boolean;
}

export interface TableSheetDef {
  kind: "table";
  sheet: string;
  /** Excel table name (ASCII, stable). */
  table: string;
  columns: readonly ColumnDef[];
  /** Written and refreshed by the add-in; the clerk does not type here. */
  generated?: boolean;
  note: string;
}

export const text = (header: string, width = 12, extra: Partial<ColumnDef> = {}): ColumnDef => ({ header, type: "text", width, ...extra });
export const date = (header: string, width = 12): ColumnDef => ({ header, type: "date", width });
export const integer = (header: string, width = 8): ColumnDef => ({ header, type: "integer", width });
export const number = (header: string, width = 8): ColumnDef => ({ header, type: "number", width });
/** A text column filled from a fixed list of choices. */
export const choice = (header: string, width: number, list: readonly string[]): ColumnDef => ({ header, type: "text", width, dropdown: { list } });
/** A sheet kept beside the ledger, created on first use: its table and what the clerk writes there. */
export const sideSheet = (sheet: string, table: string, note: string, columns: readonly ColumnDef[]): TableSheetDef => ({ kind: "table", sheet, table, columns, note });

/** The 编号 column of a sheet about members: a dropdown of the roster's ids. */
export const memberId = (header = "编号", width = 10): ColumnDef => ({ header, type: "text", width, dropdown: "memberIds" });

export const SETTINGS_KEYS = {
  branch: "支部名称",
  year: "年度",
  schemeId: "方案ID",
  schemeVersion: "方案版本",
  secretary: "支部书记",
  clerk: "记录人（组织委员）",
  contact: "申诉联系人及方式",
  /** The same rows as clerk and contact, by the names the pane uses. */
  recorder: "记录人（组织委员）",
  appealContact: "申诉联系人及方式",
  /** Length of the 公示期 in days (公示 counts today as the first); absent = 5. */
  publicityDays: "公示天数",
} as const;

/** 审定指纹 column naming the sheet a print was taken of: blank for 积分台账 (all prints before it), 「党费交纳」 for the dues register. */
export const PRINT_SOURCE = "来源";

/** 党员名册: the day a member joined this branch's assessment (新入职 / 组织关系转入), as against 入党日期. */
export const TRANSFERRED_IN = "转入日期";

export const MEMBER_STATUSES = ["在册", "转出", "停止党籍", "去世"] as const;

export const SHEETS = {
  settings: {
    kind: "table",
    sheet: "设置",
    table: "SettingsTable",
    columns: [text("项目", 18), text("值", 30), text("说明", 40)],
    note: "支部、年度与所用积分方案",
  },
  roster: {
    kind: "table",
    sheet: "党员名册",
    table: "RosterTable",
    columns: [
      text("编号", 10),
      text("姓名", 10),
      text("党员类别", 12, { dropdown: "categories" }),
      text("所在支部", 16),
      date("入党日期"),
      date("转正日期"),
      text("联系方式", 14),
      text("在册状态", 10, { dropdown: "statuses" }),
      text("备注", 20),
      // Last, so a roster from before it is its prefix: the column is added on the first write that needs it.
      date(TRANSFERRED_IN),
    ],
    note: "每名党员一行；编号唯一。转入日期：新入职或组织关系转入本支部的日期（按方案，此前月份按支部平均分计）",
  },
  ledger: {
    kind: "table",
    sheet: "积分台账",
    table: "LedgerTable",
    columns: [
      date("日期"),
      text("编号", 10, { dropdown: "memberIds" }),
      text("姓名", 10),
      text("项目代码", 10, { dropdown: "itemCodes" }),
      text("项目名称", 28, { filled: true }),
      { header: "次数", type: "integer", width: 6 },
      { header: "分值", type: "number", width: 8, filled: true },
      text("证明材料", 16),
      text("记录人", 10),
      text("说明", 24),
      { header: "撤销记录号", type: "integer", width: 10 },
      { header: "记录号", type: "integer", width: 8, filled: true },
    ],
    note: "每条加分、扣分或否决事项一行；分值为每次的分值。更正时不改原行：新增一行，在「撤销记录号」填原行的记录号（记录号由加载项编写，排序、插入行都不变）",
  },
  appraisals: {
    kind: "table",
    sheet: "民主评议",
    table: "AppraisalTable",
    columns: [{ header: "年度", type: "integer", width: 8 }, text("编号", 10, { dropdown: "memberIds" }), text("姓名", 10), text("评议等次", 10, { dropdown: "appraisalGrades" }), { header: "分值", type: "number", width: 8 }],
    note: "每名党员每年一行：评议等次或直接得分",
  },
  appeals: {
    kind: "table",
    sheet: "申诉登记",
    table: "AppealTable",
    columns: [
      text("申诉编号", 10),
      date("登记日期"),
      text("编号", 10, { dropdown: "memberIds" }),
      text("姓名", 10),
      text("期间", 10),
      text("申诉事项", 30),
      text("证明材料", 16),
      text("处理结果", 24),
      date("处理日期"),
      text("更正记录", 16),
    ],
    note: "党员对公示积分的申诉及处理",
  },
  approvals: {
    kind: "table",
    sheet: "审定记录",
    table: "ApprovalTable",
    generated: true,
    columns: [text("期间", 10), date("审定日期"), text("会议", 24), { header: "台账行数", type: "integer", width: 10 }, text("指纹", 20), text("记录时间", 20)],
    note: "支委会审定的期间及其台账指纹",
  },
  approvalPrints: {
    kind: "table",
    sheet: "审定指纹",
    table: "ApprovalPrintTable",
    generated: true,
    columns: [text("期间", 10), { header: "行号", type: "integer", width: 8 }, date("日期"), text("编号", 10), text("项目代码", 10), text("指纹", 14), { header: "记录号", type: "integer", width: 8 }, text(PRINT_SOURCE, 10)],
    note: "审定时每一行台账（及计分的党费交纳）的指纹，用于发现审定后的改动（由加载项生成，请勿修改）",
  },
  log: {
    kind: "table",
    sheet: "操作日志",
    table: "LogTable",
    generated: true,
    columns: [text("时间", 20), text("操作", 14), text("工作表", 14), text("范围", 16), text("说明", 48)],
    note: "加载项对工作簿所做的每一项更改",
  },
  rules: {
    kind: "table",
    sheet: "积分规则",
    table: "RulesTable",
    generated: true,
    columns: [text("项目代码", 10), text("项目名称", 32), text("组成部分", 12), text("分值", 16), text("上限", 14), text("需证明材料", 10), text("适用类别", 16), text("说明", 24)],
    note: "所选方案的积分项目（由加载项生成）",
  },
} as const satisfies Record<string, TableSheetDef>;

export type SheetKey = keyof typeof SHEETS;
export const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];
