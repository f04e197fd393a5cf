import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import type { TCaseRegisterRequest, TPetitionerInput } from "../../domain/schemas/case.ts";
import { initialStatus } from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import { newQueryCode } from "../cases/case-numbers.ts";
import { type ClockContext, type ClockRow, insertClocksSql, planClocks } from "../cases/clocks.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { subtreePattern } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow, EventRow, PetitionerRow } from "../queries/cases.ts";
import { indexText } from "../search/segment.ts";

export interface RegisterContext {
  keyRing: KeyRing;
  clocks: ClockContext;
  now: Date;
  collectiveThreshold: number;
  maxRepresentatives: number;
  ip: string | null;
  /** Staff member registering; null for a citizen's own online submission. */
  actor: Actor | null;
  /** Root of the area whose regions may be named (the actor's area, or the county for the public). */
  areaPath: string;
}

interface PreparedPetitioner {
  input: TPetitionerInput;
  idEnc: string | null;
  idBidx: string | null;
  idMasked: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  phoneMasked: string | null;
}

/** Validates and encrypts petitioner identity before anything is written. */
export function preparePetitioners(keyRing: KeyRing, list: TPetitionerInput[]): PreparedPetitioner[] {
  return list.map((p, index) => {
    let idEnc: string | null = null;
    let idBidx: string | null = null;
    let idMasked: string | null = null;
    if (p.idNumber) {
      const v = validateIdNumber(p.idNumber);
      if (!v.ok) throw new AppError("ID_NUMBER_INVALID", { petitioner: index, reason: v.reason });
      idEnc = encryptField(keyRing, v.value, "case_petitioners.id_number");
      idBidx = blindIndex(keyRing, "id_number", v.value);
      idMasked = maskIdNumber(v.value);
    }
    let phoneEnc: string | null = null;
    let phoneBidx: string | null = null;
    let phoneMasked: string | null = null;
    if (p.phone) {
      const v = validatePhone(p.phone);
      if (!v.ok) throw new AppError("PHONE_INVALID", { petitioner: index, reason: v.reason });
      phoneEnc = encryptField(keyRing, v.value, "case_petitioners.phone");
      phoneBidx = blindIndex(keyRing, "phone", v.value);
      phoneMasked = maskPhone(v.value);
    }
    return { input: p, idEnc, idBidx, idMasked, phoneEnc, phoneBidx, phoneMasked };
  });
}

export interface RegisteredCase {
  id: string;
  caseNumber: string;
  queryCode: string;
  receivedAt: Date;
  /** Everything the detail view needs, known without reading the case back. */
  row: CaseRow;
  petitioners: PetitionerRow[];
  events: EventRow[];
  clocks: ClockRow[];
}

// Made once: building an Intl.DateTimeFormat costs ≈ 0.1–0.3 ms, formatting with one ≈ 3 µs.
const SHANGHAI_YEAR = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" });

/** The statistics' household key of a region code: its township level (first 9 digits). */
function householdKey(code: string | null): string | null {
  return code !== null && code.length >= 9 ? code.slice(0, 9) : code;
}

/** State and due day of a statutory clock a registration starts (the first planned one wins, as in the INSERT). */
function statutoryClock(planned: readonly { clock: string; step: string; due_on: string }[], step: string) {
  const k = planned.find((c) => c.clock === "statutory" && c.step === step);
  return k ? ["running", k.due_on] : [null, null];
}

interface Lookup {
  id: string;
  path: string;
  name: string;
  county_code: string;
  bureau_id: string | null;
  category_name: string | null;
  category_top_id: string | null;
  accused_path: string | null;
  has_earlier: boolean;
}

/**
 * Case numbers are <county region code>-<year>-<sequence>; the sequence is a database sequence,
 * not a counter row, so concurrent registrations never queue on one lock (a rolled-back
 * registration leaves a gap, which is allowed and documented).
 *
 * Registers one case from any channel: the case, its petitioners, its clocks, its first event and
 * an audit row. Input is checked in code first; what needs the database is checked and written by
 * one statement, which is atomic on its own, so a registration is one round trip (callers may
 * still run it inside a transaction with other writes).
 */
export async function registerCase(
  tx: Queryable,
  req: TCaseRegisterRequest,
  ctx: RegisterContext,
): Promise<RegisteredCase> {
  const receivedAt = req.receivedAt ? new Date(req.receivedAt) : ctx.now;
  if (receivedAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw new AppError("RECEIVED_IN_FUTURE");
  if (req.channel === "referral" && !req.referralSource) throw new AppError("REFERRAL_SOURCE_REQUIRED");
  if (req.nature === "accusation" && req.legalClass && req.legalClass !== "accusation") {
    throw new AppError("ACCUSATION_CLASS_MISMATCH");
  }
  const legalClass = req.nature === "accusation" ? "accusation" : (req.legalClass ?? null);
  if (req.petitioners.filter((p) => p.isRepresentative).length > ctx.maxRepresentatives) {
    throw new AppError("REPRESENTATIVES_TOO_MANY", { max: ctx.maxRepresentatives });
  }
  const petitioners = preparePetitioners(ctx.keyRing, req.petitioners);

  // Same person: the same ID number; or, where one side has no ID number, the same phone.
  const idIndexes = petitioners.flatMap((p) => (p.idBidx ? [p.idBidx] : []));
  const phonesOfIdentified = petitioners.flatMap((p) => (p.idBidx && p.phoneBidx ? [p.phoneBidx] : []));
  const phonesOnly = petitioners.flatMap((p) => (!p.idBidx && p.phoneBidx ? [p.phoneBidx] : []));
  const headcount = req.headcount ?? req.petitioners.length;
  const year = Number(SHANGHAI_YEAR.format(receivedAt));
  const queryCode = newQueryCode();
  const status = initialStatus(req.channel);
  const severity = "general" as const;
  const clocks = [
    ...planClocks(ctx.clocks, "registration", ctx.now, severity),
    ...planClocks(ctx.clocks, "receipt", receivedAt, severity),
  ];
  const petitionerRows: PetitionerRow[] = petitioners.map((p, position) => ({
    position,
    name: p.input.name,
    id_number_enc: p.idEnc,
    id_number_bidx: p.idBidx,
    id_number_masked: p.idMasked,
    phone_enc: p.phoneEnc,
    phone_bidx: p.phoneBidx,
    phone_masked: p.phoneMasked,
    address: p.input.address ?? null,
    household_region_code: p.input.householdRegionCode ?? null,
    is_representative: p.input.isRepresentative,
  }));
  const actorLabel = ctx.actor?.displayName ?? "信访人（网上提交）";
  const isCollective = headcount >= ctx.collectiveThreshold;

  // One statement: `r` checks region, county, bureau, category, accused unit and earlier petitions
  // of the same person; `ok` lets the writes happen only when every check passed; the writes add
  // the case, petitioners, clocks, first event and audit row, and `s` the case's case_stats row
  // (every value is known here, so the triggers on cases, petitioners and clocks skip it instead of
  // rebuilding it three times; migrations/20261126004000_case_stats_direct_registration.sql).
  // The answer says which check failed.
  const result = await tx.query<Lookup & { case_id: string | null; case_number: string | null }>(
    `WITH r AS (
       SELECT o.id, o.path, o.name,
              (SELECT cr.region_code FROM org_units cr
                WHERE cr.kind = 'county' AND (o.path = cr.path OR starts_with(o.path, cr.path || '.'))) AS county_code,
              (SELECT b.id FROM org_units b
                WHERE b.kind = 'bureau' AND starts_with(b.path, split_part(o.path, '.', 1) || '.')
                ORDER BY b.path LIMIT 1) AS bureau_id,
              (SELECT name_zh FROM categories WHERE id = $4::uuid AND is_active) AS category_name,
              (SELECT COALESCE(parent_id, id) FROM categories WHERE id = $4::uuid) AS category_top_id,
              (SELECT path FROM org_units WHERE id = $5::uuid) AS accused_path,
              -- Three probes, each on its own index: one OR across them would scan the whole table.
              -- Each looks up one value at a time (a semi join from the array): a prepared
              -- statement's generic plan of "= ANY($n)" expects ten matches and found a scan of the
              -- whole table cheaper for EXISTS, on every registration.
              (EXISTS (SELECT 1 FROM unnest($6::text[]) AS b(v)
                        WHERE EXISTS (SELECT 1 FROM case_petitioners x WHERE x.id_number_bidx = b.v))
                OR EXISTS (SELECT 1 FROM unnest($7::text[]) AS b(v)
                            WHERE EXISTS (SELECT 1 FROM case_petitioners x
                                           WHERE x.phone_bidx = b.v AND x.id_number_bidx IS NULL))
                OR EXISTS (SELECT 1 FROM unnest($8::text[]) AS b(v)
                            WHERE EXISTS (SELECT 1 FROM case_petitioners x WHERE x.phone_bidx = b.v))) AS has_earlier
         FROM org_units o
        WHERE o.region_code = $1 AND o.kind IN ('county', 'township', 'village', 'group') AND o.is_active
          AND (o.path = $2 OR o.path LIKE $3)
        ORDER BY length(o.path) LIMIT 1
     ), ok AS (
       SELECT r.*, COALESCE($28::uuid, r.bureau_id) AS owner_id FROM r
        WHERE ($4::uuid IS NULL OR r.category_name IS NOT NULL)
          AND ($5::uuid IS NULL OR r.accused_path IS NOT NULL)
          AND COALESCE($28::uuid, r.bureau_id) IS NOT NULL
     ), c AS (
       INSERT INTO cases (case_number, query_code_hash, channel, status, nature, legal_class, category_id, title,
          content, problem_region_code, region_unit_id, region_path, destination_level, headcount, batch_count,
          is_collective, is_first_petition, is_anonymous, is_confidential, accused_unit_id, accused_path,
          referral_source, referral_number, received_at, registered_at, registered_by, owner_unit_id, search_text,
          severity)
       SELECT left(ok.county_code, 6) || '-' || $9 || '-' || lpad(nextval('case_number_seq')::text, 7, '0'),
              $10, $11, $12, $13, $14, $4::uuid, $15, $16, $1, ok.id, ok.path, $17, $18, $19, $20, NOT ok.has_earlier,
              $21, $22, $5::uuid, ok.accused_path, $23, $24, $25, $26, $27, ok.owner_id, $29, $30
         FROM ok
       RETURNING id, case_number
     ), p AS (
       INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
          phone_enc, phone_bidx, phone_masked, address, household_region_code, is_representative)
       SELECT c.id, x.position, x.name, x.id_number_enc, x.id_number_bidx, x.id_number_masked, x.phone_enc,
              x.phone_bidx, x.phone_masked, x.address, x.household_region_code, x.is_representative
         FROM c, jsonb_to_recordset($31::jsonb) AS x(position int, name text, id_number_enc text,
              id_number_bidx text, id_number_masked text, phone_enc text, phone_bidx text, phone_masked text,
              address text, household_region_code text, is_representative boolean)
     ), k AS (
       ${insertClocksSql("c.id", "$32", "c, ")}
     ), e AS (
       INSERT INTO case_events (case_id, seq, at, actor_id, actor_label, action, from_status, to_status, detail)
       SELECT c.id, 1, $26, $27, $33, 'register', NULL, $12, jsonb_build_object('channel', $11::text) FROM c
     ), a AS (
       INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, detail)
       SELECT $27, $34, $35, 'case_register', 'case', c.id::text,
              jsonb_build_object('caseNumber', c.case_number, 'channel', $11::text) FROM c
     ), s AS (
       INSERT INTO case_stats (id, received_at, region_path, region_unit_id, accused_path, channel, status, nature,
          legal_class, category_id, category_top_id, destination_level, headcount, batch_count, is_collective,
          is_first_petition, household_key, lead_unit_id, acceptance_state, acceptance_due, handling_state,
          handling_due, evaluation_state, evaluation_due, bureau_rating, unit_rating, replied_at)
       SELECT c.id, $25, ok.path, ok.id, ok.accused_path, $11, $12, $13, $14, $4::uuid, ok.category_top_id, $17,
              $18, $19, $20, NOT ok.has_earlier, $36, NULL, $37, $38::date, $39, $40::date, $41, $42::date,
              NULL, NULL, NULL
         FROM c, ok
     )
     SELECT r.*, c.id AS case_id, c.case_number FROM r LEFT JOIN c ON true`,
    [
      req.problemRegionCode, // $1
      ctx.areaPath,
      subtreePattern(ctx.areaPath),
      req.categoryId ?? null, // $4
      req.accusedUnitId ?? null,
      idIndexes,
      phonesOfIdentified,
      phonesOnly, // $8
      String(year),
      blindIndex(ctx.keyRing, "query_code", queryCode), // $10
      req.channel,
      status,
      req.nature ?? null,
      legalClass, // $14
      req.title,
      req.content,
      req.destinationLevel ?? null, // $17
      headcount,
      req.batchCount,
      isCollective, // $20
      req.isAnonymous,
      req.isConfidential,
      req.referralSource ?? null,
      req.referralNumber ?? null, // $24
      receivedAt,
      ctx.now, // $26
      ctx.actor?.id ?? null,
      ctx.actor?.unitId ?? null, // $28
      indexText(req.title, req.content),
      severity, // $30
      JSON.stringify(petitionerRows),
      JSON.stringify(clocks),
      actorLabel, // $33
      ctx.actor?.roles.join(",") ?? "public",
      ctx.ip, // $35
      householdKey(petitionerRows[0]?.household_region_code ?? null), // $36
      ...statutoryClock(clocks, "acceptanceNotice"), // $37, $38
      ...statutoryClock(clocks, "handling"), // $39, $40
      ...statutoryClock(clocks, "evaluationWindow"), // $41, $42
    ],
  );
  const region = result.rows[0];
  if (!region) throw new AppError("REGION_UNKNOWN");
  if (!region.case_id || !region.case_number) {
    if (req.categoryId && region.category_name === null) throw new AppError("CATEGORY_UNKNOWN");
    throw new AppError("UNIT_UNKNOWN");
  }
  const id = region.case_id;
  const caseNumber = region.case_number;
  const row: CaseRow = {
    id,
    case_number: caseNumber,
    channel: req.channel,
    status,
    nature: req.nature ?? null,
    legal_class: legalClass,
    category_id: req.categoryId ?? null,
    category_name: region.category_name,
    title: req.title,
    content: req.content,
    problem_region_code: req.problemRegionCode,
    region_name: region.name,
    region_path: region.path,
    destination_level: req.destinationLevel ?? null,
    headcount,
    batch_count: req.batchCount,
    is_collective: headcount >= ctx.collectiveThreshold,
    is_first_petition: !region.has_earlier,
    is_anonymous: req.isAnonymous,
    is_confidential: req.isConfidential,
    accused_unit_id: req.accusedUnitId ?? null,
    accused_path: region.accused_path,
    referral_source: req.referralSource ?? null,
    referral_number: req.referralNumber ?? null,
    decline_reason: null,
    forwarded_to: null,
    merged_into_id: null,
    merged_into_number: null,
    simplified: false,
    severity,
    draft_opinion: null,
    reply_opinion: null,
    reply_text: null,
    reply_legal_basis: null,
    replied_at: null,
    review_request_until: null,
    lead_unit_id: null,
    reexam_request_until: null,
    bureau_rating: null,
    unit_rating: null,
    rating_comment: null,
    rated_at: null,
    received_at: receivedAt,
    registered_at: ctx.now,
    first_petitioner_name: petitionerRows[0]?.name ?? null,
  };
  const events: EventRow[] = [
    {
      seq: 1,
      at: ctx.now,
      actor_label: actorLabel,
      action: "register",
      from_status: null,
      to_status: status,
      note: null,
    },
  ];
  const clockRows: ClockRow[] = clocks
    .map((c) => ({
      clock: c.clock,
      step: c.step,
      started_on: c.started_on,
      due_on: c.due_on,
      state: "running",
      stopped_at: null,
    }))
    .sort(
      (a, b) =>
        a.due_on.localeCompare(b.due_on) || a.clock.localeCompare(b.clock) || a.step.localeCompare(b.step),
    );
  return {
    id,
    caseNumber,
    queryCode,
    receivedAt,
    row,
    petitioners: petitionerRows,
    events,
    clocks: clockRows,
  };
}
