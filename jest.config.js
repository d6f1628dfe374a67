/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/scripts", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
  },
  collectCoverageFrom: ["src/**/*.{ts,tsx}", "scripts/**/*.ts", "!**/*.test.{ts,tsx}", "!src/**/index.ts"],
  coverageReporters: ["text-summary", "lcov"],
  testTimeout: 60000,
  setupFiles: ["<rootDir>/test/support/textCodecs.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/testingLibrary.ts"],
};
