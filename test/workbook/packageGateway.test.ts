import { PackageGateway } from "../../src/hosts/xlsx/package/packageGateway";
import { parseRef } from "../../src/hosts/xlsx/package/sheet";
import { attr, findElements } from "../../src/hosts/xlsx/package/xml";
import { columnIndexOf } from "../../src/core/sheetModel";
import type { WorkbookGateway } from "../../src/app/gateway";
import { gatewayContract } from "./gatewayContract";

function part(gw: WorkbookGateway, sheet: string) {
  const book = (gw as PackageGateway).book;
  return book.sheetPart(book.sheet(sheet)!);
}

gatewayContract({
  name: "in-place package (.xlsx)",
  create: async () => PackageGateway.create(),
  // Written to bytes and opened again: what the next session reads.
  reopen: async (gw) => PackageGateway.open((gw as PackageGateway).toBytes(), "book.xlsx"),
  isFormula: async (gw, sheet, address) => {
    const { row, col } = parseRef(address);
    return /<f[\s>]/.test(part(gw, sheet).rawCell(row, col) ?? "");
  },
  hasValidation: async (gw, sheet, address) => {
    const el = part(gw, sheet).tailElement("dataValidations") ?? "";
    const { row, col } = parseRef(address);
    return findElements(el, "dataValidation").some((s) =>
      (attr(el.slice(s.start, s.openEnd), "sqref") ?? "").split(/\s+/).some((range) => {
        const [a, b = a] = range.split(":").map(parseRef);
        return a.row <= row && row <= b.row && a.col <= col && col <= b.col;
      }),
    );
  },
});

it("parses references", () => {
  expect(parseRef("AB12")).toEqual({ row: 12, col: columnIndexOf("AB") });
});
