import type { Role } from "../auth/roles.ts";

/**
 * Who reads the audit log, verifies its chain and exports it: the audit administrator alone
 * (三员分立). The API answers no one else; the console shows the screen to these roles only.
 */
export const AUDIT_ROLES: readonly Role[] = ["audit_admin"];
