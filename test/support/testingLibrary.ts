// Pane tests wait for writes through the in-memory gateway; on a loaded 2-core CI machine these take
// seconds, not the testing library's default 1 s. Only jsdom suites load the library.
if (typeof document !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configure } = require("@testing-library/dom") as typeof import("@testing-library/dom");
  configure({ asyncUtilTimeout: 15000 });
}
