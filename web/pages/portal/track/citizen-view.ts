import type { PublicStatus } from "../../../api/types.ts";
import type { MessageKey } from "../../../i18n/messages.ts";

const CLOSED = new Set([
  "rejected_incomplete",
  "declined",
  "forwarded",
  "refused_again",
  "terminated",
  "closed",
  "archived",
  "merged",
]);

export interface DateNotice {
  key: MessageKey;
  date?: string;
  /** The body to turn to (复查: the superior of the body that answered; 复核: the reviewer's superior). */
  body?: string;
  days?: string;
}

/**
 * The one date that matters to the citizen now: until when, within how many days and to which body
 * they may ask for reexamination or review; where a request went that left the county's system; or
 * else that an answer is coming within the legal limit. Null once nothing is pending.
 */
export function nextDateNotice(s: PublicStatus): DateNotice | null {
  if (s.canRequestReexam && s.review?.reexamRequestUntil)
    return {
      key: "reexamWindow",
      date: s.review.reexamRequestUntil,
      body: s.review.reexamBody,
      days: String(s.review.reexamDays),
    };
  if (s.canRequestReview && s.reply?.reviewRequestUntil)
    return {
      key: "reviewWindow",
      date: s.reply.reviewRequestUntil,
      body: s.reply.reviewBody,
      days: String(s.reply.reviewDays),
    };
  if (s.appeal?.referredAt)
    return { key: "appealReferred", date: s.appeal.referredAt.slice(0, 10), body: s.appeal.body };
  if (!s.reply && !CLOSED.has(s.status)) return { key: "waitForAnswer" };
  return null;
}

/**
 * The bureau's own bookkeeping on an accusation: whom it accuses and whether it stays
 * confidential are never the accuser's business to follow (and never a line without words).
 */
const BUREAU_ONLY = new Set([
  "accused_unit_set",
  "confidentiality_set",
  "confidentiality_lifted",
  "reclassified",
]);

/** Events the citizen is shown: one line per step that changed something for them. */
export function citizenEvents(s: PublicStatus): PublicStatus["events"] {
  // Each signature of a chain is one internal step; the citizen sees the approval once.
  return s.events
    .filter((e) => !BUREAU_ONLY.has(e.action))
    .filter((e, i, all) => !(e.action === "sign" && all[i + 1]?.action === "sign"));
}
