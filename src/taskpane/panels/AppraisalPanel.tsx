import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { type AppraisalMethod, useAppraisalPanel } from "./useAppraisalPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  votes: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: tokens.spacingHorizontalXS },
  lines: { whiteSpace: "pre-line" },
  // The grade before each vote box stays on one line in a 320 px pane.
  grade: { whiteSpace: "nowrap" },
});

const METHOD_NAMES: Record<AppraisalMethod, string> = { grade: "直接填写等次", tally: "按票数评定", score: "填写评议分" };

/** 民主评议: each member's grade, score or vote tally (with the committee's override), written in one batch. */
export function AppraisalPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useAppraisalPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const s = p.state;
  return (
    <form
      className={styles.root}
      aria-label="民主评议"
      onSubmit={(e) => {
        e.preventDefault();
        void p.submit();
      }}
    >
      <Subtitle2 as="h2">{`${s.year} 年度${s.component}`}</Subtitle2>
      <Caption1>
        {s.mode === "grades"
          ? `评议等次：${s.grades.map((g) => `${g.name} ${g.points} 分`).join("、")}。`
          : `评议分 ${s.min} 至 ${s.max} 分，填写党员大会投票确定的得分。`}
      </Caption1>
      {p.methods.length > 1 && (
        <RadioGroup layout="horizontal" value={p.method} onChange={(_, d) => p.setMethod(d.value as AppraisalMethod)} aria-label="评定方式">
          {p.methods.map((m) => (
            <Radio key={m} value={m} label={METHOD_NAMES[m]} />
          ))}
        </RadioGroup>
      )}
      {p.method === "tally" && (
        <Caption1>
          得票过半评定：从最高等次往下累计票数，某等次连同更高等次的票数超过总票数的一半，即评为该等次；恰好一半不算过半（取较低等次）。支委会可调整，须填写理由（记入操作日志）。
        </Caption1>
      )}
      {s.mode === "grades" && (
        <Field label={`${s.grades[0]?.name ?? "优秀"}比例上限（超过时提醒）`}>
          <Input value={p.share} onChange={(_, d) => p.setShare(d.value)} />
        </Field>
      )}
      <ul className={styles.list} aria-label="党员评议">
        {s.members.map((m) => {
          const d = p.draftOf(m.id);
          const o = p.outcome(m.id);
          const now = m.grade || m.score;
          return (
            <li key={m.id} className={styles.item}>
              <Caption1>{`${m.id} ${m.name} · ${m.category}${now ? ` · 已记 ${now}` : ""}`}</Caption1>
              {p.method === "grade" && (
                <Dropdown aria-label={`${m.name} 评议等次`} placeholder="评议等次" value={d.grade} selectedOptions={d.grade ? [d.grade] : []} onOptionSelect={(_, x) => p.updateDraft(m.id, { grade: x.optionValue ?? "" })}>
                  {s.grades.map((g) => (
                    <Option key={g.name} value={g.name}>
                      {g.name}
                    </Option>
                  ))}
                </Dropdown>
              )}
              {p.method === "score" && <Input aria-label={`${m.name} 评议分`} placeholder={`${s.min}–${s.max}`} value={d.score} onChange={(_, x) => p.updateDraft(m.id, { score: x.value })} />}
              {p.method === "tally" && (
                <>
                  <div className={styles.votes}>
                    {s.grades.map((g) => (
                      <Input key={g.name} aria-label={`${m.name} ${g.name}票数`} contentBefore={<Caption1 className={styles.grade}>{g.name}</Caption1>} value={d.votes[g.name] ?? ""} onChange={(_, x) => p.setVotes(m.id, g.name, x.value)} />
                    ))}
                  </div>
                  {o?.tallyGrade && <Caption1>{`按票数：${o.tallyGrade}`}</Caption1>}
                  <Dropdown aria-label={`${m.name} 支委会调整`} placeholder="支委会调整为（可选）" value={d.override} selectedOptions={d.override ? [d.override] : []} onOptionSelect={(_, x) => p.updateDraft(m.id, { override: x.optionValue ?? "" })}>
                    <Option value="">不调整</Option>
                    {s.grades.map((g) => (
                      <Option key={g.name} value={g.name}>
                        {g.name}
                      </Option>
                    ))}
                  </Dropdown>
                  {d.override && <Input aria-label={`${m.name} 调整理由`} placeholder="调整理由" value={d.reason} onChange={(_, x) => p.updateDraft(m.id, { reason: x.value })} />}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {p.excellentWarning && (
        <MessageBar intent="warning">
          <MessageBarBody>{p.excellentWarning}</MessageBarBody>
        </MessageBar>
      )}
      {p.problems.length > 0 && <Caption1 className={styles.lines}>{p.problems.join("\n")}</Caption1>}
      <Button type="submit" appearance="primary" disabled={p.problems.length > 0 || p.records.length === 0 || p.save.running}>
        {`写入 ${p.records.length} 名党员的评议结果（Enter）`}
      </Button>
      <FailureBar text={p.save.error} />
      {p.save.result && !p.save.result.written && (
        <FailureBar text={`未写入：\n${p.save.result.issues.filter((i) => i.severity === "error").map((i) => i.message).join("\n")}`} />
      )}
      {p.save.result?.written && <Caption1>{`已写入：新增 ${p.save.result.appended} 行，更新 ${p.save.result.updated} 行`}</Caption1>}
    </form>
  );
}
