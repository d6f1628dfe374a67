// 公司党员量化积分管理制度: 「经公示后的《党员量化积分管理台账》按季度提交支部委员会审核并确定党员每季度最终积分。
// 党员年度积分由支委会审定后的各季度积分累加得到。」 An approved quarter's points are final.
import fs from "fs";
import os from "os";
import path from "path";
import { cli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-approved-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Scored {
  id: string;
  total: number;
  components: Record<string, number>;
  ledgerTotal: number | null;
  correction: string | null;
  veto: boolean;
}

async function scores(book: string, period: string): Promise<{ members: Scored[]; approved: { period: string; version: number }[]; provisional: string[]; err: string }> {
  const r = await cli("scores", book, "--period", period, "--json");
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  // ledgerTotal and correction are present only where they say something.
  return { ...json, members: json.members.map((m: Scored) => ({ ...m, ledgerTotal: m.ledgerTotal ?? null, correction: m.correction ?? null })), err: r.err };
}

const byId = (ms: Scored[], id: string) => ms.find((m) => m.id === id)!;

async function companyLedger(name: string): Promise<string> {
  const book = path.join(dir, name);
  expect((await cli("init", book, "--scheme", "company", "--year", "2026")).code).toBe(0);
  fs.writeFileSync(path.join(dir, `${name}-r.csv`), "编号,姓名,党员类别\n001,张三,正式党员\n002,李四,正式党员\n");
  // Q1: 001 K1 −2 (Jan), J4 +1 (Feb); 002 K2 −1 (Mar). Q2: 001 K2 −1 (May).
  fs.writeFileSync(path.join(dir, `${name}-e.csv`), "日期,编号,项目代码,次数,证明材料\n2026-01-05,001,K1,1,\n2026-02-10,001,J4,1,志愿服务记录\n2026-03-03,002,K2,1,\n2026-05-06,001,K2,1,\n");
  expect((await cli("import", book, "--roster", path.join(dir, `${name}-r.csv`), "--entries", path.join(dir, `${name}-e.csv`))).code).toBe(0);
  return book;
}

describe("an approved period's points are final", () => {
  it("approval refuses a quarter that has not ended", async () => {
    const book = await companyLedger("early.xlsx");
    const r = await cli("approve", book, "--period", "2026Q2", "--date", "2026-06-15");
    expect(r.code).toBe(1);
    expect(r.err).toContain("期间结束后");
  });

  it("a row added to an approved quarter changes neither the quarter nor the year until an appeal re-approves it", async () => {
    const book = await companyLedger("late.xlsx");
    expect((await cli("approve", book, "--period", "2026Q1", "--date", "2026-04-03")).code).toBe(0);
    // Q1 as approved: 001 = 20 − 2 + 1 = 19; 002 = 20 − 1 = 19.
    let q1 = await scores(book, "2026Q1");
    expect(byId(q1.members, "001")).toMatchObject({ total: 19, ledgerTotal: null });
    expect(q1.approved).toEqual([{ period: "2026Q1", version: 1, date: "2026-04-03" }]);

    // A row typed into Q1 after approval: 001 K3 −2 on 2026-03-20.
    fs.writeFileSync(path.join(dir, "late-e2.csv"), "日期,编号,项目代码,次数\n2026-03-20,001,K3,1\n");
    expect((await cli("import", book, "--entries", path.join(dir, "late-e2.csv"))).code).toBe(0);
    q1 = await scores(book, "2026Q1");
    expect(byId(q1.members, "001")).toMatchObject({ total: 19, ledgerTotal: 17 });
    expect(q1.err).toContain("张三 按台账现为 17");
    // The year is the sum of approved Q1 (19) and the provisional quarters: Q2 20 − 1 = 19, Q3 20, Q4 20 → 78.
    const year = await scores(book, "2026");
    expect(byId(year.members, "001")).toMatchObject({ total: 78, ledgerTotal: 76 });
    expect(byId(year.members, "002").total).toBe(79);
    expect(year.provisional).toEqual(["2026Q2", "2026Q3", "2026Q4"]);
    expect(year.err).toContain("2026Q2、2026Q3、2026Q4 为暂定积分");
    // validate names the late row.
    const v = await cli("validate", book);
    expect(v.code).toBe(1);
    expect(v.out).toContain("审定后新增");

    // Re-approval without an appeal is refused.
    expect((await cli("approve", book, "--period", "2026Q1", "--date", "2026-04-20")).code).toBe(1);
    // 001 appeals: the K3 row is wrong and the right item is K2 −1. The appeal's rows count once Q1 is approved again.
    const appeal = await cli("appeal", book, "--member", "001", "--period", "2026Q1", "--claim", "3月20日任务已完成，只是迟到", "--date", "2026-04-21");
    const id = appeal.out.trim();
    const resolved = await cli("appeal", book, "--resolve", id, "--result", "改为迟到扣1分", "--date", "2026-04-25", "--reverse-row", "6", "--correct-item", "K2", "--correct-date", "2026-03-20");
    expect(resolved).toMatchObject({ code: 0, err: "" });
    expect(byId((await scores(book, "2026Q1")).members, "001")).toMatchObject({ total: 19, ledgerTotal: 18 });
    const again = await cli("approve", book, "--period", "2026Q1", "--date", "2026-04-28", "--meeting", "第五次支委会");
    expect(again.code).toBe(0);
    expect(again.out).toContain("第 2 次审定");
    q1 = await scores(book, "2026Q1");
    expect(byId(q1.members, "001")).toMatchObject({ total: 18, ledgerTotal: null });
    expect(q1.approved).toEqual([{ period: "2026Q1", version: 2, date: "2026-04-28" }]);
    expect(byId((await scores(book, "2026")).members, "001").total).toBe(77);
    // The appeal's rows and the row they reverse are a correction, not an edit: the ledger validates clean.
    expect(await cli("validate", book)).toMatchObject({ code: 0 });
  });

  it("a veto recorded after a quarter was approved still clears the year, shown as a correction", async () => {
    const book = await companyLedger("veto.xlsx");
    expect((await cli("approve", book, "--period", "2026Q1", "--date", "2026-04-03")).code).toBe(0);
    fs.writeFileSync(path.join(dir, "veto-e2.csv"), "日期,编号,项目代码,次数,证明材料,说明\n2026-05-20,002,X1,1,处分决定,受党纪处分\n");
    expect((await cli("import", book, "--entries", path.join(dir, "veto-e2.csv"))).code).toBe(0);
    const year = await scores(book, "2026");
    expect(byId(year.members, "002")).toMatchObject({ total: 0, veto: true });
    expect(byId(year.members, "002").correction).toContain("2026Q1 审定后记录的一票否决");
    expect(year.err).toContain("更正：李四（002）");
  });
});
