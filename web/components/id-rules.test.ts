import { describe, expect, it } from "vitest";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import { idNumberProblem } from "./id-rules.ts";

const NOW = new Date("2026-03-02T02:00:00Z");
const valid = generateIdNumber("419001", "19800115", "123");

describe("an ID number as it is typed", () => {
  it("says nothing while a plausible number is still being typed", () => {
    for (let n = 1; n < 18; n++) expect(idNumberProblem(valid.slice(0, n), false, NOW)).toBeNull();
    expect(idNumberProblem("", true, NOW)).toBeNull();
  });

  it("accepts a valid number, with spaces or full-width digits", () => {
    expect(idNumberProblem(valid, false, NOW)).toBeNull();
    expect(idNumberProblem(`${valid.slice(0, 6)} ${valid.slice(6)}`, true, NOW)).toBeNull();
    const fullWidth = valid.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(idNumberProblem(fullWidth, true, NOW)).toBeNull();
  });

  it("reports a wrong character at once, and a short number when the field is left", () => {
    expect(idNumberProblem("41900A", false, NOW)).toBe("idFormat");
    expect(idNumberProblem("4190011980", true, NOW)).toBe("idLength");
  });

  it("reports the check digit and the birth date of a complete number", () => {
    const last = valid.at(-1) === "0" ? "1" : "0";
    expect(idNumberProblem(valid.slice(0, 17) + last, false, NOW)).toBe("idCheck");
    expect(idNumberProblem(generateIdNumber("419001", "20270101", "123"), false, NOW)).toBe("idBirth");
  });
});
