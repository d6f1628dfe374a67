import { FIXTURE_ENCODINGS, DECODED_AS, ROSTER_ROWS, ROSTER_ROWS_GB18030, csvText, encodeText, rosterFixtures } from "../../test/support/inputFixtures";
import { TextInputError, decodeText, describeTextInput } from "./textInput";

describe("decoding text files by their bytes", () => {
  it.each(rosterFixtures().map((f) => [f.name, f] as const))("%s", (_name, f) => {
    const d = decodeText(f.bytes, f.name);
    expect(d.encoding).toBe(f.encoding);
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
    if (f.rows) expect(d.text).toContain(f.rows[4][1]);
  });

  it.each(FIXTURE_ENCODINGS.map((e) => [e] as const))("decodes %s exactly, four-byte characters included", (encoding) => {
    const rows = encoding === "gbk" ? ROSTER_ROWS : ROSTER_ROWS_GB18030;
    const text = csvText(rows, { delimiter: ",", newline: "\r\n" });
    const d = decodeText(encodeText(text, encoding));
    expect(d.encoding).toBe(DECODED_AS[encoding]);
    expect(d.bom).toBe(encoding.endsWith("-bom"));
    expect(d.text).toBe(text);
  });

  it("names GB18030 text GBK when it has no four-byte sequence", () => {
    expect(decodeText(encodeText("编号,姓名\r\n001,张三\r\n", "gb18030")).label).toBe("GBK 编码");
    expect(decodeText(encodeText("编号,姓名\r\n001,王㐀\r\n", "gb18030")).label).toBe("GB18030 编码");
    expect(decodeText(encodeText("编号,姓名\r\n", "utf-8-bom")).label).toBe("UTF-8 编码（带 BOM）");
    expect(decodeText(encodeText("编号\t姓名\r\n", "utf-16le-bom")).label).toBe("UTF-16 LE 编码（带 BOM）");
  });

  it("takes plain ASCII and an empty file as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("a,b\n1,2\n")).encoding).toBe("utf-8");
    expect(decodeText(new Uint8Array()).text).toBe("");
  });

  it("refuses bytes that are no text it knows, with the line and column of the first bad spot", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("编号,姓名\n001,"), 0xff, 0x41, 0x0a]);
    expect(() => decodeText(bytes, "名册.csv")).toThrow(TextInputError);
    expect(() => decodeText(bytes, "名册.csv")).toThrow("名册.csv：无法识别文件的编码（不是 UTF-8、GBK/GB18030 或 UTF-16）：第 2 行第 5 列");
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62, 0xc3, 0x28]);
    expect(() => decodeText(bom, "x.csv")).toThrow("x.csv：文件以 UTF-8 标记开头，但第 2 行第 2 列的字节不是 UTF-8 编码");
  });

  it("describes the decision in one line", () => {
    expect(describeTextInput("名册.csv", { encoding: "GBK 编码", delimiter: "逗号分隔", records: 31 })).toBe("名册.csv：GBK 编码，逗号分隔，共 31 行");
    expect(describeTextInput("名册", { delimiter: "制表符分隔", records: 2 })).toBe("名册：制表符分隔，共 2 行");
  });
});
