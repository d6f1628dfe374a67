import { localIsoDate } from "../../core/period";
import { useEffect, useState } from "react";
import type { ReportFormName } from "../../core/reports";
import { type ReportCheck, type ReportProblem, reportCheckClean } from "../../app/reportCheck";
import { checkReportAction, loadReportChoicesAction, writeReportAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

/** Columns up to the last non-empty cell. */
function filledWidth(row: string[]): number {
  let w = row.length;
  while (w > 0 && row[w - 1] === "") w--;
  return w;
}

/** Problems shown one by one up to this many; the rest counted. */
export const SHOWN_PROBLEMS = 20;

/** 「积分台账 第 12 行 G 列：…」 */
export function describeProblem(p: ReportProblem): string {
  // Validation messages start with their own 「第N行」: said once.
  return `${p.sheet} 第 ${p.row} 行${p.column ? ` ${p.column} 列` : ""}：${p.message.replace(new RegExp(`^第${p.row}行\\s*`), "")}`;
}

/** What the clerk reads before deciding, in Chinese: one heading per kind, the rows under it. */
export function checkFindings(check: ReportCheck, title: string): { heading: string; rows: ReportProblem[] }[] {
  const out: { heading: string; rows: ReportProblem[] }[] = [];
  if (check.refusal) out.push({ heading: check.refusal, rows: [] });
  if (check.errors.length) out.push({ heading: `工作簿有 ${check.errors.length} 个校验错误（请先在「校验」中改正，或知悉后仍然生成）：`, rows: check.errors });
  if (check.excluded.length) out.push({ heading: `积分台账中有 ${check.excluded.length} 行记录不计入本期积分，${title}中没有它们：`, rows: check.excluded });
  if (check.unapproved.length) out.push({ heading: `${check.unapproved.join("、")} 尚未经支委会审定：表中积分是暂定的。`, rows: [] });
  if (check.unfinishedUntil) out.push({ heading: `本期至 ${check.unfinishedUntil} 才结束：之后的记录还没有计入。`, rows: [] });
  if (check.posted) out.push({ heading: `本期已审定，已张贴的「${check.posted}」原样保留；新生成的表写在它旁边，作为更正后的新版本。`, rows: [] });
  return out;
}

/**
 * 公示 / 排名 / 年终 and every other form of the scheme: pick a form and one of its periods. Before
 * writing, the workbook is checked (errors, rows left out, unapproved or unfinished periods, an empty
 * roster); when anything needs the clerk's decision nothing is written until 仍然生成 (an empty roster
 * is refused outright). Then the sheet is written and its first rows shown.
 */
export function useReportPanel(host: LedgerHost, today = new Date()) {
  const choices = useAction(loadReportChoicesAction, host);
  const check = useAction(checkReportAction, host);
  const report = useAction(writeReportAction, host);
  const [form, setForm] = useState<ReportFormName>("公示");
  const [period, setPeriod] = useState("");
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const [writtenFor, setWrittenFor] = useState<string | null>(null);
  const { run: load } = choices;

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const forms = choices.result?.forms ?? [];
  const current = forms.find((f) => f.name === form) ?? forms[0] ?? null;
  const periods = current?.periods ?? [];
  // The chosen period, else the form's last one (the one a clerk usually posts).
  const chosen = periods.includes(period) ? period : periods[periods.length - 1] ?? "";
  const key = current ? `${current.name}|${chosen}` : "";
  // A check of another form or period is not shown: the clerk decides on what is to be written.
  const shownCheck = checkedFor === key ? check.result : null;

  // The sheet's first rows: title lines (one value in the row) as text, the header and rows as a table.
  // Likewise the sheet written is shown only beside the form and period it was written for.
  const written = writtenFor === key ? report.result : null;
  const top = written?.top ?? [];
  const filled = (row: string[]) => row.filter((v) => v !== "").length;
  const firstTableRow = top.findIndex((row) => filled(row) > 1);
  const lines = (firstTableRow < 0 ? top : top.slice(0, firstTableRow)).map((row) => row.find((v) => v !== "") ?? "").filter((v) => v !== "");
  const table = firstTableRow < 0 ? [] : top.slice(firstTableRow).map((row) => row.slice(0, Math.max(...top.map(filledWidth))));

  const input = () => ({ form: current!.name, period: chosen, today: localIsoDate(today) });
  const write = async () => {
    const written = await report.run(input());
    if (written) setWrittenFor(key);
    return written;
  };

  return {
    loading: choices.running,
    preview: { lines, table },
    loadError: choices.error,
    forms,
    form: current?.name ?? form,
    chooseForm: (name: ReportFormName) => setForm(name),
    periods,
    period: chosen,
    choosePeriod: setPeriod,
    check: { ...check, result: shownCheck },
    findings: shownCheck && current ? checkFindings(shownCheck, current.title) : [],
    /** Something needs the clerk's decision: 仍然生成 writes anyway. */
    needsDecision: shownCheck !== null && !shownCheck.refusal && !reportCheckClean(shownCheck) && writtenFor !== key,
    report,
    /** What the last 生成 wrote, while the form and period it was for are the ones chosen. */
    written,
    /** Checks, then writes when nothing needs a decision; otherwise resolves to null with the findings shown. */
    generate: async () => {
      if (!current || !chosen) return null;
      setWrittenFor(null);
      const found = await check.run(input());
      setCheckedFor(key);
      if (!found || found.refusal || !reportCheckClean(found)) return null;
      return write();
    },
    /** 仍然生成: writes after the clerk has seen the findings; never for an empty roster. */
    generateAnyway: () => (shownCheck && !shownCheck.refusal ? write() : Promise.resolve(null)),
    selectProblem: (p: ReportProblem) => host.selectCell(p.sheet, p.row, p.column || "A"),
  };
}
