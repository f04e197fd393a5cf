import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { normaliseStaffPhone } from "../../../domain/org/staff-phone.ts";
import { ZUser } from "../../../domain/schemas/admin.ts";
import { STANDARD_ERRORS, zText, zUuid } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { checkNewPassword, rememberCurrentPassword } from "../../auth/password-rules.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { clearAccount } from "../../auth/throttle.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { lockNonAdminUser } from "./guards.ts";
import type { UserLoader } from "./index.ts";

export const ZUserUpdate = z
  .object({ displayName: zText(1, 50), unitId: zUuid, phone: z.string().max(40).nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });

/** A staff phone from a form: empty or null = none; otherwise its stored form, or 400 naming why. */
export function staffPhone(input: string | null | undefined): string | null {
  if (input === null || input === undefined || input.trim() === "") return null;
  const checked = normaliseStaffPhone(input);
  if (!checked.ok)
    throw new AppError("VALIDATION_FAILED", [{ path: "/phone", message: checked.zh, messageEn: checked.en }]);
  return checked.phone;
}

export const ZPasswordReset = z.object({ password: z.string().min(1).max(200) });

/**
 * The system administrator's other account changes: name and unit (a new unit is a new
 * jurisdiction, so the user's sessions end), and a new password for a user who forgot theirs
 * (which also lifts a lockout, ends the user's sessions and makes them choose their own password
 * at the next login). Roles stay with the security administrator.
 */
export function userUpdateRoutes(loadUser: UserLoader): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { db } = app.deps;

    app.patch(
      "/users/:id",
      {
        schema: {
          tags: ["admin"],
          summary: "修改用户姓名或所属单位（系统管理员） Change a user's name or unit",
          params: z.object({ id: zUuid }),
          body: ZUserUpdate,
          response: { 200: ZUser, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        const actor = requireRole(req, "system_admin");
        if (req.params.id === actor.id) throw new AppError("FORBIDDEN");
        const b = req.body;
        const phone = b.phone === undefined ? undefined : staffPhone(b.phone);
        return db.transaction(async (tx) => {
          await lockNonAdminUser(tx, req.params.id);
          const before = (
            await tx.query<{ display_name: string; unit_id: string; phone: string | null }>(
              "SELECT display_name, unit_id, phone FROM users WHERE id = $1",
              [req.params.id],
            )
          ).rows[0];
          if (!before) throw new AppError("NOT_FOUND");
          if (b.unitId) {
            const unit = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [b.unitId]);
            if (unit.rows.length === 0) throw new AppError("UNIT_UNKNOWN");
          }
          await tx.query(
            `UPDATE users SET display_name = COALESCE($2, display_name), unit_id = COALESCE($3, unit_id),
                    phone = CASE WHEN $4 THEN $5 ELSE phone END
              WHERE id = $1`,
            [req.params.id, b.displayName ?? null, b.unitId ?? null, phone !== undefined, phone ?? null],
          );
          if (b.unitId && b.unitId !== before.unit_id)
            await tx.query("DELETE FROM sessions WHERE user_id = $1", [req.params.id]);
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: "admin_user_update",
            objectType: "user",
            objectId: req.params.id,
            detail: {
              from: { displayName: before.display_name, unitId: before.unit_id },
              to: { displayName: b.displayName, unitId: b.unitId },
              // Whether the phone changed, never the number itself.
              ...(phone !== undefined && phone !== before.phone ? { phoneChanged: true } : {}),
            },
          });
          return loadUser(tx, req.params.id, app.deps.now());
        });
      },
    );

    app.post(
      "/users/:id/reset-password",
      {
        schema: {
          tags: ["admin"],
          summary: "重置密码（系统管理员） Set a new password for a user",
          params: z.object({ id: zUuid }),
          body: ZPasswordReset,
          response: { 200: ZUser, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        const actor = requireRole(req, "system_admin");
        // One's own password is changed with the old one (POST /api/auth/password), not reset.
        if (req.params.id === actor.id) throw new AppError("FORBIDDEN");
        checkNewPassword(req.body.password);
        const hash = await hashPassword(req.body.password);
        return db.transaction(async (tx) => {
          await lockNonAdminUser(tx, req.params.id);
          await rememberCurrentPassword(tx, req.params.id, app.deps.now());
          const res = await tx.query(
            // The administrator knows this password: the user must choose their own at the next login.
            `UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL,
                    must_change_password = true
              WHERE id = $1`,
            [req.params.id, hash, app.deps.now()],
          );
          if (res.rowCount === 0) throw new AppError("NOT_FOUND");
          await clearAccount(tx, req.params.id);
          await tx.query("DELETE FROM sessions WHERE user_id = $1", [req.params.id]);
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: "admin_user_password_reset",
            objectType: "user",
            objectId: req.params.id,
            detail: { mustChangePassword: true },
          });
          return loadUser(tx, req.params.id, app.deps.now());
        });
      },
    );
  };
}
