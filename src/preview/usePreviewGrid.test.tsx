/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { getBuiltinScheme } from "../core/scheme/presets";
import { scaffoldWorkbook } from "../app/ledgerService";
import { PreviewWorkbook } from "./previewWorkbook";
import { usePreviewGrid } from "./usePreviewGrid";

describe("usePreviewGrid", () => {
  it("follows the workbook: new sheets, the active one's cells with dates shown as dates, and the selection", async () => {
    const book = new PreviewWorkbook();
    const { result } = renderHook(() => usePreviewGrid(book));
    expect(result.current.sheets).toEqual([]);
    await act(async () => {
      await scaffoldWorkbook(book.gateway, getBuiltinScheme("star-member"), { branch: "第一党支部", year: 2026, secretary: "王书记" }, new Date(2026, 0, 5));
    });
    expect(result.current.sheets).toContain("积分台账");
    expect(result.current.sheet).toBe("设置");
    expect(result.current.rows[1]).toEqual(["支部名称", "第一党支部", "党支部全称"]);
    await act(async () => {
      await book.host().selectCell("操作日志", 2, "A");
    });
    expect(result.current.sheet).toBe("操作日志");
    expect(result.current.selection).toEqual({ sheet: "操作日志", row: 2, column: "A" });
    expect(result.current.columns[0]).toBe("A");
    await expect(book.host().selectCell("没有这张表", 1, "A")).rejects.toThrow("没有工作表「没有这张表」");
  });
});
