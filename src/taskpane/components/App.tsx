import { Body1, Caption1, Card, CardHeader, Subtitle2, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useSchemeList } from "./useSchemeList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "280px" },
});

export function App() {
  const styles = useStyles();
  const schemes = useSchemeList();
  return (
    <main className={styles.root}>
      <Title3 as="h1">党员积分台账</Title3>
      <Body1>内置积分方案（共 {schemes.length} 套）：</Body1>
      {schemes.map((s) => (
        <Card key={s.id} size="small">
          <CardHeader header={<Subtitle2>{s.name}</Subtitle2>} description={<Caption1>{`${s.id} · 第${s.version}版 · 满分 ${s.maxTotal}`}</Caption1>} />
          <Caption1>{s.summary}</Caption1>
        </Card>
      ))}
    </main>
  );
}
