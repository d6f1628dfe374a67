import { useEffect, useState } from "react";
import { DEFAULT_PUBLICITY_DAYS, type EditableSettings, settingsProblems } from "../../core/ledger/settings";
import { loadSettingsAction, saveSettingsAction, scaffoldAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";
import { useSchemeList } from "../components/useSchemeList";

export interface StartForm extends EditableSettings {
  schemeId: string;
  year: string;
}

/**
 * 开始: before the workbook has a ledger, choose a scheme (by name), fill in 设置 and scaffold; afterwards,
 * the workbook's own 设置 read back and edited (支部名称, 书记, 记录人, 申诉联系人, 公示天数), the scheme and
 * year shown as fixed (a workbook keeps one of each), and 补齐工作表 for sheets deleted since.
 */
export function useStartPanel(host: LedgerHost, today = new Date(), workbookSchemeId: string | null = null) {
  const schemes = useSchemeList();
  const initial = schemes.find((s) => s.id === workbookSchemeId)?.id ?? schemes[0]?.id ?? "";
  const [form, setForm] = useState<StartForm>({
    schemeId: initial,
    branch: "",
    year: String(today.getFullYear()),
    secretary: "",
    recorder: "",
    appealContact: "",
    publicityDays: String(DEFAULT_PUBLICITY_DAYS),
  });
  const settings = useAction(loadSettingsAction, host);
  const scaffold = useAction(scaffoldAction, host);
  const save = useAction(saveSettingsAction, host);
  const { run: load } = settings;

  useEffect(() => {
    void load(undefined).then((read) => {
      if (read?.exists) setForm({ ...read.values, schemeId: read.schemeId, year: read.year === null ? "" : String(read.year) });
    });
  }, [load]);

  const existing = settings.result?.exists === true;
  // The workbook's scheme may be the branch's own copy (not a built-in): shown by its name from the list when there is one.
  const selected = schemes.find((s) => s.id === form.schemeId) ?? null;
  const values: EditableSettings = { branch: form.branch, secretary: form.secretary, recorder: form.recorder, appealContact: form.appealContact, publicityDays: form.publicityDays };

  const problems: string[] = [];
  if (!existing && !selected) problems.push("请选择积分方案");
  problems.push(...settingsProblems(values));
  if (!existing && !/^\d{4}$/.test(form.year.trim())) problems.push("考核年度须为四位年份，如 2026");

  const scaffoldNew = async () => {
    const done = await scaffold.run({
      schemeId: form.schemeId,
      branch: form.branch.trim(),
      year: Number(form.year.trim()),
      secretary: form.secretary.trim(),
      recorder: form.recorder.trim(),
      appealContact: form.appealContact.trim(),
    });
    if (!done) return null;
    // 公示天数 is not among the rows scaffold writes: a length other than the default is saved after.
    if (form.publicityDays.trim() !== String(DEFAULT_PUBLICITY_DAYS)) await save.run(values);
    await load(undefined);
    return done;
  };

  return {
    schemes,
    selected,
    /** The workbook's scheme by name (its own copy's name too), once read. */
    schemeName: settings.result?.schemeName || selected?.name || form.schemeId,
    /** The workbook has 设置: the panel edits it (scheme and year fixed). */
    existing,
    /** 设置 has been read (or could not be). */
    ready: settings.result !== null || settings.error !== null,
    loadError: settings.error,
    form,
    update: (patch: Partial<StartForm>) => setForm((f) => ({ ...f, ...(existing ? { ...patch, schemeId: f.schemeId, year: f.year } : patch) })),
    problems,
    scaffold,
    save,
    /** New workbook: scaffold. Existing: write the changed 设置 rows (one logged batch; none when nothing changed). */
    submit: async () => {
      if (problems.length > 0) return null;
      if (!existing) return scaffoldNew();
      const changes = await save.run(values);
      if (changes) await load(undefined);
      return changes;
    },
    /** 补齐工作表: sheets of the ledger deleted since are made again with the workbook's own scheme, year and branch. */
    repairSheets: () =>
      existing && problems.length === 0
        ? scaffold.run({ schemeId: form.schemeId, branch: form.branch.trim(), year: Number(form.year), secretary: form.secretary.trim(), recorder: form.recorder.trim(), appealContact: form.appealContact.trim() })
        : Promise.resolve(null),
  };
}
