import type { TReclassifyRequest } from "../../../../domain/schemas/case.ts";
import type { LegalClass, Nature } from "../../../../domain/workflow/statuses.ts";
import type { CaseDetail } from "../../../api/types.ts";

export interface ReclassifyValues {
  nature: Nature | null;
  legalClass: LegalClass | null;
  categoryId: string | null;
  problemRegionCode: string;
  isFirstPetition: boolean;
  reason: string;
}

/** The request for what the form changed (a cleared field is sent as null), or null when nothing changed. */
export function reclassifyBody(
  c: Pick<CaseDetail, "nature" | "legalClass" | "categoryId" | "problemRegionCode" | "isFirstPetition">,
  v: ReclassifyValues,
): TReclassifyRequest | null {
  const body: TReclassifyRequest = { reason: v.reason.trim() };
  if (v.nature && v.nature !== c.nature) body.nature = v.nature;
  if ((v.legalClass ?? null) !== c.legalClass) body.legalClass = v.legalClass ?? null;
  if ((v.categoryId ?? null) !== c.categoryId) body.categoryId = v.categoryId ?? null;
  if (v.problemRegionCode && v.problemRegionCode !== c.problemRegionCode)
    body.problemRegionCode = v.problemRegionCode;
  if (v.isFirstPetition !== c.isFirstPetition) body.isFirstPetition = v.isFirstPetition;
  return Object.keys(body).length > 1 ? body : null;
}
