import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { renderStateDiagram, renderTransitionTable, renderUnvettedRows } from "./render-table.ts";
import { CASE_STATUSES } from "./statuses.ts";
import { actionsFrom, CASE_ACTIONS, TRANSITIONS, transitionTable } from "./transitions.ts";

describe("the transition table", () => {
  it("only names statuses that exist, and every action has at least one source and one role", () => {
    for (const a of CASE_ACTIONS) {
      const t = TRANSITIONS[a];
      expect(t.from.length, a).toBeGreaterThan(0);
      for (const s of t.unvetted?.from ?? []) expect(CASE_STATUSES).toContain(s);
      expect(t.roles.length, a).toBeGreaterThan(0);
      for (const s of [...t.from, t.to]) expect(CASE_STATUSES).toContain(s);
    }
  });

  it("is shown in docs/WORKFLOW.md exactly as the code has it", () => {
    const doc = fs.readFileSync(new URL("../../docs/WORKFLOW.md", import.meta.url), "utf8");
    expect(doc).toContain(renderTransitionTable());
    expect(doc).toContain(renderStateDiagram());
    expect(doc).toContain(renderUnvettedRows());
  });

  it("without the bureau's vetting, has no vetting step and lets only the lead unit's signers serve the answer", () => {
    const vetted = { replyVettedByBureau: true };
    const unvetted = { replyVettedByBureau: false };
    const table = transitionTable(unvetted);
    expect(table.vet_accept.from).toEqual([]);
    expect(table.vet_redo.from).toEqual([]);
    expect(table.reply).toMatchObject({ from: ["result_reported", "vetted"], to: "replied", unit: "lead" });
    // A result reported: the bureau office vets it, or the unit's head serves it.
    expect(actionsFrom(vetted, "result_reported", ["bureau_office"])).toEqual(["vet_accept", "vet_redo"]);
    expect(actionsFrom(unvetted, "result_reported", ["bureau_office"])).toEqual([]);
    expect(actionsFrom(unvetted, "result_reported", ["unit_leader"], true)).toEqual(["reply"]);
    expect(actionsFrom(unvetted, "result_reported", ["local_staff"], true)).toEqual(["reply"]);
    // Not the lead unit, or its staff who may not sign for it: nothing.
    expect(actionsFrom(unvetted, "result_reported", ["unit_leader"], false)).toEqual([]);
    expect(actionsFrom(unvetted, "result_reported", ["unit_staff"], true)).toEqual([]);
    expect(actionsFrom(vetted, "result_reported", ["unit_leader"], true)).toEqual([]);
    // Every other step is the same in both.
    for (const a of CASE_ACTIONS.filter((x) => !["vet_accept", "vet_redo", "reply"].includes(x)))
      expect(table[a], a).toEqual(TRANSITIONS[a]);
  });
});
