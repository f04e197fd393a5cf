/**
 * Placeholder values of the step documents (报告单, 听证通知书/记录, 调解协议书): read from the
 * step's own record — the one named by `ref`, or the latest of its kind on the case.
 */

import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { chineseDate } from "../../domain/documents/templates.ts";
import {
  HEARING_PARTICIPANT_ROLES,
  type HearingParticipant,
  type MediationParty,
  REPORT_RECIPIENTS,
  type ReportRecipient,
} from "../../domain/schemas/steps.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";

export const STEP_KINDS = ["report_up", "hearing_notice", "hearing_record", "mediation"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export function isStepKind(kind: string): kind is StepKind {
  return (STEP_KINDS as readonly string[]).includes(kind);
}

/** 2026-03-02T02:00Z → 2026年3月2日10时00分 (Shanghai). */
export function chineseTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, "0");
  const mm = String(local.getUTCMinutes()).padStart(2, "0");
  return `${chineseDate(toShanghaiDate(at))}${hh}时${mm}分`;
}

export function recipientsText(recipients: readonly ReportRecipient[], countyName: string): string {
  return recipients.map((r) => REPORT_RECIPIENTS[r].title(countyName)).join("、");
}

export function participantsText(list: readonly HearingParticipant[]): string {
  return list.map((p) => `${p.name}（${HEARING_PARTICIPANT_ROLES[p.role].zh}）`).join("、");
}

const unavailable = (kind: string, why: string) => new AppError("DOCUMENT_NOT_AVAILABLE", { kind, why });

async function countyName(q: Queryable, regionPath: string): Promise<string> {
  const county = regionPath.split(".")[0]!;
  const row = (await q.query<{ name: string }>("SELECT name FROM org_units WHERE path = $1", [county]))
    .rows[0];
  return row?.name ?? "";
}

export async function stepValues(
  q: Queryable,
  row: { id: string; region_path: string; registered_at: Date },
  kind: StepKind,
  ref: string | null,
): Promise<Record<string, string>> {
  const refSql = ref ? " AND id = $2" : "";
  const params = ref ? [row.id, ref] : [row.id];
  switch (kind) {
    case "report_up": {
      const r = (
        await q.query<{ recipients: ReportRecipient[]; content: string; reported_at: Date }>(
          `SELECT recipients, content, reported_at FROM case_reports_up WHERE case_id = $1${refSql}
            ORDER BY reported_at DESC, id LIMIT 1`,
          params,
        )
      ).rows[0];
      if (!r) throw unavailable(kind, "the case was not reported up");
      return {
        reportRecipients: recipientsText(r.recipients, await countyName(q, row.region_path)),
        reportContent: r.content,
        reportTime: chineseTime(r.reported_at),
        registeredTime: chineseTime(row.registered_at),
      };
    }
    case "hearing_notice":
    case "hearing_record": {
      const h = (
        await q.query<{
          status: string;
          starts_at: Date;
          place: string;
          host: string;
          participants: HearingParticipant[];
          held_on: string | null;
          record: string | null;
          outcome: string | null;
        }>(
          `SELECT status, starts_at, place, host, participants, to_char(held_on, 'YYYY-MM-DD') AS held_on, record, outcome
             FROM case_hearings WHERE case_id = $1 AND status <> 'cancelled'${refSql}
            ORDER BY created_at DESC, id LIMIT 1`,
          params,
        )
      ).rows[0];
      if (!h) throw unavailable(kind, "no hearing is scheduled");
      const base = {
        hearingTime: chineseTime(h.starts_at),
        hearingPlace: h.place,
        hearingHost: h.host,
        hearingParticipants: participantsText(h.participants),
      };
      if (kind === "hearing_notice") return base;
      if (h.status !== "held" || !h.held_on) throw unavailable(kind, "the hearing was not held yet");
      return {
        ...base,
        heldDate: chineseDate(h.held_on),
        hearingRecord: h.record ?? "",
        hearingOutcome: h.outcome ?? "",
      };
    }
    case "mediation": {
      const m = (
        await q.query<{ parties: MediationParty[]; terms: string; signed_on: string; mediator: string }>(
          `SELECT parties, terms, to_char(signed_on, 'YYYY-MM-DD') AS signed_on, mediator
             FROM case_mediations WHERE case_id = $1${refSql} ORDER BY created_at DESC, id LIMIT 1`,
          params,
        )
      ).rows[0];
      if (!m) throw unavailable(kind, "there is no mediation agreement");
      return {
        mediationParties: m.parties.map((p) => `${p.name}（${p.role}）`).join("、"),
        mediationTerms: m.terms,
        mediator: m.mediator,
        signedDate: chineseDate(m.signed_on),
      };
    }
  }
}
