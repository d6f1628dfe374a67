// A large file is decoded a piece at a time (a megabyte as read from disk): wherever the pieces are cut,
// the text, the encoding named and every error are those of the whole file decoded at once.
import fc from "fast-check";
import { DECODED_AS, FIXTURE_ENCODINGS, ROSTER_ROWS, ROSTER_ROWS_GB18030, type FixtureEncoding, csvText, encodeText } from "../../test/support/inputFixtures";
import { type ByteStream, TextInputError, decodeText, readText } from "./textInput";

/** The bytes as a stream cut at the given offsets; counts how often it is read. */
function stream(bytes: Uint8Array, at: readonly number[] = []): ByteStream & { passes: number } {
  const points = [...new Set(at.map((a) => Math.min(a, bytes.length)))].sort((a, b) => a - b);
  const s = {
    passes: 0,
    size: bytes.length,
    *chunks() {
      s.passes++;
      let from = 0;
      for (const p of points) {
        yield bytes.slice(from, p);
        from = p;
      }
      yield bytes.slice(from);
    },
  };
  return s;
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TextInputError) return e.message;
    throw e;
  }
  throw new Error("no TextInputError");
}

describe("decoding a file piece by piece", () => {
  it("gives the text and encoding of the whole file, wherever the bytes are cut", () => {
    fc.assert(
      fc.property(fc.constantFrom<FixtureEncoding>(...FIXTURE_ENCODINGS), fc.array(fc.nat(160), { maxLength: 10 }), (encoding, at) => {
        const text = csvText(encoding === "gbk" ? ROSTER_ROWS : ROSTER_ROWS_GB18030, { delimiter: ",", newline: "\r\n" });
        const bytes = encodeText(text, encoding);
        const whole = decodeText(bytes);
        const pieces: string[] = [];
        const read = readText(stream(bytes, at), (chunks) => {
          pieces.length = 0;
          for (const piece of chunks) pieces.push(piece);
        });
        expect(pieces.join("")).toBe(whole.text);
        expect(whole.text).toBe(text);
        expect(read.encoding).toEqual({ encoding: whole.encoding, bom: whole.bom, label: whole.label });
        expect(read.encoding.encoding).toBe(DECODED_AS[encoding]);
      }),
      { numRuns: 300 },
    );
  });

  it("names GB18030 by a four-byte character even when it is cut between two pieces", () => {
    const bytes = encodeText("编号,姓名\r\n001,王𠀀\r\n", "gb18030");
    const at = bytes.length - 4;
    for (let k = at - 2; k <= at + 4; k++) expect(readText(stream(bytes, [k]), (chunks) => Array.from(chunks).join("")).encoding.label).toBe("GB18030 编码");
    expect(readText(stream(encodeText("编号,姓名\r\n001,张三\r\n", "gbk"), [3, 9]), (c) => Array.from(c)).encoding.label).toBe("GBK 编码");
  });

  it("reads again as GBK a file whose first megabytes pass for UTF-8, with the outcome of decoding it whole", () => {
    const text = `编号,姓名,党员类别\r\n${"001,abc,x\r\n".repeat(1000)}002,李四,预备党员\r\n`;
    // The header of a GBK file in ASCII: the first pieces are UTF-8 as well.
    const bytes = encodeText(text.replace("编号,姓名,党员类别", "id,name,kind"), "gbk");
    const s = stream(bytes, [4096, 8192]);
    const calls: string[] = [];
    const read = readText(s, (chunks) => {
      const t = Array.from(chunks).join("");
      calls.push(t);
      return t;
    });
    expect(read.encoding.label).toBe("GBK 编码");
    expect(read.value).toBe(decodeText(bytes).text);
    expect(read.value.endsWith("002,李四,预备党员\r\n")).toBe(true);
    // The UTF-8 reading gave up at the piece holding 李四, before handing it over; the file was read again from the start.
    expect(calls).toHaveLength(1);
    expect(s.passes).toBe(3);
  });

  it("decides the encoding by the whole file even when the reader stops early (a missing column)", () => {
    const bytes = encodeText(`id,name\r\n${"1,a\r\n".repeat(2000)}2,李四\r\n`, "gbk");
    let calls = 0;
    const attempt = () =>
      readText(stream(bytes, [64]), (chunks) => {
        calls++;
        for (const piece of chunks) throw new Error(`缺少列（${piece.length > 0 ? "读到" : ""}第 ${calls} 次）`);
      });
    expect(attempt).toThrow("第 2 次");
  });

  it("locates bytes that are no text in a late piece as in the whole file", () => {
    const good = encodeText(`编号,姓名\r\n${"001,张三\r\n".repeat(5000)}`, "utf-8");
    const bad = new Uint8Array([...good, ...encodeText("002,李", "utf-8"), 0xff, 0x0d, 0x0a]);
    const whole = message(() => decodeText(bad, "名册.csv"));
    expect(whole).toContain("第 5002 行第 6 列");
    for (const at of [[10], [good.length], [good.length + 5], [1000, 20000, 40000]]) expect(message(() => readText(stream(bad, at), (c) => Array.from(c), "名册.csv"))).toBe(whole);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bad]);
    expect(message(() => readText(stream(bom, [7, 30000]), (c) => Array.from(c), "x.csv"))).toBe(message(() => decodeText(bom, "x.csv")));
  });

  it("reads a file no more often than it must: once after its first bytes when it is UTF-8", () => {
    const s = stream(encodeText(`编号,姓名\r\n${"001,张三\r\n".repeat(100)}`, "utf-8-bom"), [100, 200]);
    readText(s, (c) => Array.from(c));
    expect(s.passes).toBe(2);
  });
});
