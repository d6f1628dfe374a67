/**
 * The scheme chosen in the workbook's 设置 sheet, and the schemes the workbook keeps (自定义方案), for the
 * PARTY.* functions. The functions fetch them themselves when they lack them (shared runtime: Excel.run
 * from the functions' runtime, which Excel may start without the task pane); the task pane hands them
 * over too when it reads them. Task pane and functions are separate bundles, each with its own copy of
 * this module, so the state lives on the shared global.
 *
 * A change to 设置 or 自定义方案 (by the clerk, a co-author or the pane: WorksheetCollection.onChanged,
 * registered once) has them read again; when they changed, only the PARTY.* cells that used them are
 * recalculated (Range.calculate on each, ExcelApi 1.6), never Application.calculate, which recalculates
 * every open workbook. Those cells are known from each call's invocation address (@requiresAddress).
 */
import { SETTINGS_KEYS, SHEETS } from "../core/ledger/layout";
import { readSettings } from "../core/ledger/readLedger";
import type { Scheme } from "../core/scheme/schema";
import { SCHEME_STORE, readWorkbookSchemes } from "../core/scheme/workbookSchemes";
import { type Cell, type TableData, columnIndexOf } from "../core/sheetModel";

/** Excel.run as the add-in calls it (the pane passes its own, the same). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** While the clerk is typing in a cell, Excel holds the batch until the edit ends (Excel.RunOptions.delayForCellEdit). */
const runInExcel: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** What reads the two tables: the pane's gateway, or the functions' own reader below. */
export interface TableReader {
  readTables(names: readonly string[]): Promise<Map<string, TableData>>;
}

/**
 * The functions' own reader of small tables (设置, 自定义方案): which exist, then their cells, two syncs.
 * (src/functions imports only src/core; the pane reads through its gateway.)
 */
const excelTables: TableReader = {
  readTables: (names) =>
    runInExcel(async (context) => {
      const found = names.map((name) => ({ name, table: context.workbook.tables.getItemOrNullObject(name).load("isNullObject") }));
      await context.sync();
      const reads = found
        .filter((f) => !f.table.isNullObject)
        .map((f) => ({ name: f.name, sheet: f.table.worksheet.load("name"), range: f.table.getRange().load("values,address") }));
      await context.sync();
      return new Map(
        reads.map((r) => {
          const values = r.range.values as Cell[][];
          const topLeft = /!?\$?([A-Z]+)\$?(\d+)/.exec(r.range.address.slice(r.range.address.lastIndexOf("!") + 1));
          let end = values.length;
          while (end > 1 && values[end - 1].every((v) => v === "" || v === null)) end--;
          const rows = values.slice(1, end);
          const data: TableData = {
            name: r.name,
            sheet: r.sheet.name,
            headers: values[0].map(String),
            rowCount: rows.length,
            rows,
            firstRow: Number(topLeft?.[2] ?? 1) + 1,
            firstColumn: columnIndexOf(topLeft?.[1] ?? "A"),
          };
          return [r.name, data] as const;
        }),
      );
    }),
};

const KEY = "__partyPointsWorkbookSchemeId";
const SCHEMES_KEY = "__partyPointsWorkbookSchemes";
const RUNTIME_KEY = "__partyPointsSchemeRuntime";

/** The sheets whose change invalidates what was read. */
const WATCHED = [SHEETS.settings.sheet, SCHEME_STORE.sheet];
/** Waits before the 2nd and 3rd attempt to read (a focus switch or a save in progress passes quickly). */
export const RETRY_DELAYS_MS = [150, 600];

interface Runtime {
  /** A read under way: every call waiting for the scheme shares it. */
  pending?: Promise<void>;
  /** A read failed since the last good one: the cells that showed #N/A are recalculated after the next. */
  failed: boolean;
  /** The onChanged handler being registered. */
  watch?: Promise<void>;
  /** Bumped by every invalidation: a read started before one does not count as current. */
  generation: number;
  watching: boolean;
  /** Worksheet id → name, as last read (onChanged names sheets by id). */
  sheetNames: Map<string, string>;
  /** PARTY.* cells that used the workbook's scheme ("Sheet!B2"): recalculated when it changes. */
  cells: Set<string>;
}

interface SharedGlobal {
  /** undefined: not read yet (or invalidated); null: the workbook has no 设置 (no ledger yet). */
  [KEY]?: string | null;
  [SCHEMES_KEY]?: readonly Scheme[];
  [RUNTIME_KEY]?: Runtime;
}

const shared = globalThis as SharedGlobal;

function runtime(): Runtime {
  shared[RUNTIME_KEY] ??= { generation: 0, failed: false, watching: false, sheetNames: new Map(), cells: new Set() };
  return shared[RUNTIME_KEY];
}

export function setWorkbookSchemeId(id: string | null): void {
  shared[KEY] = id;
}

export function getWorkbookSchemeId(): string | null {
  return shared[KEY] ?? null;
}

export function setWorkbookSchemes(schemes: readonly Scheme[]): void {
  shared[SCHEMES_KEY] = schemes;
}

export function getWorkbookSchemes(): readonly Scheme[] {
  return shared[SCHEMES_KEY] ?? [];
}

/** Whether the workbook's scheme has been read (by the functions or the pane) and not invalidated since. */
export function workbookSchemeKnown(): boolean {
  return shared[KEY] !== undefined;
}

/** A PARTY.* cell that used the workbook's scheme, from its invocation address. */
export function rememberCell(address: string | undefined): void {
  if (address) runtime().cells.add(address);
}

const signature = (id: string | null | undefined, schemes: readonly { id: string; version: number }[]) => `${id ?? ""}|${schemes.map((s) => `${s.id}@${s.version}`).join(",")}`;

/** Reads 设置 and 自定义方案 through the Office.js gateway. */
export async function readWorkbookScheme(gateway: TableReader = excelTables): Promise<{ schemeId: string | null; schemes: readonly Scheme[] }> {
  const tables = await gateway.readTables([SHEETS.settings.table, SCHEME_STORE.table]);
  return { schemeId: readSettings(tables).get(SETTINGS_KEYS.schemeId) || null, schemes: readWorkbookSchemes(tables.get(SCHEME_STORE.table)).schemes };
}

/** Hands a reading over (the pane's, or the functions' own); says whether it differs from what the functions had. */
export function acceptWorkbookScheme(schemeId: string | null, schemes: readonly Scheme[]): boolean {
  const changed = signature(shared[KEY], getWorkbookSchemes()) !== signature(schemeId, schemes) || shared[KEY] === undefined;
  shared[KEY] = schemeId;
  shared[SCHEMES_KEY] = schemes;
  return changed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The workbook's scheme for a PARTY.* call: read when not known yet (a few attempts, cell-edit mode waited
 * out by runInExcel's delayForCellEdit). Rejects with the last failure when every attempt failed: the
 * call shows #N/A, and the next call tries again.
 */
export async function ensureWorkbookScheme(): Promise<void> {
  const rt = runtime();
  if (workbookSchemeKnown()) {
    // Known from the pane: the functions still watch 设置 and 自定义方案 themselves (not awaited: a failure is retried by the next call).
    if (!rt.watching) void watchWorkbook().catch(() => undefined);
    return;
  }
  rt.pending ??= (async () => {
    try {
      let failure: unknown;
      for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
        if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]);
        try {
          const generation = rt.generation;
          const read = await readWorkbookScheme();
          if (generation === rt.generation) acceptWorkbookScheme(read.schemeId, read.schemes);
          await watchWorkbook();
          if (rt.failed) {
            rt.failed = false;
            // Not awaited: the recalculated cells call back here, and find the scheme known.
            void recalculateCells().catch(() => undefined);
          }
          return;
        } catch (e) {
          failure = e;
        }
      }
      rt.failed = true;
      throw failure;
    } finally {
      rt.pending = undefined;
    }
  })();
  return rt.pending;
}

/** Registers the onChanged handler once (one registration under way at a time), and learns the sheets' ids. */
function watchWorkbook(): Promise<void> {
  const rt = runtime();
  // Through a promise: without Excel (a plain page) the call rejects instead of throwing.
  rt.watch ??= Promise.resolve().then(() =>
    runInExcel(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name,items/id");
      // WorksheetCollection.onChanged: ExcelApi 1.9; fires for the clerk's, a co-author's and the add-in's own edits.
      if (!rt.watching) context.workbook.worksheets.onChanged.add(onSheetChanged);
      await context.sync();
      rt.watching = true;
      rt.sheetNames = new Map(sheets.items.map((s) => [s.id, s.name]));
    }),
  ).finally(() => {
    rt.watch = undefined;
  });
  return rt.watch;
}

/** Which sheet an event is on: from the ids read, else (a sheet added since) asked once. */
async function sheetNameOf(id: string): Promise<string | null> {
  const rt = runtime();
  const known = rt.sheetNames.get(id);
  if (known !== undefined) return known;
  return runInExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(id).load("name");
    await context.sync();
    if (sheet.isNullObject) return null;
    rt.sheetNames.set(id, sheet.name);
    return sheet.name;
  });
}

async function onSheetChanged(event: Excel.WorksheetChangedEventArgs): Promise<void> {
  const name = await sheetNameOf(event.worksheetId);
  if (name === null || !WATCHED.includes(name)) return;
  await refreshWorkbookScheme();
}

/**
 * Reads the scheme again and, when it changed, recalculates the PARTY.* cells that used it: one request,
 * Range.calculate on each cell (only this workbook's PARTY.* cells; Application.calculate would
 * recalculate every open workbook). A failed read leaves the scheme unknown: the next call reads it.
 */
export async function refreshWorkbookScheme(): Promise<boolean> {
  const rt = runtime();
  const before = signature(shared[KEY], getWorkbookSchemes());
  rt.generation++;
  shared[KEY] = undefined;
  await ensureWorkbookScheme();
  const changed = signature(shared[KEY], getWorkbookSchemes()) !== before;
  if (changed) await recalculateCells();
  return changed;
}

/** An invocation address ("Sheet1!B2", or quoted: "'My sheet'!B2") as the sheet's name and the cell. */
function splitAddress(address: string): { sheet: string; cell: string } {
  const bang = address.lastIndexOf("!");
  const quoted = /^'(.*)'$/.exec(address.slice(0, bang));
  return { sheet: quoted ? quoted[1].replace(/''/g, "'") : address.slice(0, bang), cell: address.slice(bang + 1) };
}

/** Recalculates the PARTY.* cells that used the workbook's scheme: one request for which sheets are still there, one to calculate. */
export async function recalculateCells(run: ExcelRunner = runInExcel): Promise<void> {
  const cells = [...runtime().cells].map(splitAddress);
  if (cells.length === 0) return;
  await run(async (context) => {
    const sheets = new Map([...new Set(cells.map((c) => c.sheet))].map((name) => [name, context.workbook.worksheets.getItemOrNullObject(name).load("isNullObject")]));
    await context.sync();
    for (const { sheet, cell } of cells) {
      const ws = sheets.get(sheet)!;
      if (!ws.isNullObject) ws.getRange(cell).calculate();
    }
    await context.sync();
  });
}
