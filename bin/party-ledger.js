#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (installed with the project), so `npx party-ledger` works right after `npm install`.
require("tsx/cjs");
const { runCli, processIo } = require("../src/cli/main.ts");

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
