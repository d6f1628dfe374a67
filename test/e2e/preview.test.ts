/*
 * The browser preview in a real browser (Debian's Chromium through playwright-core): the task pane
 * beside the grid of the in-memory demo workbook. The clerk's path: scaffold → three entries (one
 * bad, written anyway) → validate (the bad one is listed; clicking it selects its cell in the grid)
 * → a 公示表, whose rows are read back from the grid. Screenshots of each panel go to docs/screenshots.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveDirectory } from "./browser";

const root = path.resolve(__dirname, "../..");
const shots = path.join(root, "docs/screenshots");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "party-preview-"));
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--env", "preview", "--output-path", out], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`webpack (preview) failed:\n${build.stderr}${build.stdout}`);
  server = await serveDirectory(out);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.getByRole("tab", { name: "开始" }).waitFor();
  fs.mkdirSync(shots, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const pane = () => page.getByRole("complementary", { name: "任务窗格" });
const grid = () => page.getByRole("region", { name: "工作簿预览" });

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** The grid's cells of the active sheet, row by row, as shown. */
async function gridRows(): Promise<string[][]> {
  return grid()
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent ?? "")));
}

async function pickMember(query: string, name: RegExp): Promise<void> {
  const box = pane().getByRole("combobox", { name: /党员/ });
  await box.click();
  await box.fill("");
  await box.pressSequentially(query);
  await page.getByRole("option", { name }).click();
}

async function pickItem(code: string): Promise<void> {
  await pane().getByRole("combobox", { name: /积分项目/ }).click();
  await page.getByRole("option", { name: new RegExp(`^${code} `) }).click();
}

describe("browser preview", () => {
  it("scaffolds: the demo workbook's sheets are kept, nothing is added twice", async () => {
    await pane().getByRole("textbox", { name: /党支部名称/ }).fill("示例党支部");
    await pane().getByRole("button", { name: "生成台账" }).click();
    await pane().getByText(/保留原有数据：.*积分台账/).waitFor();
    await expect(pane().getByText("没有新建工作表。").count()).resolves.toBe(1);
    await shot("开始");
  });

  it("adds three entries, one of them bad and written anyway", async () => {
    await pane().getByRole("tab", { name: "录入" }).click();
    await pickMember("D001", /D001/);
    await pickItem("D1");
    await pane().getByRole("button", { name: "写入台账" }).click();
    const first = await pane().getByText(/已写入积分台账第 \d+ 行/).textContent();
    const firstRow = Number(/第 (\d+) 行/.exec(first ?? "")![1]);

    await pickMember("D002", /D002/);
    await pickItem("D2");
    await pane().getByRole("button", { name: "写入台账" }).click();
    await pane().getByText(`已写入积分台账第 ${firstRow + 1} 行。`).waitFor();

    await pickMember("D003", /D003/);
    await pickItem("D6");
    await pane().getByRole("textbox", { name: /分值/ }).fill("-9");
    await pane().getByRole("button", { name: "写入台账" }).click();
    await pane().getByText("未写入：这条记录有错误，请改正后再写入。").waitFor();
    await pane().getByText(/分值 -9 超出 D6/).waitFor();
    await shot("录入");
    await pane().getByRole("button", { name: /仍然写入/ }).click();
    await pane().getByText(`已写入积分台账第 ${firstRow + 2} 行。`).waitFor();
    await expect(pane().getByRole("list", { name: "最近记录" }).locator("li").first().textContent()).resolves.toContain(`第${firstRow + 2}行`);
    (globalThis as { badRow?: number }).badRow = firstRow + 2;
  });

  it("validates, by keyboard: the bad entry is listed, and choosing it selects its cell in the grid", async () => {
    const badRow = (globalThis as { badRow?: number }).badRow!;
    // Arrow keys move along the tabs, Enter opens one; Enter on an issue selects its cell.
    await pane().getByRole("tab", { name: "录入" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await pane().getByRole("button", { name: "校验台账" }).focus();
    await page.keyboard.press("Enter");
    const issue = pane().getByRole("button", { name: new RegExp(`^错误 · G${badRow}：.*-9`) });
    await issue.waitFor();
    await issue.focus();
    await page.keyboard.press("Enter");
    const selected = grid().locator('td[aria-selected="true"]');
    await expect(selected.getAttribute("data-cell")).resolves.toBe(`G${badRow}`);
    await expect(selected.textContent()).resolves.toBe("-9");
    await expect(grid().getByRole("tab", { name: "积分台账", selected: true }).count()).resolves.toBe(1);
    await shot("校验");
  });

  it("writes a 公示表 whose rows list every member, and shows it", async () => {
    await pane().getByRole("tab", { name: "公示·排名·年终" }).click();
    await pane().getByRole("button", { name: "生成并打开" }).click();
    await pane().getByText(/已生成：公示-2026H2/).waitFor();
    await grid().getByRole("tab", { name: "公示-2026H2", selected: true }).waitFor();
    const rows = await gridRows();
    expect(rows[0].join("")).toContain("公示");
    const memberRows = rows.filter((r) => r.some((c) => /^D0\d\d$/.test(c)));
    expect(memberRows).toHaveLength(30);
    expect(rows.flat().join("")).not.toContain("PARTY.");
    await shot("公示");
  });

  it("shows the approval status and lists the open appeals", async () => {
    await pane().getByRole("tab", { name: "申诉·审定" }).click();
    await pane().getByText("2026H1 已审定").waitFor();
    await pane().getByText("2026H2 未审定").waitFor();
    await pane().getByRole("button", { name: /审定 2026H2/ }).click();
    await pane().getByText(/^审定失败：2026H2 有 \d+ 条记录校验不通过/).waitFor();
    await shot("申诉审定");
  });

  it("copies the built-in scheme into the workbook and saves an edited item as a new version", async () => {
    await pane().getByRole("tab", { name: "规则" }).click();
    await pane().getByText(/内置方案（只读）/).waitFor();
    await pane().getByRole("button", { name: "复制为本支部方案" }).click();
    await pane().getByText(/已保存 star-member-branch 第1版/).waitFor();
    await pane().getByRole("textbox", { name: "D1 分值" }).fill("-2");
    await pane().getByRole("button", { name: "另存为新版本（已改 1 项）" }).click();
    await pane().getByText(/已保存 star-member-branch 第2版/).waitFor();
    await pane().getByText(/^本工作簿使用方案 star-member-branch；/).waitFor();
    await grid().getByRole("tab", { name: "自定义方案" }).click();
    const rows = await gridRows();
    expect(rows.filter((r) => r[0] === "star-member-branch").map((r) => r[1])).toEqual(["1", "2"]);
    await pane().evaluate((el) => el.scrollTo(0, 0));
    await shot("规则");
  });

  it("records a branch's stars under 支部台账 and shows its level against the target", async () => {
    await pane().getByRole("tab", { name: "支部台账" }).click();
    await pane().getByRole("tab", { name: "评星晋级" }).click();
    await pane().getByRole("textbox", { name: "党组织名称" }).fill("掘进六队党支部");
    await pane().getByRole("textbox", { name: "党员人数" }).fill("9");
    for (const star of ["安全星", "绩效星", "廉洁星"]) await pane().getByRole("checkbox", { name: star }).check();
    await pane().getByRole("combobox", { name: "晋级目标" }).click();
    await page.getByRole("option", { name: "四星级党支部" }).click();
    await pane().getByRole("button", { name: "保存评星晋级" }).click();
    await pane().getByText(/掘进六队党支部：安全星绩效星廉洁星 · 三星级党支部 → 四星级党支部（尚差 1 星）/).waitFor();
    await grid().getByRole("tab", { name: "评星晋级" }).click();
    const rows = await gridRows();
    expect(rows.find((r) => r[1] === "掘进六队党支部")?.slice(10, 16)).toEqual(["", "√", "√", "√", "", "四星级党支部"]);
    await pane().evaluate((el) => el.scrollTo(0, 0));
    await shot("支部台账");
  });

  it("left nothing in the browser console", () => {
    expect(pageErrors).toEqual([]);
  });
});
