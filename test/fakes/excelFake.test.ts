import { createExcelFake, type ExcelFake, PAYLOAD_LIMIT_BYTES } from "./excelFake";

/** The error a function throws (fails the test when it does not throw). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw");
}

/** A fake with one sheet "S" holding A1:B2 = [[1,"a"],[2,"b"]]. */
async function seeded(): Promise<ExcelFake> {
  const fake = createExcelFake({ sheets: ["S"] });
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1:B2").values = [
      [1, "a"],
      [2, "b"],
    ];
    await context.sync();
  });
  fake.resetCounters();
  return fake;
}

describe("load and sync", () => {
  test("reading a scalar that was not loaded and synced throws PropertyNotLoaded", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const sheet = sheets.getItem("S");
      const range = sheet.getRange("A1:B2");
      const table = sheet.tables.add("D1:E2", true);
      for (const read of [
        () => range.values,
        () => range.address,
        () => range.rowCount,
        () => range.format.columnWidth,
        () => sheet.name,
        () => sheet.isNullObject,
        () => sheets.items,
        () => table.name,
        () => table.rows.count,
      ]) {
        expect(thrown(read)).toMatchObject({ name: "PropertyNotLoaded", code: "PropertyNotLoaded" });
      }
      // Queued but not yet synced: still not readable.
      range.load("values");
      expect(thrown(() => range.values)).toMatchObject({ name: "PropertyNotLoaded" });
      await context.sync();
      expect(range.values).toEqual([
        [1, "a"],
        [2, "b"],
      ]);
      // Loading one property does not make the others readable.
      expect(thrown(() => range.address)).toMatchObject({ name: "PropertyNotLoaded" });
    });
  });

  test("load accepts a string, an array, {select, expand}, load options and item paths on collections", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const sheet = context.workbook.worksheets.getItem("S");
      const a = sheet.getRange("A1:B2").load("values, address");
      const b = sheet.getRange("A1").load(["rowCount", "columnCount", "format/columnWidth"]);
      const c = sheet.getRange("B1:B2").load({ select: "values,rowIndex", expand: "format/font" });
      const d = sheet.getRange("A2").load({ formulas: true, format: { font: { bold: true } } });
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["S"]);
      expect(a.address).toBe("S!A1:B2");
      expect(b.rowCount + b.columnCount).toBe(2);
      expect(b.format.columnWidth).toBe(48);
      expect(c.values).toEqual([["a"], ["b"]]);
      expect(c.rowIndex).toBe(0);
      expect(c.format.font.size).toBe(11);
      expect(d.formulas).toEqual([[2]]);
      expect(d.format.font.bold).toBe(false);
      expect(thrown(() => d.format.font.size)).toMatchObject({ name: "PropertyNotLoaded" });
    });
  });

  test("a load is a snapshot at its place in the batch; a set value is not echoed", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("S").getRange("A1");
      cell.load("values");
      cell.values = [[42]];
      await context.sync();
      expect(cell.values).toEqual([[1]]);
      cell.load("values");
      await context.sync();
      expect(cell.values).toEqual([[42]]);
    });
  });

  test("a failing batch keeps the commands before the failure (no rollback) and delivers none of its loads", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const before = sheet.getRange("A1").load("values");
      sheet.getRange("C1").values = [["written"]];
      context.workbook.worksheets.getItem("Missing").getRange("A1").values = [["x"]];
      sheet.getRange("D1").values = [["never"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(thrown(() => before.values)).toMatchObject({ name: "PropertyNotLoaded" });
    });
    expect(fake.model.cell("S", "C1").value).toBe("written");
    expect(fake.model.cell("S", "D1").value).toBe("");
  });
});

describe("queued commands and errors", () => {
  test("getItem of a missing sheet rejects the sync that uses it, not the call", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItem("Nope");
      // Nothing uses it yet: the sync succeeds (object paths are resolved when a command uses them).
      await context.sync();
      missing.load("name");
      const error = await context.sync().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ItemNotFound", code: "ItemNotFound" });
      expect(error).toBeInstanceOf(Error);
    });
  });

  test("getItemOrNullObject sets isNullObject at the next sync; using a null object rejects", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("s"); // names are case-insensitive
      expect(thrown(() => missing.isNullObject)).toMatchObject({ name: "PropertyNotLoaded" });
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      const table = context.workbook.tables.getItemOrNullObject("NoTable").load("name");
      await context.sync();
      expect(table.isNullObject).toBe(true);
      expect(thrown(() => table.name)).toMatchObject({ name: "PropertyNotLoaded" });
      missing.getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("worksheets.add rejects duplicate and invalid names at sync", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      context.workbook.worksheets.add("s");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      context.workbook.worksheets.add("a/b");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      const added = context.workbook.worksheets.add("积分台账");
      added.load("name,position");
      await context.sync();
      expect([added.name, added.position]).toEqual(["积分台账", 1]);
    });
    expect(fake.model.sheetNames()).toEqual(["S", "积分台账"]);
  });

  test("values must match the range's dimensions exactly; [[x]] is not broadcast", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:B2").values = [[9, 9, 9]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.getRange("A1:B2").values = [[9]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.getRange("A1:B2").numberFormat = [["0"], ["0"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(fake.model.usedValues("S")).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });
});

describe("cell text semantics", () => {
  test('"=1+1" becomes a formula in a General cell and stays text in a "@" cell formatted earlier in the batch', async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("C1").values = [["=1+1"]];
      const text = sheet.getRange("C2");
      text.numberFormat = [["@"]];
      text.values = [["=1+1"]];
      const read = sheet.getRange("C1:C2").load("values, formulas, valueTypes, numberFormat");
      await context.sync();
      expect(read.values).toEqual([[""], ["=1+1"]]); // formulas are not evaluated: their values read as ""
      expect(read.formulas).toEqual([["=1+1"], ["=1+1"]]);
      expect(read.valueTypes).toEqual([["Empty"], ["String"]]);
      expect(read.numberFormat).toEqual([["General"], ["@"]]);
    });
    expect(fake.model.cell("S", "C1")).toEqual({ value: "", formula: "=1+1", numberFormat: "General" });
    expect(fake.model.cell("S", "C2")).toEqual({ value: "=1+1", formula: "", numberFormat: "@" });
  });

  test("writes are interpreted like typing: numbers, booleans, +/- formulas, unless the cell is text", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A5:E5").values = [["007", "true", "-5", "-张三", "+A1"]];
      const text = sheet.getRange("A6:E6");
      text.set({ values: [["007", "true", "-5", "-张三", "+A1"]], numberFormat: [["@", "@", "@", "@", "@"]] }); // set() applies numberFormat first
      await context.sync();
    });
    expect(fake.model.usedValues("S").slice(4)).toEqual([
      [7, true, -5, "", ""],
      ["007", "true", "-5", "-张三", "+A1"],
    ]);
    expect(fake.model.cell("S", "D5").formula).toBe("=-张三");
    expect(fake.model.cell("S", "E5").formula).toBe("=+A1");
  });
});

describe("tables", () => {
  test("a header-only table gets one empty data row; rows.add fills it, then appends", async () => {
    const fake = createExcelFake({ sheets: ["积分台账"] });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("积分台账");
      sheet.getRange("A1:C1").values = [["姓名", "", "姓名"]];
      const table = sheet.tables.add("A1:C1", true);
      const empty = table.getDataBodyRange().load("address, values");
      const count = table.rows.load("count");
      await context.sync();
      expect(empty.address).toBe("积分台账!A2:C2");
      expect(empty.values).toEqual([["", "", ""]]);
      expect(count.count).toBe(1);

      table.rows.add(undefined, [
        ["张三", 1, 2],
        ["李四", 3, 4],
      ]);
      table.rows.add(null as unknown as undefined, [["王五", 5, 6]]);
      const body = table.getDataBodyRange().load("values");
      const header = table.getHeaderRowRange().load("values");
      const range = table.getRange().load("address");
      table.load("name");
      table.rows.load("count");
      table.columns.load("items/name");
      await context.sync();
      expect(body.values).toEqual([
        ["张三", 1, 2],
        ["李四", 3, 4],
        ["王五", 5, 6],
      ]);
      expect(header.values).toEqual([["姓名", "Column2", "姓名2"]]);
      expect(range.address).toBe("积分台账!A1:C4");
      expect(table.name).toBe("Table1");
      expect(table.rows.count).toBe(3);
      expect(table.columns.items.map((c) => c.name)).toEqual(["姓名", "Column2", "姓名2"]);
    });
    expect(fake.model.tables()).toEqual([{ name: "Table1", sheet: "积分台账", address: "A1:C4" }]);
  });

  test("rows.add values must be as wide as the table", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:B2", true);
      table.rows.add(undefined, [["too", "wide", "!"]]);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("table names must be valid and unique in the workbook", async () => {
    const fake = createExcelFake({ sheets: ["S", "T"] });
    await fake.run(async (context) => {
      const one = context.workbook.worksheets.getItem("S").tables.add("A1:B1", true);
      const two = context.workbook.worksheets.getItem("T").tables.add("T!A1:B1", true);
      one.name = "台账_2024";
      await context.sync();
      two.name = "台账_2024";
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      for (const bad of ["My Table", "2024台账", "A1", "R1C1", ""]) {
        two.name = bad;
        await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      }
      two.name = "_Members";
      await context.sync();
      const found = context.workbook.tables.getItem("_MEMBERS").load("name"); // case-insensitive
      await context.sync();
      expect(found.name).toBe("_Members");
    });
    expect(fake.model.tables().map((t) => t.name)).toEqual(["台账_2024", "_Members"]);
  });

  test("tables can't overlap, and new rows take the text format of the row above", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const table = sheet.tables.add("A1:B2", true);
      table.getDataBodyRange().numberFormat = [["@", "@"]];
      sheet.tables.add("B2:C3", true);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      table.rows.add(undefined, [["=HYPERLINK(\"x\")", "+1"]]);
      await context.sync();
    });
    expect(fake.model.cell("S", "A3")).toEqual({ value: '=HYPERLINK("x")', formula: "", numberFormat: "@" });
    expect(fake.model.cell("S", "B3").value).toBe("+1");
  });

  test("Range.delete('Up') inside the body shrinks the table and pulls cells below up", async () => {
    const fake = createExcelFake({ sheets: ["S"] });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:B5").values = [["k", "v"], ["a", 1], ["b", 2], ["c", 3], ["below", "x"]];
      const table = sheet.tables.add("A1:B4", true);
      table.getDataBodyRange().getRow(1).getResizedRange(1, 0).delete("Up");
      table.getDataBodyRange().getRow(0).clear("Contents");
      await context.sync();
      table.rows.load("count");
      await context.sync();
      expect(table.rows.count).toBe(1);
    });
    expect(fake.model.tables()[0].address).toBe("A1:B2");
    expect(fake.model.usedValues("S")).toEqual([
      ["k", "v"],
      ["", ""],
      ["below", "x"],
    ]);
  });
});

describe("table columns", () => {
  test("columns.add appends at the right: the name is the header, new cells take the left column's formats, names stay unique", async () => {
    const fake = createExcelFake({ sheets: ["S"] });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:B3").values = [
        ["姓名", "备注"],
        ["张三", "x"],
        ["李四", "y"],
      ];
      sheet.getRange("B2:B3").numberFormat = [["@"], ["@"]];
      const table = sheet.tables.add("A1:B3", true);
      const named = table.columns.add(undefined, undefined, "记录号");
      const typed = table.columns.add(null as unknown as undefined, [["姓名"], ["=1"], ["2"]]);
      const again = table.columns.add(-1, undefined, "备注");
      named.load("name,index");
      typed.load("name,index");
      again.load("name");
      const header = table.getHeaderRowRange().load("values");
      const range = table.getRange().load("address");
      await context.sync();
      expect([named.name, named.index, typed.name, typed.index, again.name]).toEqual(["记录号", 2, "姓名2", 3, "备注2"]);
      expect(header.values).toEqual([["姓名", "备注", "记录号", "姓名2", "备注2"]]);
      expect(range.address).toBe("S!A1:E3");
    });
    // C2 took B's text format, so "=1" written into D2 (format copied from C) stays text.
    expect(fake.model.cell("S", "C2")).toEqual({ value: "", formula: "", numberFormat: "@" });
    expect(fake.model.cell("S", "D2")).toEqual({ value: "=1", formula: "", numberFormat: "@" });
    expect(fake.model.cell("S", "D3").value).toBe("2");
  });

  test("columns.add checks the values' shape, and does not model an index inside the table or cells right of it", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const table = sheet.tables.add("A1:B2", true);
      await context.sync();
      table.columns.add(undefined, [["h"], ["a"], ["too many"]]);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      table.columns.add(undefined, [["h", "wide"], ["a", "b"]]);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      table.columns.add(0, undefined, "first");
      await expect(context.sync()).rejects.toThrow("excelFake: TableColumnCollection.add with an index inside the table is not modelled");
      sheet.getRange("C2").values = [["clerk"]];
      table.columns.add(undefined, undefined, "new");
      await expect(context.sync()).rejects.toThrow(/cells right of the table hold data \(C1:C2\) is not modelled/);
    });
    expect(fake.model.tables()[0].address).toBe("A1:B2");
  });

  test("TableColumn.name renames the header cell; the column's cells stay", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:B2", true);
      table.columns.getItemAt(1).name = "新名";
      await context.sync();
    });
    // Header cells hold text, as in Excel.
    expect(fake.model.usedValues("S")).toEqual([
      ["1", "新名"],
      [2, "b"],
    ]);
  });
});

describe("data validation", () => {
  test("a list rule is stored and read back; clear() removes it", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const cells = sheet.getRange("C2:C4");
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: "优秀,合格,基本合格,不合格" } };
      sheet.getRange("D2:D4").dataValidation.rule = { list: { inCellDropDown: true, source: sheet.getRange("A1:A2") } };
      cells.dataValidation.load("rule, type");
      await context.sync();
      expect(cells.dataValidation.type).toBe("List");
      expect(cells.dataValidation.rule).toEqual({ list: { inCellDropDown: true, source: "优秀,合格,基本合格,不合格" } });
    });
    expect(fake.model.validation("S", "C3")).toEqual({ list: { inCellDropDown: true, source: "优秀,合格,基本合格,不合格" } });
    expect(fake.model.validation("S", "D4")).toEqual({ list: { inCellDropDown: true, source: "=S!$A$1:$A$2" } });
    expect(fake.model.validation("S", "C5")).toBeNull();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("C2:C4").dataValidation.clear();
      await context.sync();
    });
    expect(fake.model.validation("S", "C3")).toBeNull();
  });

  test("a rule has exactly one criterion and a literal list at most 255 characters", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const dv = context.workbook.worksheets.getItem("S").getRange("C1").dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: "a,b" }, custom: { formula: "=TRUE" } };
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      dv.rule = { list: { inCellDropDown: true, source: Array.from({ length: 60 }, (_, i) => `党员${i}`).join(",") } };
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(fake.model.validation("S", "C1")).toBeNull();
  });
});

describe("protection", () => {
  test("a protected sheet rejects writes until unprotected; options allow what they name", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.protection.protect({ allowFormatColumns: true }, "pw");
      await context.sync();
      sheet.getRange("A1").values = [[5]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation", message: expect.stringMatching(/protected/) });
      sheet.getRange("A1").format.font.bold = true;
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      sheet.getRange("A:A").format.columnWidth = 80; // allowFormatColumns
      sheet.protection.load("protected");
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
      sheet.protection.protect();
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" }); // "Fails if already protected"
      sheet.protection.unprotect("wrong");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.protection.unprotect("pw");
      sheet.getRange("A1").values = [[5]];
      await context.sync();
    });
    expect(fake.model.isProtected("S")).toBe(false);
    expect(fake.model.cell("S", "A1").value).toBe(5);
    expect(fake.model.columnWidth("S", 0)).toBe(80);
  });
});

describe("layout", () => {
  test("freezeRows, page layout and merges are recorded and loadable", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.freezePanes.freezeRows(2);
      sheet.getRange("A4:J4").merge(false);
      sheet.getRange("A5:C6").merge(true);
      const layout = sheet.pageLayout;
      layout.orientation = "Landscape";
      layout.paperSize = "A4";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.centerHorizontally = true;
      layout.setPrintTitleRows("$1:$2");
      layout.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
      sheet.getRange("B:B").format.columnWidth = 120;
      layout.load("orientation, zoom");
      await context.sync();
      expect(layout.orientation).toBe("Landscape");
      expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
    expect(fake.model.freezeRows("S")).toBe(2);
    expect(fake.model.merges("S")).toEqual(["A4:J4", "A5:C5", "A6:C6"]);
    expect(fake.model.pageLayout("S")).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$2",
      centerFooter: "第 &P 页，共 &N 页",
      centerHorizontally: true,
    });
    expect(fake.model.columnWidth("S", 1)).toBe(120);
    expect(fake.model.columnWidth("S", 2)).toBeUndefined();
  });

  test("print titles must span entire rows; zoom scale is 10–400; merges can't split", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.pageLayout.setPrintTitleRows("A1:J1");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.pageLayout.zoom = { scale: 500 };
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.getRange("A1:B1").merge();
      sheet.getRange("B1:C1").merge();
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(fake.model.merges("S")).toEqual(["A1:B1"]);
    expect(fake.model.cell("S", "B1").value).toBe(""); // merging keeps only the top-left value
  });
});

describe("sync accounting", () => {
  test("every sync is counted, including run's final flush of queued commands", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      await context.sync();
      await context.sync();
    });
    expect(fake.syncCount).toBe(2);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[3]]; // never synced by the batch
    });
    expect(fake.syncCount).toBe(3);
    expect(fake.model.cell("S", "A1").value).toBe(3);
    await fake.run(async () => "nothing queued");
    expect(fake.syncCount).toBe(3);
    fake.resetCounters();
    expect([fake.syncCount, fake.syncPayloads]).toEqual([0, []]);
  });

  test("payload sizes are the UTF-8 bytes of the request as Office.js serialises it, in order", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      await context.sync();
      sheet.getRange("A1").values = [["a".repeat(1000)]];
      await context.sync();
      sheet.getRange("A1").values = [["a".repeat(1000)]];
      await context.sync();
      sheet.getRange("A1").values = [["积".repeat(1000)]];
      await context.sync();
      sheet.getRange("A1:A2").load("values");
      await context.sync();
    });
    // The first write also instantiates getItem("S"); the second is shaped as the CJK one.
    const [empty, , ascii, cjk, load] = fake.syncPayloads;
    expect(empty).toBe(`{"Actions":[],"ObjectPaths":{}}`.length);
    expect(ascii).toBeGreaterThan(1000);
    // 3 bytes per CJK character instead of 1 (and a few digits more as the ids grow).
    expect(cjk - ascii).toBeGreaterThanOrEqual(2000);
    expect(cjk - ascii).toBeLessThan(2020);
    expect(load).toBeGreaterThan(2);
    expect(load).toBeLessThan(600);
  });

  test("each object path an action reaches is sent once per request: a styled cell costs its range, format, font, borders and fill", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1").values = [[1]];
      await context.sync();
      sheet.getRange("A1").values = [[1]];
      await context.sync();
      const range = sheet.getRange("A1");
      range.values = [[1]];
      range.format.font.bold = true;
      range.format.fill.color = "#DDEBF7";
      for (const edge of ["EdgeTop", "EdgeBottom"] as const) range.format.borders.getItem(edge).style = "Continuous";
      await context.sync();
    });
    const [first, again, styled] = fake.syncPayloads;
    // The first request also carries the workbook, worksheets and getItem("S") paths and their instantiation.
    expect(first).toBeGreaterThan(again);
    // Five more set actions (~80 bytes each) and six more object paths (~80 bytes each, two of them instantiated).
    expect(styled - again).toBeGreaterThan(5 * 70 + 6 * 70);
  });

  test("a batch over 5 MB is rejected with RequestPayloadSizeLimitExceeded and not applied", async () => {
    const fake = await seeded();
    const rows = Array.from({ length: 200 }, (_, i) => [`${i}:${"x".repeat(27_000)}`]);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("D1:D200").values = rows;
      const error = await context.sync().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RequestPayloadSizeLimitExceeded", code: "RequestPayloadSizeLimitExceeded" });
      expect(fake.syncPayloads[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
      expect(fake.model.cell("S", "D1").value).toBe("");
      // The same data in two batches fits.
      sheet.getRange("D1:D100").values = rows.slice(0, 100);
      await context.sync();
      sheet.getRange("D101:D200").values = rows.slice(100);
      await context.sync();
    });
    expect(fake.syncPayloads.slice(1).every((b) => b < PAYLOAD_LIMIT_BYTES)).toBe(true);
    expect(fake.model.cell("S", "D200").value).toBe(rows[199][0]);
  });
});

describe("used range", () => {
  test("the used range of a blank sheet is a null object (getUsedRange gives A1)", async () => {
    const fake = createExcelFake({ sheets: ["Blank", "Data"] });
    await fake.run(async (context) => {
      const blank = context.workbook.worksheets.getItem("Blank");
      const data = context.workbook.worksheets.getItem("Data");
      data.getRange("B2:C3").values = [
        [1, 2],
        [3, "=A1"],
      ];
      data.getRange("E9").format.fill.color = "yellow";
      const none = blank.getUsedRangeOrNullObject();
      const a1 = blank.getUsedRange().load("address");
      const values = data.getUsedRangeOrNullObject(true).load("address");
      const all = data.getUsedRange().load("address");
      await context.sync();
      expect(none.isNullObject).toBe(true);
      expect(a1.address).toBe("Blank!A1");
      expect(values.address).toBe("Data!B2:C3");
      expect(all.address).toBe("Data!B2:E9"); // formatting counts unless valuesOnly
      none.load("address");
      await context.sync();
      expect(thrown(() => none.address)).toMatchObject({ name: "PropertyNotLoaded" });
    });
    expect(fake.model.usedValues("Blank")).toEqual([]);
    expect(fake.model.usedValues("Data")).toEqual([
      ["", "", ""],
      ["", 1, 2],
      ["", 3, ""],
    ]);
  });
});

describe("used range of a range", () => {
  test("Range.getUsedRangeOrNullObject(true) bounds the cells with values inside the range; a null object when there are none", async () => {
    const fake = createExcelFake({ sheets: ["S"] });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:D6").values = [
        ["k", "v", "", "far"],
        ["a", 1, "", ""],
        ["b", "", "", ""],
        ["", "", "", ""],
        ["", "", "", ""],
        ["", "", "", "x"],
      ];
      sheet.getRange("B5").format.fill.color = "yellow";
      const body = sheet.getRange("A2:B5");
      const values = body.getUsedRangeOrNullObject(true).load("address");
      const all = body.getUsedRangeOrNullObject().load("address");
      const none = sheet.getRange("C1:C5").getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect(values.address).toBe("S!A2:B3");
      expect(all.address).toBe("S!A2:B5");
      expect(none.isNullObject).toBe(true);
    });
  });
});

describe("strictness and addresses", () => {
  test("members that are not modelled throw a clear error instead of being undefined", async () => {
    const fake = await seeded();
    await fake.run(async (context) => {
      const typed = context.workbook.worksheets.getItem("S").getRange("A1");
      const range = typed as unknown as Record<string, unknown>;
      expect(thrown(() => range.getSpecialCells)).toMatchObject({ message: "excelFake: Range.getSpecialCells is not modelled" });
      expect(thrown(() => (range.valuez = 1))).toMatchObject({ message: "excelFake: setting Range.valuez is not modelled" });
      expect(thrown(() => (range.address = "B2"))).toMatchObject({ message: "excelFake: Range.address is read-only" });
      expect(thrown(() => typed.load("text"))).toMatchObject({ message: "excelFake: loading 'text' on Range is not modelled" });
      expect(await Promise.resolve(range)).toBe(range); // not a thenable
    });
  });

  test("addresses carry the sheet name, quoted when Excel quotes it; derived ranges follow the A1 grid", async () => {
    const fake = createExcelFake({ sheets: ["积分台账", "My Sheet"] });
    await fake.run(async (context) => {
      const ledger = context.workbook.worksheets.getItem("积分台账");
      const other = context.workbook.worksheets.getItem("My Sheet");
      const base = ledger.getRange("B2:D10");
      const ranges = [
        ledger.getRange("A1:J1"),
        other.getRange("'My Sheet'!A1"),
        ledger.getRange("A:A"),
        ledger.getRange("1:1"),
        base.getCell(1, 2),
        base.getResizedRange(-8, 1),
        base.getOffsetRange(1, -1),
        base.getRow(0),
        base.getColumn(2),
        base.getLastRow(),
        base.getEntireRow(),
      ].map((r) => r.load("address"));
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual([
        "积分台账!A1:J1",
        "'My Sheet'!A1",
        "积分台账!A:A",
        "积分台账!1:1",
        "积分台账!D3",
        "积分台账!B2:E2",
        "积分台账!A3:C11",
        "积分台账!B2:D2",
        "积分台账!D2:D10",
        "积分台账!B10:D10",
        "积分台账!2:10",
      ]);
      base.getOffsetRange(-5, 0).load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ledger.getRange("Other!A1").load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("objects from a finished run can't queue commands", async () => {
    const fake = await seeded();
    const range = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await context.sync();
      return r;
    });
    expect(range.values).toEqual([[1]]); // loaded data stays readable
    expect(thrown(() => range.load("address"))).toMatchObject({ code: "InvalidRequestContext" });
  });

  test("worksheets can be reordered, hidden, activated and deleted, but one must stay visible", async () => {
    const fake = createExcelFake({ sheets: ["A", "B", "C"] });
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const c = sheets.getItem("C");
      c.position = 0;
      sheets.getItem("A").visibility = "Hidden";
      sheets.getItem("B").activate();
      const table = c.tables.add("A1:B2", true);
      await context.sync();
      const active = sheets.getActiveWorksheet().load("name");
      const all = sheets.load("items/name, items/visibility");
      table.delete();
      c.delete();
      await context.sync();
      expect(active.name).toBe("B");
      expect(all.items.map((s) => `${s.name}:${s.visibility}`)).toEqual(["C:Visible", "A:Hidden", "B:Visible"]);
      sheets.getItem("B").delete(); // the last visible sheet
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      sheets.getItem("A").activate(); // hidden
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(fake.model.sheetNames()).toEqual(["A", "B"]);
    expect(fake.model.tables()).toEqual([]);
  });

  test("model helpers seed and inspect without syncing", async () => {
    const fake = createExcelFake();
    fake.model.addSheetWithValues("Seed", [
      ["成员", "分数"],
      ["张三", 95],
    ]);
    expect(fake.model.sheetNames()).toEqual(["Sheet1", "Seed"]);
    expect(fake.syncCount).toBe(0);
    const read = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Seed").getUsedRange().load("values");
      await context.sync();
      return r.values;
    });
    expect(read).toEqual(fake.model.usedValues("Seed"));
    expect(() => fake.model.cell("Nope", "A1")).toThrow(/no worksheet 'Nope'/);
  });
});
