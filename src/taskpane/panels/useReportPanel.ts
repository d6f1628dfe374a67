import { localIsoDate } from "../../core/period";
import { useEffect, useState } from "react";
import type { ReportFormName } from "../../core/reports";
import { loadReportChoicesAction, writeReportAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";


/** Columns up to the last non-empty cell. */
function filledWidth(row: string[]): number {
  let w = row.length;
  while (w > 0 && row[w - 1] === "") w--;
  return w;
}

/** 公示 / 排名 / 年终: pick a form and one of its periods, write the sheet, show its first rows. */
export function useReportPanel(host: LedgerHost, today = new Date()) {
  const choices = useAction(loadReportChoicesAction, host);
  const report = useAction(writeReportAction, host);
  const [form, setForm] = useState<ReportFormName>("公示");
  const [period, setPeriod] = useState("");
  const { run: load } = choices;

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const forms = choices.result?.forms ?? [];
  const current = forms.find((f) => f.name === form) ?? null;
  const periods = current?.periods ?? [];
  // The chosen period, else the form's last one (the one a clerk usually posts).
  const chosen = periods.includes(period) ? period : periods[periods.length - 1] ?? "";

  // The sheet's first rows: title lines (one value in the row) as text, the header and rows as a table.
  const top = report.result?.top ?? [];
  const filled = (row: string[]) => row.filter((v) => v !== "").length;
  const firstTableRow = top.findIndex((row) => filled(row) > 1);
  const lines = (firstTableRow < 0 ? top : top.slice(0, firstTableRow)).map((row) => row.find((v) => v !== "") ?? "").filter((v) => v !== "");
  const table = firstTableRow < 0 ? [] : top.slice(firstTableRow).map((row) => row.slice(0, Math.max(...top.map(filledWidth))));

  return {
    loading: choices.running,
    preview: { lines, table },
    loadError: choices.error,
    forms,
    form,
    chooseForm: (name: ReportFormName) => setForm(name),
    periods,
    period: chosen,
    choosePeriod: setPeriod,
    report,
    generate: () => (chosen ? report.run({ form, period: chosen, today: localIsoDate(today) }) : Promise.resolve(null)),
  };
}
