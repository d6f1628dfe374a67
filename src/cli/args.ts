import { parseArgs } from "node:util";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (someone watching): long commands then say how far they have got. */
  errIsTTY?: boolean;
}

/** A mistake in how the command was called (or a file that cannot be read): printed as its message, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type OptionType = "string" | "boolean";

/** One command of the table: its options (anything else is a usage error), its usage lines and what it does. */
export interface Command {
  name: string;
  /** Each form of the command: its synopsis (without the command name) and what it does. */
  usage: readonly (readonly [synopsis: string, description: string])[];
  options: Readonly<Record<string, OptionType>>;
  /** "book": exactly one workbook; "books": one or more; "none": no file. */
  files: "none" | "book" | "books";
  run(args: Args, io: CliIo): Promise<number> | number;
}

const FLAG = /--([a-z][a-z-]*)(\s+(?:<[^>]*>|[^\s[\]<>-][^\s[\]]*))?/g;

/**
 * A command from its usage lines: the synopses are the one statement of its options ("--period <期间>" takes
 * a value, "[--json]" does not) and of its files (one <….xlsx> for a workbook, several for many).
 */
export function defineCommand(name: string, usage: Command["usage"], run: Command["run"]): Command {
  const options: Record<string, OptionType> = {};
  for (const [synopsis] of usage) for (const m of synopsis.matchAll(FLAG)) options[m[1]] = m[2] ? "string" : "boolean";
  const books = Math.max(...usage.map(([synopsis]) => (/^(<[^>]*\.xlsx>\s*)+/.exec(synopsis)?.[0].match(/\.xlsx>/g) ?? []).length));
  return { name, usage, options, files: books === 0 ? "none" : books === 1 ? "book" : "books", run };
}

/** The parsed arguments of one command, with typed, Chinese-speaking accessors. */
export class Args {
  constructor(
    readonly files: readonly string[],
    private readonly values: Readonly<Record<string, string | boolean | undefined>>,
  ) {}

  get book(): string {
    return this.files[0];
  }

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== false;
  }

  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === "string" ? v : undefined;
  }

  need(name: string, hint: string): string {
    const v = this.str(name);
    if (!v) throw new UsageError(`缺少参数 --${name}（${hint}）`);
    return v;
  }

  num(name: string): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`参数 --${name} 应为数字，收到「${v}」`);
    return n;
  }

  count(name: string): number | undefined {
    const n = this.num(name);
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new UsageError(`参数 --${name} 应为不小于0的整数，收到「${n}」`);
    return n;
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const v = this.str(name);
    if (v !== undefined && !(choices as readonly string[]).includes(v)) throw new UsageError(`参数 --${name} 应为 ${choices.join("、")} 之一，收到「${v}」`);
    return v as T | undefined;
  }
}

const NODE_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Unknown option '(--?[^']+)'/, (m) => `不认识的参数 ${m[1]}`],
  [/^Option '(?:-\w, )?(--[^ ]+) <value>' argument missing/, (m) => `参数 ${m[1]} 缺少取值`],
  [/^Option '(?:-\w, )?(--[^ ']+)' does not take an argument/, (m) => `参数 ${m[1]} 不带取值`],
  [/^Option '(?:-\w, )?(--[^ ']+)' argument is ambiguous/, (m) => `参数 ${m[1]} 缺少取值`],
];

/** "--points -2": a negative number is the value of a string option, not a flag. */
function joinNegativeValues(command: Command, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    if (command.options[name] === "string" && /^-[\d.]/.test(argv[i + 1] ?? "")) out.push(`--${name}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** Strict parsing: an unknown or misspelt flag, or a flag without its value, is a usage error naming it. */
export function parseCommandArgs(command: Command, argv: readonly string[]): Args {
  const options = Object.fromEntries(Object.entries({ ...command.options, help: "boolean" as const }).map(([name, type]) => [name, { type }]));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: joinNegativeValues(command, argv), options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    const text = (e as Error).message;
    for (const [pattern, say] of NODE_MESSAGES) {
      const m = pattern.exec(text);
      if (m) throw new UsageError(`${say(m)}（命令 ${command.name}；运行 party-ledger help 查看用法）`);
    }
    throw new UsageError(`参数有误：${text}`);
  }
  // A value that looks like a flag is almost always a forgotten value ("--period --json").
  for (const [name, value] of Object.entries(parsed.values))
    if (typeof value === "string" && /^--[a-z]/.test(value)) throw new UsageError(`参数 --${name} 缺少取值`);
  const files = parsed.positionals;
  if (command.files === "none" && files.length > 0) throw new UsageError(`命令 ${command.name} 不需要文件名，收到「${files.join(" ")}」`);
  if (command.files === "book" && files.length === 0) throw new UsageError("缺少工作簿文件名，例如 台账.xlsx");
  if (command.files === "book" && files.length > 1) throw new UsageError(`命令 ${command.name} 只处理一个工作簿，收到 ${files.length} 个：${files.join("、")}`);
  if (command.files === "books" && files.length === 0) throw new UsageError("请给出至少一个支部工作簿");
  return new Args(files, parsed.values);
}

/** The usage text, generated from the command table. */
export function usageText(commands: readonly Command[]): string {
  const lines = ["用法：party-ledger <命令> [参数]", ""];
  for (const c of commands)
    for (const [synopsis, description] of c.usage) {
      const head = `  ${c.name}${synopsis ? ` ${synopsis}` : ""}`;
      if (head.length < 50) lines.push(`${head.padEnd(52)}${description}`);
      else lines.push(head, `${" ".repeat(52)}${description}`);
    }
  lines.push("", "退出码：0 完成；1 工作簿有需要处理的问题，或请求被拒绝；2 用法错误或文件无法读取。");
  return lines.join("\n");
}
