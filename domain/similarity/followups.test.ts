import { describe, expect, it } from "vitest";
import { type MatterFacts, scoreRepeat } from "./repeat.ts";
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
    expect(scoreRepeat(later, first).verdict).toBe("likely_repeat");
  });

  it("when the company's name is shortened and a new date and sum are given", () => {
    const later = side(
      "我是河口村王桂兰，上回反映永兴厂欠工资的事，厂里上月给了五千，还差七千八，说好月底再给又没信了，请再催催劳动部门讨回工资",
      { nameAddresses: [{ name: "王桂兰", address: "河口乡河口村" }] },
    );
    const s = scoreRepeat(later, first);
    expect(s.personReasons).toEqual(expect.arrayContaining(["same_name_phone", "same_name_address"]));
    expect(s.matterReasons).not.toContain("different_names");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but another company in the same words is another matter", () => {
    const other = side(LETTER.replace("永兴纺织有限公司", "锦华服装厂"));
    const s = scoreRepeat(other, first);
    expect(s.matterReasons).toContain("different_names");
    expect(s.matterScore).toBeLessThan(scoreRepeat(side(LETTER), first).matterScore);
  });

  it("and the same person on another category is another matter", () => {
    const s = scoreRepeat(
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
    const s = scoreRepeat(side(LETTER, { nameAddresses: [{ name: "陈有福", address: "西关村" }] }), first);
    expect(s.personReasons).toEqual(["shared_phone"]);
    expect(s.verdict).toBe("same_matter_other_person");
    const other = scoreRepeat(
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
    const s = scoreRepeat(side(LETTER, { nameAddresses: [{ name: "", address: null }] }), first);
    expect(s.personReasons).toEqual(["same_phone_unnamed"]);
    expect(s.verdict).toBe("likely_repeat");
  });

  it("two different ID numbers are two people, whatever the name and address say", () => {
    const s = scoreRepeat(side(LETTER, { idIndexes: ["id-2"] }), first);
    expect(s.personReasons).toContain("same_name_address");
    expect(s.verdict).toBe("same_matter_other_person");
  });

  it("an address written more or less fully is the same address; a name alone is nobody", () => {
    const shorter = scoreRepeat(
      side(LETTER, { phoneIndexes: [], nameAddresses: [{ name: "王桂兰", address: "河口乡河口村" }] }),
      first,
    );
    expect(shorter.personReasons).toEqual(["same_name_address"]);
    const nameOnly = scoreRepeat(
      side(LETTER, { phoneIndexes: [], nameAddresses: [{ name: "王桂兰", address: null }] }),
      first,
    );
    expect(nameOnly.personReasons).toEqual([]);
    expect(nameOnly.verdict).toBe("same_matter_other_person");
  });
});
