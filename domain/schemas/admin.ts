import { z } from "zod";
import { AUDIT_OUTCOMES } from "../audit/outcome.ts";
import { ROLES } from "../auth/roles.ts";
import { zIsoDate, zText, zUuid } from "./common.ts";

export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  /** An administrator set the password; the user must choose a new one at the next login. */
  mustChangePassword: z.boolean(),
  /** The work phone (13800138000 or 0571-88886666); null: none. Administrators only. */
  phone: z.string().nullable(),
});

export const ZUserCreate = z.object({
  username: z.string().regex(/^[a-z0-9_.-]{3,40}$/),
  displayName: zText(1, 50),
  unitId: zUuid,
  password: z.string().min(1).max(200),
  /** A mobile or a landline with its area code (domain/org/staff-phone.ts); empty or absent: none. */
  phone: z.string().max(40).optional(),
});

/** The roles the security administrator grants; an empty list withdraws every role. */
export const ZUserRoles = z.object({ roles: z.array(z.enum(ROLES)).max(12) });

const AUDIT_FILTER_SHAPE = {
  /** An action code (domain/audit/actions.ts); unknown codes are allowed and simply match nothing. */
  action: z
    .string()
    .regex(/^[a-z0-9_]{1,60}$/)
    .optional(),
  actorId: zUuid.optional(),
  /** The acting user's user name (case-insensitive, as at login). */
  actor: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{1,40}$/)
    .optional(),
  objectType: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  objectId: z.string().trim().min(1).max(100).optional(),
  /** Rows about one case: by its id or its petitioners', or naming its number. */
  caseNumber: zText(1, 40).optional(),
  /** Shanghai calendar days, both included. */
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
};

const fromNotAfterTo = (f: { from?: string | undefined; to?: string | undefined }) =>
  !f.from || !f.to || f.from <= f.to;
const fromNotAfterToIssue = { message: "from must not be after to", path: ["to"] };

/** The audit log's filters (the list, the export). */
export const ZAuditFilter = z.object(AUDIT_FILTER_SHAPE).refine(fromNotAfterTo, fromNotAfterToIssue);
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    ...AUDIT_FILTER_SHAPE,
  })
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** The acting user's user name and name, when the row has a user as actor. */
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The user name or unit name of an account or unit the row is about. */
  objectLabel: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** success / failure for the rows that have one (domain/audit/outcome.ts), otherwise null. */
  outcome: z.enum(AUDIT_OUTCOMES).nullable(),
  chainPos: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditList = z.object({ items: z.array(ZAuditEntry), total: z.number() });
export type TAuditList = z.infer<typeof ZAuditList>;

/** The chain sealed and checked now, and its anchors outside the database (like `xinfang audit verify`). */
export const ZAuditVerification = z.object({
  /** The chain and the anchors agree. */
  ok: z.boolean(),
  /** Rows checked (on a break: the rows before it). */
  sealed: z.number(),
  unsealed: z.number().optional(),
  headPosition: z.string().nullable().optional(),
  headHash: z.string().optional(),
  /** The chain position where it breaks, and why (gap, broken_link, hash_mismatch). */
  badPosition: z.string().optional(),
  reason: z.string().optional(),
  anchors: z.object({
    ok: z.boolean(),
    count: z.number(),
    /** The anchored position that no longer agrees, and why (missing, hash_differs, unreadable). */
    badPosition: z.string().nullable(),
    reason: z.string().nullable(),
    last: z.object({ position: z.string(), hash: z.string(), at: z.string() }).nullable(),
  }),
  checkedAt: z.string(),
});
export type TAuditVerification = z.infer<typeof ZAuditVerification>;

/** The two formats of the audit export: a workbook to read, or the CLI's JSON lines to check. */
export const AUDIT_EXPORT_FORMATS = ["xlsx", "jsonl"] as const;

/** Asking for the two-person reset of an administrator's password (one of the two other administrators). */
export const ZAdminResetRequest = z.object({ userId: zUuid, password: z.string().min(1).max(200) });

/** A two-person reset of an administrator's password and where it stands. */
export const ZAdminReset = z.object({
  id: z.string(),
  targetUserId: z.string(),
  targetUsername: z.string(),
  requestedBy: z.string(),
  requestedByUsername: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(["pending", "approved", "rejected", "expired"]),
  decidedByUsername: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type TAdminReset = z.infer<typeof ZAdminReset>;

/** The requests, and the administrators' accounts each of the three may name in a new one. */
export const ZAdminResetList = z.object({
  items: z.array(ZAdminReset),
  administrators: z.array(
    z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES) }),
  ),
});
export type TAdminResetList = z.infer<typeof ZAdminResetList>;
