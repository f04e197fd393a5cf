import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import {
  citesFollowUp,
  isReminder,
  type MatterFacts,
  personReasons,
  placePartOf,
  saysOtherMatter,
  scoreByRules,
} from "./repeat.ts";
import { chineseNumber, moneySums } from "./sums.ts";

/**
 * Issue #18's sixth round: a place given by its bare name, the earlier letter's sum in a later
 * one, a settled matter followed by a new one, a request for review of the answer. The sentences
 * are written for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 12, 1);
const LOAN =
  "2025年3月，我借给河口乡河口村开农资店的贺玉山人民币13,500元，说好半年还，有借条。到期以后他只说手头紧，一分没还。请乡司法所帮忙调解。庞秀云";

function side(text: string, days: number, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-61"],
    nameAddresses: [{ name: "庞秀云", address: "河口乡河口村五组" }],
    categoryId: "lending.private_loans",
    categoryParentId: "lending",
    problemRegionCode: "419001002201",
    text,
    tokens: text.split(/[，。、：“”\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const check = (text: string, days: number, extra: Partial<MatterFacts> = {}, first = side(LOAN, 0)) =>
  scoreByRules(side(text, days, extra), first);

describe("sums of money as numbers", () => {
  it("reads written and spoken forms alike", () => {
    expect(chineseNumber("一万三千五")).toBe(13_500);
    expect(chineseNumber("一万三千五百")).toBe(13_500);
    expect(chineseNumber("三万零八百")).toBe(30_800);
    expect(chineseNumber("七千二")).toBe(7_200);
    expect(chineseNumber("十二万")).toBe(120_000);
    expect([...moneySums("欠我一万三千五，利息不算")]).toEqual([13_500]);
    expect([...moneySums("合计13,500.00元")]).toEqual([13_500]);
    expect([...moneySums("借了1.35万元")]).toEqual([13_500]);
    expect([...moneySums("工钱八千四一分没见")]).toEqual([8_400]);
  });

  it("names no sum in a guess, a range, a year, an area or a small amount", () => {
    expect(chineseNumber("七八千")).toBeNull();
    expect(moneySums("还差七八千")).toEqual(new Set());
    expect(moneySums("本带利快两万了")).toEqual(new Set());
    expect(moneySums("2025年盖的房子，一百二十平方米，一千斤麦子")).toEqual(new Set());
    expect(moneySums("罚了五百元")).toEqual(new Set());
    expect([...moneySums("每亩两万，一亩地")]).toEqual([20_000]);
  });
});

describe("the earlier letter's sum in a later one", () => {
  it("is the same matter months later in other words", () => {
    const s = check("开农资店那个老贺，去年借我的一万三千五，我跑了八趟了，他老婆说人出去打工了。", 170);
    expect(s.matterReasons).toContain("same_sum");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but another sum to the same person is not named so", () => {
    const s = check("我表哥在县城开饭馆，前年借了我两万六，说好年底还，现在电话不接。", 170);
    expect(s.matterReasons).not.toContain("same_sum");
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("nor is another person's letter with the same sum the same person's repeat", () => {
    const other = {
      phoneIndexes: ["ph-62"],
      nameAddresses: [{ name: "贺玉梅", address: "河口乡河口村二组" }],
    };
    const s = check("我男人在外打工，家里欠信用社一万三千五，信用社天天来催，能不能缓一缓。", 20, other);
    expect(s.matterReasons).not.toContain("same_sum");
    expect(s.verdict).not.toBe("likely_repeat");
  });

  it("nor the same sum under an unrelated category (a subsidy, then a loan)", () => {
    const s = check("镇里说我家危房改造补一万三千五，到现在没批下来。", 60, {
      categoryId: "housing.renovation",
      categoryParentId: "housing",
    });
    expect(s.matterReasons).not.toContain("same_sum");
    expect(s.verdict).toBe("same_person_other_matter");
  });
});

describe("a place given by its bare name", () => {
  it("is one of the places the full address names, whole", () => {
    expect(placePartOf("河口", "河口乡河口村五组")).toBe(true);
    expect(placePartOf("东关", "城关镇东关社区")).toBe(true);
    expect(placePartOf("城关", "城关镇东关社区")).toBe(false);
    expect(placePartOf("河口乡", "河口乡河口村五组")).toBe(false);
    expect(placePartOf("河", "河口乡河口村五组")).toBe(false);
    expect(placePartOf("河口村五", "河口乡河口村五组")).toBe(false);
    expect(placePartOf("东关", "城关镇东关路18号")).toBe(false);
    expect(placePartOf("桃园", "河口乡桃园湾村")).toBe(false);
  });

  it("makes the same person with the same name (a comment signed with the name, the village bare)", () => {
    const full = side(LOAN, 0);
    const comment = side("老贺借的钱还没还", 30, {
      phoneIndexes: [],
      nameAddresses: [{ name: "庞秀云", address: "河口" }],
    });
    expect(personReasons(comment, full)).toContain("same_name_address");
  });

  it("but not another name at the same place, nor the same name from another township", () => {
    const full = side(LOAN, 0);
    const neighbour = side("老贺借的钱还没还", 30, {
      phoneIndexes: [],
      nameAddresses: [{ name: "庞秀芝", address: "河口" }],
    });
    expect(personReasons(neighbour, full)).not.toContain("same_name_address");
    const namesake = side("老贺借的钱还没还", 30, {
      phoneIndexes: [],
      nameAddresses: [{ name: "庞秀云", address: "石门" }],
    });
    expect(personReasons(namesake, full)).not.toContain("same_name_address");
  });
});

describe("the earlier matter settled, and now another", () => {
  it("says another matter when the settled clause is followed by what is wrong now", () => {
    expect(
      saysOtherMatter("老贺借的钱上个月还清了，谢谢司法所。现在他在我家地边上堆化肥，把苗熏死了。", LOAN),
    ).toBe(true);
    expect(saysOtherMatter("借钱那事调解好了。如今他家的狗咬了我孙子，医药费不给。", LOAN)).toBe(true);
    expect(saysOtherMatter("借款的事我不争了。他到处说我坏话，败坏我名声。", LOAN)).toBe(true);
    const s = check("老贺借的钱上个月还清了，谢谢司法所。现在他在我家地边上堆化肥，把苗熏死了。", 50);
    expect(s.verdict).toBe("same_person_other_matter");
  });

  it("but not a part paid with the rest still owed, nor what someone else says was done", () => {
    expect(saysOtherMatter("老贺上个月还了五千。现在还差八千五不给。", LOAN)).toBe(false);
    expect(saysOtherMatter("司法所说已经调解好了。现在老贺还是一分不还。", LOAN)).toBe(false);
    expect(saysOtherMatter("他答应年底给了。现在又说没钱。", LOAN)).toBe(false);
  });
});

describe("a request for review of the answer", () => {
  it("is a reaction to the answer, so the earlier matter", () => {
    expect(isReminder("对县司法局的调解意见，我申请复查。")).toBe(true);
    expect(isReminder("乡里回复说已经督促还款，这个回复与事实不符，他一分没还。")).toBe(true);
    const s = check("乡司法所回复说双方已达成还款计划，这个答复不符合事实，我从没签过什么计划。", 120);
    expect(s.matterReasons).toContain("reminder");
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but a first letter about a review or a reply is not one", () => {
    expect(isReminder("村里的账目请乡里复查一下，三年没公开了。")).toBe(false);
    expect(isReminder("复核一下我家的低保资格，我符合条件。")).toBe(false);
  });
});

describe("words taken for names that name nothing", () => {
  const names = (text: string) => [...extractEntities(text).values()].flatMap((v) => [...v]);

  it("a building without a permit, to put in for a project, a year before a trade", () => {
    expect(names("住建局说我家二楼是违法建筑，不给补偿")).toEqual([]);
    expect(names("乡里来人看了，说要报项目，让等着")).toEqual([]);
    expect(names("去年劳务公司的人介绍我去的工地")).toEqual([]);
  });

  it("while a company, a project or a works with its own name is still read", () => {
    expect(names("县里的宏达建筑把工钱拖了半年")).toContain("宏达建筑");
    expect(names("去年滨河花园小区的物业费涨了")).toEqual(["滨河花园"]);
    expect(names("河口乡自来水改造工程停了")).not.toEqual([]);
  });
});

describe("a letter written before, named by the writer", () => {
  it("上次给您写信 and 之前留过言 cite the earlier letter", () => {
    expect(citesFollowUp("上次给您写信说的坡上吃水的事，乡里来人量了。")).toBe(true);
    expect(citesFollowUp("之前在公众号下面留过言，没人回。")).toBe(true);
  });

  it("but a first letter that only says it writes now does not", () => {
    expect(citesFollowUp("我第一次给领导写信，说说坡上吃水的事。")).toBe(false);
    expect(citesFollowUp("上次开会领导说的话，大家都记着。")).toBe(false);
  });
});

describe("an escalation: the level below could not or would not solve it", () => {
  const LATER = "开农资店的老贺借的钱，乡里说解决不了，我只能来县里，请县领导给做主。";

  it("is read as a follow-up of the same person's earlier letter, months later", () => {
    const s = check(LATER, 200);
    expect(s.textSimilarity).toBeLessThan(0.1);
    expect(s.verdict).toBe("likely_repeat");
  });

  it("but not when the writer says it is another matter, nor from another person", () => {
    expect(
      check(`另一件事。${LATER.replace("开农资店的老贺借的钱", "老贺家的牛吃了我的麦子")}`, 200).verdict,
    ).toBe("same_person_other_matter");
    const other = {
      phoneIndexes: ["ph-63"],
      nameAddresses: [{ name: "贺玉梅", address: "河口乡河口村二组" }],
    };
    expect(check(LATER, 200, other).verdict).not.toBe("likely_repeat");
  });
});
