import { COUNTY_WIDE_ROLES, type Role } from "../../domain/auth/roles.ts";
import type { Actor } from "../auth/actor.ts";
import { hasRole } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams, subtreePattern } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";

/**
 * Jurisdiction for the bureau's records beyond single cases (reception, ownership, disputes,
 * supervision, duty). Every record carries the path of the area it belongs to (county, township
 * or village) and, where a unit is responsible, that unit's path. The bureau and the county's
 * leaders see their whole county; township and village staff see their own subtree; department
 * staff see the records their unit (or a unit below it) is responsible for. Administrators see none.
 */
export function recordScope(actor: Actor, p: SqlParams, areaCol: string, unitCol?: string): string {
  const grants: string[] = [];
  if (hasRole(actor, ...COUNTY_WIDE_ROLES, "local_staff"))
    grants.push(pathWithin(areaCol, actor.areaPath, p));
  if (unitCol && hasRole(actor, "unit_staff", "unit_leader")) {
    grants.push(pathWithin(unitCol, actor.unitPath, p));
  }
  return grants.length === 0 ? "false" : `(${grants.join(" OR ")})`;
}

/** `col` is `root` or below it, as one indexable condition. */
export function pathWithin(col: string, root: string, p: SqlParams): string {
  return `(${col} = ${p.add(root)} OR ${col} LIKE ${p.add(subtreePattern(root))})`;
}

/** The actor, who must hold one of the roles (403 otherwise). */
export function requireAnyRole(actor: Actor, roles: readonly Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError("FORBIDDEN");
}

export interface UnitRef {
  id: string;
  path: string;
  name: string;
  kind: string;
}

/**
 * A unit of the given kinds inside the actor's area, or 422 UNIT_UNKNOWN — the same answer for a
 * unit that does not exist and one outside the jurisdiction, so nothing leaks.
 */
export async function unitInArea(
  q: Queryable,
  actor: Actor,
  unitId: string,
  kinds: readonly string[],
): Promise<UnitRef> {
  const p = new SqlParams();
  const { rows } = await q.query<UnitRef>(
    `SELECT id, path, name, kind FROM org_units o
      WHERE o.id = ${p.add(unitId)} AND o.is_active AND o.kind = ANY(${p.add(kinds)}::text[])
        AND ${pathWithin("o.path", actor.areaPath, p)}`,
    p.values,
  );
  if (!rows[0]) throw new AppError("UNIT_UNKNOWN", { unitId });
  return rows[0];
}

export const AREA_KINDS = ["county", "township", "village"] as const;
export const RESPONSIBLE_KINDS = ["department", "township", "village", "bureau"] as const;

export interface CaseRef {
  id: string;
  caseNumber: string;
  title: string;
  status: string;
}

/**
 * The cases among `ids` that the actor may read, as short references. Cases the actor may not read
 * are left out entirely: a record linking them never reveals that they exist.
 */
export async function visibleCaseRefs(
  q: Queryable,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, CaseRef>> {
  const out = new Map<string, CaseRef>();
  if (ids.length === 0) return out;
  const p = new SqlParams();
  const idsParam = p.add([...new Set(ids)]);
  const { rows } = await q.query<{ id: string; case_number: string; title: string; status: string }>(
    `SELECT c.id, c.case_number, c.title, c.status FROM cases c
      WHERE c.id = ANY(${idsParam}::uuid[]) AND ${visibleCasesCondition(actor, p)}`,
    p.values,
  );
  for (const r of rows)
    out.set(r.id, { id: r.id, caseNumber: r.case_number, title: r.title, status: r.status });
  return out;
}

/** SQL: the case in column `caseCol` is null or readable by the actor (for figures and lists). */
export function caseNullOrVisible(actor: Actor, p: SqlParams, caseCol: string): string {
  return `(${caseCol} IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = ${caseCol} AND ${visibleCasesCondition(actor, p)}))`;
}

/** SQL: the case in column `caseCol` is readable by the actor. */
export function caseVisible(actor: Actor, p: SqlParams, caseCol: string): string {
  return `EXISTS (SELECT 1 FROM cases c WHERE c.id = ${caseCol} AND ${visibleCasesCondition(actor, p)})`;
}

/**
 * SQL: none of the cases linked to the record (through `linkTable`.`linkCol` = `recordIdSql`)
 * accuses the actor's unit or a unit above it — an accused unit never sees a record about the
 * accusation, even where the record's area or responsible unit would otherwise be its own.
 */
export function noAccusationAgainst(
  actor: Actor,
  p: SqlParams,
  linkTable: string,
  linkCol: string,
  recordIdSql: string,
): string {
  const own = p.add(actor.unitPath);
  return `NOT EXISTS (SELECT 1 FROM ${linkTable} l JOIN cases ac ON ac.id = l.case_id
    WHERE l.${linkCol} = ${recordIdSql} AND ac.accused_path IS NOT NULL
      AND (${own} = ac.accused_path OR starts_with(${own}, ac.accused_path || '.')))`;
}

/** A share as a percentage with one decimal (the seed report's style), or null when nothing was counted. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
