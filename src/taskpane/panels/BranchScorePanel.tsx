import { Button, Caption1, Dropdown, Field, Input, Option, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useId } from "react";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useBranchScorePanel } from "./useBranchScorePanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  branch: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase100, width: "100%", tableLayout: "fixed" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "1px 2px", textAlign: "right", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  wrap: { overflowWrap: "anywhere" },
});

const COLUMNS = ["月份", "基础分", "扣分", "任务分", "奖励分", "总分"];

/** 支部积分: one 上年得分 / 基础分扣分 / 任务分 / 奖励分 row at a time; each branch's months and 年度得分. */
export function BranchScorePanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useBranchScorePanel(host);
  const hintId = useId();
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const { year, branches, problems } = p.state;
  return (
    <section className={styles.root} aria-label="支部积分">
      <Caption1>每月积分 = 基础分（上月总分的40%，1月为上年得分的40%）− 基础分扣分 + 任务分 + 奖励分；每条一行。</Caption1>
      <Field label="党支部" required>
        <Input value={p.fields.branch} list={hintId} onChange={(_, d) => p.updateFields({ branch: d.value })} />
      </Field>
      <datalist id={hintId}>
        {p.branchNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Field label="月份" required>
        <Input value={p.fields.month} placeholder="2026-03" onChange={(_, d) => p.updateFields({ month: d.value })} />
      </Field>
      <Field label="类别" required>
        <Dropdown placeholder="选择类别" value={p.fields.kind} selectedOptions={p.fields.kind ? [p.fields.kind] : []} onOptionSelect={(_, d) => p.updateFields({ kind: d.optionValue ?? "" })}>
          {p.kinds.map((k) => (
            <Option key={k} value={k}>
              {k}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="考核内容">
        <Input value={p.fields.item} onChange={(_, d) => p.updateFields({ item: d.value })} />
      </Field>
      <Field label="分值" required hint={p.fields.kind === "基础分扣分" ? "填扣去的分数" : undefined}>
        <Input value={p.fields.points} inputMode="decimal" onChange={(_, d) => p.updateFields({ points: d.value })} />
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.problems.length > 0 || p.add.running} onClick={() => void p.submit()}>
        登记支部积分
      </Button>
      <FailureBar text={p.add.error} />
      <Subtitle2 as="h2">{`${year} 年度支部积分（${branches.length}）`}</Subtitle2>
      {branches.map((b) => (
        <div key={b.branch} className={styles.branch}>
          <Caption1 className={styles.wrap}>{`${b.branch}：年度得分 ${b.yearScore}${b.previousYear === null ? "" : `（上年得分 ${b.previousYear}）`}`}</Caption1>
          <table className={styles.table} aria-label={`${b.branch}月度积分`}>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} className={styles.cell}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.months.map((m) => (
                <tr key={m.month}>
                  <td className={styles.cell}>{`${m.month}月`}</td>
                  <td className={styles.cell}>{m.base}</td>
                  <td className={styles.cell}>{m.deducted}</td>
                  <td className={styles.cell}>{m.task}</td>
                  <td className={styles.cell}>{m.reward}</td>
                  <td className={styles.cell}>{m.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {problems.length > 0 && (
        <>
          <Caption1>{`支部积分表中的问题（${problems.length}）：`}</Caption1>
          <ul className={styles.list} aria-label="支部积分问题">
            {problems.map((text, i) => (
              <li key={i}>
                <Caption1 className={styles.wrap}>{text}</Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
