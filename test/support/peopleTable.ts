import type { ColumnFormat, TableSpec } from "../../src/core/sheetModel";

/** A small table of the clerk's (three columns, two rows) to add and rename columns on. */
export const PEOPLE_TABLE: TableSpec & { rows: [string, string, number][] } = {
  sheet: "名单",
  table: "PeopleTable",
  headers: ["编号", "姓名", "分值"],
  formats: ["text", "text", "number"] as ColumnFormat[],
  widths: [8, 10, 8],
  rows: [
    ["001", "张三", 2],
    ["002", "李四", 3],
  ],
};
