import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useRulesPanel } from "./useRulesPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  number: { width: "64px", minWidth: 0 },
  name: { minWidth: 0, flex: 1 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  items: { listStyle: "none", margin: 0, padding: 0 },
  json: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

/** 规则: the scheme's items; copy a built-in into the workbook, edit it as a new version; JSON in and out. */
export function RulesPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useRulesPanel(host);
  if (p.loadError)
    return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取积分规则…" />;
  const { scheme, builtin, versions } = p.state;
  return (
    <section className={styles.root} aria-label="规则">
      <Subtitle2 as="h2">{scheme.name}</Subtitle2>
      <Caption1>{`${scheme.id} · ${versions.map((v) => `第${v.version}版自 ${v.effectiveFrom}`).join("；")}${builtin ? " · 内置方案（只读）" : " · 本工作簿的方案"}`}</Caption1>
      {builtin && (
        <>
          <Caption1>内置方案不能直接修改。复制为本支部的方案后即可修改项目和分值，修改按生效日期另存为新版本，之前的记录仍按原规则计分。</Caption1>
          <Button appearance="primary" disabled={p.save.running} onClick={() => void p.copyToWorkbook()}>
            复制为本支部方案
          </Button>
        </>
      )}
      <FailureBar text={p.save.error} />
      {p.save.result && !p.save.error && (
        <MessageBar intent="success">
          <MessageBarBody>{`已保存 ${p.save.result.id} 第${p.save.result.version}版（自 ${p.save.result.effectiveFrom} 起），并设为本工作簿的方案。`}</MessageBarBody>
        </MessageBar>
      )}
      {p.errors.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            方案有误，未保存：
            <ul className={styles.list}>
              {p.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.items} aria-label="积分项目">
        {p.items.map(({ item, points, edit }) => (
          <li key={item.code} className={styles.item}>
            <Caption1>{`${item.code} · ${points}${item.evidenceRequired ? " · 须证明材料" : ""}${item.cap ? ` · 上限 ${item.cap.points} 分` : ""}`}</Caption1>
            {builtin ? (
              <span>{item.name}</span>
            ) : (
              <div className={styles.row}>
                <Input aria-label={`${item.code} 名称`} className={styles.name} value={edit?.name ?? item.name} onChange={(_, d) => p.editItem(item.code, { name: d.value })} />
                {item.points.kind === "fixed" && (
                  <Input aria-label={`${item.code} 分值`} className={styles.number} value={edit?.value ?? String(item.points.value)} onChange={(_, d) => p.editItem(item.code, { value: d.value })} />
                )}
                {item.points.kind === "range" && (
                  <>
                    <Input aria-label={`${item.code} 最低分`} className={styles.number} value={edit?.min ?? String(item.points.min)} onChange={(_, d) => p.editItem(item.code, { min: d.value })} />
                    <Input aria-label={`${item.code} 最高分`} className={styles.number} value={edit?.max ?? String(item.points.max)} onChange={(_, d) => p.editItem(item.code, { max: d.value })} />
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {!builtin && (
        <>
          <Field label="新版本生效日期">
            <Input value={p.effectiveFrom} onChange={(_, d) => p.setEffectiveFrom(d.value)} />
          </Field>
          <Button appearance="primary" disabled={p.changed === 0 || p.save.running} onClick={() => void p.saveVersion()}>
            {`另存为新版本（已改 ${p.changed} 项）`}
          </Button>
        </>
      )}
      {p.save.slow && <Spinner size="tiny" label="正在保存…" />}
      <Subtitle2 as="h2">导出与导入（JSON）</Subtitle2>
      <Field label="本方案的 JSON（可复制保存，或发给其他支部）">
        <Textarea className={styles.json} readOnly value={p.exportJson} rows={4} />
      </Field>
      <Field label="导入方案：粘贴 JSON（id 不能与内置方案相同）">
        <Textarea className={styles.json} value={p.importText} rows={4} onChange={(_, d) => p.setImportText(d.value)} />
      </Field>
      <Button disabled={!p.importText.trim() || p.save.running} onClick={() => void p.importJson()}>
        导入并设为本工作簿的方案
      </Button>
    </section>
  );
}
