/**
 * 党员承诺事项登记表 (S3, 党员积分手册范本): each member's commitments for the year, with their
 * status and follow-up. Where the scheme awards points for them (handbook: P1 完成承诺事项, B6 无正当
 * 理由未兑现承诺事项) a commitment names the 积分台账 row that scored it, and validation holds the
 * two together: a fulfilled commitment without its entry, or a link to a row that is not that
 * member's entry of that item, is reported.
 */
import { toIsoDate, toNumber, toText } from "../cells";
import { Refused } from "../errors";
import { choice, date, integer, memberId, text, sideSheet } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
import { appendToStore } from "../ledger/scaffold";
import type { LogEntry } from "../ledger/log";
import { RECORD_ID, planRecordIds, recordNumber, reversalColumns, rowKey, tableFormats } from "../ledger/recordIds";
import { headerIndex, headerText } from "../tableRegion";
import { checkStoreRows, textRecords } from "../stores/storeRows";
import type { Scheme } from "../scheme/schema";
import { type Cell, type TableData, type WorkbookOp, isoToSerial } from "../sheetModel";
import type { ValidationIssue } from "../validation/validateLedger";

export const COMMITMENT_STATUSES = ["未开始", "进行中", "已兑现", "未兑现"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** The 积分台账 record that scored a commitment, by its 记录号 (sorting the ledger does not move it). */
export const ENTRY_ID = "积分记录号";
/** The same by sheet row, in 承诺事项 sheets from before 记录号: read as it was, converted on the next write. */
export const LEGACY_ENTRY_ROW = "积分记录行";

export const COMMITMENT_STORE = sideSheet("承诺事项", "CommitmentTable", "党员年度承诺事项及兑现情况；兑现或未兑现时在「积分记录号」填写积分台账中对应记录的记录号", [integer("年度"), memberId(), text("姓名", 10), text("承诺事项", 32), date("承诺日期"), date("完成时限"), choice("完成情况", 10, COMMITMENT_STATUSES), text("跟进记录", 28), integer(ENTRY_ID, 10)]);

/** Which column links a commitment to its 积分台账 record, and whether it names sheet rows (an older sheet). */
function entryColumn(headers: readonly string[]): { index: number; header: string; byRow: boolean } {
  const id = headerIndex(headers, ENTRY_ID);
  if (id >= 0) return { index: id, header: ENTRY_ID, byRow: false };
  return { index: headerIndex(headers, LEGACY_ENTRY_ROW), header: LEGACY_ENTRY_ROW, byRow: true };
}

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
  if (!member) throw new Refused("commitment", `编号「${input.memberId}」不在党员名册中`);
  const text = toText(input.text);
  if (!text) throw new Refused("commitment", "请填写承诺事项");
  const date = toIsoDate(input.date);
  const deadline = toIsoDate(input.deadline);
  if (!date) throw new Refused("commitment", `承诺日期「${input.date}」不是有效日期`);
  if (!deadline || deadline < date) throw new Refused("commitment", `完成时限「${input.deadline}」须为承诺日期之后的有效日期`);
  const row: Cell[] = [input.year, member.id, member.name, text, isoToSerial(date), isoToSerial(deadline), "未开始", null, null];
  const ops = appendToStore(COMMITMENT_STORE, table, [row]);
  ops.push(logOp(now, [{ action: "登记承诺事项", sheet: COMMITMENT_STORE.sheet, range: "", detail: `${member.name}（${member.id}）${input.year}年：${text}` }]));
  return ops;
}

export interface CommitmentUpdate {
  /** Sheet row of the commitment in 承诺事项. */
  row: number;
  status: CommitmentStatus;
  followUp?: string;
  /** The 积分台账 record that scored it, by 记录号. */
  entryId?: number;
  /** The same by the sheet row it stands in now (turned into its 记录号). */
  entryRow?: number;
}

/**
 * Sets a commitment's 完成情况, follow-up and linked 积分台账 record, logged. An older sheet's
 * 「积分记录行」 becomes 「积分记录号」 in the same batch (each row number turned into the 记录号 of
 * the row it names), and a ledger without 记录号 is brought up to date first.
 */
export function planCommitmentUpdate(table: TableData | undefined, update: CommitmentUpdate, now: Date, ledger?: TableData): WorkbookOp[] {
  if (!table) throw new Refused("commitment", `没有「${COMMITMENT_STORE.sheet}」工作表：请先登记承诺事项`);
  const index = update.row - table.firstRow;
  if (index < 0 || index >= table.rows.length) throw new Refused("commitment", `「${COMMITMENT_STORE.sheet}」没有第${update.row}行`);
  if (!COMMITMENT_STATUSES.includes(update.status)) throw new Refused("commitment", `完成情况须为：${COMMITMENT_STATUSES.join("、")}`);
  const at = (header: string) => {
    const i = headerIndex(table.headers, header);
    if (i < 0) throw new Refused("commitment", `「${COMMITMENT_STORE.sheet}」没有「${header}」列`);
    return i;
  };
  const link = entryColumn(table.headers);
  const ids = ledger ? planRecordIds(ledger) : null;
  const idAtRow = (row: number): number | null => {
    if (!ids) return null;
    const idColumn = headerIndex(ids.table.headers, RECORD_ID);
    return recordNumber(ids.table.rows[row - ids.table.firstRow]?.[idColumn]);
  };
  const ops: WorkbookOp[] = [];
  const log: LogEntry[] = [];
  const formats = tableFormats(COMMITMENT_STORE, table.headers.map((h) => (headerText(h) === LEGACY_ENTRY_ROW ? ENTRY_ID : h)));
  const needsIds = link.byRow || update.entryRow !== undefined;
  if (needsIds && ids) {
    ops.push(...ids.ops);
    log.push(...ids.log);
  }
  if (link.byRow && link.index >= 0) {
    ops.push({ op: "renameColumn", table: COMMITMENT_STORE.table, from: table.headers[link.index], to: ENTRY_ID });
    let converted = 0;
    table.rows.forEach((r, i) => {
      const row = recordNumber(r[link.index] ?? null);
      const id = row === null ? null : idAtRow(row);
      if (row !== null && id !== row) {
        ops.push({ op: "setCells", table: COMMITMENT_STORE.table, row: i, cells: { [link.index]: id }, formats });
        converted++;
      }
    });
    log.push({ action: "升级承诺事项", sheet: COMMITMENT_STORE.sheet, range: ENTRY_ID, detail: `「${LEGACY_ENTRY_ROW}」改为「${ENTRY_ID}」，${converted} 个行号换成所指记录的记录号` });
  }
  let entryId = update.entryId;
  if (entryId === undefined && update.entryRow !== undefined) {
    const id = idAtRow(update.entryRow);
    if (id === null) throw new Refused("commitment", `「积分台账」没有第${update.entryRow}行的记录`);
    entryId = id;
  }
  const cells: Record<number, Cell> = { [at("完成情况")]: update.status };
  if (update.followUp !== undefined) cells[at("跟进记录")] = update.followUp;
  if (entryId !== undefined) {
    if (link.index < 0) throw new Refused("commitment", `「${COMMITMENT_STORE.sheet}」没有「${ENTRY_ID}」列`);
    cells[link.index] = entryId;
  }
  ops.push({ op: "setCells", table: COMMITMENT_STORE.table, row: index, cells, formats });
  log.push({ action: "更新承诺事项", sheet: COMMITMENT_STORE.sheet, range: `第${update.row}行`, detail: `${update.status}${update.followUp ? `：${update.followUp}` : ""}${entryId !== undefined ? `，积分记录号 ${entryId}` : ""}` });
  return [...ops, logOp(now, log)];
}

/**
 * Problems of the 承诺事项 sheet: unknown member, bad year, dates or status, and — where the scheme
 * scores commitments — a 已兑现 / 未兑现 commitment without its 积分台账 row, or a row that is not this
 * member's entry of the right item.
 */
export function validateCommitments(table: TableData | undefined, ledger: TableData | undefined, rosterIds: ReadonlySet<string>, scheme: Scheme): ValidationIssue[] {
  const { fulfilled, broken } = commitmentItems(scheme);
  const link = entryColumn(table?.headers ?? []);
  // By 记录号, or by sheet row in a sheet from before it (and in a ledger from before it).
  const ledgerKeys = reversalColumns(ledger?.headers ?? []).keys;
  const entries = new Map(rowsOf(ledger).flatMap((r) => {
    const key = link.byRow ? r.row : ledgerKeys === "ids" ? rowKey(r, "ids") : null;
    return key === null ? [] : [[key, r.values] as const];
  }));
  return checkStoreRows(table, (r) => {
    const id = r.member(rosterIds);
    r.year();
    if (!r.text("承诺事项")) r.add("承诺事项", "error", "commitment-blank", "承诺事项为空");
    if (!toIsoDate(r.values["完成时限"])) r.add("完成时限", "error", "commitment-bad-deadline", `完成时限「${r.text("完成时限") || "（空）"}」不是有效日期`);
    const status = r.text("完成情况");
    if (!COMMITMENT_STATUSES.includes(status as CommitmentStatus)) {
      r.add("完成情况", "error", "commitment-unknown-status", `完成情况「${status || "（空）"}」须为：${COMMITMENT_STATUSES.join("、")}`);
      return;
    }
    const item = status === "已兑现" ? fulfilled : status === "未兑现" ? broken : null;
    if (!item) return;
    const linked = toNumber(r.values[link.header] ?? null);
    const what = link.byRow ? "行号" : "记录号";
    if (linked === null) {
      r.add(link.header, "warning", "commitment-unscored", `承诺${status}，但未填写积分台账中「${scheme.items.find((i) => i.code === item)!.name}」（${item}）记录的${what}`);
      return;
    }
    const entry = entries.get(linked);
    if (!entry || toText(entry["编号"]) !== id || toText(entry["项目代码"]).toUpperCase() !== item)
      r.add(link.header, "error", "commitment-entry-mismatch", `${link.header} ${linked} 不是编号 ${id} 的 ${item} 记录`);
  });
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
  /** 积分记录号 (or an older sheet's 积分记录行) as written. */
  entryRow: string;
}

/** Every commitment of the sheet, in sheet order. */
export function commitmentRows(table: TableData | undefined): CommitmentRecord[] {
  const link = entryColumn(table?.headers ?? []).header;
  const fields = { memberId: "编号", name: "姓名", text: "承诺事项", date: "承诺日期", deadline: "完成时限", status: "完成情况", followUp: "跟进记录", entryRow: link } as const;
  return textRecords(table, fields, "text").map(({ values, ...r }) => ({
    ...r,
    year: toNumber(values["年度"]),
    date: toIsoDate(values["承诺日期"]) ?? r.date,
    deadline: toIsoDate(values["完成时限"]) ?? r.deadline,
  }));
}

/** The commitments of one year, in sheet order. */
export function readCommitments(table: TableData | undefined, year: number): CommitmentRecord[] {
  return commitmentRows(table).filter((c) => c.year === year);
}
