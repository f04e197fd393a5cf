import { describe, expect, it } from "vitest";
import { alternatives, anchorOf, GRIEVANCE_KINDS, grievanceKinds, grievanceRelation } from "./grievance.ts";
import { citesEarlierLetter, type MatterFacts, scoreByRules } from "./repeat.ts";

/**
 * Issue #18, third round: what a clerk compares is the demand and the harm. The sentences are
 * written for these tests (not taken from the labelled pairs).
 */
const kinds = (t: string) => [...grievanceKinds(t)].sort();
const relation = (a: string, b: string) => grievanceRelation(grievanceKinds(a), grievanceKinds(b));

const WAGES =
  "我叫孟凡军，家住杏林乡后坡村，在示范县华晟铸造有限公司做翻砂工，老板欠我五个月工资一万一千元，一直拖着不给，请劳动监察帮我要回来。";

function side(text: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: ["id-mfj"],
    phoneIndexes: [],
    nameAddresses: [{ name: "孟凡军", address: "杏林乡后坡村" }],
    categoryId: "labor.wage_arrears",
    categoryParentId: "labor",
    problemRegionCode: "419001004205",
    text,
    tokens: text.split(/[，。、：；？\s]+/u).filter(Boolean),
    ...extra,
  };
}

describe("the grievance kinds a text names", () => {
  it("reads the demand whichever words carry it: 工资, 工钱, 劳动报酬, 讨薪 are one kind", () => {
    for (const t of ["欠我工钱不给", "讨薪无果", "请求支付劳动报酬", "拖欠工资两万"])
      expect(kinds(t), t).toEqual(["wages"]);
    expect(kinds("干活时机器把手轧伤了，老板不管")).toContain("work_injury");
  });

  it("reads the words of a text in traditional characters as well", () => {
    expect(kinds("老闆欠我工資三個月")).toEqual(["wages"]);
    expect(kinds("車間裡砸傷了腳")).toContain("work_injury");
  });

  it("finds no kind in the setting, in a complaint about the handling, or in what the money is needed for", () => {
    for (const t of [
      "还是那个厂子的事，找了好几回都推来推去，没人管",
      "厂子改制以后老板换了人，医保局在县城东边",
      "娃开学要交学费，家里等着用，请再催一催",
    ])
      expect(kinds(t), t).toEqual([]);
  });

  it("puts a word that may name two harms in both (医药费: an injury at work, a beating or a hospital bill)", () => {
    expect(kinds("医药费谁出")).toEqual(
      expect.arrayContaining(["work_injury", "public_order", "medical_dispute"]),
    );
    // So a follow-up that only says the beaten man is still hurt stays with the beating.
    expect(relation("邻居把我打伤了，派出所不处理", "我受伤住院一个月了，还是没人管")).toBe("shared");
  });

  it("reads no demand in what the writer says of himself (低保户, 退役军人, 脱贫户)", () => {
    expect(kinds("我是低保户，也是退役军人，村里的脱贫户")).toEqual([]);
    expect(kinds("我家的低保被取消了")).toEqual(["minimum_living"]);
  });
});

describe("two texts' kinds: shared, disjoint or unknown", () => {
  it("shares a kind when the follow-up names the same demand in other words, or adds one", () => {
    expect(relation(WAGES, "华晟那边工钱还是没给")).toBe("shared");
    expect(relation(WAGES, "工资只给了一半，现在又说不让我上班了")).toBe("shared");
  });

  it("is disjoint when both name a demand and none in common", () => {
    expect(relation(WAGES, "在华晟铸造车间被铁水烫伤了腿，老板不给报工伤")).toBe("disjoint");
    expect(relation("村里征地补偿款一直没发到户", "村委会换届选举有人拉票贿选")).toBe("disjoint");
    expect(relation("物业费一年涨了两回", "楼里的电梯三天两头停")).toBe("disjoint");
  });

  it("is unknown when one of the two names no demand (a vague follow-up decides nothing)", () => {
    expect(relation(WAGES, "上个月说的那个事到底咋样了")).toBe("unknown");
    expect(relation("", WAGES)).toBe("unknown");
  });

  it("lets a word that names only the family (补助) agree with any kind of it, and keeps the kinds apart", () => {
    expect(relation("今年我家的低保被停了", "那个补助到底还发不发")).toBe("shared");
    expect(relation("今年我家的低保被停了", "老伴的重度残疾护理补贴停了")).toBe("disjoint");
    expect(relation("今年我家的低保被停了", "家里遭了水灾，想申请临时救助")).toBe("disjoint");
  });
});

describe("other demands are other matters, whatever company or place the two share", () => {
  const first = side(WAGES);

  it("wages, then a burn at the same foundry: same person, other matter, with the reason", () => {
    const s = scoreByRules(
      side("孟凡军：在华晟铸造有限公司车间被铁水烫伤了腿，住院二十天，老板不给认定工伤，请劳动监察帮我。"),
      first,
    );
    expect(s.matterReasons).toContain("different_demands");
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("even in the same category with the same company named, which otherwise lowers the bar", () => {
    const later = side("孟凡军反映：华晟铸造有限公司没给我交社保，我干了三年，一次也没参保。");
    const s = scoreByRules(later, first);
    expect(s.matterReasons).toEqual(expect.arrayContaining(["same_names", "different_demands"]));
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("and a village's land money, then its election, in the same category about the same village", () => {
    const facts = { categoryId: "rural.village_affairs", categoryParentId: "rural" };
    const land = side(
      "后坡村村委会把修公路的征地补偿款扣着不发到户，请乡里督促后坡村村委会把钱发下来。",
      facts,
    );
    const election = side(
      "后坡村村委会这次换届选举，有人送米送油拉票，请乡里督促后坡村村委会重新选。",
      facts,
    );
    const s = scoreByRules(election, land);
    expect(s.matterReasons).toContain("different_demands");
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("but is not asked of two people's texts (the check's time): the earlier rules decide there", () => {
    const neighbour = side("华晟铸造有限公司车间里铁水烫伤了我的腿，老板不给报工伤，请劳动监察帮我要回来。", {
      idIndexes: ["id-other"],
      nameAddresses: [{ name: "孟凡民", address: "杏林乡后坡村" }],
    });
    const s = scoreByRules(neighbour, first);
    expect(s.personReasons).toEqual([]);
    expect(s.matterReasons).not.toContain("different_demands");
    expect(s.verdict).toBe("same_matter_other_person");
  });
});

describe("a follow-up stays a repeat", () => {
  const first = side(WAGES);

  it("when the sum, the date and the company's name change, and a demand is added", () => {
    const later = side(
      "华晟厂的老板上月给了三千，还差八千没给，现在又说不让我上班了，工资和经济补偿一起请帮我要。",
    );
    const s = scoreByRules(later, first);
    expect(s.matterReasons).not.toContain("different_demands");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("when it names no demand at all (vague): the earlier rules decide, as before", () => {
    const later = side("华晟铸造那边到现在还没动静，孟凡军请再给问问。");
    expect(grievanceKinds(later.text).size).toBe(0);
    expect(scoreByRules(later, first).verdict).toBe("likely_repeat");
  });

  it("when it cites the earlier letter, even though the words it uses name another kind", () => {
    const later = side("孟凡军：上回反映华晟铸造的事，老板说等法院强制执行，到现在也没执行。");
    expect(relation(later.text, WAGES)).toBe("disjoint");
    expect(citesEarlierLetter(later.text, WAGES)).toBe(true);
    const s = scoreByRules(later, first);
    expect(s.matterReasons).not.toContain("different_demands");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but a mere 至今没给 is no citation: a first letter says it too", () => {
    expect(citesEarlierLetter("车间里砸伤了脚，医药费至今没给", "")).toBe(false);
    const s = scoreByRules(side("孟凡军：在华晟铸造车间砸伤了脚，医药费至今没给。"), first);
    expect(s.verdict).toBe("same_person_other_matter");
  });
});

describe("how the words are found", () => {
  it("finds every plain word of the lexicon inside a sentence, under its kind", () => {
    for (const [kind, words] of Object.entries(GRIEVANCE_KINDS))
      for (const word of alternatives(words).filter((w) => !/[()[\]{}?*+|\\.^$]/.test(w)))
        expect(grievanceKinds(`关于${word}的事`).has(kind as never), `${kind}: ${word}`).toBe(true);
  });

  it("finds a pattern word only where its pattern matches (工资 not after 双倍, 补偿 not after 经济)", () => {
    expect(kinds("要求支付双倍工资")).toEqual(["labour_contract"]);
    expect(kinds("公司不给经济补偿")).toContain("dismissal");
    expect(kinds("公司不给经济补偿")).not.toContain("land_compensation");
    expect(kinds("修路占地的补偿")).toContain("land_compensation");
    expect(kinds("重度残疾人两项补贴停发")).toEqual(expect.arrayContaining(["disability_allowance"]));
    expect(kinds("他一直没签订劳动合同")).toEqual(["labour_contract"]);
    expect(kinds("合同的事以后再说")).toEqual([]);
  });

  it("gives the answer of each kind's expression tried over the whole text", () => {
    for (const t of [
      WAGES,
      "后坡村换届选举有人拉票，征地补偿款也没发",
      "物业费涨了，电梯也坏了，停车位被占了，暖气不热",
      "搅拌站夜里开机器轰鸣，粉尘落满院子，还往河里偷排废水",
      "借钱给他写了借条，法院判了他拒不履行，申请强制执行",
      "低保取消了，老伴住院医药费报销不了，干活砸伤的腿也没人管",
    ]) {
      const slow = Object.entries(GRIEVANCE_KINDS)
        .filter(([, w]) => new RegExp(w, "u").test(t))
        .map(([k]) => k)
        .sort();
      expect(kinds(t), t).toEqual(slow);
    }
  });

  it("knows the plain characters a pattern cannot match without", () => {
    expect(anchorOf("(?:不|没|未)签(?:订)?(?:劳动)?合同")).toBe("合同");
    expect(anchorOf("(?<!双倍)工资")).toBe("工资");
    expect(anchorOf("[砸摔]伤")).toBe("伤");
    expect(anchorOf("残疾人?补贴")).toBe("残疾");
    expect(anchorOf("(?:征|占)地?")).toBe("");
    expect(alternatives("a(?:b|c)|d[|]")).toEqual(["a(?:b|c)", "d[|]"]);
  });
});
