/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions: exceljs (which makes the test's .xlsx files) needs uuid's CommonJS build.
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { scaffoldWorkbook } from "../../app/ledgerService";
import { isoToSerial } from "../../core/dates";
import { SHEETS } from "../../core/ledger/layout";
import { getBuiltinScheme } from "../../core/scheme/presets";
import { memoryHost } from "../../../test/support/memoryHost";
import { ROSTER_FILE_LIMIT_MB } from "../rosterFile";
import { RosterPanel } from "./RosterPanel";
import { useRosterImport } from "./useRosterImport";

// Rendering Fluent in jsdom is slow on a busy machine.
jest.setTimeout(120_000);

async function emptyLedger() {
  const h = memoryHost();
  await scaffoldWorkbook(h.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026 });
  return h;
}

const rosterRows = (h: ReturnType<typeof memoryHost>) => h.gateway.book.tables.get(SHEETS.roster.table)!.rows;
const logRows = (h: ReturnType<typeof memoryHost>) => h.gateway.book.tables.get(SHEETS.log.table)!.rows;

type Row = (string | number | Date | null)[];

/** A real .xlsx as Excel writes one: plain sheets, no tables. */
async function xlsx(sheets: Record<string, Row[]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A picked file; jsdom 20's Blob has no arrayBuffer() (browsers have), so it is given here. */
function picked(bytes: Uint8Array, name: string, size?: number, read = async () => bytes.slice().buffer): File {
  const file = new File([bytes.slice().buffer as ArrayBuffer], name);
  Object.defineProperty(file, "arrayBuffer", { value: read });
  if (size !== undefined) Object.defineProperty(file, "size", { value: size });
  return file;
}

/** The package with one part replaced (a sheet damaged inside a sound zip). */
function withPart(bytes: Uint8Array, part: string, xml: string): Uint8Array {
  const parts = unzipSync(bytes);
  expect(parts[part]).toBeDefined();
  return zipSync({ ...parts, [part]: strToU8(xml) });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// The branch's own roster: a title above the header, columns in its own order and names, a column we do not take.
const branchRoster: Row[] = [
  ["第一党支部党员名册"],
  ["序号", "党员姓名", "工号", "政治面貌", "人员类别", "入职日期"],
  [1, "张三", "001", "中共党员", "正式党员", day("2026-03-10")],
  [2, "李四", "002", "中共预备党员", "预备党员", null],
  [3, "王五", "003", "中共党员", "群众", null],
];

describe("useRosterImport", () => {
  it("previews a roster workbook in another column order by synonyms, with the issues of its rows; writes only on 导入", async () => {
    const h = await emptyLedger();
    const onImported = jest.fn();
    const { result } = renderHook(() => useRosterImport(h.host, onImported));
    const bytes = await xlsx({ 说明: [["本工作簿为支部自用"]], 党员信息: branchRoster });
    await act(async () => {
      expect(await result.current.pick(picked(bytes, "花名册.xlsx"))).toBe(true);
    });
    expect(result.current.error).toBeNull();
    expect(result.current.file!.sheets).toEqual(["说明", "党员信息"]);
    // The first sheet with a roster header is chosen.
    expect(result.current.sheet).toBe("党员信息");
    const p = result.current.previewed!;
    expect(p.table.headerRow).toBe(2);
    expect(result.current.mapping).toEqual(["编号 ← C 列「工号」（同义词）", "姓名 ← B 列「党员姓名」（同义词）", "党员类别 ← E 列「人员类别」（同义词）", "转入日期 ← F 列「入职日期」（同义词）"]);
    expect(p.table.ignored).toEqual(["序号", "政治面貌"]);
    const at = (h: string) => p.table.headers.indexOf(h);
    expect(p.table.text.map((r) => [r[at("编号")], r[at("姓名")], r[at("党员类别")], r[at("转入日期")]])).toEqual([
      ["001", "张三", "正式党员", "2026-03-10"],
      ["002", "李四", "预备党员", ""],
      ["003", "王五", "群众", ""],
    ]);
    expect(p.table.sourceRows).toEqual([3, 4, 5]);
    expect(p.firstRow).toBe(2);
    // Validation of the rows as they would stand, told by the file's row.
    expect(result.current.errors.map((i) => [i.code, i.sourceRow, i.row, i.header])).toEqual([["unknown-category", 5, 4, "党员类别"]]);
    expect(rosterRows(h)).toEqual([]);
    await act(async () => {
      expect(await result.current.confirm()).toBe(false);
    });
    expect(rosterRows(h)).toEqual([]);
    const logBefore = logRows(h).length;
    const key = result.current.inputKey;
    await act(async () => {
      expect(await result.current.confirm(true)).toBe(true);
    });
    expect(rosterRows(h).map((r) => r.slice(0, 3))).toEqual([
      ["001", "张三", "正式党员"],
      ["002", "李四", "预备党员"],
      ["003", "王五", "群众"],
    ]);
    expect(rosterRows(h)[0][SHEETS.roster.columns.findIndex((c) => c.header === "转入日期")]).toBe(isoToSerial("2026-03-10"));
    expect(logRows(h).slice(logBefore).map((r) => [r[1], r[4]])).toEqual([["导入名册", "从「花名册.xlsx」工作表「党员信息」追加 3 行"]]);
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(result.current.imported).toEqual({ rows: 3, sheet: "党员信息", name: "花名册.xlsx" });
    // Ready for the next file: nothing previewed, a fresh file input.
    expect(result.current.previewed).toBeNull();
    expect(result.current.inputKey).toBe(key + 1);
  });

  it("previews the sheet the clerk chooses, and says in Chinese when a sheet has no roster header", async () => {
    const h = await emptyLedger();
    const { result } = renderHook(() => useRosterImport(h.host, () => undefined));
    const bytes = await xlsx({
      "2025年": [["编号", "姓名", "党员类别"], ["001", "张三", "正式党员"]],
      "2026年": [["编号", "姓名", "党员类别"], ["001", "张三", "正式党员"], ["002", "李四", "正式党员"]],
      说明: [["填表说明"], ["每人一行"]],
    });
    await act(async () => {
      await result.current.pick(picked(bytes, "名册.xlsx"));
    });
    expect([result.current.sheet, result.current.previewed!.table.total]).toEqual(["2025年", 1]);
    await act(async () => {
      expect(await result.current.chooseSheet("2026年")).toBe(true);
    });
    expect([result.current.sheet, result.current.previewed!.table.total]).toEqual(["2026年", 2]);
    await act(async () => {
      expect(await result.current.chooseSheet("说明")).toBe(false);
    });
    expect(result.current.sheet).toBe("说明");
    expect(result.current.previewed).toBeNull();
    expect(result.current.error).toMatch(/^读取名册工作簿失败：名册\.xlsx「说明」的前 20 行中没有含「编号」「姓名」「党员类别」列的表头/);
    await act(async () => {
      expect(await result.current.confirm(true)).toBe(false);
    });
    expect(rosterRows(h)).toEqual([]);
    await act(async () => {
      await result.current.chooseSheet("2026年");
    });
    await act(async () => {
      expect(await result.current.confirm()).toBe(true);
    });
    expect(rosterRows(h).map((r) => r[0])).toEqual(["001", "002"]);
  });

  it("refuses a damaged file, an old .xls, a text file and an oversized one with a Chinese message naming it; nothing written", async () => {
    const h = await emptyLedger();
    const { result } = renderHook(() => useRosterImport(h.host, () => undefined));
    const good = await xlsx({ 名册: [["编号", "姓名", "党员类别"], ["001", "张三", "正式党员"]] });
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const cases: [File, RegExp][] = [
      [picked(good.slice(0, Math.floor(good.length / 2)), "坏名册.xlsx"), /^读取名册工作簿失败：「坏名册\.xlsx」文件已损坏或不完整/],
      [picked(zipSync({ "readme.txt": strToU8("not a workbook") }), "空包.xlsx"), /^读取名册工作簿失败：「空包\.xlsx」/],
      [picked(withPart(good, "xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>编号'), "截断.xlsx"), /^读取名册工作簿失败：截断\.xlsx 中没有一张工作表的表头含有「编号」「姓名」「党员类别」列（已查看：名册）；表头须在工作表的前 20 行内$/],
      [picked(xls, "旧名册.xlsx"), /^读取名册工作簿失败：「旧名册\.xlsx」这是 Excel 97-2003 格式（\.xls）的工作簿/],
      [picked(new TextEncoder().encode("编号,姓名,党员类别\n001,张三,正式党员\n"), "名册.xlsx"), /^读取名册工作簿失败：「名册\.xlsx」这不是 Excel 工作簿，而是文本文件.*「粘贴名册」/],
      [picked(good, "全年台账.xlsx", (ROSTER_FILE_LIMIT_MB + 1) * 1024 * 1024), /^读取名册工作簿失败：「全年台账\.xlsx」有 31 MB，超过名册工作簿的上限 30 MB/],
    ];
    for (const [file, message] of cases) {
      await act(async () => {
        expect(await result.current.pick(file)).toBe(false);
      });
      expect(result.current.error).toMatch(message);
      // No command-line talk in the pane.
      expect(result.current.error).not.toMatch(/import --|--roster|意外错误/);
      expect(result.current.previewed).toBeNull();
    }
    expect(rosterRows(h)).toEqual([]);
    // A good file after a bad one clears the message.
    await act(async () => {
      expect(await result.current.pick(picked(good, "名册.xlsx"))).toBe(true);
    });
    expect(result.current.error).toBeNull();
  });

  it("is reading (a spinner) while a file is opened, and a later pick wins over a slower earlier one", async () => {
    const h = await emptyLedger();
    const { result } = renderHook(() => useRosterImport(h.host, () => undefined));
    const first = await xlsx({ 甲: [["编号", "姓名", "党员类别"], ["001", "张三", "正式党员"]] });
    const second = await xlsx({ 乙: [["编号", "姓名", "党员类别"], ["002", "李四", "正式党员"]] });
    let release: () => void = () => undefined;
    const slow = picked(first, "甲.xlsx", undefined, () => new Promise<ArrayBuffer>((resolve) => (release = () => resolve(first.slice().buffer))));
    let pending: Promise<boolean> = Promise.resolve(false);
    act(() => {
      pending = result.current.pick(slow);
    });
    expect(result.current.reading).toBe(true);
    await act(async () => {
      await result.current.pick(picked(second, "乙.xlsx"));
    });
    await act(async () => {
      release();
      expect(await pending).toBe(false);
    });
    await waitFor(() => expect(result.current.reading).toBe(false));
    expect(result.current.file!.name).toBe("乙.xlsx");
    expect(result.current.previewed!.table.sheet).toBe("乙");
  });
});

describe("RosterImport keyboard path", () => {
  it("the picker is a labelled file input opened by a tabbable Chinese 选择文件… button; Enter on 导入 (the form's submit button) writes", async () => {
    const h = await emptyLedger();
    render(
      <FluentProvider theme={webLightTheme}>
        <RosterPanel host={h.host} />
      </FluentProvider>,
    );
    const input = (await screen.findByLabelText("选择名册工作簿（.xlsx）")) as HTMLInputElement;
    expect([input.type, input.accept, input.disabled]).toEqual(["file", ".xlsx", false]);
    // Tab reaches the button (the browser's own file button would say "Choose File"); it opens the input.
    const choose = screen.getByRole("button", { name: "选择文件…" });
    const tabbable = Array.from(document.querySelectorAll<HTMLElement>("input, button, textarea, select, [tabindex]")).filter((e) => e.tabIndex >= 0 && !(e as HTMLInputElement).disabled && !e.hidden);
    expect(tabbable).toContain(choose);
    const opened = jest.spyOn(input, "click").mockImplementation(() => undefined);
    fireEvent.click(choose);
    expect(opened).toHaveBeenCalledTimes(1);
    expect(screen.getByText("未选择文件")).toBeTruthy();
    const bytes = await xlsx({ 名册: [["人员类别", "党员姓名", "工号"], ["正式党员", "张三", "001"], ["预备党员", "李四", "002"]] });
    fireEvent.change(input, { target: { files: [picked(bytes, "名册.xlsx")] } });
    const button = (await screen.findByText("导入 2 名党员", {}, { timeout: 20_000 })).closest("button")!;
    const form = screen.getByRole("form", { name: "导入名册工作簿" });
    expect([button.type, button.form]).toEqual(["submit", form]);
    expect(screen.getByRole("table", { name: "名册工作簿预览" }).querySelectorAll("tbody tr")).toHaveLength(2);
    expect(rosterRows(h)).toEqual([]);
    button.focus();
    // What Enter on a focused submit button does.
    fireEvent.submit(form);
    await screen.findByText("已从「名册.xlsx」工作表「名册」导入 2 名党员", {}, { timeout: 20_000 });
    expect(rosterRows(h).map((r) => r.slice(0, 3))).toEqual([
      ["001", "张三", "正式党员"],
      ["002", "李四", "预备党员"],
    ]);
    await screen.findByText("党员名册（2）", {}, { timeout: 20_000 });
  });
});
