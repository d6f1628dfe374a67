// 党员管理量化考评制度 (Dec–Nov cycle):「新入职党员未考核月份积分按支部之前月份考核平均积分计算」. "New" is keyed on the
// roster's 转入日期 (新入职 / 组织关系转入), never on 入党日期: a 预备党员 admitted mid-cycle keeps his own entries.
import { getBuiltinScheme } from "../core/scheme/presets";
import { isoToSerial } from "../core/dates";
import { MemoryGateway } from "../hosts/memory/memoryGateway";
import { addMember } from "./memberService";
import { importCsvFiles, loadLedger, scaffoldWorkbook, scoreLedger, validateWorkbook } from "./ledgerService";

const NOW = new Date(2026, 10, 20);
const scheme = getBuiltinScheme("dec-nov-cycle");

async function ledger(): Promise<MemoryGateway> {
  const gw = new MemoryGateway();
  await scaffoldWorkbook(gw, scheme, { branch: "第一党支部", year: 2026 }, NOW);
  return gw;
}

/** A roster as written before 转入日期 existed: the layout's columns without the last. */
function dropTransferColumn(gw: MemoryGateway): void {
  const roster = gw.book.tables.get("RosterTable")!;
  expect(roster.headers[roster.headers.length - 1]).toBe("转入日期");
  roster.headers.pop();
  roster.formats.pop();
  roster.rows = roster.rows.map((r) => r.slice(0, roster.headers.length));
}

const csv = (rows: string[][]) => ({ name: "名册.csv", data: rows.map((r) => r.join(",")).join("\n") });

describe("转入日期: the new-member rule keyed on the day a member came to the branch", () => {
  it("fills a transferred member's months before the 转入日期 with the branch average; a 预备党员 admitted mid-cycle keeps his own", async () => {
    const gw = await ledger();
    await importCsvFiles(
      gw,
      {
        // 入职日期 is a synonym of 转入日期; 入党日期 alone (003) does not make a member new.
        roster: csv([
          ["编号", "姓名", "党员类别", "入党日期", "入职日期"],
          ["001", "张三", "正式党员", "2001-07-01", ""],
          ["002", "李四", "正式党员", "2003-07-01", "2026-03-10"],
          ["003", "王五", "预备党员", "2026-03-01", ""],
        ]),
        // December 2025: 张三 −10 (D3 twice), 王五 −5 (D3, as an applicant then). 李四 came in March: his December
        // is the average of the members assessed then (张三 −10, 王五 −5 → −7.5); his own February row does not count.
        entries: csv([
          ["日期", "编号", "项目代码", "次数"],
          ["2025-12-05", "001", "D3", "2"],
          ["2025-12-06", "003", "D3", "1"],
          ["2026-02-10", "002", "D3", "1"],
        ]),
      },
      NOW,
    );
    const roster = gw.book.tables.get("RosterTable")!;
    expect(roster.rows.map((r) => r[roster.headers.indexOf("转入日期")])).toEqual([null, isoToSerial("2026-03-10"), null]);
    const scored = scoreLedger(await loadLedger(gw), "2026");
    expect(scored.members.map((m) => [m.id, m.total])).toEqual([
      ["001", 70],
      ["002", 72.5],
      ["003", 75],
    ]);
    const issues = (await validateWorkbook(gw)).issues;
    expect(issues.filter((i) => i.code === "member-before-transfer").map((i) => [i.sheet, i.row, i.column])).toEqual([["积分台账", 4, "A"]]);
  });

  it("adds the column to a roster from before it when a member comes with a 转入日期, and init adds it too", async () => {
    const gw = await ledger();
    dropTransferColumn(gw);
    // Without the column the rule cannot apply: validation says so once, at the header row.
    const warned = (await validateWorkbook(gw)).issues.filter((i) => i.code === "roster-no-transfer-date");
    expect(warned.map((i) => [i.sheet, i.row])).toEqual([["党员名册", 1]]);
    // A member without one is appended in the table's 9 columns; one with a 转入日期 brings the column.
    expect((await addMember(gw, { 编号: "001", 姓名: "张三", 党员类别: "正式党员" }, NOW)).written).toBe(true);
    expect(gw.book.tables.get("RosterTable")!.headers).toHaveLength(9);
    expect((await addMember(gw, { 编号: "002", 姓名: "李四", 党员类别: "正式党员", 转入日期: "2026/3/10" }, NOW)).written).toBe(true);
    const roster = gw.book.tables.get("RosterTable")!;
    expect(roster.headers[9]).toBe("转入日期");
    expect(roster.rows.map((r) => [r[0], r[9]])).toEqual([
      ["001", null],
      ["002", isoToSerial("2026-03-10")],
    ]);
    // A bad date is refused at its cell, nothing written.
    const bad = await addMember(gw, { 编号: "003", 姓名: "王五", 党员类别: "正式党员", 转入日期: "三月" }, NOW);
    expect(bad.written).toBe(false);
    expect(bad.issues.map((i) => [i.code, i.column])).toContainEqual(["bad-date", "J"]);

    const old = await ledger();
    dropTransferColumn(old);
    await scaffoldWorkbook(old, scheme, { branch: "第一党支部", year: 2026 }, NOW);
    expect(old.book.tables.get("RosterTable")!.headers.slice(-1)).toEqual(["转入日期"]);
    expect((await validateWorkbook(old)).issues.filter((i) => i.code === "roster-no-transfer-date")).toEqual([]);
  });
});
