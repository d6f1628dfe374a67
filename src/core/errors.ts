/**
 * API misuse in the core (an unknown scheme, an unparsable period) throws a CoreError with a code and a
 * Chinese message. Problems in the clerk's data are never thrown: they are reported as values.
 */
export class CoreError extends Error {
  override readonly name: string = "CoreError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What each kind of refused request is about (the prefix a face may put before the message). */
export const REFUSALS = {
  approval: "未审定",
  appeal: "未处理申诉",
  redemption: "未兑换",
  commitment: "未登记承诺事项",
  grading: "未登记分类定级",
  "branch-stars": "未登记评星晋级",
  "branch-score": "未登记支部积分",
  entry: "未写入积分记录",
  scheme: "未保存方案",
  structure: "台账结构有误",
  unreadable: "台账有无法读取的单元格",
  output: "未写入",
  init: "未生成台账",
  "carry-over": "未结转上年得分",
  dues: "未登记党费",
} as const satisfies Record<string, string>;

export type RefusalKind = keyof typeof REFUSALS;

/**
 * A request the workbook's rules do not allow (an unknown member, a balance too small, a period with
 * errors): nothing was written. Every face treats it alike (the CLI: exit 1).
 */
export class Refused extends CoreError {
  override readonly name = "Refused";
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(`${kind}-refused`, message);
  }
}
