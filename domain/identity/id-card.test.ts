import { describe, expect, it } from "vitest";
import { generateIdNumber, landlineAreaLength, validateIdNumber, validatePhone } from "./id-card.ts";

const NOW = new Date("2024-06-15T04:00:00Z"); // noon in Beijing

/** Replaces the check character with a different valid-looking one. */
function withWrongCheck(id: string): string {
  const wrong = id[17] === "0" ? "1" : "0";
  return id.slice(0, 17) + wrong;
}

describe("generateIdNumber", () => {
  it("appends the GB 11643 check character of a published example", () => {
    // The worked example from GB 11643-1999 appendix: 11010519491231002 → X.
    expect(generateIdNumber("110105", "19491231", "002")).toBe("11010519491231002X");
  });

  it("refuses parts of the wrong shape", () => {
    expect(() => generateIdNumber("11010", "19491231", "002")).toThrow(RangeError);
    expect(() => generateIdNumber("110105", "1949-12-31", "002")).toThrow(RangeError);
    expect(() => generateIdNumber("110105", "19491231", "02")).toThrow(RangeError);
  });
});

describe("validateIdNumber", () => {
  it("accepts a generated number and reports birth date, region and sex", () => {
    const id = generateIdNumber("410105", "19900307", "123");
    expect(validateIdNumber(id, NOW)).toEqual({
      ok: true,
      value: id,
      birthDate: "1990-03-07",
      regionCode: "410105",
      sex: "male",
    });
  });

  it("reads an even 17th digit as female", () => {
    const id = generateIdNumber("320102", "20000229", "124");
    expect(validateIdNumber(id, NOW)).toMatchObject({ ok: true, sex: "female", birthDate: "2000-02-29" });
  });

  it("accepts a lower-case x check character and normalises it to X", () => {
    const result = validateIdNumber("11010519491231002x", NOW);
    expect(result).toMatchObject({ ok: true, value: "11010519491231002X" });
  });

  it("accepts full-width digits and spaces, as typed with a Chinese IME", () => {
    const id = generateIdNumber("410105", "19900307", "123");
    const fullWidth = Array.from(id, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    expect(validateIdNumber(` ${fullWidth.slice(0, 6)} ${fullWidth.slice(6)} `, NOW)).toMatchObject({
      ok: true,
      value: id,
    });
  });

  it("refuses a wrong check digit", () => {
    const id = generateIdNumber("410105", "19900307", "123");
    expect(validateIdNumber(withWrongCheck(id), NOW)).toEqual({ ok: false, reason: "check_digit" });
  });

  it("refuses February 30 even when the check digit is right", () => {
    expect(validateIdNumber(generateIdNumber("410105", "19900230", "123"), NOW)).toEqual({
      ok: false,
      reason: "birth_date",
    });
  });

  it("refuses February 29 in a year that is not a leap year", () => {
    expect(validateIdNumber(generateIdNumber("410105", "19000229", "123"), NOW)).toMatchObject({
      ok: false,
      reason: "birth_date",
    });
  });

  it("refuses month 13 and day 00", () => {
    expect(validateIdNumber(generateIdNumber("410105", "19901301", "123"), NOW)).toMatchObject({
      reason: "birth_date",
    });
    expect(validateIdNumber(generateIdNumber("410105", "19900100", "123"), NOW)).toMatchObject({
      reason: "birth_date",
    });
  });

  it("refuses a birth date before 1900 and accepts 1 January 1900", () => {
    expect(validateIdNumber(generateIdNumber("410105", "18991231", "123"), NOW)).toMatchObject({
      reason: "birth_date",
    });
    expect(validateIdNumber(generateIdNumber("410105", "19000101", "123"), NOW)).toMatchObject({ ok: true });
  });

  it("refuses a birth date after today in China and accepts today", () => {
    expect(validateIdNumber(generateIdNumber("410105", "20240616", "123"), NOW)).toMatchObject({
      reason: "birth_date",
    });
    expect(validateIdNumber(generateIdNumber("410105", "20240615", "123"), NOW)).toMatchObject({ ok: true });
  });

  it("counts a birth just after midnight Beijing time as today, though UTC is still yesterday", () => {
    const lateUtc = new Date("2024-06-14T16:30:00Z"); // 00:30 on 15 June in Beijing
    expect(validateIdNumber(generateIdNumber("410105", "20240615", "123"), lateUtc)).toMatchObject({
      ok: true,
    });
  });

  it("refuses the wrong length, including first-generation 15-digit numbers", () => {
    expect(validateIdNumber("41010519900307123", NOW)).toEqual({ ok: false, reason: "length" });
    expect(validateIdNumber("410105900307123", NOW)).toEqual({ ok: false, reason: "length" });
    expect(validateIdNumber("", NOW)).toEqual({ ok: false, reason: "length" });
  });

  it("refuses letters anywhere but the check position", () => {
    expect(validateIdNumber("4101051990030712X4", NOW)).toEqual({ ok: false, reason: "format" });
    expect(validateIdNumber("41010519900307123Y", NOW)).toEqual({ ok: false, reason: "format" });
  });
});

describe("validatePhone", () => {
  it("accepts a mainland mobile number and returns its digits", () => {
    expect(validatePhone("138 1234-5678")).toEqual({ ok: true, value: "13812345678", kind: "mobile" });
  });

  it("refuses mobile numbers with a second digit of 0-2 or the wrong length", () => {
    expect(validatePhone("12812345678")).toEqual({ ok: false, reason: "format" });
    expect(validatePhone("1381234567")).toEqual({ ok: false, reason: "format" });
    expect(validatePhone("138123456789")).toEqual({ ok: false, reason: "format" });
  });

  it("accepts a +86 or 0086 prefix on a mobile number", () => {
    expect(validatePhone("+86 138 1234 5678")).toMatchObject({ ok: true, value: "13812345678" });
    expect(validatePhone("008613812345678")).toMatchObject({ ok: true, value: "13812345678" });
  });

  it("accepts landlines with or without the hyphen and drops it", () => {
    expect(validatePhone("0371-12345678")).toEqual({ ok: true, value: "037112345678", kind: "landline" });
    expect(validatePhone("03711234567")).toEqual({ ok: true, value: "03711234567", kind: "landline" });
    expect(validatePhone("010-12345678")).toEqual({ ok: true, value: "01012345678", kind: "landline" });
    expect(validatePhone("(020)1234567")).toMatchObject({ ok: true, value: "0201234567" });
  });

  it("puts back the trunk 0 of a landline written with +86", () => {
    expect(validatePhone("+86 371 1234 5678")).toEqual({ ok: true, value: "037112345678", kind: "landline" });
  });

  it("refuses a landline whose subscriber number is too short or too long for its area code", () => {
    // 0371 is a 4-digit area code, so six digits remain: not a number.
    expect(validatePhone("0371123456")).toEqual({ ok: false, reason: "format" });
    expect(validatePhone("010123456789")).toEqual({ ok: false, reason: "format" });
  });

  it("reports empty input separately from malformed input", () => {
    expect(validatePhone("  ")).toEqual({ ok: false, reason: "empty" });
    expect(validatePhone("phone")).toEqual({ ok: false, reason: "format" });
  });
});

describe("landlineAreaLength", () => {
  it("gives 3 for Beijing and the 02x cities and 4 for everywhere else", () => {
    expect(landlineAreaLength("01012345678")).toBe(3);
    expect(landlineAreaLength("02912345678")).toBe(3);
    expect(landlineAreaLength("037112345678")).toBe(4);
    expect(landlineAreaLength("09911234567")).toBe(4);
  });
});
