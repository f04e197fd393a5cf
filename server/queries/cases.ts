import type { TCaseListQuery } from "../../domain/schemas/case.ts";
import type {
  CaseStatus,
  Channel,
  DestinationLevel,
  LegalClass,
  Nature,
} from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { fieldFilterConditions, type ResolvedFieldFilter } from "../fields/filters.ts";
import { type AppealBody, visibleCasesCondition } from "../policies/case-policy.ts";
import { keywordCondition, parseKeyword } from "../search/keyword.ts";
import { currentSynonyms } from "../search/synonyms.ts";
import { statsListConditions } from "../stats/filters.ts";

export interface CaseRow {
  id: string;
  case_number: string;
  channel: Channel;
  status: CaseStatus;
  nature: Nature | null;
  legal_class: LegalClass | null;
  category_id: string | null;
  category_name: string | null;
  title: string;
  content: string;
  problem_region_code: string;
  region_name: string;
  region_path: string;
  destination_level: DestinationLevel | null;
  upper_registered: boolean | null;
  headcount: number;
  batch_count: number;
  is_collective: boolean;
  is_first_petition: boolean;
  is_anonymous: boolean;
  is_confidential: boolean;
  accused_unit_id: string | null;
  accused_path: string | null;
  accused_description: string | null;
  referral_source: string | null;
  referral_number: string | null;
  decline_reason: string | null;
  severity: "urgent" | "general" | "major";
  draft_opinion: string | null;
  reply_opinion: string | null;
  reply_text: string | null;
  reply_legal_basis: string | null;
  replied_at: Date | null;
  review_request_until: string | null;
  bureau_rating: "satisfied" | "basically_satisfied" | "dissatisfied" | null;
  unit_rating: "satisfied" | "basically_satisfied" | "dissatisfied" | null;
  rating_comment: string | null;
  rated_at: Date | null;
  rating_channel: "portal" | "phone" | "visit" | "letter" | null;
  reexam_request_until: string | null;
  /** The unit currently leading the handling, if the case is assigned. */
  lead_unit_id: string | null;
  appeal_body: AppealBody | null;
  /** Where a review or reexamination went, by name (also a body outside the network). */
  appeal_body_name: string | null;
  forwarded_to: string | null;
  /** The open original this repeat was merged into, with its number. */
  merged_into_id: string | null;
  merged_into_number: string | null;
  simplified: boolean;
  received_at: Date;
  registered_at: Date;
  first_petitioner_name: string | null;
  /** A case of a past ledger (server/imports/ledger.ts); absent on a row just registered. */
  is_imported?: boolean;
  ledger_number?: string | null;
}

/**
 * The unit whose answer a review is about, for a case aliased `c`: the lead unit, or the county's
 * bureau when nothing was assigned (server/documents/answering-body.ts `answeringBody`).
 */
export const ANSWERED_BY_SQL = `COALESCE(
    (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned'),
    (SELECT b.id FROM org_units b WHERE b.kind = 'bureau' AND starts_with(b.path, split_part(c.region_path, '.', 1) || '.')
      ORDER BY b.path LIMIT 1))`;

/**
 * The body the case's review or reexamination goes to (see AppealBody), or NULL: its unit, its
 * review office, and the unit whose answer is under review (the lead unit; the bureau when none).
 */
export const APPEAL_BODY_SQL = `(SELECT jsonb_build_object('unitId', au.id, 'path', au.path, 'kind', au.kind,
    'officeId', au.review_office_id, 'answeredBy', ${ANSWERED_BY_SQL})
   FROM org_units au WHERE au.id = c.appeal_unit_id)`;

export const CASE_COLUMNS = `c.id, c.case_number, c.channel, c.status, c.nature, c.legal_class, c.category_id,
  cat.name_zh AS category_name, c.title, c.content, c.problem_region_code, r.name AS region_name, c.region_path,
  c.destination_level, c.upper_registered, c.headcount, c.batch_count, c.is_collective, c.is_first_petition, c.is_anonymous,
  c.is_confidential, c.accused_unit_id, c.accused_path, c.accused_description, c.referral_source, c.referral_number, c.decline_reason, c.forwarded_to, c.severity,
  c.merged_into_id, (SELECT m.case_number FROM cases m WHERE m.id = c.merged_into_id) AS merged_into_number, c.simplified,
  c.bureau_rating, c.unit_rating, c.rating_comment, c.rated_at, c.rating_channel,
  c.draft_opinion, c.reply_opinion, c.reply_text, c.reply_legal_basis, c.replied_at,
  to_char(c.review_request_until, 'YYYY-MM-DD') AS review_request_until,
  to_char(c.reexam_request_until, 'YYYY-MM-DD') AS reexam_request_until,
  (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned') AS lead_unit_id, c.received_at,
  ${APPEAL_BODY_SQL} AS appeal_body, c.appeal_body_name,
  c.registered_at, c.is_imported, c.ledger_number,
  (SELECT p.name FROM case_petitioners p WHERE p.case_id = c.id ORDER BY p.position LIMIT 1) AS first_petitioner_name`;

export const CASE_FROM = `FROM cases c JOIN org_units r ON r.id = c.region_unit_id LEFT JOIN categories cat ON cat.id = c.category_id`;

export function listConditions(
  actor: Actor,
  f: TCaseListQuery,
  p: SqlParams,
  asOf = new Date(),
  fieldFilters?: readonly ResolvedFieldFilter[],
): string[] {
  const where = [visibleCasesCondition(actor, p)];
  // Category-field filters are checked against the actor's field definitions first (async).
  if (f.fieldFilter !== undefined && !fieldFilters)
    throw new Error("resolveFieldFilters before listConditions");
  if (fieldFilters) where.push(...fieldFilterConditions(fieldFilters, p));
  if (f.channel) where.push(`c.channel = ${p.add(f.channel)}`);
  if (f.status) where.push(`c.status = ${p.add(f.status)}`);
  if (f.nature) where.push(`c.nature = ${p.add(f.nature)}`);
  if (f.categoryId) {
    where.push(
      `c.category_id IN (SELECT id FROM categories WHERE id = ${p.add(f.categoryId)} OR parent_id = ${p.add(f.categoryId)})`,
    );
  }
  if (f.regionCode) {
    // A region filter covers the region and everything below it.
    where.push(`EXISTS (SELECT 1 FROM org_units fr WHERE fr.region_code = ${p.add(f.regionCode)}
      AND fr.kind IN ('county', 'township', 'village', 'group')
      AND (c.region_path = fr.path OR starts_with(c.region_path, fr.path || '.')))`);
  }
  // Day boundaries are Shanghai days, whatever the server's own time zone.
  if (f.from) where.push(`c.received_at >= (${p.add(f.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.to)
    where.push(`c.received_at < ((${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.isCollective !== undefined) where.push(`c.is_collective = ${p.add(f.isCollective)}`);
  if (f.isFirstPetition !== undefined) where.push(`c.is_first_petition = ${p.add(f.isFirstPetition)}`);
  // Read from cases also when `c` is case_stats (the summary's figures use these conditions).
  if (f.upperRegistered !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM cases ux WHERE ux.id = c.id AND ux.upper_registered = ${p.add(f.upperRegistered)})`,
    );
  if (f.ratingChannel)
    where.push(`EXISTS (SELECT 1 FROM cases rx WHERE rx.id = c.id AND rx.bureau_rating IS NOT NULL
      AND COALESCE(rx.rating_channel, 'portal') = ${p.add(f.ratingChannel)})`);
  // The keyword box: words, bigrams, synonyms, case number, name (server/search/keyword.ts).
  if (f.q) where.push(keywordCondition(parseKeyword(f.q, currentSynonyms(), actor), p));
  where.push(...statsListConditions(f, p, asOf));
  return where;
}

/** A case the actor may read, or null: callers answer 404 either way, so existence never leaks. */
export async function findVisibleCase(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<CaseRow | null> {
  const p = new SqlParams();
  const idParam = p.add(id);
  const cond = visibleCasesCondition(actor, p);
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} ${CASE_FROM} WHERE c.id = ${idParam} AND ${cond}${lock ? " FOR UPDATE OF c" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

export interface PetitionerRow {
  position: number;
  name: string;
  id_number_enc: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  address: string | null;
  household_region_code: string | null;
  is_representative: boolean;
}

export async function loadPetitioners(q: Queryable, caseId: string): Promise<PetitionerRow[]> {
  const { rows } = await q.query<PetitionerRow>(
    `SELECT position, name, id_number_enc, id_number_masked, phone_enc, phone_masked, address,
            household_region_code, is_representative
       FROM case_petitioners WHERE case_id = $1 ORDER BY position`,
    [caseId],
  );
  return rows;
}

export interface EventRow {
  seq: number;
  at: Date;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

export async function loadEvents(q: Queryable, caseId: string): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT seq, at, actor_label, action, from_status, to_status, note FROM case_events
      WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  return rows;
}

export interface AttachmentRow {
  id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  /** Set when retention removed the file's content from disk. */
  purged_at: Date | null;
}

export async function loadAttachments(q: Queryable, caseId: string): Promise<AttachmentRow[]> {
  const { rows } = await q.query<AttachmentRow>(
    `SELECT id, file_name, media_type, size_bytes, sha256, purged_at FROM case_attachments WHERE case_id = $1 ORDER BY uploaded_at, id`,
    [caseId],
  );
  return rows;
}
