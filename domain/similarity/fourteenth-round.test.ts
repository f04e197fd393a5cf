import { describe, expect, it } from "vitest";
import { REPEAT_FEATURES, repeatFeatures } from "./learned-repeat.ts";
import { assessRepeat, type MatterFacts } from "./repeat.ts";

/**
 * Issue #18's fourteenth round: the same person's other matter told in the same category and
 * village. The learned decision reads whether the newer letter has a word of going on with a
 * matter told before (还是, 至今, 上回, 答复, …的事: `newer_continues`); a new harm told with no such
 * word is most often another matter. The sentences and persons are written for these tests (not
 * taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 6, 2, 1);

function side(text: string, days: number | null, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: ["id-14"],
    phoneIndexes: ["ph-14"],
    nameAddresses: [{ name: "甘秋生", address: "梨坪镇上岭村五组" }],
    categoryId: "land.compensation",
    categoryParentId: "land",
    problemRegionCode: "419002007104",
    text,
    tokens: text.split(/[，。、：；“”？\s]+/u).filter(Boolean),
    receivedAt: days === null ? null : new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const continues = (a: MatterFacts, b: MatterFacts) =>
  repeatFeatures(assessRepeat(a, b).evidence)[REPEAT_FEATURES.indexOf("newer_continues")];

const POND = "上岭村甘秋生：县里修引水渠占了我家的鱼塘，说好按养殖水面补偿，到现在只量了面积，钱没给。";
/** Another plot, another project, the same person, village and category: no word of the pond. */
const ORCHARD = "甘秋生，上岭村五组。镇上建污水站，把我家坡上的梨园推了一半，树没数就推了，协议也没签。";
/** The pond told again: 还是, the answer complained of. */
const POND_AGAIN = "还是鱼塘那个事。镇里答复说水渠是省里的项目，补偿归省里管，我去哪找省里？";

describe("the newer letter's word of going on (newer_continues)", () => {
  it("is 0 when the newer letter tells a new harm with no word of the earlier one", () => {
    expect(continues(side(POND, 0), side(ORCHARD, 120))).toBe(0);
    expect(continues(side(ORCHARD, 120), side(POND, 0))).toBe(0);
  });

  it("is 1 when the newer letter goes on with the matter (还是…那个事, 答复)", () => {
    expect(continues(side(POND, 0), side(POND_AGAIN, 60))).toBe(1);
    expect(continues(side(POND_AGAIN, 60), side(POND, 0))).toBe(1);
  });

  it("reads the newer letter only: the earlier letter's 至今 does not make the newer one go on", () => {
    const earlier = side("我家鱼塘被水渠占了，至今没给补偿。", 0);
    expect(continues(earlier, side(ORCHARD, 90))).toBe(0);
  });

  it("reads either letter when the two are not dated apart", () => {
    expect(continues(side(POND_AGAIN, null), side(ORCHARD, null))).toBe(1);
    expect(continues(side(POND, null), side(ORCHARD, null))).toBe(0);
  });

  it("is 0 for two people's letters (the cues are read for the same person only)", () => {
    const other = side(POND_AGAIN, 60, {
      idIndexes: ["id-other"],
      phoneIndexes: ["ph-other"],
      nameAddresses: [{ name: "龚长庚", address: "梨坪镇下岭村" }],
    });
    expect(continues(side(POND, 0), other)).toBe(0);
  });
});
