import { describe, expect, it } from "vitest";
import { ID_NUMBER_MARK, maskIdentity, PHONE_MARK, REDACTED, redactUrl, redactValue } from "./redact.ts";
import { maskLine } from "./request-log.ts";

const ID = "11010119900307803X";
const PHONE = "13812345678";

describe("maskIdentity", () => {
  it.each([
    [ID, ID_NUMBER_MARK],
    [ID.toLowerCase(), ID_NUMBER_MARK],
    ["110101 19900307 803X", ID_NUMBER_MARK],
    ["110101199003078", ID_NUMBER_MARK],
    ["１１０１０１１９９００３０７８０３Ｘ", ID_NUMBER_MARK],
    [PHONE, PHONE_MARK],
    ["138-1234-5678", PHONE_MARK],
    ["138 1234 5678", PHONE_MARK],
    ["+86 138 1234 5678", PHONE_MARK],
    ["１３８１２３４５６７８", PHONE_MARK],
    ["%E2%80%8B%2B8613812345678", `\u200b${PHONE_MARK}`],
  ])("hides %s", (input, expected) => {
    expect(maskIdentity(input)).toBe(expected);
  });

  it("hides a number with the 0086 prefix (15 digits, like an old ID number)", () => {
    expect(maskIdentity("008613812345678")).toMatch(/^\[(id-number|phone)\]$/);
  });

  it("hides numbers inside text, and two numbers side by side", () => {
    expect(maskIdentity(`证件${ID}，电话${PHONE}。`)).toBe(`证件${ID_NUMBER_MARK}，电话${PHONE_MARK}。`);
    expect(maskIdentity(`${ID} ${PHONE}`)).toBe(`${ID_NUMBER_MARK} ${PHONE_MARK}`);
  });

  it("leaves longer digit runs, short numbers, dates and ids alone", () => {
    for (const s of [
      "1796595689245",
      "12345678901",
      "2026-03-02",
      "req-12",
      "0b0c3f7e-1111-4000-8000-000000000001",
      "419001-2026-0000099",
    ]) {
      expect(maskIdentity(s)).toBe(s);
    }
  });
});

describe("redactUrl", () => {
  it("replaces personal query values and keeps the others", () => {
    expect(redactUrl(`/api/search/cases?idNumber=${ID}&phone=x&page=2&petitionerName=%E7%8E%8B`)).toBe(
      `/api/search/cases?idNumber=${REDACTED}&phone=${REDACTED}&page=2&petitionerName=${REDACTED}`,
    );
    expect(redactUrl("/api/cases?q=%E5%B7%A5%E8%B5%84&status=registered")).toBe(
      `/api/cases?q=${REDACTED}&status=registered`,
    );
  });

  it("replaces any value holding an ID or phone number, encoded or not", () => {
    expect(redactUrl(`/x?note=${PHONE}&ref=a%20${encodeURIComponent("１３８１２３４５６７８")}`)).toBe(
      `/x?note=${REDACTED}&ref=${REDACTED}`,
    );
  });

  it("masks identity in the path", () => {
    expect(redactUrl(`/api/people/${PHONE}/cases`)).toBe(`/api/people/${PHONE_MARK}/cases`);
  });
});

describe("redactValue", () => {
  it("replaces personal fields and masks identity in the rest", () => {
    expect(
      redactValue({
        petitioners: [{ name: "王五", idNumber: ID, phone: PHONE, note: `回电${PHONE}` }],
        page: 1,
      }),
    ).toEqual({
      petitioners: [{ name: REDACTED, idNumber: REDACTED, phone: REDACTED, note: `回电${PHONE_MARK}` }],
      page: 1,
    });
  });
});

describe("maskLine", () => {
  it("masks strings of a JSON line and keeps its numbers and shape", () => {
    const line = `${JSON.stringify({ level: 30, time: 1796595689245, responseTime: 0.13812345678, msg: `lookup ${ID}` })}\n`;
    const out = maskLine(line);
    expect(out.endsWith("\n")).toBe(true);
    expect(JSON.parse(out)).toEqual({
      level: 30,
      time: 1796595689245,
      responseTime: 0.13812345678,
      msg: `lookup ${ID_NUMBER_MARK}`,
    });
  });

  it("masks a line that is not JSON as text", () => {
    expect(maskLine(`plain ${PHONE}\n`)).toBe(`plain ${PHONE_MARK}\n`);
  });
});
