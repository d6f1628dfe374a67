import { specContent } from "../ops/checkOps";
import { type Cell, type SheetModel, isoToSerial } from "../sheetModel";
import {
  GENERATED_RECORD_SHEET,
  besideName,
  decodeCells,
  encodeCells,
  fingerprintCells,
  fingerprintModel,
  matchesRecord,
  planGeneratedSheets,
  readGeneratedRecords,
  recordSheetModel,
  sheetsToRead,
} from "./generatedSheets";

const ranking: SheetModel = {
  name: "排名通报-2026",
  rows: [
    [{ value: "第一党支部2026年度党员积分排名通报", style: "title" }],
    [{ value: "排名", style: "header" }, { value: "姓名", style: "header" }, { value: "总分", style: "header" }],
    [{ value: 1 }, { value: "=张三", text: true }, { value: 92.5 }],
    [{ value: 2 }, { value: "李四", text: true }, { value: 88 }],
    [{ value: "合计", style: "total" }, {}, { formula: "=SUM(C3:C4)", result: 180.5, style: "total" }],
    [{ value: "通报日期", text: true }, { value: "2026-12-20", date: true }],
  ],
};

/** The cells as a gateway reads them back: formulas as their text, dates as serials, text as text. */
function readBack(model: SheetModel): Cell[][] {
  return model.rows.map((row) =>
    row.map((spec) => {
      const content = specContent(spec);
      return "formula" in content ? content.formula : content.value;
    }),
  );
}

function withCell(cells: Cell[][], row: number, column: number, value: Cell): Cell[][] {
  const out = cells.map((r) => [...r]);
  while (out.length <= row) out.push([]);
  while (out[row].length <= column) out[row].push(null);
  out[row][column] = value;
  return out;
}

describe("formula addresses", () => {
  it("are runs down a column, joined across columns into rectangles, and read back as the same cells", () => {
    const cells: [number, number][] = [
      [3, 5], [4, 5], [5, 5], // F4:F6
      [3, 6], [4, 6], [5, 6], // G4:G6 (joins F)
      [9, 1], // B10
      [9, 3], // D10 (not next to B)
    ];
    const text = encodeCells(cells);
    expect(text).toBe("B10,D10,F4:G6");
    expect(decodeCells(text).sort()).toEqual([...cells].sort());
    expect(encodeCells([])).toBe("");
    expect(decodeCells("")).toEqual([]);
    expect(decodeCells("ZZ,A1")).toEqual([[0, 0]]);
  });
});

describe("fingerprint", () => {
  const { fingerprint, formulas } = fingerprintModel(ranking);
  const record = { fingerprint, formulas };

  it("of a sheet as written is the fingerprint of the sheet read back", () => {
    expect(formulas).toBe("C5");
    expect(fingerprint).toMatch(/^\d+:[0-9a-f]{8};r1:[0-9a-f]{8}$/);
    expect(fingerprint.startsWith(`${fingerprintCells(readBack(ranking), formulas)};`)).toBe(true);
    expect(matchesRecord(readBack(ranking), record)).toBe(true);
    // Trailing blank rows and columns of a used range change nothing.
    expect(matchesRecord([...readBack(ranking).map((r) => [...r, null, ""]), [null, null]], record)).toBe(true);
  });

  it("does not change with what Excel, WPS or LibreOffice make of formulas and numbers on saving", () => {
    const cells = readBack(ranking);
    // A shared formula read as its cached result, a formula rewritten by Excel.
    expect(matchesRecord(withCell(cells, 4, 2, 180.5), record)).toBe(true);
    expect(matchesRecord(withCell(cells, 4, 2, 180.50000000000003), record)).toBe(true);
    expect(matchesRecord(withCell(cells, 4, 2, "=SUM($C$3:$C$4)"), record)).toBe(true);
    // A number written back with 17 digits; line ends as CRLF.
    expect(matchesRecord(withCell(cells, 2, 2, 92.50000000000001), record)).toBe(true);
    const multiLine: SheetModel = { name: "x", rows: [[{ value: "甲\n乙", text: true }]] };
    expect(matchesRecord([["甲\r\n乙"]], fingerprintModel(multiLine))).toBe(true);
  });

  it("changes when the clerk types over a formula: a number in 合计, or a formula of another result", () => {
    const cells = readBack(ranking);
    expect(matchesRecord(withCell(cells, 4, 2, 200), record)).toBe(false);
    expect(matchesRecord(withCell(cells, 4, 2, "=C3"), record)).toBe(false);
    expect(matchesRecord(withCell(cells, 4, 2, null), record)).toBe(false);
    // A record written before results were fingerprinted checks the cells only.
    expect(matchesRecord(withCell(cells, 4, 2, 200), { fingerprint: fingerprint.split(";")[0], formulas })).toBe(true);
  });

  it("works results out from the formula text, not from a result its builder supplied (a share of 201 in 400: 50.3, as Excel rounds)", () => {
    const share = "=IF(SUM($B$2:$B$3)=0,0,ROUND(B2/SUM($B$2:$B$3)*100,1))";
    const model: SheetModel = { name: "统计", rows: [[{ value: "等次" }, { value: "人数" }], [{ value: "合格" }, { value: 201 }, { formula: share, result: 50.2 }], [{ value: "优秀" }, { value: 199 }]] };
    const own = fingerprintModel(model);
    expect(own.fingerprint).toMatch(/;r1:[0-9a-f]{8}$/);
    expect(matchesRecord([["等次", "人数"], ["合格", 201, share], ["优秀", 199]], own)).toBe(true);
    expect(matchesRecord([["等次", "人数"], ["合格", 201, 50.3], ["优秀", 199]], own)).toBe(true);
    expect(matchesRecord([["等次", "人数"], ["合格", 201, 50.2], ["优秀", 199]], own)).toBe(false);
  });

  it("leaves out a formula whose result the sheet's cells do not determine", () => {
    const model: SheetModel = { name: "x", rows: [[{ value: 1 }, { formula: "=TODAY()" }, { formula: "=A1+1", result: 2 }]] };
    const own = fingerprintModel(model);
    expect(own.fingerprint).toMatch(/;r1:[0-9a-f]{8};uB1$/);
    expect(matchesRecord([[1, 46300, 2]], own)).toBe(true);
    expect(matchesRecord([[1, "=TODAY()", "=A1+1"]], own)).toBe(true);
    expect(matchesRecord([[1, 46300, 3]], own)).toBe(false);
  });

  it("changes when the clerk types beside the table, changes a value, clears a cell or inserts a row", () => {
    const cells = readBack(ranking);
    for (const changed of [
      withCell(cells, 7, 0, "支委会意见：同意"),
      withCell(cells, 2, 2, 93),
      withCell(cells, 3, 1, null),
      withCell(cells, 1, 5, "备注"),
      [...cells.slice(0, 3), [null, "王五", 70], ...cells.slice(3)],
      withCell(cells, 2, 1, "张三"),
    ])
      expect(matchesRecord(changed, record)).toBe(false);
  });
});

describe("the record sheet", () => {
  it("is hidden, all text, and reads back as written, a long list of formula cells over several cells", () => {
    const long = Array.from({ length: 9000 }, (_, i) => `B${2 * i + 1}`).join(",");
    const records = [
      { sheet: "排名通报-2026", base: "排名通报-2026", form: "党员积分排名通报", period: "2026", time: "2026-12-20 10:00:00", fingerprint: "7:0a1b2c3d", formulas: "C5" },
      { sheet: "公示-2026H1 (2)", base: "公示-2026H1", form: "公示", period: "2026H1", time: "2026-07-01 09:00:00", fingerprint: "3:00000001", formulas: long },
    ];
    const model = recordSheetModel(records);
    expect(model).toMatchObject({ name: GENERATED_RECORD_SHEET, hidden: true });
    expect(model.rows.flat().every((c) => c.text === true && c.formula === undefined)).toBe(true);
    expect(long.length).toBeGreaterThan(32767);
    expect(model.rows.flat().every((c) => String(c.value).length <= 32767)).toBe(true);
    expect(readGeneratedRecords(readBack(model))).toEqual(records);
  });

  it("is empty when missing or blank, and null for a sheet of that name that is not the add-in's", () => {
    expect(readGeneratedRecords(null)).toEqual([]);
    expect(readGeneratedRecords([[null, ""]])).toEqual([]);
    expect(readGeneratedRecords([["我自己的表"]])).toBeNull();
  });
});

describe("planGeneratedSheets", () => {
  const title = "党员积分排名通报";
  const base = { title, period: "2026", time: "2026-12-20 10:00:00" };
  const other: SheetModel = { name: "公示-2026H1", rows: [[{ value: "公示", text: true }]] };

  /** Writes a plan into a workbook of sheets → cells, as a gateway would. */
  function apply(book: Map<string, Cell[][]>, plan: ReturnType<typeof planGeneratedSheets>): void {
    for (const m of plan.models) book.set(m.name, readBack(m));
    if (plan.record) book.set(plan.record.name, readBack(plan.record));
  }

  function generate(book: Map<string, Cell[][]>, models: SheetModel[] = [ranking]) {
    const sheets = [...book.keys()];
    const wanted = sheetsToRead(models, sheets);
    const reads = new Map(wanted.map((s) => [s, book.get(s)!]));
    const plan = planGeneratedSheets({ ...base, models, sheets, reads });
    apply(book, plan);
    return plan;
  }

  it("writes a new sheet under the report's name and records it", () => {
    const book = new Map<string, Cell[][]>([["积分台账", [["日期"]]]]);
    const plan = generate(book);
    expect(plan.models.map((m) => m.name)).toEqual(["排名通报-2026"]);
    expect(plan.kept).toEqual([]);
    expect(readGeneratedRecords(book.get(GENERATED_RECORD_SHEET))).toEqual([
      { sheet: "排名通报-2026", base: "排名通报-2026", form: title, period: "2026", time: base.time, ...fingerprintModel(ranking) },
    ]);
  });

  it("keeps a posted sheet (an approved period's 公示) even untouched, and writes each new version beside it", () => {
    const book = new Map<string, Cell[][]>();
    generate(book);
    const posted = book.get("排名通报-2026");
    const again = () => {
      const sheets = [...book.keys()];
      const reads = new Map(sheetsToRead([ranking], sheets).map((s) => [s, book.get(s)!]));
      const plan = planGeneratedSheets({ ...base, models: [ranking], sheets, reads, keepPosted: true });
      apply(book, plan);
      return plan;
    };
    const second = again();
    expect(second.models.map((m) => m.name)).toEqual(["排名通报-2026 (2)"]);
    expect(second.kept).toEqual([
      {
        sheet: "排名通报-2026",
        reason: "posted",
        writtenTo: "排名通报-2026 (2)",
        message: "工作表「排名通报-2026」是已审定期间张贴过的版本，已原样保留；新生成的党员积分排名通报写在工作表「排名通报-2026 (2)」。核对后可删除不需要的一张。",
      },
    ]);
    expect(book.get("排名通报-2026")).toBe(posted);
    // A later correction is another version: the (2) is kept too.
    expect(again().models.map((m) => m.name)).toEqual(["排名通报-2026 (3)"]);
  });

  it("writes over its own untouched sheet, keeps one the clerk typed on and writes beside it, then writes over that one", () => {
    const book = new Map<string, Cell[][]>();
    generate(book);
    expect(generate(book).models[0].name).toBe("排名通报-2026");

    const annotated = withCell(book.get("排名通报-2026")!, 7, 0, "支委会意见：同意");
    book.set("排名通报-2026", annotated);
    const second = generate(book);
    expect(second.models.map((m) => m.name)).toEqual(["排名通报-2026 (2)"]);
    expect(second.kept).toEqual([
      {
        sheet: "排名通报-2026",
        reason: "edited",
        writtenTo: "排名通报-2026 (2)",
        message: "工作表「排名通报-2026」在生成后有改动（如手工填写的意见或修改的数字），已原样保留；新生成的党员积分排名通报写在工作表「排名通报-2026 (2)」。核对后可删除不需要的一张。",
      },
    ]);
    expect(book.get("排名通报-2026")).toBe(annotated);

    // Again: the untouched (2) is written over, the annotated sheet still kept; no (3).
    const third = generate(book);
    expect(third.models.map((m) => m.name)).toEqual(["排名通报-2026 (2)"]);
    expect(third.kept.map((k) => k.sheet)).toEqual(["排名通报-2026"]);
    expect(book.has("排名通报-2026 (3)")).toBe(false);
    expect(readGeneratedRecords(book.get(GENERATED_RECORD_SHEET))!.map((r) => r.sheet)).toEqual(["排名通报-2026", "排名通报-2026 (2)"]);

    // The clerk types on (2) as well: (3).
    book.set("排名通报-2026 (2)", withCell(book.get("排名通报-2026 (2)")!, 0, 5, "已阅"));
    expect(generate(book).models.map((m) => m.name)).toEqual(["排名通报-2026 (3)"]);
  });

  it("never writes over a sheet the add-in did not generate, nor over a clerk's sheet named like the next free name", () => {
    const clerks = [["我自己做的排名通报"]];
    const book = new Map<string, Cell[][]>([["排名通报-2026", clerks], ["排名通报-2026 (2)", [["Excel 复制的工作表"]]]]);
    const plan = generate(book);
    expect(plan.models.map((m) => m.name)).toEqual(["排名通报-2026 (3)"]);
    expect(plan.kept).toMatchObject([{ sheet: "排名通报-2026", reason: "not-generated", writtenTo: "排名通报-2026 (3)" }]);
    expect(plan.kept[0].message).toContain("不是本加载项生成的");
    expect(book.get("排名通报-2026")).toBe(clerks);
    expect(book.get("排名通报-2026 (2)")).toEqual([["Excel 复制的工作表"]]);
  });

  it("compares names as Excel does and keeps the beside name within 31 characters", () => {
    const upper: SheetModel = { ...ranking, name: "个人台账-A1-2026" };
    const long: SheetModel = { ...ranking, name: `个人台账-${"甲".repeat(24)}` };
    expect(long.name.length).toBe(29);
    const book = new Map<string, Cell[][]>([["个人台账-a1-2026", [["手工"]]], [long.name, [["手工"]]]]);
    const plan = generate(book, [upper, long]);
    expect(plan.models.map((m) => m.name)).toEqual(["个人台账-A1-2026 (2)", `个人台账-${"甲".repeat(22)} (2)`]);
    expect(plan.kept.map((k) => k.sheet)).toEqual(["个人台账-a1-2026", long.name]);
    for (const m of plan.models) expect(m.name.length).toBeLessThanOrEqual(31);
    expect(besideName("A".repeat(31), 12)).toBe(`${"A".repeat(26)} (12)`);
  });

  it("keeps the rows of other sheets still in the workbook and drops those of deleted sheets", () => {
    const book = new Map<string, Cell[][]>();
    generate(book, [ranking, other]);
    book.delete("公示-2026H1");
    generate(book);
    expect(readGeneratedRecords(book.get(GENERATED_RECORD_SHEET))!.map((r) => r.sheet)).toEqual(["排名通报-2026"]);
    generate(book, [other]);
    expect(readGeneratedRecords(book.get(GENERATED_RECORD_SHEET))!.map((r) => r.sheet)).toEqual(["排名通报-2026", "公示-2026H1"]);
  });

  it("leaves a clerk's sheet named like the record alone, records nothing and says so", () => {
    const mine = [["报表生成记录（我自己的）"]];
    const book = new Map<string, Cell[][]>([[GENERATED_RECORD_SHEET, mine]]);
    const plan = generate(book);
    expect(plan.record).toBeNull();
    expect(plan.warnings[0]).toContain("不是本加载项的记录");
    expect(book.get(GENERATED_RECORD_SHEET)).toBe(mine);
  });

  it("reads only the record and the sheets a report may be written over", () => {
    const sheets = ["积分台账", "排名通报-2026", "排名通报-2026 (2)", "公示-2026H1 (4)", "其他 (2)", GENERATED_RECORD_SHEET];
    expect(sheetsToRead([ranking, other], sheets).sort()).toEqual([GENERATED_RECORD_SHEET, "公示-2026H1 (4)", "排名通报-2026", "排名通报-2026 (2)"].sort());
    expect(sheetsToRead([ranking], [])).toEqual([]);
  });

  it("dates are compared as the serials a read gives back", () => {
    const cells = readBack(ranking);
    expect(cells[5][1]).toBe(isoToSerial("2026-12-20"));
  });
});
