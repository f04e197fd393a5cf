import { describe, expect, it } from "vitest";
import { anotherObject, type MatterFacts, personReasons, saysOtherMatter, scoreByRules } from "./repeat.ts";

/**
 * Issue #18's eighth rule round: an accusation against the official who did not act on the
 * earlier matter (filed under 干部作风) is that matter again; the earlier debt's sum said as paid,
 * or a letter that opens with 还有一个事, is another matter. The sentences and persons are written
 * for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 4, 11, 1);

function side(text: string, days: number, categoryId: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: ["id-5"],
    phoneIndexes: ["ph-5"],
    nameAddresses: [{ name: "蒋玉珍", address: "清河镇石桥村三组" }],
    categoryId,
    categoryParentId: categoryId.split(".")[0]!,
    problemRegionCode: "419001006203",
    text,
    tokens: text.split(/[，。、：；“”\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

describe("an accusation against the official who did not act on the earlier matter", () => {
  const ALLOWANCE = side(
    "石桥村三组蒋玉珍，老伴去年瘫在床上，家里没有劳力，申请低保交了两回材料，一直没有批下来。",
    0,
    "civil.assistance",
  );
  it("is the earlier matter when it names the same grievance within the handling period", () => {
    const accusation = side(
      "举报石桥村支书不作为，我家申请低保的材料交给他两回，他压着不往镇里报，说名额给听话的人留着。要求查处，把我家的低保办了。",
      41,
      "conduct.inaction",
    );
    const s = scoreByRules(accusation, ALLOWANCE);
    expect(s.verdict).toBe("likely_repeat");
    expect(s.matterReasons).toContain("recent_follow_up");
    // Either order: the accusation first, then the plain request.
    expect(
      scoreByRules(
        { ...ALLOWANCE, receivedAt: accusation.receivedAt },
        {
          ...accusation,
          receivedAt: ALLOWANCE.receivedAt,
        },
      ).verdict,
    ).toBe("likely_repeat");
  });

  it("stays another matter when the accusation is about something else, or comes long after", () => {
    const canal = side(
      "举报石桥村会计，村里修水渠的上级拨款二十万，渠只修了一半，账目从来不公开，钱去哪了没人知道。",
      30,
      "conduct.corruption",
    );
    expect(scoreByRules(canal, ALLOWANCE).verdict).toBe("same_person_other_matter");
    const late = side(
      "举报石桥村支书不作为，我家申请低保的材料交给他两回，他压着不往镇里报，说名额给听话的人留着。要求查处，把我家的低保办了。",
      200,
      "conduct.inaction",
    );
    expect(scoreByRules(late, ALLOWANCE).matterReasons).not.toContain("recent_follow_up");
  });
});

describe("the earlier debt's sum said as paid", () => {
  const KILN = side(
    "我在城南砖厂烧窑，老板欠我三个月工钱一万二千元，一直拖着不给，请劳动监察帮忙要。",
    0,
    "labor.wage_arrears",
  );
  it("makes the same person's new wage letter another matter", () => {
    const next = side(
      "砖厂那一万二后来给了。我现在在县城物流园装车，物流园的老板又欠了我两个月工资八千元。",
      35,
      "labor.wage_arrears",
    );
    expect(saysOtherMatter(next.text, KILN.text)).toBe(true);
    expect(scoreByRules(next, KILN).verdict).toBe("same_person_other_matter");
  });

  it("does not when only part was paid or the rest is still owed", () => {
    const part = side("砖厂那一万二给了一半，还差六千没给，老板说年底再说。", 35, "labor.wage_arrears");
    expect(saysOtherMatter(part.text, KILN.text)).toBe(false);
    expect(scoreByRules(part, KILN).verdict).toBe("likely_repeat");
    expect(saysOtherMatter("那一万二给了。还差六千的加班费没给。", KILN.text)).toBe(false);
  });
});

describe("a letter that opens with 还有一个事", () => {
  const LAND = side("我家五亩地的耕地地力补贴今年没有打到卡上，村里说表报错了。", 0, "rural.subsidy");
  it("is another matter of the same person", () => {
    const sheep = side(
      "养殖补贴\n还有一个事，我家去年养的二十只羊，说好的养殖补贴也没见着。",
      20,
      "rural.subsidy",
    );
    expect(scoreByRules(sheep, LAND).verdict).toBe("same_person_other_matter");
  });
  it("not when the words come mid-letter, nor a plain follow-up", () => {
    expect(saysOtherMatter("地力补贴的事村里说再等等，我还有一个事想问问。", LAND.text)).toBe(false);
    const again = side("地力补贴\n地力补贴的事还是没有打到卡上，村里说再等等。", 20, "rural.subsidy");
    expect(scoreByRules(again, LAND).verdict).toBe("likely_repeat");
  });
});

describe("two names a letter says are one person's", () => {
  const PIGS = side(
    "我家养的八头猪让隔壁养殖场的排污水泡死了三头，场里不认账，请镇里派人来看看。",
    0,
    "rural.neighbour",
    { nameAddresses: [{ name: "卢桂田", address: "清河镇石桥村三组" }] },
  );
  const AGAIN = "死猪的事，镇里来人看过，说要化验水，到现在没下文。";
  it("joins the follow-up signed by the nickname when the letter gives both names", () => {
    for (const signed of ["卢桂田（小名卢拴柱）", "卢拴柱（卢桂田）", "我是卢拴柱，就是卢桂田"]) {
      const next = side(`${AGAIN}${signed}`, 15, "rural.neighbour", {
        idIndexes: [],
        phoneIndexes: [],
        nameAddresses: [{ name: "卢拴柱", address: "石桥村" }],
      });
      expect(personReasons(next, PIGS)).toContain("same_name_address");
      expect(scoreByRules(next, PIGS).verdict).toBe("likely_repeat");
    }
  });
  it("keeps apart another name when no letter links them, and in another village", () => {
    const next = side(`${AGAIN}卢拴柱`, 15, "rural.neighbour", {
      idIndexes: [],
      phoneIndexes: [],
      nameAddresses: [{ name: "卢拴柱", address: "石桥村" }],
    });
    expect(personReasons(next, PIGS)).toEqual([]);
    expect(scoreByRules(next, PIGS).verdict).not.toBe("likely_repeat");
    const elsewhere = side(`${AGAIN}卢拴柱（卢桂田）`, 15, "rural.neighbour", {
      idIndexes: [],
      phoneIndexes: [],
      nameAddresses: [{ name: "卢拴柱", address: "河西乡柳湾村" }],
    });
    expect(personReasons(elsewhere, PIGS)).toEqual([]);
  });
});

describe("two names side by side that are two people", () => {
  const PIGS = side(
    "我家养的八头猪让隔壁养殖场的排污水泡死了三头，场里不认账，请镇里派人来看看。",
    0,
    "rural.neighbour",
    {
      idIndexes: [],
      nameAddresses: [{ name: "卢桂田", address: "清河镇石桥村三组" }],
    },
  );
  it("a son who signs with his father's name after his own is the son, on the family phone and at home", () => {
    for (const signed of [
      "卢小军（卢桂田之子）",
      "卢小军(卢桂田的儿子)",
      "我是卢小军，就是卢桂田的儿子",
      "卢小军（卢桂田家属）",
    ]) {
      const son = side(
        `我家承包的鱼塘让上游的砂场搅浑了，鱼死了一塘，请水利站管一管。${signed}`,
        20,
        "rural.neighbour",
        {
          idIndexes: [],
          nameAddresses: [{ name: "卢小军", address: "清河镇石桥村三组" }],
        },
      );
      expect(personReasons(son, PIGS), signed).toEqual(["shared_phone"]);
      expect(scoreByRules(son, PIGS).verdict, signed).not.toBe("likely_repeat");
    }
  });
  it("while the same words closed at the name are one person's two names", () => {
    const nick = side("死猪的事到现在没下文。卢小军（卢桂田）", 20, "rural.neighbour", {
      idIndexes: [],
      nameAddresses: [{ name: "卢小军", address: "清河镇石桥村三组" }],
    });
    expect(personReasons(nick, PIGS)).not.toEqual(["shared_phone"]);
  });
});

describe("people", () => {
  it("a shared phone alone is still not the same person, with the accusation rule in place", () => {
    const ALLOWANCE = side(
      "石桥村三组蒋玉珍，申请低保交了两回材料，一直没有批下来。",
      0,
      "civil.assistance",
      { idIndexes: [] },
    );
    const neighbour = side(
      "举报石桥村支书不作为，我家申请低保的材料交给他两回，他压着不往镇里报。",
      30,
      "conduct.inaction",
      { idIndexes: [], nameAddresses: [{ name: "邓福来", address: "清河镇柳湾村" }] },
    );
    expect(personReasons(neighbour, ALLOWANCE)).toEqual(["shared_phone"]);
    expect(scoreByRules(neighbour, ALLOWANCE).verdict).not.toBe("likely_repeat");
  });

  it("hostile names (pattern characters, very long names) do not throw", () => {
    const base = side("那一万二后来给了。还有一个事，低保没批。", 10, "conduct.inaction", { idIndexes: [] });
    for (const name of ["蒋(玉)珍[*+?]", "$&\\1.*", "蒋".repeat(5000), "(?<x>a)|^$", ""]) {
      const a = { ...base, nameAddresses: [{ name, address: `${name}村` }] };
      const b = side("申请低保一直没有批下来。", 0, "civil.assistance", {
        idIndexes: [],
        nameAddresses: [{ name, address: null }],
      });
      expect(() => scoreByRules(a, b)).not.toThrow();
      expect(() => personReasons(b, a)).not.toThrow();
    }
  });
});

describe("8b: the same person's other thing of the same kind", () => {
  const LEAK = side(
    "我家在锦华苑12号楼五层，卫生间楼板往下渗水，楼下天花板都泡了，找开发商几次没人来修。",
    0,
    "construction.housing_quality",
  );
  it("is another matter when the two letters name different buildings", () => {
    const crack = side(
      "锦华苑7号楼我家另买的那套，厨房墙面开裂，瓷砖掉了好几块，开发商一直不来修。",
      30,
      "construction.housing_quality",
    );
    const s = scoreByRules(crack, LEAK);
    expect(s.verdict).toBe("same_person_other_matter");
    expect(s.matterReasons).toContain("different_demands");
  });
  it("stays the same matter for the same building, however the number is written", () => {
    const again = side(
      "锦华苑十二号楼五层卫生间还在往楼下渗水，开发商来看过一回就没有下文了。",
      30,
      "construction.housing_quality",
    );
    expect(scoreByRules(again, LEAK).verdict).toBe("likely_repeat");
    expect(anotherObject("锦华苑十二号楼", "锦华苑12号楼")).toBe(false);
    expect(anotherObject("锦华苑二十号楼", "锦华苑20号楼")).toBe(false);
    expect(anotherObject("锦华苑7号楼", "锦华苑12号楼")).toBe(true);
  });

  const COLD = side(
    "我住和平路老干部楼，入冬以来暖气片一直不热，屋里才十二度，供热站说管道老化要等明年。",
    0,
    "construction.utilities",
  );
  it("is another matter when the newer letter is about a family member's home the earlier does not name", () => {
    const fee = side(
      "和平路我爸妈那套房子常年没人住，报了停供，供热站还是按全额收了取暖费。",
      25,
      "construction.utilities",
    );
    expect(scoreByRules(fee, COLD).verdict).toBe("same_person_other_matter");
  });
  it("stays the same matter when both letters are about that family member's home", () => {
    const cold = side(
      "我爸妈那套房子在和平路老干部楼，入冬以来暖气片一直不热，屋里才十二度，两个老人冻得睡不着。",
      0,
      "construction.utilities",
    );
    const again = side(
      "和平路我爸妈那套房子暖气还是不热，供热站来看过说管道老化，老人还在受冻。",
      25,
      "construction.utilities",
    );
    expect(scoreByRules(again, cold).verdict).toBe("likely_repeat");
  });

  const SCHOOL = side(
    "孩子今年上初一，我们户口在石桥村，城关二中说不在片区，让去十几里外的乡中。",
    0,
    "education.enrolment",
  );
  it("is another matter when the newer letter tells the children apart and the earlier named neither", () => {
    const second = side(
      "去年老大的事后来去了乡中，算了。今年老二上初一，城关二中又说片区改了，还是不收。",
      330,
      "education.enrolment",
    );
    expect(scoreByRules(second, SCHOOL).verdict).toBe("same_person_other_matter");
  });
  it("stays the same matter when the newer letter points at the earlier one", () => {
    const again = side(
      "上次反映老大上初一的事，城关二中说不在片区，老二以后也是这个问题，老大的事到现在没解决。",
      40,
      "education.enrolment",
    );
    expect(scoreByRules(again, SCHOOL).verdict).toBe("likely_repeat");
  });
});
