import { BUILTIN_SCHEMES, getBuiltinScheme } from "../scheme/presets";
import { REPORT_FORM_NAMES, schemeForms } from "./forms";

describe("schemeForms", () => {
  it("names only forms that exist, and offers each scheme the general forms and its regulation's own", () => {
    for (const scheme of BUILTIN_SCHEMES) {
      for (const name of scheme.extraForms ?? []) expect([scheme.id, REPORT_FORM_NAMES]).toEqual([scheme.id, expect.arrayContaining([name])]);
      expect(schemeForms(scheme).slice(0, 3)).toEqual(["公示", "排名通报", "年终审批"]);
    }
    const star = schemeForms(getBuiltinScheme("star-member"));
    expect(star).toEqual(expect.arrayContaining(["月度台账", "个人台账", "半年备案", "全年备案", "民主评议"]));
    for (const other of ["季度申报", "季度明细", "承诺事项", "积分兑换", "评星晋级", "分类定级", "管理卡", "支部积分"]) expect(star).not.toContain(other);

    const hospital = schemeForms(getBuiltinScheme("hospital-40-50-10"));
    expect(hospital).toEqual(expect.arrayContaining(["季度申报", "季度明细", "支部积分"]));
    expect(hospital).not.toContain("民主评议");

    expect(schemeForms(getBuiltinScheme("handbook"))).toEqual(expect.arrayContaining(["承诺事项", "季度申报", "民主评议"]));
    expect(schemeForms(getBuiltinScheme("enterprise-half"))).toContain("积分兑换");
    expect(schemeForms(getBuiltinScheme("classified-grading"))).toEqual(expect.arrayContaining(["分类定级", "管理卡"]));
    // Branches, not members: no member forms.
    const stars = schemeForms(getBuiltinScheme("branch-stars"));
    expect(stars).toContain("评星晋级");
    expect(stars).not.toContain("个人台账");
  });

  it("follows a copy's parts and its own list", () => {
    const copy = { ...getBuiltinScheme("star-member"), id: "star-member-branch", extraForms: ["积分兑换"], approval: "quarter" as const };
    expect(schemeForms(copy)).toEqual(expect.arrayContaining(["积分兑换", "季度申报"]));
  });
});
