import { describe, expect, it } from "vitest";
import { entityAgreement, extractEntities } from "./entities.ts";
import {
  citesFollowUp,
  type MatterFacts,
  REPEAT_THRESHOLDS,
  saysOtherMatter,
  scoreByRules,
  textProfile,
  textSimilarity,
} from "./repeat.ts";
import { orgDistinct, sameOrg } from "./signature.ts";
import { matterWord } from "./synonyms.ts";

/**
 * The rules of issue #18's second round, each with the case that must stay apart. The sentences
 * are written for these tests (not taken from the labelled pairs).
 */
const FIRST =
  "我叫陈玉梅，石门镇桥头村人，在示范县恒泰建材有限公司搬砖，老板拖欠我四个月工资九千六百元，多次去要都说没钱，请人社局帮我讨回。";

function side(text: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-9"],
    nameAddresses: [{ name: "陈玉梅", address: "石门镇桥头村" }],
    categoryId: "labor.wage_arrears",
    categoryParentId: "labor",
    problemRegionCode: "419001003203",
    text,
    tokens: text.split(/[，。、：\s]+/u).filter(Boolean),
    ...extra,
  };
}

const agreement = (a: string, b: string) => entityAgreement(extractEntities(a), extractEntities(b));

describe("a company called by its trade or pointed at is no name", () => {
  it("finds no name in 自来水公司, 那个建材公司 or 厂里, and keeps the name in 恒泰建材有限公司", () => {
    expect(orgDistinct("自来水公司")).toBe("");
    expect(orgDistinct("县城出租汽车公司")).toBe("");
    expect(orgDistinct("示范县恒泰建材有限公司")).toBe("恒泰");
    expect(extractEntities("那个建材公司还是不给钱").get("org")).toBeUndefined();
    expect(extractEntities("材料单据在厂里").get("org")).toBeUndefined();
    expect([...(extractEntities("示范县恒泰建材有限公司欠薪").get("org") ?? [])]).toHaveLength(1);
  });

  it("so a follow-up that says 那个公司 or the trade does not disagree with the named company", () => {
    expect(agreement(FIRST, "那个建材公司还是一分钱没给").conflict).toEqual([]);
    expect(agreement("自来水公司多收水费", "水务公司说水表跳字").conflict).toEqual([]);
  });

  it("while two named companies still disagree, whatever the trade they share", () => {
    expect(agreement(FIRST, "示范县宏达建材有限公司拖欠工资").conflict).toEqual(["org"]);
  });

  it("takes names that end alike after the trade is gone as one (举报鑫源矿业 / 前几年鑫源矿业), 恒泰建材 and 宏达建材 as two", () => {
    expect(sameOrg("举报鑫源矿业有限公司", "前几年鑫源矿业有限公司")).toBe(true);
    expect(sameOrg("恒泰建材有限公司", "宏达建材有限公司")).toBe(false);
  });

  it("reads no place in 工程款 or 项目部 (money and people of a works, not its name)", () => {
    expect(extractEntities("至今拖欠工程款，项目部不管").get("place")).toBeUndefined();
    expect([...(extractEntities("南环路改造工程完工三年").get("place") ?? [])]).toEqual(["南环路改造工程"]);
  });

  it("reads the name after the words that tell (此前来电反映恒泰公司 names 恒泰)", () => {
    const a = agreement(FIRST, "此前来电反映恒泰公司欠薪，至今未付");
    expect(a.agree).toEqual(["org"]);
    expect(a.conflict).toEqual([]);
  });
});

describe("places are compared without the township they lie in", () => {
  it("石门小学 and 石门镇中心小学 are one school", () => {
    expect(agreement("石门镇中心小学校车超载", "上周反映石门小学校车超载").conflict).toEqual([]);
    expect(agreement("石门镇中心小学校车超载", "上周反映石门小学校车超载").agree).toEqual(["place"]);
  });

  it("but two works of one township are two places", () => {
    expect(agreement("河口乡村道硬化工程欠款", "河口乡水渠修缮工程欠款").conflict).toEqual(["place"]);
  });
});

describe("the same matter in other words", () => {
  it("reads 讨薪, 欠薪 and 拖欠工资 as one word, and keeps other words apart", () => {
    expect(matterWord("讨薪")).toBe(matterWord("拖欠工资"));
    expect(matterWord("回迁房")).toBe(matterWord("安置房"));
    expect(matterWord("工程款")).not.toBe(matterWord("工资"));
  });

  it("so two texts that differ only by those words are more alike than before", () => {
    const a = "恒泰 讨薪 老板 人社局";
    const b = "恒泰 拖欠工资 工头 人社局";
    const same = textSimilarity(textProfile(a, a.split(" ")), textProfile(b, b.split(" ")));
    const c = "恒泰 工程款 老板 人社局";
    const other = textSimilarity(textProfile(c, c.split(" ")), textProfile(b, b.split(" ")));
    expect(same).toBe(1);
    expect(other).toBeLessThan(same);
  });
});

describe("a follow-up that leaves out the place, or names the county only", () => {
  const first = side(FIRST);
  const later = "陈玉梅：恒泰建材欠的工资，人社局说让等，到现在还没给，请再催一下。";

  it("is the same matter when the place is missing or is the county around the village", () => {
    expect(scoreByRules(side(later, { problemRegionCode: "" }), first).verdict).toBe("likely_repeat");
    expect(scoreByRules(side(later, { problemRegionCode: "419001" }), first).verdict).toBe("likely_repeat");
  });

  it("but not when it names another township", () => {
    const s = scoreByRules(
      side("陈玉梅：村里的路灯坏了半年，晚上孩子放学看不见路，请修一下。", {
        problemRegionCode: "419001002201",
      }),
      first,
    );
    expect(s.matterReasons).not.toContain("same_region");
    expect(s.verdict).toBe("same_person_other_matter");
  });
});

describe("the writer's own words: 上回说…, and 这回说的是另一件", () => {
  it("reads 上回说/上次问 by the writer as a citation, not someone else's 上次说", () => {
    expect(citesFollowUp("俺是上回说砖厂工钱那个，还没给")).toBe(true);
    expect(citesFollowUp("上次问过入股养羊的事，后来还是投了")).toBe(true);
    expect(citesFollowUp("老板上次说月底一定给，结果又没给")).toBe(false);
  });

  it("keeps apart what the petitioner says is another matter, whatever else the two share", () => {
    const first = side(FIRST);
    for (const t of [
      "陈玉梅，这回说的是我在恒泰建材干活时砸伤了脚，老板不给报医药费。",
      "陈玉梅：另一件，恒泰建材的宿舍漏雨，请管一管，跟工资不是一个事。",
      "陈玉梅，这次是我女儿，在恒泰建材干了三个月也没拿到工资。",
    ]) {
      expect(saysOtherMatter(t, FIRST), t).toBe(true);
      expect(scoreByRules(side(t), first).verdict, t).toBe("same_person_other_matter");
    }
  });

  it("but not the everyday phrases that only sound like it, nor one more complaint inside a long letter", () => {
    for (const t of [
      "陈玉梅：这次不是第一次反映了，恒泰建材的工资还是没给。",
      "恒泰建材欠我的九千六可不是一个小数目，请人社局再催。",
      "陈玉梅：恒泰建材欠薪的事，人社局说这次反映的是同一件事，让等。",
      `${FIRST}还有另外一件事，厂里的宿舍也漏雨。`,
    ]) {
      expect(saysOtherMatter(t, FIRST), t).toBe(false);
      expect(scoreByRules(side(t), side(FIRST)).verdict, t).toBe("likely_repeat");
    }
    // One more complaint in the letter still withholds the citation's lower bar.
    expect(citesFollowUp("上回反映的事还没解决，还有另外一件事，宿舍漏雨。")).toBe(false);
  });

  it("while 跟前面说的不一样 (the records differ) does not deny the matter", () => {
    const t = "陈玉梅：恒泰建材给的工资条跟前面说的不一样，拖欠工资还是没给，请人社局再查。";
    expect(saysOtherMatter(t, FIRST)).toBe(false);
    expect(scoreByRules(side(t), side(FIRST)).verdict).toBe("likely_repeat");
    // …but it takes away the citation's lower bar.
    expect(citesFollowUp(`上回反映的事还没解决，${t}`)).toBe(false);
  });
});

describe("the same person under another category", () => {
  const first = side(FIRST);

  it("is another matter even at the same company, when the texts agree only as much as a follow-up's", () => {
    const s = scoreByRules(
      side("陈玉梅，恒泰建材有限公司的老板说下月不用来了，干了六年一分补偿不给，请人社局帮我要补偿。", {
        categoryId: "labor.contract",
      }),
      first,
    );
    expect(s.matterReasons).toContain("related_category");
    // Above the ordinary bar, under the one for the same person's other category.
    expect(s.matterScore).toBeGreaterThanOrEqual(REPEAT_THRESHOLDS.matter);
    expect(s.matterScore).toBeLessThan(REPEAT_THRESHOLDS.samePersonOtherCategoryMatter);
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("but the same letter filed under a neighbouring category is still the same matter", () => {
    const s = scoreByRules(side(FIRST, { categoryId: "labor.contract" }), first);
    expect(s.verdict).toBe("likely_repeat");
  });
});

describe("the same company named by the same person in the same category", () => {
  const first = side(FIRST);

  it("makes a short follow-up that shares little else the same matter", () => {
    const later = side("恒泰公司那边有信没有？娃开学要交学费，家里等着用。");
    const s = scoreByRules(later, first);
    expect(s.matterReasons).toContain("same_names");
    expect(s.textSimilarity).toBeLessThan(REPEAT_THRESHOLDS.samePersonTextFloor);
    expect(s.verdict).toBe("likely_repeat");
  });

  it("and another company in the same few words another matter", () => {
    const s = scoreByRules(side("宏达公司那边有信没有？娃开学要交学费，家里等着用。"), first);
    expect(s.matterReasons).toContain("different_names");
    expect(s.verdict).toBe("same_person_other_matter");
  });
});
