import { CoreError } from "../errors";
import type { TableData } from "../sheetModel";
import { SHEETS } from "./layout";
import { editableSettings, planSettingsWrite, publicityDaysOf, settingsProblems } from "./settings";

function settingsTable(rows: [string, string][]): TableData {
  return { name: SHEETS.settings.table, sheet: SHEETS.settings.sheet, headers: ["项目", "值", "说明"], rows: rows.map(([k, v]) => [k, v, ""]), firstRow: 2 } as unknown as TableData;
}

describe("设置 the clerk edits", () => {
  const table = settingsTable([
    ["支部名称", "第一党支部"],
    ["支部书记", "王书记"],
    // Typed with half-width brackets: still the same row.
    ["记录人(组织委员)", ""],
    ["申诉联系人及方式", ""],
  ]);

  it("reads the rows with a 5-day default and writes only what changed, appending a row the workbook lacks", () => {
    const values = editableSettings(new Map([["支部名称", "第一党支部"]]));
    expect(values).toEqual({ branch: "第一党支部", secretary: "", recorder: "", appealContact: "", publicityDays: "5" });
    const { ops, changes } = planSettingsWrite(table, { branch: "第一党支部", secretary: "王书记", recorder: "李红梅", appealContact: "组织委员（电话 1234）", publicityDays: "7" });
    expect(changes).toEqual([
      { label: "记录人", from: "", to: "李红梅" },
      { label: "申诉联系人", from: "", to: "组织委员（电话 1234）" },
      { label: "公示天数", from: "", to: "7" },
    ]);
    expect(ops).toEqual([
      expect.objectContaining({ op: "setCells", row: 2, cells: { 1: "李红梅" } }),
      expect.objectContaining({ op: "setCells", row: 3, cells: { 1: "组织委员（电话 1234）" } }),
      expect.objectContaining({ op: "appendRows", rows: [["公示天数", "7", "公示期天数（含公示当天）"]] }),
    ]);
    // The default 公示天数 is not written into a workbook that lacks the row.
    expect(planSettingsWrite(table, { branch: "第一党支部", secretary: "王书记", recorder: "", appealContact: "", publicityDays: "5" })).toEqual({ ops: [], changes: [] });
  });

  it("refuses an empty branch and days that are not a whole number from 1 to 60", () => {
    expect(settingsProblems({ branch: "", secretary: "", recorder: "", appealContact: "", publicityDays: "0" })).toEqual(["请填写党支部名称", "公示天数须为 1 至 60 的整数，现为「0」"]);
    expect(() => planSettingsWrite(table, { branch: "x", secretary: "", recorder: "", appealContact: "", publicityDays: "2.5" })).toThrow("公示天数须为 1 至 60 的整数");
    expect(() => planSettingsWrite(undefined, { branch: "x", secretary: "", recorder: "", appealContact: "", publicityDays: "5" })).toThrow(CoreError);
  });

  it("reads 公示天数 for the 公示, naming the cell of a bad one", () => {
    expect(publicityDaysOf(new Map())).toBe(5);
    expect(publicityDaysOf(new Map([["公示天数", "７"]]))).toBe(7);
    const bad = settingsTable([["公示天数", "一周"]]);
    expect(() => publicityDaysOf(new Map([["公示天数", "一周"]]), new Map([[SHEETS.settings.table, bad]]))).toThrow("「设置」工作表第 2 行「值」列：公示天数须为 1 至 60 的整数，现为「一周」");
  });
});
