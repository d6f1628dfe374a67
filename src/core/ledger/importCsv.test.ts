import fc from "fast-check";
import { parseNumberInput } from "../cells";
import { isoToSerial } from "../dates";
import { getBuiltinScheme } from "../scheme/presets";
import { type CsvDelimiter, CSV_DELIMITERS, CsvFormatError, buildImportRows, detectDelimiter, importCsvRows, readCsv, readCsvImport, serializeCsv } from "./importCsv";

const scheme = getBuiltinScheme("star-member");
const ctx = { scheme, members: [{ id: "001", name: "张三", category: "正式党员" }], year: 2026 };

function formatError(fn: () => unknown): CsvFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsvFormatError) return e;
    throw e;
  }
  throw new Error("no CsvFormatError");
}

describe("reading delimited text", () => {
  it("reads quotes, doubled quotes and line breaks inside fields, CRLF, and skips blank lines", () => {
    const t = readCsv('\uFEFF编号,姓名,备注\r\n001,张三,"说""明"",含,逗号"\r\n\r\n002,李四,"两行\r\n备注"\r\n  ,  \r\n');
    expect(t.delimiter).toBe(",");
    expect(t.rows).toEqual([
      ["编号", "姓名", "备注"],
      ["001", "张三", '说"明",含,逗号'],
      ["002", "李四", "两行\n备注"],
    ]);
    expect(t.lines).toEqual([1, 2, 4]);
  });

  it.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
    ["CR", "\r"],
  ])("counts lines with %s breaks", (_name, nl) => {
    const t = readCsv(["编号,姓名", "001,张三", "", '002,"李\n四"', "003,王五"].join(nl));
    expect(t.lines).toEqual([1, 2, 4, 6]);
  });

  it.each([
    [",", "编号,姓名,党员类别,备注\n001,张三,正式党员,含；分号，和全角逗号\n"],
    ["\t", "编号\t姓名\t党员类别\t备注\n001\t张三\t正式党员\t含,逗号;分号，全角\n"],
    [";", "编号;姓名;党员类别;备注\n001;张三;正式党员;含,逗号，全角\n"],
    ["，", "编号，姓名，党员类别，备注\n001，张三，正式党员，含,逗号;分号\n"],
  ])("detects the separator %j from the header, not from the prose in the fields", (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
    expect(readCsv(text).rows[1]).toHaveLength(4);
  });

  it("takes a comma when nothing splits the header", () => {
    expect(detectDelimiter("编号\n001\n")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
  });

  it("gives the line and column of an unclosed quote instead of swallowing the rest of the file", () => {
    const e = formatError(() => readCsv('编号,姓名,党员类别\n001,张三,正式党员\n002,"李四,预备党员\n003,王五,正式党员\n', { source: "名册.csv" }));
    expect(e.problems).toEqual([{ line: 3, column: 5, message: expect.stringContaining("没有配对的结束引号") }]);
    expect(e.message).toContain("名册.csv：CSV 格式有误，未导入");
    expect(e.message).toContain("第 3 行第 5 列");
    expect(e.code).toBe("bad-csv");
  });

  it("gives the line and column of characters after a closing quote", () => {
    const e = formatError(() => readCsv('编号,姓名\n001,"张三"丰\n'));
    expect(e.problems[0]).toMatchObject({ line: 2, column: 5 });
  });

  it("gives the line and column of a field the header has no column for, counting characters", () => {
    const e = formatError(() => readCsv('编号,姓名,党员类别\n001,张三,正式党员\n002,"李\n四",预备党员,多余,\n003,王𠀀,正式党员,也多\n'));
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [4, 9],
      [5, 13],
    ]);
    expect(e.problems[0].message).toContain("多出的「多余」没有对应的列");
  });

  it("accepts blank fields past the header (trailing separators)", () => {
    expect(readCsv("编号,姓名\n001,张三,,\n").rows).toEqual([
      ["编号", "姓名"],
      ["001", "张三", "", ""],
    ]);
  });

  it("lists at most ten problems and counts the rest", () => {
    const text = ["a,b", ...Array.from({ length: 15 }, (_, i) => `${i},x,extra`)].join("\n");
    const e = formatError(() => readCsv(text));
    expect(e.problems).toHaveLength(15);
    expect(e.message).toContain("另有 5 处");
  });

  const field = fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "Z", "0", "9", " ", "张", "党", "𠀀", "㐀", ",", "，", ";", "\t", '"', "\n", "-", "."), maxLength: 8 }),
    fc.constantFrom("", "2026-03-05", "-2分", '"', '""'),
  );

  it("round-trips any records through serializeCsv and readCsv with every separator", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
        fc.constantFrom(...CSV_DELIMITERS),
        (records, delimiter: CsvDelimiter) => {
          // Blank records are skipped by design; records of one field are ambiguous only as blank lines.
          const rows = records.filter((r) => r.some((f) => f.trim() !== ""));
          fc.pre(rows.length > 0);
          const t = readCsv(serializeCsv(rows, delimiter), { delimiter });
          expect(t.rows).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("numbers as clerks type them", () => {
  it.each([
    ["3", 3],
    ["３", 3],
    ["3分", 3],
    [" 3 分 ", 3],
    ["-2", -2],
    ["−2", -2],
    ["－２", -2],
    ["＋2", 2],
    ["- 1 分", -1],
    ["0.5", 0.5],
    ["．5", 0.5],
  ])("%j → %d", (text, n) => {
    expect(parseNumberInput(text)).toBe(n);
  });

  it.each(["三分", "2-1", "3分分", "", "1,000"])("%j is no number", (text) => {
    expect(parseNumberInput(text)).toBeNull();
  });
});

describe("rows of a clerk's table as rows of ours", () => {
  it("types dates and numbers typed every which way, fills names, item names and fixed values", () => {
    const csv = ["日期,编号,项目代码,次数,分值,说明", "2026年3月5日,001,d6,１,−2分,缺席", "20260305,001,D1,,,迟到", "2026/03/05 00:00:00,001,D1,2次,,x", "46086,001,D1,1,,y"].join("\n");
    const rows = importCsvRows("entries", csv, ctx);
    const serial = isoToSerial("2026-03-05");
    expect(rows[0]).toEqual([serial, "001", "张三", "D6", expect.any(String), 1, -2, null, null, "缺席", null, null]);
    expect(rows[1]).toEqual([serial, "001", "张三", "D1", expect.any(String), 1, -1, null, null, "迟到", null, null]);
    // What cannot be read is kept as typed (validation flags it), never zeroed or dropped.
    expect(rows[2][5]).toBe("2次");
    expect(rows[3][0]).toBe(serial);
  });

  it("reports each cell kept as typed with its line and header", () => {
    const csv = ["记录日期,党员编号,代码,分值", "2026-02-30,001,D6,-2", "", "2026-03-01,001,D6,两分"].join("\n");
    const r = readCsvImport("entries", csv, ctx);
    expect(r.rows).toHaveLength(2);
    expect(r.kept).toEqual([
      { line: 2, header: "日期", source: "记录日期", value: "2026-02-30" },
      { line: 4, header: "分值", source: "分值", value: "两分" },
    ]);
    expect(r.records).toBe(3);
    expect(r.match.columns.filter((c) => c.how === "synonym").map((c) => c.target)).toEqual(["日期", "编号", "项目代码"]);
  });

  it("takes typed cells from a sheet: serials, numbers as ids, 20260305 as a number", () => {
    const r = buildImportRows("roster", ["工号", "党员姓名", "类别", "入党时间"], [[1, "张三", "正式党员", 40000.5], ["002", "李四", "预备党员", 20250930], ["003", "王五", "正式党员", "不详"]], [3, 4, 5], ctx, "工作表「名单」");
    expect(r.rows.map((row) => row.slice(0, 5))).toEqual([
      ["1", "张三", "正式党员", null, 40000],
      ["002", "李四", "预备党员", null, isoToSerial("2025-09-30")],
      ["003", "王五", "正式党员", null, "不详"],
    ]);
    expect(r.kept).toEqual([{ line: 5, header: "入党日期", source: "入党时间", value: "不详" }]);
  });

  it("stops when a required column is missing, naming it in Chinese", () => {
    expect(() => importCsvRows("roster", "编号,称呼\n1,张三\n", ctx)).toThrow("CSV 缺少「姓名」、「党员类别」列");
    expect(() => buildImportRows("appraisals", ["编号", "评语"], [], [], ctx, "工作表「评议」")).toThrow("工作表「评议」 缺少「评议等次」或「分值」列");
  });

  it("imports nothing from an empty file", () => {
    expect(importCsvRows("roster", "", ctx)).toEqual([]);
    expect(importCsvRows("roster", "\uFEFF\r\n", ctx)).toEqual([]);
  });
});
