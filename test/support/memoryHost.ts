import type { LedgerHost } from "../../src/taskpane/host";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";

/** A task-pane host over an in-memory workbook that records the cells selected and the scheme changes. */
export function memoryHost(gateway = new MemoryGateway()) {
  const selected: string[] = [];
  const schemeChanges: number[] = [];
  const host: LedgerHost = {
    kind: "web",
    gateway,
    selectCell: async (sheet, row, column) => {
      selected.push(`${sheet}!${column}${row}`);
    },
    showSheet: async () => undefined,
    schemeChanged: async () => {
      schemeChanges.push(Date.now());
      return null;
    },
  };
  return { host, selected, gateway, schemeChanges };
}
