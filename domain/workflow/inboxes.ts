import type { CaseAction } from "./transitions.ts";

/**
 * The staff inboxes: the awaited steps of "my to-dos" grouped the way a bureau divides the work —
 * intake (screen, accept), drafting the opinion, approval (签批), assignment to and handling by the
 * unit (交办、签收、办结报告), vetting (审核), reply (答复) and review (复查复核).
 */
export const INBOXES = {
  intake: ["screen", "accept"],
  drafting: ["draft_opinion"],
  approval: ["sign"],
  assignment: ["assign", "receive", "report_result"],
  vetting: ["vet_accept"],
  reply: ["reply"],
  review: ["accept_review", "decide_review", "accept_reexam", "decide_reexam"],
} as const satisfies Record<string, readonly CaseAction[]>;

export type Inbox = keyof typeof INBOXES;
export const INBOX_NAMES = Object.keys(INBOXES) as Inbox[];

/** The inbox an awaited step belongs to, or null for a step no inbox lists. */
export function inboxOf(step: CaseAction): Inbox | null {
  for (const name of INBOX_NAMES) {
    if ((INBOXES[name] as readonly CaseAction[]).includes(step)) return name;
  }
  return null;
}
