/** @jest-environment jsdom */
import { act, renderHook, waitFor } from "@testing-library/react";
import { SHEETS } from "../../core/ledger/layout";
import { isoToSerial } from "../../core/sheetModel";
import { fillDemoWorkbook } from "../../app/demoData";
import { importCsvFiles, loadLedger, scaffoldWorkbook, scoreLedger, validateWorkbook } from "../../app/ledgerService";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import type { LedgerHost } from "../host";
import { ISSUE_HINTS } from "../../core/validation/issueCodes";
import { useEntryPanel } from "./useEntryPanel";
import { useReportPanel } from "./useReportPanel";
import { useReviewPanel } from "./useReviewPanel";
import { useRulesPanel } from "./useRulesPanel";
import { useRedemptionPanel } from "./useRedemptionPanel";
import { useCommitmentPanel } from "./useCommitmentPanel";
import { useStartPanel } from "./useStartPanel";
import { useValidatePanel } from "./useValidatePanel";

describe("useStartPanel", () => {
  it("lists the built-in schemes and refuses to scaffold until the form is complete", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host, new Date(2026, 10, 23)));
    expect(result.current.schemes).toHaveLength(10);
    expect(result.current.form.year).toBe("2026");
    expect(result.current.problems).toEqual(["请填写党支部名称"]);
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect((await gateway.inspect()).sheets).toEqual([]);
  });

  it("scaffolds the workbook and reports what it added, then what it left alone", async () => {
    const { host, gateway } = memoryHost();
    const { result } = renderHook(() => useStartPanel(host));
    act(() => result.current.update({ schemeId: "hospital-40-50-10", branch: "第二党支部", year: "2026", secretary: "王书记" }));
    expect(result.current.selected?.id).toBe("hospital-40-50-10");
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.scaffold.result?.added).toEqual(Object.values(SHEETS).map((s) => s.sheet));
    expect(gateway.book.tables.get(SHEETS.settings.table)!.rows).toContainEqual(["支部名称", "第二党支部", "党支部全称"]);
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.scaffold.result).toMatchObject({ added: [], kept: Object.values(SHEETS).map((s) => s.sheet) });
  });

  it("shows a failure as a Chinese message instead of throwing", async () => {
    const { host } = memoryHost();
    const broken: LedgerHost = { ...host, gateway: { ...host.gateway, inspect: () => Promise.reject(new Error("连接中断")) } };
    const { result } = renderHook(() => useStartPanel(broken));
    act(() => result.current.update({ branch: "第三党支部" }));
    await act(async () => {
      expect(await result.current.submit()).toBeNull();
    });
    expect(result.current.scaffold.error).toBe("生成台账失败：意外错误：连接中断。请重试；如仍失败，请把这条消息截图发给维护人员。");
    expect(result.current.scaffold.running).toBe(false);
  });
});

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

describe("useEntryPanel", () => {
  async function demoHost() {
    const h = memoryHost();
    await fillDemoWorkbook(h.gateway);
    return h;
  }

  it("offers the roster (searchable by 姓名 or 编号) and the scheme's items grouped by component, narrowed to the member's category", async () => {
    const { host } = await demoHost();
    const { result } = renderHook(() => useEntryPanel(host, new Date(2026, 10, 23)));
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

  it("appends a valid entry, refuses a bad one with its problems, and writes it when the clerk insists", async () => {
    const { host, gateway } = await demoHost();
    const rowsBefore = gateway.book.tables.get(SHEETS.ledger.table)!.rows.length;
    const { result } = renderHook(() => useEntryPanel(host, new Date(2026, 10, 23)));
    await waitFor(() => expect(result.current.context).not.toBeNull());
    act(() => result.current.update({ memberId: "D001", itemCode: "D1", recorder: "李红梅" }));
    expect(result.current.problems).toEqual([]);
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.append.result).toMatchObject({ written: true, row: rowsBefore + 2 });
    expect(result.current.fields.itemCode).toBe("");
    expect(result.current.context!.recent[0].row).toBe(rowsBefore + 2);

    const range = result.current.itemGroups.flatMap((g) => g.items).find((i) => i.needsValue)!;
    act(() => result.current.update({ itemCode: range.code }));
    expect(result.current.problems).toEqual([`${range.code} 为酌情计分项目，请填写分值（${range.points}）`]);
    act(() => result.current.update({ value: "-99" }));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.refused).toBe(true);
    expect(result.current.append.result!.issues.map((i) => i.code)).toEqual(["value-out-of-range"]);
    expect(gateway.book.tables.get(SHEETS.ledger.table)!.rows.length).toBe(rowsBefore + 1);
    await act(async () => {
      await result.current.submit(true);
    });
    expect(result.current.append.result).toMatchObject({ written: true, row: rowsBefore + 3 });
    expect(gateway.book.tables.get(SHEETS.ledger.table)!.rows.length).toBe(rowsBefore + 2);
  });
});

describe("useReportPanel", () => {
  it("offers each form's periods and writes the 公示 sheet without touching the ledger, then shows it", async () => {
    const { host, gateway } = memoryHost();
    await fillDemoWorkbook(gateway);
    const shown: string[] = [];
    const watching: LedgerHost = { ...host, showSheet: async (s) => void shown.push(s) };
    const ledgerBefore = JSON.stringify(gateway.book.tables.get(SHEETS.ledger.table)!.rows);
    const { result } = renderHook(() => useReportPanel(watching, new Date(2026, 11, 20)));
    await waitFor(() => expect(result.current.forms).toHaveLength(9));
    expect(result.current.forms.map((f) => f.name)).toEqual(["公示", "排名通报", "年终审批", "承诺事项", "积分兑换", "评星晋级", "分类定级", "管理卡", "支部积分"]);
    expect(result.current.periods).toEqual(["2026H1", "2026H2"]);
    expect(result.current.period).toBe("2026H2");
    act(() => result.current.choosePeriod("2026H1"));
    await act(async () => {
      await result.current.generate();
    });
    expect(result.current.report.result!.sheets).toEqual(["公示-2026H1"]);
    expect(shown).toEqual(["公示-2026H1"]);
    expect(result.current.report.result!.top[0].join("")).toContain("公示");
    expect(result.current.preview.lines[0]).toContain("公示");
    expect(result.current.preview.table[0]).toEqual(expect.arrayContaining(["编号", "姓名", "总分"]));
    expect(gateway.book.sheets.has("公示-2026H1")).toBe(true);
    expect(JSON.stringify(gateway.book.tables.get(SHEETS.ledger.table)!.rows)).toBe(ledgerBefore);
    act(() => result.current.chooseForm("年终审批"));
    expect(result.current.periods).toEqual(["2026"]);
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
});

describe("useRulesPanel", () => {
  async function rulesOfDemo() {
    const h = memoryHost();
    await fillDemoWorkbook(h.gateway);
    const hook = renderHook(() => useRulesPanel(h.host, new Date(2026, 6, 1)));
    await waitFor(() => expect(hook.result.current.state).not.toBeNull());
    return { ...h, result: hook.result };
  }

  it("shows a built-in read-only, copies it into the workbook as the branch's scheme, then saves edits as a version from a date", async () => {
    const { result, gateway, schemeChanges } = await rulesOfDemo();
    expect(result.current.state).toMatchObject({ builtin: true, versions: [{ version: 1, effectiveFrom: "2017-01-01" }] });
    expect(result.current.items.find((i) => i.item.code === "D1")!.points).toBe("-1分/次");
    await act(async () => {
      await result.current.copyToWorkbook();
    });
    expect(result.current.state).toMatchObject({ builtin: false, scheme: { id: "star-member-branch", name: "星级党员管理量化考评制度（本支部）" } });
    expect(gateway.book.tables.get(SHEETS.settings.table)!.rows).toContainEqual(["方案ID", "star-member-branch", expect.anything()]);

    act(() => result.current.editItem("D1", { value: "-2", name: "未经同意缺席支部活动" }));
    expect(result.current.changed).toBe(1);
    expect(result.current.effectiveFrom).toBe("2026-07-01");
    await act(async () => {
      await result.current.saveVersion();
    });
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.versions).toEqual([
      { version: 1, effectiveFrom: "2017-01-01" },
      { version: 2, effectiveFrom: "2026-07-01" },
    ]);
    expect(result.current.state!.scheme.items.find((i) => i.code === "D1")).toMatchObject({ name: "未经同意缺席支部活动", points: { kind: "fixed", value: -2 } });
    // Each save hands the workbook's scheme to the PARTY.* functions again.
    expect(schemeChanges).toHaveLength(2);
    expect(result.current.changed).toBe(0);
  });

  it("shows a bad edit field by field and saves nothing", async () => {
    const { result } = await rulesOfDemo();
    await act(async () => {
      await result.current.copyToWorkbook();
    });
    const index = result.current.state!.scheme.items.findIndex((i) => i.code === "D6");
    act(() => result.current.editItem("D6", { min: "负四" }));
    await act(async () => {
      expect(await result.current.saveVersion()).toBeNull();
    });
    expect(result.current.errors).toEqual([expect.stringMatching(new RegExp(`^第${index + 1}项 D6 的 points.min：`))]);
    expect(result.current.state!.versions).toHaveLength(1);
  });

  it("exports the scheme as JSON and imports one, with zod's errors or a refusal of a built-in's id", async () => {
    const { result } = await rulesOfDemo();
    const exported = JSON.parse(result.current.exportJson);
    expect(exported.id).toBe("star-member");
    act(() => result.current.setImportText("{ 不是 JSON"));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors[0]).toMatch(/^方案：不是有效的 JSON/);
    act(() => result.current.setImportText(JSON.stringify(exported)));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.save.error).toMatch(/「star-member」是内置方案的 id/);
    act(() => result.current.setImportText(JSON.stringify({ ...exported, id: "our-branch", items: [{ ...exported.items[0], points: { kind: "fixed" } }, ...exported.items.slice(1)] })));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors).toEqual([expect.stringMatching(/^第1项 D1 的 points.value：/)]);
    act(() => result.current.setImportText(JSON.stringify({ ...exported, id: "our-branch", name: "我们支部的方案" })));
    await act(async () => {
      await result.current.importJson();
    });
    expect(result.current.errors).toEqual([]);
    expect(result.current.state!.scheme).toMatchObject({ id: "our-branch", name: "我们支部的方案" });
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
  it("registers a commitment, then records it kept with the 积分台账 row that scored it", async () => {
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
    act(() => result.current.editChange({ entryRow: "第二行" }));
    expect(result.current.changeProblems).toEqual(["积分记录行须为积分台账中的行号"]);
    act(() => result.current.editChange({ entryRow: "2", followUp: "6月底完成" }));
    await act(async () => {
      expect(await result.current.saveChange()).toBe(true);
    });
    expect(result.current.state!.commitments[0]).toMatchObject({ status: "已兑现", entryRow: "2" });
    expect((await validateWorkbook(gateway)).issues.filter((i) => i.sheet === "承诺事项")).toEqual([]);
  });
});
