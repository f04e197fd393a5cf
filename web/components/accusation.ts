import type { Role } from "../../domain/auth/roles.ts";
import type { OrgUnit } from "../api/types.ts";

/** An accusation (检举控告) by its nature or its legal class, as the server decides it. */
export function isAccusation(c: { nature: string | null; legalClass: string | null }): boolean {
  return c.nature === "accusation" || c.legalClass === "accusation";
}

/**
 * Who may take the bureau's two steps on an accusation, as `PUT /api/cases/:id/accused-unit` and
 * `…/confidentiality` require (server/routes/cases/accusation.ts). The case's `abilities` do not
 * carry these steps yet, so the page asks the session's roles; the server decides anyway.
 */
export const ACCUSED_UNIT_ROLES: readonly Role[] = ["registrar", "bureau_office"];
export const CONFIDENTIALITY_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];

export function accusationSteps(
  roles: readonly Role[],
  c: { nature: string | null; legalClass: string | null },
): { mayRecordUnit: boolean; mayDecideConfidentiality: boolean } {
  const accusation = isAccusation(c);
  return {
    mayRecordUnit: accusation && roles.some((r) => ACCUSED_UNIT_ROLES.includes(r)),
    mayDecideConfidentiality: accusation && roles.some((r) => CONFIDENTIALITY_ROLES.includes(r)),
  };
}

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/**
 * Whether a unit at `unitPath` is on the accused side of `accusedPath`: the accused unit, below it,
 * or above it short of the county (the server's rule, server/policies/case-policy.ts).
 */
export function isAccusedSide(unitPath: string, unitKind: string, accusedPath: string | null): boolean {
  if (!accusedPath) return false;
  if (within(unitPath, accusedPath)) return true;
  return unitKind !== "county" && accusedPath.startsWith(`${unitPath}.`);
}

/**
 * Every unit below the county that may be accused, labelled with its superiors below the county
 * ("城关镇 / 西关村"), since two villages of two townships may share a name.
 */
export function accusedUnitOptions(units: readonly OrgUnit[]): { value: string; label: string }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const name = (u: OrgUnit): string => {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    return parent && parent.kind !== "county" ? `${name(parent)} / ${u.name}` : u.name;
  };
  return units.filter((u) => u.kind !== "county").map((u) => ({ value: u.id, label: name(u) }));
}

/**
 * Whether recording `accusedUnitId` as accused puts the user's own unit on the accused side: the
 * user no longer sees the case, and when the user is of the bureau or the county leadership the
 * server first forwards it under the rule pack (server/routes/cases/accusation.ts).
 */
export function accusesOwnUnit(
  units: readonly OrgUnit[],
  own: { id: string; kind: string },
  accusedUnitId: string | null | undefined,
): boolean {
  if (!accusedUnitId) return false;
  const accused = units.find((u) => u.id === accusedUnitId);
  const mine = units.find((u) => u.id === own.id);
  return accused !== undefined && mine !== undefined && isAccusedSide(mine.path, own.kind, accused.path);
}

/** The body of `PUT /api/cases/:id/accused-unit`: an empty choice clears the unit recorded. */
export function toAccusedUnitBody(
  accusedUnitId: string | null | undefined,
  reason: string,
): { accusedUnitId: string | null; reason: string } {
  return { accusedUnitId: accusedUnitId ?? null, reason: reason.trim() };
}

/** The body of `PUT /api/cases/:id/confidentiality`: the opposite of the case's state now. */
export function toConfidentialityBody(
  isConfidentialNow: boolean,
  reason: string,
): { isConfidential: boolean; reason: string } {
  return { isConfidential: !isConfidentialNow, reason: reason.trim() };
}
