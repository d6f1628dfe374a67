import { Body1, Caption1, Card, CardHeader, MessageBar, MessageBarBody, Subtitle2, Tab, TabList, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { LedgerHost } from "../host";
import { AppraisalPanel } from "../panels/AppraisalPanel";
import { BranchLedgersPanel } from "../panels/BranchLedgersPanel";
import { CommitmentPanel } from "../panels/CommitmentPanel";
import { Dashboard } from "../panels/Dashboard";
import { EntryPanel } from "../panels/EntryPanel";
import { ReportPanel } from "../panels/ReportPanel";
import { RedemptionPanel } from "../panels/RedemptionPanel";
import { ReviewPanel } from "../panels/ReviewPanel";
import { RosterPanel } from "../panels/RosterPanel";
import { RulesPanel } from "../panels/RulesPanel";
import { StartPanel } from "../panels/StartPanel";
import { ValidatePanel } from "../panels/ValidatePanel";
import { useSchemeList } from "./useSchemeList";
import { usePaneFeatures } from "./usePaneFeatures";
import { BUILTIN_SCHEMES, findBuiltinScheme } from "../../core/scheme/presets";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "280px" },
  // Ten tabs do not fit one row of a 320 px pane: they wrap rather than scroll out of sight.
  tabs: { flexWrap: "wrap" },
});

export interface WorkbookStatus {
  inExcel: boolean;
  /** The scheme named in the workbook's 设置 sheet, handed to the PARTY.* functions. */
  schemeId: string | null;
  error: string | null;
}

type PanelId = "start" | "roster" | "entry" | "appraisal" | "validate" | "report" | "dashboard" | "review" | "commitments" | "redemption" | "branch" | "rules" | "schemes";

/** The pane: a banner on the workbook's state, then one panel at a time. Without a workbook only the schemes show. */
export function App({ status, host }: { status: WorkbookStatus; host: LedgerHost | null }) {
  const styles = useStyles();
  const [panel, setPanel] = useState<PanelId>(host ? "start" : "schemes");
  // The banner follows the workbook's scheme as panels change it (scaffold, 规则).
  const [schemeId, setSchemeId] = useState(status.schemeId);
  const pane = useMemo<LedgerHost | null>(
    () =>
      host && {
        ...host,
        schemeChanged: async () => {
          const id = await host.schemeChanged();
          setSchemeId(id);
          return id;
        },
      },
    [host],
  );
  const features = usePaneFeatures(pane, schemeId);
  return (
    <main className={styles.root}>
      <Title3 as="h1">党员积分台账</Title3>
      {status.error && (
        <MessageBar intent="error">
          <MessageBarBody>{status.error}</MessageBarBody>
        </MessageBar>
      )}
      {status.inExcel && !status.error && (
        <MessageBar intent={schemeId ? "info" : "warning"}>
          <MessageBarBody>
            {schemeId
              ? `本工作簿按「${schemeName(schemeId)}」计分；表格中的积分公式也按这套办法计算。`
              : "本工作簿还没有建立台账：请在「开始」中选择积分办法、填写支部名称，生成台账。"}
          </MessageBarBody>
        </MessageBar>
      )}
      {pane && (
        <TabList className={styles.tabs} size="small" selectedValue={panel} onTabSelect={(_, d) => setPanel(d.value as PanelId)}>
          <Tab value="start">开始</Tab>
          {features.roster && <Tab value="roster">名册</Tab>}
          <Tab value="entry">录入</Tab>
          {features.appraisal && <Tab value="appraisal">民主评议</Tab>}
          <Tab value="validate">校验</Tab>
          <Tab value="report">报表</Tab>
          <Tab value="dashboard">看板</Tab>
          <Tab value="review">申诉·审定</Tab>
          {features.commitments && <Tab value="commitments">承诺事项</Tab>}
          {features.redemption && <Tab value="redemption">积分兑换</Tab>}
          {features.branchLedgers.length > 0 && <Tab value="branch">支部台账</Tab>}
          <Tab value="rules">规则</Tab>
          <Tab value="schemes">方案</Tab>
        </TabList>
      )}
      {pane && panel === "start" && <StartPanel host={pane} schemeId={schemeId} />}
      {pane && panel === "roster" && features.roster && <RosterPanel host={pane} />}
      {pane && panel === "entry" && <EntryPanel host={pane} />}
      {pane && panel === "appraisal" && features.appraisal && <AppraisalPanel host={pane} />}
      {pane && panel === "validate" && <ValidatePanel host={pane} />}
      {pane && panel === "report" && <ReportPanel host={pane} />}
      {pane && panel === "dashboard" && <Dashboard host={pane} />}
      {pane && panel === "review" && <ReviewPanel host={pane} />}
      {pane && panel === "commitments" && features.commitments && <CommitmentPanel host={pane} />}
      {pane && panel === "redemption" && features.redemption && <RedemptionPanel host={pane} />}
      {pane && panel === "branch" && features.branchLedgers.length > 0 && <BranchLedgersPanel host={pane} ledgers={features.branchLedgers} />}
      {pane && panel === "rules" && <RulesPanel host={pane} />}
      {panel === "schemes" && <SchemeList />}
    </main>
  );
}

/** The scheme's name for the banner, never its id. */
function schemeName(id: string): string {
  const builtin = findBuiltinScheme(id);
  if (builtin) return builtin.name;
  const base = BUILTIN_SCHEMES.find((s) => id.startsWith(`${s.id}-branch`));
  return base ? `${base.name}（本支部）` : "本支部的积分办法";
}

function SchemeList() {
  const schemes = useSchemeList();
  return (
    <>
      <Body1>内置积分方案（共 {schemes.length} 套）：</Body1>
      {schemes.map((s) => (
        <Card key={s.id} size="small">
          <CardHeader header={<Subtitle2>{s.name}</Subtitle2>} description={<Caption1>{`第${s.version}版 · 满分 ${s.maxTotal}`}</Caption1>} />
          <Caption1>{s.summary}</Caption1>
        </Card>
      ))}
    </>
  );
}
