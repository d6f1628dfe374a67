import { Button, Caption1, Dropdown, Field, Link, MessageBar, MessageBarBody, Option, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { ReportFormName } from "../../core/reports";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { SHOWN_PROBLEMS, describeProblem, useReportPanel } from "./useReportPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  top: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase100, width: "100%", tableLayout: "fixed" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "1px 3px", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/** Every committee form of the scheme, checked before it is written (values and standard formulas only). */
export function ReportPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useReportPanel(host);
  const result = p.written;
  if (p.loadError)
    return <FailureBar text={p.loadError} />;
  return (
    <section className={styles.root} aria-label="公示排名年终">
      <Field label="报表">
        <Dropdown value={p.forms.find((f) => f.name === p.form)?.title ?? ""} selectedOptions={[p.form]} onOptionSelect={(_, d) => p.chooseForm(d.optionValue as ReportFormName)}>
          {p.forms.map((f) => (
            <Option key={f.name} value={f.name} text={f.title}>
              {f.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="期间">
        <Dropdown value={p.period} selectedOptions={[p.period]} onOptionSelect={(_, d) => p.choosePeriod(d.optionValue ?? "")}>
          {p.periods.map((label) => (
            <Option key={label} value={label}>
              {label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button appearance="primary" disabled={!p.period || p.report.running || p.check.running || p.loading} onClick={() => void p.generate()}>
        生成并打开
      </Button>
      <Caption1>生成前先检查台账；报表写入单独的工作表（只含数值和标准公式），不改动台账，支委会成员没有加载项也能打开、打印。</Caption1>
      {(p.report.slow || p.check.slow || p.loading) && <Spinner size="tiny" label={p.loading ? "正在读取台账…" : p.check.running ? "正在检查台账…" : "正在生成…"} />}
      <FailureBar text={p.check.error ?? p.report.error} />
      {p.findings.length > 0 && (
        <MessageBar intent={p.check.result?.refusal ? "error" : "warning"} layout="multiline">
          <MessageBarBody>
            <div aria-label="生成前的检查">
              {p.findings.map((f) => (
                <div key={f.heading}>
                  {f.heading}
                  {f.rows.length > 0 && (
                    <ul className={styles.list}>
                      {f.rows.slice(0, SHOWN_PROBLEMS).map((r) => (
                        <li key={`${r.sheet}|${r.row}|${r.column}|${r.message}`}>
                          <Link as="button" onClick={() => void p.selectProblem(r)}>
                            {describeProblem(r)}
                          </Link>
                        </li>
                      ))}
                      {f.rows.length > SHOWN_PROBLEMS && <li>{`另有 ${f.rows.length - SHOWN_PROBLEMS} 处`}</li>}
                    </ul>
                  )}
                </div>
              ))}
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {p.needsDecision && (
        <Button disabled={p.report.running} onClick={() => void p.generateAnyway()}>
          知悉以上情况，仍然生成
        </Button>
      )}
      {result && (
        <>
          <MessageBar intent={result.warnings.length || result.kept.length ? "warning" : "success"}>
            <MessageBarBody>{`已生成：${result.sheets.join("、")}。${result.kept.join("")}${result.warnings.join("；")}`}</MessageBarBody>
          </MessageBar>
          {p.preview.lines.map((line) => (
            <Caption1 key={line}>{line}</Caption1>
          ))}
          <table className={styles.top} aria-label="报表开头">
            <tbody>
              {p.preview.table.map((row, r) => (
                <tr key={r}>
                  {row.map((v, c) => (
                    <td key={c} className={styles.cell} title={v}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
