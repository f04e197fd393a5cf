import {
  type AuditOutcome,
  auditOutcome,
  FAILURE_ACTIONS,
  OK_DETAIL_ACTIONS,
  SUCCESS_ACTIONS,
} from "../../../domain/audit/outcome.ts";
import type { TAuditEntry, TAuditFilter } from "../../../domain/schemas/admin.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";

/** The SQL condition of each outcome, from the same lists as `auditOutcome`. */
function outcomeCondition(outcome: AuditOutcome, p: SqlParams): string {
  const byAction = p.add(outcome === "success" ? SUCCESS_ACTIONS : FAILURE_ACTIONS);
  const ok = outcome === "success" ? "true" : "false";
  return `(a.action = ANY(${byAction}::text[]) OR (a.action = ANY(${p.add(OK_DETAIL_ACTIONS)}::text[]) AND a.detail->>'ok' = '${ok}'))`;
}

/** The filter as conditions on `audit_log a`; every value goes in as a parameter. */
export function auditConditions(f: TAuditFilter, p: SqlParams): string {
  const where = ["true"];
  if (f.action) where.push(`a.action = ${p.add(f.action)}`);
  if (f.actorId) where.push(`a.actor_id = ${p.add(f.actorId)}::uuid`);
  if (f.actor) where.push(`a.actor_id IN (SELECT id FROM users WHERE username = ${p.add(f.actor)})`);
  if (f.objectType) where.push(`a.object_type = ${p.add(f.objectType)}`);
  if (f.objectId) where.push(`a.object_id = ${p.add(f.objectId)}`);
  if (f.caseNumber) {
    const n = p.add(f.caseNumber);
    // The case's own rows, its petitioners' (`<case id>/<position>`), and rows that name it by
    // number or by id in their detail (bureau records about it).
    const id = `(SELECT id::text FROM cases WHERE case_number = ${n})`;
    where.push(
      `(a.detail->>'caseNumber' = ${n} OR a.object_id = ${id} OR a.object_id LIKE ${id} || '/%' OR a.detail->>'caseId' = ${id})`,
    );
  }
  if (f.from) where.push(`a.at >= (${p.add(f.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.to) where.push(`a.at < ((${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.outcome) where.push(outcomeCondition(f.outcome, p));
  return where.join(" AND ");
}

export interface AuditListRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_name: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  object_label: string | null;
  detail: Record<string, unknown>;
  chain_pos: string | null;
}

export const AUDIT_LIST_COLUMNS = `a.id::text AS id, a.at, a.actor_id, u.username AS actor_username,
  u.display_name AS actor_name, a.actor_role, a.ip, a.action, a.object_type, a.object_id,
  COALESCE(ou.username, og.name) AS object_label, a.detail, a.chain_pos::text AS chain_pos`;

/**
 * The actor's account, and the account or unit a row is about, named: a user name reads better
 * than an id. Nothing of a case is read beyond what its rows hold.
 */
export const AUDIT_LIST_JOINS = `LEFT JOIN users u ON u.id = a.actor_id
  LEFT JOIN users ou ON a.object_type = 'user' AND ou.id::text = a.object_id
  LEFT JOIN org_units og ON a.object_type = 'org_unit' AND og.id::text = a.object_id`;

export async function countAuditRows(q: Queryable, f: TAuditFilter): Promise<number> {
  const p = new SqlParams();
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log a WHERE ${auditConditions(f, p)}`,
    p.values,
  );
  return rows[0]!.n;
}

/** One page of the filtered log, newest first (by the table's bigint id, never as text). */
export async function loadAuditPage(
  q: Queryable,
  f: TAuditFilter,
  page: number,
  pageSize: number,
): Promise<AuditListRow[]> {
  const p = new SqlParams();
  const where = auditConditions(f, p);
  const { rows } = await q.query<AuditListRow>(
    `SELECT ${AUDIT_LIST_COLUMNS}
       FROM audit_log a ${AUDIT_LIST_JOINS}
      WHERE ${where}
      ORDER BY a.id DESC LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
    p.values,
  );
  return rows;
}

export function presentAuditRow(r: AuditListRow): TAuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    ip: r.ip,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    objectLabel: r.object_label,
    detail: r.detail,
    outcome: auditOutcome(r.action, r.detail),
    chainPos: r.chain_pos,
  };
}
