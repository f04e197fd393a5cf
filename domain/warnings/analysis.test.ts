import { describe, expect, it } from "vitest";
import { detectCollectiveForming } from "./collective.ts";
import { addDays, weekStart } from "./dates.ts";
import { detectLevelSkipping, groupMatters, type MatterInputCase } from "./level-skipping.ts";
import { extractOrgNames, normaliseOrgName } from "./org-names.ts";
import { countDistinctPersons } from "./persons.ts";
import { poissonUpperTail } from "./poisson.ts";
import { detectPeriodClusters } from "./sensitive-periods.ts";
import { DEFAULT_WARNING_SETTINGS as S, warningSettingsFrom } from "./settings.ts";
import { detectSpikes, spikeTest } from "./spikes.ts";
import { detectThreats } from "./threats.ts";
import type { AnalysisCase } from "./types.ts";

let seq = 0;
function ac(receivedOn: string, over: Partial<AnalysisCase> = {}): AnalysisCase {
  seq += 1;
  return {
    id: `case-${String(seq).padStart(4, "0")}`,
    receivedOn,
    categoryKey: "labor",
    categoryLabel: "劳资纠纷",
    regionKey: "c.t1",
    regionLabel: "甲镇",
    destinationLevel: "county",
    ...over,
  };
}

// Wednesday 4 March 2026; its ISO week starts on Monday 2 March.
const TODAY = "2026-03-04";

describe("the one-sided Poisson tail", () => {
  it("gives the hand-worked values", () => {
    // P(X ≥ 6 | λ=1) = 1 − e⁻¹(1 + 1 + 1/2 + 1/6 + 1/24 + 1/120) = 1 − 0.367879 × 2.716667 = 0.000594
    expect(poissonUpperTail(6, 1)).toBeCloseTo(0.000594, 6);
    // P(X ≥ 6 | λ=4) = 1 − e⁻⁴(1 + 4 + 8 + 10.667 + 10.667 + 8.533) = 1 − 0.0183156 × 42.8667 = 0.21487
    expect(poissonUpperTail(6, 4)).toBeCloseTo(0.21487, 4);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(() => poissonUpperTail(-1, 1)).toThrow(RangeError);
  });
});

describe("spikes of one category in one township", () => {
  it("states the test: x ≥ min count and P(X ≥ x | λ = max(mean, floor)) < threshold", () => {
    expect(spikeTest(6, [1, 1, 1, 1, 1, 1, 1, 1], S)).toMatchObject({ isSpike: true, expected: 1 });
    expect(spikeTest(6, [4, 4, 4, 4, 4, 4, 4, 4], S).isSpike).toBe(false);
    // No history: λ = the 0.5 floor; P(X ≥ 4 | 0.5) = 1 − e^−0.5 × 1.645833 = 0.00175 < 0.01, but 4 < 5 cases.
    const quiet = spikeTest(4, [0, 0, 0, 0, 0, 0, 0, 0], S);
    expect(quiet.pValue).toBeCloseTo(0.00175, 5);
    expect(quiet.isSpike).toBe(false);
  });

  it("fires for a week far above the usual level and not for a normal week", () => {
    const cases: AnalysisCase[] = [];
    const monday = weekStart(TODAY);
    expect(monday).toBe("2026-03-02");
    for (let w = 1; w <= 8; w++) {
      // 甲镇 labour: one case a week; 乙乡 labour: four a week.
      cases.push(ac(addDays(monday, -7 * w + 2)));
      for (let i = 0; i < 4; i++)
        cases.push(ac(addDays(monday, -7 * w + 1), { regionKey: "c.t2", regionLabel: "乙乡" }));
    }
    const spikeIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = ac(i < 3 ? monday : TODAY);
      spikeIds.push(c.id);
      cases.push(c, ac(TODAY, { regionKey: "c.t2", regionLabel: "乙乡" }));
    }
    cases.push(ac(addDays(TODAY, 1))); // tomorrow: not counted
    const found = detectSpikes(cases, TODAY, S);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: "spike",
      subjectKey: "labor|c.t1",
      subjectLabel: "劳资纠纷 · 甲镇",
      windowStart: "2026-03-02",
      windowEnd: "2026-03-08",
      caseIds: spikeIds.sort(),
      figures: { count: 6, historyWeeks: 8, mean: 1, expected: 1, pValue: 0.000594 },
    });
  });
});

describe("collective petition forming", () => {
  const company = "某某建筑公司";
  const person = (n: number) => [`id-${n}`, `phone-${n}`];

  it("fires for three different people about the same company within five days", () => {
    const cases = [
      { id: "a", receivedOn: "2026-02-28", orgNames: [company], petitioners: [person(1)] },
      { id: "b", receivedOn: "2026-03-02", orgNames: [company, "城南安置房项目"], petitioners: [person(2)] },
      { id: "c", receivedOn: "2026-03-04", orgNames: [company], petitioners: [person(3)] },
      { id: "d", receivedOn: "2026-03-04", orgNames: ["别的公司"], petitioners: [person(4)] },
    ];
    expect(detectCollectiveForming(cases, TODAY, S)).toEqual([
      {
        kind: "collective_forming",
        subjectKey: company,
        subjectLabel: company,
        windowStart: "2026-02-28",
        windowEnd: "2026-03-04",
        caseIds: ["a", "b", "c"],
        figures: { persons: 3, cases: 3, windowDays: 5 },
      },
    ]);
  });

  it("does not fire for three cases of the same person, nor for cases spread beyond the window", () => {
    const same = [
      { id: "a", receivedOn: "2026-03-02", orgNames: [company], petitioners: [["id-1", "phone-1"]] },
      { id: "b", receivedOn: "2026-03-03", orgNames: [company], petitioners: [["phone-1"]] },
      { id: "c", receivedOn: "2026-03-04", orgNames: [company], petitioners: [["id-1"]] },
    ];
    expect(detectCollectiveForming(same, TODAY, S)).toEqual([]);
    const spread = [
      { id: "a", receivedOn: "2026-02-27", orgNames: [company], petitioners: [person(1)] },
      { id: "b", receivedOn: "2026-03-02", orgNames: [company], petitioners: [person(2)] },
      { id: "c", receivedOn: "2026-03-04", orgNames: [company], petitioners: [person(3)] },
    ];
    // 27 Feb is six days before 4 March: outside the five-day window (28 Feb – 4 Mar).
    expect(detectCollectiveForming(spread, TODAY, S)).toEqual([]);
  });

  it("counts people joined through any shared key once", () => {
    expect(countDistinctPersons([["a", "p"], ["p"], ["b"], [], ["b", "a"]])).toBe(1);
    expect(countDistinctPersons([["a"], ["b"], ["c", "d"], []])).toBe(3);
  });
});

describe("organisation and project names from tagged words", () => {
  const t = (pairs: string) =>
    pairs.split(" ").map((p) => {
      const [word, tag] = p.split("/");
      return { word: word!, tag: tag! };
    });

  it("takes the noun-like words before a type word and normalises the spelling", () => {
    expect(extractOrgNames(t("我/r 在/p 某某/r 建筑/n 有限公司/n 打工/v"))).toEqual(["某某建筑公司"]);
    expect(extractOrgNames(t("城南/ns 安置/v 房/n 项目/n 工地/n 拖欠/v 工程款/n"))).toEqual(
      ["城南安置房项目工地"].map(normaliseOrgName),
    );
    expect(extractOrgNames(t("红星/nz 机械厂/n 改制/v"))).toEqual(["红星机械厂"]);
    expect(extractOrgNames(t("在/p 宏达/nz 建筑/n 有限公司/n 工地/n 干活/v"))).toEqual(["宏达建筑公司"]);
  });

  it("ignores generic names that do not tell one company from another", () => {
    expect(extractOrgNames(t("物业公司/n 乱收费/n"))).toEqual([]);
    expect(extractOrgNames(t("反映/v 该/r 公司/n 欠薪/v"))).toEqual([]);
    expect(extractOrgNames(t("老板/n 拖欠/v 工资/n"))).toEqual([]);
  });
});

describe("threat words", () => {
  it("flags a recent case whose text holds a listed word, naming the words", () => {
    const found = detectThreats(
      [
        { id: "a", caseNumber: "XF1", receivedOn: TODAY, text: "再不解决就扬言去跳楼" },
        { id: "b", caseNumber: "XF2", receivedOn: TODAY, text: "请求协调解决工资" },
        { id: "c", caseNumber: "XF3", receivedOn: "2026-02-01", text: "扬言自焚" },
      ],
      TODAY,
      ["扬言", "跳楼", "自焚"],
      7,
    );
    expect(found).toEqual([
      expect.objectContaining({ subjectKey: "a", caseIds: ["a"], figures: { words: ["扬言", "跳楼"] } }),
    ]);
  });
});

describe("repeated level-skipping about one matter", () => {
  const mc = (
    id: string,
    receivedOn: string,
    level: MatterInputCase["destinationLevel"],
    keys: string[],
    cat = "land",
  ) => ({
    id,
    receivedOn,
    destinationLevel: level,
    categoryKey: cat,
    personKeys: keys,
  });

  it("groups linked cases and same-person same-category cases into one matter", () => {
    const cases = [
      mc("a", "2026-01-05", "county", ["p1"]),
      mc("b", "2026-02-01", "national", ["p1"]),
      mc("c", "2026-02-10", "provincial", ["p9"]),
      mc("d", "2026-02-11", "municipal", ["p1"], "labor"),
    ];
    expect(groupMatters(cases, [["c", "a"]])).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("fires for two skipping cases of one matter within the window, not for one, nor across matters", () => {
    const cases = [
      mc("a", "2026-01-05", "county", ["p1"]),
      mc("b", "2026-02-01", "national", ["p1"]),
      mc("c", "2026-03-03", "provincial", ["p2"]),
      mc("x", "2026-03-01", "national", ["p7"]),
      mc("y", "2026-03-02", "national", ["p8"]),
    ];
    const found = detectLevelSkipping(cases, [["c", "a"]], TODAY, S);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      subjectKey: "matter:a",
      caseIds: ["b", "c"],
      windowStart: "2026-02-01",
      windowEnd: "2026-03-03",
      figures: { skipping: 2, matterCases: 3, national: 1, provincial: 1, municipal: 0 },
    });
    expect(detectLevelSkipping(cases, [], TODAY, S)).toEqual([]);
  });
});

describe("clusters in sensitive periods", () => {
  const period = { id: "p1", name: "全国两会", startsOn: "2026-03-04", endsOn: "2026-03-15" };

  it("fires for three cases of one category in one township from the lead days to today", () => {
    const inside = [ac("2026-03-01"), ac("2026-03-03"), ac(TODAY)];
    const others = [ac("2026-02-28"), ac(TODAY, { categoryKey: "land" }), ac(TODAY, { regionKey: "c.t2" })];
    const found = detectPeriodClusters([...inside, ...others], [period], TODAY, S);
    expect(found).toEqual([
      expect.objectContaining({
        kind: "sensitive_period",
        subjectKey: "p1|labor|c.t1",
        subjectLabel: "全国两会 · 劳资纠纷 · 甲镇",
        windowStart: "2026-03-01",
        windowEnd: "2026-03-15",
        caseIds: inside.map((c) => c.id).sort(),
      }),
    ]);
    // Two cases only: no cluster; a period three weeks away: nothing yet.
    expect(detectPeriodClusters(inside.slice(1), [period], TODAY, S)).toEqual([]);
    expect(
      detectPeriodClusters(inside, [{ ...period, startsOn: "2026-03-25", endsOn: "2026-03-30" }], TODAY, S),
    ).toEqual([]);
  });
});

describe("settings", () => {
  it("falls back to the default for each missing or invalid stored value", () => {
    const s = warningSettingsFrom(
      new Map<string, unknown>([
        ["warning.spike_p_value", 0.001],
        ["warning.collective_min_persons", "many"],
        ["warning.threat_words", ["扬言"]],
      ]),
    );
    expect(s.spikePValue).toBe(0.001);
    expect(s.collectiveMinPersons).toBe(3);
    expect(s.threatWords).toEqual(["扬言"]);
  });
});
