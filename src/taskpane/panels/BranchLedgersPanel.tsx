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
const ALL_LEDGERS: readonly LedgerId[] = ["stars", "grading", "scores"];

/** 支部台账: the branch-level 台账 the scheme keeps beside the members' ledger (all by default), one at a time. */
export function BranchLedgersPanel({ host, ledgers = ALL_LEDGERS }: { host: LedgerHost; ledgers?: readonly LedgerId[] }) {
  const styles = useStyles();
  const [chosen, setLedger] = useState<LedgerId>(ledgers[0] ?? "stars");
  const ledger = ledgers.includes(chosen) ? chosen : ledgers[0];
  return (
    <div className={styles.root}>
      <TabList className={styles.tabs} size="small" appearance="subtle" aria-label="支部台账" selectedValue={ledger} onTabSelect={(_, d) => setLedger(d.value as LedgerId)}>
        {ledgers.includes("stars") && <Tab value="stars">评星晋级</Tab>}
        {ledgers.includes("grading") && <Tab value="grading">分类定级</Tab>}
        {ledgers.includes("scores") && <Tab value="scores">支部积分</Tab>}
      </TabList>
      {ledger === "stars" && <BranchStarPanel host={host} />}
      {ledger === "grading" && <GradingPanel host={host} />}
      {ledger === "scores" && <BranchScorePanel host={host} />}
    </div>
  );
}
