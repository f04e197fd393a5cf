import type { Bi } from "../../../i18n/labels.ts";
import type { AdminReset } from "./types.ts";

/** The role names live in domain/auth (the audit export prints them too). */
export { ROLE_LABELS } from "../../../../domain/auth/role-labels.ts";

/** The state of a two-person reset of an administrator's password. */
export const RESET_STATUS_LABELS: Record<AdminReset["status"], Bi> = {
  pending: { zh: "待批准", en: "Waiting for approval" },
  approved: { zh: "已批准", en: "Approved" },
  rejected: { zh: "已驳回", en: "Rejected" },
  expired: { zh: "已过期", en: "Expired" },
};

export const ORG_KIND_LABELS: Record<string, Bi> = {
  county: { zh: "县", en: "County" },
  township: { zh: "乡镇（街道）", en: "Township" },
  village: { zh: "村（社区）", en: "Village" },
  group: { zh: "组", en: "Group" },
  bureau: { zh: "信访局", en: "Petition bureau" },
  department: { zh: "部门", en: "Department" },
};

/** Which kinds may be added under a unit of this kind (the server checks the same rule). */
export const CHILD_KINDS: Record<string, readonly string[]> = {
  county: ["township", "department", "bureau"],
  township: ["village", "department", "bureau"],
  village: ["group"],
  group: [],
  bureau: [],
  department: [],
};
