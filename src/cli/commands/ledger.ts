import fs from "fs";
import path from "path";
import { IMPORT_KINDS, IMPORT_NAMES, type InputReport } from "../../app/importPlan";
import { describePreview, importTableRows } from "../../app/tableImport";
import type { ImportKind } from "../../core/ledger/headerMatch";
import { schemeMaximum } from "../../core/engine/scoreMembers";
import { type ScoreResult, describeIgnored } from "../../core/engine/types";
import { SHEETS } from "../../core/ledger/layout";
import { PREVIOUS_TOTALS, validatePreviousTotals } from "../../core/carryOver/previousTotals";
import { tryParsePeriod } from "../../core/period";
import { BUILTIN_SCHEMES, findBuiltinScheme } from "../../core/scheme/presets";
import { carryPreviousTotals, importCsvFiles, loadLedger, scaffoldWorkbook, scoreLedger, unapprovedPeriods, validateWorkbook } from "../../app/ledgerService";
import { repairTables } from "../../app/repairTables";
import { structuralIssues } from "../../core/validation/validateLedger";
import { UsageError, defineCommand } from "../args";
import { openInputFile, openSourceBook, withBook } from "../book";
import { ProgressLines } from "../progress";

export function builtinScheme(id: string) {
  const scheme = findBuiltinScheme(id);
  if (!scheme) throw new UsageError(`没有 id 为「${id}」的内置方案；可用：${BUILTIN_SCHEMES.map((s) => s.id).join("、")}`);
  return scheme;
}

export const schemes = defineCommand("schemes", [["[--json]", "列出内置积分方案"]], (args, io) => {
  const list = BUILTIN_SCHEMES.map((s) => ({ id: s.id, name: s.name, version: s.version, maxTotal: schemeMaximum(s) }));
  if (args.has("json")) io.out(JSON.stringify(list, null, 2));
  else for (const s of list) io.out(`${s.id.padEnd(20)} 第${s.version}版  满分${String(s.maxTotal).padStart(4)}  ${s.name}`);
  return 0;
});

export const init = defineCommand(
  "init",
  [["<台账.xlsx> --scheme <id> --year <YYYY> [--branch <支部名称>] [--previous <上年台账.xlsx>]", "新建台账，或为已有工作簿补齐缺少的工作表；--previous 把上年台账的年度总分结转到「上年积分」"]],
  async (args, io) => {
    const scheme = builtinScheme(args.need("scheme", "方案 id，见 party-ledger schemes"));
    const yearText = args.need("year", "考核年度，如 2026");
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(`年度「${yearText}」应为四位数字，如 2026`);
    const previous = args.str("previous");
    const source = previous ? await openSourceBook(previous) : null;
    const { plan, carried } = await withBook(args.book, { write: true, create: true }, async (gw) => {
      const plan = await scaffoldWorkbook(gw, scheme, { branch: args.str("branch") ?? "", year: Number(yearText) });
      const carried = source ? await carryPreviousTotals(gw, source.gateway, `「${path.basename(previous!)}」`) : null;
      return { plan, carried };
    });
    io.out(`已写入 ${args.book}`);
    if (plan.added.length) io.out(`新建工作表：${plan.added.join("、")}`);
    if (plan.kept.length) io.out(`保留原有工作表（数据未改动）：${plan.kept.join("、")}`);
    if (plan.filled.length) io.out(`在「设置」中填写了原来空着的：${plan.filled.join("、")}`);
    if (carried) io.out(`已把 ${carried.members} 名党员 ${carried.year} 年度的总分写入「上年积分」`);
    for (const c of plan.conflicts) io.err(`注意：${c.message}`);
    return plan.conflicts.length > 0 ? 1 : 0;
  },
);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isWorkbookFile(file: string, data: Uint8Array): boolean {
  return /\.xls[xm]$/i.test(file) || ZIP_MAGIC.every((b, i) => data[i] === b);
}

export const importCommand = defineCommand(
  "import",
  [
    [
      "<台账.xlsx> [--roster 名册.csv|.xlsx] [--entries 积分.csv|.xlsx] [--appraisals 评议.csv|.xlsx] [--sheet 工作表] [--progress]",
      "追加名册、积分记录、民主评议（CSV 为 UTF-8 或 GBK；也可从支部已有的 .xlsx 工作表导入）；--progress 在标准错误输出上显示进度（终端中超过一秒自动显示）",
    ],
  ],
  async (args, io) => {
    const kinds = IMPORT_KINDS.filter((k) => args.str(k));
    if (kinds.length === 0) throw new UsageError("请至少给出 --roster、--entries 或 --appraisals 之一");
    const sources = kinds.map((kind) => {
      const file = args.str(kind)!;
      // Opened, not read: a large CSV is decoded and parsed a megabyte at a time.
      const input = openInputFile(file, "导入文件");
      return { kind, file, input, workbook: isWorkbookFile(file, input.head) };
    });
    const sheet = args.str("sheet");
    const texts = Object.fromEntries(sources.filter((s) => !s.workbook).map((s) => [s.kind, { name: path.basename(s.file), data: s.input.stream }]));
    const progress = args.has("progress") || io.errIsTTY ? new ProgressLines(io.err, args.has("progress")) : null;
    const reports = await withBook(args.book, { write: true }, async (gw) => {
      // Workbook-only sources skip the CSV pass (and its read of the ledger).
      const csv = Object.keys(texts).length > 0 ? await importCsvFiles(gw, texts, new Date(), { onProgress: progress?.import }) : { inputs: [] as InputReport[] };
      const read: { kind: ImportKind; rows: number; report: InputReport; mapping: string[] }[] = csv.inputs.map((report) => ({ kind: report.kind, rows: report.rows, report, mapping: [] }));
      for (const s of sources.filter((x) => x.workbook)) {
        const book = await openSourceBook(s.file);
        const r = await importTableRows(gw, s.kind, { gateway: book.gateway, name: path.basename(s.file), sheet });
        read.push({ kind: s.kind, rows: r.rows, report: r.report, mapping: describePreview(r.preview) });
      }
      progress?.saving(args.book);
      return read;
    });
    for (const k of kinds) {
      const r = reports.find((x) => x.kind === k)!;
      io.out(r.report.summary);
      for (const line of r.mapping) io.out(`  ${line}`);
      for (const note of r.report.notes) io.out(`  ${note}`);
      io.out(`${IMPORT_NAMES[k]}：追加 ${r.rows} 行`);
    }
    return 0;
  },
);

export function scoresJson(result: ScoreResult): object {
  return {
    scheme: result.schemeId,
    period: result.period.label,
    members: result.members.map((m) => ({
      id: m.id,
      name: m.name,
      category: m.category,
      components: m.components,
      total: m.total,
      grade: m.grade,
      rank: m.rank,
      veto: m.veto,
      vetoReason: m.vetoReason,
      probation: m.probation,
      // Only where a period was approved: what the ledger now says, and a veto recorded after approval.
      ...(m.ledgerTotal !== null ? { ledgerTotal: m.ledgerTotal } : {}),
      ...(m.correction !== null ? { correction: m.correction } : {}),
    })),
    ...(result.approved.length > 0 ? { approved: result.approved, provisional: result.provisional } : {}),
  };
}

export const scores = defineCommand("scores", [["<台账.xlsx> --period <2026 | 2026H1 | 2026Q3 | 2026-07> [--json]", "计算积分、等次与排名"]], async (args, io) => {
  const periodText = args.need("period", "2026、2026H1、2026Q3 或 2026-07");
  if (!tryParsePeriod(periodText)) throw new UsageError(`期间「${periodText}」无法识别，应为 2026、2026H1、2026Q3 或 2026-07`);
  const ledger = await withBook(args.book, { write: false }, loadLedger);
  const result = scoreLedger(ledger, periodText);
  // How tables were read when not as tables (converted to a range): said before the scores.
  for (const w of structuralIssues(ledger.tables)) io.err(`注意：${w.sheet}!${w.column}${w.row} ${w.message}`);
  if (args.has("json")) io.out(JSON.stringify(scoresJson(result), null, 2));
  else {
    io.out(`${ledger.scheme.name}（${ledger.scheme.id}） 期间 ${result.period.label}  满分 ${result.maxTotal}`);
    io.out(["编号", "姓名", "类别", ...result.componentNames, "总分", "等次", "排名"].join("\t"));
    for (const m of result.members)
      io.out([m.id, m.name, m.category, ...result.componentNames.map((n) => m.components[n]), m.total, m.grade ?? "", m.rank ?? "", m.veto ? `否决：${m.vetoReason}` : ""].join("\t"));
  }
  if (result.ignored.length > 0) {
    io.err(`注意：${result.ignored.length} 条记录无法计分，未计入（运行 validate 查看详情）`);
    for (const line of describeIgnored(result.ignored)) io.err(`  ${line}`);
  }
  const categories = new Set(ledger.versions.flatMap((v) => v.categories.map((c) => c.name)));
  const uncategorized = ledger.members.filter((m) => !categories.has(m.category));
  if (uncategorized.length > 0)
    io.err(
      `错误：${uncategorized.length} 名党员的党员类别不是本方案的类别（${[...categories].join("、")}），没有等次和排名：` +
        `${uncategorized.map((m) => `${m.name}（${m.category ? `「${m.category}」` : "未填"}）`).join("、")}；请在「${SHEETS.roster.sheet}」中改正`,
    );
  for (const w of validatePreviousTotals(ledger.tables.get(PREVIOUS_TOTALS.table), ledger.scheme, ledger.members)) if (w.code === "previous-total-missing") io.err(`注意：${w.message}`);
  if (ledger.scheme.cycleTotalFrom !== "ledger" && result.period.kind === "cycle") {
    const open = unapprovedPeriods(ledger);
    if (open.length) io.err(`注意：本方案的年度积分为支委会审定后各期积分之和，${open.join("、")} 尚未审定`);
  }
  if (result.approved.length > 0) {
    io.err(`已审定：${result.approved.map((a) => `${a.period}（${a.date}${a.version > 1 ? `，第 ${a.version} 次` : ""}）`).join("、")}，按审定积分计${result.provisional.length ? `；${result.provisional.join("、")} 为暂定积分` : ""}`);
    const late = result.members.filter((m) => m.ledgerTotal !== null);
    if (late.length)
      io.err(`注意：${late.length} 名党员的已审定期间在审定后有改动，未计入（须经申诉后重新审定）：${late.map((m) => `${m.name} 按台账现为 ${m.ledgerTotal}`).join("、")}`);
    for (const m of result.members.filter((x) => x.correction)) io.err(`更正：${m.name}（${m.id}）${m.correction}`);
  }
  return 0;
});

export const validate = defineCommand("validate", [["<台账.xlsx> [--json]", "按方案校验台账，列出每个问题的工作表、行和列"]], async (args, io) => {
  const result = await withBook(args.book, { write: false }, validateWorkbook);
  if (args.has("json")) io.out(JSON.stringify(result.issues, null, 2));
  else {
    for (const i of result.issues) io.out(`${i.sheet}!${i.column}${i.row}\t${i.severity === "error" ? "错误" : "警告"}\t${i.message}`);
    io.out(result.issues.length ? `共 ${result.errors} 个错误、${result.warnings} 个警告` : "校验通过：没有发现问题");
  }
  return result.errors > 0 ? 1 : 0;
});

export const repair = defineCommand("repair", [["<台账.xlsx> [--json]", "恢复被转换为普通区域的表格、把表格下方隔空行录入的行并入表格（单元格一个不动）"]], async (args, io) => {
  const result = await withBook(args.book, { write: true }, repairTables);
  if (args.has("json")) io.out(JSON.stringify(result, null, 2));
  else {
    for (const r of result.repaired)
      io.out(`${r.action === "restored" ? "已恢复表格" : "已把下方的行并入表格"}：「${r.sheet}」${r.range}（${r.table}，${r.rows} 行）`);
    if (result.repaired.length === 0) io.out("没有需要恢复的表格");
    for (const i of result.remaining) io.err(`${i.severity === "error" ? "错误" : "注意"}：${i.sheet}!${i.column}${i.row} ${i.message}`);
  }
  return result.remaining.some((i) => i.severity === "error") ? 1 : 0;
});

export function requireFiles(files: readonly string[]): void {
  for (const f of files) if (!fs.existsSync(f)) throw new UsageError(`找不到文件 ${f}`);
}
