import { z } from "zod";
import { ROLES } from "../auth/roles.ts";
import { zText, zUuid } from "./common.ts";

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
});

export const ZUserCreate = z.object({
  username: z.string().regex(/^[a-z0-9_.-]{3,40}$/),
  displayName: zText(1, 50),
  unitId: zUuid,
  password: z.string().min(1).max(200),
});

/** The roles the security administrator grants; an empty list withdraws every role. */
export const ZUserRoles = z.object({ roles: z.array(z.enum(ROLES)).max(12) });

export const ZAuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  action: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional(),
  actorId: zUuid.optional(),
  objectId: z.string().max(100).optional(),
});

export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  chainPos: z.string().nullable(),
});

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
