import { z } from "zod";
import { zText, zUuid } from "../common.ts";
import { ZCaseRef } from "./reception.ts";

export const BACKLOG_REASONS = ["long_open", "repeats", "reopened", "other"] as const;
export const CLEARANCE_ROUTES = ["outreach", "ownership", "handling", "joint_conference", "other"] as const;

export const ZSuggestion = z.object({
  case: ZCaseRef,
  reasons: z.array(z.enum(BACKLOG_REASONS)),
  openDays: z.number(),
  repeats: z.number(),
});

export const ZBacklogMark = z.object({
  caseId: zUuid,
  /** Left out: the rule's own reasons for the case (or 'other' when the rule does not apply). */
  reasons: z.array(z.enum(BACKLOG_REASONS)).min(1).max(4).optional(),
  note: zText(1, 2000).optional(),
});

export const ZBacklogClear = z.object({ route: z.enum(CLEARANCE_ROUTES), clearance: zText(1, 5000) });

export const ZBacklogListQuery = z.object({ status: z.enum(["open", "cleared"]).optional() });
export const ZBacklogFiguresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const ZBacklogCase = z.object({
  case: ZCaseRef,
  reasons: z.array(z.enum(BACKLOG_REASONS)),
  note: z.string().nullable(),
  markedAt: z.string(),
  status: z.enum(["open", "cleared"]),
  clearedAt: z.string().nullable(),
  clearanceRoute: z.enum(CLEARANCE_ROUTES).nullable(),
  clearance: z.string().nullable(),
});

export const ZBacklogFigures = z.object({
  year: z.number(),
  yearStartStock: z.number(),
  added: z.number(),
  cleared: z.number(),
  clearedByRoute: z.record(z.string(), z.number()),
  yearEndStock: z.number(),
});
