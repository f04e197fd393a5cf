import type { Role } from "../../../../domain/auth/roles.ts";

/** Who files screening reports and disputes: township and village staff, and the bureau office. */
export const SCREENING_ROLES: readonly Role[] = ["local_staff", "bureau_office"];
/** Who launches special campaigns. */
export const CAMPAIGN_ROLES: readonly Role[] = ["bureau_office", "bureau_leader"];
/** Who records a mediation result: the filers and the unit a dispute was handed over to. */
export const RESOLVE_ROLES: readonly Role[] = ["local_staff", "bureau_office", "unit_staff", "unit_leader"];
/** Who hands unresolved disputes to units each quarter. */
export const HANDOVER_ROLES: readonly Role[] = ["bureau_office", "bureau_leader", "local_staff"];
/** Who signs the year-end clearance: county leaders and the head of the bureau. */
export const CLEARANCE_ROLES: readonly Role[] = ["bureau_leader", "leader_in_charge", "principal_leader"];
