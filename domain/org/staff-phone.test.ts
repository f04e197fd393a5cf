import { describe, expect, it } from "vitest";
import { normaliseStaffPhone } from "./staff-phone.ts";

describe("a staff member's phone", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["138 0013 8000", "13800138000"],
    ["+86 19912345678", "19912345678"],
    ["８６１５９１２３４５６７８", "15912345678"],
    ["0571-88886666", "0571-88886666"],
    ["(010)12345678", "010-12345678"],
    ["0571 8888666 转 12", "0571-8888666-12"],
  ])("takes %s as %s", (input, phone) => {
    expect(normaliseStaffPhone(input)).toEqual({ ok: true, phone });
  });

  it.each(["12800138000", "1380013800", "88886666", "571-88886666", "0571-886", "电话", "13800138000a"])(
    "refuses %s with a reason in Chinese and English",
    (input) => {
      const r = normaliseStaffPhone(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.zh).toContain(`电话「${input}」无法识别`);
        expect(r.en).toContain("not valid");
      }
    },
  );
});
