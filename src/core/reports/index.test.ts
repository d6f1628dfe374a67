/**
 * What every committee sheet promises, checked on every form of the registry under several schemes:
 * standard formulas only, names as text, A4 page setup with the header repeated and page numbers,
 * formulas that stay inside the table, merges that do not overlap, and the same output for the same input.
 */
import { scoreMembers } from "../engine/scoreMembers";
import type { ScoreResult } from "../engine/types";
import { getBuiltinScheme } from "../scheme/presets";
import type { Granularity, Scheme } from "../scheme/schema";
import { type SheetModel, type TableData, columnIndexOf } from "../sheetModel";
import { type BranchStarRecord, profileText } from "../stars/branchStars";
import { BRANCH_SCORE_STORE, scoreBranchMonths } from "../branchScores/branchScores";
import { REPORT_FORMS, REPORT_FORM_NAMES, type ReportInput, findReportForm, reportPeriodKind } from "./index";
import { appraisals, entries, roster, settings, star } from "./testBranch";

const LABELS: Record<Granularity, (scheme: Scheme) => string> = {
  month: (s) => (s.cycleStartMonth === 1 ? "2026-03" : "2025-12"),
  quarter: () => "2026Q3",
  half: () => "2026H1",
  cycle: () => "2026",
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function monthLabels(scheme: Scheme): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const abs = 2026 * 12 + (scheme.cycleStartMonth - 1) + i - (scheme.cycleStartMonth === 1 ? 0 : 12);
    return `${Math.floor(abs / 12)}-${String((abs % 12) + 1).padStart(2, "0")}`;
  });
}

function inputFor(scheme: Scheme, period: string): ReportInput {
  const scoreOf = (p: string): ScoreResult => scoreMembers({ scheme, members: roster, entries, appraisals, period: p });
  return deepFreeze({
    scheme,
    settings,
    result: scoreOf(period),
    entries,
    appraisals,
    monthly: monthLabels(scheme).map(scoreOf),
    contacts: { "001": "13800000000" },
    redemptions: roster.map((m, i) => ({ memberId: m.id, name: m.name, earned: 80 - i, redeemed: 10 * i, balance: 80 - 11 * i })),
    commitments: roster.map((m, i) => ({ row: i + 2, year: 2026, entryRow: "", memberId: m.id, name: m.name, text: `承诺${i + 1}`, date: "2026-03-01", deadline: "2026-12-31", status: i % 2 ? "已兑现" : "进行中", followUp: "" })),
    branchStars: roster.map((m, i) => branchStarRecord(i + 2, `${m.name}所在党支部`, i)),
    grading: roster.map((m, i) => ({ row: i + 2, year: 2026, memberId: m.id, name: m.name, problems: `问题${i}`, measures: `措施${i}`, deadline: "2026-12-31", leader: "王书记", outcome: "", appraisal: "", promoted: i % 2 ? "是" : "否" })),
    branchScores: scoreBranchMonths(branchScoreTable, 2026).branches,
  });
}

const branchScoreTable: TableData = {
  name: BRANCH_SCORE_STORE.table,
  sheet: BRANCH_SCORE_STORE.sheet,
  headers: BRANCH_SCORE_STORE.columns.map((c) => c.header),
  rowCount: 3,
  rows: [
    ["内科党支部", "2026-01", "上年得分", "", 90, ""],
    ["内科党支部", "2026-01", "任务分", "完成院党委部署任务", 45, ""],
    ["=1+1", "2026-03", "基础分扣分", "未按期召开支委会", 2, ""],
  ],
  firstRow: 2,
  firstColumn: 0,
};

/** A 评星晋级 row with the first `stars` stars and the next level as its target. */
function branchStarRecord(row: number, branch: string, stars: number): BranchStarRecord {
  const names = ["学习星", "安全星", "绩效星", "廉洁星", "创新星"].slice(0, stars);
  const counts = { members: 10, deputies: 1, committee: 3, women: null, minorities: null, young: null, college: null };
  return { row, year: 2026, branch, secretary: "", counts, stars: names, level: "未定级", target: "四星级党支部", gap: 0, assessment: "", profile: profileText(counts, false, ""), values: {} };
}

const SCHEMES = ["star-member", "detailed-100", "dec-nov-cycle", "oilfield-60-40", "company"].map(getBuiltinScheme);

/** Every sheet of every form under every scheme, built twice from frozen input. */
const built: { form: string; scheme: string; sheets: SheetModel[]; again: SheetModel[] }[] = [];
for (const scheme of SCHEMES)
  for (const name of REPORT_FORM_NAMES) {
    const form = REPORT_FORMS[name];
    const period = LABELS[reportPeriodKind(form, scheme)](scheme);
    built.push({ form: name, scheme: scheme.id, sheets: form.build(inputFor(scheme, period)), again: form.build(inputFor(scheme, period)) });
  }
const sheets = built.flatMap((b) => b.sheets.map((s) => [`${b.scheme} ${s.name}`, s] as const));

/** Sheets of one table block per branch, each with its own header row. */
const BLOCK_SHEETS = /^支部积分-/;
const ALLOWED_FUNCTIONS = new Set(["SUM", "AVERAGE", "ROUND", "COUNTIF", "IF", "MAX", "MIN"]);
const REF = /\b([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\b/g;

describe("every report form", () => {
  it("builds every form for every scheme (member ledger: one sheet per member)", () => {
    expect(built).toHaveLength(SCHEMES.length * REPORT_FORM_NAMES.length);
    for (const b of built) expect(b.sheets).toHaveLength(b.form === "个人台账" ? roster.length : 1);
  });

  it.each(sheets)("%s: standard formulas only — no PARTY.*, XLOOKUP, LET or FILTER", (_, sheet) => {
    for (const cell of sheet.rows.flat()) {
      if (!cell.formula) continue;
      expect(cell.formula).toMatch(/^=/);
      expect(cell.formula).not.toMatch(/PARTY\.|XLOOKUP|LET\(|FILTER\(/i);
      for (const [, fn] of cell.formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) expect(ALLOWED_FUNCTIONS).toContain(fn);
    }
  });

  it.each(sheets)("%s: formulas point below the table header and inside the sheet", (_, sheet) => {
    const header = sheet.page!.printTitleRows?.[1] ?? 0;
    for (const cell of sheet.rows.flat()) {
      if (!cell.formula) continue;
      for (const m of cell.formula.matchAll(REF)) {
        for (const row of [Number(m[2]), Number(m[4] ?? m[2])]) {
          expect(row).toBeGreaterThan(header);
          expect(row).toBeLessThanOrEqual(sheet.rows.length);
        }
      }
    }
  });

  it.each(sheets)("%s: A4 page setup — fit to width, header rows repeated and frozen, page numbers in the footer", (_, sheet) => {
    const page = sheet.page!;
    expect(page.fitToWidth).toBe(true);
    expect(["portrait", "landscape"]).toContain(page.orientation);
    expect(page.centerFooter).toBe("第 &P 页，共 &N 页");
    // Cards (a page each) repeat nothing; a sheet of one block per branch repeats its title lines.
    if (sheet.pageBreaks) return expect(page.printTitleRows).toBeUndefined();
    if (BLOCK_SHEETS.test(sheet.name)) return expect(sheet.rows[page.printTitleRows![1] - 1][0].style).toBe("subtitle");
    const [top, bottom] = page.printTitleRows!;
    expect(top).toBeLessThanOrEqual(bottom);
    for (let r = top; r <= bottom; r++) {
      expect(sheet.rows[r - 1].length).toBeGreaterThan(1);
      for (const cell of sheet.rows[r - 1]) expect(cell.style).toBe("header");
    }
    expect(sheet.freezeRows).toBe(bottom);
    expect(sheet.columnWidths).toHaveLength(sheet.rows[top - 1].length);
  });

  it.each(sheets)("%s: a title row merged across, a valid sheet name, merges inside the table that never overlap", (_, sheet) => {
    const width = sheet.columnWidths!.length;
    expect(sheet.rows[0]).toHaveLength(1);
    expect(sheet.rows[0][0].style).toBe("title");
    expect(sheet.merges).toContain(`A1:${String.fromCharCode(64 + width)}1`);
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[:\\/?*[\]]/);
    const taken = new Set<string>();
    for (const merge of sheet.merges!) {
      const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(merge)!;
      expect(columnIndexOf(c2)).toBeLessThan(width);
      for (let r = Number(r1); r <= Number(r2); r++)
        for (let c = columnIndexOf(c1); c <= columnIndexOf(c2); c++) {
          expect(taken.has(`${r}:${c}`)).toBe(false);
          taken.add(`${r}:${c}`);
        }
    }
    for (const row of sheet.rows) expect(row.length).toBeLessThanOrEqual(width);
  });

  it.each(sheets)("%s: every text is written as text (a name like =1+1 stays a name), dates as dates", (_, sheet) => {
    for (const cell of sheet.rows.flat()) {
      if (typeof cell.value === "string") expect(cell.date || cell.text).toBe(true);
      if (cell.date) expect(cell.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(cell.formula === undefined || cell.value === undefined).toBe(true);
    }
  });

  it("shows the member named =1+1 as text, never as a formula", () => {
    for (const [key, sheet] of sheets) {
      const cells = sheet.rows.flat().filter((c) => typeof c.value === "string" && c.value.includes("=1+1"));
      for (const c of cells) expect(c).toMatchObject({ text: true });
      // Under star-member the 预备党员 =1+1 is ranked, so every sheet but other members' ledgers (and 统计, which names only members whose points fell) names them.
      if (key.startsWith("star-member") && !sheet.name.startsWith("统计-") && !(sheet.name.startsWith("个人台账") && sheet.name !== "个人台账-003-2026")) expect([key, cells.length]).not.toEqual([key, 0]);
    }
  });

  it("is deterministic: the same (frozen) input gives deep-equal sheets", () => {
    for (const b of built) expect(b.again).toEqual(b.sheets);
  });

  it("goes landscape only beyond three components", () => {
    const orientation = (scheme: string, name: string) => sheets.find(([k]) => k === `${scheme} ${name}`)![1].page!.orientation;
    expect(orientation("oilfield-60-40", "公示-2026Q3")).toBe("landscape");
    expect(orientation("detailed-100", "公示-2026Q3")).toBe("portrait");
    expect(orientation("oilfield-60-40", "年终审批-2026")).toBe("portrait");
  });
});

describe("REPORT_FORMS", () => {
  it("finds forms by Chinese name or English alias", () => {
    expect(findReportForm("公示")?.name).toBe("公示");
    expect(findReportForm(" PUBLICITY ")?.name).toBe("公示");
    expect(findReportForm("member-ledger")?.name).toBe("个人台账");
    expect(findReportForm("季度明细")?.title).toBe("党员季度积分明细登记表");
    expect(findReportForm("nothing")).toBeUndefined();
    const aliases = REPORT_FORM_NAMES.map((n) => REPORT_FORMS[n].alias);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it("takes the publicity and ranking periods from the scheme", () => {
    expect(reportPeriodKind(REPORT_FORMS["公示"], star)).toBe("half");
    expect(reportPeriodKind(REPORT_FORMS["排名通报"], star)).toBe("cycle");
    expect(reportPeriodKind(REPORT_FORMS["公示"], getBuiltinScheme("detailed-100"))).toBe("quarter");
    expect(reportPeriodKind(REPORT_FORMS["月度台账"], star)).toBe("month");
  });

  it("says what is missing", () => {
    const base = { scheme: star, settings, result: scoreMembers({ scheme: star, members: roster, entries, period: "2026Q3" }) };
    expect(() => REPORT_FORMS["季度明细"].build(base)).toThrow("需要积分台账记录");
    expect(() => REPORT_FORMS["个人台账"].build({ ...base, result: scoreMembers({ scheme: star, members: roster, entries, period: "2026" }) })).toThrow(
      "需要年度内十二个月的积分",
    );
  });

  it("makes the member ledger for the chosen members only", () => {
    const input = inputFor(star, "2026");
    expect(REPORT_FORMS["个人台账"].build({ ...input, memberIds: ["003"] }).map((s) => s.name)).toEqual(["个人台账-003-2026"]);
  });
});
