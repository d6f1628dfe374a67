import type { CellSpec, SheetModel } from "../sheetModel";
import { isoToSerial } from "../dates";
import { withFormulaResults } from "./formulaResults";

const v = (value: CellSpec["value"]): CellSpec => ({ value });
const f = (formula: string): CellSpec => ({ formula });
const sheet = (rows: CellSpec[][]): SheetModel => ({ name: "公示-2026H1", rows });
const results = (model: SheetModel) => withFormulaResults(model).rows.map((r) => r.map((c) => (c.formula ? (c.result ?? "—") : c.value)));

describe("cached results of the forms' formulas", () => {
  it("works out SUM, AVERAGE, ROUND, MIN, MAX and arithmetic over the sheet's own cells, totals over row formulas", () => {
    const model = sheet([
      [v("张三"), v(80), v(-2.5), f("=B1+C1")],
      [v("李四"), v(90), v(null), f("=B2+C2")],
      [v("王五"), v("缺考"), v(1), f("=SUM(B3:C3)")],
      [v("合计"), f("=SUM(B1:B3)"), f("=MIN(C1:C3)"), f("=SUM(D1:D3)")],
      [v("平均"), f("=ROUND(AVERAGE(B1:B3),1)"), f("=MAX(0,C1*2)"), f("=ROUND(D4/3,2)")],
    ]);
    expect(results(model)).toEqual([
      ["张三", 80, -2.5, 77.5],
      ["李四", 90, null, 90],
      ["王五", "缺考", 1, 1],
      ["合计", 170, -2.5, 168.5],
      ["平均", 85, 0, 56.17],
    ]);
  });

  it("rounds half away from zero on the digits shown, as Excel does", () => {
    expect(results(sheet([[f("=ROUND(2.675,2)"), f("=ROUND(-2.5,0)"), f("=ROUND(76.45,1)"), f("=ROUND(1/3*100,1)")]]))).toEqual([[2.68, -3, 76.5, 33.3]]);
  });

  it("counts by COUNTIF's criterion: exact text (case-insensitive, ~ escapes), wildcards, operators with numbers", () => {
    const model = sheet([
      [v("优秀"), v("合格"), v("优秀"), v("a*b"), v("AXB"), v(85), v(59)],
      [f('=COUNTIF(A1:C1,"优秀")'), f('=COUNTIF(D1:E1,"a~*b")'), f('=COUNTIF(D1:E1,"a*b")'), f('=COUNTIF(F1:G1,">=60")'), f('=COUNTIF(A1:G1,"=合格")'), f('=COUNTIF(A1:G1,"<>优秀")')],
    ]);
    expect(results(model)[1]).toEqual([2, 1, 2, 1, 1, 5]);
  });

  it("takes only the branch IF chooses, compares text and numbers as Excel orders them, and joins with &", () => {
    const model = sheet([
      [v(3), v("三星级党支部"), v(null)],
      [f('=IF(A1>=5,"五星级",IF(A1>=3,"三星级","无星级"))'), f('=MAX(0,IF(B1="五星级党支部",5,IF(B1="三星级党支部",3,0))-A1)'), f("=IF(C1=0,0,ROUND(A1/C1,1))"), f('=IF(A1>2,"共"&A1&"颗")'), f('=IF(A1>9,"x")'), f('=IF("a"<"B",1,2)')],
    ]);
    expect(results(model)[1]).toEqual(["三星级", 0, 0, "共3颗", false, 1]);
  });

  it("reads dates as serials and a HYPERLINK as its label", () => {
    const model = sheet([[{ value: "2026-07-01", date: true }, f("=A1+30"), f('=HYPERLINK("#\'积分台账\'!A5","第5行")')]]);
    expect(results(model)[0]).toEqual(["2026-07-01", isoToSerial("2026-07-31"), "第5行"]);
  });

  it("leaves without a cached value what it cannot work out: another sheet, an unknown function, an error, a loop", () => {
    const model = sheet([[v(1), v(0), f("='积分台账'!A1+1"), f("=VLOOKUP(A1,A1:B1,2,FALSE)"), f("=A1/B1"), f("=F1+1"), f("=E1+1"), f("=C1+1")]]);
    expect(results(model)[0]).toEqual([1, 0, "—", "—", "—", "—", "—", "—"]);
    // A result the model already knows is kept, and a sheet without formulas is returned as it is.
    const known = sheet([[{ formula: "=1+1", result: 7 }]]);
    expect(withFormulaResults(known)).toBe(known);
  });
});
