import { useMemo } from "react";
import { BUILTIN_SCHEMES } from "../../core/scheme/presets";
import { schemeMaximum } from "../../core/engine/scoreMembers";

export interface SchemeSummary {
  id: string;
  name: string;
  version: number;
  summary: string;
  maxTotal: number;
}

/** The built-in schemes with the highest cycle total each allows. */
export function useSchemeList(): SchemeSummary[] {
  return useMemo(
    () =>
      BUILTIN_SCHEMES.map((s) => ({
        id: s.id,
        name: s.name,
        version: s.version,
        summary: s.summary,
        maxTotal: schemeMaximum(s),
      })),
    [],
  );
}
