/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { isoToSerial } from "../../core/sheetModel";
import { fillDemoWorkbook } from "../../app/demoData";
import { importCsvFiles, loadLedger, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../app/ledgerService";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { ISSUE_HINTS } from "../../core/validation/issueCodes";
import { useReviewPanel } from "./useReviewPanel";
import { useRedemptionPanel } from "./useRedemptionPanel";
import { useCommitmentPanel } from "./useCommitmentPanel";
import { useValidatePanel } from "./useValidatePanel";

describe("useValidatePanel", () => {
  it("groups the demo workbook's issues by sheet, errors first, each with a specific fix hint, and selects a cell", async () => {
    const { host, gateway, selected } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useValidatePanel(host));
    await act(async () => {
      await result.current.validate();
    });
    await waitFor(() => expect(result.current.result).not.toBeNull());
    const ledger = result.current.groups.find((g) => g.sheet === SHEETS.ledger.sheet)!;
    expect(ledger.errors).toBeGreaterThanOrEqual(2);
    expect(ledger.errors + ledger.warnings).toBe(ledger.issues.length);
    expect(ledger.issues[0].severity).toBe("error");
    const codes = ledger.issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["bad-date", "unknown-member"]));
    for (const issue of ledger.issues) expect(issue.hint).toBe(ISSUE_HINTS[issue.code]);
    const badDate = ledger.issues.find((i) => i.code === "bad-date")!;
    await act(async () => {
      expect(await result.current.select(badDate)).toBeNull();
    });
    expect(selected).toEqual([`积分台账!A${badDate.row}`]);
  });
});

describe("useReviewPanel", () => {
  it("shows which periods are approved, refuses to approve a period with errors, and lists edits made after approval", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useReviewPanel(host, new Date(2026, 11, 28)));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state!.periods).toEqual([
      { period: "2026H1", approved: true },
      { period: "2026H2", approved: false },
    ]);
    expect(result.current.state!.edits).toEqual([]);
    expect(result.current.approval.period).toBe("2026H2");
    await act(async () => {
      expect(await result.current.approve()).toBeNull();
    });
    expect(result.current.approval.action.error).toMatch(/^审定失败：2026H2 有 \d+ 条记录校验不通过，须先改正才能审定/);

    // A clerk edits an approved row behind the add-in's back: the panel shows it after a reload.
    const ledger = gateway.book.tables.get(SHEETS.ledger.table)!;
    const approvedRow = ledger.rows.findIndex((r) => typeof r[0] === "number" && r[0] < isoToSerial("2026-07-01") && r[6] !== null);
    ledger.rows[approvedRow] = ledger.rows[approvedRow].map((v, c) => (c === 6 ? -4 : v));
    const { result: again } = renderHook(() => useReviewPanel(host, new Date(2026, 11, 28)));
    await waitFor(() => expect(again.current.state).not.toBeNull());
    expect(again.current.state!.edits).toEqual([expect.objectContaining({ period: "2026H1", row: approvedRow + 2, kind: "changed" })]);
  });

  it("records an appeal and resolves it by cancelling the wrong row with a reversing row", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useReviewPanel(host, new Date(2026, 11, 28)));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    const before = result.current.state!.appeals.length;
    expect(result.current.appealProblems).toEqual(["请选择党员", "请选择申诉的期间", "请填写申诉事项"]);
    act(() => result.current.updateAppeal({ memberId: "D003", period: "2026H2", claim: "分值超出范围的一条是误录", evidence: "会议记录" }));
    await act(async () => {
      await result.current.recordAppeal();
    });
    const id = result.current.appeal.result!;
    expect(result.current.state!.appeals).toHaveLength(before + 1);
    expect(result.current.openAppeals.map((a) => a.id)).toContain(id);

    const ledger = gateway.book.tables.get(SHEETS.ledger.table)!;
    const idColumn = ledger.headers.indexOf("记录号");
    const wrong = ledger.rows.find((r) => r[1] === "D003" && r[6] === -9)![idColumn] as number;
    act(() => result.current.updateResolve({ appealId: id, result: "经核实属误录，撤销", reverseId: String(wrong) }));
    expect(result.current.resolveProblems).toEqual([]);
    const rowsBefore = ledger.rows.length;
    await act(async () => {
      await result.current.resolveAppeal();
    });
    expect(result.current.resolve.error).toBeNull();
    expect(result.current.openAppeals.map((a) => a.id)).not.toContain(id);
    const reversing = gateway.book.tables.get(SHEETS.ledger.table)!.rows;
    expect(reversing).toHaveLength(rowsBefore + 1);
    expect(reversing.at(-1)![ledger.headers.indexOf("撤销记录号")]).toBe(wrong);
    expect(reversing.at(-1)![idColumn]).toBeGreaterThan(wrong);
  });

  it("offers an approved period for approval again once an appeal on it is resolved, and approves it", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useReviewPanel(host, new Date(2026, 11, 28)));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state!.reopened).toEqual([]);
    expect(result.current.approval.open).toEqual(["2026H2"]);
    const ledger = gateway.book.tables.get(SHEETS.ledger.table)!;
    const idColumn = ledger.headers.indexOf("记录号");
    const h1 = ledger.rows.find((r) => typeof r[0] === "number" && r[0] < isoToSerial("2026-07-01") && r[1] === "D001")!;
    act(() => result.current.updateAppeal({ memberId: "D001", period: "2026H1", claim: "该条扣分有误" }));
    await act(async () => {
      await result.current.recordAppeal();
    });
    act(() => result.current.updateResolve({ appealId: result.current.appeal.result!, result: "属实，撤销", reverseId: String(h1[idColumn]) }));
    await act(async () => {
      await result.current.resolveAppeal();
    });
    expect(result.current.state!.reopened).toEqual(["2026H1"]);
    expect(result.current.state!.edits).toEqual([]);
    expect(result.current.approval).toMatchObject({ period: "2026H1", open: ["2026H1", "2026H2"], again: true });
    await act(async () => {
      await result.current.approve();
    });
    expect(result.current.approval.action.error).toBeNull();
    expect(result.current.state!.reopened).toEqual([]);
    expect(result.current.approval).toMatchObject({ period: "2026H2", again: false });
  });
});

describe("useRedemptionPanel", () => {
  it("shows balances from approved periods, redeems within the balance and shows a refusal beyond it", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    const { result } = renderHook(() => useRedemptionPanel(host, new Date(2026, 11, 28)));
    await waitFor(() => expect(result.current.balances).toHaveLength(30));
    // The demo approved 2026H1 only: each balance is that half-year's total.
    const h1 = new Map(scoreLedger(await loadLedger(gateway), "2026H1").members.map((m) => [m.id, m.total]));
    for (const b of result.current.balances) expect(b).toEqual({ memberId: b.memberId, name: b.name, earned: h1.get(b.memberId), redeemed: 0, balance: h1.get(b.memberId) });
    const first = result.current.balances[0];
    expect(result.current.problems).toEqual(["请选择党员", "请填写兑换事项", "消耗积分须为正数，最多一位小数"]);
    act(() => result.current.update({ memberId: first.memberId, item: "党建书籍一套", points: "10" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.balances[0]).toMatchObject({ redeemed: 10, balance: first.earned - 10 });
    act(() => result.current.update({ item: "纪念品", points: String(first.earned) }));
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(result.current.redeem.error).toBe(
      `积分兑换失败：${first.name}（${first.memberId}）可兑换积分为 ${first.earned - 10} 分（已审定 ${first.earned} 分，已兑换 10 分），不足以兑换「纪念品」所需的 ${first.earned} 分`,
    );
    expect(gateway.book.tables.get("RedemptionTable")!.rows).toHaveLength(1);
  });
});

describe("useCommitmentPanel", () => {
  it("registers a commitment, then records it kept with the 积分台账 record that scored it", async () => {
    const { host, gateway } = memoryHost();
    await scaffoldWorkbook(gateway, getBuiltinScheme("handbook"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, new Date(2026, 2, 1));
    await importCsvFiles(gateway, { roster: "编号,姓名,党员类别\n001,张三,正式党员\n", entries: "日期,编号,项目代码,次数,分值,证明材料\n2026-06-30,001,P1,1,3,结对帮扶记录\n" }, new Date(2026, 2, 1));
    const { result } = renderHook(() => useCommitmentPanel(host, new Date(2026, 2, 1)));
    await waitFor(() => expect(result.current.state).not.toBeNull());
    expect(result.current.state).toMatchObject({ year: 2026, commitments: [], items: { fulfilled: "P1", broken: "B6" } });
    act(() => result.current.updateFields({ memberId: "001", text: "结对帮扶一名困难职工", deadline: "2026-06-30" }));
    expect(result.current.addProblems).toEqual([]);
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(result.current.state!.commitments).toEqual([
      { row: 2, year: 2026, memberId: "001", name: "张三", text: "结对帮扶一名困难职工", date: "2026-03-01", deadline: "2026-06-30", status: "未开始", followUp: "", entryRow: "" },
    ]);
    act(() => result.current.startChange(2, "已兑现"));
    act(() => result.current.editChange({ entryId: "第二行" }));
    expect(result.current.changeProblems).toEqual(["积分记录号须为积分台账中那条记录的记录号（最后一列的数字）"]);
    // The P1 row's 记录号 (1, the ledger's first record): sorting the ledger later does not move it.
    act(() => result.current.editChange({ entryId: "1", followUp: "6月底完成" }));
    await act(async () => {
      expect(await result.current.saveChange()).toBe(true);
    });
    expect(result.current.state!.commitments[0]).toMatchObject({ status: "已兑现", entryRow: "1" });
    expect((await validateWorkbook(gateway)).issues.filter((i) => i.sheet === "承诺事项")).toEqual([]);
  });
});
