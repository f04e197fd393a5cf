import { describe, expect, it } from "vitest";
import { CASE_ACTIONS } from "../../../../domain/workflow/transitions.ts";
import { STEPS } from "../../../../server/workflow/steps.ts";
import { ACTION_FIELDS, actionButtons, type FieldSpec, toActionBody } from "./action-fields.ts";

const UNIT = "6f1c1a52-1111-4000-8000-000000000001";

function sample(f: FieldSpec): unknown {
  switch (f.kind) {
    case "select":
      return Object.keys(f.options ?? {})[0];
    case "number":
      return f.min ?? 1;
    case "unit":
      return UNIT;
    case "units":
      return ["6f1c1a52-1111-4000-8000-000000000002"];
    case "caseId":
      return "6f1c1a52-1111-4000-8000-000000000003";
    default:
      return "示例内容";
  }
}

describe("the workflow forms", () => {
  it("have a form for every action of the transition table", () => {
    expect(Object.keys(ACTION_FIELDS).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it.each(CASE_ACTIONS)("%s: a filled form is a body the server accepts", (action) => {
    const fields = ACTION_FIELDS[action];
    const values = Object.fromEntries(fields.map((f) => [f.name, sample(f)]));
    const parsed = STEPS[action].body.safeParse(toActionBody(fields, values));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(CASE_ACTIONS)("%s: the fields marked required are the ones the server requires", (action) => {
    const fields = ACTION_FIELDS[action];
    const full = Object.fromEntries(fields.map((f) => [f.name, sample(f)]));
    for (const f of fields) {
      const { [f.name]: _left, ...rest } = full;
      const parsed = STEPS[action].body.safeParse(toActionBody(fields, rest));
      expect(parsed.success, `${action}.${f.name}`).toBe(!f.required);
    }
  });

  it("leaves empty optional fields out of the body", () => {
    const fields = ACTION_FIELDS.assign;
    expect(
      toActionBody(fields, { leadUnitId: UNIT, assistUnitIds: [], dueDays: 10, instructions: "  办理  " }),
    ).toEqual({
      leadUnitId: UNIT,
      dueDays: 10,
      instructions: "办理",
    });
    expect(toActionBody(ACTION_FIELDS.accept, { note: "   " })).toEqual({});
  });

  it("shows buttons only for the abilities the server sent, never for read or attach", () => {
    expect(actionButtons(["read", "attach", "read_sensitive", "accept", "decline"])).toEqual([
      "accept",
      "decline",
    ]);
    expect(actionButtons(["read"])).toEqual([]);
  });
});
