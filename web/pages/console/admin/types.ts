import type { Role } from "../../../../domain/auth/roles.ts";
import type { TAdminReset } from "../../../../domain/schemas/admin.ts";

/** Shapes of the administration API answers (server/routes/admin, org, settings). */
export interface AdminUnit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  regionCode: string;
  path: string;
  isActive: boolean;
  userCount: number;
  reviewingUnitId: string | null;
  reviewOfficeId: string | null;
  docPrefix: string | null;
}
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  roles: Role[];
  isActive: boolean;
  isLocked: boolean;
  mustChangePassword: boolean;
  /** The work phone; null: none (administrators and the duty roster only). */
  phone: string | null;
}
/** A two-person reset of an administrator's password (the API's schema). */
export type AdminReset = TAdminReset;
export interface TimeLimitRow {
  step: string;
  amount: number;
  unit: string;
  starts: string;
  note: string | null;
}
export interface CalendarSettings {
  pack: {
    id: string;
    title: string;
    source: string | null;
    lineage: string[];
    warnDaysBeforeBreach: number;
    limits: TimeLimitRow[];
    internalTargets: TimeLimitRow[];
  };
  overrides: { date: string; kind: "holiday" | "workday"; name: string | null }[];
  unknownYears: number[];
  years: {
    year: number;
    status: "published" | "confirmed" | "provisional";
    confirmedAt: string | null;
    statutoryHolidays: { date: string; name: string; en: string }[];
  }[];
  confirmNextYear: number | null;
}
export interface DocumentTemplate {
  kind: string;
  title: string;
  body: string;
  custom: boolean;
  placeholders: string[];
}
export interface ReportTemplate {
  code: string;
  name: string;
  body: string;
  updatedAt: string;
  placeholders: { name: string; description: string }[];
}
export interface RoutingRule {
  id: string;
  categoryId: string;
  categoryName: string;
  regionCode: string | null;
  unitId: string;
  unitName: string;
  note: string | null;
}
export type ApprovalChain = Record<"urgent" | "general" | "major", string[]>;
export interface WarningSettings {
  repeatWindowDays: number;
  safetyWords: string[];
}
