import { Body1, Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { FormEvent } from "react";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useStartPanel } from "./useStartPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** 开始: a new workbook's scheme and 设置, then scaffold; an existing workbook's 设置 shown and edited. Enter saves. */
export function StartPanel({ host, schemeId }: { host: LedgerHost; schemeId: string | null }) {
  const styles = useStyles();
  const p = useStartPanel(host, new Date(), schemeId);
  const outcome = p.scaffold.result;
  const saved = p.save.result;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void p.submit();
  };
  if (!p.ready) return <Spinner size="tiny" label="正在读取设置…" />;
  return (
    <form className={styles.root} aria-label="开始" onSubmit={onSubmit}>
      {p.existing ? (
        <>
          <Body1>{`积分方案：${p.schemeName}；考核年度：${p.form.year}`}</Body1>
          <Caption1>一个工作簿记一套积分办法、一个考核年度。换积分办法或新的年度，请新建一个工作簿；修改项目和分值在「规则」中。</Caption1>
        </>
      ) : (
        <>
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
          <Field label="考核年度" required>
            <Input value={p.form.year} inputMode="numeric" onChange={(_, d) => p.update({ year: d.value })} />
          </Field>
        </>
      )}
      <Field label="党支部名称" required>
        <Input value={p.form.branch} onChange={(_, d) => p.update({ branch: d.value })} />
      </Field>
      <Field label="支部书记" hint="审批表上的「支部书记（签字）」处留空，由书记手签">
        <Input value={p.form.secretary} onChange={(_, d) => p.update({ secretary: d.value })} />
      </Field>
      <Field label="记录人" hint="录入积分时自动填写，也是报表的制表人">
        <Input value={p.form.recorder} onChange={(_, d) => p.update({ recorder: d.value })} />
      </Field>
      <Field label="申诉联系人" hint="公示表写作：向 … 反映（可含电话）">
        <Input value={p.form.appealContact} placeholder="党支部组织委员" onChange={(_, d) => p.update({ appealContact: d.value })} />
      </Field>
      <Field label="公示天数" hint="从公示当天算起">
        <Input value={p.form.publicityDays} inputMode="numeric" onChange={(_, d) => p.update({ publicityDays: d.value })} />
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={p.problems.length > 0 || p.scaffold.running || p.save.running}>
          {p.existing ? "保存设置" : "生成台账"}
        </Button>
        {p.existing && (
          <Button type="button" disabled={p.problems.length > 0 || p.scaffold.running} onClick={() => void p.repairSheets()}>
            补齐缺少的工作表
          </Button>
        )}
      </div>
      {(p.scaffold.slow || p.save.slow) && <Spinner size="tiny" label={p.save.running ? "正在保存设置…" : "正在生成台账…"} />}
      <FailureBar text={p.loadError ?? p.scaffold.error ?? p.save.error} />
      {saved && (
        <MessageBar intent={saved.length ? "success" : "info"}>
          <MessageBarBody>{saved.length ? `已保存：${saved.map((c) => `${c.label} ${c.to || "（空）"}`).join("；")}。已记入操作日志。` : "设置没有改动，没有写入。"}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <MessageBar intent={outcome.conflicts.length ? "warning" : "success"}>
          <MessageBarBody>
            {outcome.added.length ? `新建：${outcome.added.join("、")}。` : "工作表都在，没有新建。"}
            {outcome.kept.length ? `保留原有数据：${outcome.kept.join("、")}。` : ""}
            {outcome.conflicts.map((c) => c.message).join("；")}
          </MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
