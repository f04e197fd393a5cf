import type { Role } from "../../domain/auth/roles.ts";
import { DIGEST_READ_ROLES, WARNING_READ_ROLES, WARNING_SCAN_ROLES } from "../../domain/warnings/access.ts";
import type { WarningKind, WarningStatus } from "../../domain/warnings/types.ts";
import { type Actor, hasRole } from "../auth/actor.ts";

/**
 * Who may do what with warnings. Reading: WARNING_READ_ROLES (domain/warnings/access.ts). The bureau
 * office runs the work: it acknowledges, follows up and closes; the bureau's and the county's
 * leaders may add follow-up notes (their instructions) and the bureau leader may close.
 */
export { WARNING_SCAN_ROLES };

const FOLLOW_UP_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
];
const CLOSE_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];

/** The calendar of sensitive periods: read by warning readers, edited by the office and the system administrator. */
export const PERIOD_EDIT_ROLES: readonly Role[] = ["bureau_office", "system_admin"];
export const PERIOD_READ_ROLES: readonly Role[] = [...WARNING_READ_ROLES, "system_admin"];

export type WarningAbility = "acknowledge" | "follow_up" | "close";

export function warningAbilities(actor: Actor, status: WarningStatus): WarningAbility[] {
  const out: WarningAbility[] = [];
  if (status === "open" && hasRole(actor, "bureau_office")) out.push("acknowledge");
  if (status !== "closed" && hasRole(actor, ...FOLLOW_UP_ROLES)) out.push("follow_up");
  if (status !== "closed" && hasRole(actor, ...CLOSE_ROLES)) out.push("close");
  return out;
}

/**
 * The figures behind a warning go only to a county-wide reader who can open every evidence case —
 * except a threat warning, whose one evidence case is the whole of it: whoever may open the case
 * may see which words it holds.
 */
export function mayReadFigures(actor: Actor, kind: WarningKind, visible: number, total: number): boolean {
  if (kind === "threat") return visible === total;
  return visible === total && hasRole(actor, ...DIGEST_READ_ROLES);
}

export { DIGEST_READ_ROLES, WARNING_READ_ROLES };
