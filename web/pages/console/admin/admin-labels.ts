import type { Role } from "../../../../domain/auth/roles.ts";
import type { Bi } from "../../../i18n/labels.ts";
import type { AdminReset } from "./types.ts";

export const ROLE_LABELS: Record<Role, Bi> = {
  registrar: { zh: "登记员", en: "Registrar" },
  bureau_office: { zh: "信访局办公室", en: "Bureau office" },
  bureau_leader: { zh: "信访局领导", en: "Bureau leader" },
  leader_in_charge: { zh: "分管领导", en: "Leader in charge" },
  principal_leader: { zh: "主要领导", en: "Principal leader" },
  unit_staff: { zh: "承办人员", en: "Unit staff" },
  unit_leader: { zh: "单位负责人", en: "Unit leader" },
  local_staff: { zh: "乡村信访工作人员", en: "Local staff" },
  analyst: { zh: "分析研判人员", en: "Analyst" },
  system_admin: { zh: "系统管理员", en: "System administrator" },
  security_admin: { zh: "安全管理员", en: "Security administrator" },
  audit_admin: { zh: "审计管理员", en: "Audit administrator" },
};

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
