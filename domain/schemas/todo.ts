import { z } from "zod";
import { INBOX_NAMES } from "../workflow/inboxes.ts";
import { CASE_STATUSES } from "../workflow/statuses.ts";
import { CASE_ACTIONS } from "../workflow/transitions.ts";

/** "My to-dos" (GET /api/todos): the cases waiting for the current user's step. */
export const ZDueState = z.enum(["overdue", "due_soon", "ok", "none"]);

export type TDueState = z.infer<typeof ZDueState>;

export const ZTodoItem = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  /** The step the case waits for from this user (a workflow action, or `refer_appeal`). */
  awaitedStep: z.enum([...CASE_ACTIONS, "refer_appeal"]),
  receivedAt: z.string(),
  /** The earliest running clock of the case, if any. */
  dueOn: z.string().nullable(),
  clock: z.string().nullable(),
  clockStep: z.string().nullable(),
  dueState: ZDueState,
  /** The due date counts days of a year whose 调休 are not confirmed yet: it may still move. */
  provisional: z.boolean(),
  /** The inbox (intake, approval, assignment, vetting, reply …) the awaited step belongs to. */
  inbox: z.enum(INBOX_NAMES),
});

export const ZTodoResponse = z.object({
  items: z.array(ZTodoItem),
  total: z.number(),
  overdue: z.number(),
  dueSoon: z.number(),
  today: z.string(),
  dueSoonDays: z.number(),
  /** The last day that still counts as due soon: `dueSoonDays` working days after today. */
  dueSoonUntil: z.string(),
  /** The to-dos in each inbox, over the whole list (not only the items returned). */
  inboxes: z.record(z.enum(INBOX_NAMES), z.number()),
});
export type TTodoResponse = z.infer<typeof ZTodoResponse>;
