import { SHEETS } from "../ledger/layout";
import { hasOwnPageSetup, tablePage } from "./pageSetup";

const widths = (def: { columns: readonly { width: number }[] }) => def.columns.map((c) => c.width);
const untouched = { landscape: false, fitToPages: false, scale: 100, headerFooter: false, printTitles: false };

describe("table sheet page setup", () => {
  it("turns landscape only when the columns would print below 85% on a portrait A4 page", () => {
    expect(tablePage(widths(SHEETS.ledger)).orientation).toBe("landscape");
    expect(tablePage(widths(SHEETS.roster)).orientation).toBe("landscape");
    expect(tablePage(widths(SHEETS.settings)).orientation).toBe("portrait");
    expect(tablePage(widths(SHEETS.appraisals)).orientation).toBe("portrait");
    // 115 characters: 810 px, 86% of the 698 px a portrait page holds; 117 characters: 84%.
    expect(tablePage([115]).orientation).toBe("portrait");
    expect(tablePage([117]).orientation).toBe("landscape");
  });

  it("repeats the header row, fits one page wide, numbers the pages and heads them with the sheet's name and branch", () => {
    expect(tablePage([10, 10], "第一党支部")).toEqual({
      orientation: "portrait",
      printTitleRows: [1, 1],
      fitToWidth: true,
      centerHeader: "第一党支部　&A",
      centerFooter: "第 &P 页，共 &N 页",
    });
    expect(tablePage([10]).centerHeader).toBe("&A");
    // "&" starts a header code: the branch's own "&" is doubled to print as written.
    expect(tablePage([10], " 机关&后勤支部 ").centerHeader).toBe("机关&&后勤支部　&A");
  });

  it("counts a sheet as set up by anyone who changed orientation, scale, fit, header, footer or print titles — not by paper size", () => {
    expect(hasOwnPageSetup(untouched)).toBe(false);
    expect(hasOwnPageSetup({ ...untouched, landscape: true })).toBe(true);
    expect(hasOwnPageSetup({ ...untouched, fitToPages: true })).toBe(true);
    expect(hasOwnPageSetup({ ...untouched, scale: 90 })).toBe(true);
    expect(hasOwnPageSetup({ ...untouched, headerFooter: true })).toBe(true);
    expect(hasOwnPageSetup({ ...untouched, printTitles: true })).toBe(true);
  });
});
