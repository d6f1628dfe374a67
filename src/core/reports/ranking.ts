/**
 * 积分排名通报: ranked members in rank order, then the 表扬先进 and 督促后进 lists as lines to read out
 * at the members' meeting.
 *
 * Rows: 1 title, 2 通报日期 / 满分 / 参加排名人数, 3 table header (print title): 排名, 编号, 姓名,
 * 党员类别, each component, 总分, 备注 (veto reason); ranked members only from row 4. After a blank row:
 * 一、表扬先进 and one line per member, 二、督促后进 and one line per member, then 党支部（盖章）/
 * 支部书记 / 通报日期. No formulas.
 *
 * 表扬先进: members with rank ≤ max(3, ⌈10 % of the ranked⌉) (ties at the cut included), except vetoed
 * members and members in the lowest grade band.
 * 督促后进: every vetoed member (named with the reason); every member in the lowest grade band — by the
 * engine's grade when the period is graded, otherwise total below the second-lowest band's line scaled
 * by this period's maximum over the cycle's maximum; and the bottom 10 % (⌈10 %⌉ positions from the end,
 * ties at the cut included) of those not praised and not tied with the best total.
 */
import { schemeMaximum } from "../engine/scoreMembers";
import type { MemberScore, ScoreResult } from "../engine/types";
import type { Scheme } from "../scheme/schema";
import { type SheetModel, columnLetter } from "../sheetModel";
import { fromTenths, toTenths } from "../tenths";
import { type ReportSettings, GAP, SheetBuilder, byRank, chineseDate, header, num, orientationFor, periodText, sheetName, shownComponents, text, vetoNote, widthFor } from "./common";

export interface RankingLists {
  praise: MemberScore[];
  /** With the reason each member is on the list. */
  urge: { member: MemberScore; reason: string }[];
}

/** The line under which a member is in the lowest band, or null when the scheme has only one band. */
function lowestBandLine(result: ScoreResult, scheme: Scheme): number | null {
  if (scheme.grades.length < 2) return null;
  const line = scheme.grades[scheme.grades.length - 2].min;
  if (result.period.kind === "cycle") return line;
  const cycleMax = schemeMaximum(scheme, "cycle");
  return cycleMax > 0 ? fromTenths(Math.round((toTenths(line) * result.maxTotal) / cycleMax)) : line;
}

export function rankingLists(result: ScoreResult, scheme: Scheme): RankingLists {
  const ranked = byRank(result.members).filter((m) => m.rank !== null);
  const n = ranked.length;
  const lowest = scheme.grades[scheme.grades.length - 1].name;
  const line = lowestBandLine(result, scheme);
  const inLowestBand = (m: MemberScore) => (m.grade !== null ? scheme.grades.length > 1 && m.grade === lowest : line !== null && m.total < line);

  const urge: RankingLists["urge"] = [];
  const urged = new Set<MemberScore>();
  for (const m of ranked) {
    if (m.veto) urge.push({ member: m, reason: vetoNote(m) });
    else if (inLowestBand(m)) urge.push({ member: m, reason: m.grade !== null ? `积分等次：${m.grade}` : `积分低于${line}分` });
    else continue;
    urged.add(m);
  }

  const praiseCut = Math.max(3, Math.ceil(n / 10));
  const praise = ranked.filter((m) => !urged.has(m) && (m.rank as number) <= praiseCut);
  const praised = new Set(praise);

  if (n > 0) {
    const bottomCut = ranked[n - Math.ceil(n / 10)].total;
    const best = ranked[0].total;
    for (const m of ranked)
      if (!urged.has(m) && !praised.has(m) && m.total <= bottomCut && m.total < best) {
        urge.push({ member: m, reason: "排名后10%" });
        urged.add(m);
      }
  }
  // Read out in rank order.
  urge.sort((a, b) => ranked.indexOf(a.member) - ranked.indexOf(b.member));
  return { praise, urge };
}

/** Sheet 排名通报-<period label>. */
export function buildRankingSheet(result: ScoreResult, scheme: Scheme, settings: ReportSettings): SheetModel {
  const components = shownComponents(result, scheme);
  const headers = ["排名", "编号", "姓名", "党员类别", ...components, "总分", "备注"];
  const widths = [6, 10, 10, 12, ...components.map((c) => widthFor(c)), 8, 32];
  const ranked = byRank(result.members).filter((m) => m.rank !== null);
  const b = new SheetBuilder(sheetName("排名通报", result.period.label), headers.length);
  b.line(`${settings.branch}党员积分排名通报（${periodText(result, scheme)}）`, "title");
  b.line(`满分${result.maxTotal}分，参加排名党员${ranked.length}名`, "note");
  const headerRow = b.add(headers.map(header));
  for (const m of ranked)
    b.add([num(m.rank), text(m.id), text(m.name), text(m.category), ...components.map((c) => num(m.components[c] ?? 0)), num(m.total), text(m.veto ? vetoNote(m) : "")]);

  const { praise, urge } = rankingLists(result, scheme);
  b.blankRow();
  b.line(`一、表扬先进（排名前${Math.max(3, Math.ceil(ranked.length / 10))}名或前10%，取其多者，并列者一并表扬）`, "signature");
  if (praise.length === 0) b.line("（无）", "note");
  for (const m of praise) b.line(`第${m.rank}名${GAP}${m.name}（${m.category}）${GAP}${m.total}分`, "note");
  b.line("二、督促后进（积分处于最低等次或排名后10%的党员，受一票否决的党员）", "signature");
  if (urge.length === 0) b.line("（无）", "note");
  for (const { member: m, reason } of urge) b.line(`${m.name}（${m.category}）${GAP}${m.total}分${GAP}${reason}`, "note");

  b.signatures(["党支部（盖章）", `支部书记：${settings.secretary}`, `通报日期：${chineseDate(settings.today)}`]);
  const model = b.build({ orientation: orientationFor(components.length), headerRows: [headerRow, headerRow], columnWidths: widths });
  const total = columnLetter(4 + components.length);
  return ranked.length ? { ...model, dataBars: [`${total}${headerRow + 1}:${total}${headerRow + ranked.length}`] } : model;
}
