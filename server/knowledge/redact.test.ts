import { describe, expect, it } from "vitest";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import { mentionsPerson, redactPersonalData } from "./redact.ts";
import { cosine, termVector } from "./suggestions.ts";

describe("taking another petitioner's personal data out of a suggestion", () => {
  const id = generateIdNumber("990001", "19700101", "123");
  const traces = { names: ["王小明", "王明"], addresses: ["西关村王家巷3号"] };

  it("replaces names, whole addresses and every ID or mobile number, also spaced or full-width", () => {
    const text = `王小明同志（住西关村王家巷3号，身份证${id}，电话138 1234 5678、１３９１２３４５６７８）：王明反映的问题已解决。`;
    const out = redactPersonalData(text, traces);
    for (const s of ["王小明", "王明", "西关村王家巷3号", id, "138 1234 5678", "13912345678", "１３９"])
      expect(out).not.toContain(s);
    expect(out).toContain("×××同志");
    expect(out).toContain("住（地址已隐去）");
    expect(out).toContain("（证件号码已隐去）");
    expect(out).toContain("（电话号码已隐去）");
  });

  it("leaves text without personal data as it is, and ignores one-character names", () => {
    const text = "经调查，已责令企业限期支付工资。";
    expect(redactPersonalData(text, { names: ["经"], addresses: [] })).toBe(text);
    expect(mentionsPerson(text, traces)).toBe(false);
    expect(mentionsPerson("王小明：您好", traces)).toBe(true);
  });
});

describe("text similarity of two petitions", () => {
  it("is 1 for the same words, 0 for none shared, and higher for closer texts", () => {
    const a = termVector("建筑工地拖欠农民工工资");
    expect(cosine(a, termVector("建筑工地拖欠农民工工资"))).toBeCloseTo(1, 6);
    expect(cosine(a, termVector("食堂饭菜价格上涨"))).toBe(0);
    expect(cosine(a, new Map())).toBe(0);
    const near = cosine(a, termVector("安置房建筑工地拖欠农民工工资"));
    const far = cosine(a, termVector("服装厂拖欠工资"));
    expect(near).toBeGreaterThan(far);
    expect(far).toBeGreaterThan(0);
  });
});
