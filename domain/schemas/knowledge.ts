import { z } from "zod";
import { zIsoDate, zIsoDateTime, zText, zUuid } from "./common.ts";

/** policy: 政策解答; model_reply: 答复范本; template: a 处理意见书 text saved from a case (never public). */
export const KNOWLEDGE_KINDS = ["policy", "model_reply", "template"] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

/** Which entries a list shows: in force today, expired (or not yet in force), archived, or all. */
export const KNOWLEDGE_STATES = ["current", "expired", "archived", "all"] as const;

const zOptionalText = (max: number) => zText(0, max).nullable().optional();

/** The editable content of an entry, as created. */
export const ZKnowledgeEntryInput = z.object({
  categoryId: zUuid,
  kind: z.enum(KNOWLEDGE_KINDS),
  title: zText(1, 200),
  body: zText(1, 20000),
  legalBasis: zOptionalText(2000),
  validFrom: zIsoDate.nullable().optional(),
  validUntil: zIsoDate.nullable().optional(),
  ownerUnitId: zUuid.nullable().optional(),
  isPublic: z.boolean().default(false),
});
export type TKnowledgeEntryInput = z.infer<typeof ZKnowledgeEntryInput>;

/** A change: the version the editor started from (a stale one is 409), and the content. */
export const ZKnowledgeEntryUpdate = ZKnowledgeEntryInput.extend({
  version: z.number().int().min(1),
  isArchived: z.boolean().default(false),
});
export type TKnowledgeEntryUpdate = z.infer<typeof ZKnowledgeEntryUpdate>;

export const ZKnowledgeRestore = z.object({
  /** The version whose content becomes the newest version. */
  fromVersion: z.number().int().min(1),
  /** The version the editor saw as newest. */
  version: z.number().int().min(1),
});

export const ZKnowledgeListQuery = z.object({
  q: zText(0, 200).optional(),
  categoryId: zUuid.optional(),
  kind: z.enum(KNOWLEDGE_KINDS).optional(),
  state: z.enum(KNOWLEDGE_STATES).default("current"),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TKnowledgeListQuery = z.infer<typeof ZKnowledgeListQuery>;

export const ZKnowledgeEntry = z.object({
  id: zUuid,
  categoryId: zUuid,
  categoryName: z.string(),
  categoryNameEn: z.string(),
  kind: z.enum(KNOWLEDGE_KINDS),
  title: z.string(),
  body: z.string(),
  legalBasis: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  ownerUnitId: zUuid.nullable(),
  ownerUnitName: z.string().nullable(),
  isPublic: z.boolean(),
  isArchived: z.boolean(),
  /** In force on the working calendar's date: not archived, from ≤ today ≤ until. */
  isCurrent: z.boolean(),
  version: z.number().int(),
  updatedAt: zIsoDateTime,
  updatedByName: z.string().nullable(),
});
export type TKnowledgeEntry = z.infer<typeof ZKnowledgeEntry>;

export const ZKnowledgeList = z.object({
  items: z.array(ZKnowledgeEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZKnowledgeVersion = z.object({
  version: z.number().int(),
  change: z.enum(["create", "update", "restore"]),
  restoredFrom: z.number().int().nullable(),
  categoryId: zUuid,
  categoryName: z.string(),
  kind: z.enum(KNOWLEDGE_KINDS),
  title: z.string(),
  body: z.string(),
  legalBasis: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  isPublic: z.boolean(),
  isArchived: z.boolean(),
  changedAt: zIsoDateTime,
  changedByName: z.string().nullable(),
});
export const ZKnowledgeHistory = z.object({ items: z.array(ZKnowledgeVersion) });
export type TKnowledgeVersion = z.infer<typeof ZKnowledgeVersion>;

/** Which field of which step the handler is drafting. */
export const SUGGESTION_FIELDS = ["opinion", "reply"] as const;

export const ZSuggestionQuery = z.object({
  caseId: zUuid,
  field: z.enum(SUGGESTION_FIELDS).default("reply"),
  /** Extra words (what the handler has typed so far); the case's own title and content always count. */
  q: zText(0, 2000).optional(),
});

/** An answered case like this one: its reply, outcome and rating, and no one's personal data. */
export const ZCaseSuggestion = z.object({
  caseId: zUuid,
  caseNumber: z.string(),
  /** The title with the petitioners' names, addresses, ID and phone numbers taken out. */
  title: z.string(),
  replyOpinion: z.enum(["support", "explain", "not_support"]).nullable(),
  replyText: z.string(),
  legalBasis: z.string().nullable(),
  repliedAt: z.string().nullable(),
  bureauRating: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]).nullable(),
  unitRating: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]).nullable(),
  /** Cosine similarity of the two petitions' jieba words, 0–1. */
  similarity: z.number(),
});
export type TCaseSuggestion = z.infer<typeof ZCaseSuggestion>;

export const ZEntrySuggestion = z.object({
  id: zUuid,
  kind: z.enum(KNOWLEDGE_KINDS),
  title: z.string(),
  body: z.string(),
  legalBasis: z.string().nullable(),
  validUntil: z.string().nullable(),
  similarity: z.number(),
});
export type TEntrySuggestion = z.infer<typeof ZEntrySuggestion>;

export const ZSuggestions = z.object({
  categoryId: zUuid.nullable(),
  categoryName: z.string().nullable(),
  cases: z.array(ZCaseSuggestion),
  entries: z.array(ZEntrySuggestion),
});
export type TSuggestions = z.infer<typeof ZSuggestions>;

/** Save the reply being drafted as a template of the case's category. */
export const ZTemplateSave = z.object({
  caseId: zUuid,
  title: zText(1, 200),
  body: zText(1, 20000),
  legalBasis: zOptionalText(2000),
});

export const ZPortalFigureQuery = z.object({
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});
export const ZPortalFigure = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Visits that opened at least one answer. */
  visits: z.number().int(),
  /** …of which submitted a petition afterwards. */
  submitted: z.number().int(),
  /** …and did not (visits older than the settling window only). */
  viewedNotSubmitted: z.number().int(),
  /** Visits still inside the settling window, counted in neither. */
  inProgress: z.number().int(),
});
export type TPortalFigure = z.infer<typeof ZPortalFigure>;

// ---- the citizens' portal ----

export const ZPublicCategory = z.object({
  id: zUuid,
  parentId: zUuid.nullable(),
  name: z.string(),
  nameEn: z.string(),
  answers: z.number().int(),
});
export const ZPublicCategories = z.object({ items: z.array(ZPublicCategory) });
export type TPublicCategory = z.infer<typeof ZPublicCategory>;

export const ZPublicAnswer = z.object({
  id: zUuid,
  title: z.string(),
  body: z.string(),
  legalBasis: z.string().nullable(),
  updatedOn: z.string(),
});
export const ZPublicAnswers = z.object({ items: z.array(ZPublicAnswer) });
export type TPublicAnswer = z.infer<typeof ZPublicAnswer>;

/** Without a category: every public answer (the portal's whole 常见问题 page). */
export const ZPublicAnswerQuery = z.object({ categoryId: zUuid.optional() });

/** An answer opened on the portal, with the visit's random token (made by the page, kept in memory). */
export const ZPublicAnswerOpened = z.object({ visitToken: zUuid, entryId: zUuid });
export const ZPublicVisitToken = z.object({ visitToken: zUuid });
