import { z } from "zod";
import { zIsoDate, zIsoDateTime, zText, zUuid } from "../common.ts";
import { ZCaseRef } from "./reception.ts";

export const LOG_KINDS = ["call", "visit", "incident", "handover", "other"] as const;
const zDutyPhone = z
  .string()
  .trim()
  .regex(/^[0-9+() -]{3,30}$/, "a phone number");

export const ZShiftCreate = z.object({
  areaUnitId: zUuid,
  officerUserId: zUuid,
  dutyPhone: zDutyPhone,
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  periodName: zText(1, 100).optional(),
});

/** A 24-hour roster for a sensitive period: one shift a day from 08:30 Shanghai, officers in turn. */
export const ZRoster24 = z.object({
  areaUnitId: zUuid,
  from: zIsoDate,
  to: zIsoDate,
  periodName: zText(1, 100),
  officers: z
    .array(z.object({ userId: zUuid, dutyPhone: zDutyPhone }))
    .min(1)
    .max(50),
});

export const ZShift = z.object({
  id: z.string(),
  areaName: z.string(),
  officerUserId: z.string(),
  officerName: z.string(),
  dutyPhone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  periodName: z.string().nullable(),
  status: z.enum(["scheduled", "cancelled"]),
  log: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      kind: z.enum(LOG_KINDS),
      text: z.string(),
      case: ZCaseRef.nullable(),
      author: z.string(),
    }),
  ),
});

export const ZLogCreate = z.object({
  kind: z.enum(LOG_KINDS),
  text: zText(1, 5000),
  caseId: zUuid.optional(),
});

export const ZShiftRange = z.object({ from: zIsoDate.optional(), to: zIsoDate.optional() });

export const ZDutyFigures = z.object({
  shifts: z.number(),
  roundTheClockShifts: z.number(),
  logEntries: z.number(),
  calls: z.number(),
  visits: z.number(),
  incidents: z.number(),
  handovers: z.number(),
});
