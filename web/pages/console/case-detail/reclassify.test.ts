import { describe, expect, it } from "vitest";
import { reclassifyBody } from "./reclassify.ts";

const CASE = {
  nature: null,
  legalClass: null,
  categoryId: null,
  problemRegionCode: "990001001001",
  isFirstPetition: true,
} as const;

describe("the reclassify request", () => {
  it("sends only the fields the office changed, with the reason trimmed", () => {
    expect(
      reclassifyBody(CASE, {
        nature: "request",
        legalClass: null,
        categoryId: "c1",
        problemRegionCode: "990001001001",
        isFirstPetition: true,
        reason: "  补分类 ",
      }),
    ).toEqual({ nature: "request", categoryId: "c1", reason: "补分类" });
  });

  it("sends a cleared field as null and answers null when nothing changed", () => {
    const classified = {
      ...CASE,
      nature: "request",
      legalClass: "appeal_request",
      categoryId: "c1",
    } as const;
    expect(
      reclassifyBody(classified, { ...classified, legalClass: null, categoryId: null, reason: "撤销" }),
    ).toEqual({ legalClass: null, categoryId: null, reason: "撤销" });
    expect(reclassifyBody(classified, { ...classified, reason: "没改" })).toBeNull();
  });

  it("moves the place only to another code", () => {
    expect(reclassifyBody(CASE, { ...CASE, problemRegionCode: "990001002001", reason: "改属地" })).toEqual({
      problemRegionCode: "990001002001",
      reason: "改属地",
    });
  });

  it("sends 初信初访 / 重复信访 only when it changed", () => {
    expect(reclassifyBody(CASE, { ...CASE, isFirstPetition: false, reason: "同一人同一事项" })).toEqual({
      isFirstPetition: false,
      reason: "同一人同一事项",
    });
    expect(reclassifyBody(CASE, { ...CASE, reason: "没改" })).toBeNull();
  });
});
