import type { Role } from "../../../../domain/auth/roles.ts";

/** Who draws up rosters: the bureau, and township/village staff for their own area. */
export const ROSTER_ROLES: readonly Role[] = ["bureau_office", "bureau_leader", "local_staff"];
