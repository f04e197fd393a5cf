import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toShanghaiDate } from "../../../domain/calendar/working-days.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { type TDueState, ZTodoResponse } from "../../../domain/schemas/todo.ts";
import { type AwaitedStep, INBOX_NAMES, type Inbox, inboxOf } from "../../../domain/workflow/inboxes.ts";
import { CASE_STATUSES, type CaseStatus } from "../../../domain/workflow/statuses.ts";
import {
  actionsFrom,
  type CaseAction,
  type WorkflowRules,
  workflowRulesOf,
} from "../../../domain/workflow/transitions.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";
import { isClockProvisional } from "../../cases/clocks.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireActor } from "../../plugins/auth.ts";
import {
  type AppealBody,
  COUNTY_GOVERNMENT_LEADERS,
  caseAbilities,
  visibleCasesCondition,
} from "../../policies/case-policy.ts";
import { ANSWERED_BY_SQL, APPEAL_BODY_SQL } from "../../queries/cases.ts";

/**
 * The step a case in each status is waiting for, where the bureau vets the answers. A case is on
 * someone's to-do list when its abilities for that person include this step; the other actions of
 * a status (forward, report up, extend, follow up …) are possible but not owed.
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

/** Where the bureau does not vet (the rule pack), a reported result awaits the lead unit's answer. */
const AWAITED_STEP_UNVETTED: Partial<Record<CaseStatus, CaseAction>> = {
  ...AWAITED_STEP,
  result_reported: "reply",
};

/** The awaited steps as the county's rule pack shapes the table. */
export function awaitedSteps(rules: WorkflowRules): Partial<Record<CaseStatus, CaseAction>> {
  return rules.replyVettedByBureau ? AWAITED_STEP : AWAITED_STEP_UNVETTED;
}

/**
 * Statuses whose awaited step the actor may take: on any visible case, only as the lead unit, or
 * only for the body a review or reexamination goes to.
 */
export function awaitedStatuses(
  actor: Actor,
  rules: WorkflowRules,
): {
  anyCase: CaseStatus[];
  asLeadUnit: CaseStatus[];
  asAppealBody: CaseStatus[];
} {
  const anyCase: CaseStatus[] = [];
  const asLeadUnit: CaseStatus[] = [];
  const asAppealBody: CaseStatus[] = [];
  const awaited = awaitedSteps(rules);
  for (const status of CASE_STATUSES) {
    const step = awaited[status];
    if (!step) continue;
    if (actionsFrom(rules, status, actor.roles, false).includes(step)) anyCase.push(status);
    else if (actionsFrom(rules, status, actor.roles, true).includes(step)) asLeadUnit.push(status);
    else if (actionsFrom(rules, status, actor.roles, false, true).includes(step)) asAppealBody.push(status);
  }
  return { anyCase, asLeadUnit, asAppealBody };
}

interface TodoRow {
  id: string;
  case_number: string;
  title: string;
  status: CaseStatus;
  received_at: Date;
  lead_unit_id: string | null;
  appeal_body: AppealBody | null;
  appeal_body_name: string | null;
  due_on: string | null;
  started_on: string | null;
  clock: string | null;
  clock_step: string | null;
}

export interface TodoList {
  /** The open inbox's page, most urgent first. */
  rows: TodoRow[];
  /** The to-dos of every status the user owes a step in, over the whole list. */
  byStatus: Map<CaseStatus, number>;
  /** Over the open inbox: all its to-dos, those overdue and those due soon. */
  total: number;
  overdue: number;
  dueSoon: number;
}

/**
 * The cases waiting for the actor's step, in one statement whose work per waiting case is a few
 * index lookups (no sort of a case's clocks, no row of another table): the candidates come from
 * the status index (which carries the region, the accused unit and the receipt time the policy and
 * the order read), the lead-unit and turn-to-sign checks probe small indexes, and each case of the
 * open inbox reads the due day of its next running clock as the first entry of its range in
 * `case_clocks_running_next`. The counts (per status, with the overdue and due-soon ones of the
 * open inbox) and the page come from that set; the title, the lead unit and the clock's name are
 * read for the page's rows only.
 */
export async function listTodos(
  q: Queryable,
  actor: Actor,
  opts: { today: string; dueSoonUntil: string; limit: number; rules: WorkflowRules; inbox?: Inbox },
): Promise<TodoList> {
  const all = awaitedStatuses(actor, opts.rules);
  const awaitedStep = awaitedSteps(opts.rules);
  const list: TodoList = { rows: [], byStatus: new Map(), total: 0, overdue: 0, dueSoon: 0 };
  const owed = [...all.anyCase, ...all.asLeadUnit, ...all.asAppealBody];
  if (owed.length === 0) return list;
  const { inbox } = opts;
  const shownStatuses = owed.filter((s) => !inbox || inboxOf(awaitedStep[s]!) === inbox);
  const p = new SqlParams();
  const visible = visibleCasesCondition(actor, p);
  const awaited = p.add(owed);
  const any = p.add(all.anyCase);
  const asLead = p.add(all.asLeadUnit);
  const asAppeal = p.add(all.asAppealBody);
  const unit = p.add(actor.unitId);
  const unitPath = p.add(actor.unitPath);
  const countyLeader = p.add(hasRole(actor, ...COUNTY_GOVERNMENT_LEADERS));
  const refers = p.add(hasRole(actor, "bureau_office"));
  const roles = p.add(actor.roles);
  const shown = p.add(shownStatuses);
  const today = p.add(opts.today);
  const soon = p.add(opts.dueSoonUntil);
  const limit = p.add(opts.limit);
  // A status owed only for a reviewing body needs the actor to act for it (actsForAppealBody: its
  // staff, its office's staff unless the office gave the answer, a county leader for a county); a
  // request to a body outside the network is referred, not accepted: it waits for the bureau
  // office's 转交系统外机关 (`refer_appeal`), so it is never off every list.
  // A status the actor owes only as the lead unit needs that unit's lead assignment; a signature
  // is owed only by the role whose turn it is in the chain (the sign step checks the same). Only
  // the open inbox's cases read their next due day: the other statuses are counted, not shown.
  const { rows } = await q.query<
    Omit<TodoRow, "id"> & {
      id: string | null;
      counts: { status: CaseStatus; n: number; o: number; s: number }[];
    }
  >(
    `WITH todo AS MATERIALIZED (
       SELECT c.id, c.status, c.received_at,
              CASE WHEN c.status = ANY(${shown}::text[]) THEN (
                SELECT k.due_on FROM case_clocks k WHERE k.case_id = c.id AND k.state = 'running'
                 ORDER BY k.due_on LIMIT 1) END AS due_date
         FROM cases c
        WHERE c.status = ANY(${awaited}::text[])
          AND ${visible}
          AND (c.status = ANY(${any}::text[])
               OR (c.status = ANY(${asLead}::text[]) AND EXISTS (
                SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead'
                   AND a.status <> 'returned' AND a.unit_id = ${unit}::uuid))
               OR (c.status = ANY(${asAppeal}::text[]) AND c.appeal_unit_id IS NULL
                   AND c.appeal_body_name IS NULL)
               OR (c.status IN ('review_requested', 'reexam_requested') AND c.appeal_unit_id IS NULL
                   AND c.appeal_body_name IS NOT NULL AND ${refers}::boolean)
               OR (c.status = ANY(${asAppeal}::text[]) AND EXISTS (
                SELECT 1 FROM org_units au WHERE au.id = c.appeal_unit_id AND (
                  au.id = ${unit}::uuid
                  OR (au.review_office_id = ${unit}::uuid AND au.review_office_id IS DISTINCT FROM ${ANSWERED_BY_SQL})
                  OR (au.kind = 'county' AND ${countyLeader}::boolean
                      AND (${unitPath} = au.path OR starts_with(${unitPath}, au.path || '.')))))))
          AND (c.status <> 'awaiting_signoff' OR (
                SELECT s.role FROM case_signoffs s WHERE s.case_id = c.id AND s.decision IS NULL
                 ORDER BY s.round DESC, s.step LIMIT 1) = ANY(${roles}::text[]))
     ),
     page AS (
       SELECT id, due_date, received_at FROM todo WHERE status = ANY(${shown}::text[])
        ORDER BY due_date NULLS LAST, received_at, id
        LIMIT ${limit}
     )
     SELECT (SELECT coalesce(jsonb_agg(x), '[]') FROM (
               SELECT status, count(*)::int AS n,
                      (count(*) FILTER (WHERE due_date < ${today}::date))::int AS o,
                      (count(*) FILTER (WHERE due_date >= ${today}::date AND due_date <= ${soon}::date))::int AS s
                 FROM todo GROUP BY status) x) AS counts,
            c.id, c.case_number, c.title, c.status, c.received_at,
            (SELECT a.unit_id FROM case_assignments a
              WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned') AS lead_unit_id,
            ${APPEAL_BODY_SQL} AS appeal_body, c.appeal_body_name,
            to_char(k.due_on, 'YYYY-MM-DD') AS due_on, to_char(k.started_on, 'YYYY-MM-DD') AS started_on,
            k.clock, k.step AS clock_step
       FROM (SELECT 1) one
       LEFT JOIN (page p JOIN cases c ON c.id = p.id
                  LEFT JOIN LATERAL (
                    SELECT kc.clock, kc.step, kc.due_on, kc.started_on FROM case_clocks kc
                     WHERE kc.case_id = c.id AND kc.state = 'running' ORDER BY kc.due_on, kc.clock, kc.step LIMIT 1
                  ) k ON true) ON true
      ORDER BY p.due_date NULLS LAST, p.received_at, p.id`,
    p.values,
  );
  for (const { status, n, o, s } of rows[0]?.counts ?? []) {
    list.byStatus.set(status, n);
    if (!shownStatuses.includes(status)) continue;
    list.total += n;
    list.overdue += o;
    list.dueSoon += s;
  }
  list.rows = rows.filter((r): r is typeof r & { id: string } => r.id !== null);
  return list;
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
      const rules = workflowRulesOf(app.deps.clocks.pack);
      const awaitedStep = awaitedSteps(rules);
      const list = await listTodos(db, actor, {
        rules,
        today,
        dueSoonUntil,
        limit: req.query.limit,
        ...(req.query.inbox ? { inbox: req.query.inbox } : {}),
      });
      // The same abilities the case detail sends: an item is listed only if its button would show.
      const items = list.rows
        .map((r) => {
          const outside = r.appeal_body === null && r.appeal_body_name !== null;
          const step: AwaitedStep = outside ? "refer_appeal" : awaitedStep[r.status]!;
          return { r, step };
        })
        .filter(({ r, step }) =>
          caseAbilities(actor, {
            status: r.status,
            leadUnitId: r.lead_unit_id,
            appealBody: r.appeal_body,
            appealOutside: r.appeal_body === null && r.appeal_body_name !== null,
            rules,
          }).includes(step),
        )
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
          provisional:
            r.due_on !== null &&
            r.started_on !== null &&
            isClockProvisional(app.deps.clocks.calendar, {
              started_on: r.started_on,
              due_on: r.due_on,
              state: "running",
            }),
          inbox: inboxOf(step)!,
        }));
      const inboxes = Object.fromEntries(INBOX_NAMES.map((name) => [name, 0])) as Record<Inbox, number>;
      for (const [status, n] of list.byStatus) inboxes[inboxOf(awaitedStep[status]!)!] += n;
      return {
        items,
        total: list.total,
        overdue: list.overdue,
        dueSoon: list.dueSoon,
        today,
        dueSoonDays,
        dueSoonUntil,
        inboxes,
      };
    },
  );
};
