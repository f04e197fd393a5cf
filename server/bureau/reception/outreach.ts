import type { Role } from "../../../domain/auth/roles.ts";
import type { TOutreachComplete, TOutreachCreate } from "../../../domain/schemas/bureau/reception.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import {
  AREA_KINDS,
  caseVisible,
  recordScope,
  requireAnyRole,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

/** Plans a leader's visit to a township or village (下访), carrying cases (带案下访) the actor may read. */
export async function createOutreach(tx: Queryable, ctx: BureauCtx, input: TOutreachCreate): Promise<string> {
  const unit = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  const caseIds = [...new Set(input.caseIds)];
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO outreach_visits (area_unit_id, area_path, visit_date, leader_name, leader_title, purpose, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      unit.id,
      unit.path,
      input.visitDate,
      input.leaderName,
      input.leaderTitle,
      input.purpose,
      ctx.actor.id,
      ctx.now,
    ],
  );
  const id = rows[0]!.id;
  await noteOnCases(tx, ctx.actor, caseIds, ctx.now, () => ({
    action: "outreach_planned",
    note: `带案下访：${input.visitDate} ${input.leaderTitle}${input.leaderName}赴${unit.name}`,
    detail: { outreachId: id },
  }));
  if (caseIds.length > 0) {
    await tx.query("INSERT INTO outreach_cases (visit_id, case_id) SELECT $1, unnest($2::uuid[])", [
      id,
      caseIds,
    ]);
  }
  await auditBureau(tx, ctx, "outreach_create", "outreach_visit", id, {
    area: unit.path,
    date: input.visitDate,
    cases: caseIds.length,
  });
  return id;
}

interface VisitRow {
  id: string;
  area_unit_id: string;
  area_name: string;
  visit_date: string;
  leader_name: string;
  leader_title: string;
  purpose: string;
  status: "planned" | "done" | "cancelled";
  batch_count: number | null;
  person_visits: number | null;
  result_summary: string | null;
}

const VISIT_COLUMNS = `v.id, v.area_unit_id, o.name AS area_name, to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date,
  v.leader_name, v.leader_title, v.purpose, v.status, v.batch_count, v.person_visits, v.result_summary`;

async function findVisit(q: Queryable, actor: Actor, id: string, lock = false): Promise<VisitRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM outreach_visits v JOIN org_units o ON o.id = v.area_unit_id
      WHERE v.id = ${p.add(id)} AND ${recordScope(actor, p, "v.area_path")}${lock ? " FOR UPDATE OF v" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

/** Records the visit's outcome and each carried case's result; every case gets a history event. */
export async function completeOutreach(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  input: TOutreachComplete,
  roles: readonly Role[],
): Promise<void> {
  const visit = await findVisit(tx, ctx.actor, id, true);
  if (!visit) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(visit.status, ["planned"]);
  if (input.personVisits < input.batchCount) {
    throw new AppError("VALIDATION_FAILED", [
      { path: "personVisits", message: "fewer person-visits than batches" },
    ]);
  }
  const carried = new Set(
    (
      await tx.query<{ case_id: string }>("SELECT case_id FROM outreach_cases WHERE visit_id = $1", [id])
    ).rows.map((r) => r.case_id),
  );
  const results = new Map(input.results.map((r) => [r.caseId, r]));
  for (const caseId of results.keys()) {
    if (!carried.has(caseId)) {
      throw new AppError("VALIDATION_FAILED", [
        { path: "results", message: "a case that was not carried on this visit" },
      ]);
    }
  }
  await noteOnCases(tx, ctx.actor, [...results.keys()], ctx.now, (row) => {
    const r = results.get(row.id)!;
    return {
      action: "outreach_result",
      note: `下访结果（${visit.visit_date} ${visit.leader_title}${visit.leader_name}）：${r.result}`,
      detail: { outreachId: id, isResolved: r.isResolved },
    };
  });
  for (const r of results.values()) {
    await tx.query(
      "UPDATE outreach_cases SET result = $3, is_resolved = $4, recorded_at = $5 WHERE visit_id = $1 AND case_id = $2",
      [id, r.caseId, r.result, r.isResolved, ctx.now],
    );
  }
  await tx.query(
    `UPDATE outreach_visits SET status = 'done', batch_count = $2, person_visits = $3, result_summary = $4, completed_at = $5
      WHERE id = $1`,
    [id, input.batchCount, input.personVisits, input.resultSummary, ctx.now],
  );
  await auditBureau(tx, ctx, "outreach_complete", "outreach_visit", id, {
    batches: input.batchCount,
    personVisits: input.personVisits,
    results: results.size,
    resolved: [...results.values()].filter((r) => r.isResolved).length,
  });
}

export async function cancelOutreach(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  reason: string,
  roles: readonly Role[],
): Promise<void> {
  const visit = await findVisit(tx, ctx.actor, id, true);
  if (!visit) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(visit.status, ["planned"]);
  await tx.query("UPDATE outreach_visits SET status = 'cancelled' WHERE id = $1", [id]);
  await auditBureau(tx, ctx, "outreach_cancel", "outreach_visit", id, { reason });
}

/** The visit with the carried cases the actor may read (others are left out, never hinted at). */
export async function loadOutreach(q: Queryable, actor: Actor, id: string) {
  const v = await findVisit(q, actor, id);
  if (!v) return null;
  const carried = await q.query<{ case_id: string; result: string | null; is_resolved: boolean | null }>(
    "SELECT case_id, result, is_resolved FROM outreach_cases WHERE visit_id = $1 ORDER BY case_id",
    [id],
  );
  const refs = await visibleCaseRefs(
    q,
    actor,
    carried.rows.map((r) => r.case_id),
  );
  return {
    ...presentVisit(v),
    cases: carried.rows
      .filter((r) => refs.has(r.case_id))
      .map((r) => ({ case: refs.get(r.case_id)!, result: r.result, isResolved: r.is_resolved })),
  };
}

function presentVisit(v: VisitRow) {
  return {
    id: v.id,
    areaUnitId: v.area_unit_id,
    areaName: v.area_name,
    visitDate: v.visit_date,
    leaderName: v.leader_name,
    leaderTitle: v.leader_title,
    purpose: v.purpose,
    status: v.status,
    batchCount: v.batch_count,
    personVisits: v.person_visits,
    resultSummary: v.result_summary,
  };
}

export async function listOutreach(
  q: Queryable,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
  page: PageReq,
) {
  checkRange(range);
  const p = new SqlParams();
  const where = [recordScope(actor, p, "v.area_path")];
  if (range.from) where.push(`v.visit_date >= ${p.add(range.from)}::date`);
  if (range.to) where.push(`v.visit_date <= ${p.add(range.to)}::date`);
  const visible = caseVisible(actor, p, "oc.case_id");
  const rows = await pagedRows<VisitRow & { cases: number }>(
    q,
    p,
    {
      select: `${VISIT_COLUMNS},
            (SELECT count(*)::int FROM outreach_cases oc WHERE oc.visit_id = v.id AND ${visible}) AS cases`,
      from: "outreach_visits v JOIN org_units o ON o.id = v.area_unit_id",
      where: where.join(" AND "),
      orderBy: "v.visit_date DESC, v.created_at DESC, v.id",
    },
    page,
  );
  return { items: rows.items.map((v) => ({ ...presentVisit(v), caseCount: v.cases })), total: rows.total };
}
