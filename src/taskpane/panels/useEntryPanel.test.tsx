/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor, within } from "@testing-library/react";
import { fillDemoWorkbook } from "../../app/demoData";
import { appendEntry, approvePeriod, importCsvFiles, loadLedger, recordAppeal, resolveAppeal, saveWorkbookScheme, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../app/ledgerService";
import type { SchemeItem } from "../../core/scheme/schema";
import { SHEETS } from "../../core/ledger/layout";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { isoToSerial } from "../../core/sheetModel";
import { memoryHost } from "../../../test/support/memoryHost";
import { EntryPanel } from "./EntryPanel";
import { useEntryPanel } from "./useEntryPanel";

const NOW = new Date(2026, 7, 20);
const ROSTER = "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,预备党员\n003,王芳,正式党员\n004,王芳,正式党员\n005,赵六,正式党员\n";

/** star-member 2026, five members (two named 王芳), 记录人 in 设置. */
async function branch(clerk = "李红梅") {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记", clerk }, NOW);
  await importCsvFiles(h.gateway, { roster: ROSTER }, NOW);
  return h;
}

/** The branch's own copy of star-member with some items changed, made the workbook's scheme. */
async function ownScheme(h: ReturnType<typeof memoryHost>, changes: Record<string, Partial<SchemeItem>>) {
  const star = getBuiltinScheme("star-member");
  await saveWorkbookScheme(h.gateway, { ...star, id: "branch-star", items: star.items.map((i) => ({ ...i, ...changes[i.code] })) }, { activate: true }, NOW);
}

type Gateway = ReturnType<typeof memoryHost>["gateway"];
const ledgerRows = (g: Gateway) => g.book.tables.get(SHEETS.ledger.table)!.rows;
const logRows = (g: Gateway) => g.book.tables.get(SHEETS.log.table)!.rows;
/** Counts the gateway's write batches. */
function countApplies(g: Gateway) {
  const calls = { n: 0 };
  const apply = g.apply.bind(g);
  g.apply = (ops) => {
    calls.n++;
    return apply(ops);
  };
  return calls;
}

async function openPanel(h: ReturnType<typeof memoryHost>) {
  const hook = renderHook(() => useEntryPanel(h.host, NOW));
  await waitFor(() => expect(hook.result.current.context).not.toBeNull());
  return hook.result;
}

describe("useEntryPanel: one entry", () => {
  it("offers the roster (searchable by 姓名 or 编号) and the scheme's items grouped by component, narrowed to the member's category", async () => {
    const h = memoryHost();
    await fillDemoWorkbook(h.gateway);
    const { result } = renderHook(() => useEntryPanel(h.host, new Date(2026, 10, 23)));
    await waitFor(() => expect(result.current.context).not.toBeNull());
    expect(result.current.fields.date).toBe("2026-11-23");
    expect(result.current.members).toHaveLength(30);
    act(() => result.current.search("D00"));
    expect(result.current.members.map((m) => m.id)).toEqual(["D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008", "D009"]);
    const someone = result.current.members[0];
    act(() => result.current.search(someone.name.slice(1)));
    expect(result.current.members.map((m) => m.id)).toContain(someone.id);
    expect(result.current.itemGroups.map((g) => g.component)).toEqual(expect.arrayContaining(["日常行为积分", "一票否决"]));
    expect(result.current.context!.recent).toHaveLength(5);
  });

  it("fills 记录人 from 设置, writes one row, then keeps item, date and evidence and clears only the member", async () => {
    const h = await branch();
    const result = await openPanel(h);
    expect(result.current.fields.recorder).toBe("李红梅");
    act(() => result.current.update({ memberId: "001", itemCode: "D1", date: "2026-08-03", evidence: "签到表" }));
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.append.result).toMatchObject({ written: true, rows: [2], ids: [1] });
    expect(ledgerRows(h.gateway)[0].slice(0, 9)).toEqual([isoToSerial("2026-08-03"), "001", "张三", "D1", expect.any(String), 1, -1, "签到表", "李红梅"]);
    expect(result.current.fields).toMatchObject({ memberId: "", itemCode: "D1", date: "2026-08-03", evidence: "签到表", recorder: "李红梅" });
    expect(result.current.problems).toEqual(["请选择党员"]);
    expect(result.current.context!.recent[0]).toMatchObject({ row: 2, memberId: "001", state: "open" });
  });

  it("tolerates a workbook whose 设置 has no 记录人: the field stays for the clerk", async () => {
    const h = await branch("");
    const result = await openPanel(h);
    expect(result.current.context!.recorder).toBe("");
    expect(result.current.fields.recorder).toBe("");
  });

  it("refuses a bad entry with its problems, and writes it when the clerk insists (an open period)", async () => {
    const h = await branch();
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001", itemCode: "D6", date: "2026-08-03" }));
    expect(result.current.problems).toEqual(["D6 为酌情计分项目，请填写分值（-4至-1分/次（酌情））"]);
    act(() => result.current.update({ value: "-9" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.refused).toBe(true);
    expect(result.current.append.result!.issues.map((i) => i.code)).toEqual(["value-out-of-range"]);
    expect(ledgerRows(h.gateway)).toHaveLength(0);
    await act(async () => {
      await result.current.submit(true);
    });
    expect(result.current.append.result).toMatchObject({ written: true, rows: [2] });
    expect(ledgerRows(h.gateway)).toHaveLength(1);
  });
});

describe("useEntryPanel: a batch by activity", () => {
  it("ticks pasted names, lists the names of no one, previews the rows and writes them in one batch", async () => {
    const h = await branch();
    const result = await openPanel(h);
    act(() => result.current.setMode("batch"));
    act(() => result.current.update({ activity: "主题党日", itemCode: "D1", date: "2026-08-10", evidence: "签到表" }));
    expect(result.current.problems).toEqual(["请勾选或粘贴党员"]);
    act(() => result.current.setPaste("张三、李四\n赵九 王芳，005"));
    expect(result.current.ticked).toEqual(["001", "002", "005"]);
    expect(result.current.unmatched).toEqual(["不在党员名册中（未勾选）：赵九", "「王芳」有 2 名党员（编号 003、004），请改用编号"]);
    // 王芳 by 编号, and one unticked by hand.
    act(() => result.current.toggle("003", true));
    act(() => result.current.toggle("002", false));
    expect(result.current.preview.map((r) => [r.memberId, r.name, r.points, r.consequence])).toEqual([
      ["001", "张三", "-1", null],
      ["003", "王芳", "-1", null],
      ["005", "赵六", "-1", null],
    ]);
    const applies = countApplies(h.gateway);
    const logBefore = logRows(h.gateway).length;
    await act(async () => {
      await result.current.submit();
    });
    expect(applies.n).toBe(1);
    expect(result.current.append.result).toMatchObject({ written: true, rows: [2, 3, 4], ids: [1, 2, 3] });
    expect(ledgerRows(h.gateway).map((r) => [r[1], r[3], r[7], r[8], r[9]])).toEqual([
      ["001", "D1", "签到表", "李红梅", "主题党日"],
      ["003", "D1", "签到表", "李红梅", "主题党日"],
      ["005", "D1", "签到表", "李红梅", "主题党日"],
    ]);
    expect(logRows(h.gateway).slice(logBefore).map((r) => [r[1], r[3]])).toEqual([["批量录入积分记录", "第2-4行"]]);
    // The members clear; activity, item, date and evidence stay for the next list of the same activity.
    expect(result.current.ticked).toEqual([]);
    expect(result.current.paste).toBe("");
    expect(result.current.fields).toMatchObject({ activity: "主题党日", itemCode: "D1", date: "2026-08-10", evidence: "签到表" });
  });

  it("does not carry the batch's activity into 说明 of a single entry made after it", async () => {
    const h = await branch();
    const result = await openPanel(h);
    act(() => result.current.setMode("batch"));
    act(() => result.current.update({ activity: "主题党日", itemCode: "D1", date: "2026-08-10" }));
    act(() => result.current.setPaste("张三"));
    await act(async () => {
      await result.current.submit();
    });
    act(() => result.current.setMode("single"));
    act(() => result.current.update({ memberId: "005", note: "迟到" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(ledgerRows(h.gateway).map((r) => [r[1], r[9]])).toEqual([
      ["001", "主题党日"],
      ["005", "迟到"],
    ]);
  });

  it("selects all and clears; names the members an item does not apply to", async () => {
    const h = await branch();
    await ownScheme(h, { D2: { categories: ["正式党员"] } });
    const result = await openPanel(h);
    act(() => result.current.setMode("batch"));
    act(() => result.current.tickAll());
    expect(result.current.ticked).toEqual(["001", "002", "003", "004", "005"]);
    act(() => result.current.update({ itemCode: "D2", date: "2026-08-10" }));
    expect(result.current.problems).toEqual(["D2 只适用于正式党员，不适用于：李四（预备党员）"]);
    act(() => result.current.toggle("002", false));
    expect(result.current.problems).toEqual([]);
    act(() => result.current.clearTicks());
    expect(result.current.ticked).toEqual([]);
    expect(result.current.problems).toEqual(["请勾选或粘贴党员"]);
  });
});

describe("useEntryPanel: safe writes", () => {
  it("enforces required evidence, then asks to confirm a veto with its consequence; cancel writes nothing", async () => {
    const h = await branch();
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001", itemCode: "V1", date: "2026-08-03" }));
    expect(result.current.problems).toEqual(["V1 受留党察看及以上处分 须附证明材料：请填写证明材料"]);
    act(() => result.current.update({ evidence: "处分决定" }));
    const applies = countApplies(h.gateway);
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(result.current.pending).toEqual({ confirmations: ["一票否决：张三 2026 年全年积分将为 0（V1 受留党察看及以上处分）"], force: false });
    act(() => result.current.cancel());
    expect(result.current.pending).toBeNull();
    expect(applies.n).toBe(0);
    await act(async () => {
      await result.current.submit();
    });
    await act(async () => {
      await result.current.confirm();
    });
    expect(applies.n).toBe(1);
    expect(result.current.pending).toBeNull();
    expect(ledgerRows(h.gateway).map((r) => [r[1], r[3], r[7]])).toEqual([["001", "V1", "处分决定"]]);
  });

  it("asks to confirm heavy points (a −20 item, ten times −1) but not a small deduction", async () => {
    const h = await branch();
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001", itemCode: "D4", date: "2026-08-03", evidence: "处分决定" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.pending?.confirmations).toEqual(["重大扣分：张三 -20 分（D4 受留党察看以下处分）"]);
    act(() => result.current.update({ itemCode: "D1", count: "10" }));
    expect(result.current.pending).toBeNull();
    expect(result.current.preview[0].consequence).toBe("重大扣分：张三 -10 分（D1 未经同意缺席应参加的活动）");
    act(() => result.current.update({ count: "2" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.pending).toBeNull();
    expect(ledgerRows(h.gateway)).toHaveLength(1);
  });

  it("follows the scheme where it marks an item heavy or not", async () => {
    const h = await branch();
    await ownScheme(h, { D2: { heavy: true }, D4: { heavy: false } });
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001", itemCode: "D4", date: "2026-08-03", evidence: "处分决定" }));
    expect(result.current.preview[0].consequence).toBeNull();
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.outcome).toMatchObject({ written: true });
    act(() => result.current.update({ memberId: "002", itemCode: "D2" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.pending?.confirmations).toEqual(["重大扣分：李四 -2 分（D2 违反工作纪律（迟到早退、擅自离岗串岗、上网聊天等））"]);
    // The first write's 「已写入」 is not shown beside the question about the second.
    expect(result.current.outcome).toBeNull();
    act(() => result.current.cancel());
    expect(result.current.outcome).toMatchObject({ written: true });
    expect(ledgerRows(h.gateway)).toHaveLength(1);
    // Confirmed: while it is being written, neither the old 「已写入」 nor anything else is shown as its result.
    await act(async () => {
      await result.current.submit();
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const apply = h.gateway.apply.bind(h.gateway);
    const held = jest.spyOn(h.gateway, "apply").mockImplementation(async (ops) => {
      await gate;
      return apply(ops);
    });
    let confirming!: Promise<unknown>;
    act(() => {
      confirming = result.current.confirm();
    });
    await waitFor(() => expect(result.current.append.running).toBe(true));
    expect(result.current.outcome).toBeNull();
    release();
    await act(async () => {
      await confirming;
    });
    held.mockRestore();
    expect(result.current.outcome).toMatchObject({ written: true });
    expect(ledgerRows(h.gateway)).toHaveLength(2);
  });

  it("the workbook refuses an unconfirmed veto and missing required evidence even past the form", async () => {
    const h = await branch();
    const result = await openPanel(h);
    const veto = { 日期: "2026-08-03", 编号: "001", 项目代码: "V1", 证明材料: "处分决定" };
    await act(async () => {
      await result.current.append.run({ forms: [veto] });
    });
    expect(result.current.append.result).toMatchObject({ written: false, confirmations: ["一票否决：张三 2026 年全年积分将为 0（V1 受留党察看及以上处分）"] });
    await act(async () => {
      await result.current.append.run({ forms: [{ ...veto, 证明材料: "" }], force: true, confirmed: true });
    });
    expect(result.current.append.result!.written).toBe(false);
    expect(result.current.append.result!.blocking.map((i) => i.code)).toEqual(["evidence-missing"]);
    expect(result.current.blocked).toBe(true);
    expect(result.current.blockedReason).toBe("未写入：方案要求证明材料，请填写证明材料后再写入。");
    expect(result.current.refused).toBe(false);
    expect(ledgerRows(h.gateway)).toHaveLength(0);
  });

  it("never writes into an approved period, insisted or not: no 仍然写入, the message says 审定", async () => {
    const h = await branch();
    await appendEntry(h.gateway, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    await approvePeriod(h.gateway, "2026H1", { date: "2026-07-05" }, NOW);
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "002", itemCode: "D2", date: "2026-04-01" }));
    await act(async () => {
      await result.current.submit(true);
    });
    expect(result.current.append.result).toMatchObject({ written: false });
    expect(result.current.append.result!.blocking.map((i) => i.code)).toEqual(["approved-period-edited"]);
    expect(result.current.append.result!.blocking[0].message).toContain("2026H1 已于 2026-07-05 审定");
    expect(result.current.blocked).toBe(true);
    expect(result.current.blockedReason).toBe("未写入：日期落在已审定的期间，审定后的更正须通过申诉（在「申诉·审定」中登记申诉，处理申诉时更正）。");
    expect(result.current.refused).toBe(false);
    expect(ledgerRows(h.gateway)).toHaveLength(1);
  });
});

describe("useEntryPanel: 撤销本条", () => {
  it("takes back a mistaken row of an open period with a reversing row; the member's total is as before", async () => {
    const h = await branch();
    await appendEntry(h.gateway, { 日期: "2026-08-01", 编号: "001", 项目代码: "D2" }, {}, NOW);
    const before = scoreLedger(await loadLedger(h.gateway), "2026").members.find((m) => m.id === "001")!.total;
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001", itemCode: "D1", date: "2026-08-02" }));
    await act(async () => {
      await result.current.submit();
    });
    act(() => result.current.update({ memberId: "001" }));
    expect(result.current.memberRows.map((r) => [r.row, r.id, r.state])).toEqual([
      [3, 2, "open"],
      [2, 1, "open"],
    ]);
    await act(async () => {
      await result.current.takeBackRow(result.current.memberRows[0], "录错了人");
    });
    expect(result.current.takeBack.error).toBeNull();
    expect(result.current.takenBack).toBe("已撤销第3行（2026-08-02 D1 未经同意缺席应参加的活动 -1）：撤销记录在第4行（记录号 3）。");
    const reversal = ledgerRows(h.gateway)[2];
    expect([reversal[0], reversal[1], reversal[3], reversal[6], reversal[8], reversal[9], reversal[10], reversal[11]]).toEqual([isoToSerial("2026-08-02"), "001", "D1", -1, "李红梅", "撤销记录号 2（第3行）：录错了人", 2, 3]);
    expect(result.current.memberRows.map((r) => [r.row, r.state])).toEqual([
      [4, "reversal"],
      [3, "reversed"],
      [2, "open"],
    ]);
    expect(scoreLedger(await loadLedger(h.gateway), "2026").members.find((m) => m.id === "001")!.total).toBe(before);
    expect((await validateWorkbook(h.gateway)).errors).toBe(0);
    // Taken back once only.
    await act(async () => {
      await result.current.takeBack.run({ id: 2, row: 3 });
    });
    expect(result.current.takeBack.error).toBe("撤销积分记录失败：第3行（记录号 2）已由第4行撤销");
  });

  it("sends a row of an approved period to 申诉: refused in the pane and in the workbook, nothing written", async () => {
    const h = await branch();
    await appendEntry(h.gateway, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    await approvePeriod(h.gateway, "2026H1", { date: "2026-07-05" }, NOW);
    const result = await openPanel(h);
    act(() => result.current.update({ memberId: "001" }));
    const [row] = result.current.memberRows;
    expect(row).toMatchObject({ row: 2, state: "approved", approvedPeriod: "2026H1" });
    const applies = countApplies(h.gateway);
    await act(async () => {
      expect(await result.current.takeBackRow(row)).toBeNull();
    });
    expect(result.current.takeBackRefusal).toBe("第2行属于已审定的 2026H1，不能在这里撤销：审定后的更正须通过申诉——在「申诉·审定」中登记申诉，处理申诉时撤销这条记录");
    await act(async () => {
      await result.current.takeBack.run({ id: row.id, row: row.row });
    });
    expect(result.current.takeBack.error).toContain("属于已审定的 2026H1（2026-07-05 审定），不能在这里撤销：审定后的更正须通过申诉");
    expect(applies.n).toBe(0);
  });
});

describe("an appeal resolved on an approved period", () => {
  it("is a legitimate correction: its reversing row is not flagged as an edit of the approved period, the same day or later", async () => {
    for (const resolvedOn of ["2026-07-05", "2026-07-20"]) {
      const h = await branch();
      await appendEntry(h.gateway, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
      await approvePeriod(h.gateway, "2026H1", { date: "2026-07-05" }, NOW);
      const appeal = await recordAppeal(h.gateway, { memberId: "001", period: "2026H1", claim: "3月2日已请假", date: "2026-07-05" }, NOW);
      await resolveAppeal(h.gateway, { appealId: appeal, result: "属实，撤销", date: resolvedOn, reverseId: 1 }, NOW);
      const issues = (await validateWorkbook(h.gateway)).issues.filter((i) => i.code === "approved-period-edited");
      expect([resolvedOn, issues.map((i) => i.message)]).toEqual([resolvedOn, []]);
      // The correction reopens the period for the committee: approved again, nothing flagged after.
      await expect(approvePeriod(h.gateway, "2026H1", { date: resolvedOn }, NOW)).resolves.toMatchObject({ version: 2 });
      expect((await validateWorkbook(h.gateway)).errors).toBe(0);
    }
  });

  it("while the same reversal written without an appeal is flagged", async () => {
    const h = await branch();
    await appendEntry(h.gateway, { 日期: "2026-03-02", 编号: "001", 项目代码: "D1" }, {}, NOW);
    await approvePeriod(h.gateway, "2026H1", { date: "2026-07-05" }, NOW);
    ledgerRows(h.gateway).push([isoToSerial("2026-03-02"), "001", "张三", "D1", null, 1, -1, null, null, "手工撤销", 1, 2]);
    const issues = (await validateWorkbook(h.gateway)).issues.filter((i) => i.code === "approved-period-edited");
    expect(issues.map((i) => i.row)).toEqual([3]);
  });
});

describe("EntryPanel keyboard path", () => {
  // Rendering Fluent in jsdom is slow on a busy machine.
  jest.setTimeout(120_000);
  function renderPanel(h: ReturnType<typeof memoryHost>) {
    return render(
      <FluentProvider theme={webLightTheme}>
        <EntryPanel host={h.host} />
      </FluentProvider>,
    );
  }

  async function pick(box: RegExp, option: RegExp) {
    fireEvent.click(screen.getByLabelText(box));
    fireEvent.click(await screen.findByText(option, { selector: '[role="option"]' }));
  }

  it("Enter in the form submits; a veto waits with 确认写入 focused; Escape cancels it; 确认写入 writes", async () => {
    const h = await branch();
    await appendEntry(h.gateway, { 日期: "2026-08-01", 编号: "001", 项目代码: "D1" }, {}, NOW);
    renderPanel(h);
    const form = await screen.findByRole("form", { name: "积分记录" });
    expect(screen.getByText("写入台账").closest("button")!.getAttribute("type")).toBe("submit");
    await pick(/党员/, /张三/);
    await pick(/积分项目/, /^V1 /);
    fireEvent.change(screen.getByLabelText(/^日期/), { target: { value: "2026-08-03" } });
    fireEvent.change(screen.getByLabelText(/^证明材料/), { target: { value: "处分决定" } });
    // What Enter in a field of the form does.
    fireEvent.submit(form);
    const dialog = await waitFor(() => document.querySelector('[role="alertdialog"][aria-label="确认写入"]')!);
    expect(dialog.textContent).toContain("一票否决：张三 2026 年全年积分将为 0");
    expect(document.activeElement).toBe(within(dialog as HTMLElement).getByText("确认写入").closest("button"));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());
    expect(ledgerRows(h.gateway)).toHaveLength(1);
    fireEvent.submit(form);
    fireEvent.click((await screen.findByText("确认写入")).closest("button")!);
    await screen.findByText("已写入积分台账第 3 行。", undefined, { timeout: 20_000 });
    expect(ledgerRows(h.gateway).map((r) => r[3])).toEqual(["D1", "V1"]);
    // The member clears, the item and evidence stay; the member's rows offer 撤销本条.
    expect((screen.getByLabelText(/^证明材料/) as HTMLInputElement).value).toBe("处分决定");
    await pick(/党员/, /张三/);
    fireEvent.click(await screen.findByLabelText("撤销第3行"));
    await waitFor(() => expect(ledgerRows(h.gateway)).toHaveLength(3), { timeout: 20_000 });
    await screen.findByText(/^已撤销第3行/, undefined, { timeout: 20_000 });
  });

  it("the batch form: pasted names tick the boxes, the names of no one are shown, Enter writes the batch", async () => {
    const h = await branch();
    renderPanel(h);
    const form = await screen.findByRole("form", { name: "积分记录" });
    fireEvent.click(screen.getAllByText("按活动批量录入")[0].closest("button")!);
    await pick(/积分项目/, /^D1 /);
    fireEvent.change(screen.getByLabelText(/粘贴名单/), { target: { value: "张三 赵九" } });
    expect((screen.getByLabelText(/^张三/) as HTMLInputElement).checked).toBe(true);
    screen.getByText("不在党员名册中（未勾选）：赵九");
    fireEvent.click(screen.getByLabelText(/^赵六/));
    expect(screen.getByLabelText("预览").querySelectorAll("li")).toHaveLength(2);
    fireEvent.submit(form);
    await screen.findByText("已写入积分台账第 2–3 行（2 条）。", undefined, { timeout: 20_000 });
    expect(ledgerRows(h.gateway).map((r) => r[1])).toEqual(["001", "005"]);
  });
});
