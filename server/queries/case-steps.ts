/**
 * The read side of the steps beside a case's main line: its reports up with the instructions back
 * and the report-up clock, its hearings with the clock moves they caused, its mediation
 * agreements — each with the document issued of it — and the yearly report-up figures.
 */
import type { TRulePack } from "../../domain/calendar/rule-pack.ts";
import {
  type HearingParticipant,
  type MediationParty,
  REPORT_RECIPIENT_NAMES,
  type ReportRecipient,
  type TCaseSteps,
  type TReportUpFigures,
} from "../../domain/schemas/steps.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import { reportUpDueAt } from "../commands/report-up.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { stepAbilities } from "../policies/step-policy.ts";
import type { CaseRow } from "./cases.ts";

type Doc = { id: string; title: string; hasPdf: boolean } | null;

async function docsByRef(q: Queryable, caseId: string): Promise<Map<string, Doc>> {
  const { rows } = await q.query<{
    id: string;
    title: string;
    has_pdf: boolean;
    step_ref: string;
    kind: string;
  }>(
    `SELECT DISTINCT ON (step_ref, kind) id, title, pdf IS NOT NULL AS has_pdf, step_ref, kind
       FROM case_documents WHERE case_id = $1 AND step_ref IS NOT NULL
      ORDER BY step_ref, kind, generated_at DESC, id`,
    [caseId],
  );
  return new Map(
    rows.map((r) => [`${r.step_ref}:${r.kind}`, { id: r.id, title: r.title, hasPdf: r.has_pdf }]),
  );
}

export async function loadCaseSteps(
  q: Queryable,
  actor: Actor,
  row: CaseRow,
  pack: TRulePack,
  now: Date,
): Promise<TCaseSteps> {
  const docs = await docsByRef(q, row.id);
  const doc = (ref: string, kind: string) => docs.get(`${ref}:${kind}`) ?? null;
  const reports = await q.query<{
    id: string;
    recipients: ReportRecipient[];
    content: string;
    reported_at: Date;
    due_at: Date;
    on_time: boolean;
    reported_by_label: string;
  }>(
    `SELECT id, recipients, content, reported_at, due_at, on_time, reported_by_label FROM case_reports_up
      WHERE case_id = $1 ORDER BY reported_at, id`,
    [row.id],
  );
  const instructions = await q.query<{
    id: string;
    report_id: string;
    instructed_by: string;
    instructed_at: Date;
    content: string;
    recorded_by_label: string;
    recorded_at: Date;
  }>(
    `SELECT id, report_id, instructed_by, instructed_at, content, recorded_by_label, recorded_at
       FROM case_report_instructions WHERE case_id = $1 ORDER BY instructed_at, id`,
    [row.id],
  );
  const hearings = await q.query<{
    id: string;
    status: "scheduled" | "held" | "cancelled";
    scheduled_on: string;
    starts_at: Date;
    place: string;
    host: string;
    participants: HearingParticipant[];
    held_on: string | null;
    record: string | null;
    outcome: string | null;
    cancel_reason: string | null;
    clock_moves: TCaseSteps["hearings"][number]["clockMoves"] | null;
  }>(
    `SELECT id, status, to_char(scheduled_on, 'YYYY-MM-DD') AS scheduled_on, starts_at, place, host, participants,
            to_char(held_on, 'YYYY-MM-DD') AS held_on, record, outcome, cancel_reason, clock_moves
       FROM case_hearings WHERE case_id = $1 ORDER BY created_at, id`,
    [row.id],
  );
  const mediations = await q.query<{
    id: string;
    parties: MediationParty[];
    terms: string;
    signed_on: string;
    mediator: string;
    dispute_id: string | null;
  }>(
    `SELECT id, parties, terms, to_char(signed_on, 'YYYY-MM-DD') AS signed_on, mediator, dispute_id
       FROM case_mediations WHERE case_id = $1 ORDER BY created_at, id`,
    [row.id],
  );

  const dueAt = reportUpDueAt(row.registered_at, pack);
  const first = reports.rows[0];
  const state = first
    ? first.on_time
      ? "met"
      : "breached"
    : now.getTime() > dueAt.getTime()
      ? "overdue"
      : "ok";
  return {
    reportUpClock: {
      required: row.severity !== "general",
      withinHours: pack.reportUp.withinHours,
      dueAt: (first?.due_at ?? dueAt).toISOString(),
      state,
    },
    reportsUp: reports.rows.map((r) => ({
      id: r.id,
      recipients: r.recipients,
      content: r.content,
      reportedAt: r.reported_at.toISOString(),
      dueAt: r.due_at.toISOString(),
      onTime: r.on_time,
      reportedBy: r.reported_by_label,
      document: doc(r.id, "report_up"),
      instructions: instructions.rows
        .filter((i) => i.report_id === r.id)
        .map((i) => ({
          id: i.id,
          instructedBy: i.instructed_by,
          instructedAt: i.instructed_at.toISOString(),
          content: i.content,
          recordedBy: i.recorded_by_label,
          recordedAt: i.recorded_at.toISOString(),
        })),
    })),
    hearings: hearings.rows.map((h) => ({
      id: h.id,
      status: h.status,
      scheduledOn: h.scheduled_on,
      startsAt: h.starts_at.toISOString(),
      place: h.place,
      host: h.host,
      participants: h.participants,
      heldOn: h.held_on,
      record: h.record,
      outcome: h.outcome,
      cancelReason: h.cancel_reason,
      clockMoves: h.clock_moves ?? [],
      notice: doc(h.id, "hearing_notice"),
      recordDocument: doc(h.id, "hearing_record"),
    })),
    mediations: mediations.rows.map((m) => ({
      id: m.id,
      parties: m.parties,
      terms: m.terms,
      signedOn: m.signed_on,
      mediator: m.mediator,
      disputeId: m.dispute_id,
      document: doc(m.id, "mediation"),
    })),
    abilities: stepAbilities(actor, row, isOpen(row.status)),
  };
}

/** Reports up in a year (Shanghai), over the cases the actor reads: how many, on time, cases. */
export async function reportUpFigures(
  q: Queryable,
  actor: Actor,
  year: number,
  pack: TRulePack,
): Promise<TReportUpFigures> {
  const p = new SqlParams();
  const from = p.add(`${year}-01-01`);
  const to = p.add(`${year + 1}-01-01`);
  const { rows } = await q.query<{
    reports: number;
    on_time: number;
    cases: number;
    instructed: number;
    instructions: number;
    by_recipient: { recipient: ReportRecipient; reports: number; on_time: number }[];
  }>(
    `WITH r AS MATERIALIZED (
       SELECT r.id, r.case_id, r.on_time, r.recipients,
              (SELECT count(*)::int FROM case_report_instructions i
                WHERE i.case_id = r.case_id AND i.report_id = r.id) AS instructions
         FROM case_reports_up r JOIN cases c ON c.id = r.case_id
        WHERE r.reported_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND r.reported_at < (${to}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND ${visibleCasesCondition(actor, p)})
     SELECT count(*)::int AS reports, count(*) FILTER (WHERE on_time)::int AS on_time,
            count(DISTINCT case_id)::int AS cases,
            count(*) FILTER (WHERE instructions > 0)::int AS instructed,
            COALESCE(sum(instructions), 0)::int AS instructions,
            (SELECT COALESCE(jsonb_agg(jsonb_build_object('recipient', x.recipient, 'reports', x.n, 'on_time', x.ok)
                                       ORDER BY x.recipient), '[]'::jsonb)
               FROM (SELECT rc.recipient, count(*)::int AS n, count(*) FILTER (WHERE r2.on_time)::int AS ok
                       FROM r r2, unnest(r2.recipients) AS rc(recipient)
                      GROUP BY rc.recipient) x) AS by_recipient
       FROM r`,
    p.values,
  );
  const r = rows[0]!;
  const counted = new Map(r.by_recipient.map((x) => [x.recipient, x]));
  return {
    year,
    withinHours: pack.reportUp.withinHours,
    reports: r.reports,
    onTime: r.on_time,
    late: r.reports - r.on_time,
    cases: r.cases,
    instructed: r.instructed,
    instructions: r.instructions,
    // Every recipient, in the order of the law's sentence, with zero where none was reported.
    byRecipient: REPORT_RECIPIENT_NAMES.map((recipient) => ({
      recipient,
      reports: counted.get(recipient)?.reports ?? 0,
      onTime: counted.get(recipient)?.on_time ?? 0,
    })),
  };
}
