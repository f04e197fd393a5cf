import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, totpCode, verifyTotp } from "./totp.ts";

// RFC 6238 Appendix B test vectors (SHA-1, secret "12345678901234567890"), last 6 digits.
const SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    expect(totpCode(SECRET, Math.floor(59 / 30))).toBe("287082");
    expect(totpCode(SECRET, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpCode(SECRET, Math.floor(1234567890 / 30))).toBe("005924");
    expect(totpCode(SECRET, Math.floor(2000000000 / 30))).toBe("279037");
  });

  it("round-trips base32", () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(buf)).equals(buf)).toBe(true);
  });

  it("accepts one step of drift but not two, and never the same step twice", () => {
    const at = new Date(1_800_000_000_000);
    const step = Math.floor(at.getTime() / 30_000);
    expect(verifyTotp(SECRET, totpCode(SECRET, step - 1), at, null)).toBe(step - 1);
    expect(verifyTotp(SECRET, totpCode(SECRET, step + 2), at, null)).toBeNull();
    expect(verifyTotp(SECRET, totpCode(SECRET, step), at, step)).toBeNull();
    expect(verifyTotp(SECRET, "12345", at, null)).toBeNull();
  });
});
