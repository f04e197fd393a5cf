import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import type { TCaseRegisterRequest, TPetitionerInput } from "../../domain/schemas/case.ts";
import { initialStatus } from "../../domain/workflow/statuses.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { newQueryCode, nextCaseNumber } from "../cases/case-numbers.ts";
import { type ClockContext, startClocks } from "../cases/clocks.ts";
import { appendCaseEvent } from "../cases/events.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { subtreePattern } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
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
}

/**
 * Registers one case from any channel: the case, its petitioners, its first event and an audit
 * row, in the caller's transaction. Everything is checked before the first write.
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

  const region = (
    await tx.query<{ id: string; path: string; county_code: string }>(
      `SELECT o.id, o.path,
              (SELECT r.region_code FROM org_units r WHERE r.kind = 'county' AND (o.path = r.path OR starts_with(o.path, r.path || '.'))) AS county_code
         FROM org_units o
        WHERE o.region_code = $1 AND o.kind IN ('county', 'township', 'village', 'group') AND o.is_active
          AND (o.path = $2 OR o.path LIKE $3)
        ORDER BY length(o.path) LIMIT 1`,
      [req.problemRegionCode, ctx.areaPath, subtreePattern(ctx.areaPath)],
    )
  ).rows[0];
  if (!region) throw new AppError("REGION_UNKNOWN");
  if (req.categoryId) {
    const cat = await tx.query("SELECT 1 FROM categories WHERE id = $1 AND is_active", [req.categoryId]);
    if (cat.rows.length === 0) throw new AppError("CATEGORY_UNKNOWN");
  }
  let accusedPath: string | null = null;
  if (req.accusedUnitId) {
    const unit = await tx.query<{ path: string }>("SELECT path FROM org_units WHERE id = $1", [
      req.accusedUnitId,
    ]);
    if (!unit.rows[0]) throw new AppError("UNIT_UNKNOWN");
    accusedPath = unit.rows[0].path;
  }

  // Same person: the same ID number; or, where one side has no ID number, the same phone.
  const idIndexes = petitioners.flatMap((p) => (p.idBidx ? [p.idBidx] : []));
  const phonesOfIdentified = petitioners.flatMap((p) => (p.idBidx && p.phoneBidx ? [p.phoneBidx] : []));
  const phonesOnly = petitioners.flatMap((p) => (!p.idBidx && p.phoneBidx ? [p.phoneBidx] : []));
  const earlier = await tx.query(
    `SELECT 1 FROM case_petitioners
      WHERE id_number_bidx = ANY($1::text[])
         OR (phone_bidx = ANY($2::text[]) AND id_number_bidx IS NULL)
         OR phone_bidx = ANY($3::text[])
      LIMIT 1`,
    [idIndexes, phonesOfIdentified, phonesOnly],
  );
  const isFirstPetition = earlier.rows.length === 0;

  const headcount = req.headcount ?? req.petitioners.length;
  const year = Number(
    new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(receivedAt),
  );
  const caseNumber = await nextCaseNumber(tx, region.county_code, year);
  const queryCode = newQueryCode();
  const status = initialStatus(req.channel);
  const owner = ctx.actor?.unitId ?? null;

  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO cases (case_number, query_code_hash, channel, status, nature, legal_class, category_id, title, content,
        problem_region_code, region_unit_id, region_path, destination_level, headcount, batch_count, is_collective,
        is_first_petition, is_anonymous, is_confidential, accused_unit_id, accused_path, referral_source,
        referral_number, received_at, registered_at, registered_by, owner_unit_id, search_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
        $23, $24, $25, $26,
        COALESCE($27, (SELECT id FROM org_units WHERE kind = 'bureau' AND path LIKE $28 ORDER BY path LIMIT 1)), $29)
     RETURNING id`,
    [
      caseNumber,
      blindIndex(ctx.keyRing, "query_code", `${caseNumber}:${queryCode}`),
      req.channel,
      status,
      req.nature ?? null,
      legalClass,
      req.categoryId ?? null,
      req.title,
      req.content,
      req.problemRegionCode,
      region.id,
      region.path,
      req.destinationLevel ?? null,
      headcount,
      req.batchCount,
      headcount >= ctx.collectiveThreshold,
      isFirstPetition,
      req.isAnonymous,
      req.isConfidential,
      req.accusedUnitId ?? null,
      accusedPath,
      req.referralSource ?? null,
      req.referralNumber ?? null,
      receivedAt,
      ctx.now,
      ctx.actor?.id ?? null,
      owner,
      subtreePattern(region.path.split(".")[0]!),
      indexText(req.title, req.content),
    ],
  );
  const caseId = inserted.rows[0]!.id;

  const params: unknown[] = [caseId];
  const rows = petitioners.map((p, position) => {
    const values = [
      position,
      p.input.name,
      p.idEnc,
      p.idBidx,
      p.idMasked,
      p.phoneEnc,
      p.phoneBidx,
      p.phoneMasked,
      p.input.address ?? null,
      p.input.householdRegionCode ?? null,
      p.input.isRepresentative,
    ];
    const placeholders = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return `($1, ${placeholders.join(", ")})`;
  });
  await tx.query(
    `INSERT INTO case_petitioners (case_id, position, name, id_number_enc, id_number_bidx, id_number_masked,
        phone_enc, phone_bidx, phone_masked, address, household_region_code, is_representative)
     VALUES ${rows.join(", ")}`,
    params,
  );
  await startClocks(tx, ctx.clocks, caseId, "registration", ctx.now, "general");
  await startClocks(tx, ctx.clocks, caseId, "receipt", receivedAt, "general");
  await appendCaseEvent(tx, {
    caseId,
    actorId: ctx.actor?.id ?? null,
    actorLabel: ctx.actor?.displayName ?? "信访人（网上提交）",
    action: "register",
    fromStatus: null,
    toStatus: status,
    detail: { channel: req.channel },
    at: ctx.now,
  });
  await recordAudit(tx, {
    actorId: ctx.actor?.id ?? null,
    actorRole: ctx.actor?.roles.join(",") ?? "public",
    ip: ctx.ip,
    action: "case_register",
    objectType: "case",
    objectId: caseId,
    detail: { caseNumber, channel: req.channel },
  });
  return { id: caseId, caseNumber, queryCode, receivedAt };
}
