import {
  Button,
  Caption1,
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  OptionGroup,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { ACTIVITIES, useEntryPanel } from "./useEntryPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  grow: { flex: 1, minWidth: 0 },
  // The date takes most of a 320 px pane's row: "2026-03-01" is never cut.
  date: { flex: 3, minWidth: 0 },
  // Fluent's Input keeps a minimum width; in a 320 px pane fields share a row.
  input: { minWidth: 0, width: "100%" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  plain: { listStyle: "none", margin: 0, padding: 0 },
  checks: { maxHeight: "200px", overflowY: "auto", display: "flex", flexDirection: "column", border: `1px solid ${tokens.colorNeutralStroke2}` },
  recent: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS, paddingBlock: tokens.spacingVerticalXXS },
  // 已撤销 / 撤销记录 beside a long item name: kept on one line in a 320 px pane.
  state: { flexShrink: 0, whiteSpace: "nowrap" },
});

const STATE_TEXT = { reversed: "已撤销", reversal: "撤销记录" } as const;

/** 录入: one member or a batch by activity, validated before it reaches 积分台账; a veto or heavy points confirmed first; 撤销本条. */
export function EntryPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useEntryPanel(host);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const pending = p.pending;
  useEffect(() => {
    if (pending) confirmButton.current?.focus();
  }, [pending]);
  const last = p.outcome;
  const memberLabel = (m: { id: string; name: string; category: string }) => `${m.name}（${m.id}，${m.category}）`;
  const itemLabel = (i: { code: string; name: string; points: string }) => `${i.code} ${i.name}（${i.points}）`;
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.context) return <Spinner size="tiny" label="正在读取台账…" />;
  const batch = p.mode === "batch";
  return (
    <section
      className={styles.root}
      aria-label="录入"
      onKeyDown={(e) => {
        if (e.key === "Escape" && pending) {
          e.preventDefault();
          p.cancel();
        }
      }}
    >
      <Caption1>{`${p.context.schemeName} · ${p.context.year} 年度`}</Caption1>
      <TabList size="small" selectedValue={p.mode} onTabSelect={(_, d) => p.setMode(d.value === "batch" ? "batch" : "single")} aria-label="录入方式">
        <Tab value="single">单条录入</Tab>
        <Tab value="batch">按活动批量录入</Tab>
      </TabList>
      <form
        className={styles.form}
        aria-label="积分记录"
        onSubmit={(e) => {
          e.preventDefault();
          void p.submit();
        }}
      >
        {!batch && (
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
        )}
        {batch && (
          <Field label="活动（写入说明）">
            <Combobox freeform placeholder="三会一课、主题党日…" value={p.fields.activity} onInput={(e) => p.update({ activity: (e.target as HTMLInputElement).value })} onOptionSelect={(_, d) => p.update({ activity: d.optionText ?? "" })}>
              {ACTIVITIES.map((a) => (
                <Option key={a}>{a}</Option>
              ))}
            </Combobox>
          </Field>
        )}
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
          <Field label="日期" required className={styles.date}>
            <Input className={styles.input} value={p.fields.date} placeholder="2026-03-01" onChange={(_, d) => p.update({ date: d.value })} />
          </Field>
          <Field label="次数" className={styles.grow}>
            <Input className={styles.input} value={p.fields.count} inputMode="numeric" onChange={(_, d) => p.update({ count: d.value })} />
          </Field>
        </div>
        {p.item?.needsValue && (
          <Field label="分值" required>
            <Input className={styles.input} value={p.fields.value} inputMode="decimal" placeholder={p.item.points} onChange={(_, d) => p.update({ value: d.value })} />
          </Field>
        )}
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
        {batch && (
          <>
            <Field label="粘贴名单（缺席、迟到或请假的党员，每行一个或用 、，空格 分隔）" validationMessage={p.unmatched.length ? p.unmatched.join("\n") : undefined}>
              <Textarea value={p.paste} rows={2} onChange={(_, d) => p.setPaste(d.value)} />
            </Field>
            <div className={styles.row}>
              <Caption1 className={styles.grow}>{`已选 ${p.ticked.length} 人`}</Caption1>
              <Button size="small" onClick={p.tickAll}>
                全选
              </Button>
              <Button size="small" onClick={p.clearTicks}>
                清除
              </Button>
            </div>
            <div className={styles.checks} role="group" aria-label="党员（勾选）">
              {p.context.members.map((m) => (
                <Checkbox key={m.id} label={memberLabel(m)} checked={p.ticked.includes(m.id)} onChange={(_, d) => p.toggle(m.id, d.checked === true)} />
              ))}
            </div>
          </>
        )}
        {p.preview.length > 0 && p.item && (
          <>
            <Subtitle2 as="h3">{`将写入 ${p.preview.length} 行`}</Subtitle2>
            <ul className={styles.list} aria-label="预览">
              {p.preview.map((r) => (
                <li key={r.memberId}>
                  <Caption1>{`${r.name}（${r.memberId}） ${p.fields.date} ${p.item!.code} ${r.points}${r.consequence ? " · 须确认" : ""}`}</Caption1>
                </li>
              ))}
            </ul>
          </>
        )}
        {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
        {!pending && (
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={p.problems.length > 0 || p.append.running}>
              写入台账
            </Button>
            {p.refused && (
              <Button disabled={p.append.running} onClick={() => void p.submit(true)}>
                仍然写入（校验时列出，改正前不计分）
              </Button>
            )}
          </div>
        )}
      </form>
      {pending && (
        <div role="alertdialog" aria-label="确认写入">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>请确认：</MessageBarTitle>
              <ul className={styles.list}>
                {pending.confirmations.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </MessageBarBody>
            <MessageBarActions>
              <Button ref={confirmButton} appearance="primary" disabled={p.append.running} onClick={() => void p.confirm()}>
                确认写入
              </Button>
              <Button onClick={p.cancel}>取消（Esc）</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
      {p.append.slow && <Spinner size="tiny" label="正在写入…" />}
      <FailureBar text={p.append.error} />
      {last && last.confirmations.length === 0 && (
        <MessageBar intent={!last.written ? "error" : last.issues.length ? "warning" : "success"}>
          <MessageBarBody>
            {last.written
              ? last.rows.length === 1
                ? `已写入积分台账第 ${last.rows[0]} 行。`
                : `已写入积分台账第 ${last.rows[0]}–${last.rows[last.rows.length - 1]} 行（${last.rows.length} 条）。`
              : (p.blockedReason ?? "未写入：这条记录有错误，请改正后再写入。")}
            {last.issues.length > 0 && (
              <ul className={styles.list}>
                {last.issues.map((i) => (
                  <li key={`${i.row}-${i.column}-${i.code}`}>{last.rows.length > 1 ? `第${i.row}行：${i.message}` : i.message}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {!batch && p.member && (
        <>
          <Subtitle2 as="h2">{`${p.member.name} 的最近记录`}</Subtitle2>
          {p.memberRows.length === 0 && <Caption1>还没有记录。</Caption1>}
          <ul className={styles.plain} aria-label={`${p.member.name} 的最近记录`}>
            {p.memberRows.map((r) => (
              <li key={r.row} className={styles.recent}>
                <Caption1>{`第${r.row}行 ${r.date} ${r.item} ${r.points}`}</Caption1>
                {r.state === "open" && (
                  <Button size="small" disabled={p.takeBack.running} aria-label={`撤销第${r.row}行`} onClick={() => void p.takeBackRow(r)}>
                    撤销本条
                  </Button>
                )}
                {r.state === "approved" && (
                  <Button size="small" appearance="subtle" aria-label={`第${r.row}行已审定`} onClick={() => void p.takeBackRow(r)}>
                    {`已审定（${r.approvedPeriod}）`}
                  </Button>
                )}
                {(r.state === "reversed" || r.state === "reversal") && <Caption1 className={styles.state}>{STATE_TEXT[r.state]}</Caption1>}
              </li>
            ))}
          </ul>
          <FailureBar text={p.takeBackRefusal ?? p.takeBack.error} />
          {p.takenBack && (
            <MessageBar intent="success">
              <MessageBarBody>{p.takenBack}</MessageBarBody>
            </MessageBar>
          )}
        </>
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
