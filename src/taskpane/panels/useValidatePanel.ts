import { useMemo } from "react";
import type { ValidationIssue } from "../../core/validation/validateLedger";
import { validateAction } from "../actions";
import { describeFailure } from "../errors";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";
import { fixHint } from "../../core/validation/issueCodes";

export interface IssueGroup {
  sheet: string;
  errors: number;
  warnings: number;
  issues: (ValidationIssue & { hint: string })[];
}

/** 校验: run validation, group the issues by sheet (errors first), select an issue's cell in the workbook. */
export function useValidatePanel(host: LedgerHost) {
  const validation = useAction(validateAction, host);
  const groups = useMemo<IssueGroup[]>(() => {
    const bySheet = new Map<string, IssueGroup>();
    for (const issue of validation.result?.issues ?? []) {
      let group = bySheet.get(issue.sheet);
      if (!group) bySheet.set(issue.sheet, (group = { sheet: issue.sheet, errors: 0, warnings: 0, issues: [] }));
      group.issues.push({ ...issue, hint: fixHint(issue.code) });
      if (issue.severity === "error") group.errors++;
      else group.warnings++;
    }
    for (const group of bySheet.values()) group.issues.sort((a, b) => (a.severity === b.severity ? a.row - b.row : a.severity === "error" ? -1 : 1));
    return [...bySheet.values()];
  }, [validation.result]);

  return {
    ...validation,
    groups,
    validate: () => validation.run(undefined),
    /** Selects the issue's cell; a failure comes back as a message. */
    select: async (issue: ValidationIssue): Promise<string | null> => {
      try {
        await host.selectCell(issue.sheet, issue.row, issue.column);
        return null;
      } catch (e) {
        return `无法选中 ${issue.sheet}!${issue.column}${issue.row}：${describeFailure(e)}`;
      }
    },
  };
}
