import type { Role } from "../../../domain/auth/roles.ts";
import type { Duty, TOwnershipCreate } from "../../../domain/schemas/bureau/ownership.ts";
import { isOpen } from "../../../domain/workflow/statuses.ts";
import type { Actor } from "../../auth/actor.ts";
import { isWithin } from "../../auth/actor.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { visibleCasesCondition } from "../../policies/case-policy.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import { type DayRange, instantInRange } from "../range.ts";
import {
  noAccusationAgainst,
  percent,
  RESPONSIBLE_KINDS,
  recordScope,
  requireAnyRole,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

export const DUTY_LABELS: Record<Duty, string> = {
  investigate: "包调查",
  handle: "包处理",
  supervise: "包督办",
  conclude: "包结案",
  stabilise: "包稳定",
};

/** The ownerships the actor may read: area or responsible unit in jurisdiction, never about an accusation against it. */
function ownershipScope(actor: Actor, p: SqlParams): string {
  return `(${recordScope(actor, p, "o.area_path", "o.responsible_path")} AND ${noAccusationAgainst(actor, p, "ownership_cases", "ownership_id", "o.id")})`;
}

/**
 * Puts one case (and cases linked to it) under a leader's ownership: every case must be open and
 * readable by the actor, and none may already be owned; the responsible unit must be in the
 * actor's area and must not be a unit any of the cases accuses. Each case gets an event.
 */
export async function createOwnership(
  tx: Queryable,
  ctx: BureauCtx,
  input: TOwnershipCreate,
): Promise<string> {
  const unit = await unitInArea(tx, ctx.actor, input.responsibleUnitId, RESPONSIBLE_KINDS);
  if (input.targetDate < today(ctx.now)) throw new AppError("DATE_IN_PAST");
  if (input.leaderUserId) {
    const u = await tx.query("SELECT 1 FROM users WHERE id = $1 AND is_active", [input.leaderUserId]);
    if (!u.rows[0])
      throw new AppError("VALIDATION_FAILED", [{ path: "leaderUserId", message: "no such user" }]);
  }
  const rows = await noteOnCases(tx, ctx.actor, input.caseIds, ctx.now, () => ({
    action: "ownership_start",
    note: `领导包案：${input.leaderTitle}${input.leaderName}包案，责任单位${unit.name}，目标${input.targetDate}`,
  }));
  for (const c of rows) {
    if (!isOpen(c.status)) throw new AppError("CASE_NOT_OPEN", { caseId: c.id, status: c.status });
    if (c.accused_path && isWithin(unit.path, c.accused_path)) throw new AppError("RESPONSIBLE_UNIT_ACCUSED");
  }
  const taken = await tx.query<{ case_id: string }>(
    "SELECT case_id FROM ownership_cases WHERE case_id = ANY($1::uuid[]) AND is_open",
    [input.caseIds],
  );
  if (taken.rows[0]) throw new AppError("OWNERSHIP_CASE_TAKEN", { caseId: taken.rows[0].case_id });
  const primary = rows.find((r) => r.id === input.caseIds[0])!;
  const { rows: created } = await tx.query<{ id: string }>(
    `INSERT INTO ownerships (area_path, responsible_unit_id, responsible_path, leader_user_id, leader_name, leader_title,
       plan, target_date, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [
      primary.region_path,
      unit.id,
      unit.path,
      input.leaderUserId ?? null,
      input.leaderName,
      input.leaderTitle,
      input.plan,
      input.targetDate,
      ctx.actor.id,
      ctx.now,
    ],
  );
  const id = created[0]!.id;
  await tx.query(
    `INSERT INTO ownership_cases (ownership_id, case_id, is_primary, is_open)
     SELECT $1, c, c = $2::uuid, true FROM unnest($3::uuid[]) AS c`,
    [id, primary.id, input.caseIds],
  );
  await tx.query(
    `INSERT INTO ownership_duties (ownership_id, duty, owner_name, due_on)
     SELECT $1, x.duty, x.owner_name, x.due_on FROM jsonb_to_recordset($2::jsonb) AS x(duty text, owner_name text, due_on date)`,
    [
      id,
      JSON.stringify(input.duties.map((d) => ({ duty: d.duty, owner_name: d.ownerName, due_on: d.dueOn }))),
    ],
  );
  if (input.milestones.length > 0) {
    await tx.query(
      `INSERT INTO ownership_milestones (ownership_id, position, title, due_on)
       SELECT $1, x.position, x.title, x.due_on FROM jsonb_to_recordset($2::jsonb) AS x(position int, title text, due_on date)`,
      [
        id,
        JSON.stringify(
          input.milestones.map((m, position) => ({ position, title: m.title, due_on: m.dueOn })),
        ),
      ],
    );
  }
  await auditBureau(tx, ctx, "ownership_create", "ownership", id, {
    cases: input.caseIds,
    leaderName: input.leaderName,
    responsibleUnit: unit.path,
  });
  return id;
}

interface OwnershipRow {
  id: string;
  status: "open" | "resolved" | "withdrawn";
  leader_name: string;
  leader_title: string;
  leader_user_id: string | null;
  responsible_unit_id: string;
  responsible_unit_name: string;
  plan: string;
  target_date: string;
  resolution: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

async function findOwnership(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<OwnershipRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<OwnershipRow>(
    `SELECT o.id, o.status, o.leader_name, o.leader_title, o.leader_user_id, o.responsible_unit_id,
            u.name AS responsible_unit_name, o.plan, to_char(o.target_date, 'YYYY-MM-DD') AS target_date, o.resolution,
            o.resolved_at, o.created_at
       FROM ownerships o JOIN org_units u ON u.id = o.responsible_unit_id
      WHERE o.id = ${p.add(id)} AND ${ownershipScope(actor, p)}${lock ? " FOR UPDATE OF o" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

/** Loads and locks an ownership for a change: 404 when out of jurisdiction, then 403 for the role, 409 unless open. */
async function forChange(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  roles: readonly Role[],
): Promise<OwnershipRow> {
  const o = await findOwnership(tx, ctx.actor, id, true);
  if (!o) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(o.status, ["open"]);
  return o;
}

async function touch(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query("UPDATE ownerships SET updated_at = $2 WHERE id = $1", [id, now]);
}

export async function markDutyDone(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  duty: Duty,
  note: string,
  roles: readonly Role[],
): Promise<void> {
  await forChange(tx, ctx, id, roles);
  const r = await tx.query(
    "UPDATE ownership_duties SET done_at = $3, done_note = $4 WHERE ownership_id = $1 AND duty = $2 AND done_at IS NULL",
    [id, duty, ctx.now, note],
  );
  if (r.rowCount === 0) throw new AppError("BUREAU_INVALID_STATE", { duty });
  await touch(tx, id, ctx.now);
  await auditBureau(tx, ctx, "ownership_duty_done", "ownership", id, { duty });
}

export async function markMilestoneDone(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  position: number,
  note: string,
  roles: readonly Role[],
): Promise<void> {
  await forChange(tx, ctx, id, roles);
  const exists = await tx.query<{ done_at: Date | null }>(
    "SELECT done_at FROM ownership_milestones WHERE ownership_id = $1 AND position = $2",
    [id, position],
  );
  if (!exists.rows[0]) throw new AppError("NOT_FOUND");
  if (exists.rows[0].done_at) throw new AppError("BUREAU_INVALID_STATE", { position });
  await tx.query(
    "UPDATE ownership_milestones SET done_at = $3, done_note = $4 WHERE ownership_id = $1 AND position = $2",
    [id, position, ctx.now, note],
  );
  await touch(tx, id, ctx.now);
  await auditBureau(tx, ctx, "ownership_milestone_done", "ownership", id, { position });
}

export async function addProgressNote(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  text: string,
  roles: readonly Role[],
): Promise<void> {
  await forChange(tx, ctx, id, roles);
  await tx.query(
    `INSERT INTO ownership_notes (ownership_id, seq, at, author_id, author_label, text)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5 FROM ownership_notes WHERE ownership_id = $1`,
    [id, ctx.now, ctx.actor.id, ctx.actor.displayName, text],
  );
  await touch(tx, id, ctx.now);
  await auditBureau(tx, ctx, "ownership_note", "ownership", id, {});
}

/** Resolved (化解) once all five duties are done, or withdrawn; the cases are released and get an event. */
export async function finishOwnership(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  to: "resolved" | "withdrawn",
  text: string,
  roles: readonly Role[],
): Promise<void> {
  const o = await forChange(tx, ctx, id, roles);
  if (to === "resolved") {
    const open = await tx.query<{ duty: Duty }>(
      "SELECT duty FROM ownership_duties WHERE ownership_id = $1 AND done_at IS NULL ORDER BY duty",
      [id],
    );
    if (open.rows.length > 0)
      throw new AppError("OWNERSHIP_DUTIES_OPEN", { open: open.rows.map((r) => r.duty) });
  }
  const cases = await tx.query<{ case_id: string }>(
    "SELECT case_id FROM ownership_cases WHERE ownership_id = $1",
    [id],
  );
  // Cases the actor cannot read any more (e.g. reassigned) still get their event: the ownership links them.
  for (const { case_id } of cases.rows.sort((a, b) => a.case_id.localeCompare(b.case_id))) {
    await tx.query("SELECT 1 FROM cases WHERE id = $1 FOR UPDATE", [case_id]);
    await appendCaseEvent(tx, {
      caseId: case_id,
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.displayName,
      action: to === "resolved" ? "ownership_resolved" : "ownership_withdrawn",
      fromStatus: null,
      toStatus: null,
      note: `${o.leader_title}${o.leader_name}包案${to === "resolved" ? "化解" : "撤销"}：${text}`,
      at: ctx.now,
    });
  }
  await tx.query(
    "UPDATE ownerships SET status = $2, resolution = $3, resolved_at = $4, updated_at = $4 WHERE id = $1",
    [id, to, text, ctx.now],
  );
  await tx.query("UPDATE ownership_cases SET is_open = false WHERE ownership_id = $1", [id]);
  await auditBureau(tx, ctx, `ownership_${to}`, "ownership", id, { cases: cases.rows.length });
}

export async function loadOwnership(q: Queryable, actor: Actor, id: string, now: Date) {
  const o = await findOwnership(q, actor, id);
  if (!o) return null;
  const day = today(now);
  const links = await q.query<{ case_id: string; is_primary: boolean }>(
    "SELECT case_id, is_primary FROM ownership_cases WHERE ownership_id = $1 ORDER BY is_primary DESC, case_id",
    [id],
  );
  const refs = await visibleCaseRefs(
    q,
    actor,
    links.rows.map((l) => l.case_id),
  );
  const duties = await q.query<{
    duty: Duty;
    owner_name: string;
    due_on: string;
    done_at: Date | null;
    done_note: string | null;
  }>(
    `SELECT duty, owner_name, to_char(due_on, 'YYYY-MM-DD') AS due_on, done_at, done_note FROM ownership_duties
      WHERE ownership_id = $1
      ORDER BY array_position(ARRAY['investigate', 'handle', 'supervise', 'conclude', 'stabilise'], duty)`,
    [id],
  );
  const milestones = await q.query<{
    position: number;
    title: string;
    due_on: string;
    done_at: Date | null;
    done_note: string | null;
  }>(
    `SELECT position, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, done_at, done_note FROM ownership_milestones
      WHERE ownership_id = $1 ORDER BY position`,
    [id],
  );
  const notes = await q.query<{ seq: number; at: Date; author_label: string; text: string }>(
    "SELECT seq, at, author_label, text FROM ownership_notes WHERE ownership_id = $1 ORDER BY seq",
    [id],
  );
  const slipped = (x: { due_on: string; done_at: Date | null }) =>
    o.status === "open" && !x.done_at && x.due_on < day;
  return {
    id: o.id,
    status: o.status,
    leaderName: o.leader_name,
    leaderTitle: o.leader_title,
    leaderUserId: o.leader_user_id,
    responsibleUnitId: o.responsible_unit_id,
    responsibleUnitName: o.responsible_unit_name,
    plan: o.plan,
    targetDate: o.target_date,
    resolution: o.resolution,
    resolvedAt: o.resolved_at?.toISOString() ?? null,
    cases: links.rows
      .filter((l) => refs.has(l.case_id))
      .map((l) => ({ ...refs.get(l.case_id)!, isPrimary: l.is_primary })),
    duties: duties.rows.map((d) => ({
      duty: d.duty,
      ownerName: d.owner_name,
      dueOn: d.due_on,
      doneAt: d.done_at?.toISOString() ?? null,
      doneNote: d.done_note,
      isSlipped: slipped(d),
    })),
    milestones: milestones.rows.map((m) => ({
      position: m.position,
      title: m.title,
      dueOn: m.due_on,
      doneAt: m.done_at?.toISOString() ?? null,
      doneNote: m.done_note,
      isSlipped: slipped(m),
    })),
    notes: notes.rows.map((n) => ({
      seq: n.seq,
      at: n.at.toISOString(),
      author: n.author_label,
      text: n.text,
    })),
    createdAt: o.created_at.toISOString(),
  };
}

/** Open ownerships with a slipped milestone or duty (past its day, not done) are what reminders are about. */
export async function listOwnerships(
  q: Queryable,
  actor: Actor,
  now: Date,
  f: { status?: string | undefined; slipped?: "true" | "false" | undefined },
  page: PageReq,
) {
  const p = new SqlParams();
  const day = p.add(today(now));
  const where = [ownershipScope(actor, p)];
  if (f.status) where.push(`o.status = ${p.add(f.status)}`);
  const slippedSql = `(CASE WHEN o.status = 'open' THEN
      (SELECT count(*) FROM ownership_milestones m WHERE m.ownership_id = o.id AND m.done_at IS NULL AND m.due_on < ${day}::date)
    + (SELECT count(*) FROM ownership_duties d WHERE d.ownership_id = o.id AND d.done_at IS NULL AND d.due_on < ${day}::date)
    ELSE 0 END)::int`;
  if (f.slipped === "true") where.push(`${slippedSql} > 0`);
  if (f.slipped === "false") where.push(`${slippedSql} = 0`);
  const rows = await pagedRows<{
    id: string;
    status: "open" | "resolved" | "withdrawn";
    leader_name: string;
    leader_title: string;
    responsible_unit_name: string;
    target_date: string;
    case_count: number;
    slipped: number;
    duties_done: number;
  }>(
    q,
    p,
    {
      select: `o.id, o.status, o.leader_name, o.leader_title, u.name AS responsible_unit_name,
            to_char(o.target_date, 'YYYY-MM-DD') AS target_date,
            (SELECT count(*)::int FROM ownership_cases oc JOIN cases c ON c.id = oc.case_id
              WHERE oc.ownership_id = o.id AND ${visibleCasesCondition(actor, p)}) AS case_count,
            ${slippedSql} AS slipped,
            (SELECT count(*)::int FROM ownership_duties d WHERE d.ownership_id = o.id AND d.done_at IS NOT NULL) AS duties_done`,
      from: "ownerships o JOIN org_units u ON u.id = o.responsible_unit_id",
      where: where.join(" AND "),
      orderBy: "o.status, o.target_date, o.id",
    },
    page,
  );
  const items = rows.items.map((r) => ({
    id: r.id,
    status: r.status,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    responsibleUnitName: r.responsible_unit_name,
    targetDate: r.target_date,
    caseCount: r.case_count,
    slipped: r.slipped,
    dutiesDone: r.duties_done,
  }));
  return { items, total: rows.total };
}

/** 包案 in figures: owned, resolved, resolution rate = resolved / owned (withdrawn ones not counted), by leader. */
export async function ownershipFigures(q: Queryable, actor: Actor, now: Date, range: DayRange = {}) {
  checkRange(range);
  const p = new SqlParams();
  const day = p.add(today(now));
  const { rows } = await q.query<{ leader_name: string; status: string; n: number; slipped: number }>(
    `SELECT o.leader_name, o.status, count(*)::int AS n,
            count(*) FILTER (WHERE o.status = 'open' AND EXISTS (SELECT 1 FROM ownership_milestones m
              WHERE m.ownership_id = o.id AND m.done_at IS NULL AND m.due_on < ${day}::date))::int AS slipped
       FROM ownerships o WHERE ${ownershipScope(actor, p)}${instantInRange(p, "o.created_at", range)} GROUP BY o.leader_name, o.status ORDER BY o.leader_name`,
    p.values,
  );
  const sum = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((a, r) => a + r.n, 0);
  const open = sum((r) => r.status === "open");
  const resolved = sum((r) => r.status === "resolved");
  const leaders = [...new Set(rows.map((r) => r.leader_name))];
  return {
    owned: open + resolved,
    open,
    resolved,
    withdrawn: sum((r) => r.status === "withdrawn"),
    resolutionRate: percent(resolved, open + resolved),
    openWithSlippedMilestones: rows.reduce((a, r) => a + r.slipped, 0),
    byLeader: leaders.map((leaderName) => {
      const mine = rows.filter((r) => r.leader_name === leaderName);
      const o = mine.filter((r) => r.status === "open").reduce((a, r) => a + r.n, 0);
      const res = mine.filter((r) => r.status === "resolved").reduce((a, r) => a + r.n, 0);
      return { leaderName, owned: o + res, resolved: res, resolutionRate: percent(res, o + res) };
    }),
  };
}
