import { AUDIT_ROLES } from "../../../../domain/audit/access.ts";
import { ADMIN_ROLES, isAdminOnly, ROLES, type Role } from "../../../../domain/auth/roles.ts";
import { REPORT_TEMPLATE_EDITORS } from "../../../../domain/metrics/access.ts";
import type { MessageKey } from "../../../i18n/messages.ts";
import type { AdminReset, AdminUser } from "./types.ts";

export interface AdminScreen {
  path: string;
  label: MessageKey;
  /** The roles the screen's server API lets change things (server/routes/admin, org, settings …). */
  roles: readonly Role[];
}

/**
 * The administration screens and who gets a menu entry for each: exactly the roles the server
 * allows to write there. The server still decides every request.
 */
export const ADMIN_SCREENS: readonly AdminScreen[] = [
  { path: "/admin/org", label: "adminOrg", roles: ["system_admin"] },
  { path: "/admin/users", label: "adminUsers", roles: ["system_admin", "security_admin"] },
  // The network and accounts for the system administrator, a users file's roles for the security one.
  { path: "/admin/imports", label: "adminImports", roles: ["system_admin", "security_admin"] },
  // Any of the three administrators asks for, approves or rejects a two-person reset.
  { path: "/admin/admin-resets", label: "adminResets", roles: ADMIN_ROLES },
  { path: "/admin/categories", label: "adminCategories", roles: ["system_admin"] },
  { path: "/admin/fields", label: "menuFields", roles: ["system_admin"] },
  { path: "/admin/calendar", label: "adminCalendar", roles: ["system_admin"] },
  { path: "/admin/templates", label: "adminTemplates", roles: ["system_admin"] },
  { path: "/admin/report-templates", label: "adminReportTemplates", roles: REPORT_TEMPLATE_EDITORS },
  { path: "/admin/settings", label: "adminSettings", roles: ["system_admin", "bureau_office"] },
];

export function adminScreensFor(roles: readonly Role[]): AdminScreen[] {
  return ADMIN_SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/** The audit log with its verification and export (审计日志): for the roles its API answers. */
export const AUDIT_SCREEN: AdminScreen = { path: "/audit", label: "menuAudit", roles: AUDIT_ROLES };

export function mayReadAudit(roles: readonly Role[]): boolean {
  return AUDIT_SCREEN.roles.some((r) => roles.includes(r));
}

/**
 * Whether the console shows the case entries (my to-dos, the case list, search): not to the audit
 * administrator, whom the server gives no case and whose work is the log.
 */
export function hasCaseEntries(roles: readonly Role[]): boolean {
  return !roles.includes("audit_admin");
}

/** Where the console opens: the audit log for the audit administrator, else my to-dos. */
export function landingPathFor(roles: readonly Role[]): string {
  return hasCaseEntries(roles) ? "/" : AUDIT_SCREEN.path;
}

/** The roles the security administrator may grant through the API: the business roles, never an administrator's. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

export type UserAction = "edit" | "roles" | "toggleActive" | "unlock" | "resetPassword" | "requestAdminReset";

/**
 * The buttons a row of the user list gets, by the server's rules (三员分立): the system
 * administrator edits, disables, unlocks and resets users, the security administrator grants roles;
 * nobody acts on their own row; an administrator's account is only unlocked, and its password goes
 * through the two-person request.
 */
export function userActionsFor(
  viewer: { id: string; roles: readonly Role[] },
  user: AdminUser,
): UserAction[] {
  if (user.id === viewer.id) return [];
  const isSystem = viewer.roles.includes("system_admin");
  const isSecurity = viewer.roles.includes("security_admin");
  const actions: UserAction[] = [];
  if (isAdminOnly(user.roles)) {
    if (isSystem && user.isLocked) actions.push("unlock");
    if (isSystem || isSecurity) actions.push("requestAdminReset");
    return actions;
  }
  if (isSystem) actions.push("edit");
  if (isSecurity) actions.push("roles");
  if (isSystem) actions.push("toggleActive");
  if (isSystem && user.isLocked) actions.push("unlock");
  if (isSystem) actions.push("resetPassword");
  return actions;
}

/** Whether this administrator may approve or reject the request: the third one, while it is open. */
export function mayDecideReset(viewer: { id: string; roles: readonly Role[] }, r: AdminReset): boolean {
  return (
    r.status === "pending" &&
    isAdminOnly(viewer.roles) &&
    viewer.id !== r.requestedBy &&
    viewer.id !== r.targetUserId
  );
}
