// The same ledger "the spreadsheet way": one SUMIFS/COUNTIFS row per member, recalculated by headless
// LibreOffice, timed beside our engine on the same data. Prints one JSON line.
import ExcelJS from "exceljs";
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { scoreMembers } from "../src/core/engine/scoreMembers";
import { getBuiltinScheme } from "../src/core/scheme/presets";
import { isoToSerial } from "../src/core/sheetModel";
import { syntheticEntries, syntheticRoster } from "./syntheticLedger";

function profile(dir: string, recalc: boolean): string {
  const p = path.join(dir, recalc ? "profile-recalc" : "profile-norecalc");
  fs.mkdirSync(path.join(p, "user"), { recursive: true });
  // 0 = always recalculate on load, 1 = never.
  const mode = recalc ? 0 : 1;
  fs.writeFileSync(
    path.join(p, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item></oor:items>`,
  );
  return p;
}

function soffice(file: string, outDir: string, profileDir: string): number {
  const t0 = performance.now();
  execFileSync("soffice", [`-env:UserInstallation=file://${profileDir}`, "--headless", "--convert-to", "xlsx", "--outdir", outDir, file], { stdio: "pipe", timeout: 540_000 });
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const [memberCount, entryCount] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 10000)];
  const scheme = getBuiltinScheme("star-member");
  const members = syntheticRoster(memberCount).map((m) => ({ ...m, category: "正式党员" }));
  const entries = syntheticEntries(scheme, members, entryCount, 2026);
  const items = new Map(scheme.items.map((i) => [i.code, i]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "party-sheetway-"));

  const reference = scoreMembers({ scheme, members, entries, period: "2026" });
  /** The same workbook twice: with formulas, and with their values typed in (what loading alone costs). */
  async function write(formulas: boolean, file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ledger = wb.addWorksheet("台账");
    ledger.addRow(["日期", "编号", "项目代码", "次数", "分值", "积分"]);
    entries.forEach((e, i) => {
      const item = items.get(e.itemCode)!;
      const value = e.value ?? (item.points.kind === "fixed" ? item.points.value : 0);
      const count = e.count ?? 1;
      ledger.addRow([isoToSerial(e.date), e.memberId, e.itemCode, count, value, formulas ? { formula: `D${i + 2}*E${i + 2}` } : count * value]);
    });
    const last = entryCount + 1;
    const sheet = wb.addWorksheet("汇总");
    sheet.addRow(["编号", "日常行为积分", "否决", "总分", "排名"]);
    members.forEach((m, i) => {
      const r = i + 2;
      const s = reference.members[i];
      sheet.addRow(
        formulas
          ? [
              m.id,
              { formula: `MIN(80,MAX(0,80+SUMIFS(台账!$F$2:$F$${last},台账!$B$2:$B$${last},A${r})))` },
              { formula: `COUNTIFS(台账!$B$2:$B$${last},A${r},台账!$C$2:$C$${last},"V1")+COUNTIFS(台账!$B$2:$B$${last},A${r},台账!$C$2:$C$${last},"V2")` },
              { formula: `IF(C${r}>0,0,B${r})` },
              { formula: `RANK(D${r},$D$2:$D$${memberCount + 1})` },
            ]
          : [m.id, s.components["日常行为积分"], s.veto ? 1 : 0, s.total, s.rank],
      );
    });
    await wb.xlsx.writeFile(file);
  }
  const file = path.join(dir, "sheetway.xlsx");
  const values = path.join(dir, "values.xlsx");
  await write(true, file);
  await write(false, values);

  // Loading the typed-in values, then the formulas recalculated: the difference is the calculation.
  const loadMs = soffice(values, path.join(dir, "load"), profile(dir, false));
  const recalcMs = soffice(file, path.join(dir, "recalc"), profile(dir, true));

  const check = new ExcelJS.Workbook();
  await check.xlsx.readFile(path.join(dir, "recalc", "sheetway.xlsx"));
  const totals = new Map<string, number>();
  check.getWorksheet("汇总")!.eachRow((row, r) => {
    if (r > 1) totals.set(String(row.getCell(1).value), Number((row.getCell(4).value as ExcelJS.CellFormulaValue).result ?? 0));
  });

  scoreMembers({ scheme, members, entries, period: "2026" });
  const times: number[] = [];
  let result = scoreMembers({ scheme, members, entries, period: "2026" });
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = scoreMembers({ scheme, members, entries, period: "2026" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // The spreadsheet adds binary fractions (6.40000000000001); the engine is exact in tenths.
  const diff = (m: { id: string; total: number }) => Math.abs((totals.get(m.id) ?? Number.NaN) - m.total);
  const disagree = result.members.filter((m) => !(diff(m) < 1e-6)).length;
  const drift = result.members.filter((m) => diff(m) > 0 && diff(m) < 1e-6).length;
  console.log(JSON.stringify({ members: memberCount, entries: entryCount, loadMs, recalcMs, sheetRecalcMs: Math.max(0, recalcMs - loadMs), engineMs: times[1], disagree, drift }));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
