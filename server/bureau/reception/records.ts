import type { TReceptionRecordCreate } from "../../../domain/schemas/bureau/reception.ts";
import type { Actor } from "../../auth/actor.ts";
import type { ClockContext } from "../../cases/clocks.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import { registerCase } from "../../commands/register-case.ts";
import type { Config } from "../../config/index.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, today } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import { sealIdentity } from "../personal.ts";
import {
  AREA_KINDS,
  caseNullOrVisible,
  RESPONSIBLE_KINDS,
  recordScope,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";
import { findDay } from "./days.ts";

export const OUTCOME_LABELS = {
  resolved_on_spot: "当场解决",
  assigned: "交办",
  explained: "解释答复",
  pending: "待处理",
} as const;

/**
 * The 批次 and 人次 of each new case a record opens (by the matter's position): given, or the
 * record's own when it opens one case only, or 1 batch and one person-visit per petitioner. The new
 * cases together never count more batches or person-visits than the record, and a case never has
 * fewer person-visits than batches or than its petitioners.
 */
function newCaseFigures(
  input: TReceptionRecordCreate,
): Map<number, { batchCount: number; personVisits: number }> {
  const opening = input.matters.flatMap((m, i) => (m.newCase ? [[i, m.newCase] as const] : []));
  const out = new Map<number, { batchCount: number; personVisits: number }>();
  for (const [i, c] of opening) {
    const only = opening.length === 1;
    const batchCount = c.batchCount ?? (only ? input.batchCount : 1);
    const personVisits =
      c.personVisits ?? (only ? input.personVisits : Math.max(c.petitioners.length, batchCount));
    if (personVisits < batchCount || personVisits < new Set(c.petitioners).size) {
      throw new AppError("VALIDATION_FAILED", [
        {
          path: `matters.${i}.newCase.personVisits`,
          message: "fewer person-visits than batches or petitioners",
        },
      ]);
    }
    out.set(i, { batchCount, personVisits });
  }
  const sum = (k: "batchCount" | "personVisits") => [...out.values()].reduce((a, f) => a + f[k], 0);
  if (sum("batchCount") > input.batchCount || sum("personVisits") > input.personVisits) {
    throw new AppError("VALIDATION_FAILED", [
      { path: "matters", message: "the new cases count more batches or person-visits than the reception" },
    ]);
  }
  return out;
}

export interface RecordContext extends BureauCtx {
  clocks: ClockContext;
  config: Pick<Config, "collectiveThreshold" | "maxRepresentatives">;
}

/**
 * Records one leader reception: who came (batches, person-visits, petitioners sealed like case
 * petitioners), and each matter raised — opened as a new visit case through the registration
 * command, linked to a case the actor may read, or answered without a case — with its outcome.
 * Booked appointments that were received are marked so. Every linked or new case gets a history
 * event; one audit row covers the record. Everything is checked before the first write.
 */
export async function createReceptionRecord(
  tx: Queryable,
  ctx: RecordContext,
  input: TReceptionRecordCreate,
): Promise<string> {
  const { actor } = ctx;
  const unit = await unitInArea(tx, actor, input.areaUnitId, AREA_KINDS);
  if (input.receivedOn > today(ctx.now)) throw new AppError("RECEIVED_IN_FUTURE");
  if (input.personVisits < input.batchCount) {
    throw new AppError("VALIDATION_FAILED", [
      { path: "personVisits", message: "fewer person-visits than batches" },
    ]);
  }
  if (input.dayId) {
    const day = await findDay(tx, actor, input.dayId);
    if (!day) throw new AppError("NOT_FOUND");
    if (day.status !== "scheduled" || day.reception_date !== input.receivedOn) {
      throw new AppError("BUREAU_INVALID_STATE", { state: day.status, date: day.reception_date });
    }
  }
  const figures = newCaseFigures(input);
  for (const [i, m] of input.matters.entries()) {
    for (const pos of m.newCase?.petitioners ?? []) {
      if (pos >= input.petitioners.length)
        throw new AppError("RECEPTION_PETITIONER_UNKNOWN", { matter: i, position: pos });
    }
    if (m.assignedUnitId) await unitInArea(tx, actor, m.assignedUnitId, RESPONSIBLE_KINDS);
  }
  const appointmentIds = [...new Set(input.appointmentIds)];
  if (appointmentIds.length > 0) {
    const p = new SqlParams();
    const found = await tx.query<{ id: string; status: string; day_id: string }>(
      `SELECT a.id, a.status, a.day_id FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id
        WHERE a.id = ANY(${p.add(appointmentIds)}::uuid[]) AND ${recordScope(actor, p, "d.area_path")} FOR UPDATE OF a`,
      p.values,
    );
    if (found.rows.length !== appointmentIds.length) throw new AppError("NOT_FOUND");
    for (const a of found.rows) {
      if (a.status !== "booked" || (input.dayId && a.day_id !== input.dayId)) {
        throw new AppError("BUREAU_INVALID_STATE", { appointmentId: a.id, state: a.status });
      }
    }
  }
  const sealed = input.petitioners.map((pt, i) => sealIdentity(ctx.keyRing, "reception_petitioners", pt, i));
  const linked = input.matters.flatMap((m) => (m.caseId ? [m.caseId] : []));
  // Lock and check the linked cases before writing anything (404 for a case the actor may not read).
  const noteText = `领导接访（${input.receivedOn} ${input.leaderTitle}${input.leaderName}）`;
  const outcomeOf = new Map(input.matters.flatMap((m) => (m.caseId ? [[m.caseId, m.outcome] as const] : [])));
  await noteOnCases(tx, actor, linked, ctx.now, (row) => ({
    action: "leader_reception",
    note: `${noteText}：${OUTCOME_LABELS[outcomeOf.get(row.id)!]}`,
    detail: { outcome: outcomeOf.get(row.id) },
  }));

  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO reception_records (day_id, area_unit_id, area_path, received_on, leader_name, leader_title, place,
       batch_count, person_visits, summary, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      input.dayId ?? null,
      unit.id,
      unit.path,
      input.receivedOn,
      input.leaderName,
      input.leaderTitle,
      input.place,
      input.batchCount,
      input.personVisits,
      input.summary,
      actor.id,
      ctx.now,
    ],
  );
  const recordId = rows[0]!.id;
  await tx.query(
    `INSERT INTO reception_petitioners (record_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
       phone_enc, phone_bidx, phone_masked)
     SELECT $1, x.position, x.name, x.id_number_enc, x.id_number_bidx, x.id_number_masked, x.phone_enc, x.phone_bidx,
            x.phone_masked
       FROM jsonb_to_recordset($2::jsonb) AS x(position int, name text, id_number_enc text, id_number_bidx text,
            id_number_masked text, phone_enc text, phone_bidx text, phone_masked text)`,
    [
      recordId,
      JSON.stringify(
        sealed.map((s, position) => ({ position, name: input.petitioners[position]!.name, ...s })),
      ),
    ],
  );
  const newCases: string[] = [];
  for (const [position, m] of input.matters.entries()) {
    let caseId = m.caseId ?? null;
    if (m.newCase) {
      const people = m.newCase.petitioners.map((pos) => input.petitioners[pos]!);
      const registered = await registerCase(
        tx,
        {
          channel: "visit",
          title: m.newCase.title,
          content: m.newCase.content,
          problemRegionCode: m.newCase.problemRegionCode,
          nature: m.newCase.nature,
          legalClass: m.newCase.legalClass,
          categoryId: m.newCase.categoryId,
          petitioners: people.map((pt) => ({ ...pt, isRepresentative: false })),
          batchCount: figures.get(position)!.batchCount,
          headcount: figures.get(position)!.personVisits,
          isAnonymous: false,
          isConfidential: false,
          receivedAt: ctx.now.toISOString(),
        },
        {
          keyRing: ctx.keyRing,
          clocks: ctx.clocks,
          now: ctx.now,
          collectiveThreshold: ctx.config.collectiveThreshold,
          maxRepresentatives: ctx.config.maxRepresentatives,
          ip: ctx.ip,
          actor,
          areaPath: actor.areaPath,
        },
      );
      caseId = registered.id;
      newCases.push(registered.caseNumber);
      // The registration wrote event 1; this records where it came from.
      await appendCaseEvent(tx, {
        caseId,
        actorId: actor.id,
        actorLabel: actor.displayName,
        action: "leader_reception",
        fromStatus: null,
        toStatus: null,
        note: `${noteText}：${OUTCOME_LABELS[m.outcome]}`,
        detail: { outcome: m.outcome, recordId },
        at: ctx.now,
      });
    }
    await tx.query(
      `INSERT INTO reception_matters (record_id, position, summary, case_origin, case_id, outcome, assigned_unit_id, instruction)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        recordId,
        position,
        m.summary,
        m.newCase ? "new" : m.caseId ? "linked" : "none",
        caseId,
        m.outcome,
        m.assignedUnitId ?? null,
        m.instruction ?? null,
      ],
    );
  }
  if (appointmentIds.length > 0) {
    await tx.query(
      "UPDATE reception_appointments SET status = 'received', record_id = $2, updated_at = $3 WHERE id = ANY($1::uuid[])",
      [appointmentIds, recordId, ctx.now],
    );
  }
  await auditBureau(tx, ctx, "reception_record_create", "reception_record", recordId, {
    area: unit.path,
    batches: input.batchCount,
    personVisits: input.personVisits,
    matters: input.matters.length,
    newCases,
    linkedCases: linked.length,
    appointments: appointmentIds.length,
  });
  return recordId;
}

interface RecordRow {
  id: string;
  day_id: string | null;
  area_unit_id: string;
  area_name: string;
  received_on: string;
  leader_name: string;
  leader_title: string;
  place: string;
  batch_count: number;
  person_visits: number;
  summary: string;
  created_at: Date;
}

const RECORD_COLUMNS = `r.id, r.day_id, r.area_unit_id, o.name AS area_name, to_char(r.received_on, 'YYYY-MM-DD') AS received_on,
  r.leader_name, r.leader_title, r.place, r.batch_count, r.person_visits, r.summary, r.created_at`;

/** A reception record as the actor may see it, or null. Matters about a case the actor may not read are left out. */
export async function loadReceptionRecord(q: Queryable, actor: Actor, id: string) {
  const p = new SqlParams();
  const found = await q.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM reception_records r JOIN org_units o ON o.id = r.area_unit_id
      WHERE r.id = ${p.add(id)} AND ${recordScope(actor, p, "r.area_path")}`,
    p.values,
  );
  const r = found.rows[0];
  if (!r) return null;
  const people = await q.query<{
    position: number;
    name: string;
    id_number_masked: string | null;
    phone_masked: string | null;
  }>(
    "SELECT position, name, id_number_masked, phone_masked FROM reception_petitioners WHERE record_id = $1 ORDER BY position",
    [id],
  );
  const matters = await q.query<{
    position: number;
    summary: string;
    case_origin: "new" | "linked" | "none";
    case_id: string | null;
    outcome: keyof typeof OUTCOME_LABELS;
    assigned_unit_id: string | null;
    instruction: string | null;
  }>(
    `SELECT position, summary, case_origin, case_id, outcome, assigned_unit_id, instruction
       FROM reception_matters WHERE record_id = $1 ORDER BY position`,
    [id],
  );
  const cases = await visibleCaseRefs(
    q,
    actor,
    matters.rows.flatMap((m) => (m.case_id ? [m.case_id] : [])),
  );
  return {
    id: r.id,
    dayId: r.day_id,
    areaUnitId: r.area_unit_id,
    areaName: r.area_name,
    receivedOn: r.received_on,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    place: r.place,
    batchCount: r.batch_count,
    personVisits: r.person_visits,
    summary: r.summary,
    petitioners: people.rows.map((x) => ({
      position: x.position,
      name: x.name,
      idNumber: x.id_number_masked,
      phone: x.phone_masked,
    })),
    matters: matters.rows
      .filter((m) => m.case_id === null || cases.has(m.case_id))
      .map((m) => ({
        position: m.position,
        summary: m.summary,
        caseOrigin: m.case_origin,
        case: m.case_id ? cases.get(m.case_id)! : null,
        outcome: m.outcome,
        assignedUnitId: m.assigned_unit_id,
        instruction: m.instruction,
      })),
    createdAt: r.created_at.toISOString(),
  };
}

export async function listReceptionRecords(
  q: Queryable,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
  page: PageReq,
) {
  checkRange(range);
  const p = new SqlParams();
  const where = [recordScope(actor, p, "r.area_path")];
  if (range.from) where.push(`r.received_on >= ${p.add(range.from)}::date`);
  if (range.to) where.push(`r.received_on <= ${p.add(range.to)}::date`);
  const matterScope = caseNullOrVisible(actor, p, "m.case_id");
  const rows = await pagedRows<RecordRow & { matters: number }>(
    q,
    p,
    {
      select: `${RECORD_COLUMNS},
            (SELECT count(*)::int FROM reception_matters m WHERE m.record_id = r.id AND ${matterScope}) AS matters`,
      from: "reception_records r JOIN org_units o ON o.id = r.area_unit_id",
      where: where.join(" AND "),
      orderBy: "r.received_on DESC, r.created_at DESC, r.id",
    },
    page,
  );
  const items = rows.items.map((r) => ({
    id: r.id,
    areaName: r.area_name,
    receivedOn: r.received_on,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    place: r.place,
    batchCount: r.batch_count,
    personVisits: r.person_visits,
    matters: r.matters,
  }));
  return { items, total: rows.total };
}
