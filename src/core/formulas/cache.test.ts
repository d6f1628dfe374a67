import { Lru, hashColumns } from "./cache";
import { asMatrix, cellOf, locateColumns } from "./rangeTable";

describe("hashColumns", () => {
  const rows = [
    ["h1", "h2", "h3"],
    [1, "a", true],
    [2.5, "bc", null],
  ];

  it("is the same for equal content in fresh arrays, and keys on the row count", () => {
    const copy = JSON.parse(JSON.stringify(rows)) as unknown[][];
    expect(hashColumns(copy, 1, [0, 1, 2])).toBe(hashColumns(rows, 1, [0, 1, 2]));
    expect(hashColumns(rows, 1, [0, 1, 2])).toMatch(/^2:[0-9a-f]{16}$/);
  });

  it("differs by type, value, order, column and blank kind", () => {
    const key = (r: unknown[][], cols = [0, 1, 2]) => hashColumns(r, 1, cols);
    const base = key(rows);
    const variants: unknown[][][] = [
      [rows[0], ["1", "a", true], rows[2]],
      [rows[0], [1, "a", false], rows[2]],
      [rows[0], [1, "b", true], rows[2]],
      [rows[0], [1, "ab", true], [2.5, "c", null]],
      [rows[0], [1, "a", true], [2.5, "bc", ""]],
      [rows[0], [1, "a", true], [2.50001, "bc", null]],
      [rows[0], rows[2], rows[1]],
      [rows[0], [1, "a", true]],
    ];
    const keys = new Set([base, ...variants.map((v) => key(v))]);
    expect(keys.size).toBe(variants.length + 1);
    expect(key(rows, [1, 0, 2])).not.toBe(base);
    expect(key(rows, [0, 1, -1])).not.toBe(base);
  });

  it("hashes an error object by its code, as the parse reads it", () => {
    expect(hashColumns([[{ code: "#N/A" }]], 0, [0])).toBe(hashColumns([["#N/A"]], 0, [0]));
    expect(cellOf({ code: "#N/A" })).toBe("#N/A");
    expect(cellOf({})).toBe("");
    expect(cellOf(undefined)).toBeNull();
  });
});

describe("Lru", () => {
  it("keeps the most recently used entries", () => {
    const lru = new Lru<number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3); // evicts b
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });
});

describe("locateColumns", () => {
  it("finds headers in any order, among extra columns, under a title row", () => {
    const range = asMatrix([["标题"], ["其他", " 编 号 ", "姓名"], ["x", "001", "张三"]]);
    expect(locateColumns(range, "党员名册", ["编号", "姓名"], ["党员类别"])).toEqual({ headerRow: 1, columns: { 编号: 1, 姓名: 2, 党员类别: -1 } });
  });

  it("turns a lone value or ragged rows into a matrix", () => {
    expect(asMatrix("x")).toEqual([["x"]]);
    expect(asMatrix(null)).toEqual([]);
    expect(asMatrix([["a"], "b"])).toEqual([["a"], ["b"]]);
  });
});
