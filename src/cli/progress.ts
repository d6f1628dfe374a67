// How far a long command has got, on stderr (stdout keeps only the command's output): asked for with
// --progress, or on its own when stderr is a terminal and the command runs more than a second.
import type { ImportProgress } from "../app/importPlan";

const INTERVAL_MS = 1000;

export class ProgressLines {
  private readonly start: number;
  private last: number;

  /** `eager`: asked for (--progress), so said from the start; else only once the command has run a second. */
  constructor(
    private readonly say: (text: string) => void,
    private readonly eager: boolean,
    private readonly clock: () => number = Date.now,
  ) {
    this.start = clock();
    this.last = eager ? -Infinity : this.start;
  }

  /** Counts are said at most once a second; a new step (writing, saving) whenever the lines are being said. */
  private line(text: string, newStep: boolean): void {
    const t = this.clock();
    const due = newStep ? this.eager || t - this.start >= INTERVAL_MS : t - this.last >= INTERVAL_MS;
    if (!due) return;
    this.last = t;
    this.say(text);
  }

  /** 「积分.csv：已读取 120000 行（35%）…」, then 「正在把 400000 行写入工作簿…」. */
  readonly import = (p: ImportProgress): void => {
    if (p.phase === "read") this.line(`${p.source}：已读取 ${p.records} 行${p.fraction === null ? "" : `（${Math.floor(p.fraction * 100)}%）`}…`, false);
    else this.line(`正在把 ${p.rows} 行写入工作簿…`, true);
  };

  readonly saving = (file: string): void => this.line(`正在保存 ${file}…`, true);
}
