import { describe, expect, it } from "vitest";
import { ZCaseRegisterRequest } from "../../../../domain/schemas/case.ts";
import { type RegisterValues, toRegisterRequest } from "./register-request.ts";

const UNIT = "6f1c1a52-1111-4000-8000-000000000001";
const base: RegisterValues = {
  title: "村干部侵占集体资金",
  content: "反映村干部侵占集体土地补偿款。",
  problemRegionCode: "419001001001",
  petitioners: [{ name: "赵六" }],
};

describe("the registration request", () => {
  it("sends an accusation confidential, with whom it accuses and the unit, both accepted by the server's schema", () => {
    const body = toRegisterRequest("letter", {
      ...base,
      nature: "accusation",
      accusedDescription: "  西关村村委会主任  ",
      accusedUnitId: UNIT,
      isConfidential: false,
    });
    expect(body).toMatchObject({
      nature: "accusation",
      isConfidential: true,
      accusedDescription: "西关村村委会主任",
      accusedUnitId: UNIT,
    });
    expect(ZCaseRegisterRequest.parse(body)).toMatchObject({ accusedDescription: "西关村村委会主任" });
  });

  it("leaves out an empty description and no unit", () => {
    const body = toRegisterRequest("phone", { ...base, nature: "accusation", accusedDescription: "   " });
    expect(body).not.toHaveProperty("accusedDescription");
    expect(body).not.toHaveProperty("accusedUnitId");
    expect(body.isConfidential).toBe(true);
  });

  it("drops the accusation's fields when the clerk changed the nature after typing them", () => {
    const body = toRegisterRequest("visit", {
      ...base,
      nature: "request",
      accusedDescription: "西关村村委会主任",
      accusedUnitId: UNIT,
    });
    expect(body).not.toHaveProperty("accusedDescription");
    expect(body).not.toHaveProperty("accusedUnitId");
    expect(body.isConfidential).toBe(false);
  });

  it("sends a visit's destination level, and whether the upper level registered it only for a visit above the county", () => {
    const above = toRegisterRequest("visit", {
      ...base,
      destinationLevel: "provincial",
      upperRegistered: true,
    });
    expect(above).toMatchObject({ destinationLevel: "provincial", upperRegistered: true });
    expect(ZCaseRegisterRequest.parse(above)).toMatchObject({ upperRegistered: true });
    const county = toRegisterRequest("visit", { ...base, destinationLevel: "county", upperRegistered: true });
    expect(county.destinationLevel).toBe("county");
    expect(county).not.toHaveProperty("upperRegistered");
    const letter = toRegisterRequest("letter", {
      ...base,
      destinationLevel: "national",
      upperRegistered: false,
    });
    expect(letter).not.toHaveProperty("destinationLevel");
    expect(letter).not.toHaveProperty("upperRegistered");
  });
});
