import { describe, expect, it } from "vitest";
import {
  type MatterFacts,
  personReasons,
  phoneAndVillageForm,
  saysOtherMatter,
  scoreByRules,
} from "./repeat.ts";

/**
 * Issue #18's seventh rule round: one person under another form of the name — a sound-alike
 * character, a village's form of the name (老韦, 韦老三, 王李氏, 韦队长), no signature at all — when
 * the phone, the address or the text agrees; and a family of one surname on one phone kept apart.
 * The sentences and persons are written for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 2, 2, 1);
const FENCE =
  "柳林乡柳林村二组韦长河反映：村里施工时把我家果园的围栏推倒了，二十多棵桃树被压断，施工队说是村里让推的，村里说找施工队。请乡里组织核实损失并赔偿。";

function side(
  name: string,
  text: string,
  days: number,
  extra: Partial<MatterFacts> = {},
  address: string | null = "柳林乡柳林村二组",
): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-77"],
    nameAddresses: [{ name, address }],
    categoryId: "rural.village_affairs",
    categoryParentId: "rural",
    problemRegionCode: "419001004201",
    text,
    tokens: text.split(/[，。、：；“”\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const first = side("韦长河", FENCE, 0);
const FOLLOW_UP = "果园围栏推倒、桃树压断的事，乡里来人看过，到现在没个说法。";

describe("a name written with a sound-alike character", () => {
  it("is the same person on the same phone for one matter, as a village's form of the name is", () => {
    const slip = scoreByRules(side("秦玉瑛", FOLLOW_UP, 20), side("秦玉英", FENCE, 0));
    expect(slip.personReasons).toEqual(["same_phone_unnamed"]);
    expect(slip.verdict).toBe("likely_repeat");
    expect(scoreByRules(side("庄莉娟", FOLLOW_UP, 20), side("庄丽娟", FENCE, 0)).verdict).toBe(
      "likely_repeat",
    );
    // At the same address on another phone it is as much (fourteenth round, changed on purpose:
    // one household's 建军 and 建君 share the address as they share the phone): the same name for
    // one matter only, never the person on another matter.
    expect(
      personReasons(side("秦玉瑛", FOLLOW_UP, 20, { phoneIndexes: ["ph-41"] }), side("秦玉英", FENCE, 0)),
    ).toEqual(["same_name"]);
    const wages = "我在县城工地干了四个月，包工头欠我工钱一万二，请劳动监察帮我要回来。";
    expect(
      scoreByRules(side("秦玉瑛", wages, 20, { phoneIndexes: ["ph-41"] }), side("秦玉英", FENCE, 0)).verdict,
    ).toBe("unrelated");
  });

  it("keeps brothers with sound-alike names on one phone apart when they write of different things", () => {
    const wages =
      "我在县城工地干了四个月，包工头欠我工钱一万二，过年前说给到现在没给，请劳动监察帮我要回来。";
    const brother = scoreByRules(
      side("张建君", wages, 30, { categoryId: "labor.wage_arrears", categoryParentId: "labor" }),
      side("张建军", FENCE, 0),
    );
    expect(brother.verdict).toBe("shared_phone");
    // …and a reminder cue or a letter within 90 days does not lower the bar for them.
    const soon = scoreByRules(side("张建君", `催办：${wages}`, 10), side("张建军", FENCE, 0));
    expect(soon.verdict).not.toBe("likely_repeat");
  });

  it("is not the same person without the phone or the address, nor another surname or another name", () => {
    const elsewhere = personReasons(
      side("冯德财", FOLLOW_UP, 20, { phoneIndexes: ["ph-12"] }, "石桥镇石桥村"),
      side("冯德才", FENCE, 0),
    );
    expect(elsewhere).toEqual([]);
    // Brothers on one phone: 建民 and 建华 do not sound alike.
    const brothers = scoreByRules(side("韦建华", FOLLOW_UP, 20), side("韦建民", FENCE, 0));
    expect(brothers.personReasons).toContain("shared_phone");
    expect(brothers.verdict).not.toBe("likely_repeat");
    // The surname is compared as written.
    expect(personReasons(side("蓝玉英", FOLLOW_UP, 20), side("兰玉英", FENCE, 0))).toEqual(["shared_phone"]);
  });
});

describe("a village's form of the name on the same phone", () => {
  it("is the same person for the same matter: 老韦, 韦老三, 韦队长, 王韦氏, a married name", () => {
    for (const form of ["老韦", "韦", "韦老三", "韦队长"]) {
      const s = scoreByRules(side(form, FOLLOW_UP, 20, {}, ""), first);
      expect(s.personReasons, form).toEqual(["same_phone_unnamed"]);
      expect(s.verdict, form).toBe("likely_repeat");
    }
    const wife = side("韦桂兰", FENCE.replace("韦长河", "韦桂兰"), 0);
    expect(scoreByRules(side("王韦氏", FOLLOW_UP, 20, {}, ""), wife).verdict).toBe("likely_repeat");
    expect(scoreByRules(side("刘韦桂兰", FOLLOW_UP, 20), wife).verdict).toBe("likely_repeat");
    expect(phoneAndVillageForm(side("韦二妞", FOLLOW_UP, 20), wife)).toBe(true);
  });

  it("is a shared phone, not the same person, when the letter is about something else (a brother is 老三 too)", () => {
    const other = scoreByRules(
      side("韦老三", "我家宅基地的证办了两年还没办下来，乡国土所说材料不全，要我补的材料早就交了。", 20, {
        categoryId: "land.homestead",
        categoryParentId: "land",
      }),
      first,
    );
    expect(other.verdict).toBe("shared_phone");
    expect(other.verdict).not.toBe("same_person_other_matter");
  });

  it("links nothing without the same phone or under another surname", () => {
    expect(personReasons(side("韦老三", FOLLOW_UP, 20, { phoneIndexes: ["ph-90"] }), first)).toEqual([]);
    expect(personReasons(side("老胡", FOLLOW_UP, 20), first)).toEqual(["shared_phone"]);
    expect(phoneAndVillageForm(side("老胡", FOLLOW_UP, 20), first)).toBe(false);
    // Two full names of one family on one phone stay two people, whatever they write about.
    const cousin = scoreByRules(side("韦长江", FOLLOW_UP, 20), first);
    expect(cousin.verdict).toBe("same_matter_other_person");
    // Two village forms are no full name to stand for.
    expect(personReasons(side("韦老三", FOLLOW_UP, 20), side("韦老四", FENCE, 0))).toEqual(["shared_phone"]);
  });
});

describe("no signature, or the village said in the text", () => {
  it("reads 未署名 as no name given", () => {
    const sms = scoreByRules(side("未署名", FOLLOW_UP, 20, {}, ""), first);
    expect(sms.personReasons).toEqual(["same_phone_unnamed"]);
    expect(sms.verdict).toBe("likely_repeat");
  });

  it("takes the same name with the village said in the text as the same address, not another village", () => {
    const said = side(
      "韦长河",
      `我是柳林村韦长河，换号了。${FOLLOW_UP}`,
      20,
      { phoneIndexes: ["ph-31"] },
      null,
    );
    expect(personReasons(said, first)).toEqual(["same_name_address"]);
    expect(scoreByRules(said, first).verdict).toBe("likely_repeat");
    const other = side("韦长河", `我是石桥村韦长河。${FOLLOW_UP}`, 20, { phoneIndexes: ["ph-31"] }, null);
    expect(personReasons(other, first)).toEqual([]);
    // Silent on the village: the name alone, a reason to look (twelfth rule round).
    const silent = side("韦长河", FOLLOW_UP, 20, { phoneIndexes: ["ph-31"] }, null);
    expect(personReasons(silent, first)).toEqual(["same_name"]);
  });
});

describe("another grievance of the same person: that one settled, now another", () => {
  const WAGES =
    "我在宏昌木业包装车间干了五个月，最后两个月工资四千八没发，厂里说等年底一起算。请劳动监察帮忙要回来。蒋玉梅";
  const mill = (text: string, days: number) =>
    side("蒋玉梅", text, days, { categoryId: "labor.wage_arrears", categoryParentId: "labor" });
  const first = mill(WAGES, 0);

  it("says another matter in 这回不是…，…发了 and 这回是另一个事, or settled with thanks then something else", () => {
    for (const text of [
      "还是宏昌木业的事，这回不是工资，工资上礼拜发了。厂里不给签劳动合同，养老保险也不交。蒋玉梅",
      "工资的事厂里改过来了。这回是另一个事：车间主任当着大家骂我，要求道歉。蒋玉梅",
      "工资发下来了，谢谢政府。可厂里现在不让我回去上班，说我告了厂里。蒋玉梅",
      "宏昌木业还扣着我的身份证原件不给，说入职时押的。工资上礼拜发了。蒋玉梅",
    ]) {
      const s = scoreByRules(mill(text, 30), first);
      expect(s.verdict, text).toBe("same_person_other_matter");
    }
  });

  it("but not a part payment, a promise still waited for, or thanks for a step that leaves the matter open", () => {
    for (const text of [
      "宏昌木业的工资给了两千，谢谢政府。可还差两千八没给，厂里说年后。蒋玉梅",
      "宏昌木业工资的事，厂里说下个月给，到现在还是没发。蒋玉梅",
      "宏昌木业的工资单批下来了，谢谢。但厂里说要签了字才给钱，工资还是没拿到。蒋玉梅",
      "宏昌木业的工资发了。还差两个月的加班费没给，厂里说等年底。蒋玉梅",
      "宏昌木业的工资发了一半。剩下的说年后给，到现在没信。蒋玉梅",
    ]) {
      expect(scoreByRules(mill(text, 30), first).verdict, text).toBe("likely_repeat");
    }
  });
});

describe("this year's round of a matter that comes round each year", () => {
  const HEAT =
    "东园小区5号楼今年冬天暖气不热，屋里只有十三度，热力公司来测了说合格，不热还收全额取暖费，要求退一部分。岳春兰";
  const flat = (text: string, days: number) =>
    side("岳春兰", text, days, { categoryId: "construction.utilities", categoryParentId: "construction" });
  const first = flat(HEAT, 0);

  it("is another matter a year on when the letter speaks of this year's instance and nothing still owed", () => {
    const next = flat(
      "东园小区5号楼岳春兰。去年暖气后来修好了。今年热力公司又要每户交管网改造费两千，说是新入网，暖气费我们年年交。",
      350,
    );
    const s = scoreByRules(next, first);
    expect(s.verdict).toBe("same_person_other_matter");
    expect(s.matterReasons).toContain("different_demands");
  });

  it("but not when last year's is still owed, within the year, or with an age said as 今年", () => {
    const owed = flat(
      "东园小区5号楼岳春兰。去年说好的取暖费退款到现在也没退，今年暖气还是不热，热力公司说今年管网改造。",
      350,
    );
    expect(scoreByRules(owed, first).verdict).toBe("likely_repeat");
    const soon = flat(
      "东园小区5号楼暖气今年还是温的，热力公司来测了一次就没下文了，取暖费的事没人说。岳春兰",
      40,
    );
    expect(scoreByRules(soon, first).verdict).toBe("likely_repeat");
    const age = flat(
      "东园小区5号楼暖气不热的事，热力公司来测了说合格。我今年都七十了，屋里十三度受不了，取暖费要求退一部分。岳春兰",
      350,
    );
    expect(scoreByRules(age, first).verdict).toBe("likely_repeat");
  });
});

describe("what a review of the round found (who would break it)", () => {
  const WAGES = "我在砖厂干了半年，老板欠我工资九千六，请劳动监察帮我要回来。";

  it("never reads money stopped or cut as money paid", () => {
    for (const text of [
      "老板跑了。钱也不给了。我都来了三回了。",
      "工资也不发了。厂里说没钱。",
      "这回不是押金，补贴都停发了。",
      "补助少发了。村里说上面只拨了这么多。",
    ]) {
      expect(saysOtherMatter(text, WAGES), text).toBe(false);
    }
    // Paid, said as done, is still another matter's sign.
    expect(saysOtherMatter("工资上礼拜发了。现在厂里不给交社保。", WAGES)).toBe(true);
  });

  it("never reads thanks for a part as the matter settled", () => {
    for (const text of [
      "补贴批下来了，谢谢政府。但是只发了一半，还有三千没发。",
      "钱给了，谢谢领导。可是只给了一部分。",
    ]) {
      expect(saysOtherMatter(text, WAGES), text).toBe(false);
    }
  });

  it("never makes two people one by a placeholder or a form of address and the village", () => {
    const village = "我们柳林村的村支书把低保名额给了他亲戚，请上级调查。";
    for (const name of ["匿名", "未署名", "王先生"]) {
      const a = side(name, village, 20, { phoneIndexes: ["ph-1"] }, "");
      const b = side(name, village, 0, { phoneIndexes: ["ph-2"] });
      expect(personReasons(a, b), name).toEqual([]);
      expect(scoreByRules(a, b).verdict, name).not.toBe("likely_repeat");
    }
  });
});
