/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { rowsOf } from "../../core/ledger/readLedger";
import { schemeForms } from "../../core/reports";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { smallBranch } from "../../../test/support/smallBranch";
import type { LedgerHost } from "../host";
import { describeProblem, useReportPanel } from "./useReportPanel";

async function panel(gateway: Awaited<ReturnType<typeof smallBranch>>, today = new Date(2026, 11, 1)) {
  const { host } = memoryHost(gateway);
  const shown: string[] = [];
  const watching: LedgerHost = { ...host, showSheet: async (s) => void shown.push(s) };
  const hook = renderHook(() => useReportPanel(watching, today));
  await waitFor(() => expect(hook.result.current.forms.length).toBeGreaterThan(0));
  return { result: hook.result, shown };
}

describe("useReportPanel", () => {
  it("offers the forms the scheme uses, every one of them writable from the pane", async () => {
    const gateway = await smallBranch({ approveH1: true });
    const { result } = await panel(gateway, new Date(2027, 0, 10));
    const names = result.current.forms.map((f) => f.name);
    expect(names).toEqual(schemeForms(getBuiltinScheme("star-member")));
    // star-member: 月度台账, 个人台账, 备案表, 民主评议表 (it has an appraisal); no other regulation's forms.
    expect(names).toEqual(expect.arrayContaining(["公示", "排名通报", "年终审批", "月度台账", "个人台账", "半年备案", "全年备案", "民主评议"]));
    for (const other of ["季度申报", "积分兑换", "评星晋级", "分类定级", "支部积分"]) expect(names).not.toContain(other);
    expect(result.current.periods).toEqual(["2026H1", "2026H2"]);
    for (const name of names) {
      act(() => result.current.chooseForm(name));
      await act(async () => {
        await result.current.generate();
      });
      if (result.current.needsDecision)
        await act(async () => {
          await result.current.generateAnyway();
        });
      expect([name, result.current.report.error]).toEqual([name, null]);
      expect(result.current.report.result!.sheets.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it("states errors, rows left out, unapproved and unfinished periods before writing; writes only on 仍然生成", async () => {
    const gateway = await smallBranch({ extraEntries: ["2026-10-05,D999,D1,1,,编号写错", "2026-11-31,D001,D1,1,,日期写错"] });
    const ledger = (await gateway.readTables([SHEETS.ledger.table])).get(SHEETS.ledger.table);
    const wrongRow = rowsOf(ledger).find((r) => r.values["编号"] === "D999")!.row;
    const { result, shown } = await panel(gateway);
    expect(result.current.form).toBe("公示");
    expect(result.current.period).toBe("2026H2");
    await act(async () => {
      expect(await result.current.generate()).toBeNull();
    });
    expect(gateway.book.sheets.has("公示-2026H2")).toBe(false);
    const check = result.current.check.result!;
    expect(check.refusal).toBeNull();
    expect(check.errors.length).toBeGreaterThanOrEqual(2);
    expect(check.errors).toContainEqual(expect.objectContaining({ sheet: "积分台账", row: wrongRow }));
    expect(check.excluded).toContainEqual({ sheet: "积分台账", row: wrongRow, column: "", message: "编号不在党员名册中" });
    expect(check.unapproved).toEqual(["2026H2"]);
    expect(check.unfinishedUntil).toBe("2026-12-31");
    const headings = result.current.findings.map((f) => f.heading);
    expect(headings).toEqual([
      expect.stringMatching(/^工作簿有 \d+ 个校验错误/),
      expect.stringMatching(/^积分台账中有 \d+ 行记录不计入本期积分，党员积分公示中没有它们/),
      "2026H2 尚未经支委会审定：表中积分是暂定的。",
      "本期至 2026-12-31 才结束：之后的记录还没有计入。",
    ]);
    expect(result.current.findings[1].rows.map((r) => r.row)).toContain(wrongRow);
    expect(result.current.needsDecision).toBe(true);

    await act(async () => {
      await result.current.generateAnyway();
    });
    expect(result.current.report.result!.sheets).toEqual(["公示-2026H2"]);
    expect(shown).toEqual(["公示-2026H2"]);
    expect(result.current.needsDecision).toBe(false);
  });

  it("refuses to write a form for an empty roster, even when asked again", async () => {
    const gateway = await smallBranch({ members: 0 });
    const { result } = await panel(gateway);
    await act(async () => {
      expect(await result.current.generate()).toBeNull();
    });
    expect(result.current.check.result!.refusal).toMatch(/^党员名册中还没有党员/);
    expect(result.current.needsDecision).toBe(false);
    await act(async () => {
      expect(await result.current.generateAnyway()).toBeNull();
    });
    expect([...gateway.book.sheets.keys()].filter((s) => s.startsWith("公示"))).toEqual([]);
  });

  it("keeps an approved period's posted 公示 and writes the new one beside it", async () => {
    const gateway = await smallBranch({ approveH1: true });
    const { result } = await panel(gateway);
    act(() => result.current.choosePeriod("2026H1"));
    // Approved, over, no errors: nothing to decide, written at once.
    await act(async () => {
      await result.current.generate();
    });
    expect(result.current.findings).toEqual([]);
    expect(result.current.report.result!.sheets).toEqual(["公示-2026H1"]);
    const posted = JSON.stringify(gateway.book.sheets.get("公示-2026H1")!.cells);

    await act(async () => {
      await result.current.generate();
    });
    expect(result.current.check.result!.posted).toBe("公示-2026H1");
    expect(result.current.findings.map((f) => f.heading)).toEqual([expect.stringContaining("已张贴的「公示-2026H1」原样保留")]);
    expect(result.current.report.result!.sheets).toEqual(["公示-2026H1 (2)"]);
    expect(result.current.report.result!.kept).toEqual([expect.stringContaining("是已审定期间张贴过的版本")]);
    expect(JSON.stringify(gateway.book.sheets.get("公示-2026H1")!.cells)).toBe(posted);
    // 「已生成」 and the sheet's first rows stay with the form and period they were written for.
    expect(result.current.written!.sheets).toEqual(["公示-2026H1 (2)"]);
    act(() => result.current.choosePeriod("2026H2"));
    expect([result.current.written, result.current.preview]).toEqual([null, { lines: [], table: [] }]);
    act(() => result.current.choosePeriod("2026H1"));
    expect(result.current.written!.sheets).toEqual(["公示-2026H1 (2)"]);
  });

  it("does not show a check made for another form or period", async () => {
    const gateway = await smallBranch({ members: 0 });
    const { result } = await panel(gateway);
    await act(async () => {
      await result.current.generate();
    });
    expect(result.current.findings).not.toEqual([]);
    act(() => result.current.choosePeriod("2026H1"));
    expect(result.current.findings).toEqual([]);
    expect(result.current.check.result).toBeNull();
  });
});

describe("describeProblem", () => {
  it("names the sheet, row and column once, whether or not the message starts with its own row", () => {
    expect(describeProblem({ sheet: "积分台账", row: 39, column: "G", message: "第39行 分值「-9」超出范围" })).toBe("积分台账 第 39 行 G 列：分值「-9」超出范围");
    expect(describeProblem({ sheet: "积分台账", row: 5, column: "", message: "项目代码不在方案中" })).toBe("积分台账 第 5 行：项目代码不在方案中");
  });
});
