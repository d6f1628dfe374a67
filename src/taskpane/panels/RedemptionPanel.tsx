import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { useRedemptionPanel } from "./useRedemptionPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "1px 4px" },
});

/** 积分兑换: balances, and a redemption form. The committee sheet is made in 公示·排名·年终 → 积分兑换. */
export function RedemptionPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const p = useRedemptionPanel(host);
  if (p.loadError)
    return <FailureBar text={p.loadError} />;
  if (!p.balances.length && p.loading) return <Spinner size="tiny" label="正在读取…" />;
  return (
    <section className={styles.root} aria-label="积分兑换">
      <Caption1>以支委会审定的积分兑换奖励或福利，与考核积分分开记录，不影响考核积分和排名。</Caption1>
      <Field label="党员" required>
        <Dropdown
          placeholder="选择党员"
          value={p.member ? `${p.member.name}（余额 ${p.member.balance} 分）` : ""}
          selectedOptions={p.member ? [p.member.memberId] : []}
          onOptionSelect={(_, d) => p.update({ memberId: d.optionValue ?? "" })}
        >
          {p.balances.map((b) => (
            <Option key={b.memberId} value={b.memberId} text={`${b.name}（余额 ${b.balance} 分）`}>
              {`${b.name}（${b.memberId}）余额 ${b.balance} 分`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="兑换事项" required>
        <Input value={p.fields.item} onChange={(_, d) => p.update({ item: d.value })} />
      </Field>
      <Field label="消耗积分" required>
        <Input value={p.fields.points} inputMode="decimal" onChange={(_, d) => p.update({ points: d.value })} />
      </Field>
      <Field label="日期">
        <Input value={p.fields.date} onChange={(_, d) => p.update({ date: d.value })} />
      </Field>
      <Field label="经办人">
        <Input value={p.fields.handler} onChange={(_, d) => p.update({ handler: d.value })} />
      </Field>
      {p.problems.length > 0 && <Caption1>{p.problems.join("；")}</Caption1>}
      <Button appearance="primary" disabled={p.problems.length > 0 || p.redeem.running} onClick={() => void p.submit()}>
        兑换
      </Button>
      <FailureBar text={p.redeem.error} />
      {p.redeem.result && !p.redeem.error && (
        <MessageBar intent="success">
          <MessageBarBody>{`已兑换：${p.redeem.result.name} 余额 ${p.redeem.result.balance} 分。`}</MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h2">各党员积分余额</Subtitle2>
      <table className={styles.table} aria-label="积分余额">
        <thead>
          <tr>
            {["姓名", "已审定", "已兑换", "余额"].map((h) => (
              <th key={h} className={styles.cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.balances.map((b) => (
            <tr key={b.memberId}>
              <td className={styles.cell}>{b.name}</td>
              <td className={styles.cell}>{b.earned}</td>
              <td className={styles.cell}>{b.redeemed}</td>
              <td className={styles.cell}>{b.balance}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
