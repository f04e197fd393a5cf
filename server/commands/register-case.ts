import { randomUUID } from "node:crypto";
import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import type { TCaseRegisterRequest, TPetitionerInput } from "../../domain/schemas/case.ts";
import { initialStatus } from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import { newQueryCode } from "../cases/case-numbers.ts";
import { type ClockContext, type ClockRow, insertClocksSql, planClocks } from "../cases/clocks.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import { type Batcher, type BatcherOptions, createBatcher } from "../db/batcher.ts";
import type { Queryable } from "../db/index.ts";
import { subtreePattern } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import type { CaseRow, EventRow, PetitionerRow } from "../queries/cases.ts";
import { indexText } from "../search/segment.ts";
import { earlierSameMatter } from "./first-petition.ts";

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
function statutoryClock(
  planned: readonly { clock: string; step: string; due_on: string }[],
  step: string,
): [string | null, string | null] {
  const k = planned.find((c) => c.clock === "statutory" && c.step === step);
  return k ? ["running", k.due_on] : [null, null];
}

/** What the registration statement needs of one case: an element of its `jsonb` input. */
interface RegistrationInput {
  n: number;
  upper_registered: boolean | null;
  id: string;
  region_code: string;
  area_path: string;
  area_like: string;
  category_id: string | null;
  accused_unit_id: string | null;
  accused_description: string | null;
  id_indexes: string[];
  phones_identified: string[];
  phones_only: string[];
  year: string;
  query_code_hash: string;
  channel: string;
  status: CaseRow["status"];
  nature: CaseRow["nature"];
  legal_class: CaseRow["legal_class"];
  title: string;
  content: string;
  destination_level: CaseRow["destination_level"];
  headcount: number;
  batch_count: number;
  is_collective: boolean;
  is_anonymous: boolean;
  is_confidential: boolean;
  referral_source: string | null;
  referral_number: string | null;
  received_at: string;
  registered_at: string;
  actor_id: string | null;
  actor_unit_id: string | null;
  search_text: string;
  severity: string;
  petitioners: PetitionerRow[];
  clocks: ReturnType<typeof planClocks>;
  actor_label: string;
  actor_role: string;
  ip: string | null;
  household_key: string | null;
  acceptance_state: string | null;
  acceptance_due: string | null;
  handling_state: string | null;
  handling_due: string | null;
  evaluation_state: string | null;
  evaluation_due: string | null;
}

/** A registration checked, encrypted and segmented in code, ready to be written. */
export interface PreparedRegistration {
  input: RegistrationInput;
  req: TCaseRegisterRequest;
  now: Date;
  receivedAt: Date;
  queryCode: string;
}

/**
 * Checks and prepares one registration: everything that needs no database. Throws the input's
 * error (an invalid ID number, a date in the future, …) before anything is written.
 */
export function prepareRegistration(req: TCaseRegisterRequest, ctx: RegisterContext): PreparedRegistration {
  const receivedAt = req.receivedAt ? new Date(req.receivedAt) : ctx.now;
  if (receivedAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw new AppError("RECEIVED_IN_FUTURE");
  if (req.channel === "referral" && !req.referralSource) throw new AppError("REFERRAL_SOURCE_REQUIRED");
  // 其中登记: only a visit to the city, province or Beijing can have been registered there.
  if (
    req.upperRegistered !== undefined &&
    !(
      req.destinationLevel === "municipal" ||
      req.destinationLevel === "provincial" ||
      req.destinationLevel === "national"
    )
  )
    throw new AppError("UPPER_REGISTERED_LEVEL");
  if (req.nature === "accusation" && req.legalClass && req.legalClass !== "accusation") {
    throw new AppError("ACCUSATION_CLASS_MISMATCH");
  }
  const legalClass = req.nature === "accusation" ? "accusation" : (req.legalClass ?? null);
  // An accusation is confidential from registration until the bureau decides otherwise: by
  // design, not by a clerk's care (the case policy keeps it from township staff by area).
  const confidential = req.isConfidential || legalClass === "accusation";
  if (req.petitioners.filter((p) => p.isRepresentative).length > ctx.maxRepresentatives) {
    throw new AppError("REPRESENTATIVES_TOO_MANY", { max: ctx.maxRepresentatives });
  }
  const petitioners = preparePetitioners(ctx.keyRing, req.petitioners);
  const headcount = req.headcount ?? req.petitioners.length;
  const queryCode = newQueryCode();
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
  const [acceptanceState, acceptanceDue] = statutoryClock(clocks, "acceptanceNotice");
  const [handlingState, handlingDue] = statutoryClock(clocks, "handling");
  const [evaluationState, evaluationDue] = statutoryClock(clocks, "evaluationWindow");
  const input: RegistrationInput = {
    n: 0,
    id: randomUUID(),
    region_code: req.problemRegionCode,
    area_path: ctx.areaPath,
    area_like: subtreePattern(ctx.areaPath),
    category_id: req.categoryId ?? null,
    accused_unit_id: req.accusedUnitId ?? null,
    accused_description: req.accusedDescription ?? null,
    // Same person: the same ID number; or, where one side has no ID number, the same phone.
    id_indexes: petitioners.flatMap((p) => (p.idBidx ? [p.idBidx] : [])),
    phones_identified: petitioners.flatMap((p) => (p.idBidx && p.phoneBidx ? [p.phoneBidx] : [])),
    phones_only: petitioners.flatMap((p) => (!p.idBidx && p.phoneBidx ? [p.phoneBidx] : [])),
    year: SHANGHAI_YEAR.format(receivedAt),
    query_code_hash: blindIndex(ctx.keyRing, "query_code", queryCode),
    channel: req.channel,
    status: initialStatus(req.channel),
    nature: req.nature ?? null,
    legal_class: legalClass,
    title: req.title,
    content: req.content,
    destination_level: req.destinationLevel ?? null,
    upper_registered: req.upperRegistered ?? null,
    headcount,
    batch_count: req.batchCount,
    is_collective: headcount >= ctx.collectiveThreshold,
    is_anonymous: req.isAnonymous,
    is_confidential: confidential,
    referral_source: req.referralSource ?? null,
    referral_number: req.referralNumber ?? null,
    received_at: receivedAt.toISOString(),
    registered_at: ctx.now.toISOString(),
    actor_id: ctx.actor?.id ?? null,
    actor_unit_id: ctx.actor?.unitId ?? null,
    search_text: indexText(req.title, req.content),
    severity,
    petitioners: petitionerRows,
    clocks,
    actor_label: ctx.actor?.displayName ?? "信访人（网上提交）",
    actor_role: ctx.actor?.roles.join(",") ?? "public",
    ip: ctx.ip,
    household_key: householdKey(petitionerRows[0]?.household_region_code ?? null),
    acceptance_state: acceptanceState,
    acceptance_due: acceptanceDue,
    handling_state: handlingState,
    handling_due: handlingDue,
    evaluation_state: evaluationState,
    evaluation_due: evaluationDue,
  };
  return { input, req, now: ctx.now, receivedAt, queryCode };
}

interface WrittenRow {
  n: number;
  unit_id: string | null;
  unit_path: string | null;
  unit_name: string | null;
  category_name: string | null;
  accused_path: string | null;
  is_first: boolean | null;
  case_number: string | null;
}

// One statement writes a whole batch of registrations. Per input row: `r` checks region, county,
// bureau, category, accused unit and earlier petitions of the same person; `ok` keeps the rows
// whose every check passed; the writes add each case, its petitioners, clocks, first event and
// audit row, and `s` its case_stats row (every value is known here, so the triggers on cases,
// petitioners and clocks skip it instead of rebuilding it three times;
// migrations/20261126004000_case_stats_direct_registration.sql). The answer has one row per input
// row saying which check failed or which case number it got. Everything arrives in one `jsonb`
// parameter, so the statement's text and plan are the same for one case and for sixty-four.
const REGISTER_SQL = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(n int, id uuid, region_code text, area_path text,
    area_like text, category_id uuid, accused_unit_id uuid, accused_description text, id_indexes text[], phones_identified text[],
    phones_only text[], year text, query_code_hash text, channel text, status text, nature text,
    legal_class text, title text, content text, destination_level text, upper_registered boolean, headcount int, batch_count int,
    is_collective boolean, is_anonymous boolean, is_confidential boolean, referral_source text,
    referral_number text, received_at timestamptz, registered_at timestamptz, actor_id uuid,
    actor_unit_id uuid, search_text text, severity text, petitioners jsonb, clocks jsonb, actor_label text,
    actor_role text, ip text, household_key text, acceptance_state text, acceptance_due date,
    handling_state text, handling_due date, evaluation_state text, evaluation_due date, is_repeat boolean)
), r AS (
  SELECT i.*, o.id AS unit_id, o.path AS unit_path, o.name AS unit_name,
         (SELECT cr.region_code FROM org_units cr
           WHERE cr.kind = 'county' AND (o.path = cr.path OR starts_with(o.path, cr.path || '.'))) AS county_code,
         (SELECT b.id FROM org_units b
           WHERE b.kind = 'bureau' AND starts_with(b.path, split_part(o.path, '.', 1) || '.')
           ORDER BY b.path LIMIT 1) AS bureau_id,
         (SELECT name_zh FROM categories WHERE id = i.category_id AND is_active) AS category_name,
         (SELECT COALESCE(parent_id, id) FROM categories WHERE id = i.category_id) AS category_top_id,
         (SELECT path FROM org_units WHERE id = i.accused_unit_id) AS accused_path,
         NOT COALESCE(i.is_repeat, false) AS is_first
    FROM i LEFT JOIN LATERAL (
      SELECT o.id, o.path, o.name FROM org_units o
       WHERE o.region_code = i.region_code AND o.kind IN ('county', 'township', 'village', 'group') AND o.is_active
         AND (o.path = i.area_path OR o.path LIKE i.area_like)
       ORDER BY length(o.path) LIMIT 1) o ON true
), ok AS (
  SELECT r.*, COALESCE(r.actor_unit_id, r.bureau_id) AS owner_id FROM r
   WHERE r.unit_id IS NOT NULL
     AND (r.category_id IS NULL OR r.category_name IS NOT NULL)
     AND (r.accused_unit_id IS NULL OR r.accused_path IS NOT NULL)
     AND COALESCE(r.actor_unit_id, r.bureau_id) IS NOT NULL
), c AS (
  INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, legal_class, category_id, title,
     content, problem_region_code, region_unit_id, region_path, destination_level, upper_registered, headcount, batch_count,
     is_collective, is_first_petition, is_anonymous, is_confidential, accused_unit_id, accused_path,
     accused_description, referral_source, referral_number, received_at, registered_at, registered_by, owner_unit_id, search_text,
     severity)
  SELECT ok.id, left(ok.county_code, 6) || '-' || ok.year || '-' || lpad(nextval('case_number_seq')::text, 7, '0'),
         ok.query_code_hash, ok.channel, ok.status, ok.nature, ok.legal_class, ok.category_id, ok.title, ok.content,
         ok.region_code, ok.unit_id, ok.unit_path, ok.destination_level, ok.upper_registered, ok.headcount, ok.batch_count,
         ok.is_collective, ok.is_first, ok.is_anonymous, ok.is_confidential, ok.accused_unit_id,
         ok.accused_path, ok.accused_description, ok.referral_source, ok.referral_number, ok.received_at, ok.registered_at, ok.actor_id,
         ok.owner_id, ok.search_text, ok.severity
    FROM ok ORDER BY ok.n
  RETURNING id, case_number
), p AS (
  INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
     phone_enc, phone_bidx, phone_masked, address, household_region_code, is_representative)
  SELECT ok.id, x.position, x.name, x.id_number_enc, x.id_number_bidx, x.id_number_masked, x.phone_enc,
         x.phone_bidx, x.phone_masked, x.address, x.household_region_code, x.is_representative
    FROM ok, jsonb_to_recordset(ok.petitioners) AS x(position int, name text, id_number_enc text,
         id_number_bidx text, id_number_masked text, phone_enc text, phone_bidx text, phone_masked text,
         address text, household_region_code text, is_representative boolean)
), k AS (
  ${insertClocksSql("ok.id", "ok.clocks", "ok, ")}
), e AS (
  INSERT INTO case_events (case_id, seq, at, actor_id, actor_label, action, from_status, to_status, detail)
  SELECT ok.id, 1, ok.registered_at, ok.actor_id, ok.actor_label, 'register', NULL, ok.status,
         jsonb_build_object('channel', ok.channel) FROM ok
), a AS (
  INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, detail)
  SELECT ok.actor_id, ok.actor_role, ok.ip, 'case_register', 'case', c.id::text,
         jsonb_build_object('caseNumber', c.case_number, 'channel', ok.channel)
    FROM c JOIN ok ON ok.id = c.id ORDER BY ok.n
), s AS (
  INSERT INTO case_stats (id, received_at, region_path, region_unit_id, accused_path, channel, status, nature,
     legal_class, category_id, category_top_id, destination_level, headcount, batch_count, is_collective,
     is_first_petition, household_key, lead_unit_id, acceptance_state, acceptance_due, handling_state,
     handling_due, evaluation_state, evaluation_due, bureau_rating, unit_rating, replied_at)
  SELECT ok.id, ok.received_at, ok.unit_path, ok.unit_id, ok.accused_path, ok.channel, ok.status, ok.nature,
         ok.legal_class, ok.category_id, ok.category_top_id, ok.destination_level, ok.headcount, ok.batch_count,
         ok.is_collective, ok.is_first, ok.household_key, NULL, ok.acceptance_state, ok.acceptance_due,
         ok.handling_state, ok.handling_due, ok.evaluation_state, ok.evaluation_due, NULL, NULL, NULL
    FROM ok
)
SELECT r.n, r.unit_id, r.unit_path, r.unit_name, r.category_name, r.accused_path, r.is_first, c.case_number
  FROM r LEFT JOIN c ON c.id = r.id ORDER BY r.n`;

export type WriteOutcome = { ok: true; value: RegisteredCase } | { ok: false; error: AppError };

/**
 * Case numbers are <county region code>-<year>-<sequence>; the sequence is a database sequence,
 * not a counter row, so concurrent registrations never queue on one lock (a rolled-back
 * registration leaves a gap, which is allowed and documented).
 *
 * Writes prepared registrations with one statement, which is atomic on its own: all of them or
 * none (callers may still run it inside a transaction with other writes). A registration whose
 * region, category or accused unit does not exist is not written and gets its error; the others
 * are written.
 */
export async function writeRegistrations(
  q: Queryable,
  batch: readonly PreparedRegistration[],
): Promise<WriteOutcome[]> {
  const repeats = await earlierSameMatter(
    q,
    batch.map((p) => p.input),
  );
  const inputs = batch.map((p, n) => ({ ...p.input, n, is_repeat: repeats[n] }));
  const { rows } = await q.query<WrittenRow>(REGISTER_SQL, [JSON.stringify(inputs)]);
  const byN = new Map(rows.map((r) => [r.n, r]));
  return batch.map((p, n) => {
    const w = byN.get(n);
    if (!w?.unit_id || !w.unit_path || !w.unit_name)
      return { ok: false, error: new AppError("REGION_UNKNOWN") };
    if (!w.case_number) {
      if (p.input.category_id && w.category_name === null)
        return { ok: false, error: new AppError("CATEGORY_UNKNOWN") };
      return { ok: false, error: new AppError("UNIT_UNKNOWN") };
    }
    return { ok: true, value: registered(p, w.case_number, w) };
  });
}

/** Everything the answer and the detail view need, known without reading the case back. */
function registered(p: PreparedRegistration, caseNumber: string, w: WrittenRow): RegisteredCase {
  const { input, req, receivedAt } = p;
  const row: CaseRow = {
    id: input.id,
    case_number: caseNumber,
    channel: req.channel,
    status: input.status,
    nature: input.nature,
    legal_class: input.legal_class,
    category_id: input.category_id,
    category_name: w.category_name,
    title: req.title,
    content: req.content,
    problem_region_code: req.problemRegionCode,
    region_name: w.unit_name!,
    region_path: w.unit_path!,
    destination_level: input.destination_level,
    upper_registered: input.upper_registered,
    headcount: input.headcount,
    batch_count: req.batchCount,
    is_collective: input.is_collective,
    is_first_petition: w.is_first ?? true,
    is_anonymous: req.isAnonymous,
    is_confidential: input.is_confidential,
    accused_unit_id: input.accused_unit_id,
    accused_path: w.accused_path,
    accused_description: input.accused_description,
    referral_source: input.referral_source,
    referral_number: input.referral_number,
    decline_reason: null,
    forwarded_to: null,
    merged_into_id: null,
    merged_into_number: null,
    simplified: false,
    severity: "general",
    draft_opinion: null,
    reply_opinion: null,
    reply_text: null,
    reply_legal_basis: null,
    replied_at: null,
    review_request_until: null,
    lead_unit_id: null,
    appeal_body: null,
    appeal_body_name: null,
    reexam_request_until: null,
    bureau_rating: null,
    unit_rating: null,
    rating_comment: null,
    rated_at: null,
    rating_channel: null,
    received_at: receivedAt,
    registered_at: p.now,
    first_petitioner_name: input.petitioners[0]?.name ?? null,
  };
  const events: EventRow[] = [
    {
      seq: 1,
      at: p.now,
      actor_label: input.actor_label,
      action: "register",
      from_status: null,
      to_status: input.status,
      note: null,
    },
  ];
  const clockRows: ClockRow[] = input.clocks
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
    id: input.id,
    caseNumber,
    queryCode: p.queryCode,
    receivedAt,
    row,
    petitioners: input.petitioners,
    events,
    clocks: clockRows,
  };
}

/** Registers one case from any channel (see writeRegistrations): one round trip. */
export async function registerCase(
  tx: Queryable,
  req: TCaseRegisterRequest,
  ctx: RegisterContext,
): Promise<RegisteredCase> {
  const [outcome] = await writeRegistrations(tx, [prepareRegistration(req, ctx)]);
  if (!outcome) throw new Error("the registration statement answered nothing");
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

const writers = new WeakMap<Queryable, Batcher<PreparedRegistration, RegisteredCase>>();

/**
 * Registers through the database's group-commit writer: registrations that arrive while earlier
 * ones are being written share the next statement (server/db/batcher.ts). For callers that are
 * not inside a transaction of their own. There is one writer per database; the options of its
 * first call apply (they come from the configuration, which does not change while running).
 */
export function registerCaseBatched(
  db: Queryable,
  req: TCaseRegisterRequest,
  ctx: RegisterContext,
  options: BatcherOptions,
): Promise<RegisteredCase> {
  const prepared = prepareRegistration(req, ctx);
  let writer = writers.get(db);
  if (!writer) {
    writer = createBatcher(
      (batch: readonly PreparedRegistration[]) => writeRegistrations(db, batch),
      options,
    );
    writers.set(db, writer);
  }
  return writer(prepared);
}

/** The group-commit writer of a database, if registrations went through one (tests, benchmarks). */
export function registrationBatchSizes(db: Queryable): readonly number[] {
  return writers.get(db)?.sizes ?? [];
}
