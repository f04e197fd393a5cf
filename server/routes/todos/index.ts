import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { type TDueState, ZTodoResponse } from "../../../domain/schemas/todo.ts";
import { INBOX_NAMES, type Inbox, inboxOf } from "../../../domain/workflow/inboxes.ts";
import { CASE_STATUSES, type CaseStatus } from "../../../domain/workflow/statuses.ts";
import { actionsFrom, type CaseAction } from "../../../domain/workflow/transitions.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireActor } from "../../plugins/auth.ts";
import { caseAbilities, visibleCasesCondition } from "../../policies/case-policy.ts";

/**
 * The step a case in each status is waiting for. A case is on someone's to-do list when its
 * abilities for that person include this step; the other actions of a status (forward, report up,
 * extend, follow up …) are possible but not owed.
 */
export const AWAITED_STEP: Partial<Record<CaseStatus, CaseAction>> = {
  pending_screening: "screen",
  registered: "accept",
  accepted: "draft_opinion",
  drafting: "draft_opinion",
  awaiting_signoff: "sign",
  signed_off: "assign",
  assigned: "receive",
  handling: "report_result",
  result_reported: "vet_accept",
  vetted: "reply",
  review_requested: "accept_review",
  under_review: "decide_review",
  reexam_requested: "accept_reexam",
  under_reexam: "decide_reexam",
};

/** Statuses whose awaited step the actor may take: on any visible case, or only as the lead unit. */
export function awaitedStatuses(actor: Actor): { anyCase: CaseStatus[]; asLeadUnit: CaseStatus[] } {
  const anyCase: CaseStatus[] = [];
  const asLeadUnit: CaseStatus[] = [];
  for (const status of CASE_STATUSES) {
    const step = AWAITED_STEP[status];
    if (!step) continue;
    if (actionsFrom(status, actor.roles, false).includes(step)) anyCase.push(status);
    else if (actionsFrom(status, actor.roles, true).includes(step)) asLeadUnit.push(status);
  }
  return { anyCase, asLeadUnit };
}

interface TodoRow {
  id: string;
  case_number: string;
  title: string;
  status: CaseStatus;
  received_at: Date;
  lead_unit_id: string | null;
  due_on: string | null;
  clock: string | null;
  clock_step: string | null;
  total: number;
  overdue: number;
  due_soon: number;
}

/** Builds the set of cases waiting for the actor's step, as a CTE named `todo`. */
function todoCte(
  actor: Actor,
  p: SqlParams,
  statuses: { anyCase: CaseStatus[]; asLeadUnit: CaseStatus[] },
): string {
  const visible = visibleCasesCondition(actor, p);
  const any = p.add(statuses.anyCase);
  const lead = p.add(statuses.asLeadUnit);
  const unit = p.add(actor.unitId);
  const roles = p.add(actor.roles);
  // A signature is owed only by the role whose turn it is in the chain (the sign step checks the same).
  return `WITH todo AS MATERIALIZED (
       SELECT c.id, c.case_number, c.title, c.status, c.received_at,
              (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned') AS lead_unit_id,
              to_char(k.due_on, 'YYYY-MM-DD') AS due_on, k.due_on AS due_date, k.clock, k.step AS clock_step
         FROM cases c
         LEFT JOIN LATERAL (
           SELECT clock, step, due_on FROM case_clocks kc
            WHERE kc.case_id = c.id AND kc.state = 'running' ORDER BY due_on, clock, step LIMIT 1
         ) k ON true
        WHERE ${visible}
          AND (c.status = ANY(${any}::text[])
               OR (c.status = ANY(${lead}::text[]) AND EXISTS (
                     SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead'
                        AND a.status <> 'returned' AND a.unit_id = ${unit}::uuid)))
          AND (c.status <> 'awaiting_signoff' OR (
                SELECT s.role FROM case_signoffs s WHERE s.case_id = c.id AND s.decision IS NULL
                 ORDER BY s.round DESC, s.step LIMIT 1) = ANY(${roles}::text[]))
     )`;
}

export async function listTodos(
  q: Queryable,
  actor: Actor,
  opts: { today: string; dueSoonUntil: string; limit: number; inbox?: Inbox },
): Promise<{ rows: TodoRow[]; byStatus: Map<CaseStatus, number> }> {
  const all = awaitedStatuses(actor);
  if (all.anyCase.length === 0 && all.asLeadUnit.length === 0) return { rows: [], byStatus: new Map() };
  const { inbox } = opts;
  const shown = [...all.anyCase, ...all.asLeadUnit].filter(
    (s) => !inbox || inboxOf(AWAITED_STEP[s]!) === inbox,
  );
  const p = new SqlParams();
  const cte = todoCte(actor, p, all);
  const statuses = p.add(shown);
  const today = p.add(opts.today);
  const soon = p.add(opts.dueSoonUntil);
  const limit = p.add(opts.limit);
  // One pass over the to-dos: the open inbox's page with its totals, and the count of every inbox
  // (over all the to-dos, whichever inbox is open) on each row, or on one empty row if none.
  const { rows } = await q.query<TodoRow & { id: string | null; by_status: Record<string, number> | null }>(
    `${cte},
     counts AS (
       SELECT jsonb_object_agg(status, n) AS by_status
         FROM (SELECT status, count(*)::int AS n FROM todo GROUP BY status) s
     ),
     page AS (
       SELECT id, case_number, title, status, received_at, lead_unit_id, due_on, due_date, clock, clock_step,
              count(*) OVER ()::int AS total,
              (count(*) FILTER (WHERE due_date < ${today}::date) OVER ())::int AS overdue,
              (count(*) FILTER (WHERE due_date >= ${today}::date AND due_date <= ${soon}::date) OVER ())::int AS due_soon
         FROM todo
        WHERE status = ANY(${statuses}::text[])
        ORDER BY due_date NULLS LAST, received_at, id
        LIMIT ${limit}
     )
     SELECT counts.by_status, page.* FROM counts LEFT JOIN page ON true
      ORDER BY page.due_date NULLS LAST, page.received_at, page.id`,
    p.values,
  );
  const byStatus = new Map(Object.entries(rows[0]?.by_status ?? {}) as [CaseStatus, number][]);
  return { rows: rows.filter((r) => r.id !== null), byStatus };
}

export function dueState(dueOn: string | null, today: string, dueSoonUntil: string): TDueState {
  if (!dueOn) return "none";
  if (dueOn < today) return "overdue";
  return dueOn <= dueSoonUntil ? "due_soon" : "ok";
}

export const todoRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  app.get(
    "/",
    {
      schema: {
        tags: ["cases"],
        summary: "我的待办 Cases waiting for my action, most urgent first",
        description:
          "Each item is a case whose awaited step (screen, accept, draft, sign, assign, receive, report, vet, reply, review …) the current user may take. dueState: overdue when the earliest running clock's due day has passed, due_soon when it falls within dueSoonDays working days.",
        querystring: z.object({
          dueSoonDays: z.coerce.number().int().min(0).max(30).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          /** Only the to-dos of one inbox (intake, drafting, approval, assignment, vetting, reply, review). */
          inbox: z.enum(INBOX_NAMES).optional(),
        }),
        response: { 200: ZTodoResponse, 400: ZErrorResponse, 401: ZErrorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const today = toShanghaiDate(app.deps.now());
      const dueSoonDays = req.query.dueSoonDays ?? config.todoDueSoonDays;
      const dueSoonUntil = app.deps.clocks.calendar.addWorkingDays(today, dueSoonDays);
      const { rows, byStatus } = await listTodos(db, actor, {
        today,
        dueSoonUntil,
        limit: req.query.limit,
        ...(req.query.inbox ? { inbox: req.query.inbox } : {}),
      });
      // The same abilities the case detail sends: an item is listed only if its button would show.
      const items = rows
        .map((r) => ({ r, step: AWAITED_STEP[r.status]! }))
        .filter(({ r, step }) => caseAbilities(actor, r.status, r.lead_unit_id).includes(step))
        .map(({ r, step }) => ({
          caseId: r.id,
          caseNumber: r.case_number,
          title: r.title,
          status: r.status,
          awaitedStep: step,
          receivedAt: r.received_at.toISOString(),
          dueOn: r.due_on,
          clock: r.clock,
          clockStep: r.clock_step,
          dueState: dueState(r.due_on, today, dueSoonUntil),
          inbox: inboxOf(step)!,
        }));
      const inboxes = Object.fromEntries(INBOX_NAMES.map((name) => [name, 0])) as Record<Inbox, number>;
      for (const [status, n] of byStatus) inboxes[inboxOf(AWAITED_STEP[status]!)!] += n;
      const first = rows[0];
      return {
        items,
        total: first?.total ?? 0,
        overdue: first?.overdue ?? 0,
        dueSoon: first?.due_soon ?? 0,
        today,
        dueSoonDays,
        dueSoonUntil,
        inboxes,
      };
    },
  );
};
