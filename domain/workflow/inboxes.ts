import type { CaseAction } from "./transitions.ts";

/**
 * The staff inboxes: the awaited steps of "my to-dos" grouped the way a bureau divides the work —
 * intake (screen, accept), drafting the opinion, approval (签批), assignment to and handling by the
 * unit (交办、签收、办结报告), vetting (审核), reply (答复) and review (复查复核).
 */
/**
 * A step "my to-dos" waits for: a workflow action, or the referral of a review or reexamination
 * request whose body is outside the network (转交系统外机关; the office records it, nothing accepts it).
 */
export type AwaitedStep = CaseAction | "refer_appeal";

export const INBOXES = {
  intake: ["screen", "accept"],
  drafting: ["draft_opinion"],
  approval: ["sign"],
  assignment: ["assign", "receive", "report_result"],
  vetting: ["vet_accept"],
  reply: ["reply"],
  review: ["accept_review", "decide_review", "accept_reexam", "decide_reexam", "refer_appeal"],
} as const satisfies Record<string, readonly AwaitedStep[]>;

export type Inbox = keyof typeof INBOXES;
export const INBOX_NAMES = Object.keys(INBOXES) as Inbox[];

/** The inbox an awaited step belongs to, or null for a step no inbox lists. */
export function inboxOf(step: AwaitedStep): Inbox | null {
  for (const name of INBOX_NAMES) {
    if ((INBOXES[name] as readonly AwaitedStep[]).includes(step)) return name;
  }
  return null;
}
