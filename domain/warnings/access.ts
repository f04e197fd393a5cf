import type { Role } from "../auth/roles.ts";

/**
 * Who reads warnings across cases: the bureau, the county leaders and analysts, and the townships'
 * petition offices — each only ever through the cases it may read (the server filters every
 * warning's evidence with the case policy). Shared with the web for the menu entry only.
 */
export const WARNING_READ_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "analyst",
  "local_staff",
];

/** The daily digest is for the leaders and the bureau (county-wide readers). */
export const DIGEST_READ_ROLES: readonly Role[] = [
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "analyst",
];

/** Who may run the scan at once (「立即研判」, `POST /api/warnings/scan`) instead of waiting for 07:00. */
export const WARNING_SCAN_ROLES: readonly Role[] = ["bureau_office"];
