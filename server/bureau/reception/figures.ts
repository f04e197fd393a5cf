import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { checkRange } from "../context.ts";
import { caseNullOrVisible, caseVisible, recordScope } from "../scope.ts";

type Range = { from?: string | undefined; to?: string | undefined };

function dateFilter(p: SqlParams, col: string, range: Range): string {
  const parts: string[] = [];
  if (range.from) parts.push(`${col} >= ${p.add(range.from)}::date`);
  if (range.to) parts.push(`${col} <= ${p.add(range.to)}::date`);
  return parts.length ? ` AND ${parts.join(" AND ")}` : "";
}

/**
 * Leader reception in figures over a date range, within the actor's jurisdiction: days held,
 * appointments, receptions in 批 and 人次, matters by outcome, cases opened or linked, and outreach
 * with the cases carried and resolved. A matter or carried case tied to a case the actor may not
 * read is not counted.
 */
export async function receptionFigures(q: Queryable, actor: Actor, range: Range) {
  checkRange(range);
  const p = new SqlParams();
  const dayScope = `${recordScope(actor, p, "d.area_path")}${dateFilter(p, "d.reception_date", range)}`;
  const recScope = `${recordScope(actor, p, "r.area_path")}${dateFilter(p, "r.received_on", range)}`;
  const visScope = `${recordScope(actor, p, "v.area_path")}${dateFilter(p, "v.visit_date", range)}`;
  const matterOk = caseNullOrVisible(actor, p, "m.case_id");
  const carriedOk = caseVisible(actor, p, "oc.case_id");
  const { rows } = await q.query<Record<string, number>>(
    `SELECT
       (SELECT count(*)::int FROM reception_days d WHERE d.status = 'scheduled' AND ${dayScope}) AS days,
       (SELECT count(*) FILTER (WHERE a.status = 'booked')::int FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id WHERE ${dayScope}) AS booked,
       (SELECT count(*) FILTER (WHERE a.status = 'received')::int FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id WHERE ${dayScope}) AS received,
       (SELECT count(*) FILTER (WHERE a.status = 'no_show')::int FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id WHERE ${dayScope}) AS no_show,
       (SELECT count(*) FILTER (WHERE a.status = 'cancelled')::int FROM reception_appointments a JOIN reception_days d ON d.id = a.day_id WHERE ${dayScope}) AS cancelled,
       (SELECT count(*)::int FROM reception_records r WHERE ${recScope}) AS records,
       (SELECT COALESCE(sum(r.batch_count), 0)::int FROM reception_records r WHERE ${recScope}) AS batches,
       (SELECT COALESCE(sum(r.person_visits), 0)::int FROM reception_records r WHERE ${recScope}) AS person_visits,
       (SELECT count(*)::int FROM reception_matters m JOIN reception_records r ON r.id = m.record_id WHERE ${recScope} AND ${matterOk}) AS matters,
       (SELECT count(*) FILTER (WHERE m.outcome = 'resolved_on_spot')::int FROM reception_matters m JOIN reception_records r ON r.id = m.record_id WHERE ${recScope} AND ${matterOk}) AS resolved_on_spot,
       (SELECT count(*) FILTER (WHERE m.outcome = 'assigned')::int FROM reception_matters m JOIN reception_records r ON r.id = m.record_id WHERE ${recScope} AND ${matterOk}) AS assigned,
       (SELECT count(*) FILTER (WHERE m.case_origin = 'new')::int FROM reception_matters m JOIN reception_records r ON r.id = m.record_id WHERE ${recScope} AND ${matterOk}) AS new_cases,
       (SELECT count(*) FILTER (WHERE m.case_origin = 'linked')::int FROM reception_matters m JOIN reception_records r ON r.id = m.record_id WHERE ${recScope} AND ${matterOk}) AS linked_cases,
       (SELECT count(*)::int FROM outreach_visits v WHERE v.status = 'done' AND ${visScope}) AS visits,
       (SELECT count(*)::int FROM outreach_visits v WHERE v.status = 'done' AND ${visScope}
           AND EXISTS (SELECT 1 FROM outreach_cases oc WHERE oc.visit_id = v.id)) AS with_cases,
       (SELECT COALESCE(sum(v.batch_count), 0)::int FROM outreach_visits v WHERE v.status = 'done' AND ${visScope}) AS v_batches,
       (SELECT COALESCE(sum(v.person_visits), 0)::int FROM outreach_visits v WHERE v.status = 'done' AND ${visScope}) AS v_person_visits,
       (SELECT count(*)::int FROM outreach_cases oc JOIN outreach_visits v ON v.id = oc.visit_id WHERE v.status = 'done' AND ${visScope} AND ${carriedOk}) AS carried,
       (SELECT count(*) FILTER (WHERE oc.is_resolved)::int FROM outreach_cases oc JOIN outreach_visits v ON v.id = oc.visit_id WHERE v.status = 'done' AND ${visScope} AND ${carriedOk}) AS carried_resolved`,
    p.values,
  );
  const f = rows[0]!;
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    days: f.days!,
    appointments: { booked: f.booked!, received: f.received!, noShow: f.no_show!, cancelled: f.cancelled! },
    receptions: {
      records: f.records!,
      batches: f.batches!,
      personVisits: f.person_visits!,
      matters: f.matters!,
      resolvedOnSpot: f.resolved_on_spot!,
      assigned: f.assigned!,
      newCases: f.new_cases!,
      linkedCases: f.linked_cases!,
    },
    outreach: {
      visits: f.visits!,
      withCases: f.with_cases!,
      batches: f.v_batches!,
      personVisits: f.v_person_visits!,
      casesCarried: f.carried!,
      casesResolved: f.carried_resolved!,
    },
  };
}
