import { localIsoDate } from "../../core/period";
import { useEffect, useState } from "react";
import type { ReportFormName } from "../../core/reports";
import { loadReportChoicesAction, writeReportAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";


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

  return {
    loading: choices.running,
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
