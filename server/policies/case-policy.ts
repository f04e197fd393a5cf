import { COUNTY_WIDE_ROLES, SENSITIVE_VIEW_ROLES } from "../../domain/auth/roles.ts";
import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import { actionsFrom, type CaseAction } from "../../domain/workflow/transitions.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole, isWithin } from "../auth/actor.ts";
import { type SqlParams, subtreePattern } from "../db/sql.ts";

/**
 * Which cases an actor may read, as one SQL condition on the `cases` alias given. Lists, detail,
 * counts and search all use this one function, so they can never disagree.
 */
export function visibleCasesCondition(actor: Actor, p: SqlParams, c = "c"): string {
  const grants: string[] = [];
  const inArea = () => {
    const root = p.add(actor.areaPath);
    return `(${c}.region_path = ${root} OR ${c}.region_path LIKE ${p.add(subtreePattern(actor.areaPath))})`;
  };
  if (hasRole(actor, ...COUNTY_WIDE_ROLES, "local_staff")) grants.push(inArea());
  if (hasRole(actor, "unit_staff", "unit_leader")) {
    grants.push(
      `EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = ${c}.id AND a.unit_id = ${p.add(actor.unitId)})`,
    );
  }
  if (grants.length === 0) return "false";
  // An accused unit, and every unit below it, never sees the accusation (信访工作条例 Art. 30).
  const own = p.add(actor.unitPath);
  const notAccused = `(${c}.accused_path IS NULL OR NOT (${own} = ${c}.accused_path OR starts_with(${own}, ${c}.accused_path || '.')))`;
  return `((${grants.join(" OR ")}) AND ${notAccused})`;
}

export interface CaseAccessFacts {
  regionPath: string;
  accusedPath: string | null;
  assignedUnitIds: string[];
}

/** The same rule for one loaded record, used to compute abilities and checked against the SQL in tests. */
export function canReadCase(actor: Actor, facts: CaseAccessFacts): boolean {
  if (facts.accusedPath && isWithin(actor.unitPath, facts.accusedPath)) return false;
  if (hasRole(actor, ...COUNTY_WIDE_ROLES, "local_staff") && isWithin(facts.regionPath, actor.areaPath))
    return true;
  return hasRole(actor, "unit_staff", "unit_leader") && facts.assignedUnitIds.includes(actor.unitId);
}

export type CaseAbility = "read" | "read_sensitive" | "attach" | CaseAction;

/**
 * What the actor may do with a case it can read, workflow actions included; sent with every case
 * so the UI shows buttons from it and never guesses from roles.
 */
export function caseAbilities(actor: Actor, status?: CaseStatus, leadUnitId?: string | null): CaseAbility[] {
  const abilities: CaseAbility[] = ["read"];
  if (hasRole(actor, ...SENSITIVE_VIEW_ROLES)) abilities.push("read_sensitive");
  if (hasRole(actor, "registrar", "bureau_office", "local_staff")) abilities.push("attach");
  if (status) abilities.push(...actionsFrom(status, actor.roles, leadUnitId === actor.unitId));
  return abilities;
}
