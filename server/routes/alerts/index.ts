import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { COUNTY_WIDE_ROLES } from "../../../domain/auth/roles.ts";
import { STANDARD_ERRORS, ZPage } from "../../../domain/schemas/common.ts";
import { type WorkflowRules, workflowRulesOf } from "../../../domain/workflow/transitions.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";
import { isClockProvisional } from "../../cases/clocks.ts";
import { SqlParams } from "../../db/sql.ts";
import { requireActor } from "../../plugins/auth.ts";
import { visibleCasesCondition } from "../../policies/case-policy.ts";
import { awaitedStatuses } from "../todos/index.ts";

const ZAlert = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: z.string(),
  clock: z.enum(["statutory", "assigned", "internal"]),
  step: z.string(),
  kind: z.enum(["warning", "breach"]),
  dueOn: z.string(),
  /** The clock counts days of a year whose 调休 are not confirmed yet: the due date may move. */
  provisional: z.boolean(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  /** The case waits for this user's own step (the to-do list's rule): listed first. */
  mine: z.boolean(),
});

const ZAlertList = z.object({
  items: z.array(ZAlert),
  /** Over every alert of the filter, not the page: total = breaches + warnings. */
  total: z.number(),
  breaches: z.number(),
  warnings: z.number(),
  /** Of the total, those on cases waiting for this user's step. */
  mine: z.number(),
});
export type TAlertList = z.infer<typeof ZAlertList>;

/**
 * SQL that is true when case `c` waits for the actor's own step: the status's awaited step is one
 * the actor's roles take (as the lead unit where the step is the lead unit's), and a signature only
 * when it is the actor's turn in the chain — the rule of the to-do list (`server/routes/todos`).
 */
function waitsOnActor(actor: Actor, p: SqlParams, rules: WorkflowRules): string {
  const { anyCase, asLeadUnit } = awaitedStatuses(actor, rules);
  // Cast: a bare constant in ORDER BY is read as a column position, and refused.
  if (anyCase.length === 0 && asLeadUnit.length === 0) return "false::boolean";
  const any = p.add(anyCase);
  const lead = p.add(asLeadUnit);
  const unit = p.add(actor.unitId);
  const roles = p.add(actor.roles);
  return `((c.status = ANY(${any}::text[]) OR (c.status = ANY(${lead}::text[]) AND EXISTS (
             SELECT 1 FROM case_assignments ca WHERE ca.case_id = c.id AND ca.role = 'lead'
                AND ca.status <> 'returned' AND ca.unit_id = ${unit}::uuid)))
           AND (c.status <> 'awaiting_signoff' OR (
             SELECT s.role FROM case_signoffs s WHERE s.case_id = c.id AND s.decision IS NULL
              ORDER BY s.round DESC, s.step LIMIT 1) = ANY(${roles}::text[])))`;
}

interface AlertRow {
  case_id: string;
  case_number: string;
  title: string;
  status: string;
  clock: "statutory" | "assigned" | "internal";
  step: string;
  kind: "warning" | "breach";
  due_on: string;
  /** The start of the alert's clock while it still runs with that due date. */
  started_on: string | null;
  unit_id: string | null;
  unit_name: string | null;
  raised_at: Date;
  cleared_at: Date | null;
  mine: boolean;
}

/**
 * Deadline alerts raised by the scheduled scan (server/jobs/deadline-scan.ts). The bureau and the
 * county leaders see every alert on cases they may read; a handling unit sees the alerts it is
 * responsible for. A case the user may not read never shows, here or in the count. The alerts on
 * cases waiting for the user's own step come first (a principal leader sees the cases awaiting
 * their signature before the county's other alerts), then breaches before warnings, soonest first.
 */
export const alertRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/",
    {
      schema: {
        tags: ["alerts"],
        summary: "期限预警与超期 Deadline warnings and breaches",
        querystring: ZPage.extend({
          kind: z.enum(["warning", "breach"]).optional(),
          includeCleared: z
            .enum(["true", "false"])
            .default("false")
            .transform((v) => v === "true"),
        }),
        response: { 200: ZAlertList, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const p = new SqlParams();
      const where = [visibleCasesCondition(actor, p)];
      if (!hasRole(actor, ...COUNTY_WIDE_ROLES)) where.push(`a.unit_id = ${p.add(actor.unitId)}`);
      if (req.query.kind) where.push(`a.kind = ${p.add(req.query.kind)}`);
      if (!req.query.includeCleared) where.push("a.cleared_at IS NULL");
      const from = `FROM case_alerts a JOIN cases c ON c.id = a.case_id LEFT JOIN org_units u ON u.id = a.unit_id
        WHERE ${where.join(" AND ")}`;
      const mine = waitsOnActor(actor, p, workflowRulesOf(app.deps.clocks.pack));
      const count = await db.query<{ n: number; breaches: number; mine: number }>(
        `SELECT count(*)::int AS n, (count(*) FILTER (WHERE a.kind = 'breach'))::int AS breaches,
                (count(*) FILTER (WHERE ${mine}))::int AS mine ${from}`,
        p.values,
      );
      const limit = p.add(req.query.pageSize);
      const offset = p.add((req.query.page - 1) * req.query.pageSize);
      const { rows } = await db.query<AlertRow>(
        `SELECT a.case_id, c.case_number, c.title, c.status, a.clock, a.step, a.kind,
                to_char(a.due_on, 'YYYY-MM-DD') AS due_on,
                (SELECT to_char(k.started_on, 'YYYY-MM-DD') FROM case_clocks k
                  WHERE k.case_id = a.case_id AND k.clock = a.clock AND k.step = a.step
                    AND k.state = 'running' AND k.due_on = a.due_on) AS started_on,
                a.unit_id, u.name AS unit_name, a.raised_at, a.cleared_at,
                ${mine} AS mine
           ${from} ORDER BY ${mine} DESC, a.kind = 'breach' DESC, a.due_on, c.case_number, a.clock, a.step
           LIMIT ${limit} OFFSET ${offset}`,
        p.values,
      );
      const { n, breaches } = count.rows[0]!;
      return {
        total: n,
        breaches,
        warnings: n - breaches,
        mine: count.rows[0]!.mine,
        items: rows.map((r) => ({
          caseId: r.case_id,
          caseNumber: r.case_number,
          title: r.title,
          status: r.status,
          clock: r.clock,
          step: r.step,
          kind: r.kind,
          dueOn: r.due_on,
          provisional:
            r.started_on !== null &&
            isClockProvisional(app.deps.clocks.calendar, {
              started_on: r.started_on,
              due_on: r.due_on,
              state: "running",
            }),
          unitId: r.unit_id,
          unitName: r.unit_name,
          raisedAt: r.raised_at.toISOString(),
          clearedAt: r.cleared_at?.toISOString() ?? null,
          mine: r.mine,
        })),
      };
    },
  );
};
