import { describe, expect, it } from "vitest";
import { formatFen, formatFenAsWan, formatFenGrouped, MAX_FEN, parseYuan } from "./money.ts";

describe("money as integer fen", () => {
  it("reads yuan text exactly, digit by digit", () => {
    expect(parseYuan("0.1")).toBe(10n);
    expect(parseYuan("0.2")).toBe(20n);
    expect(parseYuan("0.1")! + parseYuan("0.2")!).toBe(parseYuan("0.3"));
    expect(parseYuan("12,000.05")).toBe(1200005n);
    expect(parseYuan(" 7 ")).toBe(700n);
    expect(parseYuan("999999999999.99")).toBe(99999999999999n);
    expect(parseYuan("1000000000000")).toBe(MAX_FEN);
  });

  it("refuses what is not an amount in yuan with at most two decimals", () => {
    for (const bad of [
      "",
      "-1",
      "1.005",
      "1e3",
      "0x10",
      "1,00",
      "1.2.3",
      "１２",
      "NaN",
      "1000000000000.01",
      "+5",
    ])
      expect(parseYuan(bad), bad).toBeNull();
  });

  it("formats fen back with integer arithmetic, also beyond 2^53", () => {
    expect(formatFen(30n)).toBe("0.30");
    expect(formatFen("10099999999999929")).toBe("100999999999999.29");
    expect(formatFenGrouped("123456789")).toBe("1,234,567.89");
    expect(formatFen(-5n)).toBe("-0.05");
  });

  it("gives 万元 to two decimals, rounding half up on the exact integer", () => {
    expect(formatFenAsWan(0n)).toBe("0.00");
    expect(formatFenAsWan(1_600_499_999n)).toBe("1600.50"); // 16,004,999.99 yuan
    expect(formatFenAsWan(1_600_450_000n)).toBe("1600.45");
    expect(formatFenAsWan(1_600_454_999n)).toBe("1600.45");
    expect(formatFenAsWan(1_600_455_000n)).toBe("1600.46");
    expect(formatFenAsWan(30n)).toBe("0.00");
    expect(formatFenAsWan("10099999999999929")).toBe("10100000000.00");
  });
});
