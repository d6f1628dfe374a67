import { Badge, Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useReviewPanel } from "./useReviewPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** 申诉·审定: approval status and edits since approval; approve; record and resolve appeals. */
export function ReviewPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useReviewPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const { state } = p;
  return (
    <section className={styles.root} aria-label="申诉审定">
      <Subtitle2 as="h2">审定</Subtitle2>
      <div className={styles.badges} aria-label="审定状态">
        {state.periods.map((s) => (
          <Badge key={s.period} color={state.reopened.includes(s.period) ? "warning" : s.approved ? "success" : "informative"} appearance={s.approved ? "filled" : "outline"}>
            {`${s.period} ${state.reopened.includes(s.period) ? "待重新审定" : s.approved ? "已审定" : "未审定"}`}
          </Badge>
        ))}
      </div>
      {state.edits.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            {`已审定期间有 ${state.edits.length} 处改动（须恢复原值，更正请走申诉）：`}
            <ul className={styles.list}>
              {state.edits.map((e) => (
                <li key={`${e.period}-${e.row}-${e.kind}`}>{`${e.period} 第${e.row}行：${e.detail}`}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {p.approval.period ? (
        <>
          <Field label="审定期间">
            <Dropdown value={p.approval.period} selectedOptions={[p.approval.period]} onOptionSelect={(_, d) => p.approval.choose(d.optionValue ?? "")}>
              {p.approval.open.map((period) => (
                <Option key={period} value={period}>
                  {period}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="会议">
            <Input value={p.approval.meeting} onChange={(_, d) => p.approval.setMeeting(d.value)} />
          </Field>
          <Button appearance="primary" disabled={p.approval.action.running} onClick={() => void p.approve()}>
            {p.approval.again ? `重新审定 ${p.approval.period}（申诉已处理）` : `审定 ${p.approval.period}（审定后该期间锁定）`}
          </Button>
          <FailureBar text={p.approval.action.error} />
          {p.approval.done && (
            <MessageBar intent="success">
              <MessageBarBody>{`已审定 ${p.approval.done.period}，锁定 ${p.approval.done.rows} 行记录。`}</MessageBarBody>
            </MessageBar>
          )}
        </>
      ) : (
        <Caption1>本年度各期间均已审定。</Caption1>
      )}

      <Subtitle2 as="h2">申诉</Subtitle2>
      <Field label="党员" required>
        <Dropdown placeholder="选择党员" value={state.members.find((m) => m.id === p.appealFields.memberId)?.name ?? ""} onOptionSelect={(_, d) => p.updateAppeal({ memberId: d.optionValue ?? "" })}>
          {state.members.map((m) => (
            <Option key={m.id} value={m.id} text={`${m.name}（${m.id}）`}>
              {`${m.name}（${m.id}）`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="期间" required>
        <Dropdown placeholder="选择期间" value={p.appealFields.period} onOptionSelect={(_, d) => p.updateAppeal({ period: d.optionValue ?? "" })}>
          {state.periods.map((s) => (
            <Option key={s.period} value={s.period}>
              {s.period}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="申诉事项" required>
        <Textarea value={p.appealFields.claim} onChange={(_, d) => p.updateAppeal({ claim: d.value })} />
      </Field>
      <Field label="证明材料">
        <Input value={p.appealFields.evidence} onChange={(_, d) => p.updateAppeal({ evidence: d.value })} />
      </Field>
      {p.appealProblems.length > 0 && <Caption1>{p.appealProblems.join("；")}</Caption1>}
      <Button disabled={p.appealProblems.length > 0 || p.appeal.running} onClick={() => void p.recordAppeal()}>
        登记申诉
      </Button>
      <FailureBar text={p.appeal.error} />

      <Subtitle2 as="h2">{`待处理的申诉（${p.openAppeals.length}）`}</Subtitle2>
      {p.openAppeals.length > 0 && (
        <>
          <Field label="申诉" required>
            <Dropdown
              placeholder="选择申诉"
              value={p.openAppeals.find((a) => a.id === p.resolveFields.appealId)?.id ?? ""}
              onOptionSelect={(_, d) => p.updateResolve({ appealId: d.optionValue ?? "" })}
            >
              {p.openAppeals.map((a) => (
                <Option key={a.id} value={a.id} text={`${a.id} ${a.name} ${a.period}`}>
                  {`${a.id} ${a.name} ${a.period}：${a.claim}`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="处理结果" required>
            <Input value={p.resolveFields.result} onChange={(_, d) => p.updateResolve({ result: d.value })} />
          </Field>
          <Field label="撤销哪条记录：填积分台账「记录号」列的编号（属实时填写；原记录不改动，另加一条撤销记录）">
            <Input value={p.resolveFields.reverseId} inputMode="numeric" onChange={(_, d) => p.updateResolve({ reverseId: d.value })} />
          </Field>
          {p.resolveProblems.length > 0 && <Caption1>{p.resolveProblems.join("；")}</Caption1>}
          <Button disabled={p.resolveProblems.length > 0 || p.resolve.running} onClick={() => void p.resolveAppeal()}>
            处理申诉
          </Button>
        </>
      )}
      <FailureBar text={p.resolve.error} />
      {p.resolve.result && (
        <MessageBar intent="success">
          <MessageBarBody>{p.resolve.result.rows.length ? `已处理，新增积分台账第 ${p.resolve.result.rows.join("、")} 行（记录号 ${p.resolve.result.ids.join("、")}）。` : "已处理。"}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
