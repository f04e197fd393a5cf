import { describe, expect, it } from "vitest";
import { loadRulePack, RulePackError, resolveRulePack } from "./rule-pack.ts";

/** The report-up clock in hours and the hearing pause, as rule-pack data. */
const national = loadRulePack("national-2022");
const root = {
  id: "root",
  title: "root",
  warnDaysBeforeBreach: 3,
  limits: national.limits,
  accusations: { forwardTo: "纪委监委" },
};
const read = (packs: Record<string, unknown>) => (name: string) => {
  if (!(name in packs)) throw new RulePackError(name, "not found");
  return packs[name];
};

describe("rule packs: report up and hearings", () => {
  it("ship a report-up clock in hours, tighter in the county pack, and leave hearing time out of handling", () => {
    expect(national.reportUp.withinHours).toBe(24);
    expect(loadRulePack("county-internal").reportUp.withinHours).toBe(2);
    // A pack that says nothing about report-up inherits its parent's.
    expect(loadRulePack("zhejiang").reportUp.withinHours).toBe(24);
    expect(national.limits.handling.pausesOn).toEqual(["hearing"]);
    expect(national.limits.reexamDecision.pausesOn).toEqual(["hearing"]);
  });

  it("default a root pack without reportUp to 24 hours, and let a child replace it", () => {
    const packs = { root, child: { id: "child", title: "c", extends: "root", reportUp: { withinHours: 6 } } };
    expect(resolveRulePack("root", read(packs)).reportUp.withinHours).toBe(24);
    expect(resolveRulePack("child", read(packs)).reportUp.withinHours).toBe(6);
  });

  it("refuse hours that are not a whole number from 1 to 720, naming the field", () => {
    for (const withinHours of [0, 1.5, 721, "2"]) {
      const packs = { bad: { ...root, id: "bad", reportUp: { withinHours } } };
      expect(() => resolveRulePack("bad", read(packs)), String(withinHours)).toThrow(/reportUp\.withinHours/);
    }
    const extra = { bad: { ...root, id: "bad", reportUp: { withinHours: 2, days: 1 } } };
    expect(() => resolveRulePack("bad", read(extra))).toThrow(RulePackError);
  });
});
