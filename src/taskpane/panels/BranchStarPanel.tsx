import { Button, Caption1, Checkbox, Dropdown, Field, Input, Label, Option, Spinner, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { branchStarLine, useBranchStarPanel } from "./useBranchStarPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  counts: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  count: { minWidth: 0 },
  stars: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  wrap: { overflowWrap: "anywhere" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "1px 4px" },
});

/** 评星晋级: a branch's profile, stars and 晋级目标; the year's branches and how many are at each level now vs the target. */
export function BranchStarPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useBranchStarPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const { year, branches, rollup } = p.state;
  return (
    <section className={styles.root} aria-label="评星晋级">
      <Caption1>每个党支部每年一行：基本情况、已评定的星和晋级目标；再次保存同一党支部即更新该行。</Caption1>
      <Field label="党组织名称" required>
        <Input value={p.fields.branch} onChange={(_, d) => p.updateFields({ branch: d.value })} />
      </Field>
      <Field label="书记">
        <Input value={p.fields.secretary} onChange={(_, d) => p.updateFields({ secretary: d.value })} />
      </Field>
      <div className={styles.counts}>
        {p.profileCounts.map(([header, field]) => (
          <Field key={field} label={header}>
            <Input className={styles.count} value={p.fields.counts[field]} inputMode="numeric" onChange={(_, d) => p.updateCount(field, d.value)} />
          </Field>
        ))}
      </div>
      {/* Not a Field: a Field hands its one id to every checkbox inside, and each label would toggle the first. */}
      <div role="group" aria-labelledby="branch-stars-label">
        <Label id="branch-stars-label">已评定的星</Label>
        <div className={styles.stars}>
          {p.stars.map((s) => (
            <Checkbox key={s} label={s} checked={p.fields.stars.includes(s)} onChange={(_, d) => p.toggleStar(s, d.checked === true)} />
          ))}
        </div>
      </div>
      <Field label="晋级目标" required>
        <Dropdown placeholder="选择晋级目标" value={p.fields.target} selectedOptions={p.fields.target ? [p.fields.target] : []} onOptionSelect={(_, d) => p.updateFields({ target: d.optionValue ?? "" })}>
          {p.levels.map((l) => (
            <Option key={l.name} value={l.name}>
              {l.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="评定情况">
        <Textarea value={p.fields.assessment} onChange={(_, d) => p.updateFields({ assessment: d.value })} />
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.problems.length > 0 || p.save.running} onClick={() => void p.submit()}>
        保存评星晋级
      </Button>
      <FailureBar text={p.save.error} />
      <Subtitle2 as="h2">{`${year} 年度党支部（${branches.length}）`}</Subtitle2>
      <ul className={styles.list} aria-label="党支部列表">
        {branches.map((b) => (
          <li key={b.row} className={styles.item}>
            <Caption1 className={styles.wrap}>{branchStarLine(b)}</Caption1>
            {b.profile && <Caption1 className={styles.wrap}>{b.profile}</Caption1>}
            <Button size="small" onClick={() => p.edit(b)}>
              编辑
            </Button>
          </li>
        ))}
      </ul>
      <table className={styles.table} aria-label="星级汇总">
        <thead>
          <tr>
            <th className={styles.cell}>星级</th>
            <th className={styles.cell}>现有</th>
            <th className={styles.cell}>晋级目标</th>
          </tr>
        </thead>
        <tbody>
          {rollup.map((r) => (
            <tr key={r.level}>
              <td className={styles.cell}>{r.level}</td>
              <td className={styles.cell}>{r.current}</td>
              <td className={styles.cell}>{r.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
