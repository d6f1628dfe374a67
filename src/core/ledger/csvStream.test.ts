// A large file is parsed piece by piece as it is decoded: wherever the pieces are cut (inside a quoted
// field, between CR and LF, inside a surrogate pair), the records, their lines and every malformed spot
// are those of the whole text parsed at once.
import fc from "fast-check";
import { parse as papaParse } from "papaparse";
import { isBlank } from "../cells";
import { getBuiltinScheme } from "../scheme/presets";
import { type CsvDelimiter, type CsvProblem, CSV_DELIMITERS, CsvFormatError, detectDelimiter, readCsvImport, scanCsv } from "./importCsv";

interface Outcome {
  delimiter?: CsvDelimiter;
  records: string[][];
  lines: number[];
  problems?: CsvProblem[];
}

/**
 * The reference: papaparse over the whole normalized text at once, every spot located in that text (how
 * records were read before a file was streamed).
 */
function wholeText(text: string, delimiter?: CsvDelimiter): Outcome {
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  const sep = delimiter ?? detectDelimiter(src);
  const locate = (offset: number) => {
    let line = 1;
    for (let i = src.indexOf("\n"); i !== -1 && i < offset; i = src.indexOf("\n", i + 1)) line++;
    const lineStart = src.lastIndexOf("\n", offset - 1) + 1;
    return { line, column: Array.from(src.slice(lineStart, offset)).length + 1 };
  };
  const problems = new Map<number, string>();
  const records: string[][] = [];
  const lines: number[] = [];
  let start = 0;
  let width = -1;
  // The line of `start`, counted incrementally: nextBreak is the first LF not yet counted.
  let line = 1;
  let nextBreak = src.indexOf("\n");
  papaParse(src, {
    delimiter: sep,
    newline: "\n",
    quoteChar: '"',
    escapeChar: '"',
    step: (r) => {
      for (const e of r.errors) {
        if (e.index === undefined) continue;
        const at = e.index > 0 && src[e.index - 1] === '"' ? e.index - 1 : e.index;
        if (!problems.has(at)) problems.set(at, e.code);
      }
      if (r.data.every((f) => isBlank(f))) {
        start = r.meta.cursor;
        return;
      }
      if (width < 0) width = r.data.length;
      else if (r.data.length > width) {
        const extra = r.data.findIndex((f, k) => k >= width && !isBlank(f));
        if (extra >= 0) {
          // Where field `extra` starts, quotes toggled as they come (the record's start if a line break
          // comes first, or the record ends first: its quotes are broken).
          let quoted = false;
          let field = 0;
          let at = start;
          for (let i = start; i < r.meta.cursor; i++) {
            if (field === extra) {
              at = i;
              break;
            }
            if (src[i] === '"') quoted = !quoted;
            else if (!quoted && src.startsWith(sep, i)) field++;
            else if (!quoted && src[i] === "\n") break;
          }
          if (!problems.has(at)) problems.set(at, "extra");
        }
      }
      if (problems.size === 0) {
        while (nextBreak !== -1 && nextBreak < start) {
          line++;
          nextBreak = src.indexOf("\n", nextBreak + 1);
        }
        records.push(r.data);
        lines.push(line);
      }
      start = r.meta.cursor;
    },
  });
  const out: Outcome = { delimiter: sep, records, lines };
  if (problems.size) out.problems = [...problems].sort((a, b) => a[0] - b[0]).map(([offset]) => ({ ...locate(offset), message: "" }));
  return out;
}

function streamed(pieces: Iterable<string>, delimiter?: CsvDelimiter): Outcome {
  const records: string[][] = [];
  const lines: number[] = [];
  try {
    const scan = scanCsv(pieces, { delimiter }, (fields, line) => {
      records.push(fields);
      lines.push(line);
    });
    return { delimiter: scan.delimiter, records, lines };
  } catch (e) {
    if (!(e instanceof CsvFormatError)) throw e;
    return { delimiter: delimiter ?? detectDelimiter(Array.from(pieces).join("")), records, lines, problems: e.problems.map((p) => ({ ...p, message: "" })) };
  }
}

/** Text cut at the given offsets (sorted, deduplicated), empty pieces included. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((a) => Math.min(a, text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "0", " ", "张", "党", "𠀀", ",", "，", ";", "\t", '"', "\n", "\r", "-"), maxLength: 7 }),
  fc.constantFrom("", "2026-03-05", '"', '""', '"x"y', "  "),
);
const breaks = fc.constantFrom("\r\n", "\n", "\r");

/** Delimited text as clerks' files hold it, quoted or not, sometimes malformed (a stray quote, a field too many). */
const delimitedText = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width + 1 }), { minLength: 1, maxLength: 12 })),
    fc.constantFrom<CsvDelimiter>(...CSV_DELIMITERS),
    fc.array(breaks, { minLength: 1, maxLength: 3 }),
    fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    fc.boolean(),
  )
  .map(([rows, delimiter, newlines, quoting, bom]) => {
    const text = rows
      .map((row, r) =>
        row
          .map((f, c) => {
            const q = quoting[(r * 5 + c) % 16];
            // Quoted fields double their quotes; an unquoted field keeps a stray quote as typed (malformed).
            return q || /[\n\r]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f;
          })
          .join(delimiter),
      )
      .map((line, i) => line + newlines[i % newlines.length])
      .join("");
    return { text: bom ? `\uFEFF${text}` : text, delimiter };
  });

describe("reading delimited text piece by piece", () => {
  it("gives the records, lines and malformed spots of the whole text, wherever the pieces are cut", () => {
    fc.assert(
      fc.property(delimitedText, fc.array(fc.nat(400), { maxLength: 12 }), fc.boolean(), ({ text, delimiter }, at, given) => {
        const whole = wholeText(text, given ? delimiter : undefined);
        expect(streamed(cut(text, at), given ? delimiter : undefined)).toEqual(whole);
        expect(streamed([text], given ? delimiter : undefined)).toEqual(whole);
      }),
      { numRuns: 1500 },
    );
  });

  it("cuts pieces between CR and LF, and inside a surrogate pair, without changing a record", () => {
    const text = '编号,姓名,备注\r\n001,王𠀀,"两行\r\n备注"\r\n002,李四,"含,逗号"\r\n';
    const whole = wholeText(text);
    for (let i = 0; i <= text.length; i++) expect(streamed([text.slice(0, i), text.slice(i)])).toEqual(whole);
    expect(streamed([...text])).toEqual(whole);
  });

  it("locates malformed spots far into a large text, past many pieces", () => {
    const body = Array.from({ length: 60_000 }, (_, i) => `${i},党员${i},"说明，第${i}条"`);
    body[50_000] = '50000,"张三,未闭合';
    body[30_000] = "30000,李四,说明,多余";
    const text = ["编号,姓名,说明", ...body].join("\r\n");
    const pieces = cut(text, Array.from({ length: 40 }, (_, k) => (k + 1) * 50_000 + 7));
    const e = (() => {
      try {
        scanCsv(pieces, {}, () => undefined);
      } catch (error) {
        return error as CsvFormatError;
      }
      throw new Error("no CsvFormatError");
    })();
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [30_002, 13],
      [50_002, 7],
    ]);
    expect(streamed(pieces)).toEqual(wholeText(text));
  });

  it("says how many records it has read as it goes", () => {
    const text = ["日期,编号,项目代码", ...Array.from({ length: 200_000 }, (_, i) => `2026-03-05,${i},D1`)].join("\n");
    const seen: number[] = [];
    const ctx = { scheme: getBuiltinScheme("star-member"), members: [], year: 2026 };
    const r = readCsvImport("entries", cut(text, [1e6, 2e6, 3e6]), ctx, { onProgress: (n) => seen.push(n) });
    expect(r.rows).toHaveLength(200_000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toBe(200_001);
  });

  it("keeps a value repeated down a file once, and every value as read", () => {
    const text = ["日期,编号,项目代码,记录人,说明", ...Array.from({ length: 10_000 }, (_, i) => `2026-03-05,${String(i % 50).padStart(3, "0")},D1,组织委员李红梅同志（第一党支部）,第${i}次组织生活会未请假缺席`)].join("\n");
    const ctx = { scheme: getBuiltinScheme("star-member"), members: [], year: 2026 };
    const rows = readCsvImport("entries", text, ctx).rows;
    const clerk = rows[0].indexOf("组织委员李红梅同志（第一党支部）");
    const note = rows[0].indexOf("第0次组织生活会未请假缺席");
    expect(rows.every((r) => r[clerk] === "组织委员李红梅同志（第一党支部）")).toBe(true);
    expect(rows.map((r) => r[note])).toEqual(Array.from({ length: 10_000 }, (_, i) => `第${i}次组织生活会未请假缺席`));
    expect(new Set(rows.map((r) => r[1])).size).toBe(50);
  });
});
