import { describe, expect, it } from "vitest";
import { type MatterFacts, personReasons, scoreByRules, southernNickname } from "./repeat.ts";

/**
 * Issue #18's fourteenth round, the person part: a name heard rather than read (a voice-typed or a
 * clerk's slip of a syllable, the surname's too), a southern county's forms of a name (阿桃, 亚桃,
 * 翁炳 for 翁亚炳, 添伯, 梁伯), and a slip or such a form on another phone where the two addresses
 * agree — the same person for one matter only. The sentences and persons are written for these
 * tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 4, 1, 1);

function side(
  text: string,
  days: number,
  name: string,
  extra: Partial<MatterFacts> = {},
  address: string | null = null,
): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-41"],
    nameAddresses: [{ name, address }],
    categoryId: "social.pension",
    categoryParentId: "social",
    problemRegionCode: "419001006201",
    text,
    tokens: text.split(/[，。、：；？\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const EARLIER = "沙头村五组的高龄津贴从三月起停发，村委说名单报上去了，镇民政办说没收到名单，请查一下。";
const AGAIN = "沙头村五组的高龄津贴从三月起停发，村委说名单报上去了，镇民政办说没收到名单，还是没人查。";
const OTHER = "屋后那条排水沟被邻居填平了，一下雨水就倒灌进厨房，村里调解两次都没用，请派人来看看。";

describe("a name heard, not read: one syllable written with another character", () => {
  it("takes a given name's or a surname's slip on the same phone as the caller", () => {
    for (const [x, y] of [
      ["孟春生", "孟春声"],
      ["温雪平", "温雪萍"],
      ["柳长根", "刘长根"],
      ["纳木林", "那木林"],
      ["覃振南", "覃振男"],
    ] as const) {
      const a = side(EARLIER, 0, x, { idIndexes: ["id-3"] });
      const b = side(AGAIN, 20, y);
      expect(personReasons(b, a), `${x} / ${y}`).toEqual(["same_phone_unnamed"]);
      expect(scoreByRules(b, a).verdict, `${x} / ${y}`).toBe("likely_repeat");
    }
  });

  it("keeps the slip to one matter: another matter on that phone is only a shared phone", () => {
    const a = side(EARLIER, 0, "孟春生", { idIndexes: ["id-3"] });
    const b = side(OTHER, 20, "孟春声");
    expect(scoreByRules(b, a).verdict).toBe("shared_phone");
  });

  it("keeps apart surnames that sound alike only in a dialect, and other given names", () => {
    for (const [x, y] of [
      ["黄秀梅", "王秀梅"],
      ["程立新", "陈立新"],
      ["孟春生", "孟春来"],
    ] as const) {
      const a = side(EARLIER, 0, x, { idIndexes: ["id-3"] });
      const b = side(AGAIN, 20, y);
      expect(personReasons(b, a), `${x} / ${y}`).toEqual(["shared_phone"]);
      expect(scoreByRules(b, a).verdict, `${x} / ${y}`).not.toBe("likely_repeat");
    }
  });
});

describe("a southern county's forms of a name", () => {
  it("reads 阿 / 亚 with the given name's character, the name without its 亚, and 添伯", () => {
    expect(southernNickname("阿桃", "温亚桃")).toBe(true);
    expect(southernNickname("亚桃", "温亚桃")).toBe(true);
    expect(southernNickname("阿添", "冼德添")).toBe(true);
    expect(southernNickname("添伯", "冼德添")).toBe(true);
    expect(southernNickname("翁炳", "翁亚炳")).toBe(true);
    expect(southernNickname("麦阿娇", "麦亚娇")).toBe(true);
    // Another character, another surname, a village's 老四, the same name: none.
    expect(southernNickname("阿凤", "温亚桃")).toBe(false);
    expect(southernNickname("阿德", "冼德添")).toBe(false);
    expect(southernNickname("苏炳", "翁亚炳")).toBe(false);
    expect(southernNickname("翁亚炳", "翁亚炳")).toBe(false);
    expect(southernNickname("阿桃", "温老四")).toBe(false);
  });

  it("takes such a form on the same phone as the person, for that matter", () => {
    for (const [x, y] of [
      ["温亚桃", "阿桃"],
      ["冼德添", "添伯"],
      ["翁亚炳", "翁炳"],
      ["麦亚娇", "麦阿娇"],
      ["梁志坚", "梁伯"],
    ] as const) {
      const a = side(EARLIER, 0, x, { idIndexes: ["id-5"] });
      const b = side(AGAIN, 30, y);
      expect(personReasons(b, a), `${x} / ${y}`).toEqual(["same_phone_unnamed"]);
      expect(scoreByRules(b, a).verdict, `${x} / ${y}`).toBe("likely_repeat");
    }
  });

  it("keeps the family on the shop's or the family's phone apart", () => {
    for (const [x, y] of [
      // The wife and the brother call themselves by their own characters.
      ["温亚桃", "阿凤"],
      ["麦亚强", "麦亚坚"],
      ["冼德添", "阿德"],
      // An old man of another surname on the shop's phone.
      ["冼德添", "苏伯"],
    ] as const) {
      const a = side(EARLIER, 0, x, { idIndexes: ["id-5"] });
      const b = side(AGAIN, 30, y);
      expect(personReasons(b, a), `${x} / ${y}`).toEqual(["shared_phone"]);
      expect(scoreByRules(b, a).verdict, `${x} / ${y}`).not.toBe("likely_repeat");
    }
    // A form on the family phone about another matter is not the person's other matter.
    const a = side(EARLIER, 0, "温亚桃", { idIndexes: ["id-5"] });
    expect(scoreByRules(side(OTHER, 30, "阿桃"), a).verdict).toBe("shared_phone");
  });
});

describe("a slip or a southern form on another phone", () => {
  const earlier = (name: string, address: string) =>
    side(EARLIER, 0, name, { idIndexes: ["id-8"], phoneIndexes: ["ph-old"] }, address);
  const later = (text: string, name: string, address: string | null) =>
    side(text, 40, name, { phoneIndexes: ["ph-new"] }, address);

  it("is the same person for one matter where both addresses agree", () => {
    for (const [x, ax, y, ay] of [
      ["孟春生", "青湖镇沙头村五组", "孟春声", "沙头村五组"],
      ["温亚桃", "沙头村北坑", "阿桃", "沙头北坑"],
      ["翁亚炳", "青湖镇沙头村", "翁炳", "青湖镇沙头村"],
    ] as const) {
      const b = later(AGAIN, y, ay);
      const a = earlier(x, ax);
      expect(personReasons(b, a), `${x} / ${y}`).toEqual(["same_name"]);
      expect(scoreByRules(b, a).verdict, `${x} / ${y}`).toBe("likely_repeat");
      // Another matter: nobody the registrar would take for the same person.
      expect(scoreByRules(later(OTHER, y, ay), a).verdict, `${x} / ${y}`).toBe("unrelated");
    }
  });

  it("is nobody where an address is left out or names another village, or two ID numbers differ", () => {
    const a = earlier("孟春生", "青湖镇沙头村五组");
    expect(personReasons(later(AGAIN, "孟春声", null), a)).toEqual([]);
    expect(personReasons(later(AGAIN, "孟春声", "青湖镇石岭村"), a)).toEqual([]);
    expect(personReasons(later(AGAIN, "阿桃", "石岭村"), earlier("温亚桃", "沙头村"))).toEqual([]);
    const withId = { ...later(AGAIN, "孟春声", "沙头村五组"), idIndexes: ["id-9"] };
    expect(personReasons(withId, a)).toEqual([]);
    expect(scoreByRules(withId, a).verdict).toBe("same_matter_other_person");
  });
});
