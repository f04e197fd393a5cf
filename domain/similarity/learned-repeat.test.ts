import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SAME_MATTER,
  LEARNED_SAME_MATTER,
  logisticProbability,
  REPEAT_FEATURES,
  REPEAT_MODEL,
  repeatFeatures,
  trainLogistic,
  USE_LEARNED_DECISION,
} from "./learned-repeat.ts";
import { assessRepeat, type MatterFacts, type SameMatterDecision, scoreRepeat } from "./repeat.ts";

/**
 * Issue #18's seventh round: the same person's pair decided by a logistic regression over what the
 * rules read. The sentences are written for these tests (not taken from the labelled pairs).
 */
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 4, 11, 1);

function side(text: string, days: number, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [],
    phoneIndexes: ["ph-58"],
    nameAddresses: [{ name: "龚秀兰", address: "河口乡柳林村三组" }],
    categoryId: "rural.contract",
    categoryParentId: "rural",
    problemRegionCode: "419001002203",
    text,
    tokens: text.split(/[，。、：“”\s]+/u).filter(Boolean),
    receivedAt: new Date(FIRST_DAY + days * DAY),
    ...extra,
  };
}

const POND =
  "我家承包村里的鱼塘十五年，合同还有六年到期，村委会今年春天说要收回去租给外地老板搞农家乐，一分钱补偿也不给，还把我放的鱼苗捞走了。请乡里主持公道。龚秀兰";
const POND_AGAIN =
  "上个月反映村委会收回我家承包鱼塘的事，到现在没人来处理，鱼苗的损失也没人管，合同明明还有六年。";
const FALL =
  "我在乡敬老院做护工，上个月给老人翻身时闪了腰，拍片说是腰椎骨折，院里说我是临时工不给算工伤，医药费都是自己垫的。";

const always: SameMatterDecision = () => true;

describe("the learned decision", () => {
  it("takes the same person's follow-up about the fishpond for the earlier matter", () => {
    const s = scoreRepeat(
      side(POND_AGAIN, 35),
      side(POND, 0),
      undefined,
      undefined,
      undefined,
      LEARNED_SAME_MATTER,
    );
    expect(s.verdict).toBe("likely_repeat");
  });

  it("and her injury at the old people's home, filed elsewhere, for another matter", () => {
    const fall = side(FALL, 40, { categoryId: "labor.work_injury", categoryParentId: "labor" });
    const s = scoreRepeat(fall, side(POND, 0), undefined, undefined, undefined, LEARNED_SAME_MATTER);
    expect(s.verdict).toBe("same_person_other_matter");
    const { evidence } = assessRepeat(fall, side(POND, 0));
    expect(logisticProbability(REPEAT_MODEL, repeatFeatures(evidence))).toBeLessThan(REPEAT_MODEL.threshold);
  });

  it("is never asked whether another person on the same phone is the same person, however alike the texts", () => {
    const son = side(POND, 10, { nameAddresses: [{ name: "龚建华", address: "河口乡柳林村三组" }] });
    const s = scoreRepeat(son, side(POND, 0), undefined, undefined, undefined, always);
    expect(s.personReasons).toEqual(["shared_phone"]);
    expect(s.verdict).not.toBe("likely_repeat");
  });

  it("does not overrule a petitioner who says it is another matter", () => {
    const other = side(`这回说的是另一回事。${POND_AGAIN}`, 30);
    expect(assessRepeat(other, side(POND, 0)).evidence.saysOther).toBe(true);
    expect(scoreRepeat(other, side(POND, 0), undefined, undefined, undefined, always).verdict).toBe(
      "same_person_other_matter",
    );
  });

  it("keeps the rules' reasons on the screen when it decides", () => {
    const rules = scoreRepeat(side(POND_AGAIN, 35), side(POND, 0), undefined, undefined, undefined, null);
    const learned = scoreRepeat(
      side(POND_AGAIN, 35),
      side(POND, 0),
      undefined,
      undefined,
      undefined,
      () => false,
    );
    expect(learned.verdict).toBe("same_person_other_matter");
    expect(learned.matterReasons).toEqual(rules.matterReasons);
    expect(learned.personReasons).toEqual(rules.personReasons);
  });

  it("is on by default: the check decides the same person's matter by the model", () => {
    expect(USE_LEARNED_DECISION).toBe(true);
    expect(DEFAULT_SAME_MATTER).toBe(LEARNED_SAME_MATTER);
    // The default follows the decision it is given: told "another matter", the same pair differs.
    const told = scoreRepeat(
      side(POND_AGAIN, 35),
      side(POND, 0),
      undefined,
      undefined,
      undefined,
      () => false,
    );
    const shipped = scoreRepeat(side(POND_AGAIN, 35), side(POND, 0));
    expect(shipped.verdict).not.toBe(told.verdict);
    expect(shipped.verdict).toBe(
      scoreRepeat(side(POND_AGAIN, 35), side(POND, 0), undefined, undefined, undefined, LEARNED_SAME_MATTER)
        .verdict,
    );
  });
});

describe("the model file", () => {
  it("holds a weight, a mean and a scale for every feature, in the features' order", () => {
    expect(REPEAT_MODEL.kind).toBe("repeat-logistic");
    expect(REPEAT_MODEL.features).toEqual([...REPEAT_FEATURES]);
    for (const xs of [REPEAT_MODEL.weights, REPEAT_MODEL.mean, REPEAT_MODEL.scale])
      expect(xs).toHaveLength(REPEAT_FEATURES.length);
    expect(REPEAT_MODEL.scale.every((x) => x > 0)).toBe(true);
    expect(REPEAT_MODEL.threshold).toBeGreaterThan(0);
    expect(REPEAT_MODEL.threshold).toBeLessThan(1);
    // Read as the file is on disk, not only through the import.
    const onDisk = JSON.parse(fs.readFileSync(new URL("./repeat-model.json", import.meta.url), "utf8"));
    expect(onDisk.weights).toEqual(REPEAT_MODEL.weights);
  });

  it("gives each pair's features in range", () => {
    const f = repeatFeatures(assessRepeat(side(POND_AGAIN, 35), side(POND, 0)).evidence);
    expect(f).toHaveLength(REPEAT_FEATURES.length);
    expect(f.every((x) => Number.isFinite(x) && x >= 0 && x <= 1.5)).toBe(true);
    expect(f[REPEAT_FEATURES.indexOf("days_31_90")]).toBe(1);
    expect(f[REPEAT_FEATURES.indexOf("same_category")]).toBe(1);
  });
});

describe("the logistic regression", () => {
  const x = [
    [0.9, 1],
    [0.8, 0],
    [0.7, 1],
    [0.2, 0],
    [0.1, 1],
    [0.3, 0],
    [0.6, 0],
    [0.4, 1],
  ];
  const y = [1, 1, 1, 0, 0, 0, 1, 0];

  it("learns which way a feature points, and gives the same weights every time", () => {
    const a = trainLogistic(x, y, ["sim", "noise"]);
    const b = trainLogistic(x, y, ["sim", "noise"]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(a.weights[1]!)).toBeLessThan(a.weights[0]!);
    expect(logisticProbability(a, [0.85, 0])).toBeGreaterThan(0.8);
    expect(logisticProbability(a, [0.15, 0])).toBeLessThan(0.2);
  });

  it("is held back by the L2 penalty", () => {
    const loose = trainLogistic(x, y, ["sim", "noise"], { l2: 0.001, iterations: 12 });
    const tight = trainLogistic(x, y, ["sim", "noise"], { l2: 1, iterations: 12 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });
});
