import { describe, expect, it } from "vitest";
import { type MatterFacts, personReasons, scoreByRules } from "./repeat.ts";

/**
 * Issue #18's eleventh rule round: the same person on the same phone under a name that is no
 * person's name — an online or English account name (Lily, 山城阿杰, 小周爸爸, 家长孔女士) — or a
 * shopkeeper's 老板 with the surname, and the slip 晓/小 in the given name. An account name is the
 * same person for one matter only, like a village's form of the name. The sentences and persons
 * are written for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 6, 1, 1);

function side(
  text: string,
  days: number,
  categoryId: string,
  name: string,
  extra: Partial<MatterFacts> = {},
): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-11"],
    nameAddresses: [{ name, address: null }],
    categoryId,
    categoryParentId: categoryId.split(".")[0]!,
    problemRegionCode: "419001005",
    text,
    tokens: text.split(/[，。、：；“”？\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const PARKING = side(
  "我住在滨江花园，小区地下车库的车位物业只租不卖，租金从每月两百涨到四百，业委会也没开会，请住建局管一管物业乱涨价。",
  0,
  "construction.property",
  "孔令娟",
);
const PARKING_AGAIN =
  "滨江花园车库租金的事上个月反映过，物业还是按每月四百收，说是业委会同意的，可我们业主谁也没见过会议记录。";

describe("an account's name on the same phone", () => {
  it("is the same person for the same matter (English name)", () => {
    const later = side(PARKING_AGAIN, 30, "construction.property", "Lily");
    expect(scoreByRules(later, PARKING).verdict).toBe("likely_repeat");
  });

  it("is the same person for the same matter (an online name of four characters)", () => {
    for (const name of ["滨江小月亮", "家长孔女士", "滨江花园业主阿娟"]) {
      const later = side(PARKING_AGAIN, 30, "construction.property", name);
      expect(scoreByRules(later, PARKING).verdict, name).toBe("likely_repeat");
    }
  });

  it("is only a shared phone for another matter (a daughter's account on her mother's phone)", () => {
    const later = side(
      "我在县城一家奶茶店打工三个月，老板说试用期不签合同，走的时候最后一个月工资一千八不给了。",
      30,
      "labor.wage_arrears",
      "Lily",
    );
    expect(scoreByRules(later, PARKING).verdict).toBe("shared_phone");
  });

  it("is not the same person when its text says it is the other's relative", () => {
    const later = side(`我是孔令娟的女儿，${PARKING_AGAIN}`, 30, "construction.property", "Lily");
    expect(personReasons(later, PARKING)).toEqual(["shared_phone"]);
  });

  it("is not the same person on another phone", () => {
    const later = side(PARKING_AGAIN, 30, "construction.property", "Lily", { phoneIndexes: ["ph-other"] });
    expect(personReasons(later, PARKING)).not.toContain("same_phone_unnamed");
    expect(scoreByRules(later, PARKING).verdict).not.toBe("likely_repeat");
  });

  it("is not read into a name of four characters beginning like the other's (two brothers)", () => {
    const older = side(PARKING.text, 0, "construction.property", "扎西");
    const later = side(PARKING_AGAIN, 30, "construction.property", "扎西多吉");
    expect(personReasons(later, older)).not.toContain("same_phone_unnamed");
    const tibetan = side(PARKING_AGAIN, 30, "construction.property", "扎西顿珠");
    const brother = side(PARKING.text, 0, "construction.property", "扎西多");
    expect(personReasons(tibetan, brother)).not.toContain("same_phone_unnamed");
  });
});

describe("a person's name of four characters on the same phone", () => {
  it("is a shared phone, not an account name: a compound surname or two surnames are a name", () => {
    for (const name of ["欧阳振华", "司马秀英", "李王秀梅", "张刘桂兰"]) {
      const later = side(PARKING_AGAIN, 30, "construction.property", name);
      expect(personReasons(later, PARKING), name).toEqual(["shared_phone"]);
      expect(scoreByRules(later, PARKING).verdict, name).not.toBe("likely_repeat");
    }
  });
});

describe("a shopkeeper called 老板 with the surname", () => {
  const shop = side(
    "我在东门菜场开了一个卤菜摊，市场管理处今年把摊位费从每月八百涨到一千五，没有任何文件，请市场监管局核实。",
    0,
    "market.consumer",
    "魏长顺",
  );

  it("is the same person on the same phone", () => {
    const later = side(
      "我是东门菜场卤菜摊的魏老板，上个月反映摊位费涨到一千五的事，管理处回复说是按面积算，可我的摊位面积没变。",
      35,
      "market.consumer",
      "魏老板",
    );
    expect(personReasons(later, shop)).toContain("same_phone_unnamed");
    expect(scoreByRules(later, shop).verdict).toBe("likely_repeat");
  });

  it("is no name to match at the same address on another phone", () => {
    const withAddress = { ...shop, nameAddresses: [{ name: "魏长顺", address: "东门菜场" }] };
    const later = side("东门菜场摊位费涨了。", 35, "market.consumer", "魏老板", {
      phoneIndexes: ["ph-other"],
      nameAddresses: [{ name: "魏老板", address: "东门菜场" }],
    });
    expect(personReasons(later, withAddress)).toEqual([]);
  });
});

describe("晓 written for 小 in the given name", () => {
  it("is the same person on the same phone for the same matter", () => {
    const older = side(PARKING.text, 0, "construction.property", "孔小娟");
    const later = side(PARKING_AGAIN, 30, "construction.property", "孔晓娟");
    expect(scoreByRules(later, older).verdict).toBe("likely_repeat");
  });
});
