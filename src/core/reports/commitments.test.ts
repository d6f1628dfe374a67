import { scoreMembers } from "../engine/scoreMembers";
import { getBuiltinScheme } from "../scheme/presets";
import { buildCommitmentSheet } from "./commitments";

const scheme = getBuiltinScheme("handbook");
const settings = { branch: "第一党支部", secretary: "王书记", clerk: "李红梅", contact: "", today: "2026-12-20" };
const result = scoreMembers({ scheme, members: [{ id: "001", name: "张三", category: "正式党员" }], entries: [], period: "2026" });

describe("党员承诺事项登记表", () => {
  it("lists the year's commitments and counts them by 完成情况 with COUNTIF", () => {
    const sheet = buildCommitmentSheet(
      [
        { row: 2, year: 2026, memberId: "001", name: "张三", text: "结对帮扶一名困难职工", date: "2026-03-01", deadline: "2026-06-30", status: "已兑现", followUp: "6月底完成", entryRow: "5" },
        { row: 3, year: 2026, memberId: "002", name: "李四", text: "每月读一本书", date: "2026-03-01", deadline: "2026-12-31", status: "进行中", followUp: "", entryRow: "" },
      ],
      result,
      scheme,
      settings,
    );
    expect(sheet.name).toBe("承诺事项-2026");
    const values = sheet.rows.map((r) => r.map((c) => c.formula ?? c.value ?? ""));
    expect(values[0][0]).toBe("党员承诺事项登记表（2026年度）");
    expect(values[3]).toEqual([1, "001", "张三", "结对帮扶一名困难职工", "2026-03-01", "2026-06-30", "已兑现", "6月底完成"]);
    expect(values.slice(5, 9).map((r) => [r[0], r[2]])).toEqual([
      ["未开始", '=COUNTIF(G4:G5,"未开始")'],
      ["进行中", '=COUNTIF(G4:G5,"进行中")'],
      ["已兑现", '=COUNTIF(G4:G5,"已兑现")'],
      ["未兑现", '=COUNTIF(G4:G5,"未兑现")'],
    ]);
  });
});
