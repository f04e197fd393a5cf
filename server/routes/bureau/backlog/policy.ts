import type { Role } from "../../../../domain/auth/roles.ts";

/** Who marks backlog cases and records their clearance: the bureau and the county leaders. */
export const BACKLOG_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
];
