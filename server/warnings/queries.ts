import { describeWarning } from "../../domain/warnings/describe.ts";
import type { WarningKind, WarningStatus } from "../../domain/warnings/types.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { mayReadFigures, type WarningAbility, warningAbilities } from "./policy.ts";

export interface WarningView {
  id: string;
  kind: WarningKind;
  status: WarningStatus;
  subject: string;
  summary: { zh: string; en: string };
  windowStart: string;
  windowEnd: string;
  raisedAt: string;
  updatedAt: string;
  /** The evidence cases this user may open (never the others). */
  caseCount: number;
  figures: Record<string, unknown> | null;
  abilities: WarningAbility[];
}

interface WarningRow {
  id: string;
  kind: WarningKind;
  status: WarningStatus;
  subject_label: string;
  window_start: string;
  window_end: string;
  figures: Record<string, unknown>;
  raised_at: Date;
  updated_at: Date;
  visible: number;
  total: number;
  first_visible: string | null;
}

export interface WarningFilter {
  kind?: WarningKind | undefined;
  status?: WarningStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  id?: string | undefined;
  ids?: string[] | undefined;
}

/**
 * Warnings as one user sees them: each joined to the evidence cases the user may read through
 * `visibleCasesCondition`; a warning none of whose evidence the user may read does not exist for
 * them, in the list, the count and the detail alike.
 */
function warningQuery(actor: Actor, f: WarningFilter, p: SqlParams): string {
  const where: string[] = [];
  if (f.kind) where.push(`w.kind = ${p.add(f.kind)}`);
  if (f.status) where.push(`w.status = ${p.add(f.status)}`);
  if (f.from) where.push(`(w.raised_at AT TIME ZONE 'Asia/Shanghai')::date >= ${p.add(f.from)}::date`);
  if (f.to) where.push(`(w.raised_at AT TIME ZONE 'Asia/Shanghai')::date <= ${p.add(f.to)}::date`);
  if (f.id) where.push(`w.id = ${p.add(f.id)}::uuid`);
  if (f.ids) where.push(`w.id = ANY(${p.add(f.ids)}::uuid[])`);
  const visible = visibleCasesCondition(actor, p);
  return `FROM warnings w
    JOIN LATERAL (
      SELECT count(*)::int AS visible,
             (array_agg(c.case_number || ' ' || c.title ORDER BY c.received_at, c.id))[1] AS first_visible
        FROM warning_cases wc JOIN cases c ON c.id = wc.case_id
       WHERE wc.warning_id = w.id AND ${visible}) v ON v.visible > 0
    ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}`;
}

const SELECT = `SELECT w.id, w.kind, w.status, w.subject_label, to_char(w.window_start, 'YYYY-MM-DD') AS window_start,
  to_char(w.window_end, 'YYYY-MM-DD') AS window_end, w.figures, w.raised_at, w.updated_at, v.visible, v.first_visible,
  (SELECT count(*)::int FROM warning_cases t WHERE t.warning_id = w.id) AS total`;

function present(actor: Actor, r: WarningRow): WarningView {
  // A matter is named by the first evidence case this user may open, never by one they may not.
  const subject = r.kind === "level_skipping" ? (r.first_visible ?? "").slice(0, 80) : r.subject_label;
  const figures = mayReadFigures(actor, r.kind, r.visible, r.total) ? r.figures : null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    subject,
    summary: describeWarning(r.kind, subject, figures, r.visible),
    windowStart: r.window_start,
    windowEnd: r.window_end,
    raisedAt: r.raised_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    caseCount: r.visible,
    figures,
    abilities: warningAbilities(actor, r.status),
  };
}

export async function listWarnings(
  q: Queryable,
  actor: Actor,
  f: WarningFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: WarningView[]; total: number }> {
  const p = new SqlParams();
  const from = warningQuery(actor, f, p);
  const count = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, p.values);
  const limit = p.add(page.pageSize);
  const offset = p.add((page.page - 1) * page.pageSize);
  const { rows } = await q.query<WarningRow>(
    `${SELECT} ${from} ORDER BY w.status = 'closed', w.raised_at DESC, w.id LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { total: count.rows[0]!.n, items: rows.map((r) => present(actor, r)) };
}

export async function findVisibleWarning(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<WarningView | null> {
  const p = new SqlParams();
  const from = warningQuery(actor, { id }, p);
  const { rows } = await q.query<WarningRow>(`${SELECT} ${from}`, p.values);
  return rows[0] ? present(actor, rows[0]) : null;
}

export interface EvidenceCase {
  id: string;
  caseNumber: string;
  title: string;
  status: string;
  receivedAt: string;
  categoryName: string | null;
  regionName: string | null;
  destinationLevel: string | null;
}

export async function evidenceCases(q: Queryable, actor: Actor, warningId: string): Promise<EvidenceCase[]> {
  const p = new SqlParams();
  const id = p.add(warningId);
  const { rows } = await q.query<{
    id: string;
    case_number: string;
    title: string;
    status: string;
    received_at: Date;
    category_name: string | null;
    region_name: string | null;
    destination_level: string | null;
  }>(
    `SELECT c.id, c.case_number, c.title, c.status, c.received_at, cat.name_zh AS category_name,
            u.name AS region_name, c.destination_level
       FROM warning_cases wc JOIN cases c ON c.id = wc.case_id
       LEFT JOIN categories cat ON cat.id = c.category_id
       LEFT JOIN org_units u ON u.id = c.region_unit_id
      WHERE wc.warning_id = ${id}::uuid AND ${visibleCasesCondition(actor, p)}
      ORDER BY c.received_at, c.id`,
    p.values,
  );
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    title: r.title,
    status: r.status,
    receivedAt: r.received_at.toISOString(),
    categoryName: r.category_name,
    regionName: r.region_name,
    destinationLevel: r.destination_level,
  }));
}

export interface FollowUp {
  seq: number;
  note: string;
  actorName: string;
  at: string;
}

export async function followUps(q: Queryable, warningId: string): Promise<FollowUp[]> {
  const { rows } = await q.query<{ seq: number; note: string; display_name: string; created_at: Date }>(
    `SELECT f.seq, f.note, u.display_name, f.created_at FROM warning_follow_ups f JOIN users u ON u.id = f.actor_id
      WHERE f.warning_id = $1 ORDER BY f.seq`,
    [warningId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    note: r.note,
    actorName: r.display_name,
    at: r.created_at.toISOString(),
  }));
}

export async function warningHandling(
  q: Queryable,
  warningId: string,
): Promise<{
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
}> {
  const { rows } = await q.query<{
    ack_name: string | null;
    acknowledged_at: Date | null;
    close_name: string | null;
    closed_at: Date | null;
    close_reason: string | null;
  }>(
    `SELECT a.display_name AS ack_name, w.acknowledged_at, c.display_name AS close_name, w.closed_at, w.close_reason
       FROM warnings w LEFT JOIN users a ON a.id = w.acknowledged_by LEFT JOIN users c ON c.id = w.closed_by
      WHERE w.id = $1`,
    [warningId],
  );
  const r = rows[0]!;
  return {
    acknowledgedBy: r.ack_name,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    closedBy: r.close_name,
    closedAt: r.closed_at?.toISOString() ?? null,
    closeReason: r.close_reason,
  };
}
