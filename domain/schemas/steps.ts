/**
 * The steps beside a case's main line: reports up of a major or urgent matter (条例 第二十五条) and
 * the instructions received back, hearings (听证), mediation agreements (调解协议书).
 */
import { z } from "zod";
import { zIsoDate, zIsoDateTime, zText, zUuid } from "./common.ts";

export const REPORT_RECIPIENTS = {
  party_committee: {
    zh: "本级党委",
    en: "Party committee at the same level",
    title: (c: string) => `中共${c}委员会`,
  },
  government: { zh: "本级政府", en: "Government at the same level", title: (c: string) => `${c}人民政府` },
  upper_bureau: { zh: "上级信访工作机构", en: "The upper petition bureau", title: () => "上级信访工作机构" },
} as const;
export type ReportRecipient = keyof typeof REPORT_RECIPIENTS;
export const REPORT_RECIPIENT_NAMES = Object.keys(REPORT_RECIPIENTS) as [
  ReportRecipient,
  ...ReportRecipient[],
];
const recipientNames = REPORT_RECIPIENT_NAMES;

export const HEARING_PARTICIPANT_ROLES = {
  petitioner: { zh: "信访人", en: "Petitioner" },
  unit: { zh: "有关单位", en: "Unit concerned" },
  third_party: { zh: "第三方", en: "Third party" },
} as const;
export type HearingParticipantRole = keyof typeof HEARING_PARTICIPANT_ROLES;
const participantRoles = Object.keys(HEARING_PARTICIPANT_ROLES) as [
  HearingParticipantRole,
  ...HearingParticipantRole[],
];

export const ZReportUpRequest = z.strictObject({
  recipients: z.array(z.enum(recipientNames)).min(1).max(3),
  content: zText(1, 5000),
});
export const ZInstructionRequest = z.strictObject({
  instructedBy: zText(1, 100),
  instructedAt: zIsoDateTime,
  content: zText(1, 5000),
});

export const ZHearingParticipant = z.strictObject({
  role: z.enum(participantRoles),
  name: zText(1, 100),
});
export type HearingParticipant = z.infer<typeof ZHearingParticipant>;

export const ZHearingScheduleRequest = z.strictObject({
  startsAt: zIsoDateTime,
  place: zText(1, 200),
  host: zText(1, 100),
  participants: z.array(ZHearingParticipant).min(1).max(50),
});
export const ZHearingRecordRequest = z.strictObject({
  heldOn: zIsoDate,
  record: zText(1, 20000),
  outcome: zText(1, 5000),
});
export const ZHearingCancelRequest = z.strictObject({ reason: zText(1, 2000) });
/** A new time (and, if it changes, place or host) for a hearing still waiting, with the reason. */
export const ZHearingRescheduleRequest = z.strictObject({
  startsAt: zIsoDateTime,
  place: zText(1, 200).optional(),
  host: zText(1, 100).optional(),
  reason: zText(1, 2000),
});

export const ZMediationParty = z.strictObject({ name: zText(1, 100), role: zText(1, 50) });
export type MediationParty = z.infer<typeof ZMediationParty>;
export const ZMediationRequest = z.strictObject({
  parties: z.array(ZMediationParty).min(2).max(50),
  terms: zText(1, 20000),
  signedOn: zIsoDate,
  mediator: zText(1, 100),
  disputeId: zUuid.optional(),
});

const ZDocRef = z.object({ id: z.string(), title: z.string(), hasPdf: z.boolean() }).nullable();

export const ZReportUp = z.object({
  id: z.string(),
  recipients: z.array(z.enum(recipientNames)),
  content: z.string(),
  reportedAt: z.string(),
  dueAt: z.string(),
  onTime: z.boolean(),
  reportedBy: z.string(),
  document: ZDocRef,
  instructions: z.array(
    z.object({
      id: z.string(),
      instructedBy: z.string(),
      instructedAt: z.string(),
      content: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

export const ZClockMove = z.object({
  clock: z.string(),
  step: z.string(),
  days: z.number(),
  fromDue: z.string(),
  toDue: z.string(),
});

export const ZHearing = z.object({
  id: z.string(),
  status: z.enum(["scheduled", "held", "cancelled"]),
  scheduledOn: z.string(),
  startsAt: z.string(),
  place: z.string(),
  host: z.string(),
  participants: z.array(ZHearingParticipant),
  heldOn: z.string().nullable(),
  record: z.string().nullable(),
  outcome: z.string().nullable(),
  cancelReason: z.string().nullable(),
  clockMoves: z.array(ZClockMove),
  notice: ZDocRef,
  recordDocument: ZDocRef,
});

export const ZMediation = z.object({
  id: z.string(),
  parties: z.array(ZMediationParty),
  terms: z.string(),
  signedOn: z.string(),
  mediator: z.string(),
  disputeId: z.string().nullable(),
  document: ZDocRef,
});

/** The report-up clock of a major or urgent case: from registration, in the rule pack's hours. */
export const ZReportUpClock = z.object({
  required: z.boolean(),
  withinHours: z.number(),
  dueAt: z.string(),
  state: z.enum(["ok", "overdue", "met", "breached"]),
});

/**
 * The year's reports up over the cases the reader sees (GET /api/cases/reports-up/figures): how
 * many, on time within the rule pack's hours (as each was judged when made) and late, by
 * recipient, and the instructions received back.
 */
export const ZReportUpFigures = z.object({
  year: z.number(),
  /** The current rule pack's hours from registration. */
  withinHours: z.number(),
  reports: z.number(),
  onTime: z.number(),
  late: z.number(),
  /** Distinct cases reported. */
  cases: z.number(),
  /** Reports that received at least one instruction back. */
  instructed: z.number(),
  /** Instructions received back, in all. */
  instructions: z.number(),
  byRecipient: z.array(
    z.object({ recipient: z.enum(recipientNames), reports: z.number(), onTime: z.number() }),
  ),
});
export type TReportUpFigures = z.infer<typeof ZReportUpFigures>;

export const ZCaseSteps = z.object({
  reportUpClock: ZReportUpClock,
  reportsUp: z.array(ZReportUp),
  hearings: z.array(ZHearing),
  mediations: z.array(ZMediation),
  abilities: z.object({
    reportUp: z.boolean(),
    recordInstruction: z.boolean(),
    hearing: z.boolean(),
    mediation: z.boolean(),
  }),
});
export type TCaseSteps = z.infer<typeof ZCaseSteps>;
