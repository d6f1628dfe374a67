import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { LedgerHost } from "../host";
import { BranchScorePanel } from "./BranchScorePanel";
import { BranchStarPanel } from "./BranchStarPanel";
import { GradingPanel } from "./GradingPanel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  tabs: { flexWrap: "wrap" },
});

type LedgerId = "stars" | "grading" | "scores";

/** 支部台账: the branch-level 台账 kept beside the members' ledger, one at a time. */
export function BranchLedgersPanel({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const [ledger, setLedger] = useState<LedgerId>("stars");
  return (
    <div className={styles.root}>
      <TabList className={styles.tabs} size="small" appearance="subtle" aria-label="支部台账" selectedValue={ledger} onTabSelect={(_, d) => setLedger(d.value as LedgerId)}>
        <Tab value="stars">评星晋级</Tab>
        <Tab value="grading">分类定级</Tab>
        <Tab value="scores">支部积分</Tab>
      </TabList>
      {ledger === "stars" && <BranchStarPanel host={host} />}
      {ledger === "grading" && <GradingPanel host={host} />}
      {ledger === "scores" && <BranchScorePanel host={host} />}
    </div>
  );
}
