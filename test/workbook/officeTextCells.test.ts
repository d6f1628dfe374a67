/*
 * Strings Excel would turn into formulas. Writing Range.values behaves like typing: "=1+1" becomes a
 * formula, "+86 …", "-2分" and "@x" are read as formulas too ("-2分" does not parse and Excel refuses
 * the whole write) — unless the cell is text-formatted when the value arrives. The strict fake models
 * that; the gateway must text-format text columns before writing, in the same batch, and never hand a
 * number or date column a string Excel would interpret.
 */
import { SHEETS } from "../../src/core/ledger/layout";
import { formatsOf } from "../../src/core/ledger/scaffold";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { type Cell, isoToSerial } from "../../src/core/sheetModel";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { createExcelFake } from "../fakes/excelFake";

const TRICKY = ["=1+1", "+86 138 0000 0000", "-2分", "@x"];

async function ledgerWorkbook() {
  const fake = createExcelFake();
  const gw = new OfficeJsGateway((batch) => fake.run(batch));
  await scaffoldWorkbook(gw, getBuiltinScheme("star-member"), { branch: "一支部", year: 2026 });
  fake.resetCounters();
  return { fake, gw };
}

describe("the fake reads strings as Excel does, by number format", () => {
  it("General cells: = + - @ make formulas, one that does not parse refuses the whole write; text cells keep the string", async () => {
    const fake = createExcelFake();
    const write = (address: string, values: unknown[][], format?: string) =>
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sheet1").getRange(address);
        if (format) range.numberFormat = values.map((r) => r.map(() => format));
        range.values = values as string[][];
        await context.sync();
      });
    await write("A1:D1", [["=1+1", "@x", "+A1", "+1"]]);
    expect(fake.model.cell("Sheet1", "A1").formula).toBe("=1+1");
    expect(fake.model.cell("Sheet1", "B1").formula).toBe("=@x");
    expect(fake.model.cell("Sheet1", "C1").formula).toBe("=+A1");
    expect(fake.model.cell("Sheet1", "D1")).toMatchObject({ value: 1, formula: "" });
    await expect(write("A2:B2", [["好", "-2分"]])).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(fake.model.cell("Sheet1", "A2").value).toBe("");
    await write("A3:D3", [TRICKY], "@");
    TRICKY.forEach((text, c) => expect(fake.model.cell("Sheet1", `${"ABCD"[c]}3`)).toMatchObject({ value: text, formula: "" }));
  });
});

describe("Office.js gateway: text stays text, number columns never receive an interpretable string", () => {
  const row = (over: Record<number, Cell>): Cell[] => {
    const base: Cell[] = [isoToSerial("2026-03-02"), "001", "张三", "D1", null, 1, -1, null, null, null, null, null];
    for (const [c, v] of Object.entries(over)) base[Number(c)] = v;
    return base;
  };

  it("text columns: =1+1, +86…, -2分 and @x are stored as typed, in one batch with their format", async () => {
    const { fake, gw } = await ledgerWorkbook();
    await gw.apply([{ op: "appendRows", table: SHEETS.ledger.table, rows: TRICKY.map((t) => row({ 2: t, 7: t, 9: t })), formats: formatsOf(SHEETS.ledger) }]);
    TRICKY.forEach((text, i) => {
      for (const column of ["C", "H", "J"]) expect(fake.model.cell("积分台账", `${column}${i + 2}`)).toMatchObject({ value: text, formula: "", numberFormat: "@" });
    });
    expect(fake.syncCount).toBeLessThanOrEqual(2);
  });

  it("number and date columns: a plain number in text is written as that number; other text is kept as typed text, never a formula or a refused write", async () => {
    const { fake, gw } = await ledgerWorkbook();
    const rows = [row({ 6: "=1+1" }), row({ 6: "-2分" }), row({ 6: "3", 5: " 2 " }), row({ 0: "不详", 5: "+1" }), row({ 6: "@x", 10: "-3行" })];
    await gw.apply([{ op: "appendRows", table: SHEETS.ledger.table, rows, formats: formatsOf(SHEETS.ledger) }]);
    const cell = (a: string) => fake.model.cell("积分台账", a);
    expect(cell("G2")).toMatchObject({ value: "=1+1", formula: "" });
    expect(cell("G3")).toMatchObject({ value: "-2分", formula: "" });
    expect(cell("G4")).toMatchObject({ value: 3, formula: "" });
    expect(cell("F4")).toMatchObject({ value: 2, formula: "" });
    expect(cell("A5")).toMatchObject({ value: "不详", formula: "" });
    expect(cell("F5")).toMatchObject({ value: 1, formula: "" });
    expect(cell("G6")).toMatchObject({ value: "@x", formula: "" });
    expect(cell("K6")).toMatchObject({ value: "-3行", formula: "" });
    // Cells holding numbers keep the column's format.
    expect(cell("G4").numberFormat).toBe("General");
    expect(cell("A2").numberFormat).toBe("yyyy-mm-dd");
    const read = (await gw.readTables([SHEETS.ledger.table])).get(SHEETS.ledger.table)!;
    expect(read.rows.map((r) => r[6])).toEqual(["=1+1", "-2分", 3, -1, "@x"]);
  });

  it("setCells and replaceRows follow the same rule", async () => {
    const { fake, gw } = await ledgerWorkbook();
    await gw.apply([{ op: "appendRows", table: SHEETS.ledger.table, rows: [row({})], formats: formatsOf(SHEETS.ledger) }]);
    await gw.apply([{ op: "setCells", table: SHEETS.ledger.table, row: 0, cells: { 6: "-2分", 9: "=1+1" }, formats: formatsOf(SHEETS.ledger) }]);
    expect(fake.model.cell("积分台账", "G2")).toMatchObject({ value: "-2分", formula: "" });
    expect(fake.model.cell("积分台账", "J2")).toMatchObject({ value: "=1+1", formula: "" });
    await gw.apply([{ op: "replaceRows", table: SHEETS.ledger.table, rows: [row({ 6: "+5" })], formats: formatsOf(SHEETS.ledger) }]);
    expect(fake.model.cell("积分台账", "G2")).toMatchObject({ value: 5, formula: "" });
  });
});
