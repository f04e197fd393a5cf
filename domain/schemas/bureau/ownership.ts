import { z } from "zod";
import { zIsoDate, zText, zUuid } from "../common.ts";
import { ZCaseRef, ZLeader } from "./reception.ts";

/** 包调查、包处理、包督办、包结案、包稳定. */
export const DUTIES = ["investigate", "handle", "supervise", "conclude", "stabilise"] as const;
export type Duty = (typeof DUTIES)[number];

export const ZOwnershipCreate = z
  .object({
    /** The first case is the primary one; the others are linked cases of the same matter. */
    caseIds: z.array(zUuid).min(1).max(50),
    ...ZLeader,
    leaderUserId: zUuid.optional(),
    responsibleUnitId: zUuid,
    plan: zText(1, 20000),
    targetDate: zIsoDate,
    duties: z
      .array(z.object({ duty: z.enum(DUTIES), ownerName: zText(1, 50), dueOn: zIsoDate }))
      .length(DUTIES.length),
    milestones: z
      .array(z.object({ title: zText(1, 200), dueOn: zIsoDate }))
      .max(100)
      .default([]),
  })
  .refine((o) => new Set(o.duties.map((d) => d.duty)).size === DUTIES.length, {
    message: "each of the five duties exactly once",
    path: ["duties"],
  })
  .refine((o) => new Set(o.caseIds).size === o.caseIds.length, {
    message: "a case twice",
    path: ["caseIds"],
  });
export type TOwnershipCreate = z.infer<typeof ZOwnershipCreate>;

export const OWNERSHIP_STATUSES = ["open", "resolved", "withdrawn"] as const;

export const ZOwnership = z.object({
  id: z.string(),
  status: z.enum(OWNERSHIP_STATUSES),
  leaderName: z.string(),
  leaderTitle: z.string(),
  leaderUserId: z.string().nullable(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string(),
  plan: z.string(),
  targetDate: z.string(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  cases: z.array(ZCaseRef.extend({ isPrimary: z.boolean() })),
  duties: z.array(
    z.object({
      duty: z.enum(DUTIES),
      ownerName: z.string(),
      dueOn: z.string(),
      doneAt: z.string().nullable(),
      doneNote: z.string().nullable(),
      isSlipped: z.boolean(),
    }),
  ),
  milestones: z.array(
    z.object({
      position: z.number(),
      title: z.string(),
      dueOn: z.string(),
      doneAt: z.string().nullable(),
      doneNote: z.string().nullable(),
      isSlipped: z.boolean(),
    }),
  ),
  notes: z.array(z.object({ seq: z.number(), at: z.string(), author: z.string(), text: z.string() })),
  createdAt: z.string(),
});

export const ZOwnershipSummary = ZOwnership.pick({
  id: true,
  status: true,
  leaderName: true,
  leaderTitle: true,
  responsibleUnitName: true,
  targetDate: true,
}).extend({ caseCount: z.number(), slipped: z.number(), dutiesDone: z.number() });

export const ZOwnershipListQuery = z.object({
  status: z.enum(OWNERSHIP_STATUSES).optional(),
  slipped: z.enum(["true", "false"]).optional(),
});

export const ZDone = z.object({ note: zText(1, 2000) });
export const ZNote = z.object({ text: zText(1, 5000) });
export const ZResolve = z.object({ resolution: zText(1, 5000) });

export const ZOwnershipFigures = z.object({
  owned: z.number(),
  open: z.number(),
  resolved: z.number(),
  withdrawn: z.number(),
  resolutionRate: z.number().nullable(),
  openWithSlippedMilestones: z.number(),
  byLeader: z.array(
    z.object({
      leaderName: z.string(),
      owned: z.number(),
      resolved: z.number(),
      resolutionRate: z.number().nullable(),
    }),
  ),
});
