import {
  Button,
  Caption1,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useEntryPanel } from "./useEntryPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  grow: { flex: 1, minWidth: 0 },
  // Fluent's Input keeps a minimum width; in a 320 px pane three of them share a row.
  input: { minWidth: 0, width: "100%" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** 录入: one entry at a time, validated before it reaches 积分台账; the latest rows below. */
export function EntryPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useEntryPanel(host);
  const last = p.append.result;
  const memberLabel = (m: { id: string; name: string; category: string }) => `${m.name}（${m.id}，${m.category}）`;
  const itemLabel = (i: { code: string; name: string; points: string }) => `${i.code} ${i.name}（${i.points}）`;
  if (p.loadError)
    return <FailureBar text={p.loadError} />;
  if (!p.context) return <Spinner size="tiny" label="正在读取台账…" />;
  return (
    <section className={styles.root} aria-label="录入">
      <Caption1>{`${p.context.schemeName} · ${p.context.year} 年度`}</Caption1>
      <Field label="党员（输入姓名或编号搜索）" required>
        <Combobox
          freeform
          placeholder="姓名或编号"
          value={p.member && !p.query ? memberLabel(p.member) : p.query}
          selectedOptions={p.member ? [p.member.id] : []}
          onInput={(e) => p.search((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => {
            p.update({ memberId: d.optionValue ?? "" });
            p.search("");
          }}
        >
          {p.members.map((m) => (
            <Option key={m.id} value={m.id} text={memberLabel(m)}>
              {memberLabel(m)}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="积分项目" required>
        <Dropdown placeholder="选择项目" value={p.item ? itemLabel(p.item) : ""} selectedOptions={p.item ? [p.item.code] : []} onOptionSelect={(_, d) => p.update({ itemCode: d.optionValue ?? "" })}>
          {p.itemGroups.map((g) => (
            <OptionGroup key={g.component} label={g.component}>
              {g.items.map((i) => (
                <Option key={i.code} value={i.code} text={itemLabel(i)}>
                  {itemLabel(i)}
                </Option>
              ))}
            </OptionGroup>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field label="日期" required className={styles.grow}>
          <Input className={styles.input} value={p.fields.date} onChange={(_, d) => p.update({ date: d.value })} />
        </Field>
        <Field label="次数" className={styles.grow}>
          <Input className={styles.input} value={p.fields.count} inputMode="numeric" onChange={(_, d) => p.update({ count: d.value })} />
        </Field>
        {p.item?.needsValue && (
          <Field label="分值" required className={styles.grow}>
            <Input className={styles.input} value={p.fields.value} inputMode="decimal" onChange={(_, d) => p.update({ value: d.value })} />
          </Field>
        )}
      </div>
      <Field label="证明材料" required={p.item?.evidenceRequired}>
        <Input value={p.fields.evidence} onChange={(_, d) => p.update({ evidence: d.value })} />
      </Field>
      <div className={styles.row}>
        <Field label="记录人" className={styles.grow}>
          <Input className={styles.input} value={p.fields.recorder} onChange={(_, d) => p.update({ recorder: d.value })} />
        </Field>
        <Field label="说明" className={styles.grow}>
          <Input className={styles.input} value={p.fields.note} onChange={(_, d) => p.update({ note: d.value })} />
        </Field>
      </div>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={p.problems.length > 0 || p.append.running} onClick={() => void p.submit()}>
          写入台账
        </Button>
        {p.refused && (
          <Button disabled={p.append.running} onClick={() => void p.submit(true)}>
            仍然写入（校验时列出，改正前不计分）
          </Button>
        )}
      </div>
      {p.append.slow && <Spinner size="tiny" label="正在写入…" />}
      <FailureBar text={p.append.error} />
      {last && (
        <MessageBar intent={!last.written ? "error" : last.issues.length ? "warning" : "success"}>
          <MessageBarBody>
            {last.written ? `已写入积分台账第 ${last.row} 行。` : "未写入：这条记录有错误，请改正后再写入。"}
            {last.issues.length > 0 && (
              <ul className={styles.list}>
                {last.issues.map((i) => (
                  <li key={`${i.column}-${i.code}`}>{i.message}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h2">最近记录</Subtitle2>
      {p.context.recent.length === 0 && <Caption1>积分台账还没有记录。</Caption1>}
      <ul className={styles.list} aria-label="最近记录">
        {p.context.recent.map((r) => (
          <li key={r.row}>
            <Caption1>{`第${r.row}行 ${r.date} ${r.name} ${r.item} ${r.points}`}</Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
