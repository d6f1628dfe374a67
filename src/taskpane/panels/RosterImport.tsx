import { Button, Caption1, Field, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens, useId } from "@fluentui/react-components";
import { useRef } from "react";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useRosterImport } from "./useRosterImport";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  label: { fontWeight: tokens.fontWeightSemibold },
  file: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, maxWidth: "100%" },
  preview: { overflowX: "auto", fontSize: tokens.fontSizeBase200 },
  lines: { whiteSpace: "pre-line" },
  cell: { paddingInline: tokens.spacingHorizontalXS, whiteSpace: "nowrap", textAlign: "left" },
});

/** 导入名册工作簿: a roster the branch keeps in Excel / WPS, previewed with its issues, written on 导入. */
export function RosterImport({ host, onImported }: { host: LedgerHost; onImported: () => unknown }) {
  const styles = useStyles();
  const p = useRosterImport(host, onImported);
  const inputId = useId("roster-file");
  const picker = useRef<HTMLInputElement>(null);
  const shown = p.previewed;
  // Only the columns the file fills (the 320 px pane has no room for the blank ones).
  const columns = shown ? shown.table.headers.flatMap((h, i) => (shown.table.text.some((r) => r[i] !== "") ? [i] : [])) : [];
  return (
    <form
      className={styles.form}
      aria-label="导入名册工作簿"
      onSubmit={(e) => {
        e.preventDefault();
        void p.confirm(p.errors.length > 0);
      }}
    >
      <Subtitle2 as="h2">导入名册工作簿</Subtitle2>
      <Caption1>支部已有的 Excel 名册（.xlsx），列的顺序不限，表头按常见叫法对应（如 工号→编号、党员姓名→姓名）。预览无误后点「导入」才写入。</Caption1>
      <label htmlFor={inputId} className={styles.label}>
        选择名册工作簿（.xlsx）
      </label>
      {/* The browser's own file button speaks the browser's language ("Choose File"): ours is in Chinese. */}
      <input ref={picker} key={p.inputKey} id={inputId} hidden type="file" accept=".xlsx" disabled={p.reading} onChange={(e) => void p.pick(e.target.files?.[0] ?? null)} />
      <div className={styles.file}>
        <Button type="button" disabled={p.reading} onClick={() => picker.current?.click()}>
          选择文件…
        </Button>
        <Caption1>{p.file ? p.file.name : "未选择文件"}</Caption1>
      </div>
      {p.reading && <Spinner size="tiny" label={p.file ? "正在预览…" : "正在读取文件…"} />}
      {p.file && p.file.sheets.length > 0 && (
        <Field label="工作表">
          <ChoiceDropdown value={p.sheet ?? ""} choices={p.file.sheets} onChoose={(s) => s && void p.chooseSheet(s)} />
        </Field>
      )}
      <FailureBar text={p.error} />
      {shown && (
        <>
          <Caption1>{`「${shown.table.source}」工作表「${shown.table.sheet}」第 ${shown.table.headerRow} 行为表头；将写入 ${shown.table.total} 名党员（党员名册第 ${shown.firstRow} 行起）`}</Caption1>
          <Caption1 className={styles.lines}>{`对应的列：\n${p.mapping.join("\n")}`}</Caption1>
          {shown.table.ignored.length > 0 && <Caption1>{`不导入的列：${shown.table.ignored.join("、")}`}</Caption1>}
          <div className={styles.preview}>
            <table aria-label="名册工作簿预览">
              <thead>
                <tr>
                  <th className={styles.cell}>行</th>
                  {columns.map((i) => (
                    <th key={i} className={styles.cell}>
                      {shown.table.headers[i]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.table.text.map((r, n) => (
                  <tr key={shown.table.sourceRows[n]}>
                    <td className={styles.cell}>{shown.table.sourceRows[n]}</td>
                    {columns.map((i) => (
                      <td key={i} className={styles.cell}>
                        {r[i]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.table.total > shown.table.text.length && <Caption1>{`只显示前 ${shown.table.text.length} 行，共 ${shown.table.total} 行`}</Caption1>}
          {shown.issues.length > 0 && (
            <MessageBar intent={p.errors.length ? "error" : "warning"}>
              <MessageBarBody className={styles.lines}>
                {[
                  ...p.shownIssues.map((i) => `${i.severity === "error" ? "错误" : "提示"}：文件第 ${i.sourceRow} 行 ${i.message.replace(/^第\d+行\s*/, "")}`),
                  ...(shown.issues.length > p.shownIssues.length ? [`……另有 ${shown.issues.length - p.shownIssues.length} 个问题`] : []),
                ].join("\n")}
              </MessageBarBody>
            </MessageBar>
          )}
          <Button type="submit" appearance="primary" disabled={p.running || shown.table.total === 0}>
            {p.errors.length ? `仍然导入（有 ${p.errors.length} 个错误，校验会列出）` : `导入 ${shown.table.total} 名党员`}
          </Button>
        </>
      )}
      {p.imported && <Caption1>{`已从「${p.imported.name}」工作表「${p.imported.sheet}」导入 ${p.imported.rows} 名党员`}</Caption1>}
    </form>
  );
}
