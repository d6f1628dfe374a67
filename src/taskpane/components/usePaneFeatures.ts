import { useEffect } from "react";
import type { ReportFormName } from "../../core/reports";
import { loadPaneFeaturesAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export type BranchLedgerId = "stars" | "grading" | "scores";

export interface PaneTabs {
  roster: boolean;
  appraisal: boolean;
  commitments: boolean;
  redemption: boolean;
  /** The 支部台账 the scheme keeps (评星晋级, 分类定级, 支部积分); none: no 支部台账 tab. */
  branchLedgers: BranchLedgerId[];
}

const LEDGER_FORMS: readonly [BranchLedgerId, readonly ReportFormName[]][] = [
  ["stars", ["评星晋级"]],
  ["grading", ["分类定级", "管理卡"]],
  ["scores", ["支部积分"]],
];

/** The tabs a scheme's forms call for. */
export function tabsOfForms(forms: readonly ReportFormName[]): Omit<PaneTabs, "roster" | "appraisal"> {
  return {
    commitments: forms.includes("承诺事项"),
    redemption: forms.includes("积分兑换"),
    branchLedgers: LEDGER_FORMS.filter(([, names]) => names.some((n) => forms.includes(n))).map(([id]) => id),
  };
}

const NONE: PaneTabs = { roster: false, appraisal: false, commitments: false, redemption: false, branchLedgers: [] };
const ALL: PaneTabs = { roster: true, appraisal: true, commitments: true, redemption: true, branchLedgers: ["stars", "grading", "scores"] };

/** Stands in for the host before there is a workbook; never used (nothing runs without a pane). */
const NO_HOST: LedgerHost = {
  kind: "web",
  gateway: { inspect: () => Promise.reject(new Error("no workbook")), readTables: () => Promise.reject(new Error("no workbook")), readSheet: async () => null, readSheets: async () => new Map(), apply: () => Promise.reject(new Error("no workbook")) },
  selectCell: async () => undefined,
  showSheet: async () => undefined,
  schemeChanged: async () => null,
};

/**
 * The panels the workbook's scheme uses: 名册 for schemes that score members, 民主评议 for schemes with an
 * appraisal component, 承诺事项 / 积分兑换 / 支部台账 for schemes whose forms include them; none of these
 * before the workbook has a ledger. Read again when the scheme changes. When the scheme cannot be read,
 * all show, and their panels say why they cannot load.
 */
export function usePaneFeatures(pane: LedgerHost | null, schemeId: string | null): PaneTabs {
  const features = useAction(loadPaneFeaturesAction, pane ?? NO_HOST);
  const { run } = features;
  useEffect(() => {
    if (pane) void run(undefined);
  }, [pane, schemeId, run]);
  if (!pane) return NONE;
  if (features.error) return ALL;
  const f = features.result;
  return f ? { roster: f.roster, appraisal: f.appraisal, ...tabsOfForms(f.forms) } : NONE;
}
