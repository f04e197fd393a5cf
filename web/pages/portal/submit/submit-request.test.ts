import { describe, expect, it } from "vitest";
import { ZPublicSubmitRequest } from "../../../../domain/schemas/case.ts";
import { type SubmitValues, toPublicSubmit } from "./submit-request.ts";

const base: SubmitValues = {
  name: "王小梅",
  idNumber: " 419001198503150021 ",
  phone: "13912345678",
  problemRegionCode: "419001001001",
  title: "村干部侵占补偿款",
  content: "西关村村干部侵占土地补偿款。",
  consent: true,
};

describe("the portal's petition", () => {
  it("sends an accusation with whom it accuses, trimmed, as the server's schema takes it", () => {
    const body = toPublicSubmit({
      ...base,
      nature: "accusation",
      accusedDescription: "  西关村村委会主任李某  ",
    });
    expect(body).toMatchObject({ nature: "accusation", accusedDescription: "西关村村委会主任李某" });
    expect(ZPublicSubmitRequest.parse(body)).toMatchObject({ accusedDescription: "西关村村委会主任李某" });
    expect(body.petitioner).toEqual({ name: "王小梅", idNumber: "419001198503150021", phone: "13912345678" });
  });

  it("leaves whom it accuses out of any other kind of petition, and out when left empty", () => {
    const other = toPublicSubmit({ ...base, nature: "request", accusedDescription: "西关村村委会主任" });
    expect(other).not.toHaveProperty("accusedDescription");
    const empty = toPublicSubmit({ ...base, nature: "accusation", accusedDescription: "  " });
    expect(empty).not.toHaveProperty("accusedDescription");
    const none = toPublicSubmit(base);
    expect(none).not.toHaveProperty("nature");
    expect(ZPublicSubmitRequest.parse(none)).toBeTruthy();
  });
});
