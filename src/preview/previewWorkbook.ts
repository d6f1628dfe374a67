import { toIsoDate } from "../core/cells";
import type { Cell, WorkbookOp } from "../core/sheetModel";
import type { LedgerHost } from "../taskpane/host";
import { syncWorkbookScheme } from "../taskpane/workbookScheme";
import { MemoryGateway } from "../hosts/memory/memoryGateway";

export interface CellRef {
  sheet: string;
  /** Sheet row number, 1-based. */
  row: number;
  /** Column letter. */
  column: string;
}

/**
 * The browser preview's workbook: the in-memory gateway, observable, with an active sheet and a
 * selected cell, so that a grid can show what the task pane does to it.
 */
export class PreviewWorkbook {
  readonly gateway: ObservableGateway;
  activeSheet: string | null = null;
  selection: CellRef | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor() {
    this.gateway = new ObservableGateway(() => this.changed());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes on every edit, activation or selection (for useSyncExternalStore). */
  snapshot(): number {
    return this.version;
  }

  sheetNames(): string[] {
    return [...this.gateway.book.sheets.keys()];
  }

  show(sheet: string): void {
    this.activeSheet = sheet;
    this.changed();
  }

  select(ref: CellRef): void {
    this.activeSheet = ref.sheet;
    this.selection = ref;
    this.changed();
  }

  /** A sheet as the grid shows it: display text per cell, dates as dates, formulas as written. */
  display(sheet: string): string[][] {
    const book = this.gateway.book;
    const s = book.sheets.get(sheet);
    if (!s) return [];
    if (s.table) {
      const t = book.tables.get(s.table)!;
      return [t.headers, ...t.rows.map((r) => r.map((v, c) => shown(v, t.formats[c] === "date")))];
    }
    return s.cells.map((row) => row.map((c) => (c.formula ? `=${c.formula.replace(/^=/, "")}` : shown(c.value, c.numberFormat === "yyyy-mm-dd"))));
  }

  /** The task pane's host over this workbook. */
  host(): LedgerHost {
    return {
      kind: "preview",
      gateway: this.gateway,
      selectCell: async (sheet, row, column) => {
        if (!this.gateway.book.sheets.has(sheet)) throw new Error(`没有工作表「${sheet}」`);
        this.select({ sheet, row, column });
      },
      // No PARTY.* functions run in the preview; the pane still learns the scheme id.
      schemeChanged: async () => (await syncWorkbookScheme(this.gateway)).schemeId,
      showSheet: async (sheet) => {
        if (!this.gateway.book.sheets.has(sheet)) throw new Error(`没有工作表「${sheet}」`);
        this.show(sheet);
      },
    };
  }

  private changed(): void {
    this.version++;
    if (this.activeSheet === null || !this.gateway.book.sheets.has(this.activeSheet)) this.activeSheet = this.sheetNames()[0] ?? null;
    for (const listener of this.listeners) listener();
  }
}

function shown(value: Cell, isDate: boolean): string {
  if (value === null || value === undefined) return "";
  if (isDate && typeof value === "number") return toIsoDate(value) ?? String(value);
  return String(value);
}

/** The in-memory gateway, telling the preview after every batch. */
export class ObservableGateway extends MemoryGateway {
  constructor(private readonly onChange: () => void) {
    super();
  }

  override async apply(ops: readonly WorkbookOp[]): Promise<void> {
    await super.apply(ops);
    this.onChange();
  }
}
