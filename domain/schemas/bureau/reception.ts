import { z } from "zod";
import { LEGAL_CLASSES, NATURES } from "../../workflow/statuses.ts";
import { zIsoDate, zRegionCode, zText, zUuid } from "../common.ts";

export const ZCaseRef = z.object({
  id: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: z.string(),
});

export const ZLeader = { leaderName: zText(1, 50), leaderTitle: zText(1, 50) };

export const ZReceptionDayCreate = z.object({
  areaUnitId: zUuid,
  date: zIsoDate,
  ...ZLeader,
  place: zText(1, 100),
  capacity: z.number().int().min(0).max(500).default(10),
  note: zText(0, 1000).optional(),
});
export type TReceptionDayCreate = z.infer<typeof ZReceptionDayCreate>;

export const ZReceptionDay = z.object({
  id: z.string(),
  areaUnitId: z.string(),
  areaName: z.string(),
  date: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  place: z.string(),
  capacity: z.number(),
  booked: z.number(),
  note: z.string().nullable(),
  status: z.enum(["scheduled", "cancelled"]),
});

/** Why a day or a visit is cancelled. */
export const ZCancelReason = z.object({ reason: zText(1, 500) });

export const ZDateRange = z.object({ from: zIsoDate.optional(), to: zIsoDate.optional() });

export const ZAppointmentCreate = z.object({
  dayId: zUuid,
  name: zText(1, 50),
  phone: z.string().trim().min(1).max(30),
  idNumber: z.string().trim().max(30).optional(),
  matter: zText(1, 2000),
  headcount: z.number().int().min(1).max(1000).default(1),
  caseId: zUuid.optional(),
});
export type TAppointmentCreate = z.infer<typeof ZAppointmentCreate>;

export const ZPublicAppointmentCreate = ZAppointmentCreate.omit({ caseId: true }).extend({
  consentPrivacy: z.literal(true),
});

/** What a citizen is told: where and when, never anyone's personal data. */
export const ZPublicAppointmentAnswer = z.object({
  appointmentNumber: z.string(),
  queryCode: z.string().optional(),
  status: z.enum(["booked", "cancelled", "received", "no_show"]),
  date: z.string(),
  place: z.string(),
  leaderTitle: z.string(),
});

export const ZPublicAppointmentLookup = z.object({
  appointmentNumber: z.string().trim().min(1).max(40),
  queryCode: z.string().trim().min(1).max(40),
});

export const ZPublicReceptionDay = z.object({
  id: z.string(),
  date: z.string(),
  areaName: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  place: z.string(),
  remaining: z.number(),
});

export const ZAppointment = z.object({
  id: z.string(),
  dayId: z.string(),
  appointmentNumber: z.string(),
  source: z.enum(["staff", "public"]),
  name: z.string(),
  phone: z.string(),
  idNumber: z.string().nullable(),
  matter: z.string(),
  headcount: z.number(),
  case: ZCaseRef.nullable(),
  status: z.enum(["booked", "cancelled", "received", "no_show"]),
  recordId: z.string().nullable(),
});

export const OUTCOMES = ["resolved_on_spot", "assigned", "explained", "pending"] as const;

export const ZReceptionMatterInput = z
  .object({
    summary: zText(1, 2000),
    outcome: z.enum(OUTCOMES),
    assignedUnitId: zUuid.optional(),
    instruction: zText(1, 2000).optional(),
    /** Link an existing case the actor may read. */
    caseId: zUuid.optional(),
    /** Or open a new visit case through the registration command. */
    newCase: z
      .object({
        title: zText(1, 200),
        content: zText(1, 20000),
        problemRegionCode: zRegionCode,
        nature: z.enum(NATURES).optional(),
        legalClass: z.enum(LEGAL_CLASSES).optional(),
        categoryId: zUuid.optional(),
        /** Positions in the record's petitioner list: they become the case's petitioners. */
        petitioners: z.array(z.number().int().min(0).max(999)).min(1).max(200),
        /**
         * The case's 批次 and 人次. Unset: the record's own figures when this is the record's only new
         * case (a reception of 2批9人次 about one matter is a case of 2批9人次), else 1 batch and
         * one person-visit per petitioner of the matter.
         */
        batchCount: z.number().int().min(1).max(1000).optional(),
        personVisits: z.number().int().min(1).max(100000).optional(),
      })
      .optional(),
  })
  .refine((m) => !(m.caseId && m.newCase), { message: "either caseId or newCase, not both" })
  .refine((m) => (m.outcome === "assigned") === (m.assignedUnitId !== undefined), {
    message: "assignedUnitId is required exactly when the outcome is 'assigned'",
  });

export const ZReceptionRecordCreate = z.object({
  dayId: zUuid.optional(),
  areaUnitId: zUuid,
  receivedOn: zIsoDate,
  ...ZLeader,
  place: zText(1, 100),
  batchCount: z.number().int().min(1).max(1000),
  personVisits: z.number().int().min(1).max(100000),
  summary: zText(1, 5000),
  petitioners: z
    .array(
      z.object({
        name: zText(1, 50),
        idNumber: z.string().trim().max(30).optional(),
        phone: z.string().trim().max(30).optional(),
      }),
    )
    .min(1)
    .max(200),
  matters: z.array(ZReceptionMatterInput).min(1).max(100),
  appointmentIds: z.array(zUuid).max(100).default([]),
});
export type TReceptionRecordCreate = z.infer<typeof ZReceptionRecordCreate>;

export const ZReceptionRecord = z.object({
  id: z.string(),
  dayId: z.string().nullable(),
  areaUnitId: z.string(),
  areaName: z.string(),
  receivedOn: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  place: z.string(),
  batchCount: z.number(),
  personVisits: z.number(),
  summary: z.string(),
  petitioners: z.array(
    z.object({
      position: z.number(),
      name: z.string(),
      idNumber: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  matters: z.array(
    z.object({
      position: z.number(),
      summary: z.string(),
      caseOrigin: z.enum(["new", "linked", "none"]),
      case: ZCaseRef.nullable(),
      outcome: z.enum(OUTCOMES),
      assignedUnitId: z.string().nullable(),
      instruction: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
});

export const ZOutreachCreate = z.object({
  areaUnitId: zUuid,
  visitDate: zIsoDate,
  ...ZLeader,
  purpose: zText(1, 2000),
  caseIds: z.array(zUuid).max(100).default([]),
});
export type TOutreachCreate = z.infer<typeof ZOutreachCreate>;

export const ZOutreachComplete = z.object({
  batchCount: z.number().int().min(0).max(1000),
  personVisits: z.number().int().min(0).max(100000),
  resultSummary: zText(1, 5000),
  results: z
    .array(z.object({ caseId: zUuid, result: zText(1, 2000), isResolved: z.boolean() }))
    .max(100)
    .default([]),
});
export type TOutreachComplete = z.infer<typeof ZOutreachComplete>;

export const ZOutreach = z.object({
  id: z.string(),
  areaUnitId: z.string(),
  areaName: z.string(),
  visitDate: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  purpose: z.string(),
  status: z.enum(["planned", "done", "cancelled"]),
  batchCount: z.number().nullable(),
  personVisits: z.number().nullable(),
  resultSummary: z.string().nullable(),
  cases: z.array(
    z.object({ case: ZCaseRef, result: z.string().nullable(), isResolved: z.boolean().nullable() }),
  ),
});

export const ZReceptionFigures = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  days: z.number(),
  appointments: z.object({
    booked: z.number(),
    received: z.number(),
    noShow: z.number(),
    cancelled: z.number(),
  }),
  receptions: z.object({
    records: z.number(),
    batches: z.number(),
    personVisits: z.number(),
    matters: z.number(),
    resolvedOnSpot: z.number(),
    assigned: z.number(),
    newCases: z.number(),
    linkedCases: z.number(),
  }),
  outreach: z.object({
    visits: z.number(),
    withCases: z.number(),
    batches: z.number(),
    personVisits: z.number(),
    casesCarried: z.number(),
    casesResolved: z.number(),
  }),
});

/** A reception record's row in the list. */
export const ZReceptionRecordSummary = ZReceptionRecord.pick({
  id: true,
  areaName: true,
  receivedOn: true,
  leaderName: true,
  leaderTitle: true,
  place: true,
  batchCount: true,
  personVisits: true,
}).extend({ matters: z.number() });

/** An outreach visit's row in the list. */
export const ZOutreachSummary = ZOutreach.omit({ cases: true }).extend({ caseCount: z.number() });
