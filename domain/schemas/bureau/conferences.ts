import { z } from "zod";
import { zIsoDate, zText, zUuid } from "../common.ts";
import { ZCaseRef } from "./reception.ts";

export const ZConferenceCreate = z.object({
  /** The county, township or village the meeting is convened for. */
  areaUnitId: zUuid,
  title: zText(1, 200),
  meetingOn: zIsoDate,
  place: zText(1, 200),
  chairName: zText(1, 100),
  /** Officials attending: a unit (optional) and a name with title as text. Never petitioners. */
  attendees: z
    .array(z.object({ unitId: zUuid.optional(), name: zText(1, 100) }))
    .min(1)
    .max(200),
  agenda: z
    .array(z.object({ topic: zText(1, 500), caseId: zUuid.optional() }))
    .min(1)
    .max(100),
});
export type TConferenceCreate = z.infer<typeof ZConferenceCreate>;

export const ZMinutes = z.object({
  summary: zText(1, 20000),
  decisions: z
    .array(z.object({ text: zText(1, 5000), unitId: zUuid, dueOn: zIsoDate, caseId: zUuid.optional() }))
    .max(100),
});
export type TMinutes = z.infer<typeof ZMinutes>;

export const ZProgress = z.object({ text: zText(1, 5000), done: z.boolean().default(false) });
export const ZCancel = z.object({ reason: zText(1, 2000) });

export const ZDecision = z.object({
  id: z.string(),
  conferenceId: z.string(),
  conferenceTitle: z.string(),
  position: z.number(),
  text: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueOn: z.string(),
  case: ZCaseRef.nullable(),
  status: z.enum(["open", "done"]),
  doneAt: z.string().nullable(),
  isOverdue: z.boolean(),
  isDoneLate: z.boolean().nullable(),
  notes: z.array(
    z.object({ seq: z.number(), at: z.string(), author: z.string(), text: z.string(), isDone: z.boolean() }),
  ),
});

export const ZConference = z.object({
  id: z.string(),
  areaUnitId: z.string(),
  areaName: z.string(),
  title: z.string(),
  meetingOn: z.string(),
  place: z.string(),
  chairName: z.string(),
  status: z.enum(["planned", "held", "cancelled"]),
  summary: z.string().nullable(),
  heldAt: z.string().nullable(),
  attendees: z.array(
    z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), name: z.string() }),
  ),
  agenda: z.array(z.object({ position: z.number(), topic: z.string(), case: ZCaseRef.nullable() })),
  decisions: z.array(ZDecision),
  createdAt: z.string(),
});

export const ZConferenceSummary = z.object({
  id: z.string(),
  title: z.string(),
  areaName: z.string(),
  meetingOn: z.string(),
  status: z.enum(["planned", "held", "cancelled"]),
  decisions: z.number(),
  openDecisions: z.number(),
});

export const ZConferenceListQuery = z.object({
  status: z.enum(["planned", "held", "cancelled"]).optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});
export const ZDecisionListQuery = z.object({
  status: z.enum(["open", "done"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});

export const ZConferenceFigures = z.object({
  meetingsHeld: z.number(),
  meetingsPlanned: z.number(),
  agendaCases: z.number(),
  decisions: z.number(),
  decisionsDone: z.number(),
  decisionsDoneOnTime: z.number(),
  decisionsOverdue: z.number(),
  doneRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
