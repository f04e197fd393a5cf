import { COUNTY_WIDE_ROLES, SENSITIVE_VIEW_ROLES } from "../../domain/auth/roles.ts";
import { type CaseStatus, isOpen } from "../../domain/workflow/statuses.ts";
import { actionsFrom, type CaseAction, type WorkflowRules } from "../../domain/workflow/transitions.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole, isWithin } from "../auth/actor.ts";
import { type SqlParams, subtreePattern } from "../db/sql.ts";

/**
 * Which cases an actor may read, as one SQL condition on the alias given (`cases`, or a table that
 * carries its `id`, `region_path` and `accused_path`: `case_stats`, `case_stats_delta`,
 * `case_search`). Lists, detail, counts, statistics and search all use this one function, so they
 * can never disagree.
 *
 * - The bureau and the county leadership (COUNTY_WIDE_ROLES) read every case of their county.
 * - Township and village staff read the cases of their area, except confidential ones (every
 *   accusation is confidential from registration until the bureau decides otherwise): those only
 *   the bureau, the county leadership and the units the bureau assigns read.
 * - Handling units read the cases assigned to them.
 * - An accused unit, every unit below it and every unit above it short of the county itself never
 *   read the accusation (信访工作条例 第三十条), whatever their role or assignment.
 */
export function visibleCasesCondition(actor: Actor, p: SqlParams, c = "c"): string {
  const grants: string[] = [];
  const inArea = () => {
    const root = p.add(actor.areaPath);
    return `(${c}.region_path = ${root} OR ${c}.region_path LIKE ${p.add(subtreePattern(actor.areaPath))})`;
  };
  if (hasRole(actor, ...COUNTY_WIDE_ROLES)) grants.push(inArea());
  else if (hasRole(actor, "local_staff"))
    grants.push(
      `(${inArea()} AND NOT EXISTS (SELECT 1 FROM cases conf WHERE conf.id = ${c}.id AND conf.is_confidential))`,
    );
  if (hasRole(actor, "unit_staff", "unit_leader")) {
    grants.push(
      `EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = ${c}.id AND a.unit_id = ${p.add(actor.unitId)})`,
    );
  }
  // The staff of a reviewing body (or of its review office) read the cases whose review or
  // reexamination goes to it; the county-wide roles read them already.
  if (hasRole(actor, "unit_staff", "unit_leader", "local_staff")) {
    const unit = p.add(actor.unitId);
    grants.push(
      `EXISTS (SELECT 1 FROM cases ap JOIN org_units au ON au.id = ap.appeal_unit_id
                WHERE ap.id = ${c}.id AND (au.id = ${unit}::uuid OR au.review_office_id = ${unit}::uuid))`,
    );
  }
  if (grants.length === 0) return "false";
  const own = p.add(actor.unitPath);
  const within = `${own} = ${c}.accused_path OR starts_with(${own}, ${c}.accused_path || '.')`;
  // The county itself is above everything: only a unit below it is a superior that must not see.
  const above = actor.unitKind === "county" ? "" : ` OR starts_with(${c}.accused_path, ${own} || '.')`;
  const notAccused = `(${c}.accused_path IS NULL OR NOT (${within}${above}))`;
  return `((${grants.join(" OR ")}) AND ${notAccused})`;
}

export interface CaseAccessFacts {
  regionPath: string;
  accusedPath: string | null;
  isConfidential: boolean;
  assignedUnitIds: string[];
  /** The unit a review or reexamination goes to and its review office, when there is one. */
  appealUnitIds?: string[];
}

/** An accusation (检举控告) by its nature or its legal class. */
export function isAccusation(row: { nature: string | null; legal_class: string | null }): boolean {
  return row.nature === "accusation" || row.legal_class === "accusation";
}

/** Whether `unitPath` is the accused unit, below it, or above it short of the county. */
export function isAccusedSide(unitPath: string, unitKind: string, accusedPath: string | null): boolean {
  if (!accusedPath) return false;
  if (isWithin(unitPath, accusedPath)) return true;
  return unitKind !== "county" && accusedPath.startsWith(`${unitPath}.`);
}

/** The same rule for one loaded record, used to compute abilities and checked against the SQL in tests. */
export function canReadCase(actor: Actor, facts: CaseAccessFacts): boolean {
  if (isAccusedSide(actor.unitPath, actor.unitKind, facts.accusedPath)) return false;
  if (hasRole(actor, ...COUNTY_WIDE_ROLES) && isWithin(facts.regionPath, actor.areaPath)) return true;
  if (hasRole(actor, "local_staff") && !facts.isConfidential && isWithin(facts.regionPath, actor.areaPath))
    return true;
  if (
    hasRole(actor, "unit_staff", "unit_leader", "local_staff") &&
    facts.appealUnitIds?.includes(actor.unitId)
  )
    return true;
  return hasRole(actor, "unit_staff", "unit_leader") && facts.assignedUnitIds.includes(actor.unitId);
}

/** The body a review or reexamination request goes to, as the case row carries it. */
export interface AppealBody {
  unitId: string;
  path: string;
  kind: string;
  /** The unit that acts for it (a county's review office), if any. */
  officeId: string | null;
  /** The unit whose answer is under review (the lead unit, or the bureau when it answered itself). */
  answeredBy: string | null;
}

/** Leaders of the county government: they act for the county as a reviewing body. */
export const COUNTY_GOVERNMENT_LEADERS = ["leader_in_charge", "principal_leader"] as const;

/**
 * Whether the actor acts for the body a review (复查) or reexamination (复核) goes to (条例
 * 第三十五条): its own staff; its review office's staff, unless that office is the unit whose answer
 * is under review (nobody reviews their own answer); for a county government, its leaders. A case
 * with no such body in the network (a request to a body outside it, which the office refers, or one
 * made before bodies were recorded) is left to the table's roles.
 */
export function actsForAppealBody(actor: Actor, body: AppealBody | null | undefined): boolean {
  if (!body) return true;
  if (actor.unitId === body.unitId) return true;
  if (body.officeId !== null && actor.unitId === body.officeId && body.officeId !== body.answeredBy)
    return true;
  return (
    body.kind === "county" &&
    hasRole(actor, ...COUNTY_GOVERNMENT_LEADERS) &&
    isWithin(actor.unitPath, body.path)
  );
}

export type CaseAbility =
  | "read"
  | "read_sensitive"
  | "attach"
  | "reclassify"
  | "record_rating"
  | "reissue_query_code"
  | "refer_appeal"
  | CaseAction;

/** What the abilities of one case depend on besides the actor. */
export interface CaseAbilityFacts {
  status: CaseStatus;
  leadUnitId: string | null;
  appealBody: AppealBody | null;
  /** The review or reexamination request went to a body outside the network (to be referred). */
  appealOutside: boolean;
  /** The county's rule pack as the transition table reads it (whether the bureau vets answers). */
  rules: WorkflowRules;
}

/** Steps that accept a review or reexamination request: never for a body outside the network. */
const APPEAL_ACCEPTANCE: readonly CaseAbility[] = ["accept_review", "accept_reexam"];

/**
 * What the actor may do with a case it can read, workflow actions included; sent with every case
 * so the UI shows buttons from it and never guesses from roles. Without `onCase`, the abilities
 * that do not depend on a case (reading identities, attaching).
 */
export function caseAbilities(actor: Actor, onCase?: CaseAbilityFacts): CaseAbility[] {
  const abilities: CaseAbility[] = ["read"];
  if (hasRole(actor, ...SENSITIVE_VIEW_ROLES)) abilities.push("read_sensitive");
  if (hasRole(actor, "registrar", "bureau_office", "local_staff")) abilities.push("attach");
  if (!onCase) return abilities;
  const { status, leadUnitId, appealBody, appealOutside, rules } = onCase;
  // 调整分类: the bureau office, while the case is open (server/commands/reclassify.ts).
  if (isOpen(status) && hasRole(actor, "bureau_office")) abilities.push("reclassify");
  // 回访: the bureau office records the rating the petitioner gave by phone, at a visit or by letter.
  if (status === "replied" && hasRole(actor, "bureau_office")) abilities.push("record_rating");
  // 重新发放查询码 after checking the petitioner's identity (POST /api/cases/:id/query-code).
  if (hasRole(actor, "registrar", "bureau_office")) abilities.push("reissue_query_code");
  // 转交系统外机关: a review or reexamination request the county cannot accept (appeal-referral.ts).
  if (
    appealOutside &&
    (status === "review_requested" || status === "reexam_requested") &&
    hasRole(actor, "bureau_office")
  )
    abilities.push("refer_appeal");
  const actions = actionsFrom(
    rules,
    status,
    actor.roles,
    leadUnitId === actor.unitId,
    actsForAppealBody(actor, appealBody),
  );
  // A request to a body outside the network is referred there, never accepted here (the step
  // answers 409 APPEAL_OUTSIDE_SYSTEM): only 转交系统外机关 is offered.
  abilities.push(...(appealOutside ? actions.filter((a) => !APPEAL_ACCEPTANCE.includes(a)) : actions));
  return abilities;
}
