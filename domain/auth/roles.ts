export const ROLES = [
  "registrar",
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "unit_staff",
  "unit_leader",
  "local_staff",
  "analyst",
  "system_admin",
  "security_admin",
  "audit_admin",
] as const;
export type Role = (typeof ROLES)[number];

/** The three administrators (三员分立): each account holds one of them alone, and none reads cases. */
export const ADMIN_ROLES: readonly Role[] = ["system_admin", "security_admin", "audit_admin"];

/** Roles of the petition bureau and the county leadership: they see every case of their county. */
export const COUNTY_WIDE_ROLES: readonly Role[] = [
  "registrar",
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "analyst",
];

/** Roles that may register cases. */
export const REGISTERING_ROLES: readonly Role[] = ["registrar", "bureau_office", "local_staff"];

/** Roles that may see a petitioner's full ID and phone number (each view is audited). */
export const SENSITIVE_VIEW_ROLES: readonly Role[] = ["registrar", "bureau_office"];

/** Roles that edit the knowledge base (policy answers, model replies, templates): the bureau office. */
export const KNOWLEDGE_EDIT_ROLES: readonly Role[] = ["bureau_office"];

/** Roles that read the knowledge base and get reply suggestions: every staff role that handles cases. */
export const KNOWLEDGE_READ_ROLES: readonly Role[] = [
  "registrar",
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "unit_staff",
  "unit_leader",
  "local_staff",
  "analyst",
];

/** Roles that see the portal's 常见问题 figure (how many visits read an answer and did not submit). */
export const KNOWLEDGE_FIGURE_ROLES: readonly Role[] = ["bureau_office", "bureau_leader", "analyst"];

export function isAdminOnly(roles: readonly Role[]): boolean {
  return roles.some((r) => ADMIN_ROLES.includes(r));
}
