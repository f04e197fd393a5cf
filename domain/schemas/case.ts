import { z } from "zod";
import { ZFieldValuesInput } from "../fields/api.ts";
import { zFieldFilterParam } from "../fields/filters.ts";
import { CASE_STATUSES, CHANNELS, DESTINATION_LEVELS, LEGAL_CLASSES, NATURES } from "../workflow/statuses.ts";
import { CASE_LIST_SORTS } from "./case-list-sorts.ts";
import { ZPage, zIsoDate, zIsoDateTime, zRegionCode, zText, zUuid } from "./common.ts";
import { caseListStatsFilters } from "./stats-filters.ts";

export const ZPetitionerInput = z.object({
  name: zText(1, 50),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  address: zText(0, 200).optional(),
  householdRegionCode: zRegionCode.optional(),
  isRepresentative: z.boolean().default(false),
});
export type TPetitionerInput = z.infer<typeof ZPetitionerInput>;

const caseFields = {
  title: zText(1, 200),
  content: zText(1, 20000),
  problemRegionCode: zRegionCode,
  nature: z.enum(NATURES).optional(),
  legalClass: z.enum(LEGAL_CLASSES).optional(),
  categoryId: zUuid.optional(),
  /** Whom an accusation concerns, in the petitioner's or clerk's words (optional; the bureau records the unit). */
  accusedDescription: zText(1, 200).optional(),
};

export const ZCaseRegisterRequest = z.object({
  channel: z.enum(CHANNELS),
  ...caseFields,
  petitioners: z.array(ZPetitionerInput).min(1).max(200),
  headcount: z.number().int().min(1).max(100000).optional(),
  batchCount: z.number().int().min(1).max(10000).default(1),
  destinationLevel: z.enum(DESTINATION_LEVELS).optional(),
  /** A visit to the city, province or Beijing: whether the upper level registered it (登记). */
  upperRegistered: z.boolean().optional(),
  isAnonymous: z.boolean().default(false),
  isConfidential: z.boolean().default(false),
  accusedUnitId: zUuid.optional(),
  referralSource: zText(1, 100).optional(),
  referralNumber: zText(1, 60).optional(),
  // A petition received before 1990 is a typing error, not a record: refuse it at the edge.
  receivedAt: zIsoDateTime.refine((v) => v >= "1990-01-01", { message: "before 1990" }).optional(),
  /** The category's extra fields (key → value), checked against its field set: domain/fields/values.ts. */
  fields: ZFieldValuesInput.optional(),
});
export type TCaseRegisterRequest = z.infer<typeof ZCaseRegisterRequest>;

export const ZPublicSubmitRequest = z.object({
  ...caseFields,
  petitioner: ZPetitionerInput.omit({ isRepresentative: true, householdRegionCode: true }).extend({
    idNumber: z.string().trim().min(1).max(30),
    phone: z.string().trim().min(1).max(30),
  }),
  consentPrivacy: z.literal(true),
});
export type TPublicSubmitRequest = z.infer<typeof ZPublicSubmitRequest>;

export const ZPublicSubmitResponse = z.object({
  caseNumber: z.string(),
  queryCode: z.string(),
  receivedAt: z.string(),
});
export type TPublicSubmitResponse = z.infer<typeof ZPublicSubmitResponse>;

export const ZPublicStatusRequest = z.object({
  caseNumber: z.string().trim().min(1).max(40),
  queryCode: z.string().trim().min(1).max(40),
});

export const RATINGS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;

export const ZPublicAppealRequest = ZPublicStatusRequest.extend({ reason: zText(1, 5000) });

export const ZPublicEvaluateRequest = ZPublicStatusRequest.extend({
  bureauRating: z.enum(RATINGS),
  unitRating: z.enum(RATINGS),
  comment: zText(1, 2000).optional(),
});

export const ZPublicStatusResponse = z.object({
  caseNumber: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.string(),
  /** The answer, once given: what the citizen reads, rates and may appeal until the date shown. */
  reply: z
    .object({
      opinion: z.enum(["support", "explain", "not_support"]),
      text: z.string(),
      legalBasis: z.string(),
      repliedAt: z.string(),
      reviewRequestUntil: z.string().nullable(),
      /** The body that answered (the lead unit, or the bureau), and where and within how many days review is asked. */
      answeredBy: z.string(),
      reviewBody: z.string(),
      reviewDays: z.number().int(),
    })
    .nullable(),
  rating: z.object({ bureau: z.enum(RATINGS), unit: z.enum(RATINGS), ratedAt: z.string() }).nullable(),
  canEvaluate: z.boolean(),
  /** The review decision (复查意见), once made, with the last day to ask for reexamination. */
  review: z
    .object({
      opinion: z.enum(["uphold", "revise"]),
      text: z.string(),
      reviewedAt: z.string(),
      reexamRequestUntil: z.string().nullable(),
      reexamBody: z.string(),
      reexamDays: z.number().int(),
    })
    .nullable(),
  /** Where the petitioner's latest review or reexamination request went, and when it was referred outside. */
  appeal: z.object({ body: z.string(), referredAt: z.string().nullable() }).nullable(),
  canRequestReview: z.boolean(),
  canRequestReexam: z.boolean(),
  /**
   * A time limit of the case still running (its clocks, the review or reexamination window shown)
   * counts days of a year whose 调休 are not published yet: its last day may still move.
   */
  provisional: z.boolean(),
  events: z.array(z.object({ at: z.string(), action: z.string(), toStatus: z.string().nullable() })),
  /** The notices and letters issued to the petitioner (告知书、处理意见书 …), to download. */
  documents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      generatedAt: z.string(),
      hasPdf: z.boolean(),
    }),
  ),
});

export const ZPublicDocumentRequest = ZPublicStatusRequest.extend({
  documentId: z.string().uuid(),
  format: z.enum(["docx", "pdf"]),
});

export const ZPetitioner = z.object({
  position: z.number(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  isMasked: z.boolean(),
  address: z.string().nullable(),
  householdRegionCode: z.string().nullable(),
  isRepresentative: z.boolean(),
});

export const ZCaseEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZCaseSummary = z.object({
  id: z.string(),
  caseNumber: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(CASE_STATUSES),
  nature: z.enum(NATURES).nullable(),
  legalClass: z.enum(LEGAL_CLASSES).nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  problemRegionCode: z.string(),
  regionName: z.string(),
  destinationLevel: z.enum(DESTINATION_LEVELS).nullable(),
  /** Whether the upper level registered a visit to it (赴省/进京/到市); null: not known or not such a visit. */
  upperRegistered: z.boolean().nullable(),
  headcount: z.number(),
  batchCount: z.number(),
  isCollective: z.boolean(),
  isFirstPetition: z.boolean(),
  isAnonymous: z.boolean(),
  isConfidential: z.boolean(),
  /** Brought in from a past ledger (信访台账): a closed historical case, with the ledger's number. */
  isImported: z.boolean(),
  ledgerNumber: z.string().nullable(),
  receivedAt: z.string(),
  registeredAt: z.string(),
  firstPetitionerName: z.string().nullable(),
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseDetail = ZCaseSummary.extend({
  content: z.string(),
  referralSource: z.string().nullable(),
  referralNumber: z.string().nullable(),
  accusedUnitId: z.string().nullable(),
  /** Whom the accusation concerns, as written: the bureau and the county leadership only. */
  accusedDescription: z.string().nullable(),
  declineReason: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  /** Set when this repeat was merged into an open original (合并); the link is kept. */
  mergedInto: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
  simplified: z.boolean(),
  petitioners: z.array(ZPetitioner),
  events: z.array(ZCaseEvent),
  attachments: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number(),
      /** The content was deleted at the end of its retention period (download answers 410). */
      purged: z.boolean(),
    }),
  ),
  /** Statutory, assigned and internal deadlines with their state ('running', 'met', 'breached'). */
  clocks: z.array(
    z.object({
      clock: z.enum(["statutory", "assigned", "internal"]),
      step: z.string(),
      startedOn: z.string(),
      dueOn: z.string(),
      state: z.enum(["running", "met", "breached"]),
      stoppedAt: z.string().nullable(),
      /** Counted over a year whose 调休 are not confirmed yet: the due date may still move. */
      provisional: z.boolean(),
      /**
       * The clock stands still while a scheduled hearing waits (听证所需时间不计算在内): since the day
       * it was scheduled, the hearing's day; once held, the due date moves on by those days.
       */
      paused: z.object({ reason: z.literal("hearing"), since: z.string(), hearingOn: z.string() }).nullable(),
    }),
  ),
  severity: z.enum(["urgent", "general", "major"]),
  draftOpinion: z.string().nullable(),
  /** The answer to the petitioner (处理意见书), once given, with the last day to ask for review. */
  reply: z
    .object({
      opinion: z.enum(["support", "explain", "not_support"]),
      text: z.string(),
      legalBasis: z.string(),
      repliedAt: z.string().nullable(),
      reviewRequestUntil: z.string().nullable(),
    })
    .nullable(),
  /** The petitioner's rating of the answer (满意度), of the bureau and of the handling unit. */
  rating: z
    .object({
      bureau: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]),
      unit: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]),
      comment: z.string().nullable(),
      ratedAt: z.string(),
      /** portal: the petitioner online; phone, visit, letter: told to staff and recorded by them (回访). */
      channel: z.enum(["portal", "phone", "visit", "letter"]),
    })
    .nullable(),
  leadUnitId: z.string().nullable(),
  /** Where the review or reexamination request went (复查/复核机关), by name; null before any request. */
  appealBody: z.string().nullable(),
  abilities: z.array(z.string()),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZCaseRegisterResponse = ZCaseDetail.extend({ queryCode: z.string() });

export { CASE_LIST_SORTS, type CaseListSort } from "./case-list-sorts.ts";

const zBoolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const ZCaseListQuery = ZPage.extend({
  channel: z.enum(CHANNELS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  nature: z.enum(NATURES).optional(),
  categoryId: zUuid.optional(),
  regionCode: zRegionCode.optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  isCollective: zBoolQuery.optional(),
  isFirstPetition: zBoolQuery.optional(),
  /** Visits the upper level registered (其中登记), or did not. */
  upperRegistered: zBoolQuery.optional(),
  /** Rated cases whose rating came in this way (portal, or a follow-up by phone, visit or letter). */
  ratingChannel: z.enum(["portal", "phone", "visit", "letter"]).optional(),
  q: zText(1, 100).optional(),
  ...caseListStatsFilters,
  /** Order of the list: a field, '-' first for descending; newest first when absent. */
  sort: z.enum(CASE_LIST_SORTS).optional(),
  /** Filters on category fields (`amount_owed>=10000;employer~建设`): domain/fields/filters.ts. */
  fieldFilter: zFieldFilterParam.optional(),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

export const ZCaseListResponse = z.object({
  items: z.array(ZCaseSummary),
  /** Cases under the filter; with a keyword, when `totalIsExact` is false, there are more than this (1,000). */
  total: z.number(),
  totalIsExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

/** The bureau records or changes whom an accusation accuses (null clears it), with the reason. */
export const ZAccusedUnitRequest = z.object({ accusedUnitId: zUuid.nullable(), reason: zText(1, 2000) });
export type TAccusedUnitRequest = z.infer<typeof ZAccusedUnitRequest>;

/** The bureau office corrects the classification after registration: at least one field, and why. */
export const ZReclassifyRequest = z
  .object({
    nature: z.enum(NATURES).optional(),
    legalClass: z.enum(LEGAL_CLASSES).nullable().optional(),
    categoryId: zUuid.nullable().optional(),
    problemRegionCode: zRegionCode.optional(),
    /** 初信初访 (true) or 重复信访 (false): a repeat is the same person and the same matter. */
    isFirstPetition: z.boolean().optional(),
    reason: zText(1, 2000),
  })
  .refine(
    (b) =>
      b.nature !== undefined ||
      b.legalClass !== undefined ||
      b.categoryId !== undefined ||
      b.problemRegionCode !== undefined ||
      b.isFirstPetition !== undefined,
    {
      message:
        "至少调整一项：信访性质、法定分类、问题类别、问题属地或初信初访/重复信访 / change at least one field",
      path: ["nature"],
    },
  );
export type TReclassifyRequest = z.infer<typeof ZReclassifyRequest>;

/** Staff record the petitioner's rating given during a follow-up call (回访), at a visit or by letter. */
export const ZRecordRatingRequest = z.object({
  bureauRating: z.enum(RATINGS),
  unitRating: z.enum(RATINGS),
  channel: z.enum(["phone", "visit", "letter"]),
  comment: zText(1, 2000).optional(),
});
export type TRecordRatingRequest = z.infer<typeof ZRecordRatingRequest>;

/** The bureau decides whether an accusation stays confidential, with the reason. */
export const ZConfidentialityRequest = z.object({ isConfidential: z.boolean(), reason: zText(1, 2000) });
export type TConfidentialityRequest = z.infer<typeof ZConfidentialityRequest>;
