import { computeDueDate } from "../../domain/calendar/time-limit.ts";
import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Db } from "../db/index.ts";

export interface ScanResult {
  warnings: number;
  breaches: number;
  cleared: number;
}

interface DueClock {
  case_id: string;
  clock: "statutory" | "assigned" | "internal";
  step: string;
  due_on: string;
  kind: "warning" | "breach";
  unit_id: string | null;
}

export const DEADLINE_SCAN_JOB = "deadline-scan";
export const SCANNER_LABEL = "系统（期限监测）";

// Steps the lead handling unit answers for; every other clock is the bureau's own.
const UNIT_STEPS = new Set(["assigned", "handling", "objection"]);

/**
 * One pass of the deadline scan: every running clock whose due date is within the pack's warning
 * days (working days) gets a warning, every one past its due date a breach — each once per due
 * date, as an alert for the responsible unit and an event on the case, in one transaction per case.
 * Alerts of clocks that have stopped are cleared. Idempotent: a second pass the same day adds
 * nothing, so a crash or two schedulers running at once do no harm.
 */
export async function scanDeadlines(db: Db, ctx: ClockContext, now: Date): Promise<ScanResult> {
  const today = toShanghaiDate(now);
  const warnDays = ctx.pack.warnDaysBeforeBreach;
  const warnUntil =
    warnDays > 0 ? computeDueDate({ amount: warnDays, unit: "working" }, today, ctx.calendar) : today;
  const cleared = await db.query(
    `UPDATE case_alerts a SET cleared_at = $1 WHERE cleared_at IS NULL AND NOT EXISTS (
       SELECT 1 FROM case_clocks k WHERE k.case_id = a.case_id AND k.clock = a.clock AND k.step = a.step
          AND k.state = 'running' AND k.due_on = a.due_on)`,
    [now],
  );
  const { rows } = await db.query<DueClock>(
    `SELECT k.case_id, k.clock, k.step, to_char(k.due_on, 'YYYY-MM-DD') AS due_on,
            CASE WHEN k.due_on < $1::date THEN 'breach' ELSE 'warning' END AS kind,
            CASE WHEN k.clock = 'assigned' OR k.step = ANY($3::text[]) THEN
              (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = k.case_id AND a.role = 'lead'
                  AND a.status <> 'returned') END AS unit_id
       FROM case_clocks k
      WHERE k.state = 'running' AND k.due_on <= $2::date
        -- A clock whose limit leaves hearing time out waits while a hearing does (its due date
        -- moves when the hearing is held: server/commands/hearing.ts; the same clocks the case
        -- page marks paused: pausedByHearing).
        AND NOT (k.clock = 'statutory' AND k.step = ANY($4::text[]) AND k.pack = $5
                 AND EXISTS (SELECT 1 FROM case_hearings h WHERE h.case_id = k.case_id AND h.status = 'scheduled'))
        AND NOT EXISTS (SELECT 1 FROM case_alerts x WHERE x.case_id = k.case_id AND x.clock = k.clock
              AND x.step = k.step AND x.due_on = k.due_on
              AND x.kind = CASE WHEN k.due_on < $1::date THEN 'breach' ELSE 'warning' END)
      ORDER BY k.case_id, k.due_on`,
    [
      today,
      warnUntil,
      [...UNIT_STEPS],
      Object.entries(ctx.pack.limits)
        .filter(([, l]) => l.pausesOn?.includes("hearing"))
        .map(([step]) => step),
      ctx.pack.id,
    ],
  );
  const byCase = new Map<string, DueClock[]>();
  for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r]);
  let warnings = 0;
  let breaches = 0;
  for (const [caseId, clocks] of byCase) {
    // Let requests that arrived meanwhile run between cases: on the embedded database statements
    // run on this thread, and the first scan after a long stop can raise thousands of alerts
    // (≈ 5 s for 1,500 at 10,000 cases), during which the server would otherwise answer nothing.
    await new Promise((resolve) => setImmediate(resolve));
    await db.transaction(async (tx) => {
      // The case row lock orders this pass's events with any workflow step on the same case.
      const locked = await tx.query<{ status: string }>("SELECT status FROM cases WHERE id = $1 FOR UPDATE", [
        caseId,
      ]);
      if (!locked.rows[0]) return;
      const raised: Record<string, string>[] = [];
      for (const c of clocks) {
        const inserted = await tx.query(
          `INSERT INTO case_alerts (case_id, clock, step, kind, due_on, unit_id, raised_at)
           SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM case_clocks WHERE case_id = $1
               AND clock = $2 AND step = $3 AND due_on = $5 AND state = 'running')
           ON CONFLICT DO NOTHING`,
          [caseId, c.clock, c.step, c.kind, c.due_on, c.unit_id, now],
        );
        if (inserted.rowCount === 0) continue;
        if (c.kind === "warning") warnings += 1;
        else breaches += 1;
        raised.push({ kind: c.kind, clock: c.clock, step: c.step, dueOn: c.due_on });
        await appendCaseEvent(tx, {
          caseId,
          actorId: null,
          actorLabel: SCANNER_LABEL,
          action: c.kind === "warning" ? "clock_warning" : "clock_breached",
          fromStatus: null,
          toStatus: null,
          detail: { clock: c.clock, step: c.step, dueOn: c.due_on, unitId: c.unit_id },
          at: now,
        });
      }
      if (raised.length > 0) {
        await recordAudit(tx, {
          actorRole: "system",
          action: "case_deadline_alert",
          objectType: "case",
          objectId: caseId,
          detail: { today, alerts: raised },
        });
      }
    });
  }
  return { warnings, breaches, cleared: cleared.rowCount };
}
