import { useRef, useState } from "react";
import type { RosterFilePreview } from "../../app/memberService";
import { describePreview } from "../../app/tableImport";
import { importRosterFileAction, openRosterFileAction, previewRosterFileAction } from "../actions";
import type { LedgerHost } from "../host";
import type { RosterFile } from "../rosterFile";
import { useAction } from "../useAction";

/** Issues listed under the preview; the rest are counted. */
export const SHOWN_ISSUES = 20;

type Stage = "open" | "preview" | "import";

/**
 * 名册 from a workbook the branch already keeps (.xlsx): the clerk picks the file, the sheet (by default
 * the first with a roster header), sees the columns matched, the columns left out, the first rows and
 * the validation issues of every row as it would stand; nothing is written until 导入.
 */
export function useRosterImport(host: LedgerHost, onImported: () => unknown) {
  const open = useAction(openRosterFileAction, host);
  const preview = useAction(previewRosterFileAction, host);
  const importing = useAction(importRosterFileAction, host);
  const [file, setFile] = useState<RosterFile | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<RosterFilePreview | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  // A new file input after each import or new pick: a file input cannot be cleared by value.
  const [inputKey, setInputKey] = useState(0);
  // The latest pick or sheet choice; a slower earlier read must not overwrite it.
  const latest = useRef(0);

  const showPreview = async (opened: RosterFile, name: string | undefined, ticket: number) => {
    setStage("preview");
    const p = await preview.run({ file: opened, sheet: name });
    if (ticket !== latest.current) return false;
    setPreviewed(p);
    setSheet(p?.table.sheet ?? name ?? opened.sheets[0] ?? null);
    return p !== null;
  };

  const errors = previewed ? previewed.issues.filter((i) => i.severity === "error") : [];
  const running = { open: open.running, preview: preview.running, import: importing.running };
  const failure = { open: open.error, preview: preview.error, import: importing.error };

  return {
    inputKey,
    file,
    sheet,
    /** True while the file is read or previewed (a spinner; a large file takes a while). */
    reading: open.running || preview.running,
    running: stage ? running[stage] : false,
    /** What went wrong at the last step, in Chinese. */
    error: stage ? failure[stage] : null,
    previewed,
    /** 「编号 ← B 列「工号」（同义词）」 per matched column. */
    mapping: previewed ? describePreview(previewed.table) : [],
    errors,
    shownIssues: previewed ? previewed.issues.slice(0, SHOWN_ISSUES) : [],
    /** The count of members imported by the last 导入, else null. */
    imported: stage === "import" && importing.result ? { rows: importing.result.rows, sheet: importing.result.preview.sheet, name: importing.result.preview.source } : null,
    /** The clerk picked a file (null: the picker was cancelled); opens and previews it. */
    pick: async (picked: File | null) => {
      const ticket = ++latest.current;
      setFile(null);
      setSheet(null);
      setPreviewed(null);
      setStage(null);
      if (!picked) return false;
      setStage("open");
      const opened = await open.run(picked);
      if (!opened || ticket !== latest.current) return false;
      setFile(opened);
      return showPreview(opened, undefined, ticket);
    },
    chooseSheet: async (name: string) => {
      if (!file) return false;
      const ticket = ++latest.current;
      setSheet(name);
      setPreviewed(null);
      return showPreview(file, name, ticket);
    },
    /** Appends the previewed sheet; with validation errors only when the clerk insists (`force`). */
    confirm: async (force = false) => {
      if (!file || !previewed || previewed.table.total === 0 || (errors.length > 0 && !force)) return false;
      setStage("import");
      const result = await importing.run({ file, sheet: previewed.table.sheet });
      if (!result) return false;
      latest.current++;
      setFile(null);
      setSheet(null);
      setPreviewed(null);
      setInputKey((k) => k + 1);
      await onImported();
      return true;
    },
  };
}
