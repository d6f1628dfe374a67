/*
 * The offline web page (网页版) in a real browser (Debian's Chromium through playwright-core), opened
 * straight from disk (file://). The clerk's path on a workbook LibreOffice made, with a chart: drop it
 * on the page → 生成台账 → paste a roster copied from Excel and type a member in the grid → paste a
 * month of entries, one bad row deleted again → one entry through 录入 → 校验 → 公示 and 年终审批, each
 * written after the clerk has seen that the periods are not approved →
 * save (a download). The saved file keeps the chart parts byte for byte, its report cells hold the
 * engine's totals, and LibreOffice, recalculating every formula, shows the same totals. The page asks
 * nothing of the network: every request is a file in its own folder.
 *
 * Then the demo workbook, as `npm run preview` opens it (served over http, index.html?demo): the task
 * pane at 320 px, and every panel on the demo branch's year: 开始 shows the workbook's 设置 and 补齐 adds
 * no sheet → three entries (one bad, written anyway) → validate by keyboard (choosing the bad one selects
 * its cell in the grid) → a 公示 listing every member, written once the clerk has seen the
 * errors and the unapproved period → approval refused while errors remain → the scheme copied and edited
 * → a branch's stars, on a 基层党支部评星晋级 workbook (only its scheme has 支部台账). Screenshots of each
 * panel go to docs/screenshots (the README shows them).
 *
 * PARTY_WEB_DIST=<folder> tests a dist-web/ already built (npm run build:web) instead of building one.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { loadLedger, scoreLedger } from "../../src/app/ledgerService";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { NODE_CODEC } from "../../src/hosts/xlsx/bookFile";
import { entryContent, readZip } from "../../src/hosts/xlsx/package/zip";
import { convert } from "../libreoffice/soffice";
import { fillSyntheticBook } from "../../bench/syntheticBook";
import { launchChromium, serveDirectory, webBundle } from "./browser";

const root = path.resolve(__dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "party-web-"));
/** The web bundle, shared with the other browser tests of the run (browser.ts). */
let dist = "";
const CHARTS = path.join(root, "test/corpus/files/lo-charts.xlsx");
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const requests: string[] = [];
let saved = "";

beforeAll(async () => {
  dist = await webBundle(root);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1, acceptDownloads: true });
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`file://${path.join(dist, "index.html")}`);
  await page.getByRole("button", { name: "打开工作簿…" }).waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const pane = () => page.getByRole("complementary", { name: "任务窗格" });
const grid = () => page.getByRole("region", { name: "工作簿" });
const status = () => page.getByRole("status");

/** The grid's cells of the active sheet as shown, keyed by sheet row number (only the drawn rows). */
async function gridRows(on: Page = page): Promise<Map<number, string[]>> {
  const rows = await on
    .getByRole("region", { name: "工作簿" })
    .locator("tbody tr[data-row]")
    .evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute("data-row")), Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")] as const));
  return new Map(rows);
}

async function showSheet(name: string): Promise<void> {
  await grid().getByRole("tab", { name, exact: true }).click();
  await grid().locator(`table[data-sheet="${name}"]`).waitFor();
}

async function clickCell(ref: string): Promise<void> {
  await grid().locator(`td[data-cell="${ref}"]`).click();
  await grid().getByRole("textbox", { name: `单元格 ${ref}` }).waitFor();
}

/** A block as Excel puts it on the clipboard (tab-separated, CRLF, a trailing line break), pasted into the selected cell. */
async function paste(rows: string[][]): Promise<void> {
  const text = `${rows.map((r) => r.join("\t")).join("\r\n")}\r\n`;
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function pick(box: RegExp, option: RegExp): Promise<void> {
  await pane().getByRole("combobox", { name: box }).click();
  await page.getByRole("option", { name: option }).click();
}

const ROSTER = [
  ["W001", "张三", "正式党员", "第一党支部", "2001/7/1"],
  ["W002", "李四", "正式党员", "第一党支部", "2005年7月1日"],
  ["W003", "王五", "正式党员", "第一党支部", "2010.7.1"],
  ["W004", "赵六", "预备党员", "第一党支部", "2025-09-01"],
];
// A month of entries as the clerk copies them from a register: 日期 编号 姓名 项目代码 (项目名称 and 分值 left to the scheme).
const ENTRIES = [
  ["2026/3/5", "W001", "张三", "D1"],
  ["2026/3/12", "W002", "李四", "D2"],
  ["2026/3/12", "W003", "王五", "D1"],
  ["2026/3/20", "W004", "赵六", "D5"],
  ["2026/3/28", "W999", "无此人", "D1"],
];

describe("the web page, from file://", () => {
  it("refuses a file that is not a workbook, saying what it is", async () => {
    await page.setInputFiles('input[type="file"]', { name: "名册.csv", mimeType: "text/csv", buffer: Buffer.from("编号,姓名\n001,张三\n") });
    await page.getByRole("alert").getByText(/^未能打开：/).waitFor();
    await expect(page.getByRole("complementary", { name: "任务窗格" }).count()).resolves.toBe(0);
  });

  it("opens a workbook dropped on the page and shows its own sheets", async () => {
    const bytes = fs.readFileSync(CHARTS).toString("base64");
    await page.evaluate((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "支部台账.xlsx"));
      const target = document.querySelector("main")!;
      for (const type of ["dragover", "drop"]) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bytes);
    await status().getByText(/^已打开 支部台账\.xlsx/).waitFor();
    const rows = await gridRows();
    expect(rows.get(1)).toEqual(["月份", "出勤", "学习", "志愿"]);
    expect(rows.get(2)).toEqual(["1月", "11", "19", "7"]);
    await expect(page.getByText("支部台账.xlsx · 已保存").count()).resolves.toBe(1);
  });

  it("scaffolds the ledger beside the clerk's sheets", async () => {
    await pick(/积分方案/, /^星级党员管理量化考评制度/);
    await pane().getByRole("textbox", { name: /党支部名称/ }).fill("第一党支部");
    await pane().getByRole("textbox", { name: /考核年度/ }).fill("2026");
    await pane().getByRole("button", { name: "生成台账" }).click();
    await pane().getByText(/已生成|新建/).first().waitFor();
    for (const sheet of ["Data", "Pie", "党员名册", "积分台账", "民主评议"]) await grid().getByRole("tab", { name: sheet, exact: true }).waitFor();
    await page.getByText("支部台账.xlsx · 有未保存的修改").waitFor();
  });

  it("pastes a roster copied from Excel and types one more member, dates read as the clerk wrote them", async () => {
    await showSheet("党员名册");
    await clickCell("A2");
    await paste(ROSTER);
    await status().getByText("已粘贴 4 行（其中新增 4 行）。").waitFor();
    await clickCell("A6");
    await page.keyboard.type("W005");
    await page.keyboard.press("Tab");
    await grid().getByRole("textbox", { name: "单元格 B6" }).waitFor();
    await page.keyboard.type("孙七");
    await page.keyboard.press("Tab");
    await grid().getByRole("textbox", { name: "单元格 C6" }).waitFor();
    await page.keyboard.type("正式党员");
    await page.keyboard.press("Enter");
    await grid().locator('td[data-cell="C6"]', { hasText: "正式党员" }).waitFor();
    const rows = await gridRows();
    expect([2, 3, 4, 5, 6].map((r) => rows.get(r)!.slice(0, 5))).toEqual([
      ["W001", "张三", "正式党员", "第一党支部", "2001-07-01"],
      ["W002", "李四", "正式党员", "第一党支部", "2005-07-01"],
      ["W003", "王五", "正式党员", "第一党支部", "2010-07-01"],
      ["W004", "赵六", "预备党员", "第一党支部", "2025-09-01"],
      ["W005", "孙七", "正式党员", "", ""],
    ]);
    // The next empty row is where a new member goes.
    expect(rows.get(7)!.every((c) => c === "")).toBe(true);
  });

  it("pastes a month of entries, and deletes the row that names no member", async () => {
    await showSheet("积分台账");
    await clickCell("A2");
    await paste(ENTRIES);
    await status().getByText("已粘贴 5 行（其中新增 5 行）。").waitFor();
    await grid().locator('td[data-cell="A6"]', { hasText: "2026-03-28" }).waitFor();
    await clickCell("B6");
    await grid().getByRole("button", { name: "删除所选行" }).click();
    await grid().getByText(/^删除第 6–6 行？/).waitFor();
    await grid().getByRole("button", { name: "确认删除" }).click();
    await status().getByText("已删除 1 行；下面的行已上移。").waitFor();
    const rows = await gridRows();
    expect(rows.get(5)!.slice(0, 4)).toEqual(["2026-03-20", "W004", "赵六", "D5"]);
    expect(rows.get(6)!.every((c) => c === "")).toBe(true);
  });

  it("refuses typing into the header row, and says why", async () => {
    await clickCell("B1");
    await page.keyboard.type("改表头");
    await page.keyboard.press("Enter");
    await page.getByRole("alert").getByText(/^表头不能在这里修改/).waitFor();
    await expect(grid().locator('td[data-cell="B1"]').textContent()).resolves.toBe("编号");
  });

  it("adds one entry through 录入", async () => {
    await pane().getByRole("tab", { name: "录入", exact: true }).click();
    const box = pane().getByRole("combobox", { name: /党员/ });
    await box.click();
    await box.pressSequentially("W005");
    await page.getByRole("option", { name: /W005/ }).click();
    await pick(/积分项目/, /^D2 /);
    await pane().getByRole("textbox", { name: /日期/ }).fill("2026-03-30");
    await pane().getByRole("button", { name: "写入台账" }).click();
    await pane().getByText("已写入积分台账第 6 行。").waitFor();
    await showSheet("积分台账");
    const rows = await gridRows();
    expect(rows.get(6)!.slice(0, 4)).toEqual(["2026-03-30", "W005", "孙七", "D2"]);
  });

  it("validates", async () => {
    await pane().getByRole("tab", { name: "校验" }).click();
    await pane().getByRole("button", { name: "校验台账" }).click();
    await pane().getByText(/^校验通过|^发现 0 个错误/).waitFor();
  });

  it("generates the 公示 for 2026H1 and the 年终审批 for 2026, shown with their values", async () => {
    await pane().getByRole("tab", { name: "报表", exact: true }).click();
    await pick(/期间/, /^2026H1$/);
    await pane().getByRole("button", { name: "生成并打开" }).click();
    // Nothing is approved yet: the pane says so and writes nothing until the clerk decides.
    await pane().getByLabel("生成前的检查").getByText(/2026H1 尚未经支委会审定/).waitFor();
    await expect(grid().getByRole("tab", { name: "公示-2026H1" }).count()).resolves.toBe(0);
    await pane().getByRole("button", { name: "知悉以上情况，仍然生成" }).click();
    await pane().getByText(/已生成：公示-2026H1/).waitFor();
    await grid().getByRole("tab", { name: "公示-2026H1", selected: true }).waitFor();
    // The README's picture of the web page.
    await page.screenshot({ path: path.join(root, "docs/screenshots/网页版.png") });
    const members = [...(await gridRows()).values()].filter((r) => r.some((c) => /^W00\d$/.test(c)));
    expect(members).toHaveLength(5);
    // Formulas show their results.
    expect(members.flat().some((c) => c.startsWith("="))).toBe(false);

    await pick(/报表/, /年终/);
    await pick(/期间/, /^2026$/);
    await pane().getByRole("button", { name: "生成并打开" }).click();
    await pane().getByLabel("生成前的检查").getByText(/2026H1、2026H2 尚未经支委会审定/).waitFor();
    await pane().getByRole("button", { name: "知悉以上情况，仍然生成" }).click();
    await pane().getByText(/已生成：年终审批-2026/).waitFor();
    await grid().getByRole("tab", { name: "年终审批-2026", selected: true }).waitFor();
  });

  it("saves as a download", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存（下载）" }).click()]);
    expect(download.suggestedFilename()).toBe("支部台账.xlsx");
    saved = path.join(work, "saved.xlsx");
    await download.saveAs(saved);
    await page.getByText("支部台账.xlsx · 已保存").waitFor();
  });

  it("kept every chart and drawing part of the original byte for byte", () => {
    const original = new Map(readZip(fs.readFileSync(CHARTS)).map((e) => [e.name, e]));
    const after = new Map(readZip(fs.readFileSync(saved)).map((e) => [e.name, e]));
    const charts = [...original.keys()].filter((n) => /^xl\/(charts|drawings)\//.test(n));
    expect(charts.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    for (const name of charts) {
      expect(after.has(name)).toBe(true);
      expect(Buffer.from(after.get(name)!.local!).equals(Buffer.from(original.get(name)!.local!))).toBe(true);
      expect(Buffer.from(entryContent(after.get(name)!, NODE_CODEC)).equals(Buffer.from(entryContent(original.get(name)!, NODE_CODEC)))).toBe(true);
    }
  });

  it("saved the engine's totals in the 公示, and LibreOffice, recalculating, shows the same", async () => {
    const gateway = PackageGateway.open(fs.readFileSync(saved), "saved.xlsx", NODE_CODEC);
    const ledger = await loadLedger(gateway);
    expect(ledger.members.map((m) => m.id)).toEqual(["W001", "W002", "W003", "W004", "W005"]);
    expect(ledger.entries).toHaveLength(5);
    const scores = scoreLedger(ledger, "2026H1");
    const engine = Object.fromEntries(scores.members.map((m) => [m.id, m.total]));
    // The pasted and the typed entries all count: D1 −1, D2 −2, D5 −5 from the same base.
    expect([engine.W002 - engine.W001, engine.W004 - engine.W001, engine.W005 - engine.W003]).toEqual([-1, -4, -1]);

    const totals = (rows: (string | number | boolean | null)[][]) => {
      const header = rows.findIndex((r) => r.includes("总分"));
      const col = rows[header].indexOf("总分");
      const id = rows[header].indexOf("编号");
      return Object.fromEntries(rows.slice(header + 1).filter((r) => typeof r[id] === "string" && /^W00\d$/.test(r[id] as string)).map((r) => [r[id], r[col]]));
    };
    const cached = (g: PackageGateway, sheet: string) => {
      const part = g.book.sheetPart(g.book.sheet(sheet)!);
      return Array.from({ length: part.lastRow() }, (_, r) => part.values(r + 1, 0, part.lastColumn() + 1, g.book.sharedString));
    };
    expect(totals(cached(gateway, "公示-2026H1"))).toEqual(engine);

    const [recalculated] = convert([saved], "xlsx", fs.mkdtempSync(path.join(work, "lo-")));
    const lo = PackageGateway.open(fs.readFileSync(recalculated), "recalculated.xlsx", NODE_CODEC);
    expect(totals(cached(lo, "公示-2026H1"))).toEqual(engine);
    expect(readZip(fs.readFileSync(recalculated)).some((e) => /^xl\/charts\/chart\d*\.xml$/.test(e.name))).toBe(true);
  }, 240_000);

  it("asks before leaving with unsaved changes", async () => {
    await showSheet("民主评议");
    await clickCell("B2");
    await page.keyboard.type("W001");
    await page.keyboard.press("Enter");
    await page.getByText("支部台账.xlsx · 有未保存的修改").waitFor();
    // Leaving (here: going to another address) asks; the clerk stays, and the workbook is still there.
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await expect(page.goto("about:blank", { timeout: 5000 })).rejects.toThrow();
    expect(asked).toEqual(["beforeunload"]);
    expect(page.url()).toMatch(/index\.html$/);
    await page.getByText("支部台账.xlsx · 有未保存的修改").waitFor();
  });

  it("requested nothing outside its own folder, and left nothing in the console", () => {
    const folder = `file://${dist}/`;
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.filter((url) => !url.startsWith(folder) && !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe("the demo workbook, as npm run preview opens it (over http, index.html?demo)", () => {
  const shots = path.join(root, "docs/screenshots");
  let server: { url: string; close: () => Promise<void> };
  let demo: Page;
  const demoErrors: string[] = [];
  const demoRequests: string[] = [];
  const demoPane = () => demo.getByRole("complementary", { name: "任务窗格" });
  const demoGrid = () => demo.getByRole("region", { name: "工作簿" });
  const shot = (name: string) => demo.screenshot({ path: path.join(shots, `${name}.png`) });
  let badRow = 0;

  async function pickMember(query: string, name: RegExp): Promise<void> {
    const box = demoPane().getByRole("combobox", { name: /党员/ });
    await box.click();
    await box.fill("");
    await box.pressSequentially(query);
    await demo.getByRole("option", { name }).click();
  }

  async function pickItem(code: string): Promise<void> {
    await demoPane().getByRole("combobox", { name: /积分项目/ }).click();
    await demo.getByRole("option", { name: new RegExp(`^${code} `) }).click();
  }

  beforeAll(async () => {
    server = await serveDirectory(dist);
    demo = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
    demo.on("request", (r) => demoRequests.push(r.url()));
    demo.on("pageerror", (e) => demoErrors.push(e.message));
    demo.on("console", (m) => {
      if (m.type() === "error") demoErrors.push(m.text());
    });
    await demo.goto(`${server.url}?demo`);
    await demo.getByRole("status").getByText(/^已生成示例工作簿：30 名党员/).waitFor({ timeout: 60_000 });
    await demoPane().getByRole("tab", { name: "开始" }).waitFor();
    fs.mkdirSync(shots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
    await server?.close();
  });

  it("shows the task pane 320 px wide beside the grid, which opens on the demo's first sheet", async () => {
    await expect(demoPane().evaluate((el) => getComputedStyle(el).width)).resolves.toBe("320px");
    const [paneBox, gridBox] = [await demoPane().boundingBox(), await demoGrid().boundingBox()];
    expect(gridBox!.x + gridBox!.width).toBeLessThanOrEqual(paneBox!.x + 1);
    await expect(demoGrid().getByRole("tab", { selected: true }).count()).resolves.toBe(1);
    await expect(demo.getByText("党员积分台账-示例.xlsx · 已保存").count()).resolves.toBe(1);
  });

  it("scaffolds: the demo workbook's sheets are kept, nothing is added twice", async () => {
    // 开始 reads the workbook's own 设置; its sheets are all there, so 补齐 makes none.
    await expect(demoPane().getByRole("textbox", { name: /党支部名称/ }).inputValue()).resolves.toBe("示例党支部");
    await expect(demoPane().getByRole("textbox", { name: /记录人/ }).inputValue()).resolves.toBe("李红梅");
    const tabs = await demoGrid().getByRole("tab").allTextContents();
    await demoPane().getByRole("button", { name: "补齐缺少的工作表" }).click();
    await demoPane().getByText(/保留原有数据：.*积分台账/).waitFor();
    await expect(demoPane().getByText(/^工作表都在，没有新建。/).count()).resolves.toBe(1);
    await expect(demoGrid().getByRole("tab").allTextContents()).resolves.toEqual(tabs);
    await demoPane().getByText(/^工作表都在，没有新建。/).scrollIntoViewIfNeeded();
    await shot("开始");
  });

  it("adds three entries, one of them bad and written anyway", async () => {
    await demoPane().getByRole("tab", { name: "录入", exact: true }).click();
    await pickMember("D001", /D001/);
    await pickItem("D1");
    await demoPane().getByRole("button", { name: "写入台账" }).click();
    const first = await demoPane().getByText(/已写入积分台账第 \d+ 行/).textContent();
    const firstRow = Number(/第 (\d+) 行/.exec(first ?? "")![1]);

    await pickMember("D002", /D002/);
    await pickItem("D2");
    await demoPane().getByRole("button", { name: "写入台账" }).click();
    await demoPane().getByText(`已写入积分台账第 ${firstRow + 1} 行。`).waitFor();

    await pickMember("D003", /D003/);
    await pickItem("D6");
    await demoPane().getByRole("textbox", { name: /分值/ }).fill("-9");
    await demoPane().getByRole("button", { name: "写入台账" }).click();
    await demoPane().getByText("未写入：这条记录有错误，请改正后再写入。").waitFor();
    await demoPane().getByText(/分值 -9 超出 D6/).waitFor();
    await shot("录入");
    await demoPane().getByRole("button", { name: /仍然写入/ }).click();
    await demoPane().getByText(`已写入积分台账第 ${firstRow + 2} 行。`).waitFor();
    await expect(demoPane().getByRole("list", { name: "最近记录" }).locator("li").first().textContent()).resolves.toContain(`第${firstRow + 2}行`);
    badRow = firstRow + 2;
    await demo.getByText("党员积分台账-示例.xlsx · 有未保存的修改").waitFor();
  });

  it("validates, by keyboard: the bad entry is listed, and choosing it selects its cell in the grid", async () => {
    // Arrow keys move along the tabs (录入 → 民主评议 → 校验), Enter opens one; Enter on an issue selects its cell.
    await demoPane().getByRole("tab", { name: "录入", exact: true }).focus();
    await demo.keyboard.press("ArrowRight");
    await demo.keyboard.press("ArrowRight");
    await demo.keyboard.press("Enter");
    await demoPane().getByRole("button", { name: "校验台账" }).focus();
    await demo.keyboard.press("Enter");
    const issue = demoPane().getByRole("button", { name: new RegExp(`^错误 · G${badRow}：.*-9`) });
    await issue.waitFor();
    await issue.focus();
    await demo.keyboard.press("Enter");
    const selected = demoGrid().locator('td[aria-selected="true"]');
    await expect(selected.getAttribute("data-cell")).resolves.toBe(`G${badRow}`);
    await expect(selected.textContent()).resolves.toBe("-9");
    await expect(selected.isVisible()).resolves.toBe(true);
    await expect(demoGrid().getByRole("tab", { name: "积分台账", selected: true }).count()).resolves.toBe(1);
    await shot("校验");
  });

  it("writes a 公示表 whose rows list every member, and shows it", async () => {
    await demoPane().getByRole("tab", { name: "报表", exact: true }).click();
    await demoPane().getByRole("button", { name: "生成并打开" }).click();
    // Before writing, the pane states what is wrong (the bad entry among the errors, the period not approved) and waits.
    const findings = demoPane().getByLabel("生成前的检查");
    await findings.getByText(/^工作簿有 \d+ 个校验错误/).waitFor();
    await findings.getByRole("button", { name: new RegExp(`^积分台账 第 ${badRow} 行 G 列：.*-9`) }).waitFor();
    await findings.getByText("2026H2 尚未经支委会审定：表中积分是暂定的。").waitFor();
    await expect(demoGrid().getByRole("tab", { name: "公示-2026H2" }).count()).resolves.toBe(0);
    await demoPane().getByRole("button", { name: "知悉以上情况，仍然生成" }).click();
    await demoPane().getByText(/已生成：公示-2026H2/).waitFor();
    await demoGrid().getByRole("tab", { name: "公示-2026H2", selected: true }).waitFor();
    await demoGrid().locator('table[data-sheet="公示-2026H2"]').waitFor();
    const rows = await gridRows(demo);
    expect(rows.get(1)!.join("")).toContain("公示");
    const memberRows = [...rows.values()].filter((r) => r.some((c) => /^D0\d\d$/.test(c)));
    expect(memberRows).toHaveLength(30);
    expect([...rows.values()].flat().join("")).not.toContain("PARTY.");
    await shot("公示");
  });

  it("draws the 看板 and lists the members behind a grade's bar", async () => {
    await demoPane().getByRole("tab", { name: "看板" }).click();
    await demoPane().getByRole("img", { name: "等次分布" }).waitFor();
    await demoPane().getByRole("button", { name: /^优秀 \d+$/ }).click();
    const list = demoPane().getByRole("list", { name: /等次分布.*所选的明细/ });
    await list.waitFor();
    expect(await list.getByRole("listitem").count()).toBeGreaterThan(0);
    await shot("看板");
  });

  it("shows the approval status and refuses to approve a period with errors", async () => {
    await demoPane().getByRole("tab", { name: "申诉·审定" }).click();
    await demoPane().getByText("2026H1 已审定").waitFor();
    await demoPane().getByText("2026H2 未审定").waitFor();
    await demoPane().getByRole("button", { name: /审定 2026H2/ }).click();
    await demoPane().getByText(/^审定失败：2026H2 有 \d+ 条记录校验不通过/).waitFor();
    await shot("申诉审定");
  });

  it("copies the built-in scheme into the workbook and saves an edited item as a new version", async () => {
    await demoPane().getByRole("tab", { name: "规则" }).click();
    await demoPane().getByText(/内置方案（只读）/).waitFor();
    await demoPane().getByRole("button", { name: "复制为本支部方案" }).click();
    await demoPane().getByText(/^已保存「星级党员管理量化考评制度（本支部）」第1版.*并设为本工作簿的方案。$/).waitFor();
    await demoPane().getByText(/· 本支部的方案$/).waitFor();
    await demoPane().getByRole("textbox", { name: "D1 分值" }).fill("-2");
    await demoPane().getByRole("button", { name: "另存为新版本（已改 1 处）" }).click();
    await demoPane().getByText(/^已保存「星级党员管理量化考评制度（本支部）」第2版/).waitFor();
    await demoPane().getByText(/^第1版自 .* 起施行；第2版自 .* 起施行 · 本支部的方案$/).waitFor();
    await expect(demoPane().getByRole("textbox", { name: "D1 分值" }).inputValue()).resolves.toBe("-2");
    await demoGrid().getByRole("tab", { name: "自定义方案", exact: true }).click();
    await demoGrid().locator('table[data-sheet="自定义方案"]').waitFor();
    const rows = [...(await gridRows(demo)).values()];
    expect(rows.filter((r) => r[0] === "star-member-branch").map((r) => r[1])).toEqual(["1", "2"]);
    await demoPane().evaluate((el) => el.scrollTo(0, 0));
    await shot("规则");
  });

  it("offers 支部台账 only for a scheme that keeps one: a branch's stars, recorded on a 基层党支部评星晋级 workbook, show its level against the target", async () => {
    // The demo's scheme scores members: no 支部台账 tab.
    await expect(demoPane().getByRole("tab", { name: "支部台账" }).count()).resolves.toBe(0);
    const stars = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
    stars.on("pageerror", (e) => demoErrors.push(e.message));
    stars.on("console", (m) => {
      if (m.type() === "error") demoErrors.push(m.text());
    });
    const starsPane = () => stars.getByRole("complementary", { name: "任务窗格" });
    const starsGrid = () => stars.getByRole("region", { name: "工作簿" });
    try {
      await stars.goto(`${server.url}?empty`);
      await stars.getByRole("status").getByText(/^已新建空白工作簿/).waitFor();
      await starsPane().getByRole("combobox", { name: /积分方案/ }).click();
      await stars.getByRole("option", { name: /^基层党支部评星晋级/ }).click();
      await starsPane().getByRole("textbox", { name: /考核年度/ }).fill("2026");
      await starsPane().getByRole("textbox", { name: /党支部名称/ }).fill("示例煤矿党委");
      await starsPane().getByRole("button", { name: "生成台账" }).click();
      await starsPane().getByText(/^新建：/).waitFor();
      await starsPane().getByRole("tab", { name: "支部台账" }).click();
      await starsPane().getByRole("tab", { name: "评星晋级" }).click();
      await starsPane().getByRole("textbox", { name: "党组织名称" }).fill("掘进六队党支部");
      await starsPane().getByRole("textbox", { name: "党员人数" }).fill("9");
      for (const star of ["安全星", "绩效星", "廉洁星"]) await starsPane().getByRole("checkbox", { name: star }).check();
      await starsPane().getByRole("combobox", { name: "晋级目标" }).click();
      await stars.getByRole("option", { name: "四星级党支部" }).click();
      await starsPane().getByRole("button", { name: "保存评星晋级" }).click();
      const saved = starsPane().getByText(/掘进六队党支部：安全星绩效星廉洁星 · 三星级党支部 → 四星级党支部（尚差 1 星）/);
      await saved.waitFor();
      await starsGrid().getByRole("tab", { name: "评星晋级", exact: true }).click();
      await starsGrid().locator('table[data-sheet="评星晋级"]').waitFor();
      const rows = [...(await gridRows(stars)).values()];
      expect(rows.find((r) => r[1] === "掘进六队党支部")?.slice(10, 16)).toEqual(["", "√", "√", "√", "", "四星级党支部"]);
      await saved.scrollIntoViewIfNeeded();
      await stars.screenshot({ path: path.join(shots, "支部台账.png") });
    } finally {
      await stars.close();
    }
  });

  it("starts from a blank workbook with ?empty", async () => {
    const empty = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    try {
      await empty.goto(`${server.url}?empty`);
      await empty.getByRole("status").getByText(/^已新建空白工作簿/).waitFor();
      await empty.getByRole("complementary", { name: "任务窗格" }).getByRole("tab", { name: "开始" }).waitFor();
      await empty.getByText("工作簿是空的：在右侧「开始」中生成台账。").waitFor();
    } finally {
      await empty.close();
    }
  });

  it("requested nothing outside its own server, and left nothing in the console", () => {
    expect(demoRequests.length).toBeGreaterThanOrEqual(2);
    expect(demoRequests.filter((url) => !url.startsWith(server.url) && !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
    expect(demoErrors).toEqual([]);
  });
});

// How fast it opens is measured by `npm run bench` (bench/webCase.ts), not here.
describe("a big branch's workbook in the page", () => {
  it("opens 1,000 members and 100,000 entries, showing 「正在打开……」 meanwhile, until the grid and the pane are ready", async () => {
    // A synthetic ledger (bench/syntheticBook.ts), chosen through the file input.
    const gateway = PackageGateway.create(NODE_CODEC);
    await fillSyntheticBook(gateway, 100_000, 1000);
    const file = path.join(work, "big-100000.xlsx");
    fs.writeFileSync(file, gateway.toBytes());
    const big = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    const bigErrors: string[] = [];
    big.on("pageerror", (e) => bigErrors.push(e.message));
    try {
      await big.goto(`file://${path.join(dist, "index.html")}`);
      await big.getByRole("button", { name: "打开工作簿…" }).waitFor();
      // Whether the progress line was ever in the page (it may be gone before a poll would see it).
      await big.evaluate(() => {
        const w = window as unknown as { sawProgress: boolean };
        w.sawProgress = false;
        new MutationObserver(() => {
          if (document.body.textContent?.includes("正在打开 big-100000.xlsx……")) w.sawProgress = true;
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      await big.setInputFiles('input[type="file"]', file);
      await big.getByRole("complementary", { name: "任务窗格" }).getByRole("tab", { name: "开始" }).waitFor({ timeout: 120_000 });
      await big.locator('table[data-sheet="设置"] td[data-cell="A2"]').waitFor({ timeout: 120_000 });
      await big.getByRole("status").getByText(/^已打开 big-100000\.xlsx/).waitFor();
      await expect(big.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).resolves.toBe(true);
      expect(bigErrors).toEqual([]);
    } finally {
      await big.close();
    }
  }, 300_000);
});
