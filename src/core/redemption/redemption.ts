/**
 * 积分兑换 (S7, 企业党员积分制度考核管理: “党员可以根据积分兑换相应的奖励或福利”): a ledger of
 * redemptions kept apart from the assessment points. A member may redeem what the committee has
 * approved (the totals of approved periods) less what was already redeemed; a redemption beyond
 * that balance is refused. The regulation names no rate or catalogue: one point redeems one point
 * of a reward, and the branch writes its rewards in 兑换事项 (待支部确定).
 */
import { toIsoDate, toNumber, toText } from "../cells";
import { Refused } from "../errors";
import { date, memberId, number, text, sideSheet } from "../ledger/layout";
import { logOp } from "../ledger/log";
import { rowsOf } from "../ledger/readLedger";
import { appendToStore } from "../ledger/scaffold";
import { checkStoreRows } from "../stores/storeRows";
import type { ValidationIssue } from "../validation/validateLedger";
import type { Cell, TableData, WorkbookOp } from "../sheetModel";
import { isoToSerial } from "../sheetModel";
import { fromTenths, toTenths } from "../tenths";

export const REDEMPTION_STORE = sideSheet("积分兑换", "RedemptionTable", "党员以支委会审定的积分兑换奖励或福利；与考核积分分开记录，不影响考核积分和排名", [date("日期"), memberId(), text("姓名", 10), text("兑换事项", 28), number("消耗积分", 10), text("经办人", 10), text("说明", 24)]);

export interface RedemptionBalance {
  memberId: string;
  name: string;
  /** Approved points (Σ of the totals of approved periods). */
  earned: number;
  redeemed: number;
  balance: number;
}

/** Points redeemed per member id, in tenths, from the sheet as it stands (unreadable 消耗积分 counts 0). */
function redeemedTenths(table: TableData | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rowsOf(table)) {
    const id = toText(r.values["编号"]);
    const points = toNumber(r.values["消耗积分"]);
    if (!id || points === null) continue;
    out.set(id, (out.get(id) ?? 0) + toTenths(points));
  }
  return out;
}

/** Each member's approved points, what was redeemed and what is left. */
export function redemptionBalances(members: readonly { id: string; name: string }[], earned: ReadonlyMap<string, number>, table: TableData | undefined): RedemptionBalance[] {
  const redeemed = redeemedTenths(table);
  return members.map((m) => {
    const e = toTenths(earned.get(m.id) ?? 0);
    const r = redeemed.get(m.id) ?? 0;
    return { memberId: m.id, name: m.name, earned: fromTenths(e), redeemed: fromTenths(r), balance: fromTenths(e - r) };
  });
}

export interface RedemptionInput {
  date: string;
  memberId: string;
  /** What the points buy, as the branch names it. */
  item: string;
  points: number | string;
  handler?: string;
  note?: string;
}


/**
 * Records a redemption, refusing one the member's balance does not cover (or a bad date, member or
 * number). The sheet is created on the first redemption; the change is logged.
 */
export function planRedemption(
  table: TableData | undefined,
  members: readonly { id: string; name: string }[],
  earned: ReadonlyMap<string, number>,
  input: RedemptionInput,
  now: Date,
): { ops: WorkbookOp[]; balance: RedemptionBalance } {
  const date = toIsoDate(input.date);
  if (!date) throw new Refused("redemption", `兑换日期「${input.date}」不是有效日期`);
  const member = members.find((m) => m.id === toText(input.memberId));
  if (!member) throw new Refused("redemption", `编号「${input.memberId}」不在党员名册中`);
  const item = toText(input.item);
  if (!item) throw new Refused("redemption", "请填写兑换事项（兑换的奖励或福利）");
  const points = toNumber(typeof input.points === "number" ? input.points : toText(input.points));
  if (points === null || points <= 0 || toTenths(points) / 10 !== points) throw new Refused("redemption", `消耗积分「${input.points}」须为正数，最多一位小数`);
  const before = redemptionBalances([member], earned, table)[0];
  if (toTenths(points) > toTenths(before.balance))
    throw new Refused("redemption", 
      `${member.name}（${member.id}）可兑换积分为 ${before.balance} 分（已审定 ${before.earned} 分，已兑换 ${before.redeemed} 分），不足以兑换「${item}」所需的 ${points} 分`,
    );
  const row: Cell[] = [isoToSerial(date), member.id, member.name, item, points, toText(input.handler ?? "") || null, toText(input.note ?? "") || null];
  const ops = appendToStore(REDEMPTION_STORE, table, [row]);
  const balance = { ...before, redeemed: fromTenths(toTenths(before.redeemed) + toTenths(points)), balance: fromTenths(toTenths(before.balance) - toTenths(points)) };
  ops.push(logOp(now, [{ action: "积分兑换", sheet: REDEMPTION_STORE.sheet, range: "", detail: `${member.name}（${member.id}）兑换「${item}」${points} 分，余 ${balance.balance} 分` }]));
  return { ops, balance };
}

/** Problems of the 积分兑换 sheet as the clerk left it, each at its cell. */
export function validateRedemptions(table: TableData | undefined, rosterIds: ReadonlySet<string>): ValidationIssue[] {
  return checkStoreRows(table, (r) => {
    r.member(rosterIds);
    if (!toIsoDate(r.values["日期"])) r.add("日期", "error", "redemption-bad-date", `兑换日期「${r.text("日期") || "（空）"}」不是有效日期`);
    if (!r.text("兑换事项")) r.add("兑换事项", "error", "redemption-item-blank", "兑换事项为空");
    const points = toNumber(r.values["消耗积分"]);
    if (points === null || points <= 0 || toTenths(points) / 10 !== points) r.add("消耗积分", "error", "redemption-bad-points", `消耗积分「${r.text("消耗积分") || "（空）"}」须为正数，最多一位小数`);
  });
}
