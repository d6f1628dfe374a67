import { spawnSync } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides. A missing browser fails the test. Playwright gives it a fresh profile. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到 Chromium（${CHROMIUM}）：请运行 apt-get install -y chromium（.ci/run 会自动安装），或设置 CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png" };

/** Serves a directory on 127.0.0.1 at a free port. */
export async function serveDirectory(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(dir, name === "/" ? "index.html" : name);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the bundle is built from: a change to any of these builds it again. */
function sourceStamp(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      // Tests beside the code are not in the bundle.
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const s = fs.statSync(file);
        hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(root, "src"));
  for (const name of ["webpack.config.js", "package-lock.json", "tsconfig.json"]) {
    const file = path.join(root, name);
    if (fs.existsSync(file)) hash.update(`${name}\0${fs.statSync(file).mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The web page's bundle (webpack --env web), built once for the browser test files of a run: a file that
 * finds a bundle of the same sources built (or being built) by another reuses it. PARTY_WEB_DIST=<folder>
 * uses one built beforehand (npm run build:web).
 */
export async function webBundle(root: string): Promise<string> {
  if (process.env.PARTY_WEB_DIST) return path.resolve(process.env.PARTY_WEB_DIST);
  const dir = path.join(os.tmpdir(), `party-web-bundle-${sourceStamp(root)}`);
  const done = path.join(dir, ".built");
  const lock = `${dir}.lock`;
  for (;;) {
    if (fs.existsSync(done)) return dir;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building it; a lock left by a build that died is taken over after 10 minutes.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--env", "web", "--output-path", dir], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`webpack (web) failed:\n${build.stderr}${build.stdout}`);
    fs.writeFileSync(done, "");
    // Bundles of older sources are dropped once no run is likely to still use them (an hour).
    for (const name of fs.readdirSync(os.tmpdir())) {
      const old = path.join(os.tmpdir(), name, ".built");
      if (/^party-web-bundle-[0-9a-f]{16}$/.test(name) && path.dirname(old) !== dir && Date.now() - (fs.statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 3_600_000) fs.rmSync(path.dirname(old), { recursive: true, force: true });
    }
    return dir;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
