import { describe, expect, it } from "vitest";
import { citesFollowUp, type MatterFacts, scoreByRules } from "./repeat.ts";

/**
 * Issue #18's ninth rule round: the same person's follow-up that the registrar filed under another
 * category (neither the same nor a neighbour) is the earlier matter when the letter points at the
 * earlier one — 上次反映的…, 半年前反映过, 反映过了, or it opens on the matter as known (…那个事，) — and
 * what the two ask for is not wholly different. The sentences and persons are written for these
 * tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 2, 2, 1);

function side(text: string, days: number, categoryId: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: ["id-9"],
    phoneIndexes: ["ph-9"],
    nameAddresses: [{ name: "贾忠良", address: "双河镇柏树垭村四组" }],
    categoryId,
    categoryParentId: categoryId.split(".")[0]!,
    problemRegionCode: "419001007104",
    text,
    tokens: text.split(/[，。、：；“”\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const WAGES = side(
  "丰收砖厂欠我去年九个月的工钱，老板一直说等货款回来再给，我家里等着这笔钱给孩子交学费。",
  0,
  "labor.wage_arrears",
);
const RESERVOIR = side(
  "修水库占了我家一亩二分承包地，说好的青苗费和地上附着物补偿到现在没有兑现。",
  0,
  "land.compensation",
);
const ROAD = side(
  "通往柏树垭的村道去年才修的，今年开春路面就裂了好几道口子，拉货的车一过就往下陷。",
  0,
  "transport.roads",
);

describe("a follow-up filed under another category", () => {
  it("is the earlier matter when it says 上次反映的 and asks for the same", () => {
    const later = side(
      "我上次反映的砖厂欠工钱的事，今天我又去要，老板叫了几个人把我推出门外，说再来就打断腿。请公安上管一管，工钱也要给我。",
      35,
      "security.public_order",
    );
    const s = scoreByRules(later, WAGES);
    expect(s.verdict).toBe("likely_repeat");
    expect(s.matterReasons).toContain("cites_across_categories");
  });

  it("is the earlier matter when it says 半年前反映过", () => {
    expect(citesFollowUp("半年前反映过水库占地补偿的事，一直没有下文。")).toBe(true);
    const later = side(
      "半年前反映过水库占地补偿的事，乡里说钱拨到村上了，村上又说没收到，到底钱去哪了？",
      190,
      "rural.village_affairs",
    );
    expect(scoreByRules(later, RESERVOIR).verdict).toBe("likely_repeat");
  });

  it("is the earlier matter when the letter opens on it as known (…那个事，)", () => {
    const later = side(
      "柏树垭村道那个事，交通局的人来看过一次，拍了照就走了，路面的坑越来越大，昨天一辆三轮车翻到沟里。",
      50,
      "construction.utilities",
    );
    const s = scoreByRules(later, ROAD);
    expect(s.verdict).toBe("likely_repeat");
    expect(s.matterReasons).toContain("cites_across_categories");
  });
});

describe("the same person's other matter under another category stays apart", () => {
  it("when the letter points at an earlier one but asks for something wholly other", () => {
    const allowance = side(
      "我家两个老人都瘫在床上，申请低保交了材料，村里说名额满了。",
      0,
      "civil.assistance",
    );
    const later = side(
      "去年我给你们写过信。今年村里把集体林地卖了，卖了多少钱账目从来不公开，要求查账。",
      200,
      "rural.village_affairs",
    );
    expect(scoreByRules(later, allowance).verdict).toBe("same_person_other_matter");
  });

  it("when it opens on the earlier matter and goes on to another of a wholly other kind", () => {
    const later = side(
      "村道那个事，先放一放。我老伴住院花了四万多，想申请大病救助，乡里说要等。",
      60,
      "civil.assistance",
    );
    expect(scoreByRules(later, ROAD).verdict).toBe("same_person_other_matter");
  });

  it("when it opens on a matter as known and names nothing the earlier letter asks for", () => {
    const quiet = side(
      "柏树垭村口有人开了个石料场，天天有大车进进出出，谁也不知道是哪个批的。",
      0,
      "environment.noise",
    );
    const later = side(
      "石料场那个事，我想问一下我家的低保今年为啥停了，乡里说要重新审。",
      40,
      "civil.assistance",
    );
    expect(scoreByRules(later, quiet).verdict).toBe("same_person_other_matter");
  });

  it("when it says nothing of the earlier letter", () => {
    const later = side(
      "丰收砖厂门口天天晚上有人聚着打牌赌钱，吵得一晚上睡不着。",
      35,
      "security.public_order",
    );
    expect(scoreByRules(later, WAGES).verdict).toBe("same_person_other_matter");
  });

  it("when the person is only a village's form of the name on a shared phone", () => {
    const brother = side(
      "我上次反映的砖厂欠工钱的事，今天又去厂里要，老板叫人把我推出门外。工钱也要给我。",
      35,
      "security.public_order",
      { idIndexes: [], nameAddresses: [{ name: "贾老四", address: null }] },
    );
    const earlier = { ...WAGES, idIndexes: [] };
    expect(scoreByRules(brother, earlier).verdict).not.toBe("likely_repeat");
  });
});
