import type { Role } from "./roles.ts";

/** Each role's name in both languages, for screens and for files the server writes (the audit export). */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
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
