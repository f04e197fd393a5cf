import { describe, expect, it } from "vitest";
import { ZTriageChoice } from "../../../../domain/schemas/triage.ts";
import { format } from "../../../i18n/locale.tsx";
import { MESSAGES } from "../../../i18n/messages.ts";
import {
  applicable,
  percent,
  type TriageSuggestion,
  type TriageUnit,
  toTriageChoice,
  toTriageRequest,
  UNIT_SOURCE_KEYS,
  unitReason,
} from "./triage-view.ts";

const suggestion = (notSure: boolean): TriageSuggestion => ({
  nature: [{ value: "request", score: 0.8, source: "model", topWords: [], ruleHits: [] }],
  legalClass: [],
  category: [
    {
      value: "labor.wage_arrears",
      score: notSure ? 0.4 : 0.9,
      source: "model",
      topWords: [],
      ruleHits: [],
      categoryId: "c1",
      name: "拖欠工资",
    },
  ],
  handlingUnit: null,
  unitOptions: [],
  notSure,
  notSureZh: notSure ? "不确定，请人工判断" : null,
  routeOut: [],
  routeOutNotSure: [],
  protectFromAccused: false,
  model: null,
});

describe("the registration screen's triage request and view", () => {
  it("asks nothing until the content says enough, and sends only title, content and region", () => {
    expect(toTriageRequest({ content: "  工资  " })).toBeNull();
    expect(toTriageRequest({ title: "x", content: "" })).toBeNull();
    expect(
      toTriageRequest({
        title: " 欠薪 ",
        content: "老板拖欠三个月工资不给",
        problemRegionCode: "990001001001",
      }),
    ).toEqual({
      title: "欠薪",
      content: "老板拖欠三个月工资不给",
      problemRegionCode: "990001001001",
    });
    expect(toTriageRequest({ title: "  ", content: "老板拖欠三个月工资不给" })).toEqual({
      content: "老板拖欠三个月工资不给",
    });
  });

  it("offers the first category only when the model is sure", () => {
    expect(applicable(suggestion(false))).toEqual({ nature: "request", categoryId: "c1" });
    expect(applicable(suggestion(true))).toEqual({ nature: "request", categoryId: null });
  });

  it("names every unit source in Chinese and English, without a code name", () => {
    for (const key of Object.values(UNIT_SOURCE_KEYS)) {
      expect(MESSAGES[key].zh).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(MESSAGES[key].en).toMatch(/^[A-Z][a-z' -]+$/);
    }
    expect(percent(0.456)).toBe(46);
    expect(percent(1.2)).toBe(100);
  });
});

describe("the reason shown for a suggested unit", () => {
  const zh = (key: keyof typeof MESSAGES, vars?: Record<string, string | number>) =>
    format(MESSAGES[key].zh, vars);
  const en = (key: keyof typeof MESSAGES, vars?: Record<string, string | number>) =>
    format(MESSAGES[key].en, vars);
  const unit = (over: Partial<TriageUnit>): TriageUnit => ({
    unitId: "u",
    unitName: "县人社局",
    source: "catalogue",
    ruleId: "r",
    byParentCategory: false,
    reason: "派单目录",
    count: null,
    ...over,
  });
  it("spells out the catalogue's rule with the category, its parent and the place", () => {
    expect(unitReason(unit({}), "拖欠工资", zh)).toBe("派单目录规定「拖欠工资」类事项由县人社局承办");
    expect(
      unitReason(unit({ byParentCategory: true, reason: "派单目录（按属地 990001002）" }), "拖欠工资", zh),
    ).toBe("派单目录规定「拖欠工资」类事项由县人社局承办（按上级类别），按问题属地");
    expect(unitReason(unit({}), "Wage arrears", en)).toBe(
      "The routing catalogue sends Wage arrears to 县人社局",
    );
  });
  it("keeps the server's reason for the bureau's practice and a route-out body, and names the source in English", () => {
    const practice = unit({
      source: "practice",
      reason: "本局同类同乡镇事项 4 件中 3 件交此单位办理",
      count: 3,
    });
    expect(unitReason(practice, "拖欠工资", zh)).toBe("本局同类同乡镇事项 4 件中 3 件交此单位办理");
    expect(unitReason(practice, "Wage arrears", en)).toBe("The bureau's practice: 县人社局");
  });
});

describe("the registrar's choice sent back after saving", () => {
  const saved = { nature: "request" as const, legalClass: "appeal_request" as const, categoryId: "c1" };
  const withUnit = (notSure: boolean): TriageSuggestion => ({
    ...suggestion(notSure),
    handlingUnit: {
      unitId: "u1",
      unitName: "县人社局",
      source: "catalogue",
      ruleId: "r1",
      byParentCategory: false,
      reason: "派单目录",
      count: null,
    },
  });

  it("says 采用 when the saved category is the one offered, with what was shown", () => {
    expect(toTriageChoice(saved, withUnit(false))).toEqual({
      ...saved,
      shown: { outcome: "accepted", nature: "request", categoryId: "c1", unitId: "u1", notSure: false },
    });
  });

  it("says 改选 when the registrar chose another category", () => {
    expect(toTriageChoice({ ...saved, categoryId: "c2" }, withUnit(false))?.shown).toEqual({
      outcome: "changed",
      nature: "request",
      categoryId: "c1",
      unitId: "u1",
      notSure: false,
    });
  });

  it("says 无建议 when the panel offered no category (不确定) or showed nothing", () => {
    expect(toTriageChoice(saved, withUnit(true))?.shown).toEqual({
      outcome: "no_suggestion",
      nature: "request",
      categoryId: null,
      unitId: "u1",
      notSure: true,
    });
    expect(toTriageChoice(saved, null)?.shown).toEqual({
      outcome: "no_suggestion",
      nature: null,
      categoryId: null,
      unitId: null,
      notSure: false,
    });
  });

  it("is what the endpoint accepts, in each of the three outcomes", () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const s = withUnit(false);
    s.category[0]!.categoryId = id(1);
    s.handlingUnit!.unitId = id(9);
    for (const categoryId of [id(1), id(2)])
      expect(ZTriageChoice.safeParse(toTriageChoice({ ...saved, categoryId }, s)).success).toBe(true);
    expect(ZTriageChoice.safeParse(toTriageChoice({ ...saved, categoryId: id(2) }, null)).success).toBe(true);
  });

  it("sends the legal class that follows from the nature when registration left it empty", () => {
    expect(toTriageChoice({ ...saved, legalClass: null }, null)?.legalClass).toBe("appeal_request");
    expect(toTriageChoice({ ...saved, nature: "suggestion", legalClass: null }, null)?.legalClass).toBe(
      "suggestion",
    );
    expect(
      toTriageChoice({ ...saved, nature: "accusation", legalClass: "accusation" }, null)?.legalClass,
    ).toBe("accusation");
  });

  it("sends nothing when the registrar chose no category or nature", () => {
    expect(toTriageChoice({ ...saved, categoryId: null }, withUnit(false))).toBeNull();
    expect(toTriageChoice({ ...saved, nature: null }, withUnit(false))).toBeNull();
  });
});
