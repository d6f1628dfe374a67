import { Button, Caption1, Dropdown, Field, Input, Option, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { CommitmentStatus } from "../../core/commitments/commitments";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useCommitmentPanel } from "./useCommitmentPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});

/** 承诺事项: the year's commitments; register one; record how it ended, with the entry that scored it. */
export function CommitmentPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useCommitmentPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const { items } = p.state;
  return (
    <section className={styles.root} aria-label="承诺事项">
      <Caption1>
        {items.fulfilled
          ? `本方案对承诺事项计分：兑现记「${items.fulfilled}」，无正当理由未兑现记「${items.broken ?? "—"}」；记分后在承诺中填写该记录的行号。`
          : "本方案不对承诺事项单独计分，只登记和跟进。"}
      </Caption1>
      <Field label="党员" required>
        <Dropdown placeholder="选择党员" value={p.state.members.find((m) => m.id === p.fields.memberId)?.name ?? ""} onOptionSelect={(_, d) => p.updateFields({ memberId: d.optionValue ?? "" })}>
          {p.state.members.map((m) => (
            <Option key={m.id} value={m.id} text={`${m.name}（${m.id}）`}>
              {`${m.name}（${m.id}）`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="承诺事项" required>
        <Input value={p.fields.text} onChange={(_, d) => p.updateFields({ text: d.value })} />
      </Field>
      <Field label="完成时限" required>
        <Input value={p.fields.deadline} placeholder="2026-12-31" onChange={(_, d) => p.updateFields({ deadline: d.value })} />
      </Field>
      {p.addProblems.length > 0 && <Caption1>{p.addProblems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.addProblems.length > 0 || p.add.running} onClick={() => void p.submit()}>
        登记承诺
      </Button>
      <FailureBar text={p.add.error ?? p.update.error} />
      <Subtitle2 as="h2">{`${p.state.year} 年度承诺（${p.state.commitments.length}）`}</Subtitle2>
      <ul className={styles.list} aria-label="承诺列表">
        {p.state.commitments.map((c) => (
          <li key={c.row} className={styles.item}>
            <Caption1>{`第${c.row}行 ${c.name}：${c.text}（时限 ${c.deadline}）· ${c.status}${c.entryRow ? ` · 积分记录 ${c.entryRow}` : ""}`}</Caption1>
            {p.change?.row === c.row ? (
              <>
                <Dropdown value={p.change.status} selectedOptions={[p.change.status]} onOptionSelect={(_, d) => p.editChange({ status: d.optionValue as CommitmentStatus })}>
                  {p.statuses.map((s) => (
                    <Option key={s} value={s}>
                      {s}
                    </Option>
                  ))}
                </Dropdown>
                <Input aria-label="跟进记录" placeholder="跟进记录" value={p.change.followUp} onChange={(_, d) => p.editChange({ followUp: d.value })} />
                <Input aria-label="积分记录号" placeholder="积分台账中的记录号" value={p.change.entryId} onChange={(_, d) => p.editChange({ entryId: d.value })} />
                {p.changeProblems.length > 0 && <Caption1>{p.changeProblems.join("；")}</Caption1>}
                <Button disabled={p.changeProblems.length > 0 || p.update.running} onClick={() => void p.saveChange()}>
                  保存完成情况
                </Button>
              </>
            ) : (
              <Button size="small" onClick={() => p.startChange(c.row, c.status as CommitmentStatus)}>
                更新完成情况
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
