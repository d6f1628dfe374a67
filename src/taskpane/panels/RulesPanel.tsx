import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { FormEvent } from "react";
import type { Granularity } from "../../core/scheme/schema";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { CAP_PERIODS } from "./rulesDraft";
import { useRulesPanel } from "./useRulesPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  number: { width: "64px", minWidth: 0 },
  name: { minWidth: "120px", flex: 1 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  items: { listStyle: "none", margin: 0, padding: 0 },
  removed: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  json: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

const KINDS = { fixed: "每次固定分值", range: "酌情（填范围）", veto: "一票否决" } as const;

/**
 * 规则: the scheme's items, grade lines and 民主评议 table; a built-in is copied into the workbook first, the
 * copy edited and saved as a new version from a date. Enter in any field saves the version.
 */
export function RulesPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useRulesPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取积分规则…" />;
  const { scheme, builtin, versions } = p.state;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!builtin && p.changed > 0) void p.saveVersion();
  };
  const capText = (period: Granularity | "" | undefined) => (period ? CAP_PERIODS[period] : "不设上限");
  return (
    <form className={styles.root} aria-label="规则" onSubmit={onSubmit}>
      <Subtitle2 as="h2">{scheme.name}</Subtitle2>
      <Caption1>{`${versions.map((v) => `第${v.version}版自 ${v.effectiveFrom} 起施行`).join("；")}${builtin ? " · 内置方案（只读）" : " · 本支部的方案"}`}</Caption1>
      {builtin && (
        <>
          <Caption1>内置方案不能直接修改。复制为本支部的方案后即可修改项目、分值、上限、等次分数线和民主评议分值，修改按生效日期另存为新版本，之前的记录仍按原规则计分。</Caption1>
          <Button type="button" appearance="primary" disabled={p.save.running} onClick={() => void p.copyToWorkbook()}>
            复制为本支部方案
          </Button>
        </>
      )}
      <FailureBar text={p.save.error} />
      {p.save.result && !p.save.error && (
        <MessageBar intent="success">
          <MessageBarBody>{`已保存「${p.save.result.name}」第${p.save.result.version}版（自 ${p.save.result.effectiveFrom} 起），并设为本工作簿的方案。`}</MessageBarBody>
        </MessageBar>
      )}
      <ListBar intent="error" lead="方案有误，未保存：" label="方案的问题" items={p.errors} className={styles.list} />
      <ListBar intent="warning" lead="要删除的项目已在台账中使用：" label="删除项目的影响" items={p.removalWarnings} className={styles.list} />

      <Subtitle2 as="h3">积分项目</Subtitle2>
      <ul className={styles.items} aria-label="积分项目">
        {p.items.map(({ item, points, edit, removed }) => (
          <li key={item.code} className={styles.item}>
            <Caption1 className={removed ? styles.removed : undefined}>{`${item.code} · ${points}${item.evidenceRequired ? " · 须证明材料" : ""}${item.cap ? ` · ${CAP_PERIODS[item.cap.period]}最多 ${item.cap.points} 分` : ""}`}</Caption1>
            {builtin ? (
              <span>{item.name}</span>
            ) : removed ? (
              <div className={styles.row}>
                <span className={styles.removed}>{item.name}</span>
                <Button type="button" size="small" onClick={() => p.toggleRemove(item.code)}>{`恢复 ${item.code}`}</Button>
              </div>
            ) : (
              <>
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
                <div className={styles.row}>
                  <Dropdown
                    aria-label={`${item.code} 上限`}
                    value={capText(edit?.capPeriod ?? item.cap?.period)}
                    selectedOptions={[edit?.capPeriod ?? item.cap?.period ?? ""]}
                    onOptionSelect={(_, d) => p.editItem(item.code, { capPeriod: (d.optionValue ?? "") as Granularity | "" })}
                  >
                    <Option value="">不设上限</Option>
                    {(Object.keys(CAP_PERIODS) as Granularity[]).map((g) => (
                      <Option key={g} value={g}>
                        {CAP_PERIODS[g]}
                      </Option>
                    ))}
                  </Dropdown>
                  {(edit?.capPeriod ?? item.cap?.period) && (
                    <Input aria-label={`${item.code} 上限分值`} className={styles.number} value={edit?.capPoints ?? String(item.cap?.points ?? "")} onChange={(_, d) => p.editItem(item.code, { capPoints: d.value })} />
                  )}
                  <Checkbox label="须证明材料" checked={edit?.evidenceRequired ?? item.evidenceRequired} onChange={(_, d) => p.editItem(item.code, { evidenceRequired: d.checked === true })} />
                  <Button type="button" size="small" onClick={() => p.toggleRemove(item.code)}>{`删除 ${item.code}`}</Button>
                </div>
              </>
            )}
          </li>
        ))}
        {p.edits.added.map((a, i) => (
          <li key={`new-${a.code}`} className={styles.item}>
            <Caption1>{`新增 ${a.code} · ${KINDS[a.kind]}${a.kind === "fixed" ? ` ${a.value} 分/次` : a.kind === "range" ? ` ${a.min} 至 ${a.max} 分/次` : ""}`}</Caption1>
            <div className={styles.row}>
              <span>{a.name}</span>
              <Button type="button" size="small" onClick={() => p.removeAdded(i)}>{`不加 ${a.code}`}</Button>
            </div>
          </li>
        ))}
      </ul>

      {!builtin && (
        <fieldset
          className={styles.root}
          aria-label="新增项目"
          onKeyDown={(e) => {
            // Enter here adds the item; elsewhere in the form it saves the version.
            if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
              e.preventDefault();
              p.addItem();
            }
          }}
        >
          <Caption1>新增项目</Caption1>
          <div className={styles.row}>
            <Input aria-label="新项目代码" className={styles.number} placeholder="代码" value={p.newItem.code} onChange={(_, d) => p.updateNewItem({ code: d.value })} />
            <Input aria-label="新项目名称" className={styles.name} placeholder="名称" value={p.newItem.name} onChange={(_, d) => p.updateNewItem({ name: d.value })} />
          </div>
          <div className={styles.row}>
            <Dropdown aria-label="新项目计分方式" value={KINDS[p.newItem.kind]} selectedOptions={[p.newItem.kind]} onOptionSelect={(_, d) => p.updateNewItem({ kind: (d.optionValue ?? "fixed") as keyof typeof KINDS })}>
              {(Object.keys(KINDS) as (keyof typeof KINDS)[]).map((k) => (
                <Option key={k} value={k}>
                  {KINDS[k]}
                </Option>
              ))}
            </Dropdown>
            {p.newItem.kind !== "veto" && p.pointComponents.length > 1 && (
              <Dropdown
                aria-label="新项目所属组成部分"
                value={p.pointComponents.find((c) => c.id === (p.newItem.component || p.pointComponents[0].id))?.name ?? ""}
                selectedOptions={[p.newItem.component || p.pointComponents[0].id]}
                onOptionSelect={(_, d) => p.updateNewItem({ component: d.optionValue ?? "" })}
              >
                {p.pointComponents.map((c) => (
                  <Option key={c.id} value={c.id}>
                    {c.name}
                  </Option>
                ))}
              </Dropdown>
            )}
            {p.newItem.kind === "fixed" && <Input aria-label="新项目分值" className={styles.number} placeholder="分值" value={p.newItem.value} onChange={(_, d) => p.updateNewItem({ value: d.value })} />}
            {p.newItem.kind === "range" && (
              <>
                <Input aria-label="新项目最低分" className={styles.number} placeholder="最低" value={p.newItem.min} onChange={(_, d) => p.updateNewItem({ min: d.value })} />
                <Input aria-label="新项目最高分" className={styles.number} placeholder="最高" value={p.newItem.max} onChange={(_, d) => p.updateNewItem({ max: d.value })} />
              </>
            )}
            <Button type="button" onClick={() => p.addItem()}>
              加入新版本
            </Button>
          </div>
        </fieldset>
      )}

      <Subtitle2 as="h3">等次分数线</Subtitle2>
      <ul className={styles.items} aria-label="等次分数线">
        {p.grades.map((g, i) => (
          <li key={i} className={styles.row}>
            {builtin ? (
              <span>{`${g.name}：${g.min} 分及以上`}</span>
            ) : (
              <>
                <Input aria-label={`第 ${i + 1} 个等次名称`} className={styles.name} value={p.edits.grades[i]?.name ?? g.name} onChange={(_, d) => p.editGrade(i, { name: d.value })} />
                <Input aria-label={`第 ${i + 1} 个等次分数线`} className={styles.number} value={p.edits.grades[i]?.min ?? String(g.min)} onChange={(_, d) => p.editGrade(i, { min: d.value })} />
                <Caption1>分及以上</Caption1>
              </>
            )}
          </li>
        ))}
      </ul>

      {p.appraisal && (
        <>
          <Subtitle2 as="h3">民主评议</Subtitle2>
          {p.appraisal.mode === "grades" ? (
            <ul className={styles.items} aria-label="民主评议分值">
              {p.appraisal.grades.map((g, i) => (
                <li key={i} className={styles.row}>
                  {builtin ? (
                    <span>{`${g.name}：记 ${g.points} 分`}</span>
                  ) : (
                    <>
                      <Input aria-label={`评议等次 ${i + 1}`} className={styles.name} value={p.edits.appraisal.grades[i]?.name ?? g.name} onChange={(_, d) => p.editAppraisalGrade(i, { name: d.value })} />
                      <Input aria-label={`评议等次 ${i + 1} 分值`} className={styles.number} value={p.edits.appraisal.grades[i]?.points ?? String(g.points)} onChange={(_, d) => p.editAppraisalGrade(i, { points: d.value })} />
                      <Caption1>分</Caption1>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : builtin ? (
            <span>{`按得分记：${p.appraisal.min} 至 ${p.appraisal.max} 分`}</span>
          ) : (
            <div className={styles.row}>
              <Input aria-label="民主评议最低分" className={styles.number} value={p.edits.appraisal.min ?? String(p.appraisal.min)} onChange={(_, d) => p.editAppraisalRange({ min: d.value })} />
              <Caption1>至</Caption1>
              <Input aria-label="民主评议最高分" className={styles.number} value={p.edits.appraisal.max ?? String(p.appraisal.max)} onChange={(_, d) => p.editAppraisalRange({ max: d.value })} />
              <Caption1>分</Caption1>
            </div>
          )}
        </>
      )}

      {!builtin && (
        <>
          <Field label="新版本生效日期" hint="如 2026-07-01；此前的记录仍按原规则计分">
            <Input value={p.effectiveFrom} onChange={(_, d) => p.setEffectiveFrom(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={p.changed === 0 || p.save.running}>
              {`另存为新版本（已改 ${p.changed} 处）`}
            </Button>
            <Button type="button" disabled={p.changed === 0} onClick={p.discard}>
              放弃修改
            </Button>
          </div>
        </>
      )}
      {p.save.slow && <Spinner size="tiny" label="正在保存…" />}
      <Subtitle2 as="h3">与其他支部交换方案</Subtitle2>
      <Field label="本方案的文本（可复制保存，或发给其他支部）">
        <Textarea className={styles.json} readOnly value={p.exportJson} rows={4} />
      </Field>
      <Field label="导入其他支部的方案：粘贴对方复制的文本">
        <Textarea className={styles.json} value={p.importText} rows={4} onChange={(_, d) => p.setImportText(d.value)} />
      </Field>
      <Button type="button" disabled={!p.importText.trim() || p.save.running} onClick={() => void p.importJson()}>
        导入并设为本工作簿的方案
      </Button>
    </form>
  );
}

/** A message bar with its lines as a list; nothing when there are none. */
function ListBar(props: { intent: "error" | "warning"; lead: string; label: string; items: readonly string[]; className: string }) {
  if (props.items.length === 0) return null;
  return (
    <MessageBar intent={props.intent} layout="multiline">
      <MessageBarBody>
        {props.lead}
        <ul className={props.className} aria-label={props.label}>
          {props.items.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
