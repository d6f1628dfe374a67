// The offline web page (网页版) opening a big branch's workbook, in Debian's Chromium driven by playwright-core
// exactly as test/e2e/web.test.ts drives it. Prints one JSON line.
//   <dist-web folder> <members> <entries> [runs=3]
// Writes the synthetic ledger (bench/syntheticBook.ts) once, then, each run on a fresh page from file://, times
// choosing the file until the task pane's 「开始」 tab and the grid's first sheet (设置, cell A2) are there, and
// notes whether the progress line 「正在打开 ……」 was ever in the page meanwhile. The dist-web folder is built by
// bench/run.ts (or given by PARTY_WEB_DIST); `npm run build:web` makes one in dist-web/.
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser } from "playwright-core";
import { PackageGateway } from "../src/hosts/xlsx/package/packageGateway";
import { NODE_CODEC } from "../src/hosts/xlsx/bookFile";
import { launchChromium } from "../test/e2e/browser";
import { fillSyntheticBook } from "./syntheticBook";

async function openOnce(browser: Browser, dist: string, file: string): Promise<{ ms: number; progressShown: boolean }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  try {
    await page.goto(`file://${path.join(dist, "index.html")}`);
    await page.getByRole("button", { name: "打开工作簿…" }).waitFor();
    // Whether the progress line was ever in the page (it may be gone before a poll would see it).
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("正在打开")) w.sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const t0 = performance.now();
    await page.setInputFiles('input[type="file"]', file);
    await page.getByRole("complementary", { name: "任务窗格" }).getByRole("tab", { name: "开始" }).waitFor({ timeout: 120_000 });
    await page.locator('table[data-sheet="设置"] td[data-cell="A2"]').waitFor({ timeout: 120_000 });
    const ms = performance.now() - t0;
    const progressShown = await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress);
    return { ms, progressShown };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const [distArg, membersArg, entriesArg, runsArg] = process.argv.slice(2);
  const dist = path.resolve(distArg ?? process.env.PARTY_WEB_DIST ?? "dist-web");
  const members = Number(membersArg ?? 300);
  const entries = Number(entriesArg ?? 15_000);
  const runs = Number(runsArg ?? 3);
  if (!fs.existsSync(path.join(dist, "index.html"))) throw new Error(`${dist} 中没有 index.html：请先 npm run build:web，或给出构建好的文件夹`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "party-bench-web-"));
  const browser = await launchChromium();
  try {
    const gateway = PackageGateway.create(NODE_CODEC);
    await fillSyntheticBook(gateway, entries, members);
    const file = path.join(work, `支部台账-${entries}.xlsx`);
    fs.writeFileSync(file, gateway.toBytes());

    const results: { ms: number; progressShown: boolean }[] = [];
    for (let i = 0; i < runs; i++) results.push(await openOnce(browser, dist, file));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        members,
        entries,
        fileMB: fs.statSync(file).size / 2 ** 20,
        runs,
        medianMs: times[Math.floor(times.length / 2)],
        minMs: times[0],
        maxMs: times[times.length - 1],
        // How many of the runs showed the progress line.
        progressRuns: results.filter((r) => r.progressShown).length,
        chromium: browser.version(),
      }),
    );
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
