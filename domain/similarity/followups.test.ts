import { describe, expect, it } from "vitest";
import { citesFollowUp, type MatterFacts, REPEAT_THRESHOLDS, scoreByRules } from "./repeat.ts";
import { matterText, orgCore, sameOrg } from "./signature.ts";

const LETTER =
  "我叫王桂兰，河口乡河口村三组人，2025年3月进示范县永兴纺织有限公司挡车车间上班。从去年9月开始公司说资金紧张，工资一直压着，到今年2月我离职时一共欠我一万二千八百元。请劳动部门帮我们讨回工资。";

function side(text: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-1"],
    nameAddresses: [{ name: "王桂兰", address: "河口乡河口村三组" }],
    categoryId: "labor.wage_arrears",
    categoryParentId: "labor",
    problemRegionCode: "419001002201",
    text,
    tokens: text.split(/[，。、\s]+/u).filter(Boolean),
    ...extra,
  };
}

describe("the matter signature", () => {
  it("drops sums, dates and numbers, in figures and in Chinese numerals", () => {
    const t = matterText("2025年3月欠我一万二千八百元，上月给了5000元，还差七千八，去年9月开始");
    expect(t).not.toMatch(/[\d一二三四五六七八九十百千万]/u);
    expect(t).toContain("欠我");
    expect(t).toContain("还差");
  });

  it("reads a company by its core name, whatever its suffix or county", () => {
    expect(orgCore("示范县永兴纺织有限公司")).toBe("永兴");
    expect(sameOrg("永兴纺织有限公司", "永兴厂")).toBe(true);
    expect(sameOrg("永兴纺织有限公司", "永兴纺织")).toBe(true);
    expect(sameOrg("永兴纺织有限公司", "锦华纺织厂")).toBe(false);
    expect(sameOrg("有限公司", "有限公司")).toBe(false);
  });
});

describe("a follow-up is the same matter", () => {
  const first = side(LETTER);

  it("when only the amount changed", () => {
    const later = side(LETTER.replace("一万二千八百元", "七千八百元").replace("2025年3月", "2025年4月"));
    expect(scoreByRules(later, first).verdict).toBe("likely_repeat");
  });

  it("when the company's name is shortened and a new date and sum are given", () => {
    const later = side(
      "我是河口村王桂兰，上回反映永兴厂欠工资的事，厂里上月给了五千，还差七千八，说好月底再给又没信了，请再催催劳动部门讨回工资",
      { nameAddresses: [{ name: "王桂兰", address: "河口乡河口村" }] },
    );
    const s = scoreByRules(later, first);
    expect(s.personReasons).toEqual(expect.arrayContaining(["same_name_phone", "same_name_address"]));
    expect(s.matterReasons).not.toContain("different_names");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but another company in the same words is another matter", () => {
    const other = side(LETTER.replace("永兴纺织有限公司", "锦华服装厂"));
    const s = scoreByRules(other, first);
    expect(s.matterReasons).toContain("different_names");
    expect(s.matterScore).toBeLessThan(scoreByRules(side(LETTER), first).matterScore);
  });

  it("and the same person on another category is another matter", () => {
    const s = scoreByRules(
      side("村里修路占了我家责任田两分地，至今没有任何补偿，请求镇里给个说法。", {
        categoryId: "land.compensation",
        categoryParentId: "land",
      }),
      first,
    );
    expect(s.verdict).toBe("same_person_other_matter");
  });
});

describe("who is the same person", () => {
  const first = side(LETTER, { idIndexes: ["id-1"] });

  it("a shared phone alone is a reason to look (同一电话，请核实), not the same person", () => {
    const s = scoreByRules(side(LETTER, { nameAddresses: [{ name: "陈有福", address: "西关村" }] }), first);
    expect(s.personReasons).toEqual(["shared_phone"]);
    expect(s.verdict).toBe("same_matter_other_person");
    const other = scoreByRules(
      side("建议县城增开公交线路，方便群众出行。", {
        nameAddresses: [{ name: "陈有福", address: "西关村" }],
        categoryId: "transport.bus",
        categoryParentId: "transport",
      }),
      first,
    );
    expect(other.verdict).toBe("shared_phone");
  });

  it("the same phone from a caller who left no name is the same person", () => {
    const s = scoreByRules(side(LETTER, { nameAddresses: [{ name: "", address: null }] }), first);
    expect(s.personReasons).toEqual(["same_phone_unnamed"]);
    expect(s.verdict).toBe("likely_repeat");
  });

  it("two different ID numbers are two people, whatever the name and address say", () => {
    const s = scoreByRules(side(LETTER, { idIndexes: ["id-2"] }), first);
    expect(s.personReasons).toContain("same_name_address");
    expect(s.verdict).toBe("same_matter_other_person");
  });

  it("an address written more or less fully is the same address; a name alone is nobody", () => {
    const shorter = scoreByRules(
      side(LETTER, { phoneIndexes: [], nameAddresses: [{ name: "王桂兰", address: "河口乡河口村" }] }),
      first,
    );
    expect(shorter.personReasons).toEqual(["same_name_address"]);
    // The letter's own words give no village: the name alone is not the same person, only a
    // reason to look (same_name, twelfth rule round) — the same person for one matter, here the
    // same one. (When they give it — 我叫王桂兰，河口乡河口村三组人 — the village is said, seventh
    // rule round.)
    const nameOnly = scoreByRules(
      side(LETTER.replace("，河口乡河口村三组人", ""), {
        phoneIndexes: [],
        nameAddresses: [{ name: "王桂兰", address: null }],
      }),
      first,
    );
    expect(nameOnly.personReasons).toEqual(["same_name"]);
    expect(nameOnly.verdict).toBe("likely_repeat");
    const villageSaid = scoreByRules(
      side(LETTER, { phoneIndexes: [], nameAddresses: [{ name: "王桂兰", address: null }] }),
      first,
    );
    expect(villageSaid.personReasons).toEqual(["same_name_address"]);
  });
});

describe("a follow-up that says so (issue #18)", () => {
  const first = side(LETTER);

  it("reads the cue words that cite an earlier petition, and those that say it is another matter", () => {
    for (const t of [
      "上回反映永兴厂欠工资的事还没解决",
      "之前反映过的事到现在还没人管",
      "两个月前我打电话反映过",
      "再次反映工资问题",
      "工资至今未发",
    ])
      expect(citesFollowUp(t), t).toBe(true);
    for (const t of [
      "这次不是上回那件事，是孩子上学",
      "跟去年砖厂那次不一样，之前反映过的已经解决",
      "厂里欠我工资",
    ])
      expect(citesFollowUp(t), t).toBe(false);
  });

  it("takes a short follow-up that cites the earlier letter as the same matter, and one that denies it not", () => {
    const cited = side("王桂兰，上回反映的事到现在还没给钱，请再催催。");
    expect(scoreByRules(cited, first).verdict).toBe("likely_repeat");
    expect(scoreByRules(first, cited).verdict).toBe("likely_repeat");
    // It shares too little text for the ordinary follow-up bar: the citation decided it.
    expect(scoreByRules(cited, first).textSimilarity).toBeLessThan(REPEAT_THRESHOLDS.samePersonTextFloor);
    const other = side("王桂兰，这次不是上回那件事，孩子转学学校不收，请再催催。");
    expect(scoreByRules(other, first).verdict).not.toBe("likely_repeat");
    // A date in the first letter (去年9月开始公司说…) is no citation of anything.
    expect(citesFollowUp(LETTER)).toBe(false);
  });

  it("needs the same person: another person citing 'the earlier letter' is not a repeat", () => {
    const stranger = side("上回反映的事到现在还没给钱，请再催催。", {
      phoneIndexes: ["ph-2"],
      nameAddresses: [{ name: "李四", address: "石门村" }],
    });
    expect(scoreByRules(stranger, first).verdict).not.toBe("likely_repeat");
  });
});
