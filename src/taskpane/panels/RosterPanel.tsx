import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { RosterMember } from "../actions";
import type { LedgerHost } from "../host";
import { RosterImport } from "./RosterImport";
import { useRosterPanel } from "./useRosterPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  preview: { overflowX: "auto", fontSize: tokens.fontSizeBase200 },
  lines: { whiteSpace: "pre-line" },
  cell: { paddingInline: tokens.spacingHorizontalXS, whiteSpace: "nowrap", textAlign: "left" },
});

/** 名册: add a member, paste a block or import a roster workbook, change a member's category, 在册状态 or 转入. */
/** One line per member: who, category and status, the dates that matter, and a probationary member's outcome. */
export function describeMember(m: RosterMember): string {
  const parts = [`${m.id} ${m.name}`, m.category, m.status];
  if (m.joinedOn) parts.push(`入党 ${m.joinedOn}`);
  if (m.fullOn) parts.push(`转正 ${m.fullOn}`);
  if (m.transferredIn) parts.push(`转入 ${m.transferredIn}`);
  if (m.probation) parts.push(`预备期考核：${m.probation}`);
  if (m.note) parts.push(m.note);
  return parts.join(" · ");
}

export function RosterPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useRosterPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.roster) return <Spinner size="tiny" label="正在读取…" />;
  const { roster } = p;
  const err = p.fieldProblems;
  // Messages show at a field once the clerk has typed something, or after a refused write.
  const touched = Object.values(p.fields).some((v) => v.trim() !== "");
  const at = (field: keyof typeof err) => (touched ? err[field] : undefined);
  return (
    <section className={styles.root} aria-label="党员名册">
      <Subtitle2 as="h2">添加党员</Subtitle2>
      <form
        className={styles.form}
        aria-label="添加党员"
        onSubmit={(e) => {
          e.preventDefault();
          void p.submit();
        }}
      >
        <Field label="编号" required validationMessage={at("id")}>
          <Input value={p.fields.id} onChange={(_, d) => p.updateFields({ id: d.value })} />
        </Field>
        <Field label="姓名" required validationMessage={at("name")}>
          <Input value={p.fields.name} onChange={(_, d) => p.updateFields({ name: d.value })} />
        </Field>
        <Field label="党员类别" required validationMessage={at("category")}>
          <Dropdown placeholder="选择类别" value={p.fields.category} selectedOptions={p.fields.category ? [p.fields.category] : []} onOptionSelect={(_, d) => p.updateFields({ category: d.optionValue ?? "" })}>
            {roster.categories.map((c) => (
              <Option key={c} value={c}>
                {c}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="入党日期" validationMessage={at("joinedOn")}>
          <Input value={p.fields.joinedOn} placeholder="2020-07-01" onChange={(_, d) => p.updateFields({ joinedOn: d.value })} />
        </Field>
        <Field label="转入日期" hint="新入职或组织关系转入本支部的日期；一直在本支部的党员不填" validationMessage={at("transferredIn")}>
          <Input value={p.fields.transferredIn} placeholder="2026-03-10" onChange={(_, d) => p.updateFields({ transferredIn: d.value })} />
        </Field>
        <Field label="所在支部">
          <Input value={p.fields.branch} placeholder={roster.branch} onChange={(_, d) => p.updateFields({ branch: d.value })} />
        </Field>
        <Field label="联系方式">
          <Input value={p.fields.contact} onChange={(_, d) => p.updateFields({ contact: d.value })} />
        </Field>
        <Button type="submit" appearance="primary" disabled={p.add.running}>
          添加（Enter）
        </Button>
      </form>
      <FailureBar text={p.add.error} />
      {p.add.result?.written && <Caption1>{`已添加到党员名册第 ${p.add.result.row} 行`}</Caption1>}

      <Subtitle2 as="h2">粘贴名册</Subtitle2>
      <Caption1>{`在 Excel 或 WPS 中选中名册复制后粘贴到下面，可连同表头；没有表头时按 ${p.pasteOrder.join("、")} 的顺序读。`}</Caption1>
      <Textarea aria-label="粘贴名册" resize="vertical" value={p.pasted} onChange={(_, d) => p.setPasted(d.value)} />
      <Button disabled={!p.pasted.trim() || p.preview.running} onClick={() => void p.runPreview()}>
        预览
      </Button>
      <FailureBar text={p.preview.error ?? p.importPaste.error} />
      {p.previewed && (
        <>
          <Caption1>{`${p.previewed.report.summary}；将写入 ${p.previewed.rows.length} 名党员（第 ${p.previewed.sheetRows[0] ?? "—"} 行起）`}</Caption1>
          {p.previewed.report.notes.map((n) => (
            <Caption1 key={n}>{n}</Caption1>
          ))}
          <div className={styles.preview}>
            <table aria-label="粘贴预览">
              <thead>
                <tr>
                  {p.previewed.headers.map((h) => (
                    <th key={h} className={styles.cell}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.previewed.rows.map((r, i) => (
                  <tr key={p.previewed!.sheetRows[i]}>
                    {r.map((c, j) => (
                      <td key={j} className={styles.cell}>
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.previewed.issues.length > 0 && (
            <MessageBar intent={p.pasteErrors.length ? "error" : "warning"}>
              <MessageBarBody className={styles.lines}>{p.previewed.issues.map((i) => `${i.severity === "error" ? "错误" : "提示"}：${i.message}`).join("\n")}</MessageBarBody>
            </MessageBar>
          )}
          <Button appearance="primary" disabled={p.importPaste.running || p.previewed.rows.length === 0} onClick={() => void p.confirmPaste(p.pasteErrors.length > 0)}>
            {p.pasteErrors.length ? `仍然写入（有 ${p.pasteErrors.length} 个错误，校验会列出）` : `写入 ${p.previewed.rows.length} 名党员`}
          </Button>
        </>
      )}
      {p.importPaste.result && <Caption1>{`已导入 ${p.importPaste.result.roster} 名党员`}</Caption1>}

      <RosterImport host={host} onImported={p.reload} />

      <Subtitle2 as="h2">{`党员名册（${roster.members.length}）`}</Subtitle2>
      <Input aria-label="查找党员" placeholder="按姓名或编号查找" value={p.search} onChange={(_, d) => p.setSearch(d.value)} />
      {roster.probationProblem && <Caption1>{`预备党员的考核结果暂不能计算：${roster.probationProblem}`}</Caption1>}
      <FailureBar text={p.update.error} />
      <ul className={styles.list} aria-label="党员列表">
        {p.members.map((m) => (
          <li key={m.row} className={styles.item}>
            <Caption1>{describeMember(m)}</Caption1>
            {p.edit?.id === m.id ? (
              <form
                className={styles.form}
                aria-label={`修改 ${m.name}`}
                onSubmit={(e) => {
                  e.preventDefault();
                  void p.saveEdit();
                }}
              >
                <Field label="党员类别">
                  <ChoiceDropdown value={p.edit.category} choices={roster.categories} onChoose={(c) => p.changeEdit({ category: c ?? m.category })} />
                </Field>
                {m.category === roster.probationCategory && p.edit.category !== m.category && (
                  <Field label="转正日期" required>
                    <Input value={p.edit.fullOn} placeholder="2026-07-01" onChange={(_, d) => p.changeEdit({ fullOn: d.value })} />
                  </Field>
                )}
                <Field label="在册状态">
                  <ChoiceDropdown value={p.edit.status} choices={roster.statuses} onChoose={(s) => p.changeEdit({ status: s ?? m.status })} />
                </Field>
                <Field label="转入日期" hint="组织关系转入本支部的日期；填写后在册状态为「在册」">
                  <Input value={p.edit.transferredIn} placeholder={m.transferredIn || "2026-03-10"} onChange={(_, d) => p.changeEdit({ transferredIn: d.value })} />
                </Field>
                {p.edit.status !== m.status && !p.edit.transferredIn.trim() && (
                  <Field label={`${p.edit.status}日期`} required>
                    <Input value={p.edit.statusOn} placeholder="2026-05-10" onChange={(_, d) => p.changeEdit({ statusOn: d.value })} />
                  </Field>
                )}
                {p.editProblems.length > 0 && <Caption1>{p.editProblems.join("；")}</Caption1>}
                <Button type="submit" appearance="primary" disabled={p.editProblems.length > 0 || p.update.running}>
                  保存（Enter）
                </Button>
                <Button onClick={p.cancelEdit}>取消</Button>
              </form>
            ) : (
              <Button size="small" onClick={() => p.startEdit(m.id)}>
                修改类别、在册状态或转入
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
