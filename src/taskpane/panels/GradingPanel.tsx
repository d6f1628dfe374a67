import { Button, Caption1, Dropdown, Field, Input, Option, Spinner, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { PromotionChoice } from "../../core/grading/classifiedGrading";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { gradingMemberLabel, useGradingPanel } from "./useGradingPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  wrap: { overflowWrap: "anywhere" },
});

/** The empty choice of a dropdown: clears the cell. */
const NONE = "（空）";

/** 分类定级: a member's 积分 and 等次 with the problems found, the 整改 and the 晋位 decision. */
export function GradingPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useGradingPanel(host);
  if (p.loadError) return <FailureBar text={p.loadError} />;
  if (!p.state) return <Spinner size="tiny" label="正在读取…" />;
  const { year, records } = p.state;
  const chosen = p.members.find((m) => m.id === p.memberId);
  return (
    <section className={styles.root} aria-label="分类定级">
      <Caption1>积分和等次按本年度积分台账计算；每名党员每年一行，再次保存只更新改动的内容。</Caption1>
      <Field label="党员" required>
        <Dropdown placeholder="选择党员" value={chosen ? gradingMemberLabel(chosen) : ""} selectedOptions={p.memberId ? [p.memberId] : []} onOptionSelect={(_, d) => p.chooseMember(d.optionValue ?? "")}>
          {p.members.map((m) => (
            <Option key={m.id} value={m.id} text={gradingMemberLabel(m)}>
              {gradingMemberLabel(m)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="存在问题">
        <Textarea value={p.fields.problems} onChange={(_, d) => p.updateFields({ problems: d.value })} />
      </Field>
      <Field label="整改措施">
        <Textarea value={p.fields.measures} onChange={(_, d) => p.updateFields({ measures: d.value })} />
      </Field>
      <Field label="整改时限">
        <Input value={p.fields.deadline} placeholder="2026-12-31" onChange={(_, d) => p.updateFields({ deadline: d.value })} />
      </Field>
      <Field label="联系领导">
        <Input value={p.fields.leader} onChange={(_, d) => p.updateFields({ leader: d.value })} />
      </Field>
      <Field label="整改结果">
        <Textarea value={p.fields.outcome} onChange={(_, d) => p.updateFields({ outcome: d.value })} />
      </Field>
      <Field label="测评结果">
        {p.appraisalGrades.length > 0 ? (
          <Dropdown value={p.fields.appraisal} selectedOptions={[p.fields.appraisal || NONE]} onOptionSelect={(_, d) => p.updateFields({ appraisal: d.optionValue === NONE ? "" : (d.optionValue ?? "") })}>
            {[NONE, ...p.appraisalGrades].map((g) => (
              <Option key={g} value={g}>
                {g}
              </Option>
            ))}
          </Dropdown>
        ) : (
          <Input value={p.fields.appraisal} onChange={(_, d) => p.updateFields({ appraisal: d.value })} />
        )}
      </Field>
      <Field label="是否晋位">
        <Dropdown value={p.fields.promoted} selectedOptions={[p.fields.promoted || NONE]} onOptionSelect={(_, d) => p.updateFields({ promoted: d.optionValue === NONE ? "" : ((d.optionValue ?? "") as PromotionChoice | "") })}>
          {[NONE, ...p.promotionChoices].map((c) => (
            <Option key={c} value={c}>
              {c}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.problems.length > 0 || p.save.running} onClick={() => void p.submit()}>
        {p.record ? "更新分类定级" : "登记分类定级"}
      </Button>
      <FailureBar text={p.save.error} />
      <Subtitle2 as="h2">{`${year} 年度分类定级（${records.length}）`}</Subtitle2>
      <ul className={styles.list} aria-label="分类定级列表">
        {records.map((r) => {
          const m = p.members.find((x) => x.id === r.memberId);
          const details = [
            r.problems && `存在问题：${r.problems}`,
            r.measures && `整改措施：${r.measures}`,
            r.deadline && `整改时限：${r.deadline}`,
            r.leader && `联系领导：${r.leader}`,
            r.outcome && `整改结果：${r.outcome}`,
            r.appraisal && `测评结果：${r.appraisal}`,
            r.promoted && `是否晋位：${r.promoted}`,
          ].filter(Boolean);
          return (
            <li key={r.row} className={styles.item}>
              <Caption1 className={styles.wrap}>{m ? `第${r.row}行 ${gradingMemberLabel(m)}` : `第${r.row}行 ${r.name}（${r.memberId}）`}</Caption1>
              {details.length > 0 && <Caption1 className={styles.wrap}>{details.join("；")}</Caption1>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
