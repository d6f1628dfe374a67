/**
 * 党员承诺事项登记表 (S3, 党员积分手册范本): each member's commitments for the year, with their
 * status and follow-up. Where the scheme awards points for them (handbook: P1 完成承诺事项, B6 无正当
 * 理由未兑现承诺事项) a commitment names the 积分台账 row that scored it, and validation holds the
 * two together: a fulfilled commitment without its entry, or a link to a row that is not that
 * member's entry of that item, is reported.
 */
import { toIsoDate, toNumber, toText } from "../cells";
import { CoreError } from "../errors";
import { SHEETS, type TableSheetDef } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
import { appendToStore, formatsOf } from "../ledger/scaffold";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, columnLetter, isoToSerial } from "../sheetModel";
import type { ValidationIssue } from "../validation/validateLedger";

export const COMMITMENT_STATUSES = ["未开始", "进行中", "已兑现", "未兑现"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_STORE: TableSheetDef = {
  kind: "table",
  sheet: "承诺事项",
  table: "CommitmentTable",
  columns: [
    { header: "年度", type: "integer", width: 8 },
    { header: "编号", type: "text", width: 10, dropdown: "memberIds" },
    { header: "姓名", type: "text", width: 10 },
    { header: "承诺事项", type: "text", width: 32 },
    { header: "承诺日期", type: "date", width: 12 },
    { header: "完成时限", type: "date", width: 12 },
    { header: "完成情况", type: "text", width: 10 },
    { header: "跟进记录", type: "text", width: 28 },
    { header: "积分记录行", type: "integer", width: 10 },
  ],
  note: "党员年度承诺事项及兑现情况；兑现或未兑现时在「积分记录行」填写积分台账中对应记录的行号",
};

/** The scheme's items that score commitments, by name as the presets give them. */
export function commitmentItems(scheme: Scheme): { fulfilled: string | null; broken: string | null } {
  const find = (name: string) => scheme.items.find((i) => i.name === name)?.code ?? null;
  return { fulfilled: find("完成承诺事项"), broken: find("无正当理由未兑现承诺事项") };
}

export interface CommitmentInput {
  year: number;
  memberId: string;
  text: string;
  date: string;
  deadline: string;
}

/** Appends a commitment (creating the sheet with its dropdowns the first time), logged. */
export function planCommitment(table: TableData | undefined, members: readonly { id: string; name: string }[], input: CommitmentInput, now: Date): WorkbookOp[] {
  const member = members.find((m) => m.id === toText(input.memberId));
  if (!member) throw new CoreError("commitment-refused", `编号「${input.memberId}」不在党员名册中`);
  const text = toText(input.text);
  if (!text) throw new CoreError("commitment-refused", "请填写承诺事项");
  const date = toIsoDate(input.date);
  const deadline = toIsoDate(input.deadline);
  if (!date) throw new CoreError("commitment-refused", `承诺日期「${input.date}」不是有效日期`);
  if (!deadline || deadline < date) throw new CoreError("commitment-refused", `完成时限「${input.deadline}」须为承诺日期之后的有效日期`);
  const row: Cell[] = [input.year, member.id, member.name, text, isoToSerial(date), isoToSerial(deadline), "未开始", null, null];
  const ops = appendToStore(COMMITMENT_STORE, table, [row], [
    { column: 1, source: { range: { sheet: SHEETS.roster.sheet, column: 0 } } },
    { column: 6, source: { list: [...COMMITMENT_STATUSES] } },
  ]);
  ops.push(logOp(now, [{ action: "登记承诺事项", sheet: COMMITMENT_STORE.sheet, range: "", detail: `${member.name}（${member.id}）${input.year}年：${text}` }]));
  return ops;
}

/** Sets a commitment's 完成情况, follow-up and linked 积分台账 row (sheet row `row`), logged. */
export function planCommitmentUpdate(
  table: TableData | undefined,
  update: { row: number; status: CommitmentStatus; followUp?: string; entryRow?: number },
  now: Date,
): WorkbookOp[] {
  if (!table) throw new CoreError("commitment-refused", `没有「${COMMITMENT_STORE.sheet}」工作表：请先登记承诺事项`);
  const index = update.row - table.firstRow;
  if (index < 0 || index >= table.rows.length) throw new CoreError("commitment-refused", `「${COMMITMENT_STORE.sheet}」没有第${update.row}行`);
  if (!COMMITMENT_STATUSES.includes(update.status)) throw new CoreError("commitment-refused", `完成情况须为：${COMMITMENT_STATUSES.join("、")}`);
  const cells: Record<number, Cell> = { 6: update.status };
  if (update.followUp !== undefined) cells[7] = update.followUp;
  if (update.entryRow !== undefined) cells[8] = update.entryRow;
  return [
    { op: "setCells", table: COMMITMENT_STORE.table, row: index, cells, formats: formatsOf(COMMITMENT_STORE) },
    logOp(now, [{ action: "更新承诺事项", sheet: COMMITMENT_STORE.sheet, range: `第${update.row}行`, detail: `${update.status}${update.followUp ? `：${update.followUp}` : ""}` }]),
  ];
}

/**
 * Problems of the 承诺事项 sheet: unknown member, bad year, dates or status, and — where the scheme
 * scores commitments — a 已兑现 / 未兑现 commitment without its 积分台账 row, or a row that is not this
 * member's entry of the right item.
 */
export function validateCommitments(table: TableData | undefined, ledger: TableData | undefined, rosterIds: ReadonlySet<string>, scheme: Scheme): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!table) return issues;
  const { fulfilled, broken } = commitmentItems(scheme);
  const entries = new Map(rowsOf(ledger).map((r) => [r.row, r.values]));
  const column = (header: string) => columnLetter(table.headers.indexOf(header));
  for (const r of rowsOf(table)) {
    const values = r.values;
    if (Object.values(values).every((v) => toText(v as Cell) === "")) continue;
    const add = (header: string, severity: "error" | "warning", code: string, message: string) =>
      issues.push({ code, severity, sheet: COMMITMENT_STORE.sheet, row: r.row, column: column(header), header, message: `第${r.row}行 ${message}`, values });
    const id = toText(values["编号"]);
    if (!rosterIds.has(id)) add("编号", "error", "unknown-member", `编号「${id || "（空）"}」不在党员名册中`);
    const year = toNumber(values["年度"]);
    if (year === null || !Number.isInteger(year)) add("年度", "error", "bad-year", `年度「${toText(values["年度"]) || "（空）"}」不是四位年份`);
    if (!toText(values["承诺事项"])) add("承诺事项", "error", "commitment-blank", "承诺事项为空");
    if (!toIsoDate(values["完成时限"])) add("完成时限", "error", "bad-date", `完成时限「${toText(values["完成时限"]) || "（空）"}」不是有效日期`);
    const status = toText(values["完成情况"]);
    if (!COMMITMENT_STATUSES.includes(status as CommitmentStatus)) {
      add("完成情况", "error", "unknown-status", `完成情况「${status || "（空）"}」须为：${COMMITMENT_STATUSES.join("、")}`);
      continue;
    }
    const item = status === "已兑现" ? fulfilled : status === "未兑现" ? broken : null;
    if (!item) continue;
    const entryRow = toNumber(values["积分记录行"]);
    if (entryRow === null) {
      add("积分记录行", "warning", "commitment-unscored", `承诺${status}，但未填写积分台账中「${scheme.items.find((i) => i.code === item)!.name}」（${item}）记录的行号`);
      continue;
    }
    const entry = entries.get(entryRow);
    if (!entry || toText(entry["编号"]) !== id || toText(entry["项目代码"]).toUpperCase() !== item)
      add("积分记录行", "error", "commitment-entry-mismatch", `积分记录行 ${entryRow} 不是编号 ${id} 的 ${item} 记录`);
  }
  return issues;
}

export interface CommitmentRecord {
  /** Sheet row of the 承诺事项 sheet. */
  row: number;
  year: number | null;
  memberId: string;
  name: string;
  text: string;
  /** ISO dates, or the cell as written when it is not a date. */
  date: string;
  deadline: string;
  status: string;
  followUp: string;
  /** 积分记录行 as written. */
  entryRow: string;
}

/** Every commitment of the sheet, in sheet order. */
export function commitmentRows(table: TableData | undefined): CommitmentRecord[] {
  const day = (v: unknown) => toIsoDate(v as Cell) ?? toText(v as Cell);
  return rowsOf(table)
    .filter((r) => toText(r.values["承诺事项"]))
    .map((r) => ({
      row: r.row,
      year: toNumber(r.values["年度"]),
      memberId: toText(r.values["编号"]),
      name: toText(r.values["姓名"]),
      text: toText(r.values["承诺事项"]),
      date: day(r.values["承诺日期"]),
      deadline: day(r.values["完成时限"]),
      status: toText(r.values["完成情况"]),
      followUp: toText(r.values["跟进记录"]),
      entryRow: toText(r.values["积分记录行"]),
    }));
}

/** The commitments of one year, in sheet order. */
export function readCommitments(table: TableData | undefined, year: number): CommitmentRecord[] {
  return commitmentRows(table).filter((c) => c.year === year);
}
