/**
 * Case statuses and the groups code asks about. The transition table grows with the lifecycle
 * (docs/WORKFLOW.md); registration is its first entry.
 */
export const CASE_STATUSES = [
  "pending_screening",
  "registered",
  "rejected_incomplete",
  "accepted",
  "declined",
  "forwarded",
  "refused_again",
  "drafting",
  "awaiting_signoff",
  "signed_off",
  "assigned",
  "handling",
  "result_reported",
  "vetted",
  "replied",
  "evaluated",
  "review_requested",
  "under_review",
  "reviewed",
  "reexam_requested",
  "under_reexam",
  "terminated",
  "merged",
  "closed",
  "archived",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const CLOSED: ReadonlySet<CaseStatus> = new Set([
  "rejected_incomplete",
  "declined",
  "forwarded",
  "refused_again",
  "terminated",
  "merged",
  "closed",
  "archived",
]);

export function isOpen(status: CaseStatus): boolean {
  return !CLOSED.has(status);
}

export const CHANNELS = ["letter", "visit", "online", "phone", "referral"] as const;
export type Channel = (typeof CHANNELS)[number];

export const NATURES = ["request", "suggestion", "appeal", "accusation", "inquiry"] as const;
export type Nature = (typeof NATURES)[number];

export const LEGAL_CLASSES = ["suggestion", "accusation", "appeal_request"] as const;
export type LegalClass = (typeof LEGAL_CLASSES)[number];

/**
 * The legal class that follows from a nature (信访工作条例 Arts. 29–31): a suggestion, an
 * accusation, or else a request or appeal handled as 申诉求决类.
 */
export function legalClassOfNature(nature: Nature): LegalClass {
  return nature === "suggestion" ? "suggestion" : nature === "accusation" ? "accusation" : "appeal_request";
}

export const DESTINATION_LEVELS = ["national", "provincial", "municipal", "county"] as const;
export type DestinationLevel = (typeof DESTINATION_LEVELS)[number];

/** The status a newly registered case starts in: online items wait for the daily screening (查实). */
export function initialStatus(channel: Channel): CaseStatus {
  return channel === "online" ? "pending_screening" : "registered";
}
