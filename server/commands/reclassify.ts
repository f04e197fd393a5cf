/**
 * The bureau office corrects a case's classification after registration (条例 and the national
 * content classification): nature, legal class, category, problem region, and whether it is a
 * first petition (初信初访) or a repeat (重复信访: the same person about the same matter — the
 * flag registration sets from the person alone can be wrong). Online petitions
 * arrive unclassified, and a clerk's first reading can be wrong; statistics follow the change at
 * once (the case_stats triggers). Each change is one case event with the old and new values and
 * one audit row, in the caller's transaction.
 */
import type { LegalClass, Nature } from "../../domain/workflow/statuses.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import { appendCaseEvent } from "../cases/events.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { findVisibleCase } from "../queries/cases.ts";

export interface ReclassifyInput {
  nature?: Nature;
  legalClass?: LegalClass | null;
  categoryId?: string | null;
  problemRegionCode?: string;
  isFirstPetition?: boolean;
  reason: string;
}

export interface ReclassifyEnv {
  actor: Actor;
  now: Date;
  ip: string | null;
}

type Field = "nature" | "legalClass" | "categoryId" | "problemRegionCode" | "isFirstPetition";

/** What changed, field by field; empty when the request repeats the case as it is. */
export async function reclassifyCase(
  tx: Queryable,
  env: ReclassifyEnv,
  caseId: string,
  input: ReclassifyInput,
): Promise<Partial<Record<Field, { from: string | null; to: string | null }>>> {
  const row = await findVisibleCase(tx, env.actor, caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  if (!isOpen(row.status)) throw new AppError("RECLASSIFY_CLOSED", { status: row.status });

  const nature = input.nature ?? row.nature;
  // An accusation's legal class is the accusation class; naming the nature sets it.
  let legalClass = input.legalClass === undefined ? row.legal_class : input.legalClass;
  if (input.nature === "accusation" && input.legalClass === undefined) legalClass = "accusation";
  if (nature === "accusation" && legalClass !== "accusation") throw new AppError("ACCUSATION_CLASS_MISMATCH");

  let categoryId = input.categoryId === undefined ? row.category_id : input.categoryId;
  if (input.categoryId) {
    const cat = await tx.query<{ id: string }>("SELECT id FROM categories WHERE id = $1 AND is_active", [
      input.categoryId,
    ]);
    if (cat.rows.length === 0) throw new AppError("CATEGORY_UNKNOWN");
    categoryId = cat.rows[0]!.id;
  }

  let region = { code: row.problem_region_code, unitId: null as string | null, path: row.region_path };
  if (input.problemRegionCode && input.problemRegionCode !== row.problem_region_code) {
    // A place in the same county, as at registration: the deepest unit carrying that code.
    const county = row.region_path.split(".")[0]!;
    const found = await tx.query<{ id: string; path: string }>(
      `SELECT id, path FROM org_units
        WHERE region_code = $1 AND kind IN ('county', 'township', 'village', 'group') AND is_active
          AND (path = $2 OR starts_with(path, $2 || '.'))
        ORDER BY length(path) LIMIT 1`,
      [input.problemRegionCode, county],
    );
    if (found.rows.length === 0) throw new AppError("REGION_UNKNOWN");
    region = { code: input.problemRegionCode, unitId: found.rows[0]!.id, path: found.rows[0]!.path };
  }

  const firstPetition = input.isFirstPetition ?? row.is_first_petition;
  const changes: Partial<Record<Field, { from: string | null; to: string | null }>> = {};
  if (nature !== row.nature) changes.nature = { from: row.nature, to: nature };
  if (legalClass !== row.legal_class) changes.legalClass = { from: row.legal_class, to: legalClass };
  if (categoryId !== row.category_id) changes.categoryId = { from: row.category_id, to: categoryId };
  if (region.code !== row.problem_region_code)
    changes.problemRegionCode = { from: row.problem_region_code, to: region.code };
  if (firstPetition !== row.is_first_petition)
    changes.isFirstPetition = { from: String(row.is_first_petition), to: String(firstPetition) };
  if (Object.keys(changes).length === 0) return changes;

  // Becoming an accusation makes the case confidential, as registering one does; the reverse is
  // the bureau's own decision (the confidentiality step), never a side effect of a new category.
  const confidential = row.is_confidential || legalClass === "accusation";
  await tx.query(
    `UPDATE cases SET nature = $2, legal_class = $3, category_id = $4, problem_region_code = $5,
            region_unit_id = COALESCE($6, region_unit_id), region_path = $7, is_confidential = $8, updated_at = $9,
            is_first_petition = $10
      WHERE id = $1`,
    [
      row.id,
      nature,
      legalClass,
      categoryId,
      region.code,
      region.unitId,
      region.path,
      confidential,
      env.now,
      firstPetition,
    ],
  );
  const detail = { changes, ...(confidential !== row.is_confidential ? { madeConfidential: true } : {}) };
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: env.actor.id,
    actorLabel: env.actor.displayName,
    action: "reclassified",
    fromStatus: row.status,
    toStatus: row.status,
    note: input.reason,
    detail,
    at: env.now,
  });
  await recordAudit(tx, {
    actorId: env.actor.id,
    actorRole: env.actor.roles.join(","),
    ip: env.ip,
    action: "case_reclassify",
    objectType: "case",
    objectId: row.id,
    detail: { ...detail, reason: input.reason },
  });
  return changes;
}
