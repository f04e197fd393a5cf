import type { Role } from "../../../domain/auth/roles.ts";
import type { TConferenceCreate, TMinutes } from "../../../domain/schemas/bureau/conferences.ts";
import type { Actor } from "../../auth/actor.ts";
import { hasRole, isWithin } from "../../auth/actor.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import {
  AREA_KINDS,
  caseVisible,
  noAccusationAgainst,
  pathWithin,
  percent,
  RESPONSIBLE_KINDS,
  recordScope,
  requireAnyRole,
  type UnitRef,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

/**
 * The meetings the actor may read: convened for an area in its jurisdiction, or (for a department)
 * with a decision its unit is responsible for; never a meeting about an accusation against its unit.
 */
function conferenceScope(actor: Actor, p: SqlParams): string {
  return `((${recordScope(actor, p, "m.area_path")} OR EXISTS (SELECT 1 FROM conference_decisions sd
      WHERE sd.conference_id = m.id AND ${decisionGrant(actor, p, "sd.unit_path")}))
    AND ${noAccusationAgainst(actor, p, "conference_cases", "conference_id", "m.id")})`;
}

/**
 * A decision's responsible unit in the actor's reach: for a department its own unit (and below);
 * for township and village staff a unit of their area, so a township follows up the county
 * meeting's decisions its villages and stations carry.
 */
function decisionGrant(actor: Actor, p: SqlParams, unitCol: string): string {
  const grants: string[] = [];
  if (hasRole(actor, "unit_staff", "unit_leader")) grants.push(pathWithin(unitCol, actor.unitPath, p));
  if (hasRole(actor, "local_staff")) grants.push(pathWithin(unitCol, actor.areaPath, p));
  return grants.length === 0 ? "false" : `(${grants.join(" OR ")})`;
}

/** The decisions the actor may read (d joined to its meeting m): area in jurisdiction, or its unit responsible. */
function decisionScope(actor: Actor, p: SqlParams): string {
  return `((${recordScope(actor, p, "m.area_path")} OR ${decisionGrant(actor, p, "d.unit_path")}) AND ${noAccusationAgainst(actor, p, "conference_cases", "conference_id", "m.id")})`;
}

/**
 * Convenes a joint conference for an area in the actor's jurisdiction: officials attending (units
 * and names as text) and an agenda of topics, each optionally about a case the actor may read.
 * Each agenda case gets an event.
 */
export async function createConference(
  tx: Queryable,
  ctx: BureauCtx,
  input: TConferenceCreate,
): Promise<string> {
  const area = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  for (const a of input.attendees) {
    if (!a.unitId) continue;
    const u = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [a.unitId]);
    if (!u.rows[0]) throw new AppError("UNIT_UNKNOWN", { unitId: a.unitId });
  }
  const caseIds = input.agenda.flatMap((a) => (a.caseId ? [a.caseId] : []));
  await noteOnCases(tx, ctx.actor, caseIds, ctx.now, () => ({
    action: "conference_agenda",
    note: `列入${input.meetingOn}《${input.title}》议题（${input.place}，${input.chairName}主持）`,
  }));
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO conferences (area_unit_id, area_path, title, meeting_on, place, chair_name, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [area.id, area.path, input.title, input.meetingOn, input.place, input.chairName, ctx.actor.id, ctx.now],
  );
  const id = rows[0]!.id;
  await tx.query(
    `INSERT INTO conference_attendees (conference_id, position, unit_id, name)
     SELECT $1, x.position, x.unit_id, x.name FROM jsonb_to_recordset($2::jsonb) AS x(position int, unit_id uuid, name text)`,
    [
      id,
      JSON.stringify(
        input.attendees.map((a, position) => ({ position, unit_id: a.unitId ?? null, name: a.name })),
      ),
    ],
  );
  await tx.query(
    `INSERT INTO conference_agenda (conference_id, position, topic, case_id)
     SELECT $1, x.position, x.topic, x.case_id FROM jsonb_to_recordset($2::jsonb) AS x(position int, topic text, case_id uuid)`,
    [
      id,
      JSON.stringify(
        input.agenda.map((a, position) => ({ position, topic: a.topic, case_id: a.caseId ?? null })),
      ),
    ],
  );
  if (caseIds.length > 0) {
    await tx.query(
      `INSERT INTO conference_cases (conference_id, case_id) SELECT DISTINCT $1::uuid, c FROM unnest($2::uuid[]) AS c`,
      [id, caseIds],
    );
  }
  await auditBureau(tx, ctx, "conference_create", "conference", id, {
    area: area.path,
    meetingOn: input.meetingOn,
    cases: caseIds,
  });
  return id;
}

interface ConferenceRow {
  id: string;
  area_unit_id: string;
  area_name: string;
  title: string;
  meeting_on: string;
  place: string;
  chair_name: string;
  status: "planned" | "held" | "cancelled";
  summary: string | null;
  held_at: Date | null;
  created_at: Date;
}

async function findConference(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ConferenceRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<ConferenceRow>(
    `SELECT m.id, m.area_unit_id, a.name AS area_name, m.title, to_char(m.meeting_on, 'YYYY-MM-DD') AS meeting_on,
            m.place, m.chair_name, m.status, m.summary, m.held_at, m.created_at
       FROM conferences m JOIN org_units a ON a.id = m.area_unit_id
      WHERE m.id = ${p.add(id)} AND ${conferenceScope(actor, p)}${lock ? " FOR UPDATE OF m" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

/**
 * Records that the meeting was held: the minutes' summary and its decisions, each with a
 * responsible unit in the actor's area (never a unit accused by a case of the meeting), a due date
 * not before the meeting and optionally the case it is about. Each decision's case gets an event.
 */
export async function recordMinutes(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  input: TMinutes,
  roles: readonly Role[],
): Promise<void> {
  const m = await findConference(tx, ctx.actor, id, true);
  if (!m) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(m.status, ["planned"]);
  if (m.meeting_on > today(ctx.now))
    throw new AppError("CONFERENCE_NOT_YET_HELD", { meetingOn: m.meeting_on });
  const units: UnitRef[] = [];
  for (const d of input.decisions) {
    if (d.dueOn < m.meeting_on) throw new AppError("DATE_RANGE_INVALID", { dueOn: d.dueOn });
    units.push(await unitInArea(tx, ctx.actor, d.unitId, RESPONSIBLE_KINDS));
  }
  const decisionCases = input.decisions.flatMap((d) => (d.caseId ? [d.caseId] : []));
  await noteOnCases(tx, ctx.actor, decisionCases, ctx.now, (c) => ({
    action: "conference_decision",
    note: `《${m.title}》议定：${input.decisions
      .map((d, i) => (d.caseId === c.id ? `${units[i]!.name}负责${d.text}（${d.dueOn}前）` : null))
      .filter((x) => x !== null)
      .join("；")}`,
    detail: { conferenceId: id },
  }));
  const accused = await tx.query<{ accused_path: string }>(
    `SELECT DISTINCT c.accused_path FROM cases c
      WHERE c.accused_path IS NOT NULL
        AND (c.id = ANY($2::uuid[]) OR c.id IN (SELECT case_id FROM conference_cases WHERE conference_id = $1))`,
    [id, decisionCases],
  );
  for (const u of units) {
    if (accused.rows.some((a) => isWithin(u.path, a.accused_path)))
      throw new AppError("RESPONSIBLE_UNIT_ACCUSED");
  }
  if (input.decisions.length > 0) {
    await tx.query(
      `INSERT INTO conference_decisions (conference_id, position, text, unit_id, unit_path, due_on, case_id)
       SELECT $1, x.position, x.text, x.unit_id, x.unit_path, x.due_on, x.case_id
         FROM jsonb_to_recordset($2::jsonb) AS x(position int, text text, unit_id uuid, unit_path text, due_on date, case_id uuid)`,
      [
        id,
        JSON.stringify(
          input.decisions.map((d, position) => ({
            position,
            text: d.text,
            unit_id: units[position]!.id,
            unit_path: units[position]!.path,
            due_on: d.dueOn,
            case_id: d.caseId ?? null,
          })),
        ),
      ],
    );
  }
  if (decisionCases.length > 0) {
    await tx.query(
      `INSERT INTO conference_cases (conference_id, case_id) SELECT DISTINCT $1::uuid, c FROM unnest($2::uuid[]) AS c
       ON CONFLICT DO NOTHING`,
      [id, decisionCases],
    );
  }
  await tx.query(
    "UPDATE conferences SET status = 'held', summary = $2, held_at = $3, updated_at = $3 WHERE id = $1",
    [id, input.summary, ctx.now],
  );
  await auditBureau(tx, ctx, "conference_minutes", "conference", id, {
    decisions: input.decisions.length,
    units: units.map((u) => u.path),
  });
}

/** Cancels a planned meeting; its agenda cases get an event. */
export async function cancelConference(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  reason: string,
  roles: readonly Role[],
): Promise<void> {
  const m = await findConference(tx, ctx.actor, id, true);
  if (!m) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(m.status, ["planned"]);
  const cases = await tx.query<{ case_id: string }>(
    "SELECT case_id FROM conference_cases WHERE conference_id = $1 ORDER BY case_id",
    [id],
  );
  await noteOnCases(
    tx,
    ctx.actor,
    cases.rows.map((c) => c.case_id),
    ctx.now,
    () => ({
      action: "conference_cancelled",
      note: `《${m.title}》取消：${reason}`,
      detail: { conferenceId: id },
    }),
  );
  await tx.query("UPDATE conferences SET status = 'cancelled', updated_at = $2 WHERE id = $1", [id, ctx.now]);
  await auditBureau(tx, ctx, "conference_cancel", "conference", id, { reason });
}

interface DecisionRow {
  id: string;
  conference_id: string;
  conference_title: string;
  position: number;
  text: string;
  unit_id: string;
  unit_name: string;
  due_on: string;
  case_id: string | null;
  status: "open" | "done";
  done_at: Date | null;
}

const DECISION_COLUMNS = `d.id, d.conference_id, m.title AS conference_title, d.position, d.text, d.unit_id,
  u.name AS unit_name, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.case_id, d.status, d.done_at`;

/**
 * Follow-up of one decision: a progress note, and when `done`, the decision is done. The
 * responsible unit, local staff and the bureau report; the decision's case gets an event.
 */
export async function addDecisionProgress(
  tx: Queryable,
  ctx: BureauCtx,
  decisionId: string,
  input: { text: string; done: boolean },
  roles: readonly Role[],
): Promise<string> {
  const p = new SqlParams();
  const { rows } = await tx.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM conference_decisions d JOIN conferences m ON m.id = d.conference_id
       JOIN org_units u ON u.id = d.unit_id
      WHERE d.id = ${p.add(decisionId)} AND ${decisionScope(ctx.actor, p)} FOR UPDATE OF d`,
    p.values,
  );
  const d = rows[0];
  if (!d) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(d.status, ["open"]);
  if (d.case_id) {
    // The decision links the case: it gets its event even if the reporting unit cannot read it.
    await tx.query("SELECT 1 FROM cases WHERE id = $1 FOR UPDATE", [d.case_id]);
    await appendCaseEvent(tx, {
      caseId: d.case_id,
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.displayName,
      action: input.done ? "conference_decision_done" : "conference_progress",
      fromStatus: null,
      toStatus: null,
      note: `《${d.conference_title}》议定事项${input.done ? "已落实" : "进展"}（${d.unit_name}）：${input.text.slice(0, 500)}`,
      detail: { conferenceId: d.conference_id, decisionId },
      at: ctx.now,
    });
  }
  await tx.query(
    `INSERT INTO conference_decision_notes (decision_id, seq, at, author_id, author_label, text, is_done)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6 FROM conference_decision_notes WHERE decision_id = $1`,
    [decisionId, ctx.now, ctx.actor.id, ctx.actor.displayName, input.text, input.done],
  );
  if (input.done) {
    await tx.query("UPDATE conference_decisions SET status = 'done', done_at = $2 WHERE id = $1", [
      decisionId,
      ctx.now,
    ]);
  }
  await tx.query("UPDATE conferences SET updated_at = $2 WHERE id = $1", [d.conference_id, ctx.now]);
  await auditBureau(
    tx,
    ctx,
    input.done ? "conference_decision_done" : "conference_progress",
    "conference_decision",
    decisionId,
    {
      conferenceId: d.conference_id,
      late: input.done && today(ctx.now) > d.due_on,
    },
  );
  return d.conference_id;
}

async function presentDecisions(q: Queryable, actor: Actor, rows: DecisionRow[], now: Date) {
  const refs = await visibleCaseRefs(
    q,
    actor,
    rows.flatMap((r) => (r.case_id ? [r.case_id] : [])),
  );
  const notes = await q.query<{
    decision_id: string;
    seq: number;
    at: Date;
    author_label: string;
    text: string;
    is_done: boolean;
  }>(
    "SELECT decision_id, seq, at, author_label, text, is_done FROM conference_decision_notes WHERE decision_id = ANY($1::uuid[]) ORDER BY decision_id, seq",
    [rows.map((r) => r.id)],
  );
  const day = today(now);
  return rows.map((d) => ({
    id: d.id,
    conferenceId: d.conference_id,
    conferenceTitle: d.conference_title,
    position: d.position,
    text: d.text,
    unitId: d.unit_id,
    unitName: d.unit_name,
    dueOn: d.due_on,
    case: d.case_id ? (refs.get(d.case_id) ?? null) : null,
    status: d.status,
    doneAt: d.done_at?.toISOString() ?? null,
    isOverdue: d.status === "open" && d.due_on < day,
    isDoneLate: d.done_at ? today(d.done_at) > d.due_on : null,
    notes: notes.rows
      .filter((n) => n.decision_id === d.id)
      .map((n) => ({
        seq: n.seq,
        at: n.at.toISOString(),
        author: n.author_label,
        text: n.text,
        isDone: n.is_done,
      })),
  }));
}

export async function listDecisions(
  q: Queryable,
  actor: Actor,
  now: Date,
  f: {
    status?: string | undefined;
    overdue?: "true" | "false" | undefined;
    conferenceId?: string | undefined;
  },
  page: PageReq,
) {
  const p = new SqlParams();
  const where = [decisionScope(actor, p), "m.status = 'held'"];
  if (f.status) where.push(`d.status = ${p.add(f.status)}`);
  if (f.conferenceId) where.push(`d.conference_id = ${p.add(f.conferenceId)}`);
  if (f.overdue) {
    const overdue = `(d.status = 'open' AND d.due_on < ${p.add(today(now))}::date)`;
    where.push(f.overdue === "true" ? overdue : `NOT ${overdue}`);
  }
  const rows = await pagedRows<DecisionRow>(
    q,
    p,
    {
      select: DECISION_COLUMNS,
      from: "conference_decisions d JOIN conferences m ON m.id = d.conference_id JOIN org_units u ON u.id = d.unit_id",
      where: where.join(" AND "),
      orderBy: "d.due_on, m.meeting_on, d.position, d.id",
    },
    page,
  );
  return { items: await presentDecisions(q, actor, rows.items, now), total: rows.total };
}

export async function loadConference(q: Queryable, actor: Actor, id: string, now: Date) {
  const m = await findConference(q, actor, id);
  if (!m) return null;
  const attendees = await q.query<{ unit_id: string | null; unit_name: string | null; name: string }>(
    `SELECT a.unit_id, u.name AS unit_name, a.name FROM conference_attendees a LEFT JOIN org_units u ON u.id = a.unit_id
      WHERE a.conference_id = $1 ORDER BY a.position`,
    [id],
  );
  const agenda = await q.query<{ position: number; topic: string; case_id: string | null }>(
    "SELECT position, topic, case_id FROM conference_agenda WHERE conference_id = $1 ORDER BY position",
    [id],
  );
  const refs = await visibleCaseRefs(
    q,
    actor,
    agenda.rows.flatMap((a) => (a.case_id ? [a.case_id] : [])),
  );
  return {
    id: m.id,
    areaUnitId: m.area_unit_id,
    areaName: m.area_name,
    title: m.title,
    meetingOn: m.meeting_on,
    place: m.place,
    chairName: m.chair_name,
    status: m.status,
    summary: m.summary,
    heldAt: m.held_at?.toISOString() ?? null,
    attendees: attendees.rows.map((a) => ({ unitId: a.unit_id, unitName: a.unit_name, name: a.name })),
    // An agenda item about a case the reader may not read is left out entirely.
    agenda: agenda.rows
      .filter((a) => !a.case_id || refs.has(a.case_id))
      .map((a) => ({ position: a.position, topic: a.topic, case: a.case_id ? refs.get(a.case_id)! : null })),
    decisions: await listDecisionsOf(q, actor, id, now),
    createdAt: m.created_at.toISOString(),
  };
}

async function listDecisionsOf(q: Queryable, actor: Actor, conferenceId: string, now: Date) {
  const p = new SqlParams();
  const { rows } = await q.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM conference_decisions d JOIN conferences m ON m.id = d.conference_id
       JOIN org_units u ON u.id = d.unit_id
      WHERE d.conference_id = ${p.add(conferenceId)} AND ${decisionScope(actor, p)} ORDER BY d.position`,
    p.values,
  );
  return presentDecisions(q, actor, rows, now);
}

export async function listConferences(
  q: Queryable,
  actor: Actor,
  f: { status?: string | undefined; from?: string | undefined; to?: string | undefined },
  page: PageReq,
) {
  checkRange(f);
  const p = new SqlParams();
  const where = [conferenceScope(actor, p)];
  if (f.status) where.push(`m.status = ${p.add(f.status)}`);
  if (f.from) where.push(`m.meeting_on >= ${p.add(f.from)}::date`);
  if (f.to) where.push(`m.meeting_on <= ${p.add(f.to)}::date`);
  const dScope = decisionScope(actor, p);
  const rows = await pagedRows<{
    id: string;
    title: string;
    area_name: string;
    meeting_on: string;
    status: "planned" | "held" | "cancelled";
    decisions: number;
    open_decisions: number;
  }>(
    q,
    p,
    {
      select: `m.id, m.title, a.name AS area_name, to_char(m.meeting_on, 'YYYY-MM-DD') AS meeting_on, m.status,
            (SELECT count(*)::int FROM conference_decisions d WHERE d.conference_id = m.id AND ${dScope}) AS decisions,
            (SELECT count(*)::int FROM conference_decisions d WHERE d.conference_id = m.id AND d.status = 'open' AND ${dScope}) AS open_decisions`,
      from: "conferences m JOIN org_units a ON a.id = m.area_unit_id",
      where: where.join(" AND "),
      orderBy: "m.meeting_on DESC, m.id",
    },
    page,
  );
  const items = rows.items.map((r) => ({
    id: r.id,
    title: r.title,
    areaName: r.area_name,
    meetingOn: r.meeting_on,
    status: r.status,
    decisions: r.decisions,
    openDecisions: r.open_decisions,
  }));
  return { items, total: rows.total };
}

/**
 * Meetings held, cases on their agendas (readable ones only), decisions, done, done on time (by the
 * Shanghai day), overdue (open past the due day); done rate = done / decisions, on-time rate =
 * done on time / (done + overdue). Meetings by their date within from..to.
 */
export async function conferenceFigures(
  q: Queryable,
  actor: Actor,
  now: Date,
  range: { from?: string | undefined; to?: string | undefined },
) {
  checkRange(range);
  const p = new SqlParams();
  const period = [
    range.from ? `m.meeting_on >= ${p.add(range.from)}::date` : "true",
    range.to ? `m.meeting_on <= ${p.add(range.to)}::date` : "true",
  ].join(" AND ");
  const day = p.add(today(now));
  const mScope = conferenceScope(actor, p);
  const dScope = decisionScope(actor, p);
  const visible = caseVisible(actor, p, "g.case_id");
  const { rows } = await q.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM conferences m WHERE m.status = 'held' AND ${period} AND ${mScope}) AS held,
            (SELECT count(*)::int FROM conferences m WHERE m.status = 'planned' AND ${period} AND ${mScope}) AS planned,
            (SELECT count(DISTINCT g.case_id)::int FROM conference_agenda g JOIN conferences m ON m.id = g.conference_id
              WHERE g.case_id IS NOT NULL AND m.status = 'held' AND ${period} AND ${mScope} AND ${visible}) AS agenda_cases,
            count(d.id)::int AS decisions,
            count(d.id) FILTER (WHERE d.status = 'done')::int AS done,
            count(d.id) FILTER (WHERE d.status = 'done'
              AND (d.done_at AT TIME ZONE 'Asia/Shanghai')::date <= d.due_on)::int AS on_time,
            count(d.id) FILTER (WHERE d.status = 'open' AND d.due_on < ${day}::date)::int AS overdue
       FROM conference_decisions d JOIN conferences m ON m.id = d.conference_id
      WHERE m.status = 'held' AND ${period} AND ${dScope}`,
    p.values,
  );
  const f = rows[0]!;
  return {
    meetingsHeld: f.held!,
    meetingsPlanned: f.planned!,
    agendaCases: f.agenda_cases!,
    decisions: f.decisions!,
    decisionsDone: f.done!,
    decisionsDoneOnTime: f.on_time!,
    decisionsOverdue: f.overdue!,
    doneRate: percent(f.done!, f.decisions!),
    onTimeRate: percent(f.on_time!, f.done! + f.overdue!),
  };
}
