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

export default tseslint.config(
  { ignores: ["dist/**", "coverage/**", "node_modules/**", "bench/.work/**", ".tmp/**", "test/fixtures/**", "*.config.js", "webpack.config.js"] },
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
            { regex: "^\\.\\./.*(taskpane|functions|workbook|cli)(/|$)", message: CORE_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["window", "document", "navigator", "localStorage", "sessionStorage", "fetch", "XMLHttpRequest", "HTMLElement", "Office", "Excel", "CustomFunctions", "OfficeRuntime", "process", "Buffer", "require", "__dirname", "__filename", "global"].map((name) => ({ name, message: CORE_MESSAGE })),
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
            { regex: "^\\.\\./.*(taskpane|functions|workbook|cli)(/|$)", message: CORE_MESSAGE },
          ],
        },
      ],
      "no-restricted-globals": "off",
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
