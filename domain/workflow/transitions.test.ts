import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { renderStateDiagram, renderTransitionTable } from "./render-table.ts";
import { CASE_STATUSES } from "./statuses.ts";
import { CASE_ACTIONS, TRANSITIONS } from "./transitions.ts";

describe("the transition table", () => {
  it("only names statuses that exist, and every action has at least one source and one role", () => {
    for (const a of CASE_ACTIONS) {
      const t = TRANSITIONS[a];
      expect(t.from.length, a).toBeGreaterThan(0);
      expect(t.roles.length, a).toBeGreaterThan(0);
      for (const s of [...t.from, t.to]) expect(CASE_STATUSES).toContain(s);
    }
  });

  it("is shown in docs/WORKFLOW.md exactly as the code has it", () => {
    const doc = fs.readFileSync(new URL("../../docs/WORKFLOW.md", import.meta.url), "utf8");
    expect(doc).toContain(renderTransitionTable());
    expect(doc).toContain(renderStateDiagram());
  });
});
