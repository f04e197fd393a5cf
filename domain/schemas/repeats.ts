import { z } from "zod";
import { CASE_STATUSES } from "../workflow/statuses.ts";
import { zIsoDateTime, zRegionCode, zText, zUuid } from "./common.ts";

export const ZRepeatCheckRequest = z.object({
  petitioners: z
    .array(
      z.object({
        name: zText(1, 50),
        idNumber: z.string().trim().max(30).optional(),
        phone: z.string().trim().max(30).optional(),
        address: zText(0, 200).optional(),
      }),
    )
    .max(200)
    .default([]),
  categoryId: zUuid.optional(),
  problemRegionCode: zRegionCode,
  title: zText(0, 200).optional(),
  content: zText(1, 20000),
  /** When the letter came in, if not now (a letter registered days later): dates a recent follow-up. */
  receivedAt: zIsoDateTime.optional(),
});
export type TRepeatCheckRequest = z.infer<typeof ZRepeatCheckRequest>;

export const ZRepeatCandidate = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  title: z.string(),
  categoryName: z.string().nullable(),
  receivedAt: z.string(),
  /** 0–1 ordering score: same matter weighs 0.7, same person 0.3. */
  score: z.number(),
  matterScore: z.number(),
  textSimilarity: z.number(),
  verdict: z.enum(["likely_repeat", "same_person_other_matter", "same_matter_other_person", "shared_phone"]),
  personReasons: z.array(
    z.enum([
      "same_id_number",
      "same_name_phone",
      "same_phone_unnamed",
      "same_name_address",
      "same_name",
      "shared_phone",
    ]),
  ),
  matterReasons: z.array(z.string()),
  suggestedDecision: z.enum(["merge", "repeat_of_terminated", "link", "keep_new"]),
});

export const ZRepeatCheckResponse = z.object({ candidates: z.array(ZRepeatCandidate) });

export const ZRepeatDecisionRequest = z.object({
  decision: z.enum(["link", "repeat_of_terminated", "keep_new", "merge"]),
  originalCaseId: zUuid.optional(),
  note: zText(1, 2000).optional(),
  /** What the check showed, kept with the decision. */
  score: z.number().min(0).max(1).optional(),
  reasons: z.array(z.string().max(40)).max(20).optional(),
});

export const ZRepeatDecision = z.object({
  seq: z.number(),
  decision: z.enum(["link", "repeat_of_terminated", "keep_new", "merge"]),
  originalCaseId: z.string().nullable(),
  originalCaseNumber: z.string().nullable(),
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

export const ZRepeatState = z.object({
  caseId: z.string(),
  isRepeat: z.boolean(),
  isFirstPetition: z.boolean(),
  status: z.enum(CASE_STATUSES),
  decisions: z.array(ZRepeatDecision),
  /** Links to and from this case, only to cases the user may read. */
  links: z.array(
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      kind: z.enum(["related", "repeat_of", "merged_into"]),
      direction: z.enum(["to", "from"]),
    }),
  ),
});
