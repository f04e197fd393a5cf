/** API payloads of /api/warnings, shared by the routes (request and response schemas) and the web. */
import { z } from "zod";
import { zIsoDate, zText } from "../schemas/common.ts";
import { ZWarningSettings } from "./settings.ts";
import { WARNING_KINDS, WARNING_STATUSES } from "./types.ts";

export const ZWarningKind = z.enum(WARNING_KINDS);
export const ZWarningStatus = z.enum(WARNING_STATUSES);

const ZText2 = z.object({ zh: z.string(), en: z.string() });

export const ZWarning = z.object({
  id: z.string(),
  kind: ZWarningKind,
  status: ZWarningStatus,
  subject: z.string(),
  summary: ZText2,
  windowStart: z.string(),
  windowEnd: z.string(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  caseCount: z.number(),
  figures: z.record(z.string(), z.unknown()).nullable(),
  abilities: z.array(z.enum(["acknowledge", "follow_up", "close"])),
});

export const ZEvidenceCase = z.object({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  categoryName: z.string().nullable(),
  regionName: z.string().nullable(),
  destinationLevel: z.string().nullable(),
});

export const ZWarningDetail = ZWarning.extend({
  cases: z.array(ZEvidenceCase),
  followUps: z.array(z.object({ seq: z.number(), note: z.string(), actorName: z.string(), at: z.string() })),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});

export const ZWarningListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  kind: ZWarningKind.optional(),
  status: ZWarningStatus.optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});

export const ZScanResult = z.object({
  date: z.string(),
  raised: z.number(),
  updated: z.number(),
  byKind: z.record(z.string(), z.number()),
  digest: z.object({ date: z.string(), created: z.boolean() }),
});

export const ZFollowUpRequest = z.object({ note: zText(1, 2000) });
export const ZCloseRequest = z.object({ reason: zText(1, 2000) });

const ZKindCounts = z.record(ZWarningKind, z.number());
export const ZDigest = z.object({
  date: z.string(),
  generatedAt: z.string(),
  newByKind: ZKindCounts,
  openByKind: ZKindCounts,
  alerts: z.object({ warning: z.number(), breach: z.number() }),
  warnings: z.array(ZWarning.extend({ isNew: z.boolean() })),
});

export const ZPeriodRequest = z.object({
  name: zText(1, 100),
  startsOn: zIsoDate,
  endsOn: zIsoDate,
  note: zText(0, 500).nullable().optional(),
});
export const ZPeriod = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});

export const ZSettings = ZWarningSettings.extend({
  /** The per-case suggestions' safety words (warning.safety_words), also read by the threat scan. */
  safetyWords: z.array(z.string().trim().min(1).max(20)).max(200),
});
