import { z } from "zod";
import { zIsoDate, zText, zUuid } from "../common.ts";
import { ZCaseRef } from "./reception.ts";

export const ITEM_KINDS = ["reminder", "order", "flag"] as const;
export const ITEM_STATUSES = ["sent", "issued", "replied", "closed", "active", "lifted"] as const;

export const ZReminderCreate = z.object({
  caseId: zUuid,
  /** Defaults to the case's lead handling unit. */
  unitId: zUuid.optional(),
  text: zText(1, 5000),
});
export const ZOrderCreate = z.object({
  caseId: zUuid,
  unitId: zUuid.optional(),
  requirements: zText(1, 5000),
  /** Defaults to the rule pack's supervisionReply limit from today. */
  replyDueOn: zIsoDate.optional(),
});
export const ZFlagCreate = z.object({
  caseId: zUuid,
  unitId: zUuid.optional(),
  reason: zText(1, 5000),
  leaderName: zText(1, 50),
});
export const ZText = z.object({ text: zText(1, 20000) });
export const ZReason = z.object({ reason: zText(1, 2000) });

export const ZItem = z.object({
  id: z.string(),
  kind: z.enum(ITEM_KINDS),
  case: ZCaseRef.nullable(),
  unitId: z.string(),
  unitName: z.string(),
  orderNumber: z.string().nullable(),
  text: z.string(),
  leaderName: z.string().nullable(),
  replyDueOn: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  isReplyLate: z.boolean().nullable(),
  isOverdue: z.boolean(),
  closeNote: z.string().nullable(),
  createdAt: z.string(),
});

export const ZItemListQuery = z.object({
  kind: z.enum(ITEM_KINDS).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  caseId: zUuid.optional(),
});

export const ZBulletinDraft = z.object({
  areaUnitId: zUuid,
  from: zIsoDate,
  to: zIsoDate,
  title: zText(1, 200).optional(),
  remarks: zText(1, 5000).optional(),
});

export const ZBulletinEntry = z.object({
  unitId: z.string(),
  unitName: z.string(),
  assigned: z.number(),
  overdue: z.number(),
  rated: z.number(),
  dissatisfied: z.number(),
  satisfactionRate: z.number().nullable(),
  verdict: z.enum(["praise", "criticism", "none"]),
});
export type TBulletinEntry = z.infer<typeof ZBulletinEntry>;

export const ZBulletin = z.object({
  id: z.string(),
  bulletinNumber: z.string().nullable(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  entries: z.array(ZBulletinEntry),
  remarks: z.string().nullable(),
  status: z.enum(["draft", "issued"]),
  issuedAt: z.string().nullable(),
  cases: z.array(ZCaseRef.extend({ reason: z.enum(["overdue", "dissatisfied"]) })),
});

export const ZSupervisionFigures = z.object({
  reminders: z.number(),
  orders: z.number(),
  ordersReplied: z.number(),
  ordersRepliedOnTime: z.number(),
  ordersOverdue: z.number(),
  onTimeReplyRate: z.number().nullable(),
  flagsActive: z.number(),
  flagsLifted: z.number(),
  bulletinsIssued: z.number(),
});
