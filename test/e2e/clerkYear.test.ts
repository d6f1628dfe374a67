/*
 * Issue 19's "Done when": a clerk's year in the pane, from an empty workbook (index.html?empty over http,
 * the pane 320 px wide), in Chromium, with nothing but the pane: 开始 → a roster of 12 pasted from Excel
 * → a month of entries (a batch by activity with pasted absentees, a veto confirmed after an Escape, a
 * mistaken row taken back) → 民主评议 by vote tally with one committee override → 公示 held back while
 * the period is unapproved, then generated → 审定, an appeal on the approved period resolved by a
 * reversing row, re-approval → 年终审批. After each step the workbook is saved (a download) and read
 * with the same core as the CLI; totals are checked against hand-computed ones. The page's clock is
 * fixed at 2026-07-20 (H1 over, H2 running), so the run does not depend on the day. Screenshots go to
 * docs/screenshots/year-NN-*.png.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { type LoadedLedger, loadLedger, scoreLedger } from "../../src/app/ledgerService";
import { SETTINGS_KEYS, SHEETS } from "../../src/core/ledger/layout";
import { NODE_CODEC } from "../../src/hosts/xlsx/bookFile";
import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { launchChromium, serveDirectory, webBundle } from "./browser";

const root = path.resolve(__dirname, "../..");
const shots = path.join(root, "docs/screenshots");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "party-year-"));
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const dist = await webBundle(root);
  server = await serveDirectory(dist);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.clock.setFixedTime(new Date("2026-07-20T10:00:00"));
  await page.goto(`${server.url}?empty`);
  await page.getByRole("status").getByText(/^已新建空白工作簿/).waitFor({ timeout: 60_000 });
  fs.mkdirSync(shots, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const pane = () => page.getByRole("complementary", { name: "任务窗格" });
const grid = () => page.getByRole("region", { name: "工作簿" });

/** The pane scrolled so `target` is in view, then the page as the clerk sees it. */
async function shot(n: number, name: string, target?: ReturnType<Page["locator"]>): Promise<void> {
  if (target) await target.scrollIntoViewIfNeeded();
  else await pane().evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `year-${String(n).padStart(2, "0")}-${name}.png`) });
}

async function openTab(name: string): Promise<void> {
  await pane().getByRole("tab", { name, exact: true }).click();
}

async function pick(box: string | RegExp, option: string | RegExp): Promise<void> {
  await pane().getByRole("combobox", { name: box }).click();
  await page.getByRole("option", { name: option, exact: typeof option === "string" }).click();
}

let saves = 0;
/** The workbook as the page saves it (a download), read with the core. */
async function saved(): Promise<LoadedLedger> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存（下载）" }).click()]);
  const file = path.join(work, `year-${++saves}.xlsx`);
  await download.saveAs(file);
  await page.getByText(/· 已保存$/).waitFor();
  // The download's notice is dismissed: the next screenshot shows the pane, not it.
  await page.getByRole("button", { name: "知道了" }).click();
  return loadLedger(PackageGateway.open(fs.readFileSync(file), "year.xlsx", NODE_CODEC));
}

/** 积分台账 rows as 编号 / 项目代码 / 分值 / 撤销记录号 / 记录号 / 说明. */
function ledgerRows(ledger: LoadedLedger) {
  const t = ledger.tables.get(SHEETS.ledger.table)!;
  const col = (h: string) => t.headers.indexOf(h);
  return t.rows.map((r) => ({ id: r[col("编号")], item: r[col("项目代码")], count: r[col("次数")], reverses: r[col("撤销记录号")], record: r[col("记录号")], note: r[col("说明")], evidence: r[col("证明材料")], recorder: r[col("记录人")] }));
}

function totals(ledger: LoadedLedger, period: string): Record<string, number | null> {
  return Object.fromEntries(scoreLedger(ledger, period).members.map((m) => [m.id, m.total]));
}

/** The cached values of a generated sheet, rows of cells. */
function sheetValues(file: string, sheet: string): (string | number | boolean | null)[][] {
  const g = PackageGateway.open(fs.readFileSync(file), "year.xlsx", NODE_CODEC);
  const part = g.book.sheetPart(g.book.sheet(sheet)!);
  return Array.from({ length: part.lastRow() }, (_, r) => part.values(r + 1, 0, part.lastColumn() + 1, g.book.sharedString));
}

/** 编号 → the value under `header` in a report sheet. */
function column(rows: (string | number | boolean | null)[][], header: string): Record<string, unknown> {
  const head = rows.findIndex((r) => r.includes(header) && r.includes("编号"));
  const [id, col] = [rows[head].indexOf("编号"), rows[head].indexOf(header)];
  return Object.fromEntries(rows.slice(head + 1).filter((r) => typeof r[id] === "string" && /^Y\d\d$/.test(r[id] as string)).map((r) => [r[id], r[col]]));
}

// The roster as copied from the branch's Excel list: a header row, columns in the branch's own order.
const ROSTER = [
  ["姓名", "编号", "党员类别", "入党日期"],
  ["张伟", "Y01", "正式党员", "2001/7/1"],
  ["王芳", "Y02", "正式党员", "2003/6/12"],
  ["李娜", "Y03", "正式党员", "2005/7/1"],
  ["刘洋", "Y04", "正式党员", "2008/10/15"],
  ["陈静", "Y05", "正式党员", "2010/7/1"],
  ["杨磊", "Y06", "正式党员", "2012/5/4"],
  ["赵敏", "Y07", "正式党员", "2014/7/1"],
  ["黄强", "Y08", "正式党员", "2016/12/20"],
  ["周丽", "Y09", "正式党员", "2018/7/1"],
  ["吴昊", "Y10", "正式党员", "2020/6/30"],
  ["徐婷", "Y11", "预备党员", "2025/11/8"],
  ["孙涛", "Y12", "正式党员", "2009/3/1"],
];
const NAME: Record<string, string> = Object.fromEntries(ROSTER.slice(1).map(([name, id]) => [id, name]));

// 民主评议 votes (30 voters) per member: 优秀 / 合格 / 基本合格 / 不合格, and the grade a majority gives.
const VOTES: [string, number[], string][] = [
  ["Y01", [22, 8, 0, 0], "优秀"],
  ["Y02", [12, 16, 2, 0], "合格"],
  ["Y03", [15, 13, 2, 0], "合格"], // exactly half 优秀: not a majority, so 合格 (the committee raises it)
  ["Y04", [5, 20, 5, 0], "合格"],
  ["Y05", [16, 12, 2, 0], "优秀"],
  ["Y06", [3, 15, 10, 2], "合格"],
  ["Y07", [10, 18, 2, 0], "合格"],
  ["Y08", [8, 20, 2, 0], "合格"],
  ["Y09", [6, 22, 2, 0], "合格"],
  ["Y10", [4, 16, 8, 2], "合格"],
  ["Y11", [2, 12, 14, 2], "基本合格"],
  ["Y12", [0, 4, 8, 18], "不合格"],
];
const GRADES = ["优秀", "合格", "基本合格", "不合格"];

describe("a clerk's year in the pane, from an empty workbook", () => {
  it("shows the pane 320 px wide with 开始 open on the empty workbook", async () => {
    await expect(pane().evaluate((el) => getComputedStyle(el).width)).resolves.toBe("320px");
    await pane().getByRole("tab", { name: "开始", selected: true }).waitFor();
    // Before there is a ledger, no 名册 or 民主评议 tab is offered.
    await expect(pane().getByRole("tab", { name: "名册" }).count()).resolves.toBe(0);
  });

  it("1. 开始: creates the ledger with its 设置", async () => {
    await pick(/积分方案/, /^星级党员管理量化考评制度/);
    await pane().getByRole("textbox", { name: /考核年度/ }).fill("2026");
    await pane().getByRole("textbox", { name: /党支部名称/ }).fill("机关第二党支部");
    await pane().getByRole("textbox", { name: /支部书记/ }).fill("林书记");
    await pane().getByRole("textbox", { name: /记录人/ }).fill("郑组织");
    await pane().getByRole("textbox", { name: /申诉联系人/ }).fill("郑组织（电话 6123 4567）");
    // Enter in a field submits the form.
    await pane().getByRole("textbox", { name: /申诉联系人/ }).press("Enter");
    await pane().getByText(/^新建：.*积分台账/).waitFor();
    // The workbook now has a ledger: the pane reads its 设置 back and offers the scheme's tabs.
    await pane().getByRole("button", { name: "保存设置" }).waitFor();
    await pane().getByRole("tab", { name: "名册" }).waitFor();
    await pane().getByRole("tab", { name: "民主评议" }).waitFor();
    await shot(1, "开始", pane().getByText(/^新建：/));

    const ledger = await saved();
    expect(ledger.scheme.id).toBe("star-member");
    expect(ledger.year).toBe(2026);
    expect([SETTINGS_KEYS.branch, SETTINGS_KEYS.secretary, SETTINGS_KEYS.recorder, SETTINGS_KEYS.appealContact].map((k) => ledger.settings.get(k))).toEqual(["机关第二党支部", "林书记", "郑组织", expect.stringMatching(/^郑组织[（(]电话 6123 4567[)）]$/)]);
    expect(ledger.members).toEqual([]);
    expect(ledgerRows(ledger)).toEqual([]);
  });

  it("2. 名册: pastes 12 members copied from Excel, previewed, then written", async () => {
    await openTab("名册");
    const text = `${ROSTER.map((r) => r.join("\t")).join("\r\n")}\r\n`;
    await pane().getByRole("textbox", { name: "粘贴名册" }).fill(text);
    await pane().getByRole("button", { name: "预览" }).click();
    const preview = pane().getByRole("table", { name: "粘贴预览" });
    await preview.waitFor();
    // Dates as the roster wrote them are read as dates; the columns are the ledger's, whatever the order pasted.
    await expect(preview.locator("tbody tr").count()).resolves.toBe(12);
    await expect(preview.locator("tbody tr").first().textContent()).resolves.toMatch(/Y01.*张伟.*正式党员.*2001-07-01/);
    await shot(2, "名册-预览", pane().getByRole("button", { name: "写入 12 名党员" }));
    await pane().getByRole("button", { name: "写入 12 名党员" }).click();
    await pane().getByText("已导入 12 名党员").waitFor();
    await pane().getByRole("heading", { name: "党员名册（12）" }).waitFor();
    // The probationary member is shown as such.
    await pane().getByRole("list", { name: "党员列表" }).getByText(/^Y11 徐婷 · 预备党员/).waitFor();
    await shot(3, "名册", pane().getByRole("heading", { name: "党员名册（12）" }));

    const ledger = await saved();
    expect(ledger.members.map((m) => [m.id, m.name, m.category])).toEqual(ROSTER.slice(1).map(([name, id, category]) => [id, name, category]));
    expect(ledger.members.find((m) => m.id === "Y04")?.joinedOn).toBe("2008-10-15");
  });

  it("3a. 录入: a 主题党日 batch, its absentees pasted from a list", async () => {
    await openTab("录入");
    await pane().getByRole("tab", { name: "按活动批量录入" }).click();
    await pick(/活动/, "主题党日");
    await pick(/积分项目/, /^D1 /);
    await pane().getByRole("textbox", { name: /^日期/ }).fill("2026-03-15");
    // 记录人 comes from 设置.
    await expect(pane().getByRole("textbox", { name: /记录人/ }).inputValue()).resolves.toBe("郑组织");
    await pane().getByRole("textbox", { name: /粘贴名单/ }).fill("王芳、李娜\n刘洋");
    await pane().getByText("已选 3 人").waitFor();
    const preview = pane().getByRole("list", { name: "预览" });
    await expect(preview.getByRole("listitem").allTextContents()).resolves.toEqual(["王芳（Y02） 2026-03-15 D1 -1", "李娜（Y03） 2026-03-15 D1 -1", "刘洋（Y04） 2026-03-15 D1 -1"]);
    await shot(4, "录入-批量", preview);
    await pane().getByRole("button", { name: "写入台账" }).click();
    await pane().getByText("已写入积分台账第 2–4 行（3 条）。").waitFor();

    const rows = ledgerRows(await saved());
    expect(rows.map((r) => [r.id, r.item, r.note, r.recorder])).toEqual([
      ["Y02", "D1", "主题党日", "郑组织"],
      ["Y03", "D1", "主题党日", "郑组织"],
      ["Y04", "D1", "主题党日", "郑组织"],
    ]);
  });

  /** Single entry: the member searched by name, the date typed, Enter submits. */
  async function single(id: string, item: string, date: string, value?: string): Promise<void> {
    const box = pane().getByRole("combobox", { name: /党员/ });
    await box.click();
    await box.fill("");
    await box.pressSequentially(NAME[id]);
    await page.getByRole("option", { name: new RegExp(id) }).click();
    if (item) await pick(/积分项目/, new RegExp(`^${item} `));
    if (value !== undefined) await pane().getByRole("textbox", { name: /^分值/ }).fill(value);
    await pane().getByRole("textbox", { name: /^日期/ }).fill(date);
    await pane().getByRole("textbox", { name: /^日期/ }).press("Enter");
  }

  it("3b. 录入: single entries by keyboard; a mistaken row taken back with 撤销本条", async () => {
    await pane().getByRole("tab", { name: "单条录入" }).click();
    await single("Y05", "D2", "2026-03-18");
    await pane().getByText("已写入积分台账第 5 行。").waitFor();
    await single("Y06", "D6", "2026-03-22", "-3");
    await pane().getByText("已写入积分台账第 6 行。").waitFor();
    // Meant for 黄强, written for 赵敏: item and date stay, only the member changes.
    await single("Y07", "D2", "2026-03-25");
    await pane().getByText("已写入积分台账第 7 行。").waitFor();
    await single("Y08", "", "2026-03-25");
    await pane().getByText("已写入积分台账第 8 行。").waitFor();

    const box = pane().getByRole("combobox", { name: /党员/ });
    await box.click();
    await box.pressSequentially("赵敏");
    await page.getByRole("option", { name: /Y07/ }).click();
    const recent = pane().getByRole("list", { name: "赵敏 的最近记录" });
    await recent.getByText(/^第7行 2026-03-25 D2 .* -2$/).waitFor();
    await recent.getByRole("button", { name: "撤销第7行" }).click();
    await pane().getByText(/^已撤销第7行（2026-03-25 D2 .* -2）：撤销记录在第9行/).waitFor();
    await recent.getByText("已撤销").waitFor();
    await shot(5, "录入-撤销本条", pane().getByText(/^已撤销第7行/));

    const rows = ledgerRows(await saved());
    // Single entries after the batch: the batch's activity is not their 说明.
    expect(rows.slice(3).map((r) => [r.id, r.item, r.note])).toEqual([
      ["Y05", "D2", null],
      ["Y06", "D6", null],
      ["Y07", "D2", null],
      ["Y08", "D2", null],
      ["Y07", "D2", expect.stringMatching(/撤销/)],
    ]);
    // The reversing row names the record it cancels; the original row is left as it was.
    expect(rows[7].reverses).toBe(rows[5].record);
    expect(rows[5].reverses).toBeNull();
  });

  it("3c. 录入: a veto needs its evidence and a confirmation; Escape writes nothing, 确认写入 writes it", async () => {
    await single("Y12", "V1", "2026-03-28");
    // Evidence is required: the form says so and does not write.
    await pane().getByText(/V1 受留党察看及以上处分 须附证明材料/).waitFor();
    await expect(pane().getByRole("button", { name: "写入台账" }).isDisabled()).resolves.toBe(true);
    await pane().getByRole("textbox", { name: /证明材料/ }).fill("党纪处分决定书（2026）3号");
    await pane().getByRole("textbox", { name: /证明材料/ }).press("Enter");
    const dialog = pane().getByRole("alertdialog", { name: "确认写入" });
    await dialog.getByText("一票否决：孙涛 2026 年全年积分将为 0（V1 受留党察看及以上处分）").waitFor();
    await shot(6, "录入-否决确认", dialog);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(ledgerRows(await saved())).toHaveLength(8);

    await pane().getByRole("button", { name: "写入台账" }).click();
    await dialog.getByRole("button", { name: "确认写入" }).click();
    await pane().getByText("已写入积分台账第 10 行。").waitFor();

    const ledger = await saved();
    const rows = ledgerRows(ledger);
    expect(rows.map((r) => r.id)).toEqual(["Y02", "Y03", "Y04", "Y05", "Y06", "Y07", "Y08", "Y07", "Y12"]);
    expect([rows[8].item, rows[8].evidence]).toEqual(["V1", "党纪处分决定书（2026）3号"]);
    // The month by hand: 80 less D1 −1, D2 −2, D6 −3; 赵敏's D2 taken back; 孙涛's veto makes 0.
    expect(totals(ledger, "2026H1")).toMatchObject({ Y01: 80, Y02: 79, Y03: 79, Y04: 79, Y05: 78, Y06: 77, Y07: 80, Y08: 78, Y12: 0 });
  });

  it("4. 民主评议: vote tallies turned into grades, one raised by the committee with its reason", async () => {
    await openTab("民主评议");
    await pane().getByRole("radio", { name: "按票数评定" }).check();
    for (const [id, votes] of VOTES) for (const [i, grade] of GRADES.entries()) await pane().getByRole("textbox", { name: `${NAME[id]} ${grade}票数` }).fill(String(votes[i]));
    const list = pane().getByRole("list", { name: "党员评议" });
    for (const [id, , grade] of VOTES) await expect(list.getByRole("listitem").filter({ hasText: `${id} ${NAME[id]}` }).getByText(/^按票数：/).textContent()).resolves.toBe(`按票数：${grade}`);
    await pick("李娜 支委会调整", "优秀");
    // An override without its reason is not written.
    await pane().getByText("李娜（Y03）：支委会调整等次须填写理由").waitFor();
    await pane().getByRole("textbox", { name: "李娜 调整理由" }).fill("汛期带队值守，支委会研究评为优秀");
    await shot(7, "民主评议", pane().getByRole("textbox", { name: "李娜 调整理由" }));
    await pane().getByRole("button", { name: "写入 12 名党员的评议结果（Enter）" }).click();
    await pane().getByText("已写入：新增 12 行，更新 0 行").waitFor();

    const ledger = await saved();
    const graded = Object.fromEntries(ledger.appraisals.map((a) => [a.memberId, a.grade]));
    expect(graded).toEqual({ ...Object.fromEntries(VOTES.map(([id, , g]) => [id, g])), Y03: "优秀" });
    // Year totals by hand: the month's points plus 优秀 20 / 合格 15 / 基本合格 10 / 不合格 0; a veto stays 0.
    expect(totals(ledger, "2026")).toMatchObject({ Y01: 100, Y02: 94, Y03: 99, Y05: 98, Y06: 92, Y11: 90, Y12: 0 });
  });

  it("5. 报表: the 公示 of an unapproved period waits for the clerk's decision, then is written", async () => {
    await openTab("报表");
    await pick(/^期间/, "2026H1");
    await pane().getByRole("button", { name: "生成并打开" }).click();
    const findings = pane().getByLabel("生成前的检查");
    await findings.getByText("2026H1 尚未经支委会审定：表中积分是暂定的。").waitFor();
    // Nothing is written until the clerk decides.
    await expect(grid().getByRole("tab", { name: "公示-2026H1" }).count()).resolves.toBe(0);
    await shot(8, "报表-生成前检查", pane().getByRole("button", { name: "知悉以上情况，仍然生成" }));
    await pane().getByRole("button", { name: "知悉以上情况，仍然生成" }).click();
    await pane().getByText(/^已生成：公示-2026H1/).waitFor();
    await grid().getByRole("tab", { name: "公示-2026H1", selected: true }).waitFor();
    await shot(9, "报表-公示");

    const ledger = await saved();
    const rows = sheetValues(path.join(work, `year-${saves}.xlsx`), "公示-2026H1");
    expect(column(rows, "总分")).toEqual(totals(ledger, "2026H1"));
    expect(rows.flat().join("")).toMatch(/向 郑组织[（(]电话 6123 4567[)）] 反映/);
    expect(rows.flat().some((c) => typeof c === "string" && c.includes("PARTY."))).toBe(false);
  });

  it("6. 申诉·审定: approves 2026H1, records an appeal on it, resolves it by a reversing row, approves again", async () => {
    await openTab("申诉·审定");
    await pane().getByText("2026H1 未审定").waitFor();
    await pane().getByRole("button", { name: "审定 2026H1（审定后该期间锁定）" }).click();
    await pane().getByText("已审定 2026H1，锁定 9 行记录。").waitFor();
    await pane().getByText("2026H1 已审定").waitFor();
    await shot(10, "审定");

    // 陈静 appeals her 3-18 deduction: she had leave. The clerk finds its 记录号 in 积分台账.
    const before = await saved();
    const appealed = ledgerRows(before).find((r) => r.id === "Y05" && r.item === "D2")!;
    await pick(/^党员$/, "陈静（Y05）");
    await pick(/^期间$/, "2026H1");
    await pane().getByRole("textbox", { name: /申诉事项/ }).fill("3月18日已按规定请假，不应扣分");
    await pane().getByRole("textbox", { name: /^证明材料/ }).fill("请假审批单");
    await pane().getByRole("button", { name: "登记申诉" }).click();
    await pane().getByRole("heading", { name: "待处理的申诉（1）" }).waitFor();
    await pick(/^申诉/, /陈静 2026H1/);
    await pane().getByRole("textbox", { name: /处理结果/ }).fill("属实，撤销该扣分");
    await pane().getByRole("textbox", { name: /撤销哪条记录/ }).fill(String(appealed.record));
    await pane().getByRole("button", { name: "处理申诉" }).click();
    await pane().getByText(/^已处理，新增积分台账第 11 行/).waitFor();
    // The appeal's correction is legitimate: no edit of the approved period is reported.
    await expect(pane().getByText(/已审定期间有 \d+ 处改动/).count()).resolves.toBe(0);
    await shot(11, "申诉-处理", pane().getByText(/^已处理，新增积分台账第 11 行/));

    const corrected = await saved();
    const reversal = ledgerRows(corrected)[9];
    expect([reversal.id, reversal.reverses]).toEqual(["Y05", appealed.record]);
    // Until the committee approves again, 2026H1 stands as approved.
    expect(totals(corrected, "2026")).toMatchObject({ Y05: 98 });

    await pane().getByText("2026H1 待重新审定").waitFor();
    // The earlier approval's message is gone: the appeal re-opened the period.
    await expect(pane().getByText(/^已审定 2026H1，锁定/).count()).resolves.toBe(0);
    await pane().getByRole("button", { name: /^重新审定 2026H1/ }).click();
    await pane().getByText(/^已审定 2026H1，锁定 10 行记录。/).waitFor();
    await pane().getByText("2026H1 已审定").waitFor();
    await shot(12, "重新审定");

    const approved = await saved();
    expect(totals(approved, "2026")).toMatchObject({ Y01: 100, Y02: 94, Y03: 99, Y05: 100, Y06: 92, Y11: 90, Y12: 0 });
    const records = approved.tables.get(SHEETS.approvals.table)!.rows.map((r) => r[0]);
    expect(records).toEqual(["2026H1", "2026H1"]);
  });

  it("7. 年终审批: generated for 2026 once the clerk has seen what is unfinished", async () => {
    await openTab("报表");
    await pick(/^报表/, /年终/);
    await pick(/^期间/, "2026");
    await pane().getByRole("button", { name: "生成并打开" }).click();
    const findings = pane().getByLabel("生成前的检查");
    await findings.getByText(/2026H2 尚未经支委会审定/).waitFor();
    await findings.getByText(/本期至 2026-12-31 才结束/).waitFor();
    await pane().getByRole("button", { name: "知悉以上情况，仍然生成" }).click();
    await pane().getByText(/^已生成：年终审批-2026/).waitFor();
    await grid().getByRole("tab", { name: "年终审批-2026", selected: true }).waitFor();
    await shot(13, "年终审批");

    const ledger = await saved();
    const rows = sheetValues(path.join(work, `year-${saves}.xlsx`), "年终审批-2026");
    const year = totals(ledger, "2026");
    expect(column(rows, "年度积分")).toEqual(year);
    expect(year).toMatchObject({ Y01: 100, Y03: 99, Y05: 100, Y12: 0 });
    // The committee's 民主评议 result as written, the override included.
    expect(column(rows, "民主评议结果")).toMatchObject({ Y03: "优秀", Y11: "基本合格", Y12: "不合格" });
  });

  it("left nothing in the console", () => {
    expect(pageErrors).toEqual([]);
  });
});
