/**
 * The outcome of the rows that have one: a sign-in that worked or was refused, a verification of the
 * chain that found it whole or broken. Other rows record a change that happened, and have none.
 * The server filters with the same lists (server/routes/audit/query.ts).
 */
export const AUDIT_OUTCOMES = ["success", "failure"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Rows that are a success by their action alone. */
export const SUCCESS_ACTIONS: readonly string[] = ["login"];
/** Rows that are a refusal or a failure by their action alone. */
export const FAILURE_ACTIONS: readonly string[] = ["login_failed", "login_refused_locked", "account_locked"];
/** Rows whose `detail.ok` (true or false) says how it went. */
export const OK_DETAIL_ACTIONS: readonly string[] = ["audit_verify"];

export function auditOutcome(action: string, detail: Record<string, unknown>): AuditOutcome | null {
  if (SUCCESS_ACTIONS.includes(action)) return "success";
  if (FAILURE_ACTIONS.includes(action)) return "failure";
  if (OK_DETAIL_ACTIONS.includes(action) && typeof detail.ok === "boolean") {
    return detail.ok ? "success" : "failure";
  }
  return null;
}
