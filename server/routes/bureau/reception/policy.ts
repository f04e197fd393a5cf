import type { Role } from "../../../../domain/auth/roles.ts";

/** Who keeps the reception schedule: the bureau, and township/village staff for their own area. */
export const SCHEDULE_ROLES: readonly Role[] = ["bureau_office", "bureau_leader", "local_staff"];
/** Who books appointments for people who phone or call in. */
export const APPOINTMENT_ROLES: readonly Role[] = ["registrar", "bureau_office", "local_staff"];
/** Who records a reception: those who may register the cases it opens. */
export const RECORD_ROLES: readonly Role[] = ["registrar", "bureau_office", "local_staff"];
/** Who plans and records outreach: the bureau, the leaders themselves, and local staff for their area. */
export const OUTREACH_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "local_staff",
];
