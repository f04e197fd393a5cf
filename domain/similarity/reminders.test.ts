import { describe, expect, it } from "vitest";
import { entityAgreement, extractEntities } from "./entities.ts";
import { partyNames, quotedCore, quotedNames, referenceNumbers, routeNames, sameQuoted } from "./names.ts";
import { isReminder, type MatterFacts, saysOtherMatter, scoreByRules } from "./repeat.ts";

/**
 * Issue #18's fourth round: reminders, names in quotes, roads by their ends, borrowers, reference
 * numbers, forms of address and nicknames, a matter said to be settled. The sentences are written
 * for these tests (not taken from the labelled pairs).
 */
const FIRST =
  "我住城关镇南街“锦绣家园”小区，物业公司从今年起把车位费从每月一百涨到二百，没有开业主大会，不交就不让车进小区。请住建局查处。杨素芬";

function side(text: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-7"],
    nameAddresses: [{ name: "杨素芬", address: "城关镇南街社区" }],
    categoryId: "construction.property",
    categoryParentId: "construction",
    problemRegionCode: "419001001003",
    text,
    tokens: text.split(/[，。、：“”\s]+/u).filter(Boolean),
    ...extra,
  };
}

const agreement = (a: string, b: string) => entityAgreement(extractEntities(a), extractEntities(b), [a, b]);

describe("a message that is only a reminder or a reaction to the answer", () => {
  it("is read in the ways people write it", () => {
    expect(isReminder("受理编号XF4190012026001234，两个月了至今未答复，请催办。")).toBe(true);
    expect(isReminder("对2026年11月2日的答复不满意，问题根本没解决。")).toBe(true);
    expect(isReminder("不服镇政府的书面答复，申请复查。")).toBe(true);
    expect(isReminder("前期已打过12345，现在还是老样子。")).toBe(true);
    expect(isReminder("你们的答复等于白答复。")).toBe(true);
    expect(isReminder("工单号GD2026110300017那个事，到现在没人来。")).toBe(true);
    expect(isReminder("麻烦查询一下办理进度。")).toBe(true);
  });

  it("is not read in a first letter or a hotline order that only carries its own number", () => {
    expect(isReminder(FIRST)).toBe(false);
    expect(isReminder("工单编号：GD2026110300017。诉求内容：小区车位费上涨。办理时限：5个工作日。")).toBe(
      false,
    );
    expect(isReminder("请尽快答复我。")).toBe(false);
  });

  it("is the same person's earlier matter in the same category, whatever the words share", () => {
    const s = scoreByRules(side("受理编号XF4190012026001234，至今未答复，请催办。杨"), side(FIRST));
    expect(s.textSimilarity).toBeLessThan(0.05);
    expect(s.matterReasons).toContain("reminder");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("and in a neighbouring category of the same parent", () => {
    const s = scoreByRules(
      side("对上个月的答复不满意，还是那样。", { categoryId: "construction.housing_quality" }),
      side(FIRST),
    );
    expect(s.verdict).toBe("likely_repeat");
  });

  it("is not another person's matter", () => {
    const s = scoreByRules(
      side("至今未答复，请催办。", {
        phoneIndexes: ["ph-8"],
        nameAddresses: [{ name: "程国华", address: "城关镇北街" }],
      }),
      side(FIRST),
    );
    expect(s.verdict).not.toBe("likely_repeat");
  });

  it("is not the same person's matter in another kind of category", () => {
    const s = scoreByRules(
      side("至今未答复，请催办。", { categoryId: "labor.wage_arrears", categoryParentId: "labor" }),
      side(FIRST),
    );
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("is not the same person's matter when it names another estate", () => {
    const s = scoreByRules(side("“翠湖名苑”漏水的事至今未答复，请催办。"), side(FIRST));
    expect(s.matterReasons).toContain("different_names");
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("is not the same matter when it names another demand", () => {
    const s = scoreByRules(side("电梯坏了三个月没人修，至今未答复，请催办。"), side(FIRST));
    expect(s.verdict).toBe("same_person_other_matter");
    expect(s.matterReasons).toContain("different_demands");
  });
});

describe("a name in quotes is a name", () => {
  it("of a shop, company, estate or project; a quoted saying is none", () => {
    expect([...quotedNames("她在“好运来酒店”上班，老板说“不服从管理”就扣钱")]).toEqual(["好运来酒店"]);
    expect([...quotedNames("答复说“已责令限期整改”")]).toEqual([]);
    expect([...quotedNames("「翡翠城」逾期交房")]).toEqual(["翡翠城"]);
    expect(quotedCore("通达汽车销售服务有限公司")).toBe("通达");
    expect(quotedCore("康寿养老服务中心")).toBe("康寿");
  });

  it("the same after a character or two of difference, or one inside the other", () => {
    expect(sameQuoted("金嗓子KTV", "金桑子量贩KTV")).toBe(true);
    expect(sameQuoted("康寿养老服务中心", "康寿公寓项目")).toBe(true);
    expect(sameQuoted("好运来酒店", "悦享超市")).toBe(false);
    expect(sameQuoted("金嗓子KTV", "银河KTV")).toBe(false);
    expect(sameQuoted("东方红超市", "东方明珠超市")).toBe(false);
  });

  it("two employers in quotes are two matters of the same person", () => {
    const wages = (t: string) => side(t, { categoryId: "labor.wage_arrears", categoryParentId: "labor" });
    const s = scoreByRules(
      wages("我在“悦来饭庄”端盘子，老板欠我两个月工资六千。"),
      wages("我在“福满楼酒店”做保洁，老板欠我两个月工资五千。"),
    );
    expect(s.matterReasons).toContain("different_names");
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("a quoted name written plainly in the other text agrees, and a renamed company is no other", () => {
    expect(agreement("在“宏盛商贸有限公司”买的冰箱坏了", "宏盛那边还是不给换").agree).toContain("quoted");
    const renamed = agreement(
      "“北山水泥有限公司”关停，补偿只给一半",
      "水泥厂改名叫“北山新材料公司”了，说补偿是原来公司的事",
    );
    expect(renamed.conflict).not.toContain("quoted");
  });
});

describe("a road by its ends is one road", () => {
  it("by both ends and by one end", () => {
    expect([...routeNames("参与柳河至王家岭公路改建")]).toHaveLength(1);
    expect(agreement("柳河至王家岭公路改建工程拖欠劳务费", "就是修王家岭那条乡道的工人").agree).toContain(
      "route",
    );
  });

  it("two roads with other ends are two", () => {
    expect(agreement("柳河至王家岭公路改建工程", "河口至柳树湾公路的工程").conflict).toContain("route");
  });
});

describe("other parties and reference numbers", () => {
  it("two borrowers are two debts; a village secretary by surname is no borrower", () => {
    expect([...partyNames("我借给同村刘某三万")]).toEqual(["刘某"]);
    expect([...partyNames("村支书贾某说不管")]).toEqual([]);
    expect(agreement("我借给同村刘某三万，他不还", "前年借给开超市的周某五万").conflict).toContain("party");
    expect(agreement("我借给同村刘某三万，他不还", "借给刘某的钱还是没还").conflict).not.toContain("party");
  });

  it("the same number agrees, two numbers decide nothing", () => {
    expect([...referenceNumbers("工单编号：GD2026110300017")]).toEqual(["GD2026110300017"]);
    expect(agreement("工单编号GD2026110300017", "工单号GD2026110300017那个事").agree).toContain("refno");
    expect(agreement("工单编号GD2026110300017", "工单编号GD2026120100033").conflict).toEqual([]);
  });
});

describe("who gave which name", () => {
  const first = side(FIRST, { nameAddresses: [{ name: "杨素芬", address: "城关镇南街社区" }] });

  it("匿名 with the same phone is the caller who gave no name", () => {
    const s = scoreByRules(side(FIRST, { nameAddresses: [{ name: "匿名", address: null }] }), first);
    expect(s.personReasons).toContain("same_phone_unnamed");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("a form of address with the surname is the same person; with another surname it is not", () => {
    const same = scoreByRules(side(FIRST, { nameAddresses: [{ name: "杨老太", address: "南街" }] }), first);
    expect(same.personReasons).toContain("same_phone_unnamed");
    const other = scoreByRules(side(FIRST, { nameAddresses: [{ name: "程女士", address: "南街" }] }), first);
    expect(other.personReasons).toEqual(["shared_phone"]);
  });

  it("a nickname whose text names the other's name is the same person; a relative is not", () => {
    const nick = (text: string) => side(text, { nameAddresses: [{ name: "清风徐来", address: null }] });
    expect(scoreByRules(nick(`我是杨素芬，用的我女儿微信。${FIRST}`), first).personReasons).toContain(
      "same_phone_unnamed",
    );
    expect(scoreByRules(nick(`我是杨素芬的女儿。${FIRST}`), first).personReasons).toEqual(["shared_phone"]);
    const named = side(`我是杨素芬，${FIRST}`, { nameAddresses: [{ name: "程国华", address: null }] });
    expect(scoreByRules(named, first).personReasons).toEqual(["shared_phone"]);
  });

  it("reads a name with pattern characters as the characters typed, never as a pattern", () => {
    const nick = (text: string) => side(text, { nameAddresses: [{ name: "清风徐来", address: null }] });
    for (const name of ["杨素芬(代)", "{{杨素芬}}", "杨{2}素芬$", "杨素芬\\", "[杨素芬", "杨.芬"]) {
      const earlier = side(FIRST, { nameAddresses: [{ name, address: null }] });
      expect(() => scoreByRules(nick(`我是杨素芬，${FIRST}`), earlier), name).not.toThrow();
      expect(scoreByRules(nick(`我是${name}，${FIRST}`), earlier).personReasons, name).toContain(
        "same_phone_unnamed",
      );
    }
    // A dot is a dot: 杨素芬 is not 杨.芬.
    const dotted = side(FIRST, { nameAddresses: [{ name: "杨.芬", address: null }] });
    expect(scoreByRules(nick(`我是杨素芬，${FIRST}`), dotted).personReasons).toEqual(["shared_phone"]);
  });
});

describe("the earlier matter said to be settled", () => {
  it("makes the new letter another matter", () => {
    expect(saysOtherMatter("上次车位费的事物业退了。现在物业又不让装充电桩。", FIRST)).toBe(false);
    expect(saysOtherMatter("上次车位费的事物业给了。现在物业又不让装充电桩。", FIRST)).toBe(true);
    expect(saysOtherMatter("车位费的事去年已经解决了，现在电梯又坏了。", FIRST)).toBe(true);
  });

  it("not when only part was paid or solved", () => {
    expect(saysOtherMatter("上回反映的工资的事厂里上月给了五千，还差七千", FIRST)).toBe(false);
    expect(saysOtherMatter("上次的事解决了一半，还有一半没退", FIRST)).toBe(false);
  });
});
