import { WorkbookError } from "../app/gateway";
import { CoreError, Refused } from "../core/errors";
import { BookFileError, fileSystemReason } from "../hosts/xlsx/bookFile";
import { type CliIo, UsageError, parseCommandArgs, usageText } from "./args";
import { COMMANDS } from "./commands";

export type { CliIo } from "./args";
export { UsageError } from "./args";
export { scoresJson } from "./commands/ledger";

export const USAGE = usageText(COMMANDS);

/** How a refusal is introduced on stderr (the two that say what did not happen; the rest are errors). */
const REFUSAL_PREFIX: Partial<Record<Refused["kind"], string>> = { approval: "未审定", redemption: "未兑换" };

/**
 * One exit-code policy for every command: 0 done; 1 the workbook has problems or the request was
 * refused (nothing written); 2 a usage mistake or a file that cannot be read.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name = "", ...rest] = argv;
  try {
    if (!name || name === "help" || name === "--help") {
      io.out(USAGE);
      return name ? 0 : 2;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`未知命令「${name}」\n\n${USAGE}`);
    const args = parseCommandArgs(command, rest);
    if (args.has("help")) {
      io.out(usageText([command]));
      return 0;
    }
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof Refused) {
      io.err(`${REFUSAL_PREFIX[e.kind] ?? "错误"}：${e.message}`);
      return 1;
    }
    if (e instanceof UsageError || e instanceof CoreError || e instanceof WorkbookError || e instanceof BookFileError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    // A file the clerk can fix (read-only, disk full, a folder missing) wherever a command met it.
    const reason = fileSystemReason(e);
    if (reason) {
      const where = (e as NodeJS.ErrnoException).path;
      io.err(`错误：${where ? `无法访问 ${where}：` : ""}${reason}。`);
      return 2;
    }
    io.err(`内部错误：${(e as Error).message}\n（请把这条信息和工作簿一起反馈给维护者）`);
    if (process.env.PARTY_LEDGER_DEBUG) io.err(String((e as Error).stack));
    return 2;
  }
}

/**
 * The process's own output. A reader that stops early (`validate … | head -1`) closes the pipe: the
 * rest of the output is dropped quietly (no EPIPE stack) and the command ends with its own exit code.
 */
export function processIo(): CliIo {
  const closed = { out: false, err: false };
  const guard = (stream: NodeJS.WriteStream, which: keyof typeof closed) =>
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      closed[which] = true;
    });
  guard(process.stdout, "out");
  guard(process.stderr, "err");
  return {
    errIsTTY: process.stderr.isTTY === true,
    out: (t) => {
      if (!closed.out) process.stdout.write(`${t}\n`);
    },
    err: (t) => {
      if (!closed.err) process.stderr.write(`${t}\n`);
    },
  };
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
