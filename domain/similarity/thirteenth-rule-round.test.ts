import { describe, expect, it } from "vitest";
import { type MatterFacts, namesEarlierMatter, scoreByRules } from "./repeat.ts";
import { quantities } from "./sums.ts";

/**
 * Issue #18's thirteenth rule round: the known person's same matter told again under another
 * category without a word pointing back, joined by the particulars the two letters share — the
 * earlier matter named as known (…的事, …一事), the same count of things (五间, 两亩), the same sum —
 * while the same person's other matter at the same place stays apart. The sentences and persons
 * are written for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 4, 11, 1);

function side(text: string, days: number, categoryId: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: ["id-13"],
    phoneIndexes: ["ph-13"],
    nameAddresses: [{ name: "阮桂林", address: "松坪乡后沟村三组" }],
    categoryId,
    categoryParentId: categoryId.split(".")[0]!,
    problemRegionCode: "419001005203",
    text,
    tokens: text.split(/[，。、：；“”？\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const RASH =
  "来访人阮桂林，后沟村三组。称其母亲在松坪乡卫生院输液后全身起疹子，卫生院说是体质过敏，转院住了半个月，花了八千多。要求卫生院承担医疗费。";
const CRACKS =
  "俺是后沟村阮桂林。后山采石场天天放炮，把俺家五间瓦房震得墙上全是裂缝，能塞进去手指头。采石场老板说跟放炮没关系。要求派人鉴定，叫采石场赔。";
const SAVINGS = "我在松坪乡农信社存了四万八的定期，今年到期去取，柜员说这笔钱去年就被人拿着假存单取走了。";

describe("the same person's matter told again under another category, by its particulars", () => {
  it("joins a letter that names the earlier matter as known in that letter's words (mid-letter)", () => {
    const later = side(
      "俺想去法院告卫生院，可请不起律师。卫健委调解了俺娘在卫生院输液起疹子的事，没谈拢。能不能给办法律援助？",
      40,
      "legal.litigation",
    );
    const s = scoreByRules(later, side(RASH, 0, "health.medical_dispute"));
    expect(s.verdict).toBe("likely_repeat");
    expect(s.matterReasons).toContain("same_particulars");
  });

  it("joins a letter that names the same count of things", () => {
    const later = side(
      "俺家那五间房子的裂缝越来越宽，一下雨屋里就漏，镇里说等鉴定，等了三个月没人来。",
      70,
      "construction.housing",
    );
    const s = scoreByRules(later, side(CRACKS, 0, "mining.quarry"));
    expect(s.verdict).toBe("likely_repeat");
  });

  it("joins a letter that names the same sum", () => {
    const later = side(
      "农信社那四万八叫人冒领了，派出所立了案，到现在人没抓着，钱一分没追回来。",
      60,
      "security.public_order",
    );
    const s = scoreByRules(later, side(SAVINGS, 0, "finance.banking"));
    expect(s.verdict).toBe("likely_repeat");
  });
});

describe("the same person's other matter, and other people, stay apart", () => {
  it("keeps apart a matter named as known whose words the earlier letter does not hold", () => {
    const later = side("村里评低保的事，俺家的名额叫村会计给了他小舅子，俺不服。", 40, "civil.assistance");
    expect(scoreByRules(later, side(RASH, 0, "health.medical_dispute")).verdict).toBe(
      "same_person_other_matter",
    );
  });

  it("keeps apart another count of the same kind of thing (another building)", () => {
    const later = side(
      "俺家另外那三间偏房，修路的挖掘机倒车给碰塌了一面墙，施工队说不归他们管。",
      70,
      "transport.roads",
    );
    expect(scoreByRules(later, side(CRACKS, 0, "mining.quarry")).verdict).toBe("same_person_other_matter");
  });

  it("keeps apart the same count when what the two ask for is wholly different", () => {
    const later = side(
      "俺家五间瓦房是老宅，房产证一直办不下来，不动产登记中心说缺村里证明。",
      70,
      "land.registration",
    );
    expect(scoreByRules(later, side(CRACKS, 0, "mining.quarry")).verdict).toBe("same_person_other_matter");
  });

  it("keeps apart the same sum when the letter says it is another matter", () => {
    const later = side(
      "这回不是农信社那个事。我儿子在城里打工，老板欠他工钱四万八，过年也没给。",
      60,
      "labor.wage_arrears",
    );
    expect(scoreByRules(later, side(SAVINGS, 0, "finance.banking")).verdict).toBe("same_person_other_matter");
  });

  it("does not make two people one because their letters tell the same particulars", () => {
    const later = side(
      "卫生院输液起疹子的事，俺家也一样，俺媳妇输完液浑身起疙瘩，卫生院说是过敏。",
      40,
      "legal.litigation",
      {
        idIndexes: ["id-other"],
        phoneIndexes: ["ph-other"],
        nameAddresses: [{ name: "卓秋生", address: "松坪乡河湾村" }],
      },
    );
    expect(scoreByRules(later, side(RASH, 0, "health.medical_dispute")).verdict).not.toBe("likely_repeat");
  });
});

describe("the particulars themselves", () => {
  it("reads counts of land, buildings, graves and trees, not one thing nor a guess", () => {
    expect([...quantities("三亩五分地陷成了坑，六座坟要迁，门口栽了二十棵杨树")]).toEqual([
      "3亩",
      "6座",
      "20棵",
    ]);
    expect([...quantities("占地0.52亩，还有两间偏房")]).toEqual(["0.52亩", "2间"]);
    expect(quantities("一间小卖部，五六亩地，快两亩，十几棵树").size).toBe(0);
  });

  it("reads a matter named as known only in the earlier letter's words", () => {
    expect(namesEarlierMatter("后山放炮震裂房子的事还没人管。", CRACKS)).toBe(true);
    expect(namesEarlierMatter("低保评议的事还没人管。", CRACKS)).toBe(false);
    expect(namesEarlierMatter("后山放炮震裂房子还没人管。", CRACKS)).toBe(false);
  });
});
