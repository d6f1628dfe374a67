import { WorkbookError } from "../app/gateway";
import { CoreError, Refused } from "../core/errors";
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
    if (e instanceof UsageError || e instanceof CoreError || e instanceof WorkbookError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    io.err(`内部错误：${(e as Error).message}\n（请把这条信息和工作簿一起反馈给维护者）`);
    if (process.env.PARTY_LEDGER_DEBUG) io.err(String((e as Error).stack));
    return 2;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then((code) => {
    process.exitCode = code;
  });
}
