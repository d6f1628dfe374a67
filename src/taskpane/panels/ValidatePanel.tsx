import { Badge, Button, Caption1, Link, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { RepairTables } from "./RepairTables";
import { useValidatePanel } from "./useValidatePanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  issue: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  list: { listStyle: "none", margin: 0, padding: 0 },
});

/** 校验: issues grouped by sheet with counts; a click selects the cell; a fix hint per issue; 修复表格 when a table needs it. */
export function ValidatePanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const v = useValidatePanel(host);
  const [selectError, setSelectError] = useState<string | null>(null);
  const total = v.result ? v.result.errors + v.result.warnings : 0;
  return (
    <section className={styles.root} aria-label="校验">
      <Button appearance="primary" disabled={v.running} onClick={() => void v.validate()}>
        校验台账
      </Button>
      {v.slow && <Spinner size="tiny" label="正在校验…" />}
      <FailureBar text={v.error ?? selectError} />
      {v.result && (
        <MessageBar intent={v.result.errors ? "error" : v.result.warnings ? "warning" : "success"}>
          <MessageBarBody>{total ? `发现 ${v.result.errors} 个错误（不计分）、${v.result.warnings} 个提醒（计分但须核对）。点击条目可选中单元格。` : "校验通过：没有发现问题。"}</MessageBarBody>
        </MessageBar>
      )}
      <RepairTables host={host} issues={v.result?.issues ?? null} revalidate={v.validate} />
      {v.groups.map((g) => (
        <div key={g.sheet}>
          <Subtitle2 as="h2">
            {g.sheet} <Badge color="danger">{`错误 ${g.errors}`}</Badge> <Badge color="warning">{`提醒 ${g.warnings}`}</Badge>
          </Subtitle2>
          <ul className={styles.list}>
            {g.issues.map((i) => (
              <li key={`${i.row}-${i.column}-${i.code}`} className={styles.issue}>
                <Link onClick={() => void v.select(i).then(setSelectError)}>{`${i.severity === "error" ? "错误" : "提醒"} · ${i.column}${i.row}：${i.message}`}</Link>
                <Caption1>{`改正：${i.hint}`}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
