import { spawnSync } from "child_process";
import path from "path";

const root = path.resolve(__dirname, "..");

interface LintCase {
  file: string;
  /** Source to lint as if it were `file`; omitted = lint the real files at `file`. */
  code?: string;
}

const CORE_IMPORTS: [string, string][] = [
  ["Office.js types", 'import type {} from "@microsoft/office-js";'],
  ["React", 'import { useState } from "react";\nexport const x = useState;'],
  ["Fluent UI", 'import { Button } from "@fluentui/react-components";\nexport const x = Button;'],
  ["exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;'],
  ["a Node built-in", 'import fs from "fs";\nexport const x = fs;'],
  ["a node: built-in", 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;'],
  ["the application layer", 'import { x } from "../../app/gateway";\nexport const y = x;'],
  ["a host", 'import { x } from "../../hosts/memory/memoryGateway";\nexport const y = x;'],
  ["the web page", 'import { WebWorkbook } from "../../web/webWorkbook";\nexport const y = WebWorkbook;'],
  ["the task pane", 'import { App } from "../../taskpane/components/App";\nexport const y = App;'],
];
const CORE_GLOBALS = ["document", "window", "Excel", "process"];
const FUNCTIONS_ENTRY_IMPORTERS: [string, string][] = [
  ["src/taskpane/components/fenceFixture.ts", "../../functions/functions"],
  ["src/functions/fenceFixture.ts", "./functions"],
  ["src/app/fenceFixture.ts", "../functions/functions.ts"],
];

/** [layer, file it is linted as, what it may not do, the code, the fence's message] */
const LAYER_CASES: [string, string, string, string, string][] = [
  ["src/app", "src/app/fenceFixture.ts", "exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;', "src/app holds the application services"],
  ["src/app", "src/app/fenceFixture.ts", "a Node built-in", 'import fs from "fs";\nexport const x = fs;', "src/app holds the application services"],
  ["src/app", "src/app/fenceFixture.ts", "a host", 'import { x } from "../hosts/office/officeJsGateway";\nexport const y = x;', "src/app holds the application services"],
  ["src/app", "src/app/fenceFixture.ts", "React", 'import { useState } from "react";\nexport const x = useState;', "src/app holds the application services"],
  ["src/app", "src/app/fenceFixture.ts", "the global document", "export const x = document;", "src/app holds the application services"],
  ["src/app", "src/app/fenceFixture.ts", "the global Excel", "export const x = Excel;", "src/app holds the application services"],
  ["src/hosts/memory", "src/hosts/memory/fenceFixture.ts", "another host", 'import { x } from "../xlsx/excelJsGateway";\nexport const y = x;', "a host adapter"],
  ["src/hosts/memory", "src/hosts/memory/fenceFixture.ts", "a Node built-in", 'import fs from "fs";\nexport const x = fs;', "a host adapter"],
  ["src/hosts/office", "src/hosts/office/fenceFixture.ts", "exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;', "a host adapter"],
  ["src/hosts/office", "src/hosts/office/fenceFixture.ts", "a Node built-in", 'import fs from "fs";\nexport const x = fs;', "a host adapter"],
  ["src/hosts/office", "src/hosts/office/fenceFixture.ts", "the global process", "export const x = process;", "a host adapter"],
  ["src/hosts/xlsx", "src/hosts/xlsx/fenceFixture.ts", "the Office.js host", 'import { x } from "../office/officeJsGateway";\nexport const y = x;', "a host adapter"],
  ["src/hosts/xlsx", "src/hosts/xlsx/fenceFixture.ts", "React", 'import { useState } from "react";\nexport const x = useState;', "a host adapter"],
  ["src/hosts/xlsx", "src/hosts/xlsx/fenceFixture.ts", "the global Excel", "export const x = Excel;", "a host adapter"],
  ["src/hosts/xlsx/package", "src/hosts/xlsx/package/fenceFixture.ts", "a Node built-in", 'import zlib from "zlib";\nexport const x = zlib;', "runs in the browser too"],
  ["src/hosts/xlsx/package", "src/hosts/xlsx/package/fenceFixture.ts", "the global Buffer", "export const x = Buffer.from([]);", "runs in the browser too"],
  ["src/hosts/xlsx/package", "src/hosts/xlsx/package/fenceFixture.ts", "exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;', "runs in the browser too"],
  ["src/hosts/xlsx/package", "src/hosts/xlsx/package/fenceFixture.ts", "the file module", 'import { openBookFile } from "../bookFile";\nexport const x = openBookFile;', "runs in the browser too"],
  ["src/web", "src/web/fenceFixture.ts", "a Node built-in", 'import fs from "fs";\nexport const x = fs;', "src/web is the offline web page"],
  ["src/web", "src/web/fenceFixture.ts", "exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;', "src/web is the offline web page"],
  ["src/web", "src/web/fenceFixture.ts", "the Node file module", 'import { openBookFile } from "../hosts/xlsx/bookFile";\nexport const x = openBookFile;', "src/web is the offline web page"],
  ["src/web", "src/web/fenceFixture.ts", "the Office.js host", 'import { x } from "../hosts/office/officeJsGateway";\nexport const y = x;', "src/web is the offline web page"],
  ["src/web", "src/web/fenceFixture.ts", "the global Buffer", "export const x = Buffer.from([]);", "src/web is the offline web page"],
  ["src/taskpane", "src/taskpane/fenceFixture.ts", "a Node built-in", 'import fs from "fs";\nexport const x = fs;', "the task pane runs in a browser"],
  ["src/taskpane", "src/taskpane/fenceFixture.ts", "exceljs", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;', "the task pane reaches workbooks only through a host"],
  ["src/taskpane", "src/taskpane/fenceFixture.ts", "the CLI", 'import { x } from "../cli/main";\nexport const y = x;', "the task pane does not use the CLI"],
];
const REAL_LAYERS = ["src/core", "src/app", "src/hosts", "src/taskpane", "src/web", "src/functions"];

const cases: Record<string, LintCase> = {
  functionsToTaskpane: { file: "src/functions/fenceFixture.ts", code: 'import { App } from "../taskpane/components/App";\nexport const x = App;' },
  functionsToReact: { file: "src/functions/fenceFixture.ts", code: 'import React from "react";\nexport const x = React;' },
  functionsToCore: { file: "src/functions/fenceFixture.ts", code: 'import { gradeOf } from "../core/formulas/grade";\nimport { unwrap } from "./toExcelError";\nexport const x = [gradeOf, unwrap];' },
  realCore: { file: "src/core" },
};
LAYER_CASES.forEach(([layer, file, what, code]) => (cases[`layer:${layer}:${what}`] = { file, code }));
REAL_LAYERS.forEach((dir) => (cases[`real:${dir}`] = { file: dir }));
CORE_IMPORTS.forEach(([what, code]) => (cases[`core:${what}`] = { file: "src/core/engine/fenceFixture.ts", code }));
CORE_GLOBALS.forEach((name) => (cases[`global:${name}`] = { file: "src/core/fenceFixture.ts", code: `export const x = ${name};` }));
FUNCTIONS_ENTRY_IMPORTERS.forEach(([file, spec]) => (cases[`entry:${file}`] = { file, code: `import { grade } from "${spec}";\nexport const x = grade;` }));

let messages: Record<string, string[]> = {};

beforeAll(() => {
  const keys = Object.keys(cases);
  const run = spawnSync(process.execPath, [path.join(root, "test/support/lintCases.mjs")], { input: JSON.stringify(keys.map((k) => cases[k])), encoding: "utf8", cwd: root });
  if (run.status !== 0) throw new Error(`lint helper failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as string[][];
  messages = Object.fromEntries(keys.map((k, i) => [k, out[i]]));
});

function ruleIdsFor(key: string): string[] {
  return messages[key];
}

describe("layer fences", () => {
  it.each(CORE_IMPORTS.map(([what]) => [what]))("src/core may not import %s", (what) => {
    expect(ruleIdsFor(`core:${what}`).some((m) => m.startsWith("no-restricted-imports") && m.includes("src/core is pure"))).toBe(true);
  });

  it.each(CORE_GLOBALS.map((g) => [g]))("src/core may not use the global %s", (name) => {
    expect(ruleIdsFor(`global:${name}`).some((m) => m.startsWith("no-restricted-globals"))).toBe(true);
  });

  it("src/functions imports only src/core", () => {
    expect(ruleIdsFor("functionsToTaskpane").some((m) => m.includes("src/functions imports only src/core"))).toBe(true);
    expect(ruleIdsFor("functionsToReact").some((m) => m.includes("src/functions imports only src/core"))).toBe(true);
    expect(ruleIdsFor("functionsToCore")).toEqual([]);
  });

  it.each(FUNCTIONS_ENTRY_IMPORTERS.map(([file]) => [file]))("nothing imports src/functions/functions.ts (from %s)", (file) => {
    expect(ruleIdsFor(`entry:${file}`).some((m) => m.includes("functions.ts registers itself"))).toBe(true);
  });

  it("the core as written passes its own fence", () => {
    expect(ruleIdsFor("realCore")).toEqual([]);
  });

  it.each(LAYER_CASES.map(([layer, , what, , message]) => [layer, what, message]))("%s may not use %s", (layer, what, message) => {
    const found = ruleIdsFor(`layer:${layer}:${what}`);
    expect(found.some((m) => m.includes(message))).toBe(true);
  });

  it.each(REAL_LAYERS.map((d) => [d]))("%s as written passes its fences", (dir) => {
    expect(ruleIdsFor(`real:${dir}`).filter((m) => m.startsWith("no-restricted"))).toEqual([]);
  });
});
