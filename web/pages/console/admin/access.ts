import type { Role } from "../../../../domain/auth/roles.ts";
import { REPORT_TEMPLATE_EDITORS } from "../../../../domain/metrics/access.ts";
import type { MessageKey } from "../../../i18n/messages.ts";

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
  { path: "/admin/categories", label: "adminCategories", roles: ["system_admin"] },
  { path: "/admin/calendar", label: "adminCalendar", roles: ["system_admin"] },
  { path: "/admin/templates", label: "adminTemplates", roles: ["system_admin"] },
  { path: "/admin/report-templates", label: "adminReportTemplates", roles: REPORT_TEMPLATE_EDITORS },
  { path: "/admin/settings", label: "adminSettings", roles: ["system_admin", "bureau_office"] },
];

export function adminScreensFor(roles: readonly Role[]): AdminScreen[] {
  return ADMIN_SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));
}
