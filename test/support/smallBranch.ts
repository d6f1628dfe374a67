import { approvePeriod, importCsvFiles, scaffoldWorkbook } from "../../src/app/ledgerService";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { MemoryGateway } from "../../src/hosts/memory/memoryGateway";

/**
 * A small star-member (2026, halves) ledger in memory: `members` members (D001…), a 缺席 (D1) in March
 * and a 迟到 (D2) in September each, plus `extraEntries` CSV lines; 2026H1 approved when asked.
 */
export async function smallBranch(options: { members?: number; extraEntries?: string[]; approveH1?: boolean } = {}): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  const now = new Date(2026, 11, 1);
  await scaffoldWorkbook(gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, now);
  const ids = Array.from({ length: options.members ?? 4 }, (_, i) => `D${String(i + 1).padStart(3, "0")}`);
  if (ids.length) {
    const roster = `编号,姓名,党员类别\n${ids.map((id, i) => `${id},党员${i + 1},正式党员`).join("\n")}\n`;
    const rows = ids.flatMap((id) => [`2026-03-10,${id},D1,1,,缺席支部大会`, `2026-09-15,${id},D2,1,,迟到`]);
    const entries = `日期,编号,项目代码,次数,分值,说明\n${[...rows, ...(options.extraEntries ?? [])].join("\n")}\n`;
    await importCsvFiles(gateway, { roster: { name: "名册.csv", data: roster }, entries: { name: "积分.csv", data: entries } }, now);
  }
  if (options.approveH1) await approvePeriod(gateway, "2026H1", { date: "2026-07-05", meeting: "支委会" }, now);
  return gateway;
}
