import { describe, expect, it } from "vitest";
import { maskIdNumber, maskName, maskPhone } from "./mask.ts";

describe("maskIdNumber", () => {
  it("shows only the first 4 and last 4 characters of an 18-character number", () => {
    expect(maskIdNumber("410105199003071234")).toBe("4101**********1234");
  });

  it("shows an upper-case X when the check character was typed in lower case", () => {
    expect(maskIdNumber("11010519491231002x")).toBe("1101**********002X");
  });

  it("shows the first 4 and last 4 of a 15-digit first-generation number", () => {
    expect(maskIdNumber("410105900307123")).toBe("4101*******7123");
  });

  it("masks a short string whole, because 8 visible characters would be most of it", () => {
    expect(maskIdNumber("4101051234")).toBe("**********");
    expect(maskIdNumber("12")).toBe("**");
    expect(maskIdNumber("")).toBe("");
  });

  it("ignores spaces people put between digit groups", () => {
    expect(maskIdNumber(" 410105 19900307 1234 ")).toBe("4101**********1234");
  });
});

describe("maskPhone", () => {
  it("shows the first 3 and last 4 digits of a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });

  it("keeps the 4-digit area code and last 4 digits of a landline", () => {
    expect(maskPhone("0371-12345678")).toBe("0371-****5678");
    expect(maskPhone("037112345678")).toBe("0371-****5678");
  });

  it("keeps a 3-digit area code and masks a 7-digit subscriber number to its last 4", () => {
    expect(maskPhone("0201234567")).toBe("020-***4567");
    expect(maskPhone("010-87654321")).toBe("010-****4321");
  });

  it("masks a number it cannot parse whole", () => {
    expect(maskPhone("1381234")).toBe("*******");
    expect(maskPhone("call me")).toBe("******");
    expect(maskPhone("")).toBe("");
  });
});

describe("maskName", () => {
  it("shows the first character and one star per other character", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("李四")).toBe("李*");
  });

  it("masks a one-character name whole", () => {
    expect(maskName("张")).toBe("*");
    expect(maskName("  ")).toBe("");
  });

  it("never splits a character outside the Basic Multilingual Plane", () => {
    expect(maskName("𠮷野家")).toBe("𠮷**");
    expect(maskName("王𠮷")).toBe("王*");
  });

  it("counts a minority name's middle dot as a character to hide", () => {
    expect(maskName("阿依·买买提")).toBe("阿*****");
  });
});
