import { Body1, Caption1, Card, CardHeader, MessageBar, MessageBarBody, Subtitle2, Tab, TabList, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { loadPaneFeaturesAction } from "../actions";
import { useAction } from "../useAction";
import type { LedgerHost } from "../host";
import { AppraisalPanel } from "../panels/AppraisalPanel";
import { BranchLedgersPanel } from "../panels/BranchLedgersPanel";
import { CommitmentPanel } from "../panels/CommitmentPanel";
import { EntryPanel } from "../panels/EntryPanel";
import { ReportPanel } from "../panels/ReportPanel";
import { RedemptionPanel } from "../panels/RedemptionPanel";
import { ReviewPanel } from "../panels/ReviewPanel";
import { RosterPanel } from "../panels/RosterPanel";
import { RulesPanel } from "../panels/RulesPanel";
import { StartPanel } from "../panels/StartPanel";
import { ValidatePanel } from "../panels/ValidatePanel";
import { useSchemeList } from "./useSchemeList";

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

type PanelId = "start" | "roster" | "entry" | "appraisal" | "validate" | "report" | "review" | "commitments" | "redemption" | "branch" | "rules" | "schemes";

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
              ? `本工作簿使用方案 ${schemeId}；PARTY.* 函数省略方案参数时按此方案计算。`
              : "本工作簿还没有「设置」表：PARTY.* 函数须在参数中写明方案 id（可用 npx party-ledger init 生成台账）。"}
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
          <Tab value="report">公示·排名·年终</Tab>
          <Tab value="review">申诉·审定</Tab>
          <Tab value="commitments">承诺事项</Tab>
          <Tab value="redemption">积分兑换</Tab>
          <Tab value="branch">支部台账</Tab>
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
      {pane && panel === "review" && <ReviewPanel host={pane} />}
      {pane && panel === "commitments" && <CommitmentPanel host={pane} />}
      {pane && panel === "redemption" && <RedemptionPanel host={pane} />}
      {pane && panel === "branch" && <BranchLedgersPanel host={pane} />}
      {pane && panel === "rules" && <RulesPanel host={pane} />}
      {panel === "schemes" && <SchemeList />}
    </main>
  );
}

/** Stands in for the host before there is a workbook; never used (nothing runs without a pane). */
const NO_HOST: LedgerHost = {
  kind: "web",
  gateway: { inspect: () => Promise.reject(new Error("no workbook")), readTables: () => Promise.reject(new Error("no workbook")), readSheet: async () => null, readSheets: async () => new Map(), apply: () => Promise.reject(new Error("no workbook")) },
  selectCell: async () => undefined,
  showSheet: async () => undefined,
  schemeChanged: async () => null,
};

/**
 * The panels the workbook's scheme uses: 名册 for schemes that score members, 民主评议 for schemes with
 * an appraisal component; neither before the workbook has a ledger. Read again when the scheme changes.
 * When the scheme cannot be read, both show, and their panels say why they cannot load.
 */
function usePaneFeatures(pane: LedgerHost | null, schemeId: string | null): { roster: boolean; appraisal: boolean } {
  const features = useAction(loadPaneFeaturesAction, pane ?? NO_HOST);
  const { run } = features;
  useEffect(() => {
    if (pane) void run(undefined);
  }, [pane, schemeId, run]);
  if (!pane) return { roster: false, appraisal: false };
  if (features.error) return { roster: true, appraisal: true };
  return features.result ?? { roster: false, appraisal: false };
}

function SchemeList() {
  const schemes = useSchemeList();
  return (
    <>
      <Body1>内置积分方案（共 {schemes.length} 套）：</Body1>
      {schemes.map((s) => (
        <Card key={s.id} size="small">
          <CardHeader header={<Subtitle2>{s.name}</Subtitle2>} description={<Caption1>{`${s.id} · 第${s.version}版 · 满分 ${s.maxTotal}`}</Caption1>} />
          <Caption1>{s.summary}</Caption1>
        </Card>
      ))}
    </>
  );
}
