import { runCli } from "../../src/cli/main";

/** Runs the party-ledger CLI in-process (the same code path as bin/party-ledger.js) and collects its output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}
