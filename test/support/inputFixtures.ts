// Real-world input files, made here from scratch: the encodings, separators and line breaks that
// Chinese Excel (「CSV（逗号分隔）」 is GBK, 「Unicode 文本」 is UTF-16 LE with tabs), WPS, Notepad and
// European Excel (semicolons) produce, well-formed and malformed. Used by the import tests and the
// bench; `npx tsx test/support/inputFixtures.ts <dir>` writes them out to try the CLI by hand.
import fs from "fs";
import path from "path";
import iconv from "iconv-lite";
import type { CsvDelimiter } from "../../src/core/ledger/importCsv";
import type { ImportKind } from "../../src/core/ledger/headerMatch";
import type { TextEncodingName } from "../../src/app/textInput";

export type FixtureEncoding = "utf-8" | "utf-8-bom" | "gbk" | "gb18030" | "utf-16le-bom" | "utf-16be-bom" | "utf-16le";
export type Newline = "\r\n" | "\n" | "\r";

export const FIXTURE_ENCODINGS: readonly FixtureEncoding[] = ["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16le-bom", "utf-16be-bom", "utf-16le"];

/** What the decoder should name each encoding (GBK text is GB18030 without four-byte sequences). */
export const DECODED_AS: Record<FixtureEncoding, TextEncodingName> = {
  "utf-8": "utf-8",
  "utf-8-bom": "utf-8",
  gbk: "gbk",
  gb18030: "gb18030",
  "utf-16le-bom": "utf-16le",
  "utf-16be-bom": "utf-16be",
  "utf-16le": "utf-16le",
};

export function encodeText(text: string, encoding: FixtureEncoding): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return new TextEncoder().encode(text);
    case "utf-8-bom":
      return new TextEncoder().encode(`\uFEFF${text}`);
    case "gbk":
    case "gb18030":
      return new Uint8Array(iconv.encode(text, encoding));
    case "utf-16le-bom":
      return new Uint8Array(iconv.encode(`\uFEFF${text}`, "utf16le"));
    case "utf-16be-bom":
      return new Uint8Array(iconv.encode(`\uFEFF${text}`, "utf16be"));
    case "utf-16le":
      return new Uint8Array(iconv.encode(text, "utf16le"));
  }
}

export interface CsvTextOptions {
  delimiter: CsvDelimiter;
  newline: Newline | readonly Newline[];
  /** Quote a field that does not need it (Excel never does; some tools quote everything). */
  quoteAnyway?: (row: number, column: number) => boolean;
  finalNewline?: boolean;
}

/** Records as delimited text: fields quoted where needed (quotes doubled), and where quoteAnyway says. */
export function csvText(rows: readonly (readonly string[])[], options: CsvTextOptions): string {
  const { delimiter } = options;
  const newlines = typeof options.newline === "string" ? [options.newline] : options.newline;
  let out = "";
  rows.forEach((row, r) => {
    if (r > 0) out += newlines[(r - 1) % newlines.length];
    out += row
      .map((field, c) => {
        const needs = field.includes(delimiter) || field.includes('"') || field.includes("\n") || field.includes("\r");
        return needs || options.quoteAnyway?.(r, c) ? `"${field.replace(/"/g, '""')}"` : field;
      })
      .join(delimiter);
  });
  if (options.finalNewline !== false && rows.length > 0) out += newlines[(rows.length - 1) % newlines.length];
  return out;
}

/** A roster as a branch keeps it: dates typed every which way, commas and quotes and a line break inside fields. */
export const ROSTER_ROWS: readonly (readonly string[])[] = [
  ["编号", "姓名", "党员类别", "入党日期", "备注"],
  ["001", "张三", "正式党员", "2010年7月1日", "支部书记"],
  ["002", "李四", "预备党员", "2025/9/30", "含逗号,分号;和全角逗号，的备注"],
  ["003", "王五", "正式党员", "2008.5.4", '外号"老王"'],
  ["004", "赵六", "发展对象", "", "两行\n备注"],
  ["005", "钱七", "正式党员", "20120701", ""],
  ["006", "孙八", "入党积极分子", "２０１９－０３－０５", "全角数字"],
];

/** The same roster with names only GB18030 (four-byte sequences) and UTF-8/16 can hold: 㐀 (U+3400) and 𠀀 (U+20000). */
export const ROSTER_ROWS_GB18030: readonly (readonly string[])[] = ROSTER_ROWS.map((r, i) => (i === 3 ? [r[0], "王㐀", ...r.slice(2)] : i === 4 ? [r[0], "赵𠀀", ...r.slice(2)] : r));

export interface InputFixture {
  name: string;
  kind: ImportKind;
  /** What produces such a file. */
  madeBy: string;
  bytes: Uint8Array;
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** The records expected (header included), for a well-formed file. */
  rows?: readonly (readonly string[])[];
  /** The first malformed spot expected, for a malformed file. */
  error?: { line: number; column: number };
}

function fixture(name: string, madeBy: string, encoding: FixtureEncoding, rows: readonly (readonly string[])[], options: CsvTextOptions): InputFixture {
  return { name, kind: "roster", madeBy, bytes: encodeText(csvText(rows, options), encoding), encoding: DECODED_AS[encoding], delimiter: options.delimiter, rows };
}

/** Every real-world layout of one roster, and two malformed files. */
export function rosterFixtures(): InputFixture[] {
  const crlf = { delimiter: ",", newline: "\r\n" } as const;
  const tab = { delimiter: "\t", newline: "\r\n" } as const;
  return [
    fixture("名册-GBK.csv", "中文 Windows Excel「CSV（逗号分隔）」", "gbk", ROSTER_ROWS, crlf),
    fixture("名册-GB18030.csv", "GB18030 编码（含四字节字符 㐀 𠀀）", "gb18030", ROSTER_ROWS_GB18030, crlf),
    fixture("名册-Unicode文本.txt", "Excel「Unicode 文本」：UTF-16 LE 带 BOM，制表符分隔", "utf-16le-bom", ROSTER_ROWS_GB18030, tab),
    fixture("名册-UTF16BE.txt", "UTF-16 BE 带 BOM，制表符分隔，LF", "utf-16be-bom", ROSTER_ROWS_GB18030, { delimiter: "\t", newline: "\n" }),
    fixture("名册-UTF16LE无BOM.txt", "UTF-16 LE 不带 BOM", "utf-16le", ROSTER_ROWS_GB18030, tab),
    fixture("名册-UTF8-BOM.csv", "Excel「CSV UTF-8（逗号分隔）」", "utf-8-bom", ROSTER_ROWS_GB18030, crlf),
    fixture("名册-UTF8.csv", "WPS / 脚本：UTF-8 不带 BOM，LF，全部加引号", "utf-8", ROSTER_ROWS, { delimiter: ",", newline: "\n", quoteAnyway: () => true }),
    fixture("名册-分号.csv", "欧洲区域设置的 Excel：分号分隔", "utf-8-bom", ROSTER_ROWS, { delimiter: ";", newline: "\r\n" }),
    fixture("名册-全角逗号.csv", "手工在记事本中用全角逗号分隔", "utf-8", ROSTER_ROWS, { delimiter: "，", newline: "\n" }),
    fixture("名册-CR.csv", "旧版 Mac：只有 CR 换行", "gbk", ROSTER_ROWS, { delimiter: ",", newline: "\r" }),
    fixture("名册-混合换行.csv", "拼接而成：CRLF、LF、CR 混用，末行无换行", "utf-8", ROSTER_ROWS, { delimiter: ",", newline: ["\r\n", "\n", "\r"], finalNewline: false }),
    {
      name: "名册-引号未闭合.csv",
      kind: "roster",
      madeBy: "手工编辑：第 3 行的引号没有闭合",
      bytes: encodeText('编号,姓名,党员类别\r\n001,张三,正式党员\r\n002,"李四,预备党员\r\n003,王五,正式党员\r\n', "gbk"),
      encoding: "gbk",
      delimiter: ",",
      error: { line: 3, column: 5 },
    },
    {
      name: "名册-多出字段.csv",
      kind: "roster",
      madeBy: "手工编辑：第 3 行多了一个字段",
      bytes: encodeText("编号,姓名,党员类别\n001,张三,正式党员\n002,李四,预备党员,多余\n", "utf-8"),
      encoding: "utf-8",
      delimiter: ",",
      error: { line: 3, column: 13 },
    },
  ];
}

/** The typed forms of one date (2026-03-05) and of numbers that clerks produce. */
export const DATE_FORMS = ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "2026-3-5", "20260305", "2026/03/05 00:00:00", "２０２６－０３－０５", "46086"] as const;
export const POINT_FORMS: readonly [string, number][] = [
  ["-2", -2],
  ["-2分", -2],
  ["－３", -3],
  ["−1", -1],
  [" -4 ", -4],
  ["- 1 分", -1],
];

export const ENTRY_HEADER = ["日期", "编号", "项目代码", "次数", "分值", "说明"] as const;

/**
 * n ledger entries for members 001…(members) under the star-member scheme, dates and points typed
 * in every form above (every date is a day of 2026, every 分值 readable).
 */
export function entryRows(n: number, members = 100, points: readonly [string, number][] = POINT_FORMS): string[][] {
  const rows: string[][] = [[...ENTRY_HEADER]];
  for (let i = 0; i < n; i++) {
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const form = i % 5;
    const date =
      form === 0 ? `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` : form === 1 ? `2026/${month}/${day}` : form === 2 ? `2026年${month}月${day}日` : form === 3 ? `2026${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}` : `2026/${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")} 00:00:00`;
    const id = String(1 + (i % members)).padStart(3, "0");
    const range = i % 3 === 0;
    rows.push([date, id, range ? "D6" : "D1", "1", range ? points[i % points.length][0] : "", i % 7 === 0 ? `第${i}条，会议记录,"缺席"` : "未请假缺席"]);
  }
  return rows;
}

/** A roster of members 001…n as CSV rows. */
export function rosterRows(n: number): string[][] {
  return [["编号", "姓名", "党员类别"], ...Array.from({ length: n }, (_, i) => [String(i + 1).padStart(3, "0"), `党员${i + 1}`, i % 5 === 0 ? "预备党员" : "正式党员"])];
}

/** The large files: 10,000 lines as GBK from Excel, 200,000 lines as UTF-8 with BOM. */
export function entryFile(n: number, encoding: FixtureEncoding = n > 50_000 ? "utf-8-bom" : "gbk"): Uint8Array {
  // GBK has no U+2212 (−): a file saved as GBK never holds one.
  const points = encoding === "gbk" ? POINT_FORMS.filter(([text]) => !text.includes("−")) : POINT_FORMS;
  return encodeText(csvText(entryRows(n, 100, points), { delimiter: ",", newline: "\r\n" }), encoding);
}

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅志海燕晓东春生玉文博"];

/** A member's name as a roster holds it (two or three characters). */
function memberName(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : "");
}

/** The roster of a large branch export: members 0001…n, with names. */
export function exportRosterRows(members: number): string[][] {
  return [["编号", "姓名", "党员类别"], ...Array.from({ length: members }, (_, i) => [String(i + 1).padStart(4, "0"), memberName(i), i % 5 === 0 ? "预备党员" : "正式党员"])];
}

export const EXPORT_HEADER = ["日期", "编号", "姓名", "项目代码", "次数", "分值", "证明材料", "记录人", "说明"] as const;

/**
 * Row i of a ledger as a branch's own spreadsheet exports it after a few years (star-member items):
 * nine columns, Chinese names, evidence and notes (some with commas, so quoted), dates typed five ways,
 * 分值 with 分 and full-width digits. About 130 bytes a row in UTF-8 (400,000 rows: 53 MB).
 */
export function exportRow(i: number, members: number): string[] {
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  const date = [`2026-${mm}-${dd}`, `2026/${month}/${day}`, `2026年${month}月${day}日`, `2026${mm}${dd}`, `2026.${month}.${day}`][i % 5];
  const member = i % members;
  const [code, count, points] = [
    ["D1", "1", ""],
    ["D2", "1", ""],
    ["D6", "1", "-2分"],
    ["D1", "2", ""],
    ["D6", "1", "－３"],
    ["D3", "1", ""],
  ][i % 6];
  const evidence = ["会议签到表", "支部委员会会议记录（第12次）", "", "谈话记录", "党组织处理决定"][i % 5];
  const clerk = ["李红梅", "王建国", "组织委员张伟"][i % 3];
  const note = ["未请假缺席支部组织生活会，已谈话提醒", "“三会一课”迟到", "上班时间擅自离岗", "第3次主题党日活动无故缺席", "群众反映工作作风问题，经核实", "说明中有逗号,要加引号"][i % 6];
  return [date, String(member + 1).padStart(4, "0"), memberName(member), code, count, points, evidence, clerk, `${note}（第${i + 1}条，已登记）`];
}

/** A large ledger export of n rows written to a file a few thousand rows at a time (never held whole), as UTF-8 with BOM (Excel's 「CSV UTF-8」) or GBK. */
export function writeLedgerExport(file: string, n: number, encoding: "utf-8-bom" | "gbk", members = 1000): void {
  const fd = fs.openSync(file, "w");
  try {
    let block: string[][] = [[...EXPORT_HEADER]];
    const flush = (first: boolean) => {
      const text = csvText(block, { delimiter: ",", newline: "\r\n" });
      fs.writeSync(fd, encodeText(text, first || encoding === "gbk" ? encoding : "utf-8"));
      block = [];
    };
    let first = true;
    for (let i = 0; i < n; i++) {
      block.push(exportRow(i, members));
      if (block.length === 10_000) {
        flush(first);
        first = false;
      }
    }
    if (block.length) flush(first);
  } finally {
    fs.closeSync(fd);
  }
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: npx tsx test/support/inputFixtures.ts <dir> [large]");
  fs.mkdirSync(dir, { recursive: true });
  for (const f of rosterFixtures()) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  fs.writeFileSync(path.join(dir, "名册-100.csv"), encodeText(csvText(rosterRows(100), { delimiter: ",", newline: "\r\n" }), "gbk"));
  fs.writeFileSync(path.join(dir, "积分-10000.csv"), entryFile(10_000));
  fs.writeFileSync(path.join(dir, "积分-200000.csv"), entryFile(200_000));
  fs.writeFileSync(path.join(dir, "积分-200000-GBK.csv"), entryFile(200_000, "gbk"));
  // About 50 MB: a branch's ledger export of 400,000 rows, and its roster of 1,000 members.
  if (process.argv[3] === "large") {
    fs.writeFileSync(path.join(dir, "名册-1000.csv"), encodeText(csvText(exportRosterRows(1000), { delimiter: ",", newline: "\r\n" }), "gbk"));
    writeLedgerExport(path.join(dir, "台账导出-400000.csv"), 400_000, "utf-8-bom");
    writeLedgerExport(path.join(dir, "台账导出-400000-GBK.csv"), 400_000, "gbk");
  }
  console.log(`written to ${dir}`);
}
