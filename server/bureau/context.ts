import type { WorkCalendar } from "../../domain/calendar/working-days.ts";
import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { KeyRing } from "../crypto/field-crypto.ts";
import { AppError } from "../plugins/errors.ts";

/** What every bureau command needs besides its input: who, when, from where, and the calendar. */
export interface BureauCtx {
  actor: Actor;
  now: Date;
  ip: string | null;
  calendar: WorkCalendar;
  keyRing: KeyRing;
}

/** One audit row for a change to a bureau record, in the caller's transaction. */
export const auditBureau = recordActorAudit;

export function today(now: Date): string {
  return toShanghaiDate(now);
}

/** Refuses a range whose start is after its end. */
export function checkRange(range: { from?: string | undefined; to?: string | undefined }): void {
  if (range.from && range.to && range.from > range.to) throw new AppError("DATE_RANGE_INVALID");
}

/** Whole-record state guard: 409 when the record is not in one of the expected states. */
export function expectState<S extends string>(state: S, allowed: readonly S[]): void {
  if (!allowed.includes(state)) throw new AppError("BUREAU_INVALID_STATE", { state });
}
