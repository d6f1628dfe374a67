/**
 * 党员季度积分明细登记表 (党员积分手册范本): for each member (roster order) a block listing the
 * quarter's ledger entries, their sum and the member's quarter score.
 *
 * Rows: 1 title, 2 党支部 / 期间, 3 column header (print title): A 日期, B 项目, C 分值, D 说明. Then per
 * member: a 姓名/编号/党员类别 line (merged A:D); one row per entry in date order (日期 as a real date,
 * 项目 "<code> <name>（n次）", 分值 = count × points, "一票否决" for veto items, blank when the entry does
 * not count, with the reason in 说明); or a 本季度无加扣分记录 line; then 加扣分合计 = SUM over the
 * block's 分值 cells, and 本季度积分 = the engine's quarter total (caps, floors and vetoes applied).
 * Entries reversed by a correction and the corrections themselves are left out, as the engine does.
 * Ends with 支部书记（签字）/ 登记人.
 */
import { entryPoints } from "../engine/entryPoints";
import { ledgerColumns, liveEntryTest } from "../engine/scoreMembers";
import { BLANK_NUMBER, type LedgerColumns, type LedgerEntry, type MemberScore, type ScoreResult } from "../engine/types";
import { periodDates } from "../period";
import type { Scheme, SchemeItem } from "../scheme/schema";
import type { CellSpec, SheetModel } from "../sheetModel";
import { fromTenths } from "../tenths";
import { type ReportSettings, GAP, SIGN_HERE, SheetBuilder, blank, chineseDate, header, isIsoDate, memberNote, num, periodText, requirePeriod, sheetName, sumCell, text } from "./common";

const HEADERS = ["日期", "项目", "分值", "说明"];
const WIDTHS = [12, 36, 8, 32];
const VALUE_COLUMN = 2;

/** What a row shows of one entry (count and value undefined where blank). */
interface Shown {
  date: string;
  itemCode: string;
  count?: number;
  value?: number;
  note?: string;
}

function entryRow(e: Shown, item: SchemeItem | undefined, member: MemberScore): CellSpec[] {
  const count = e.count ?? 1;
  const date: CellSpec = { value: e.date, date: true, style: "date" };
  const note = e.note ?? "";
  if (!item) return [date, text(`${e.itemCode}（方案中无此项目）`), blank(), text(["未计分：项目代码不存在", note].filter(Boolean).join("；"))];
  const name = `${item.code} ${item.name}${count !== 1 ? `（${count}次）` : ""}`;
  if (item.categories && !item.categories.includes(member.category))
    return [date, text(name), blank(), text([`未计分：不适用于${member.category}`, note].filter(Boolean).join("；"))];
  const points = entryPoints(item, e.count, e.value);
  if (!points.ok) return [date, text(name), blank(), text([`未计分：${points.message}`, note].filter(Boolean).join("；"))];
  return [date, text(name), points.veto ? text("一票否决") : num(fromTenths(points.tenths)), text(note)];
}

/** The quarter's entries by member, in date order (ledger order within a day), corrections and what they reverse left out. */
function quarterEntries(ledger: LedgerColumns, start: string, end: string): Map<string, Shown[]> {
  const { texts, date, memberId, itemCode, count, value, note } = ledger;
  const live = liveEntryTest(ledger);
  const picked: number[] = [];
  for (let i = 0; i < ledger.length; i++) {
    const d = texts[date[i]];
    if (!live(i) || !isIsoDate(d) || d < start || d > end) continue;
    picked.push(i);
  }
  picked.sort((a, b) => (texts[date[a]] < texts[date[b]] ? -1 : texts[date[a]] > texts[date[b]] ? 1 : a - b));
  const optional = (n: number) => (n === BLANK_NUMBER ? undefined : n);
  const byMember = new Map<string, Shown[]>();
  for (const i of picked) {
    const id = texts[memberId[i]];
    const shown: Shown = { date: texts[date[i]], itemCode: texts[itemCode[i]], count: optional(count[i]), value: optional(value[i]), note: note?.[i] };
    const list = byMember.get(id);
    if (list) list.push(shown);
    else byMember.set(id, [shown]);
  }
  return byMember;
}

/** Sheet 季度明细-<2026Q3>. `entries` is the ledger (any span: the quarter's are picked out). */
export function buildQuarterDetailSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings, entries: readonly LedgerEntry[] | LedgerColumns): SheetModel {
  const period = requirePeriod(result, "quarter", "党员季度积分明细登记表");
  const { start, end } = periodDates(period, scheme.cycleStartMonth);
  const items = new Map(scheme.items.map((i) => [i.code.toUpperCase(), i]));
  const inQuarter = quarterEntries(ledgerColumns(entries), start, end);

  const b = new SheetBuilder(sheetName("季度明细", period.label), HEADERS.length);
  b.line(`党员季度积分明细登记表（${periodText(result, scheme)}）`, "title");
  b.spread([`党支部：${settings.branch}`, `期间：${chineseDate(start)}至${chineseDate(end)}`]);
  const headerRow = b.add(HEADERS.map(header));
  for (const m of result.members) {
    b.line(`姓名：${m.name}${GAP}编号：${m.id}${GAP}党员类别：${m.category}`, "header");
    const own = inQuarter.get(m.id) ?? [];
    const first = b.nextRow;
    for (const e of own) b.add(entryRow(e, items.get(String(e.itemCode).trim().toUpperCase()), m));
    const last = b.nextRow - 1;
    if (own.length === 0) b.line("本季度无加扣分记录", "cell");
    const sumRow = b.add([text("加扣分合计", "total"), blank("total"), sumCell(VALUE_COLUMN, first, last), blank("total")]);
    b.merges.push(`A${sumRow}:B${sumRow}`);
    const totalRow = b.add([text("本季度积分", "total"), blank("total"), num(m.total, "total"), text(memberNote(m, scheme))]);
    b.merges.push(`A${totalRow}:B${totalRow}`);
  }
  b.signatures([SIGN_HERE.secretary, `登记人：${settings.clerk}`]);
  return b.build({ orientation: "portrait", headerRows: [headerRow, headerRow], columnWidths: WIDTHS });
}
