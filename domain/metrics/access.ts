import { COUNTY_WIDE_ROLES, type Role } from "../auth/roles.ts";

/**
 * Who may see statistics, reports and ledgers: the bureau and the county leadership (their whole
 * county), township and village petition offices (their own area) and heads of handling units
 * (the cases assigned to their unit). Every figure is still counted only over the cases the user
 * may read. Administrators and case handlers do not get statistics.
 */
export const STATISTICS_ROLES: readonly Role[] = [...COUNTY_WIDE_ROLES, "local_staff", "unit_leader"];

/** Who may edit the narrative template of the work report (not its numbers). */
export const REPORT_TEMPLATE_EDITORS: readonly Role[] = ["analyst", "bureau_office", "bureau_leader"];
