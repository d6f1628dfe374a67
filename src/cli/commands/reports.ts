import fs from "fs";
import path from "path";
import { writeReport } from "../../app/reportService";
import { localIsoDate } from "../../core/period";
import { Refused } from "../../core/errors";
import { REPORT_FORM_NAMES } from "../../core/reports";
import { parseShareText } from "../../core/reports/statistics";
import { buildDemoWorkbook } from "../../hosts/xlsx/demoFile";
import { rollupBooks } from "../../hosts/xlsx/rollupFiles";
import { type Args, type CliIo, UsageError, defineCommand } from "../args";
import { withBook } from "../book";
import { builtinScheme, requireFiles } from "./ledger";

export const today = () => localIsoDate(new Date());

async function writeForm(args: Args, io: CliIo, form: string, period: string): Promise<number> {
  const shareText = args.str("share");
  const excellentShare = shareText === undefined ? undefined : parseShareText(shareText);
  if (excellentShare === null) throw new UsageError(`--share 应为优秀比例上限，如 1/3 或 30%，收到「${shareText}」`);
  const { models, warnings, kept } = await withBook(args.book, { write: true }, (gw) => writeReport(gw, form, period, args.str("date") ?? today(), new Date(), excellentShare === undefined ? {} : { excellentShare }));
  io.out(`已生成工作表：${models.map((m) => m.name).join("、")}（只含数值和标准公式，未安装加载项也能打开和打印）`);
  // A sheet of the form's name that the clerk made or typed on is kept; the form went beside it.
  for (const k of kept) io.out(`保留：${k.message}`);
  for (const w of warnings) io.err(`注意：${w}`);
  return 0;
}

export const publicity = defineCommand("publicity", [["<台账.xlsx> --period <2026Q3 | 2026H1> [--date <编制日期>]", "生成公示表（工作表 公示-<期间>）"]], (args, io) => writeForm(args, io, "公示", args.need("period", "公示期间，如 2026Q3 或 2026H1")));

export const approval = defineCommand("approval", [["<台账.xlsx> --year <YYYY> [--date <编制日期>]", "生成年终等次评定审批表（工作表 年终审批-<年度>）"]], (args, io) => writeForm(args, io, "年终审批", args.need("year", "年度，如 2026")));

export const report = defineCommand("report", [["<台账.xlsx> --form <表名> --period <期间> [--date <编制日期>] [--share <优秀比例上限，如 1/3（统计）>]", `生成其他表样：${REPORT_FORM_NAMES.filter((n) => n !== "公示" && n !== "年终审批").join("、")}`]], (args, io) => writeForm(args, io, args.need("form", "表名，如 排名通报"), args.need("period", "期间")));

export const demo = defineCommand("demo", [["[--scheme <id>] [--out <文件.xlsx>] [--branch <支部名称>] [--seed <数字>]", "生成示例台账工作簿（约30名党员、全年记录、审定、申诉与全部报表）"]], async (args, io) => {
  const schemeId = builtinScheme(args.str("scheme") ?? "star-member").id;
  const out = args.str("out") ?? path.join("demo", "党员积分台账-示例.xlsx");
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const s = await buildDemoWorkbook({ schemeId, out, seed: args.num("seed"), branch: args.str("branch") });
  io.out(`示例工作簿：${path.resolve(s.file)}`);
  io.out(`方案 ${s.scheme}；党员 ${s.members} 名；积分记录 ${s.entries} 条；已审定 ${s.approved.join("、") || "无"}`);
  io.out(`校验：${s.errors} 个错误、${s.warnings} 个警告（错误为有意写错的示例行，运行 party-ledger validate 查看）`);
  io.out(`年度等次：${Object.entries(s.grades).map(([g, n]) => `${g} ${n} 人`).join("，") || "（本方案按半年评定）"}`);
  io.out(`报表工作表 ${s.sheets.length} 张：${s.sheets.join("、")}`);
  io.out(`用时 ${(s.ms / 1000).toFixed(1)} 秒`);
  return 0;
});

/**
 * The roll-up writes a new workbook: never over one of its inputs, and over an existing file only when
 * told (--force). Files are compared as the file system does (the same file under another spelling,
 * a link or another letter case on Windows/macOS is the same file).
 */
function refuseOutput(out: string, inputs: readonly string[], force: boolean): void {
  let target: fs.Stats;
  try {
    target = fs.statSync(out);
  } catch {
    return;
  }
  const same = inputs.find((f) => {
    if (path.resolve(f) === path.resolve(out)) return true;
    try {
      const s = fs.statSync(f);
      return s.ino === target.ino && s.dev === target.dev;
    } catch {
      return false;
    }
  });
  if (same !== undefined) throw new Refused("output", `汇总文件 ${out} 就是要汇总的支部工作簿 ${same}：覆盖它会丢失该支部的台账。请用 --out 另给一个文件名。`);
  if (target.isDirectory()) throw new Refused("output", `${out} 是文件夹，不是工作簿文件名。请用 --out 给出 .xlsx 文件名。`);
  if (!force) throw new Refused("output", `${out} 已存在，本次没有写入。要用新的汇总替换它，请加 --force；否则请用 --out 另给一个文件名。`);
}

export const rollup = defineCommand("rollup", [["<支部1.xlsx> <支部2.xlsx> … --period <期间> --out <党委汇总.xlsx> [--combine percent] [--force]", "党委汇总：每个支部一行与全委前列（各支部记有评星晋级时另有评星晋级台账）；方案或年度不同时须指明 --combine percent；--out 已存在时须加 --force 才替换（不能是要汇总的工作簿）"]], async (args, io) => {
  const period = args.need("period", "期间，如 2026 或 2026H1");
  const out = args.need("out", "党委汇总工作簿的文件名");
  const combine = args.str("combine");
  if (combine !== undefined && combine !== "percent") throw new UsageError(`--combine 只能是 percent（按满分折算为得分率），收到「${combine}」`);
  requireFiles(args.files);
  refuseOutput(out, args.files, args.has("force"));
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const summaries = await rollupBooks(args.files, period, out, combine === "percent" ? "percent" : "same", undefined, args.has("force"));
  io.out(`已汇总 ${summaries.length} 个支部到 ${out}`);
  return 0;
});
