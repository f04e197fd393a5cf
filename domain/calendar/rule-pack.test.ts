import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { loadRulePack, RulePackError, resolveRulePack, type TRulePack } from "./rule-pack.ts";
import { computeDueDate } from "./time-limit.ts";
import { createWorkCalendar } from "./working-days.ts";

const national = loadRulePack("national-2022");

function limit(amount: number, unit: "calendar" | "working" = "calendar", starts = "acceptance") {
  return { amount, unit, starts };
}

/** A complete root pack in memory, so merge tests do not depend on the shipped numbers. */
const base = {
  id: "base",
  title: "base",
  warnDaysBeforeBreach: 3,
  limits: Object.fromEntries(Object.keys(national.limits).map((k) => [k, limit(10)])),
  accusations: { forwardTo: "上级纪检监察机关" },
};

function fromMemory(packs: Record<string, unknown>) {
  return (name: string) => {
    if (!(name in packs)) throw new RulePackError(name, "not found");
    return packs[name];
  };
}

describe("shipped rule packs", () => {
  it("load every file in rules/ without error", () => {
    const dir = new URL("../../rules/", import.meta.url);
    const names = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const file of names) expect(() => loadRulePack(file.replace(/\.json$/, "")), file).not.toThrow();
  });

  it("give the national 2022 defaults", () => {
    const l = national.limits;
    expect(l.firstDisposal).toMatchObject({ amount: 15, unit: "calendar", starts: "registration" });
    expect(l.objection).toMatchObject({ amount: 5, unit: "working" });
    expect(l.handling).toMatchObject({ amount: 60, unit: "calendar", starts: "acceptance" });
    expect(l.extensionMax.amount).toBe(30);
    expect(l.reexamDecision.pausesOn).toEqual(["hearing"]);
    expect(l.simplified).toMatchObject({ amount: 10, unit: "working" });
    expect(l.handling.holidayRollover).toBe(true);
    expect(national.warnDaysBeforeBreach).toBe(3);
    expect(national.lineage).toEqual(["national-2022"]);
  });

  it("make Zhejiang differ from national exactly on first disposal, handling and extension", () => {
    const zj = loadRulePack("zhejiang");
    expect(zj.limits.firstDisposal).toMatchObject({ amount: 5, unit: "working" });
    expect(zj.limits.handling.amount).toBe(30);
    expect(zj.limits.extensionMax.amount).toBe(60);
    const differing = (Object.keys(national.limits) as (keyof TRulePack["limits"])[]).filter(
      (k) => JSON.stringify(zj.limits[k]) !== JSON.stringify(national.limits[k]),
    );
    expect(differing.sort()).toEqual(["extensionMax", "firstDisposal", "handling"]);
    expect(zj.lineage).toEqual(["national-2022", "zhejiang"]);
    expect(zj.warnDaysBeforeBreach).toBe(national.warnDaysBeforeBreach);
  });

  it("give different handling due dates for the same acceptance day", () => {
    const calendar = createWorkCalendar();
    // Mon 2025-03-03 + 60 = Fri 05-02, inside Labour Day (05-01..05) → Tue 05-06.
    expect(computeDueDate(national.limits.handling, "2025-03-03", calendar)).toBe("2025-05-06");
    // Zhejiang: + 30 = Wed 04-02, a working day.
    expect(computeDueDate(loadRulePack("zhejiang").limits.handling, "2025-03-03", calendar)).toBe(
      "2025-04-02",
    );
  });

  it("give the county its internal targets by severity on top of the national limits", () => {
    const county = loadRulePack("county-internal");
    expect(county.internalTargets.urgent?.amount).toBe(3);
    expect(county.internalTargets.general?.amount).toBe(30);
    expect(county.internalTargets.major?.amount).toBe(60);
    expect(county.limits).toEqual(national.limits);
    expect(national.internalTargets).toEqual({});
  });
});

describe("merging packs", () => {
  it("replaces a parent's limit whole and inherits everything else", () => {
    const read = fromMemory({
      base: { ...base, limits: { ...base.limits, reexamDecision: { ...limit(30), pausesOn: ["hearing"] } } },
      child: {
        id: "child",
        title: "child",
        extends: "base",
        warnDaysBeforeBreach: 5,
        limits: { reexamDecision: limit(20), handling: limit(3, "working") },
        internalTargets: { major: limit(60, "calendar", "registration") },
      },
    });
    const pack = resolveRulePack("child", read);
    expect(pack.limits.reexamDecision).toEqual({ ...limit(20), holidayRollover: true });
    expect(pack.limits.handling.unit).toBe("working");
    expect(pack.limits.objection.amount).toBe(10);
    expect(pack.warnDaysBeforeBreach).toBe(5);
    expect(pack.internalTargets).toEqual({
      major: { ...limit(60, "calendar", "registration"), holidayRollover: true },
    });
  });

  it("follows a chain of extends, nearest pack winning", () => {
    const read = fromMemory({
      base,
      mid: { id: "mid", title: "mid", extends: "base", limits: { handling: limit(40), objection: limit(4) } },
      leaf: { id: "leaf", title: "leaf", extends: "mid", limits: { handling: limit(20) } },
    });
    const pack = resolveRulePack("leaf", read);
    expect(pack.limits.handling.amount).toBe(20);
    expect(pack.limits.objection.amount).toBe(4);
    expect(pack.lineage).toEqual(["base", "mid", "leaf"]);
    expect(pack.accusations.forwardTo).toBe("上级纪检监察机关");
  });

  it("names where accusations against the county's own chain go, and a root pack must say it", () => {
    expect(national.accusations.forwardTo).toBe("县纪委监委");
    expect(loadRulePack("zhejiang").accusations).toEqual(national.accusations);
    const { accusations: _, ...silent } = base;
    expect(() => resolveRulePack("base", fromMemory({ base: silent }))).toThrow(/accusations/);
  });
});

describe("invalid packs", () => {
  it("name the bad field in the error", () => {
    const read = fromMemory({
      base,
      bad: { id: "bad", title: "bad", extends: "base", limits: { handling: { ...limit(60), amount: -5 } } },
    });
    expect(() => resolveRulePack("bad", read)).toThrow(/"bad".*limits\.handling\.amount/);
    const error = (() => {
      try {
        resolveRulePack("bad", read);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RulePackError);
    expect((error as RulePackError).fields).toEqual(["limits.handling.amount"]);
  });

  it("reject an unknown unit, an unknown start event and a misspelt step", () => {
    const bad = (limits: unknown) =>
      fromMemory({ base, x: { id: "x", title: "x", extends: "base", limits } });
    expect(() => resolveRulePack("x", bad({ handling: { ...limit(60), unit: "weeks" } }))).toThrow(
      /limits\.handling\.unit/,
    );
    expect(() => resolveRulePack("x", bad({ handling: { ...limit(60), starts: "whenever" } }))).toThrow(
      /limits\.handling\.starts/,
    );
    expect(() => resolveRulePack("x", bad({ handlng: limit(60) }))).toThrow(/handlng/);
  });

  it("reject a root pack that leaves a step without a limit", () => {
    const { simplified: _dropped, ...rest } = base.limits;
    expect(() => resolveRulePack("base", fromMemory({ base: { ...base, limits: rest } }))).toThrow(
      /limits\.simplified/,
    );
  });

  it("reject a root pack without warnDaysBeforeBreach", () => {
    const { warnDaysBeforeBreach: _dropped, ...rest } = base;
    expect(() => resolveRulePack("base", fromMemory({ base: rest }))).toThrow(/warnDaysBeforeBreach/);
  });

  it("reject an extends cycle, a missing parent and an id that does not match the name", () => {
    const cycle = fromMemory({
      a: { id: "a", title: "a", extends: "b" },
      b: { id: "b", title: "b", extends: "a" },
    });
    expect(() => resolveRulePack("a", cycle)).toThrow(/cycle: a → b → a$/);
    const orphan = fromMemory({ o: { id: "o", title: "o", extends: "nowhere" } });
    expect(() => resolveRulePack("o", orphan)).toThrow(/"nowhere": not found/);
    expect(() => resolveRulePack("base", fromMemory({ base: { ...base, id: "other" } }))).toThrow(
      /id is "other"/,
    );
  });

  it("refuse a pack name that could escape the rules folder, before reading anything", () => {
    const read = vi.fn();
    expect(() => resolveRulePack("../secrets", read)).toThrow(/invalid pack name/);
    expect(() => loadRulePack("../../package")).toThrow(RulePackError);
    expect(read).not.toHaveBeenCalled();
  });

  it("report a missing file or broken JSON by pack name when loading from disk", () => {
    const dir = mkdtempSync(join(tmpdir(), "rule-packs-"));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const url = pathToFileURL(dir);
    expect(() => loadRulePack("broken", url)).toThrow(/"broken": not valid JSON/);
    expect(() => loadRulePack("absent", url)).toThrow(/"absent": not found/);
  });
});
