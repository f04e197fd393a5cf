import { describe, expect, it } from "vitest";
import { format } from "../../../i18n/locale.tsx";
import { MESSAGES } from "../../../i18n/messages.ts";
import {
  applicable,
  percent,
  type TriageSuggestion,
  type TriageUnit,
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
