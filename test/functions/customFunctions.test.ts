/*
 * The PARTY.* functions through the code path Excel uses: the production bundle functions.js, whose
 * CustomFunctions.associate calls were injected by custom-functions-metadata-plugin, evaluated in a
 * sandbox with a fake CustomFunctions runtime; and functions.json from the same build.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import vm from "vm";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata/lib/generate";
import { NO_SCHEME_MESSAGE } from "../../src/core/formulas/resolveScheme";
import { getBuiltinScheme } from "../../src/core/scheme/presets";
import { isoToSerial } from "../../src/core/sheetModel";
import { SETTINGS_KEYS } from "../../src/core/ledger/layout";
import { scaffoldWorkbook } from "../../src/app/ledgerService";
import { OfficeJsGateway } from "../../src/hosts/office/officeJsGateway";
import { type ExcelFake, createExcelFake } from "../fakes/excelFake";

const root = path.resolve(__dirname, "../..");
const CJK = /[\u4e00-\u9fff]/;
const PARTY_FUNCTIONS = ["GRADE", "APPRAISAL", "ITEM", "TOTAL", "SCORES", "PERIOD", "PROBATION", "STARLEVEL"];
/** Where the task pane leaves the workbook's scheme id for the functions (shared runtime, see workbookScheme.ts). */
const WORKBOOK_SCHEME_KEY = "__partyPointsWorkbookSchemeId";
const WORKBOOK_SCHEMES_KEY = "__partyPointsWorkbookSchemes";
/** The functions' own state on the shared global (reads under way, the PARTY cells seen, the onChanged registration). */
const RUNTIME_KEY = "__partyPointsSchemeRuntime";

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** The fake runtime's error, as CustomFunctions.Error: a code and a message. */
class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

type Fn = (...args: unknown[]) => unknown;

interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  parameters: { name: string; description: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), "party-functions-"));
let build: ReturnType<typeof spawnSync>;
const registered = new Map<string, Fn>();
let sandbox: vm.Context;

beforeAll(() => {
  build = spawnSync(process.execPath, [path.join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", out], {
    cwd: root,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stderr}${build.stdout}`);
  const CustomFunctions = {
    associate(id: string, fn: Fn) {
      registered.set(id, fn);
    },
    Error: FakeExcelError,
    ErrorCode,
  };
  sandbox = vm.createContext({ CustomFunctions, console });
  vm.runInContext(fs.readFileSync(path.join(out, "functions.js"), "utf8"), sandbox, { filename: "functions.js" });
}, 240_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

beforeEach(() => {
  sandbox[WORKBOOK_SCHEME_KEY] = null;
  sandbox[WORKBOOK_SCHEMES_KEY] = [];
});

/** Calls a registered function as Excel does; results come back as plain data (they were made in the sandbox). */
async function call(id: string, ...args: unknown[]): Promise<unknown> {
  const fn = registered.get(id);
  if (!fn) throw new Error(`${id} is not registered`);
  const result = await fn(...args);
  return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
}

/** What Excel shows for a call that throws: the error's code and its message. */
async function excelError(id: string, ...args: unknown[]): Promise<FakeExcelError> {
  try {
    await call(id, ...args);
  } catch (e) {
    expect(e).toBeInstanceOf(FakeExcelError);
    const error = e as FakeExcelError;
    expect(error.message).toMatch(CJK);
    return error;
  }
  throw new Error(`${id}(${JSON.stringify(args)}) did not fail`);
}

const d = isoToSerial;
const ledger = [
  ["日期", "编号", "姓名", "项目代码", "项目名称", "次数", "分值", "证明材料", "记录人", "说明"],
  [d("2026-03-02"), "001", "张三", "D1", "未经同意缺席应参加的活动", 2, -1, "", "刘", ""],
  [d("2026-05-10"), "001", "张三", "D2", "违反工作纪律", 1, -2, "", "刘", ""],
  [d("2026-09-01"), "001", "张三", "D6", "其他不良行为", 1, -3, "", "刘", ""],
  [d("2026-04-01"), "002", "李四", "V1", "受留党察看及以上处分", 1, "", "党委决定", "刘", ""],
  [d("2026-07-01"), "003", "王五", "D5", "未按时交纳党费", "1", "-5", "", "刘", ""],
];
const roster = [
  ["编号", "姓名", "党员类别", "所在支部", "入党日期", "转正日期", "联系方式", "在册状态", "备注"],
  ["001", "张三", "正式党员", "一支部", d("2001-07-01"), "", "", "在册", ""],
  ["002", "李四", "正式党员", "一支部", d("2005-07-01"), "", "", "在册", ""],
  ["003", "王五", "预备党员", "一支部", d("2025-07-01"), "", "", "在册", ""],
];
const appraisals = [
  ["年度", "编号", "姓名", "评议等次", "分值"],
  [2026, "001", "张三", "合格", ""],
  [2026, "002", "李四", "优秀", ""],
  [2026, "003", "王五", "优秀", ""],
];

describe("functions.js in a fake Excel runtime", () => {
  it("registers every PARTY function through the injected CustomFunctions.associate calls", async () => {
    expect([...registered.keys()].sort()).toEqual([...PARTY_FUNCTIONS].sort());
    for (const fn of registered.values()) expect(typeof fn).toBe("function");
  });

  it("without a scheme argument or a workbook scheme, answers #N/A saying how to choose one", async () => {
    for (const [id, args] of [
      ["GRADE", [90]],
      ["APPRAISAL", ["优秀"]],
      ["ITEM", ["D1"]],
      ["PERIOD", [d("2026-07-15")]],
      ["PROBATION", [85]],
      ["TOTAL", [ledger, roster, "001", "2026"]],
      ["SCORES", [ledger, roster, "2026"]],
    ] as [string, unknown[]][])
      expect(await excelError(id, ...args)).toEqual({ code: "#N/A", message: NO_SCHEME_MESSAGE });
    expect(await excelError("GRADE", 90, "no-such-scheme")).toMatchObject({ code: "#N/A", message: expect.stringContaining("no-such-scheme") });
  });

  it("uses the workbook's scheme set by the task pane, and a scheme argument over it", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await call("GRADE", 75)).toBe("合格");
    expect(await call("GRADE", "９０", null)).toBe("优秀");
    // dec-nov-cycle: 「60分以上的党员，具有评优资格」.
    expect(await call("GRADE", 65, "dec-nov-cycle")).toBe("具有评优资格");
    expect(await excelError("GRADE", "优秀")).toEqual({ code: "#VALUE!", message: "积分「优秀」不是数字" });
  });

  it("PARTY.APPRAISAL", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await call("APPRAISAL", "优秀")).toBe(20);
    expect(await call("APPRAISAL", "基本合格", null)).toBe(10);
    expect(await call("APPRAISAL", 18, "detailed-100")).toBe(18);
    expect(await excelError("APPRAISAL", "良好")).toEqual({ code: "#VALUE!", message: "评议等次「良好」不在方案「星级党员管理量化考评制度」中：请填写 优秀、合格、基本合格、不合格 之一" });
    expect(await excelError("APPRAISAL", "优秀", "company")).toMatchObject({ code: "#N/A" });
  });

  it("PARTY.ITEM: count × value; a veto is #N/A", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await call("ITEM", "D1")).toBe(-1);
    expect(await call("ITEM", "D1", null, null, null)).toBe(-1);
    expect(await call("ITEM", "d2", 2)).toBe(-4);
    expect(await call("ITEM", "D6", 1, "－3")).toBe(-3);
    expect(await call("ITEM", "A1", 2, 3.5, "detailed-100")).toBe(7);
    expect(await excelError("ITEM", "V1")).toEqual({ code: "#N/A", message: "V1 为一票否决事项，不计分：本周期积分清零" });
    expect(await excelError("ITEM", "D6")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("须填写分值") });
    expect(await excelError("ITEM", "Z9")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("没有项目代码「Z9」") });
  });

  it("PARTY.TOTAL over the ledger, roster and appraisal ranges with their header rows", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    // 001: 80 − 2 − 2 − 3 + 合格 15 = 88; 002: vetoed; 003: 80 − 5 + 优秀 20 = 95.
    expect(await call("TOTAL", ledger, roster, "001", "2026", null, appraisals, null)).toBe(88);
    expect(await call("TOTAL", ledger, roster, "001", 2026, "", appraisals)).toBe(88);
    expect(await call("TOTAL", ledger, roster, "001", "2026", "日常行为积分", appraisals)).toBe(73);
    expect(await call("TOTAL", ledger, roster, "002", "2026", null, appraisals)).toBe(0);
    expect(await call("TOTAL", ledger, roster, "003", "2026", null, appraisals)).toBe(95);
    expect(await call("TOTAL", ledger, roster, "003", "2026")).toBe(75);
    expect(await call("TOTAL", ledger, roster, "001", "2026Q1")).toBe(78);
    expect(await excelError("TOTAL", ledger, roster, "009", "2026")).toEqual({ code: "#N/A", message: "党员名册中没有编号为「009」的党员：请检查编号，或名册范围是否包含该党员" });
    expect(await excelError("TOTAL", ledger, roster, "001", "2026Q5")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("期间「2026Q5」无法识别") });
    expect(await excelError("TOTAL", ledger.map((row) => row.slice(0, 6)), roster, "001", "2026")).toMatchObject({
      code: "#VALUE!",
      message: expect.stringContaining("积分台账范围缺少「分值」列"),
    });
    expect(await excelError("TOTAL", ledger, roster, "001", "2026", "加分")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("没有「加分」这一组成部分") });
  });

  it("uses the workbook's own scheme (自定义方案, handed over by the task pane), each entry by the version in force", async () => {
    const star = getBuiltinScheme("star-member");
    const version = (n: number, effectiveFrom: string, d2: number) => ({
      ...star,
      id: "star-member-branch",
      version: n,
      effectiveFrom,
      items: star.items.map((i) => (i.code === "D2" ? { ...i, points: { kind: "fixed", value: d2 } } : i)),
    });
    sandbox[WORKBOOK_SCHEMES_KEY] = [version(2, "2026-05-01", -4), version(1, "2017-01-01", -2)];
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member-branch";
    // D2 (2026-05-10) without a 分值: −4 under version 2. 001: 80 − 2 − 4 − 3 + 合格 15 = 86.
    const blankD2 = ledger.map((row) => (row[3] === "D2" ? row.map((v, c) => (c === 6 ? "" : v)) : row));
    expect(await call("TOTAL", blankD2, roster, "001", "2026", null, appraisals)).toBe(86);
    expect(await call("ITEM", "D2")).toBe(-4);
    expect(await call("TOTAL", blankD2, roster, "001", "2026", null, appraisals, "star-member")).toBe(88);
    sandbox[WORKBOOK_SCHEMES_KEY] = [];
    expect(await excelError("GRADE", 80)).toEqual({ code: "#N/A", message: "没有 id 为「star-member-branch」的积分方案，请检查方案参数或「设置」工作表" });
  });

  it("PARTY.SCORES spills a table with a header row", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await call("SCORES", ledger, roster, 2026, appraisals, null)).toEqual([
      ["编号", "姓名", "日常行为积分", "年度评议积分", "总分", "等次", "排名"],
      ["001", "张三", 73, 15, 88, "合格", 2],
      ["002", "李四", 0, 0, 0, "不合格", 3],
      ["003", "王五", 75, 20, 95, "优秀", 1],
    ]);
    expect(await excelError("SCORES", [["编号"]], roster, 2026)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("「日期」") });
  });

  it("PARTY.PERIOD follows the scheme's cycle start", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await call("PERIOD", d("2026-07-15"))).toBe("2026Q3");
    expect(await call("PERIOD", "2026-07-15", "月")).toBe("2026-07");
    expect(await call("PERIOD", d("2025-12-15"), "季度", "dec-nov-cycle")).toBe("2026Q1");
    expect(await call("PERIOD", d("2025-12-15"), "year", "dec-nov-cycle")).toBe("2026");
    expect(await excelError("PERIOD", "2026-02-30")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("不是有效日期") });
  });

  it("PARTY.STARLEVEL: the star level from a count or the stars by name, without any workbook scheme", async () => {
    expect(await call("STARLEVEL", [["安全星绩效星廉洁星"]])).toBe("三星级党支部");
    expect(await call("STARLEVEL", [["学习星", "安全星", "绩效星", "廉洁星"]])).toBe("四星级党支部");
    expect(await call("STARLEVEL", [[5]])).toBe("五星级党支部");
    expect(await excelError("STARLEVEL", [["金星"]])).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("不是星名") });
    expect(await excelError("STARLEVEL", [[3]], "star-member")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("不是党支部评星方案") });
  });

  it("PARTY.PROBATION: outcomes of the scheme, #N/A where the scheme has none", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "dec-nov-cycle";
    expect(await call("PROBATION", 85)).toBe("按期转正");
    expect(await call("PROBATION", 70)).toBe("延期转正（继续培养）");
    expect(await call("PROBATION", "59")).toBe("取消预备党员资格");
    expect(await excelError("PROBATION", 85, "star-member")).toMatchObject({ code: "#N/A", message: expect.stringContaining("dec-nov-cycle") });
  });

  it("an unexpected failure inside still reaches the cell as #VALUE! with a Chinese message", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    const broken = new Proxy([], {
      get() {
        throw new Error("boom");
      },
    });
    expect(await excelError("TOTAL", [broken], roster, "001", "2026")).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("PARTY 函数内部出错（boom）") });
  });
});

/**
 * A call as Excel's calculation engine makes it, from functions.json: an error value among the inputs
 * (a cell of a range, or an argument) reaches the function only when the metadata has
 * allowErrorForDataTypeAny and the parameter's type is any; otherwise Excel never calls the function and
 * the cell shows the input's error, bare.
 */
async function excelCalls(id: string, ...args: unknown[]): Promise<{ called: boolean; error?: FakeExcelError; value?: unknown }> {
  const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { allowErrorForDataTypeAny?: boolean; functions: FunctionMetadata[] };
  const fn = metadata.functions.find((f) => f.id === id)!;
  const errorIn = (v: unknown): FakeExcelError | undefined =>
    v instanceof FakeExcelError ? v : Array.isArray(v) ? v.map(errorIn).find((e) => e !== undefined) : undefined;
  for (const [i, arg] of args.entries()) {
    const error = errorIn(arg);
    const type = (fn.parameters[i] as { type?: string }).type ?? "any";
    if (error && !(metadata.allowErrorForDataTypeAny === true && type === "any")) return { called: false, error: new FakeExcelError(error.code) };
  }
  try {
    return { called: true, value: await call(id, ...args) };
  } catch (e) {
    return { called: true, error: e as FakeExcelError };
  }
}

describe("an error cell in a range reaches PARTY.* (allowErrorForDataTypeAny)", () => {
  const divZero = new FakeExcelError(ErrorCode.divisionByZero);
  const withError = ledger.map((row, r) => (r === 3 ? row.map((v, c) => (c === 6 ? divZero : v)) : row));

  it("TOTAL and SCORES are called and name the cell: its row in the range and its column", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    for (const [id, args] of [
      ["TOTAL", [withError, roster, "001", "2026"]],
      ["SCORES", [withError, roster, "2026"]],
    ] as [string, unknown[]][]) {
      const result = await excelCalls(id, ...args);
      expect(result.called).toBe(true);
      expect(result.error).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("第 4 行") });
      expect(result.error!.message).toContain("「分值」列");
      expect(result.error!.message).toContain("#DIV/0!");
      expect(result.error!.message).toContain("台账");
    }
  });

  it("an error argument (not a range) is named too, and #N/A stays #N/A", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect((await excelCalls("GRADE", new FakeExcelError(ErrorCode.notAvailable))).error).toMatchObject({ code: "#N/A", message: expect.stringContaining("积分") });
    expect((await excelCalls("STARLEVEL", [["安全星", divZero]])).error).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("#DIV/0!") });
  });

  it("a range without errors still computes", async () => {
    sandbox[WORKBOOK_SCHEME_KEY] = "star-member";
    expect(await excelCalls("TOTAL", ledger, roster, "001", "2026")).toEqual({ called: true, value: 73 });
  });
});

/**
 * Excel starts the shared runtime when a PARTY.* cell calculates, the task pane closed: the functions read
 * the workbook's scheme themselves (Excel.run from functions.js), follow changes to 设置 (onChanged) by
 * recalculating only their own cells, and a failed read is retried by the next calculation.
 */
describe("functions.js in Excel without the task pane (strict fake: calculation engine, onChanged)", () => {
  let fake: ExcelFake;

  beforeEach(async () => {
    fake = createExcelFake();
    await scaffoldWorkbook(new OfficeJsGateway((batch) => fake.run(batch)), getBuiltinScheme("dec-nov-cycle"), { branch: "一支部", year: 2026 });
    sandbox.Excel = { run: (...args: unknown[]) => (fake.run as (...a: unknown[]) => Promise<unknown>)(...args) };
    sandbox.setTimeout = setTimeout;
    forgetInside();
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: FunctionMetadata[] };
    fake.attachFunctions(new Map(metadata.functions.map((f) => [`PARTY.${f.id}`, { fn: registered.get(f.id)!, params: f.parameters.length }])));
  });

  afterEach(() => {
    delete sandbox.Excel;
    forgetInside();
  });

  /** What the functions set on their global lives in the sandbox's context: cleared from inside it. */
  function forgetInside(): void {
    vm.runInContext(`for (const key of ${JSON.stringify([WORKBOOK_SCHEME_KEY, WORKBOOK_SCHEMES_KEY, RUNTIME_KEY])}) delete globalThis[key];`, sandbox);
  }

  const settingsCell = () => `B${fake.model.usedValues("设置").findIndex((row) => row[0] === SETTINGS_KEYS.schemeId) + 1}`;

  it("a PARTY cell calculated before any pane opened reads the workbook's scheme itself (once for all cells)", async () => {
    fake.resetCounters();
    fake.model.enterFormula("Sheet1", "A1", "=PARTY.GRADE(65)");
    fake.model.enterFormula("Sheet1", "A2", "=PARTY.PROBATION(85)");
    await fake.settle();
    expect(fake.model.result("Sheet1", "A1")).toEqual({ value: "具有评优资格" });
    expect(fake.model.result("Sheet1", "A2")).toEqual({ value: "按期转正" });
    // One read of 设置 and 自定义方案 (2 syncs) and one look at the sheets with the onChanged registration.
    expect(fake.syncCount).toBeLessThanOrEqual(3);
  });

  it("a change to 设置 (by hand or by a co-author) re-reads it and recalculates only this workbook's PARTY cells", async () => {
    fake.model.enterFormula("Sheet1", "A1", "=PARTY.GRADE(65)");
    fake.model.enterFormula("Sheet1", "A2", "=PARTY.PROBATION(85)");
    await fake.settle();
    expect(fake.model.result("Sheet1", "A1")).toEqual({ value: "具有评优资格" });
    await fake.model.edit("设置", settingsCell(), "star-member", "Remote");
    await fake.settle();
    expect(fake.model.result("Sheet1", "A1")).toEqual({ value: "基本合格" });
    // Both cells used the workbook's scheme: each recalculated once, nothing else (no Application.calculate).
    expect(fake.model.calculated()).toEqual(["Sheet1!A1", "Sheet1!A2", "Sheet1!A1", "Sheet1!A2"]);
    expect(fake.model.applicationCalculations()).toEqual([]);
    // An edit elsewhere reads nothing again and recalculates nothing.
    fake.resetCounters();
    await fake.model.edit("Sheet1", "C1", 5);
    await fake.settle();
    expect(fake.syncCount).toBe(0);
    expect(fake.model.calculated()).toHaveLength(4);
  });

  it("when the workbook cannot be read the cell shows #N/A with a Chinese reason; the next calculation reads again and fixes it", async () => {
    fake.failSync(() => true);
    fake.model.enterFormula("Sheet1", "A1", "=PARTY.GRADE(65)");
    await fake.settle();
    expect(fake.model.result("Sheet1", "A1")?.error).toMatchObject({ code: "#N/A", message: expect.stringContaining("暂时读不到本工作簿「设置」中的积分方案") });
    fake.failSync(null);
    fake.model.enterFormula("Sheet1", "A2", "=PARTY.GRADE(65)");
    await fake.settle();
    expect(fake.model.result("Sheet1", "A2")).toEqual({ value: "具有评优资格" });
    // The cell that failed is recalculated once a read succeeds.
    for (let i = 0; i < 50 && fake.model.result("Sheet1", "A1")?.value === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await fake.settle();
    }
    expect(fake.model.result("Sheet1", "A1")).toEqual({ value: "具有评优资格" });
  });
});

describe("functions.json from the same build", () => {
  let functions: FunctionMetadata[];
  beforeAll(() => {
    functions = (JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: FunctionMetadata[] }).functions;
  });

  it("lists every PARTY function with a Chinese description for it and each parameter", async () => {
    expect(functions.map((f) => f.id).sort()).toEqual([...PARTY_FUNCTIONS].sort());
    for (const f of functions) {
      expect(f.description).toMatch(CJK);
      expect(f.parameters.length).toBeGreaterThan(0);
      for (const p of f.parameters) expect([f.id, p.name, p.description]).toEqual([f.id, p.name, expect.stringMatching(CJK)]);
      // No volatile functions: Excel recalculates them on every change anywhere.
      expect(f.options?.volatile).toBeFalsy();
    }
  });

  it("allows error values as inputs of its any-typed parameters (allowErrorForDataTypeAny), the ranges being any", async () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { allowErrorForDataTypeAny?: boolean };
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    for (const id of ["TOTAL", "SCORES"])
      for (const p of functions.find((f) => f.id === id)!.parameters.filter((p) => p.dimensionality === "matrix")) expect((p as { type?: string }).type ?? "any").toBe("any");
  });

  it("takes the tables as ranges and spills SCORES", async () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    const param = (id: string, name: string) => byId.get(id)!.parameters.find((p) => p.name === name)!;
    for (const id of ["TOTAL", "SCORES"]) {
      expect(param(id, "ledger")).toMatchObject({ dimensionality: "matrix" });
      expect(param(id, "roster")).toMatchObject({ dimensionality: "matrix" });
      expect(param(id, "appraisals")).toMatchObject({ dimensionality: "matrix", optional: true });
      expect(param(id, "scheme")).toMatchObject({ optional: true });
    }
    expect(byId.get("SCORES")!.result).toMatchObject({ dimensionality: "matrix" });
    expect(byId.get("TOTAL")!.parameters.map((p) => p.name)).toEqual(["ledger", "roster", "memberId", "period", "component", "appraisals", "scheme"]);
    expect(byId.get("ITEM")!.parameters.map((p) => [p.name, !!p.optional])).toEqual([
      ["code", false],
      ["count", true],
      ["value", true],
      ["scheme", true],
    ]);
  });

  it("the metadata generator reports no errors for functions.ts (its CLI would exit 0 anyway)", async () => {
    const result = await generateCustomFunctionsMetadata(path.join(root, "src/functions/functions.ts"));
    expect(result.errors).toEqual([]);
  });
});
