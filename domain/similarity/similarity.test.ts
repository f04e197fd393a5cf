import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePairs } from "../triage/corpus/generate.ts";
import { entityAgreement, extractEntities } from "./entities.ts";
import { bandKeys, minHash, minHashSimilarity } from "./minhash.ts";
import {
  isSurelyUnrelated,
  type MatterFacts,
  personReasons,
  scoreByRules,
  textProfile,
  textSimilarity,
} from "./repeat.ts";
import {
  charBigramKeys,
  charShingles,
  jaccard,
  jaccardOrOverlap,
  normalizeText,
  overlap,
} from "./shingles.ts";
import { hammingDistance, simHash, simHashSimilarity } from "./simhash.ts";

describe("shingles and set similarity", () => {
  it("normalises full-width digits, case and punctuation before shingling", () => {
    expect(normalizeText("拖欠 工资１２万元，ABC！")).toBe("拖欠工资12万元abc");
    expect([...charShingles("拖欠工资")]).toEqual(["拖欠", "欠工", "工资"]);
    expect([...charShingles("欠")]).toEqual(["欠"]);
    expect(charShingles("，。").size).toBe(0);
  });

  it("computes Jaccard and overlap, with 0 for empty sets", () => {
    const a = new Set(["a", "b", "c"]);
    const b = new Set(["b", "c", "d"]);
    expect(jaccard(a, b)).toBeCloseTo(0.5);
    expect(overlap(new Set(["b"]), b)).toBe(1);
    expect(jaccard(new Set(), b)).toBe(0);
  });

  it("keeps Jaccard symmetric and in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 20 }),
        fc.array(fc.string(), { maxLength: 20 }),
        (x, y) => {
          const a = new Set(x);
          const b = new Set(y);
          const j = jaccard(a, b);
          return j >= 0 && j <= 1 && j === jaccard(b, a);
        },
      ),
    );
  });

  it("counts the shared elements once for Jaccard and weighted overlap, to the same bit as each apart", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        (x, y) => {
          const a = new Set(x);
          const b = new Set(y);
          return jaccardOrOverlap(a, b, 0.7) === Math.max(jaccard(a, b), 0.7 * overlap(a, b));
        },
      ),
    );
  });
});

describe("MinHash", () => {
  it("estimates the Jaccard similarity of two sets within a few points", () => {
    const a = new Set(Array.from({ length: 400 }, (_, i) => `w${i}`));
    const b = new Set(Array.from({ length: 400 }, (_, i) => `w${i + 100}`)); // 300 shared of 500
    const est = minHashSimilarity(minHash(a, 256), minHash(b, 256));
    expect(est).toBeGreaterThan(0.5);
    expect(est).toBeLessThan(0.7);
    expect(minHashSimilarity(minHash(a, 64), minHash(a, 64))).toBe(1);
  });

  it("gives identical sets the same band keys and refuses a length that does not divide", () => {
    const s = minHash(["甲", "乙", "丙"], 32);
    expect(bandKeys(s, 8)).toEqual(bandKeys(minHash(["丙", "甲", "乙"], 32), 8));
    expect(() => bandKeys(s, 5)).toThrow();
  });
});

describe("SimHash", () => {
  it("puts near-duplicates a few bits apart and unrelated texts far apart", () => {
    const base = [...charShingles("宏达建筑公司拖欠我们十二名农民工工资共计十二万元，请求督促支付")];
    const near = [...charShingles("宏达建筑公司拖欠我们十二名农民工工资共计十二万元，恳请督促支付")];
    const far = [...charShingles("建议县城增开公交线路，方便群众出行看病办事")];
    expect(hammingDistance(simHash(base), simHash(base))).toBe(0);
    expect(hammingDistance(simHash(base), simHash(near))).toBeLessThan(
      hammingDistance(simHash(base), simHash(far)),
    );
    expect(simHashSimilarity(simHash(base), simHash(near))).toBeGreaterThan(0.8);
    expect(() => hammingDistance("xyz", simHash(base))).toThrow();
  });
});

describe("entities", () => {
  it("finds companies and places, and tells the same one apart from another (sums are no names: a follow-up changes them)", () => {
    const a = extractEntities("我们在滨河花园小区为宏达建筑工程有限公司干活，欠工资12万元");
    const b = extractEntities("去年在滨河花园小区工地，施工方是宏达建筑工程有限公司，欠12万元");
    const c = extractEntities("我们在翠湖名苑为恒泰建材厂干活，欠工资3.6万元");
    expect(entityAgreement(a, b).conflict).toEqual([]);
    expect(entityAgreement(a, b).agree.sort()).toEqual(["org", "place"]);
    expect(entityAgreement(a, c).conflict.sort()).toEqual(["org", "place"]);
  });
});

function facts(text: string, person: string, extra: Partial<MatterFacts> = {}): MatterFacts {
  return {
    idIndexes: [`id-${person}`],
    phoneIndexes: [],
    nameAddresses: [{ name: person, address: "甲村一组" }],
    categoryId: "wages",
    categoryParentId: "labor",
    problemRegionCode: "990001001001",
    text,
    tokens: text.split(/[，。]/),
    ...extra,
  };
}

describe("scoreByRules", () => {
  const letter =
    "我们十二名农民工在滨河花园小区为宏达建筑工程有限公司干活，老板拖欠工资共计12万元，请求督促支付。";
  const reworded =
    "滨河花园小区的宏达建筑工程有限公司到现在还欠我们十二个人的工钱12万元，恳请政府帮忙讨回血汗钱。";

  it("calls the same person on the same matter a likely repeat, with the reasons", () => {
    const s = scoreByRules(facts(reworded, "王"), facts(letter, "王"));
    expect(s.verdict).toBe("likely_repeat");
    expect(s.personReasons).toEqual(["same_id_number", "same_name_address"]);
    expect(s.matterReasons).toEqual(
      expect.arrayContaining(["same_category", "same_region", "same_names", "similar_text"]),
    );
  });

  it("tells the same matter from another person apart from a repeat", () => {
    const s = scoreByRules(facts(reworded, "李"), facts(letter, "王"));
    expect(s.verdict).toBe("same_matter_other_person");
    expect(s.personReasons).toEqual([]);
  });

  it("does not make a matter the same because of category and place alone", () => {
    const other = "邻居翻修房子把院墙砌到我家宅基地上，堵住排水沟。";
    const s = scoreByRules(facts(other, "王"), facts(letter, "王"));
    expect(s.verdict).toBe("same_person_other_matter");
    expect(s.matterScore).toBeLessThan(0.2);
  });

  it("lowers the score when the same words name another company and sum", () => {
    const otherCompany = letter.replace("宏达建筑工程有限公司", "恒泰建材厂").replace("12万元", "3.6万元");
    const same = scoreByRules(facts(letter, "王"), facts(letter, "王"));
    const other = scoreByRules(facts(otherCompany, "王"), facts(letter, "王"));
    expect(other.matterReasons).toContain("different_names");
    expect(other.matterScore).toBeLessThan(same.matterScore);
  });

  it("scores any names, addresses and texts people type without throwing, either way round", () => {
    const typed = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.constantFrom("张三(代)", "{{王五}}", "李{2}四$", "李四\\", "[赵六", "*", "?", "+", "^$", "|", "\\u"),
    );
    const side = (name: string, address: string, said: string, body: string, phone: boolean): MatterFacts => {
      const text = `我是${said}，${body}`;
      return {
        idIndexes: [],
        phoneIndexes: phone ? ["ph-1"] : [],
        nameAddresses: [{ name, address }],
        categoryId: "wages",
        categoryParentId: "labor",
        problemRegionCode: "990001001001",
        text,
        tokens: text.split(/[，。]/),
      };
    };
    const sideArb = fc
      .tuple(typed, typed, typed, fc.constantFrom(letter, reworded, ""), fc.boolean())
      .map(([n, a, said, body, phone]) => side(n, a, said, body, phone));
    fc.assert(
      fc.property(sideArb, sideArb, (f, g) => {
        for (const s of [scoreByRules(f, g), scoreByRules(g, f)]) {
          expect(s.matterScore).toBeGreaterThanOrEqual(0);
          expect(s.matterScore).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("the repeat check's shortcuts give the same answers", () => {
  it("numbered bigrams are the string bigrams one for one, so Jaccard is unchanged", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ unit: "grapheme", maxLength: 40 }),
        (x, y) => {
          expect(charBigramKeys(x).size).toBe(charShingles(x).size);
          expect(jaccard(charBigramKeys(x), charBigramKeys(y))).toBeCloseTo(
            jaccard(charShingles(x), charShingles(y)),
            12,
          );
        },
      ),
    );
    expect(charBigramKeys("欠").size).toBe(1);
    expect(charBigramKeys("，。").size).toBe(0);
  });

  it("a candidate dropped early is one scoreByRules calls unrelated, on every labelled pair and its strangers", () => {
    const pairs = generatePairs();
    const side = (s: (typeof pairs)[number]["a"], anonymous: boolean): MatterFacts => ({
      idIndexes: anonymous ? [] : s.idIndexes,
      phoneIndexes: anonymous ? [] : s.phoneIndexes,
      nameAddresses: anonymous ? [] : s.nameAddresses,
      categoryId: s.category,
      categoryParentId: s.category.split(".")[0]!,
      problemRegionCode: s.regionCode,
      text: `${s.title}\n${s.text}`,
      tokens: Array.from(`${s.title}${s.text}`.matchAll(/\p{Script=Han}{2}/gu), (m) => m[0]),
    });
    let dropped = 0;
    for (const [i, p] of pairs.entries()) {
      const stranger = pairs[(i * 37 + 11) % pairs.length]!.b;
      for (const [a, b] of [
        [side(p.a, false), side(p.b, false)],
        [side(p.a, true), side(stranger, true)],
      ] as const) {
        const pa = textProfile(a.text, a.tokens);
        const pb = textProfile(b.text, b.tokens);
        const early = isSurelyUnrelated(personReasons(a, b).length > 0, textSimilarity(pa, pb));
        if (early) {
          dropped++;
          expect(scoreByRules(a, b).verdict).toBe("unrelated");
        }
      }
    }
    expect(dropped).toBeGreaterThan(0);
  });
});
