import type { WorkbookOp } from "../../core/sheetModel";
import { WorkbookError } from "../../app/gateway";
import { knownTable } from "../../core/stores/knownTables";
import { REQUEST_BASE, REQUEST_BUDGET } from "./requestSize";

/**
 * The write requests of one gateway.apply. Each is sized as Office.js serialises it (requestSize.ts) and
 * sent when the next piece would pass the budget. A request followed by more suspends Excel's
 * recalculation (Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6) so that a chunked write
 * recalculates once, after its last request. Which request carried each operation is kept, so that a
 * failure can say what was written.
 */
export class WriteRequests {
  private queued = 0;
  /** Write requests completed. */
  synced = 0;
  private readonly first = new Map<WorkbookOp, number>();
  private readonly last = new Map<WorkbookOp, number>();
  private readonly undo = new Map<WorkbookOp, ((context: Excel.RequestContext) => Promise<void>)[]>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget = REQUEST_BUDGET,
  ) {}

  /** Room for `bytes` more in the current request: the request is sent first when they would not fit. */
  async room(bytes: number): Promise<void> {
    if (this.queued > REQUEST_BASE && this.queued + bytes > this.budget) {
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
      await this.send();
    }
    if (this.queued === 0) this.queued = REQUEST_BASE;
    this.queued += bytes;
  }

  /** Sends what is queued (the last request: Excel recalculates after it). */
  async send(): Promise<void> {
    await this.context.sync();
    this.synced++;
    this.queued = 0;
  }

  begin(op: WorkbookOp): void {
    this.first.set(op, this.synced);
  }

  end(op: WorkbookOp): void {
    this.last.set(op, this.synced);
  }

  /** How to take back what an operation wrote, should its request or a later one of the same operation fail. */
  onFailure(op: WorkbookOp, cleanup: (context: Excel.RequestContext) => Promise<void>): void {
    this.undo.set(op, [...(this.undo.get(op) ?? []), cleanup]);
  }

  /**
   * The error for a failure in request `this.synced`: operations whose last request went through are
   * written; the one in flight had what it wrote taken back (`cleanup` runs its undo steps in a new
   * Excel.run) or, should that fail too, may be half written; the rest are not written. When nothing
   * was written, Excel's error itself.
   */
  async failure(ops: readonly WorkbookOp[], error: unknown, run: (batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>): Promise<Error> {
    if (error instanceof WorkbookError) return error;
    const written: string[] = [];
    const partial: WorkbookOp[] = [];
    const notWritten: string[] = [];
    for (const op of ops) {
      const last = this.last.get(op);
      const first = this.first.get(op);
      if (last !== undefined && last < this.synced) written.push(describeOp(op));
      else if (first !== undefined && first <= this.synced) partial.push(op);
      else notWritten.push(describeOp(op));
    }
    let undone = true;
    const steps = partial.flatMap((op) => this.undo.get(op) ?? []);
    // Excel does not roll a failed request back: what came before the failing action stays.
    const unknown = partial.filter((op) => !this.undo.has(op));
    if (steps.length > 0) {
      try {
        await run(async (context) => {
          for (const step of steps) await step(context);
        });
      } catch {
        undone = false;
      }
    }
    const half = partial.filter((op) => !undone || unknown.includes(op)).map(describeOp);
    // Nothing written: Excel's own error, which the pane explains by its code.
    if (written.length === 0 && half.length === 0) return error instanceof Error ? error : new Error(String(error));
    notWritten.unshift(...partial.filter((op) => undone && !unknown.includes(op)).map(describeOp));
    const code = (error as { code?: unknown })?.code;
    const lines = [
      typeof code === "string" ? `写入工作簿时 Excel 出错（错误代码 ${code}），本次操作没有全部完成。` : `写入工作簿时出错（${error instanceof Error ? error.message : String(error)}），本次操作没有全部完成。`,
      `已写入：${written.length > 0 ? written.join("；") : "无"}。`,
      `未写入：${notWritten.length > 0 ? notWritten.join("；") : "无"}。`,
    ];
    if (half.length > 0) lines.push(`可能只写入了一部分（请检查后重做）：${half.join("；")}。`);
    lines.push("台账中已有的记录没有改动；请排除原因后重做未写入的部分。");
    const failure = new WorkbookError("bad-rows", lines.join("\n"));
    (failure as { cause?: unknown }).cause = error;
    return failure;
  }
}

function sheetOfTable(table: string): string {
  return knownTable(table)?.sheet ?? table;
}

/** An operation in the clerk's words, for the report of a failed write. */
export function describeOp(op: WorkbookOp): string {
  switch (op.op) {
    case "createTable":
      return `新建工作表「${op.spec.sheet}」${op.spec.rows.length > 0 ? `（${op.spec.rows.length} 行）` : ""}`;
    case "appendRows":
      return `向「${sheetOfTable(op.table)}」追加 ${op.rows.length} 行`;
    case "replaceRows":
      return `重写「${sheetOfTable(op.table)}」（${op.rows.length} 行）`;
    case "setValidation":
      return `设置「${sheetOfTable(op.table)}」第 ${op.column + 1} 列的下拉选项`;
    case "setCells":
      return `修改「${sheetOfTable(op.table)}」第 ${op.row + 1} 条记录`;
    case "writeSheet":
      return `生成工作表「${op.model.name}」`;
    case "setTableRange":
      return `调整「${op.sheet}」的表格范围`;
    case "protectSheet":
      return `保护工作表「${op.sheet}」`;
    case "unprotectSheet":
      return `撤销工作表「${op.sheet}」的保护`;
    case "addColumn":
      return `在「${sheetOfTable(op.table)}」中添加「${op.header}」列`;
    case "renameColumn":
      return `把「${sheetOfTable(op.table)}」的「${op.from}」列改名为「${op.to}」`;
    default: {
      // setPage and any operation added later.
      const other: { op: string; sheet?: unknown } = op;
      return typeof other.sheet === "string" ? `设置工作表「${other.sheet}」的打印格式` : other.op;
    }
  }
}

/**
 * The order that keeps the ledger consistent should a request fail: new rows of the ledger table
 * (积分台账) go last, after the reports and side records that accompany them, unless a later operation
 * works on the same table or on a sheet's protection (then the batch keeps its order).
 */
export function orderForConsistency(ops: readonly WorkbookOp[], ledgerTable: string): WorkbookOp[] {
  const last: WorkbookOp[] = [];
  const rest: WorkbookOp[] = [];
  ops.forEach((op, i) => {
    const movable =
      op.op === "appendRows" &&
      op.table === ledgerTable &&
      !ops.slice(i + 1).some((later) => ("table" in later && later.table === ledgerTable) || later.op === "protectSheet" || later.op === "unprotectSheet");
    (movable ? last : rest).push(op);
  });
  return [...rest, ...last];
}
