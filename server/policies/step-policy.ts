/**
 * Who may take the steps beside a case's main line. Reporting up is the bureau's (第二十五条: the
 * petition bureau reports to the party committee and government); the instruction back is recorded
 * by the bureau office or its leader; a hearing or a mediation is held by the body handling the
 * matter — the bureau, or staff of the case's lead unit (never another unit, even one assisting).
 */
import type { Role } from "../../domain/auth/roles.ts";
import { type Actor, hasRole } from "../auth/actor.ts";

export const REPORT_UP_ROLES: readonly Role[] = ["registrar", "bureau_office", "bureau_leader"];
export const INSTRUCTION_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];
const BUREAU_STEP_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];
const LEAD_UNIT_ROLES: readonly Role[] = ["unit_staff", "unit_leader", "local_staff"];

export interface StepAbilities {
  reportUp: boolean;
  recordInstruction: boolean;
  hearing: boolean;
  mediation: boolean;
}

/** What the actor may do on a case it reads (`open`: the case is not closed). */
export function stepAbilities(
  actor: Actor,
  row: { lead_unit_id: string | null },
  open: boolean,
): StepAbilities {
  const handles =
    hasRole(actor, ...BUREAU_STEP_ROLES) ||
    (hasRole(actor, ...LEAD_UNIT_ROLES) && row.lead_unit_id !== null && row.lead_unit_id === actor.unitId);
  return {
    reportUp: open && hasRole(actor, ...REPORT_UP_ROLES),
    recordInstruction: hasRole(actor, ...INSTRUCTION_ROLES),
    hearing: open && handles,
    mediation: open && handles,
  };
}
