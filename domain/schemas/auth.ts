import { z } from "zod";
import { ROLES } from "../auth/roles.ts";
import { zText } from "./common.ts";

export const ZLoginRequest = z.object({
  username: zText(1, 40),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const SESSION_RESTRICTIONS = ["enrol_totp", "change_password"] as const;
export type SessionRestriction = (typeof SESSION_RESTRICTIONS)[number];
/** Why `change_password` is pending: the password passed its maximum age, or an administrator set it. */
export const PASSWORD_CHANGE_REASONS = ["expired", "admin_set"] as const;
export type PasswordChangeReason = (typeof PASSWORD_CHANGE_REASONS)[number];

export const ZTotpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const ZTotpEnableRequest = z.object({ code: z.string().regex(/^\d{6}$/) });
export const ZPasswordChangeRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
  totpEnabled: z.boolean(),
  /** What the user must do before anything else (MLPS profile). */
  restrictions: z.array(z.enum(SESSION_RESTRICTIONS)),
  /** With `change_password`: whether the password expired or an administrator set it (reset, new account). */
  passwordChangeReason: z.enum(PASSWORD_CHANGE_REASONS).nullable(),
});
export type TMe = z.infer<typeof ZMe>;
