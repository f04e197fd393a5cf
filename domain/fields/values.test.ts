import { describe, expect, it } from "vitest";
import { changedTypes, type TFieldDefinition, ZFieldDefinition } from "./definitions.ts";
import { parseFieldFilters } from "./filters.ts";
import { fieldValueSchema, fieldValuesSchema, visibleValues } from "./values.ts";

const def = (d: Partial<TFieldDefinition> & Pick<TFieldDefinition, "key" | "type">): TFieldDefinition =>
  ZFieldDefinition.parse({
    labelZh: "字段",
    labelEn: "Field",
    viewRoles: ["bureau_office"],
    editRoles: ["bureau_office"],
    ...d,
  });

const ok = (d: TFieldDefinition, v: unknown) => fieldValueSchema(d).safeParse(v);

describe("the value schema, type by type", () => {
  it("text: trimmed, not empty, no control characters, at most 500", () => {
    const d = def({ key: "t", type: "text" });
    expect(ok(d, "  甲公司 ").data).toBe("甲公司");
    expect(ok(d, "").success).toBe(false);
    expect(ok(d, "a\u0000b").success).toBe(false);
    expect(ok(d, "字".repeat(501)).success).toBe(false);
    expect(ok(d, 5).success).toBe(false);
  });

  it("number: decimal text ≥ 0, one spelling a value, whole numbers when asked", () => {
    const d = def({ key: "n", type: "number", unit: "亩" });
    expect(ok(d, "007.50").data).toBe("7.5");
    expect(ok(d, 3).data).toBe("3");
    expect(ok(d, "-1").success).toBe(false);
    expect(ok(d, "1.23456").success).toBe(false);
    expect(ok(d, "1e3").success).toBe(false);
    expect(ok(def({ key: "w", type: "number", integer: true }), "2.5").success).toBe(false);
  });

  it("money: yuan text to fen text, never a JSON number", () => {
    const d = def({ key: "m", type: "money" });
    expect(ok(d, "0.1").data).toBe("10");
    expect(ok(d, "12,000.05").data).toBe("1200005");
    expect(ok(d, 0.1).success).toBe(false);
    expect(ok(d, "1.001").success).toBe(false);
    expect(ok(d, "-0.01").success).toBe(false);
  });

  it("date, choice and yes/no", () => {
    expect(ok(def({ key: "d", type: "date" }), "2026-02-28").success).toBe(true);
    expect(ok(def({ key: "d", type: "date" }), "2026-02-30").success).toBe(false);
    const c = def({
      key: "c",
      type: "choice",
      options: [
        { value: "a", labelZh: "甲", labelEn: "A" },
        { value: "b", labelZh: "乙", labelEn: "B" },
      ],
    });
    expect(ok(c, "a").data).toBe("a");
    expect(ok(c, "z").success).toBe(false);
    expect(ok(def({ key: "b", type: "boolean" }), false).data).toBe(false);
    expect(ok(def({ key: "b", type: "boolean" }), "false").success).toBe(false);
  });
});

describe("a set of values as one user submits it", () => {
  const defs = [
    def({ key: "employer", type: "text", required: true }),
    def({ key: "owed", type: "money" }),
    def({ key: "secret", type: "text", viewRoles: ["bureau_leader"], editRoles: ["bureau_leader"] }),
  ];

  it("takes what the role may edit, merges with what is there, clears with null or an empty text", () => {
    const s = fieldValuesSchema(defs, ["bureau_office"], { employer: "甲", owed: "100" });
    expect(s.parse({ owed: "2.5" })).toEqual({ employer: "甲", owed: "250" });
    expect(s.parse({ owed: null })).toEqual({ employer: "甲" });
    expect(s.parse({ owed: "  " })).toEqual({ employer: "甲" });
  });

  it("refuses a required field left empty, a field the role may not edit and an unknown key", () => {
    expect(fieldValuesSchema(defs, ["bureau_office"]).safeParse({ owed: "1" }).success).toBe(false);
    expect(
      fieldValuesSchema(defs, ["bureau_office"], { employer: "甲" }).safeParse({ employer: null }).success,
    ).toBe(false);
    expect(
      fieldValuesSchema(defs, ["bureau_office"]).safeParse({ employer: "甲", secret: "x" }).success,
    ).toBe(false);
    expect(fieldValuesSchema(defs, ["bureau_office"]).safeParse({ employer: "甲", nope: "x" }).success).toBe(
      false,
    );
  });

  it("shows a role only the fields it may see, money back in yuan", () => {
    expect(visibleValues(defs, ["bureau_office"], { employer: "甲", owed: "250", secret: "x" })).toEqual({
      employer: "甲",
      owed: "2.50",
    });
  });
});

describe("definitions and filters", () => {
  it("refuses inconsistent definitions", () => {
    const base = { key: "k", labelZh: "甲", labelEn: "A", viewRoles: ["registrar"] };
    expect(ZFieldDefinition.safeParse({ ...base, type: "choice" }).success).toBe(false);
    expect(ZFieldDefinition.safeParse({ ...base, type: "text", unit: "人" }).success).toBe(false);
    expect(ZFieldDefinition.safeParse({ ...base, type: "text", editRoles: ["analyst"] }).success).toBe(false);
    expect(ZFieldDefinition.safeParse({ ...base, type: "text", viewRoles: ["system_admin"] }).success).toBe(
      false,
    );
    expect(
      changedTypes(
        [{ key: "a", type: "text" }],
        [
          { key: "a", type: "money" },
          { key: "b", type: "date" },
        ],
      ),
    ).toEqual(["a"]);
  });

  it("reads field filters and names the part it cannot read", () => {
    expect(parseFieldFilters("amount_owed>=100.5;employer~建设")).toEqual({
      filters: [
        { key: "amount_owed", op: ">=", value: "100.5" },
        { key: "employer", op: "~", value: "建设" },
      ],
    });
    expect(parseFieldFilters("amount_owed")).toEqual({ bad: "amount_owed" });
    expect(parseFieldFilters("Bad=1")).toEqual({ bad: "Bad=1" });
  });
});
