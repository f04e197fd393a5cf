import { COUNTY_WIDE_ROLES } from "../../domain/auth/roles.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { pausedByHearing, type WaitingHearing } from "../../domain/calendar/pause.ts";
import type { TCaseDetail, TCaseSummary } from "../../domain/schemas/case.ts";
import { workflowRulesOf } from "../../domain/workflow/transitions.ts";
import { type Actor, hasRole } from "../auth/actor.ts";
import { type ClockContext, type ClockRow, isClockProvisional } from "../cases/clocks.ts";
import { caseAbilities } from "../policies/case-policy.ts";
import type { AttachmentRow, CaseRow, EventRow, PetitionerRow } from "../queries/cases.ts";

const HIDDEN_NAME = "（保密）";

/**
 * The petitioner's identity is hidden from everyone but the registrar and the bureau office when
 * the petition is anonymous or confidential, and the accuser's always is, even after the bureau
 * lifted the accusation's confidentiality.
 */
function hidesIdentity(row: CaseRow, actor: Actor): boolean {
  const accusation = row.nature === "accusation" || row.legal_class === "accusation";
  return (
    (row.is_anonymous || row.is_confidential || accusation) &&
    !caseAbilities(actor).includes("read_sensitive")
  );
}

export function presentCaseSummary(row: CaseRow, actor: Actor): TCaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    channel: row.channel,
    status: row.status,
    nature: row.nature,
    legalClass: row.legal_class,
    categoryId: row.category_id,
    categoryName: row.category_name,
    title: row.title,
    problemRegionCode: row.problem_region_code,
    regionName: row.region_name,
    destinationLevel: row.destination_level,
    upperRegistered: row.upper_registered,
    headcount: row.headcount,
    batchCount: row.batch_count,
    isCollective: row.is_collective,
    isFirstPetition: row.is_first_petition,
    isAnonymous: row.is_anonymous,
    isConfidential: row.is_confidential,
    isImported: row.is_imported ?? false,
    ledgerNumber: row.ledger_number ?? null,
    receivedAt: row.received_at.toISOString(),
    registeredAt: row.registered_at.toISOString(),
    firstPetitionerName: hidesIdentity(row, actor) ? HIDDEN_NAME : row.first_petitioner_name,
  };
}

/** Petitioners always leave masked; the full numbers have their own audited endpoint. */
export function presentCaseDetail(
  row: CaseRow,
  actor: Actor,
  petitioners: PetitionerRow[],
  events: EventRow[],
  attachments: AttachmentRow[],
  clocks: ClockRow[],
  ctx: ClockContext,
  /** A hearing that waits: the clocks it stands still are marked paused. */
  waitingHearing: WaitingHearing | null = null,
  now: Date = new Date(),
): TCaseDetail {
  const hide = hidesIdentity(row, actor);
  return {
    ...presentCaseSummary(row, actor),
    content: row.content,
    referralSource: row.referral_source,
    referralNumber: row.referral_number,
    accusedUnitId: row.accused_unit_id,
    accusedDescription: hasRole(actor, ...COUNTY_WIDE_ROLES) ? row.accused_description : null,
    petitioners: petitioners.map((p) => ({
      position: p.position,
      name: hide ? HIDDEN_NAME : p.name,
      idNumber: hide ? null : p.id_number_masked,
      phone: hide ? null : p.phone_masked,
      isMasked: true,
      address: hide ? null : p.address,
      householdRegionCode: p.household_region_code,
      isRepresentative: p.is_representative,
    })),
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      actor: e.actor_label,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      purged: a.purged_at !== null,
    })),
    declineReason: row.decline_reason,
    forwardedTo: row.forwarded_to,
    mergedInto:
      row.merged_into_id && row.merged_into_number
        ? { id: row.merged_into_id, caseNumber: row.merged_into_number }
        : null,
    simplified: row.simplified,
    clocks: clocks.map((c) => ({
      clock: c.clock as "statutory" | "assigned" | "internal",
      step: c.step,
      startedOn: c.started_on,
      dueOn: c.due_on,
      state: c.state as "running" | "met" | "breached",
      stoppedAt: c.stopped_at?.toISOString() ?? null,
      provisional: isClockProvisional(ctx.calendar, c),
      paused: pausedByHearing(c, ctx.pack, waitingHearing),
    })),
    severity: row.severity,
    draftOpinion: row.draft_opinion,
    reply: row.reply_opinion
      ? {
          opinion: row.reply_opinion as "support" | "explain" | "not_support",
          text: row.reply_text ?? "",
          legalBasis: row.reply_legal_basis ?? "",
          repliedAt: row.replied_at?.toISOString() ?? null,
          reviewRequestUntil: row.review_request_until,
        }
      : null,
    rating:
      row.bureau_rating && row.unit_rating && row.rated_at
        ? {
            bureau: row.bureau_rating,
            unit: row.unit_rating,
            comment: row.rating_comment,
            ratedAt: row.rated_at.toISOString(),
            channel: row.rating_channel ?? "portal",
          }
        : null,
    leadUnitId: row.lead_unit_id,
    appealBody: row.appeal_body_name,
    abilities: caseAbilities(actor, {
      status: row.status,
      leadUnitId: row.lead_unit_id,
      appealBody: row.appeal_body,
      appealOutside: row.appeal_body === null && row.appeal_body_name !== null,
      rules: workflowRulesOf(ctx.pack),
    }).filter((a) => a !== "record_rating" || withinEvaluationWindow(clocks, now)),
  };
}

/** Whether the petitioner may still rate: no evaluation window, or one not yet past its due day. */
function withinEvaluationWindow(clocks: readonly ClockRow[], now: Date): boolean {
  const w = clocks.find((c) => c.clock === "statutory" && c.step === "evaluationWindow");
  return !w || toShanghaiDate(now) <= w.due_on;
}
