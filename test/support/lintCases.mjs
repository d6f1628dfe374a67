// Lints source snippets as if they were files at the given paths, with the repo's ESLint config.
// Runs in its own process: ESLint loads its flat config by dynamic import, which jest's VM does not allow.
import { ESLint } from "eslint";
import path from "path";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });
const cases = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));
const out = [];
for (const c of cases) {
  const results = c.code === undefined ? await eslint.lintFiles([c.file]) : await eslint.lintText(c.code, { filePath: path.join(root, c.file) });
  out.push(results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${path.relative(root, r.filePath)}:${m.line})`)));
}
process.stdout.write(JSON.stringify(out));
