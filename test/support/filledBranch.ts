import fs from "fs";
import path from "path";
import { cli } from "./cli";

/**
 * A branch's ledger as the clerk fills it, written to `file`: init (star-member, 2026), then a roster of
 * `members`, two entries each (D1 in month 1 + i % d1Months, D2 from March on), any `extraEntries` lines
 * and 民主评议.
 */
export async function writeFilledBranch(file: string, options: { members: number; d1Months: number; extraEntries?: string }): Promise<void> {
  const dir = path.dirname(file);
  const ids = Array.from({ length: options.members }, (_, i) => `D${String(i + 1).padStart(3, "0")}`);
  const roster = path.join(dir, "名册.csv");
  fs.writeFileSync(roster, `编号,姓名,党员类别\n${ids.map((id, i) => `${id},党员${i + 1},正式党员`).join("\n")}\n`);
  const entries = path.join(dir, "积分.csv");
  const rows = ids.flatMap((id, i) => [`2026-0${1 + (i % options.d1Months)}-10,${id},D1,1,,缺席支部大会`, `2026-${String(3 + (i % 9)).padStart(2, "0")}-15,${id},D2,1,,迟到`]);
  fs.writeFileSync(entries, `日期,编号,项目代码,次数,分值,说明\n${rows.join("\n")}\n${options.extraEntries ?? ""}`);
  const appraisals = path.join(dir, "评议.csv");
  fs.writeFileSync(appraisals, `编号,评议等次\n${ids.map((id, i) => `${id},${i % 3 ? "合格" : "优秀"}`).join("\n")}\n`);
  if ((await cli("init", file, "--scheme", "star-member", "--year", "2026", "--branch", "第一党支部")).code !== 0) throw new Error("init failed");
  if ((await cli("import", file, "--roster", roster, "--entries", entries, "--appraisals", appraisals)).code !== 0) throw new Error("import failed");
}
