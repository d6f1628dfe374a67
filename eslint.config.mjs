// Layering is enforced here, not by hope (see README "源码结构").
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NODE_BUILTINS = [
  "assert", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs", "fs/promises", "http", "http2",
  "https", "module", "net", "os", "path", "perf_hooks", "process", "querystring", "readline", "stream", "string_decoder",
  "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib",
];

const FUNCTIONS_ENTRY = {
  regex: "(^|/)functions/functions(\\.ts)?$",
  message: "functions.ts registers itself with the Excel runtime; import its logic from src/core instead.",
};

const CORE_MESSAGE = "src/core is pure: no Office.js, React, Fluent UI, exceljs, Node built-ins or other layers.";
const APP_MESSAGE = "src/app holds the application services: it uses src/core and the gateway interface, never a host (Office.js, exceljs, Node, React, the DOM).";
const PACKAGE_MESSAGE = "src/hosts/xlsx/package runs in the browser too: bytes in, bytes out; no Node built-ins or globals, no exceljs (file I/O lives in bookFile.ts).";
const HOST_MESSAGE = "a host adapter (src/hosts/*) implements the gateway for one kind of workbook; it may not reach into another host or into the UI.";
const WEB_MESSAGE = "src/web is the offline web page: it runs in a browser on the package layer; no Node built-ins or globals, no exceljs, no Office.js, no file module.";
const UI_LIBS = "^(react|react-dom|@fluentui/.*)(/.*)?$";
const FILE_LIBS = "^(exceljs|fflate|saxes|fast-xml-parser)(/.*)?$";
const DOM_GLOBALS = ["window", "document", "navigator", "localStorage", "sessionStorage", "fetch", "XMLHttpRequest", "HTMLElement"];
const OFFICE_GLOBALS = ["Office", "Excel", "CustomFunctions", "OfficeRuntime"];
const NODE_GLOBALS = ["process", "Buffer", "require", "__dirname", "__filename", "global"];

export default tseslint.config(
  { ignores: ["dist/**", "dist-web/**", "coverage/**", "node_modules/**", "bench/.work/**", ".tmp/**", "test/fixtures/**", "*.config.js", "webpack.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [FUNCTIONS_ENTRY] }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: CORE_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: CORE_MESSAGE },
            { regex: "^(react|react-dom|exceljs|@microsoft/office-js|office-js|@fluentui/.*)(/.*)?$", message: CORE_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|app|hosts|cli|web)(/|$)", message: CORE_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...[...DOM_GLOBALS, ...OFFICE_GLOBALS, ...NODE_GLOBALS].map((name) => ({ name, message: CORE_MESSAGE })),
      ],
    },
  },
  {
    // Tests of the core may read fixture files; the code under test may not.
    files: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^(react|react-dom|exceljs|@microsoft/office-js|office-js|@fluentui/.*)(/.*)?$", message: CORE_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|app|hosts|cli|web)(/|$)", message: CORE_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": "off",
    },
  },
  {
    files: ["src/app/**/*.ts"],
    ignores: ["src/app/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: APP_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: APP_MESSAGE },
            { regex: UI_LIBS, message: APP_MESSAGE },
            { regex: FILE_LIBS, message: APP_MESSAGE },
            { regex: "^(@microsoft/office-js|office-js)(/.*)?$", message: APP_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|hosts|cli|web)(/|$)", message: APP_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...[...DOM_GLOBALS, ...OFFICE_GLOBALS, ...NODE_GLOBALS].map((name) => ({ name, message: APP_MESSAGE }))],
    },
  },
  {
    // The in-memory host: pure like the core, it only holds cells.
    files: ["src/hosts/memory/**/*.ts"],
    ignores: ["src/hosts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: HOST_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: HOST_MESSAGE },
            { regex: UI_LIBS, message: HOST_MESSAGE },
            { regex: FILE_LIBS, message: HOST_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|cli|web|office|xlsx)(/|$)", message: HOST_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...[...DOM_GLOBALS, ...OFFICE_GLOBALS, ...NODE_GLOBALS].map((name) => ({ name, message: HOST_MESSAGE }))],
    },
  },
  {
    // Inside Excel: Office.js, never Node or file libraries.
    files: ["src/hosts/office/**/*.ts"],
    ignores: ["src/hosts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: HOST_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: HOST_MESSAGE },
            { regex: UI_LIBS, message: HOST_MESSAGE },
            { regex: FILE_LIBS, message: HOST_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|cli|web|memory|xlsx)(/|$)", message: HOST_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...NODE_GLOBALS.map((name) => ({ name, message: HOST_MESSAGE }))],
    },
  },
  {
    // .xlsx files: file libraries (and Node in its file module), never Office.js or the UI.
    files: ["src/hosts/xlsx/**/*.ts"],
    ignores: ["src/hosts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: UI_LIBS, message: HOST_MESSAGE },
            { regex: "^(@microsoft/office-js|office-js)(/.*)?$", message: HOST_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|cli|web|memory|office)(/|$)", message: HOST_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...[...DOM_GLOBALS, ...OFFICE_GLOBALS].map((name) => ({ name, message: HOST_MESSAGE }))],
    },
  },
  {
    // The package layer also runs in the offline web page: bytes in, bytes out; no Node, no exceljs.
    files: ["src/hosts/xlsx/package/**/*.ts"],
    ignores: ["src/hosts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: PACKAGE_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: PACKAGE_MESSAGE },
            { regex: UI_LIBS, message: PACKAGE_MESSAGE },
            { regex: "^(exceljs|@microsoft/office-js|office-js)(/.*)?$", message: PACKAGE_MESSAGE },
            { regex: "^\\.\\./.*(taskpane|functions|cli|web|memory|office|bookFile|excelJsGateway|demoFile|rollupFiles)(/|$)", message: PACKAGE_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...[...DOM_GLOBALS, ...OFFICE_GLOBALS, ...NODE_GLOBALS].map((name) => ({ name, message: PACKAGE_MESSAGE }))],
    },
  },
  {
    // The task pane runs in a browser: no Node, no file libraries, no file host.
    files: ["src/taskpane/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: "the task pane runs in a browser: no Node built-ins." })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: "the task pane runs in a browser: no Node built-ins." },
            { regex: "^exceljs(/.*)?$", message: "the task pane reaches workbooks only through a host's gateway." },
            { regex: "^\\.\\./.*(cli)(/|$)", message: "the task pane does not use the CLI." },
          ],
        },
      ],
    },
  },
  {
    // The offline web page runs in a browser on the clerk's file: the package layer (bytes in, bytes
    // out), never Node, exceljs, Office.js or the Node file module.
    files: ["src/web/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: WEB_MESSAGE })),
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^node:", message: WEB_MESSAGE },
            { regex: "^(exceljs|@microsoft/office-js|office-js)(/.*)?$", message: WEB_MESSAGE },
            { regex: "^\\.\\./.*(cli|office|bookFile|excelJsGateway|demoFile|rollupFiles)(/|$)", message: WEB_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...[...OFFICE_GLOBALS, ...NODE_GLOBALS].map((name) => ({ name, message: WEB_MESSAGE }))],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    ignores: ["src/functions/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            FUNCTIONS_ENTRY,
            { regex: "^\\./functions(\\.ts)?$", message: FUNCTIONS_ENTRY.message },
            { regex: "^(?!\\./|\\.\\./core(/|$))", message: "src/functions imports only src/core (and its own siblings)." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs", "bin/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly" } },
  },
  {
    files: ["bin/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
