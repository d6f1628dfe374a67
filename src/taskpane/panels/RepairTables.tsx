import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { ValidationIssue } from "../../core/validation/validateLedger";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useRepairTables } from "./useRepairTables";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  lines: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/**
 * 修复表格: shown in 校验 when a table was converted to a range, shrunk, or has rows typed below it.
 * Says what was found and where, and repairs it in one action without changing a cell.
 */
export function RepairTables({ host, issues, revalidate }: { host: LedgerHost; issues: readonly ValidationIssue[] | null; revalidate: () => Promise<unknown> }) {
  const styles = useStyles();
  const r = useRepairTables(host, issues, revalidate);
  if (r.offered.length === 0 && r.done.length === 0 && !r.error) return null;
  return (
    <section className={styles.root} aria-label="修复表格">
      {r.offered.length > 0 && (
        <MessageBar intent={r.blocking ? "error" : "warning"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{r.blocking ? "表格需要修复：修复前不能计分、生成报表或审定" : "表格需要修复"}</MessageBarTitle>
            <ul className={styles.lines}>
              {r.offered.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            「修复表格」在原来的单元格上重建表格，并把表格下方的行并入表格；单元格一个不动，操作记入操作日志。
          </MessageBarBody>
        </MessageBar>
      )}
      {r.offered.length > 0 && (
        <Button appearance="primary" disabled={r.running} onClick={() => void r.repair()}>
          修复表格
        </Button>
      )}
      {r.slow && <Spinner size="tiny" label="正在修复表格…" />}
      <FailureBar text={r.error} />
      {r.done.length > 0 && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <ul className={styles.lines}>
              {r.done.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {r.remaining.length > 0 && `仍须手工处理：${r.remaining.join("；")}`}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
