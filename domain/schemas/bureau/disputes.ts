import { z } from "zod";
import { zIsoDate, zText, zUuid } from "../common.ts";
import { ZCaseRef } from "./reception.ts";

export const DISPUTE_KINDS = [
  "neighbour",
  "wages",
  "land",
  "village_election",
  "family",
  "contract",
  "compensation",
  "environment",
  "other",
] as const;
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export const MEASURES = [
  "people_mediation",
  "judicial_mediation",
  "administrative_mediation",
  "other",
] as const;
export const DISPUTE_STATUSES = ["open", "handed_over", "resolved"] as const;

export const ZCampaignCreate = z.object({
  areaUnitId: zUuid,
  name: zText(1, 100),
  occasion: zText(1, 200).optional(),
  startsOn: zIsoDate,
  endsOn: zIsoDate,
});
export type TCampaignCreate = z.infer<typeof ZCampaignCreate>;

export const ZCampaign = z.object({
  id: z.string(),
  areaName: z.string(),
  name: z.string(),
  occasion: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  disputes: z.number(),
});

export const ZDisputeInput = z.object({
  kind: z.enum(DISPUTE_KINDS),
  parties: zText(1, 1000),
  place: zText(1, 200),
  summary: zText(1, 5000),
  riskLevel: z.enum(RISK_LEVELS),
  measure: z.enum(MEASURES),
  measuresText: zText(1, 2000).optional(),
});
export type TDisputeInput = z.infer<typeof ZDisputeInput>;

export const zPeriod = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");

export const ZReportCreate = z.object({
  areaUnitId: zUuid,
  period: zPeriod,
  campaignId: zUuid.optional(),
  note: zText(1, 2000).optional(),
  /** A report with no disputes is allowed: "nothing found this month" is a result too. */
  disputes: z.array(ZDisputeInput).max(500),
});
export type TReportCreate = z.infer<typeof ZReportCreate>;

/**
 * The mediation agreement (调解协议书) that settled a dispute, recorded on a case
 * (POST /api/cases/:id/mediations with the dispute): shown only to a reader of that case.
 */
export const ZDisputeAgreement = z.object({
  id: z.string(),
  /** The case number and the agreement's place among the case's agreements: 〔case〕-1. */
  number: z.string(),
  signedOn: z.string(),
  parties: z.array(z.object({ name: z.string(), role: z.string() })),
  /** The terms' first 120 characters (the document has them all). */
  termsSummary: z.string(),
  mediator: z.string(),
  case: ZCaseRef,
  /** The 调解协议书 issued with it, downloaded through the case's documents. */
  document: z.object({ id: z.string(), title: z.string(), hasPdf: z.boolean() }).nullable(),
});
export type TDisputeAgreement = z.infer<typeof ZDisputeAgreement>;

export const ZDispute = z.object({
  id: z.string(),
  reportId: z.string(),
  areaName: z.string(),
  period: z.string(),
  campaignId: z.string().nullable(),
  kind: z.enum(DISPUTE_KINDS),
  parties: z.string(),
  place: z.string(),
  summary: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  measure: z.enum(MEASURES),
  measuresText: z.string().nullable(),
  status: z.enum(DISPUTE_STATUSES),
  handedUnitName: z.string().nullable(),
  handedQuarter: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  case: ZCaseRef.nullable(),
  clearedYear: z.number().nullable(),
  agreement: ZDisputeAgreement.nullable(),
});

export const ZReport = z.object({
  id: z.string(),
  areaName: z.string(),
  period: z.string(),
  campaignId: z.string().nullable(),
  note: z.string().nullable(),
  disputes: z.array(ZDispute),
});

export const ZDisputeFiguresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});

export const ZDisputeListQuery = z.object({
  status: z.enum(DISPUTE_STATUSES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  campaignId: zUuid.optional(),
});

export const ZResolveDispute = z.object({ resolution: zText(1, 5000), measure: z.enum(MEASURES).optional() });
export const ZLinkCase = z.object({ caseId: zUuid });

export const zQuarter = z.string().regex(/^[0-9]{4}Q[1-4]$/, "YYYYQn");
export const ZHandover = z.object({
  quarter: zQuarter,
  items: z
    .array(z.object({ disputeId: zUuid, unitId: zUuid }))
    .min(1)
    .max(500),
});
export type THandover = z.infer<typeof ZHandover>;

export const ZClearance = z.object({
  areaUnitId: zUuid,
  year: z.number().int().min(2000).max(2100),
  note: zText(1, 2000).optional(),
});
export const ZClearanceAnswer = z.object({
  areaUnitId: z.string(),
  year: z.number(),
  signedBy: z.string(),
  signedAt: z.string(),
  cleared: z.number(),
  carriedOver: z.number(),
});

export const ZDisputeFigures = z.object({
  year: z.number().nullable(),
  screened: z.number(),
  resolved: z.number(),
  handedOver: z.number(),
  open: z.number(),
  highRisk: z.number(),
  linkedCases: z.number(),
  resolutionRate: z.number().nullable(),
  byTownship: z.array(
    z.object({
      areaName: z.string(),
      screened: z.number(),
      resolved: z.number(),
      resolutionRate: z.number().nullable(),
    }),
  ),
  byKind: z.array(z.object({ kind: z.enum(DISPUTE_KINDS), screened: z.number(), resolved: z.number() })),
  byCampaign: z.array(z.object({ campaignId: z.string(), name: z.string(), screened: z.number() })),
});
