// Every formula of every form the demo branch writes carries its cached result (checked against
// LibreOffice's own recalculation in test/libreoffice/committeeSheets.test.ts).
import { MemoryGateway } from "../hosts/memory/memoryGateway";
import { BUILTIN_SCHEMES } from "../core/scheme/presets";
import { fillDemoWorkbook } from "./demoData";

it.each(BUILTIN_SCHEMES.map((s) => [s.id]))("%s: the demo's generated sheets have a cached result for every formula", async (schemeId) => {
  const gw = new MemoryGateway();
  await fillDemoWorkbook(gw, { schemeId });
  const missing: string[] = [];
  let formulas = 0;
  for (const sheet of gw.book.sheets.values())
    sheet.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.formula === undefined) return;
        formulas++;
        if (cell.value === null || cell.value === undefined) missing.push(`${sheet.name}!R${r + 1}C${c + 1} ${cell.formula}`);
      }),
    );
  expect(formulas).toBeGreaterThan(0);
  expect(missing).toEqual([]);
});
