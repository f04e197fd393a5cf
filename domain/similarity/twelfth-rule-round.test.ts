import { describe, expect, it } from "vitest";
import { citesEarlierLetter, type MatterFacts, personReasons, scoreByRules } from "./repeat.ts";

/**
 * Issue #18's twelfth rule round: more of the words a letter points at an earlier one with (a
 * text message, a visit to the bureau, the day before yesterday, a month's call to 12345; not the
 * registrar's 称…一事, which names a first matter as well), a slip of the name on the same phone that says it follows up, and the same
 * full name on another phone — the same person for one matter, or on any matter when the letter
 * says who writes and why the number is another. The sentences and persons are written for these
 * tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 3, 1, 1);

function side(
  text: string,
  days: number,
  categoryId: string,
  name: string,
  extra: Partial<MatterFacts> = {},
): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-12"],
    nameAddresses: [{ name, address: null }],
    categoryId,
    categoryParentId: categoryId.split(".")[0]!,
    problemRegionCode: "419001004201",
    text,
    tokens: text.split(/[，。、：；“”？\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const ME = { idIndexes: ["id-7"], nameAddresses: [{ name: "滕玉章", address: "青岗镇下河村五组" }] };

describe("a letter that points at the earlier one in words of its own", () => {
  it("reads a text message, a visit to the bureau, the day before, a month's hotline call", () => {
    for (const t of [
      "上礼拜发短信说过桥头那家饭馆油烟熏人的事，到今天也没人来看。",
      "前天去信访局说了俺家猪圈叫人推倒的事，今天那家人又来闹。",
      "坡上那口水窖，上回来说过了，乡里来人量了量就走了。",
      "十月打过12345说小区门口垃圾站的事，垃圾还是堆在那里。",
      "又来了，说的还是他家果园被修路占了一角的事，要求给个说法。",
      "俺去年来过信访局一回，问过俺爹的烈属补助，到现在也没定下来。",
    ]) {
      expect(citesEarlierLetter(t, "我家鱼塘在下河村东头，养了三年草鱼。"), t).toBe(true);
    }
  });

  it("does not read a loan of the year before last, a debt collector's messages, or a first visit", () => {
    for (const t of [
      "前年我借给表哥两万块钱盖房，说好秋后还，现在见了面就躲。",
      "网贷公司给我通讯录里的亲戚挨个发短信，说我欠钱不还。",
      "来访人滕玉章，下河村。称去年秋天上游水库放水，把他家承包的鱼塘淹了，鱼全跑了。",
      // How a registrar writes a first visit or a first letter opens: naming a matter is no citation.
      "来访人滕玉章，下河村。称其承包的鱼塘被上游放水淹了一事，要求水库管理所赔偿。",
      "关于我家承包鱼塘被水库放水淹没一事，特此反映，望领导明察。",
    ]) {
      expect(citesEarlierLetter(t, "我家鱼塘在下河村东头，养了三年草鱼。"), t).toBe(false);
    }
  });

  const POND = side(
    "我叫滕玉章，下河村五组的。我承包了村东的鱼塘，今年七月上游水库开闸放水没通知，塘埂冲开了，一万多斤鱼全跑了，要求水库管理所赔偿损失。",
    0,
    "water.reservoir",
    "滕玉章",
    ME,
  );

  it("joins the same person's visit filed under another category that says it came before", () => {
    const visit = side(
      "来访人滕玉章，下河村。上回来说过鱼塘被淹，水库管理所说放水前在广播里通知了，他家没听到广播不是所里的责任。他要求看通知记录。",
      40,
      "rural.aquaculture",
      "滕玉章",
      ME,
    );
    expect(scoreByRules(visit, POND).verdict).toBe("likely_repeat");
  });

  it("keeps the same person's other matter under another category apart", () => {
    const other = side(
      "来访人滕玉章，下河村。称他儿子在县职专上学，学校收了八百块实习押金，实习结束不退，要求退还。",
      40,
      "education.fees",
      "滕玉章",
      ME,
    );
    expect(scoreByRules(other, POND).verdict).toBe("same_person_other_matter");
  });
});

describe("a slip of the name on the same phone, in a letter that says it follows up", () => {
  const ROOF = side(
    "城南新村12栋的楼顶防水层去年就坏了，一下雨顶楼两户都漏，物业说维修基金动不了。请住建局协调维修。",
    0,
    "construction.housing_quality",
    "秦志红",
  );

  it("is the same person, filed under another category", () => {
    const later = side(
      "上个月打电话反映了城南新村12栋楼顶漏雨的事，物业派人看了一眼，说要等业委会开会，现在屋里墙皮都掉了。",
      30,
      "construction.property",
      "秦智红",
    );
    expect(scoreByRules(later, ROOF).verdict).toBe("likely_repeat");
  });

  it("without the pointer stays a shared phone (siblings of one-sound names share a phone)", () => {
    const later = side(
      "城南新村12栋门口的路灯坏了两个月，晚上黑得看不见路，老人摔了好几回。",
      30,
      "construction.property",
      "秦智红",
    );
    expect(scoreByRules(later, ROOF).verdict).not.toBe("likely_repeat");
  });

  it("a village's form of the name (秦老二) that cites a letter is not taken for the slip", () => {
    const later = side(
      "上个月打电话反映了城南新村12栋楼顶漏雨的事，物业派人看了一眼，说要等业委会开会，现在屋里墙皮都掉了。",
      30,
      "construction.property",
      "秦老二",
    );
    expect(scoreByRules(later, ROOF).verdict).not.toBe("likely_repeat");
  });
});

describe("the same full name on another phone", () => {
  const HEATING = side(
    "我家住青岗镇供销社家属院，今年供暖已经半个月了，暖气片一直是凉的，热力站说是我们楼的主管道堵了，要住户自己出钱疏通。请县里督促热力站维修。",
    0,
    "construction.utilities",
    "邵金凤",
    { phoneIndexes: ["ph-20"], nameAddresses: [{ name: "邵金凤", address: "青岗镇供销社家属院" }] },
  );
  const HEATING_AGAIN =
    "青岗镇供销社家属院的暖气还是凉的，热力站说主管道堵了让住户出钱疏通，半个月了没人来修，屋里只有十一二度。";

  it("is a reason to look, and the same person when the matter is the same", () => {
    const later = side(HEATING_AGAIN, 20, "construction.utilities", "邵金凤", { phoneIndexes: ["ph-21"] });
    expect(personReasons(later, HEATING)).toEqual(["same_name"]);
    expect(scoreByRules(later, HEATING).verdict).toBe("likely_repeat");
  });

  it("is nobody for another matter, for another village said in the letter, or with another ID number", () => {
    const other = side(
      "我在县城超市当了两年理货员，老板一直没交社保，辞职的时候也不给补。",
      20,
      "labor.contract",
      "邵金凤",
      { phoneIndexes: ["ph-21"] },
    );
    expect(scoreByRules(other, HEATING).verdict).toBe("unrelated");
    const elsewhere = side(`我是石岭村邵金凤。${HEATING_AGAIN}`, 20, "construction.utilities", "邵金凤", {
      phoneIndexes: ["ph-21"],
      nameAddresses: [{ name: "邵金凤", address: null }],
    });
    expect(
      personReasons(elsewhere, { ...HEATING, nameAddresses: [{ name: "邵金凤", address: "青岗镇石门村" }] }),
    ).toEqual([]);
    const twoIds = side(HEATING_AGAIN, 20, "construction.utilities", "邵金凤", {
      phoneIndexes: ["ph-21"],
      idIndexes: ["id-a"],
    });
    expect(scoreByRules(twoIds, { ...HEATING, idIndexes: ["id-b"] }).verdict).not.toBe("likely_repeat");
  });

  it("is the same person when the letter says who writes and why the number is another", () => {
    const SHORT = "热力站刚才来电话，说疏通要等下个月，这么冷的天咋等？";
    const said = side(`我是邵金凤，换了个号。${SHORT}`, 10, "construction.utilities", "邵金凤", {
      phoneIndexes: ["ph-22"],
    });
    expect(scoreByRules(said, HEATING).verdict).toBe("likely_repeat");
    const borrowed = side(`我是邵金凤，这是我外孙的手机。${SHORT}`, 10, "construction.utilities", "邵金凤", {
      phoneIndexes: ["ph-22"],
    });
    expect(scoreByRules(borrowed, HEATING).verdict).toBe("likely_repeat");
    // The short letter alone, without saying so: too little in common for two people's letters.
    const silent = side(SHORT, 10, "construction.utilities", "邵金凤", { phoneIndexes: ["ph-22"] });
    expect(scoreByRules(silent, HEATING).verdict).not.toBe("likely_repeat");
    // Another name on a borrowed phone: someone else.
    const neighbour = side(
      `我是邵金凤的邻居，用她外孙的手机打的。${SHORT}`,
      10,
      "construction.utilities",
      "贺长英",
      {
        phoneIndexes: ["ph-22"],
      },
    );
    expect(scoreByRules(neighbour, HEATING).verdict).not.toBe("likely_repeat");
  });
});
