import { describe, expect, it } from "vitest";
import { isAccusedSide as serverIsAccusedSide } from "../../server/policies/case-policy.ts";
import type { OrgUnit } from "../api/types.ts";
import {
  accusationSteps,
  accusedUnitOptions,
  accusesOwnUnit,
  isAccusation,
  isAccusedSide,
  toAccusedUnitBody,
  toConfidentialityBody,
} from "./accusation.ts";

const unit = (id: string, kind: OrgUnit["kind"], name: string, path: string, parentId: string | null) => ({
  id,
  kind,
  name,
  path,
  parentId,
  regionCode: "419001",
});
const UNITS: OrgUnit[] = [
  unit("c", "county", "示范县", "c", null),
  unit("b", "bureau", "县信访局", "c.xfj", "c"),
  unit("t1", "township", "城关镇", "c.t1", "c"),
  unit("v1", "village", "西关村", "c.t1.v1", "t1"),
  unit("t2", "township", "河口乡", "c.t2", "c"),
  unit("v2", "village", "西关村", "c.t2.v2", "t2"),
  unit("g1", "group", "一组", "c.t1.v1.g1", "v1"),
  unit("d", "department", "人社局", "c.rsj", "c"),
];

describe("accusations on the case page", () => {
  it("counts a case as an accusation by its nature or its legal class", () => {
    expect(isAccusation({ nature: "accusation", legalClass: null })).toBe(true);
    expect(isAccusation({ nature: null, legalClass: "accusation" })).toBe(true);
    expect(isAccusation({ nature: "request", legalClass: "appeal_request" })).toBe(false);
  });

  it("offers the accused unit to the registrar and office, confidentiality to the office and bureau leader, on accusations only", () => {
    const acc = { nature: "accusation", legalClass: "accusation" };
    expect(accusationSteps(["registrar"], acc)).toEqual({
      mayRecordUnit: true,
      mayDecideConfidentiality: false,
    });
    expect(accusationSteps(["bureau_office"], acc)).toEqual({
      mayRecordUnit: true,
      mayDecideConfidentiality: true,
    });
    expect(accusationSteps(["bureau_leader"], acc)).toEqual({
      mayRecordUnit: false,
      mayDecideConfidentiality: true,
    });
    for (const r of ["leader_in_charge", "local_staff", "unit_staff", "analyst"] as const)
      expect(accusationSteps([r], acc)).toEqual({ mayRecordUnit: false, mayDecideConfidentiality: false });
    expect(accusationSteps(["bureau_office"], { nature: "request", legalClass: null })).toEqual({
      mayRecordUnit: false,
      mayDecideConfidentiality: false,
    });
  });

  it("agrees with the server on who sits on the accused side", () => {
    const paths = ["c", "c.xfj", "c.t1", "c.t1.v1", "c.t1.v1.g1", "c.t2", "c.t10"];
    for (const [unitPath, kind] of [
      ["c", "county"],
      ["c.xfj", "bureau"],
      ["c.t1", "township"],
      ["c.t1.v1", "village"],
      ["c.t1.v1.g1", "group"],
      ["c.t10", "township"],
    ] as const)
      for (const accused of [...paths, null])
        expect(isAccusedSide(unitPath, kind, accused), `${unitPath} vs ${accused}`).toBe(
          serverIsAccusedSide(unitPath, kind, accused),
        );
    // The township above the accused village is on its side; the county itself is not.
    expect(isAccusedSide("c.t1", "township", "c.t1.v1")).toBe(true);
    expect(isAccusedSide("c", "county", "c.t1.v1")).toBe(false);
  });

  it("names each unit below the county with its superiors, so two villages of one name differ", () => {
    const options = accusedUnitOptions(UNITS);
    expect(options.map((o) => o.value)).not.toContain("c");
    expect(options.find((o) => o.value === "v1")?.label).toBe("城关镇 / 西关村");
    expect(options.find((o) => o.value === "v2")?.label).toBe("河口乡 / 西关村");
    expect(options.find((o) => o.value === "g1")?.label).toBe("城关镇 / 西关村 / 一组");
    expect(options.find((o) => o.value === "d")?.label).toBe("人社局");
  });

  it("knows when recording a unit hides the case from the user: the bureau itself, or a clerk's own village", () => {
    const bureau = { id: "b", kind: "bureau" };
    expect(accusesOwnUnit(UNITS, bureau, "b")).toBe(true);
    expect(accusesOwnUnit(UNITS, bureau, "v1")).toBe(false);
    expect(accusesOwnUnit(UNITS, bureau, null)).toBe(false);
    // A township clerk recording its own village would lose the case too.
    expect(accusesOwnUnit(UNITS, { id: "t1", kind: "township" }, "v1")).toBe(true);
  });

  it("sends the bodies the two endpoints take: a cleared unit as null, reasons trimmed", () => {
    const set = toAccusedUnitBody("6f1c1a52-1111-4000-8000-000000000001", "  核实后记录  ");
    expect(set).toEqual({ accusedUnitId: "6f1c1a52-1111-4000-8000-000000000001", reason: "核实后记录" });
    const cleared = toAccusedUnitBody(undefined, "登记有误");
    expect(cleared).toEqual({ accusedUnitId: null, reason: "登记有误" });
    const lift = toConfidentialityBody(true, " 已查结 ");
    expect(lift).toEqual({ isConfidential: false, reason: "已查结" });
    expect(toConfidentialityBody(false, "再次保密").isConfidential).toBe(true);
  });
});
