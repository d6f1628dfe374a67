import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Option, Dropdown, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useStartPanel } from "./useStartPanel";

const useStyles = makeStyles({ root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS } });

/** 开始: scheme, branch, year, secretary; scaffold; what was added and what was left alone. */
export function StartPanel({ host, schemeId }: { host: LedgerHost; schemeId: string | null }) {
  const styles = useStyles();
  const p = useStartPanel(host, new Date(), schemeId);
  const outcome = p.scaffold.result;
  return (
    <section className={styles.root} aria-label="开始">
      <Field label="积分方案" required>
        <Dropdown
          value={p.selected ? `${p.selected.name}（满分 ${p.selected.maxTotal}）` : ""}
          selectedOptions={[p.form.schemeId]}
          onOptionSelect={(_, d) => p.update({ schemeId: d.optionValue ?? "" })}
        >
          {p.schemes.map((s) => (
            <Option key={s.id} value={s.id} text={`${s.name}（满分 ${s.maxTotal}）`}>
              {`${s.name}（满分 ${s.maxTotal}）`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {p.selected && <Caption1>{p.selected.summary}</Caption1>}
      <Field label="党支部名称" required>
        <Input value={p.form.branch} onChange={(_, d) => p.update({ branch: d.value })} />
      </Field>
      <Field label="考核年度" required>
        <Input value={p.form.year} inputMode="numeric" onChange={(_, d) => p.update({ year: d.value })} />
      </Field>
      <Field label="支部书记">
        <Input value={p.form.secretary} onChange={(_, d) => p.update({ secretary: d.value })} />
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.problems.length > 0 || p.scaffold.running} onClick={() => void p.submit()}>
        生成台账
      </Button>
      {p.scaffold.slow && <Spinner size="tiny" label="正在生成台账…" />}
      <FailureBar text={p.scaffold.error} />
      {outcome && (
        <MessageBar intent={outcome.conflicts.length ? "warning" : "success"}>
          <MessageBarBody>
            {outcome.added.length ? `新建：${outcome.added.join("、")}。` : "没有新建工作表。"}
            {outcome.kept.length ? `保留原有数据：${outcome.kept.join("、")}。` : ""}
            {outcome.conflicts.map((c) => c.message).join("；")}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
