import { getBuiltinScheme } from "../core/scheme/presets";
import { getWorkbookSchemeId, setWorkbookSchemeId } from "../functions/workbookScheme";
import { scaffoldWorkbook } from "../app/ledgerService";
import { MemoryGateway } from "../hosts/memory/memoryGateway";
import { syncWorkbookScheme } from "./workbookScheme";

describe("syncWorkbookScheme", () => {
  beforeEach(() => setWorkbookSchemeId(null));

  it("hands the 设置 sheet's scheme to the PARTY functions", async () => {
    const gw = new MemoryGateway();
    await scaffoldWorkbook(gw, getBuiltinScheme("dec-nov-cycle"), { branch: "一支部", year: 2026 });
    expect(await syncWorkbookScheme(gw)).toEqual({ schemeId: "dec-nov-cycle", changed: true });
    expect(getWorkbookSchemeId()).toBe("dec-nov-cycle");
    expect(await syncWorkbookScheme(gw)).toEqual({ schemeId: "dec-nov-cycle", changed: false });
  });

  it("leaves the functions without a scheme in a workbook that has no ledger yet", async () => {
    expect(await syncWorkbookScheme(new MemoryGateway())).toEqual({ schemeId: null, changed: false });
    expect(getWorkbookSchemeId()).toBeNull();
  });
});
