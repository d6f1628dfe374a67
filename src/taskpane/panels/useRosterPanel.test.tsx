/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { importCsvFiles, scaffoldWorkbook } from "../../app/ledgerService";
import { updateMember } from "../../app/memberService";
import { SHEETS } from "../../core/ledger/layout";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { isoToSerial } from "../../core/sheetModel";
import { memoryHost } from "../../../test/support/memoryHost";
import { RosterPanel, describeMember } from "./RosterPanel";
import { useRosterPanel } from "./useRosterPanel";

async function emptyLedger() {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" });
  return h;
}

const rosterRows = (g: ReturnType<typeof memoryHost>["gateway"]) => g.book.tables.get(SHEETS.roster.table)!.rows;
const logRows = (g: ReturnType<typeof memoryHost>["gateway"]) => g.book.tables.get(SHEETS.log.table)!.rows;

describe("useRosterPanel", () => {
  it("adds a member from the form as one logged batch, 所在支部 from 设置 and 在册 by default", async () => {
    const { host, gateway } = await emptyLedger();
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    expect(result.current.roster!.categories).toEqual(getBuiltinScheme("star-member").categories.map((c) => c.name));
    expect(result.current.roster!.categories).toContain("正式党员");
    expect(Object.keys(result.current.fieldProblems)).toEqual(["id", "name", "category"]);
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(rosterRows(gateway)).toEqual([]);
    const logBefore = logRows(gateway).length;
    act(() => result.current.updateFields({ id: "001", name: "张三", category: "正式党员", joinedOn: "2010年7月1日", contact: "13800000000" }));
    expect(result.current.fieldProblems).toEqual({});
    await act(async () => {
      expect(await result.current.submit()).toBe(true);
    });
    expect(rosterRows(gateway)).toEqual([["001", "张三", "正式党员", "第一党支部", isoToSerial("2010-07-01"), null, "13800000000", "在册", null, null]]);
    expect(logRows(gateway).slice(logBefore)).toEqual([[expect.any(String), "添加党员", "党员名册", "", "第2行 001 张三（正式党员）"]]);
    expect(result.current.members.map((m) => m.id)).toEqual(["001"]);
    // The form is ready for the next member, keeping the category.
    expect(result.current.fields).toMatchObject({ id: "", name: "", category: "正式党员" });
  });

  it("refuses at the field a duplicate 编号, a date that is not one and a category not of the scheme; nothing is written", async () => {
    const { host, gateway } = await emptyLedger();
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    act(() => result.current.updateFields({ id: "001", name: "张三", category: "正式党员" }));
    await act(async () => {
      await result.current.submit();
    });
    act(() => result.current.updateFields({ id: "001", name: "李四", category: "群众", joinedOn: "2026-02-30" }));
    expect(result.current.fieldProblems).toEqual({
      id: "编号「001」已是 张三 的编号：每名党员一个唯一编号",
      category: `「群众」不是本方案的党员类别（${getBuiltinScheme("star-member").categories.map((c) => c.name).join("、")}）`,
      joinedOn: "入党日期「2026-02-30」不是日期：按 2026-03-05 的格式填写",
    });
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(rosterRows(gateway)).toHaveLength(1);
  });

  it("shows validation's refusal at the field when the workbook changed behind the pane", async () => {
    const { host, gateway } = await emptyLedger();
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    // The clerk types 002 into the sheet after the pane read the roster.
    rosterRows(gateway).push(["002", "王五", "正式党员", null, null, null, null, "在册", null]);
    act(() => result.current.updateFields({ id: "002", name: "赵六", category: "预备党员" }));
    expect(result.current.fieldProblems).toEqual({});
    await act(async () => {
      expect(await result.current.submit()).toBe(false);
    });
    expect(result.current.add.result).toMatchObject({ written: false });
    expect(result.current.fieldProblems.id).toBe("编号 「002」重复：编号须唯一");
    expect(rosterRows(gateway)).toHaveLength(1);
    act(() => result.current.updateFields({ id: "003" }));
    expect(result.current.fieldProblems).toEqual({});
  });

  it("converts 预备党员 to 正式党员 only with its 转正日期, and records 转出 with its date", async () => {
    const { host, gateway } = await emptyLedger();
    rosterRows(gateway).push(["010", "钱七", "预备党员", "第一党支部", isoToSerial("2025-06-01"), null, null, "在册", "2025 年发展", null]);
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    act(() => result.current.startEdit("010"));
    expect(result.current.editProblems).toEqual(["没有改动"]);
    act(() => result.current.changeEdit({ category: "正式党员" }));
    expect(result.current.editProblems).toEqual(["预备党员转为正式党员须填写转正日期"]);
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(false);
    });
    expect(rosterRows(gateway)[0][2]).toBe("预备党员");
    act(() => result.current.changeEdit({ fullOn: "2026/6/1" }));
    expect(result.current.editProblems).toEqual([]);
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(true);
    });
    expect(rosterRows(gateway)[0]).toEqual(["010", "钱七", "正式党员", "第一党支部", isoToSerial("2025-06-01"), isoToSerial("2026-06-01"), null, "在册", "2025 年发展", null]);
    expect(logRows(gateway).at(-1)!.slice(1)).toEqual(["修改党员信息", "党员名册", "第2行", "010 钱七：党员类别 预备党员→正式党员，转正日期 2026-06-01"]);

    act(() => result.current.startEdit("010"));
    act(() => result.current.changeEdit({ status: "转出" }));
    expect(result.current.editProblems).toEqual(["改为「转出」须填写日期"]);
    act(() => result.current.changeEdit({ statusOn: "2026.5.10" }));
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(true);
    });
    expect(rosterRows(gateway)[0].slice(7)).toEqual(["转出", "2025 年发展；2026-05-10 转出", null]);
    expect(result.current.members[0]).toMatchObject({ status: "转出", fullOn: "2026-06-01" });
  });

  it("previews a block pasted from Excel without its header, with validation issues, and writes it only when the clerk insists", async () => {
    const { host, gateway } = await emptyLedger();
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    await act(async () => {
      expect(await result.current.runPreview()).toBe(false);
    });
    expect(result.current.preview.error).toMatch(/^读取粘贴的名册失败：没有粘贴任何内容/);
    act(() => result.current.setPasted("101\t李四\t正式党员\t第一党支部\t2010/7/1\n102\t王五\t群众\t\t2011年3月5日\r\n"));
    await act(async () => {
      expect(await result.current.runPreview()).toBe(true);
    });
    const preview = result.current.previewed!;
    expect(preview.rows.map((r) => r.slice(0, 5))).toEqual([
      ["101", "李四", "正式党员", "第一党支部", "2010-07-01"],
      ["102", "王五", "群众", "", "2011-03-05"],
    ]);
    expect(preview.sheetRows).toEqual([2, 3]);
    expect(preview.report.delimiterLabel).toBe("制表符分隔");
    expect(preview.issues.map((i) => [i.code, i.row, i.header])).toEqual([["unknown-category", 3, "党员类别"]]);
    expect(rosterRows(gateway)).toEqual([]);
    await act(async () => {
      expect(await result.current.confirmPaste()).toBe(false);
    });
    expect(rosterRows(gateway)).toEqual([]);
    // Editing the text drops the preview: what is written is what was previewed.
    act(() => result.current.setPasted(`${result.current.pasted}103\t孙八\t正式党员\n`));
    expect(result.current.previewed).toBeNull();
    act(() => result.current.setPasted("101\t李四\t正式党员\t第一党支部\t2010/7/1\n102\t王五\t群众\t\t2011年3月5日\r\n"));
    await act(async () => {
      await result.current.runPreview();
    });
    const logBefore = logRows(gateway).length;
    await act(async () => {
      expect(await result.current.confirmPaste(true)).toBe(true);
    });
    expect(rosterRows(gateway).map((r) => r[0])).toEqual(["101", "102"]);
    expect(logRows(gateway).slice(logBefore).map((r) => r[1])).toEqual(["导入名册"]);
    expect(result.current.members).toHaveLength(2);
    expect(result.current.pasted).toBe("");
  });

  it("reads a pasted block with its header row by the usual synonyms, in any column order", async () => {
    const { host, gateway } = await emptyLedger();
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    act(() => result.current.setPasted("党员姓名\t工号\t人员类别\t手机\n李四\t201\t预备党员\t139\n"));
    await act(async () => {
      await result.current.runPreview();
    });
    expect(result.current.previewed!.rows[0].slice(0, 3)).toEqual(["201", "李四", "预备党员"]);
    expect(result.current.previewed!.issues).toEqual([]);
    await act(async () => {
      expect(await result.current.confirmPaste()).toBe(true);
    });
    expect(rosterRows(gateway)[0].slice(0, 3)).toEqual(["201", "李四", "预备党员"]);
  });
});

describe("probation and 转入日期 in the roster", () => {
  // 党员管理量化考评制度: 预备党员 by the year's points — 按期转正 / 延期转正（继续培养） / 取消预备党员资格.
  it("shows each probationary member's outcome by the year's points, and a member's 转入日期", async () => {
    const h = memoryHost();
    await scaffoldWorkbook(h.gateway, getBuiltinScheme("dec-nov-cycle"), { branch: "第一党支部", year: 2026 });
    await importCsvFiles(h.gateway, {
      roster: { name: "名册.csv", data: "编号,姓名,党员类别,转入日期\n001,张三,正式党员,\n002,李四,预备党员,\n003,王五,预备党员,2026-02-01\n" },
      entries: { name: "台账.csv", data: "日期,编号,项目代码,次数\n2026-03-05,002,D3,1\n" },
    });
    const { result } = renderHook(() => useRosterPanel(h.host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    expect(result.current.members.map((m) => [m.id, m.probation, m.transferredIn])).toEqual([
      ["001", null, ""],
      ["002", "延期转正（继续培养）", ""],
      ["003", "按期转正", "2026-02-01"],
    ]);
    expect(describeMember(result.current.members[1])).toBe("002 李四 · 预备党员 · 在册 · 预备期考核：延期转正（继续培养）");
    expect(result.current.roster!.probationProblem).toBeNull();
    // A 转入日期 typed in the form is checked before anything is written.
    act(() => result.current.updateFields({ transferredIn: "二月" }));
    expect(result.current.fieldProblems.transferredIn).toBe("转入日期「二月」不是日期：按 2026-03-05 的格式填写");
  });
});

describe("RosterPanel keyboard path", () => {
  it("adds the member when the form is submitted (Enter in a field submits the form)", async () => {
    const { host, gateway } = await emptyLedger();
    render(
      <FluentProvider theme={webLightTheme}>
        <RosterPanel host={host} />
      </FluentProvider>,
    );
    const form = await screen.findByRole("form", { name: "添加党员" });
    const [id, name] = [screen.getByRole("textbox", { name: /编号/ }), screen.getByRole("textbox", { name: /姓名/ })];
    fireEvent.change(id, { target: { value: "001" } });
    fireEvent.change(name, { target: { value: "张三" } });
    fireEvent.click(screen.getByRole("combobox", { name: /党员类别/ }));
    fireEvent.click(await screen.findByRole("option", { name: "正式党员" }));
    fireEvent.submit(form);
    await screen.findByText("已添加到党员名册第 2 行", {}, { timeout: 15000 });
    expect(rosterRows(gateway).map((r) => r.slice(0, 3))).toEqual([["001", "张三", "正式党员"]]);
  });
});

describe("转入 in the member edit form", () => {
  const TRANSFER = SHEETS.roster.columns.findIndex((c) => c.header === "转入日期");

  it("sets 转入日期 and 在册 (a member back after 转出, 备注 keeps the history), checked before anything is written", async () => {
    const { host, gateway } = await emptyLedger();
    rosterRows(gateway).push(["010", "钱七", "正式党员", "第一党支部", null, null, null, "转出", "2025-01-05 转出", null]);
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    act(() => result.current.startEdit("010"));
    act(() => result.current.changeEdit({ transferredIn: "三月" }));
    // Typing a 转入日期 makes the member 在册; the transfer's date is the status change's.
    expect(result.current.edit).toMatchObject({ status: "在册", statusOn: "" });
    expect(result.current.editProblems).toEqual(["转入日期「三月」不是日期：按 2026-03-05 的格式填写"]);
    act(() => result.current.changeEdit({ transferredIn: "2026/3/10", status: "去世" }));
    expect(result.current.editProblems).toEqual(["转入后在册状态为「在册」，不能同时改为「去世」"]);
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(false);
    });
    expect(rosterRows(gateway)[0][7]).toBe("转出");
    // The service refuses it too, whoever calls it.
    await expect(updateMember(gateway, { id: "010", transferredIn: "2026-03-10", status: "去世" })).rejects.toThrow("转入后在册状态为「在册」，不能同时改为「去世」");
    act(() => result.current.changeEdit({ status: "在册" }));
    expect(result.current.editProblems).toEqual([]);
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(true);
    });
    expect(rosterRows(gateway)[0].slice(7)).toEqual(["在册", "2025-01-05 转出；2026-03-10 转入", isoToSerial("2026-03-10")]);
    expect(rosterRows(gateway)[0][TRANSFER]).toBe(isoToSerial("2026-03-10"));
    expect(logRows(gateway).at(-1)!.slice(1)).toEqual(["修改党员信息", "党员名册", "第2行", "010 钱七：转入日期 2026-03-10，在册状态 转出→在册"]);
    expect(result.current.members[0]).toMatchObject({ status: "在册", transferredIn: "2026-03-10" });
  });

  it("adds the 转入日期 column to a roster made before it, the other members blank there", async () => {
    const { host, gateway } = await emptyLedger();
    const table = gateway.book.tables.get(SHEETS.roster.table)!;
    // A roster as written before 转入日期 existed.
    expect(table.headers.pop()).toBe("转入日期");
    table.formats.pop();
    table.rows.push(["001", "张三", "正式党员", "第一党支部", null, null, null, "在册", null], ["002", "李四", "正式党员", "第一党支部", null, null, null, "在册", null]);
    const { result } = renderHook(() => useRosterPanel(host));
    await waitFor(() => expect(result.current.roster).not.toBeNull());
    act(() => result.current.startEdit("002"));
    expect(result.current.editProblems).toEqual(["没有改动"]);
    act(() => result.current.changeEdit({ transferredIn: "2026-04-01" }));
    expect(result.current.editProblems).toEqual([]);
    await act(async () => {
      expect(await result.current.saveEdit()).toBe(true);
    });
    const after = gateway.book.tables.get(SHEETS.roster.table)!;
    expect(after.headers.at(-1)).toBe("转入日期");
    expect(after.formats.at(-1)).toBe("date");
    expect(after.rows.map((r) => [r[0], r[7], r[8], r[9]])).toEqual([
      ["001", "在册", null, null],
      ["002", "在册", null, isoToSerial("2026-04-01")],
    ]);
    expect(logRows(gateway).at(-1)![4]).toBe("002 李四：转入日期 2026-04-01");
    expect(result.current.members[1].transferredIn).toBe("2026-04-01");
  });
});

describe("RosterPanel keyboard path: 转入", () => {
  it("opens a member's form, types the 转入日期 and saves with Enter", async () => {
    const { host, gateway } = await emptyLedger();
    rosterRows(gateway).push(["010", "钱七", "正式党员", "第一党支部", null, null, null, "转出", null, null]);
    render(
      <FluentProvider theme={webLightTheme}>
        <RosterPanel host={host} />
      </FluentProvider>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "修改类别、在册状态或转入" }));
    const form = screen.getByRole("form", { name: "修改 钱七" });
    fireEvent.change(screen.getAllByRole("textbox", { name: /转入日期/ }).find((e) => form.contains(e))!, { target: { value: "2026-03-10" } });
    fireEvent.submit(form);
    await screen.findByText(/010 钱七 · 正式党员 · 在册 · 转入 2026-03-10/, {}, { timeout: 15000 });
    expect(rosterRows(gateway)[0].slice(7)).toEqual(["在册", "2026-03-10 转入", isoToSerial("2026-03-10")]);
  });
});
