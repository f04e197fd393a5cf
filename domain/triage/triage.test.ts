import { describe, expect, it } from "vitest";
import { generatePairs, generatePetitions } from "./corpus/generate.ts";
import { TEMPLATES } from "./corpus/templates.ts";
import { predictNaiveBayes, trainNaiveBayes } from "./naive-bayes.ts";
import { applyRules, CATEGORY_RULES, routeOutFlags } from "./rules.ts";
import { accuracy, suggestTriage } from "./suggest.ts";

const toy = trainNaiveBayes([
  { tokens: ["工资", "拖欠", "农民工"], label: "wages" },
  { tokens: ["工资", "包工头", "讨薪"], label: "wages" },
  { tokens: ["征地", "补偿", "耕地"], label: "land" },
  { tokens: ["拆迁", "补偿", "安置"], label: "land" },
]);

describe("naive Bayes", () => {
  it("ranks the class whose words the text uses, with those words as the reason", () => {
    const [first, second] = predictNaiveBayes(toy, ["拖欠", "工资", "补偿"]);
    expect(first!.label).toBe("wages");
    expect(first!.topWords).toEqual(expect.arrayContaining(["拖欠", "工资"]));
    expect(first!.topWords).not.toContain("补偿");
    expect(first!.probability + second!.probability).toBeCloseTo(1);
  });

  it("falls back to the priors for unknown words and gives the same model for the same examples", () => {
    const p = predictNaiveBayes(toy, ["火星"]);
    expect(p[0]!.probability).toBeCloseTo(0.5);
    expect(
      JSON.stringify(
        trainNaiveBayes([
          { tokens: ["b"], label: "y" },
          { tokens: ["a"], label: "x" },
        ]),
      ),
    ).toBe(
      JSON.stringify(
        trainNaiveBayes([
          { tokens: ["a"], label: "x" },
          { tokens: ["b"], label: "y" },
        ]),
      ),
    );
  });
});

describe("keyword rules", () => {
  it("name the words that fired and rank by hits", () => {
    const hits = applyRules(CATEGORY_RULES, "老板拖欠农民工工资，包工头跑了");
    expect(hits[0]).toEqual({ label: "labor.wage_arrears", hits: ["农民工", "工资", "包工头"], score: 3 });
  });

  it("route court matters and officials' misconduct out of the petition channel", () => {
    expect(routeOutFlags("对法院判决不服，申请再审", null).map((f) => f.route)).toEqual(["legal_channel"]);
    expect(routeOutFlags("村会计挪用集体资金", null).map((f) => f.route)).toEqual(["discipline_inspection"]);
    expect(routeOutFlags("建议增开公交线路", null)).toEqual([]);
  });

  it("suggest on a cold start, without a model, from the rules alone", () => {
    const s = suggestTriage({ text: "举报村支书截留低保金", tokens: [] }, null);
    expect(s.nature[0]).toMatchObject({ value: "accusation", source: "rules" });
    expect(s.legalClass[0]!.value).toBe("accusation");
    expect(s.protectFromAccused).toBe(true);
  });
});

describe("the labelled set", () => {
  it("has at least 300 petitions over every seeded leaf category and all five natures", () => {
    const ps = generatePetitions();
    expect(ps.length).toBeGreaterThanOrEqual(300);
    expect(new Set(ps.map((p) => p.category)).size).toBe(27);
    expect(new Set(ps.map((p) => p.nature))).toEqual(
      new Set(["request", "suggestion", "appeal", "accusation", "inquiry"]),
    );
    expect(ps.every((p) => !/[{}]/.test(p.text))).toBe(true);
    expect(generatePetitions()).toEqual(ps);
  });

  it("has repeat pairs of every kind, labelled consistently", () => {
    const pairs = generatePairs();
    const kinds = new Set(pairs.map((p) => p.kind));
    expect(kinds.size).toBe(5);
    for (const p of pairs) {
      if (p.isRepeat) expect(p.isSameMatter).toBe(true);
      if (p.kind === "same_matter_different_person") expect(p.a.phoneIndexes).not.toEqual(p.b.phoneIndexes);
    }
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(81);
  });

  it("computes top-1 and top-3 accuracy", () => {
    expect(accuracy([["a", "b"], ["c", "a", "b"], ["x"]], ["a", "b", "a"])).toEqual({
      n: 3,
      top1: 1 / 3,
      top3: 2 / 3,
    });
  });
});
