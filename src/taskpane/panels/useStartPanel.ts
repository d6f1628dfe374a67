import { useMemo, useState } from "react";
import { scaffoldAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";
import { useSchemeList } from "../components/useSchemeList";

export interface StartForm {
  schemeId: string;
  branch: string;
  year: string;
  secretary: string;
}

/**
 * 开始: choose a scheme (the workbook's own when it has one), fill in the branch, scaffold the
 * workbook and report what was added or left alone.
 */
export function useStartPanel(host: LedgerHost, today = new Date(), workbookSchemeId: string | null = null) {
  const schemes = useSchemeList();
  const initial = schemes.find((s) => s.id === workbookSchemeId)?.id ?? schemes[0]?.id ?? "";
  const [form, setForm] = useState<StartForm>({ schemeId: initial, branch: "", year: String(today.getFullYear()), secretary: "" });
  const scaffold = useAction(scaffoldAction, host);
  const selected = schemes.find((s) => s.id === form.schemeId) ?? null;

  const problems = useMemo(() => {
    const list: string[] = [];
    if (!selected) list.push("请选择积分方案");
    if (!form.branch.trim()) list.push("请填写党支部名称");
    if (!/^\d{4}$/.test(form.year.trim())) list.push("考核年度须为四位年份，如 2026");
    return list;
  }, [form, selected]);

  return {
    schemes,
    selected,
    form,
    update: (patch: Partial<StartForm>) => setForm((f) => ({ ...f, ...patch })),
    problems,
    scaffold,
    submit: () =>
      problems.length > 0
        ? Promise.resolve(null)
        : scaffold.run({ schemeId: form.schemeId, branch: form.branch.trim(), year: Number(form.year.trim()), secretary: form.secretary.trim() }),
  };
}
