import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Role } from "../../../domain/auth/roles.ts";
import { ZUser, ZUserCreate, ZUserRoles } from "../../../domain/schemas/admin.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { checkNewPassword } from "../../auth/password-rules.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { BLOCKED_UNTIL_SQL, clearAccount } from "../../auth/throttle.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { adminResetRoutes } from "./admin-resets.ts";
import { checkGrantableRoles, lockNonAdminUser } from "./guards.ts";
import { importRoutes } from "./imports.ts";
import { staffPhone, userUpdateRoutes } from "./users-update.ts";

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  unit_name: string;
  roles: Role[];
  is_active: boolean;
  locked_until: Date | null;
  must_change_password: boolean;
  phone: string | null;
}

const SELECT_USER = `SELECT u.id, u.username, u.display_name, u.unit_id, o.name AS unit_name, u.roles, u.is_active,
  ${BLOCKED_UNTIL_SQL("u")} AS locked_until, u.must_change_password, u.phone FROM users u JOIN org_units o ON o.id = u.unit_id`;

export type UserLoader = typeof loadUser;

async function loadUser(q: Queryable, id: string, now: Date) {
  const row = (await q.query<UserRow>(`${SELECT_USER} WHERE u.id = $1`, [id])).rows[0];
  if (!row) throw new AppError("NOT_FOUND");
  return presentUser(row, now);
}

function presentUser(u: UserRow, now: Date) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    roles: u.roles,
    isActive: u.is_active,
    isLocked: u.locked_until !== null && u.locked_until > now,
    mustChangePassword: u.must_change_password,
    phone: u.phone,
  };
}

const errors = STANDARD_ERRORS;

/**
 * Accounts, split along the three administrators (三员分立): the system administrator creates,
 * deactivates and unlocks accounts, and a new account holds no role; the security administrator
 * alone grants roles, never an administrator's role (that is a command on the server). No
 * administrator changes their own or another administrator's account, and none reads cases.
 */
export const adminRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  await app.register(userUpdateRoutes(loadUser));
  await app.register(adminResetRoutes(loadUser));
  await app.register(importRoutes);

  app.get(
    "/users",
    {
      schema: {
        tags: ["admin"],
        summary: "用户列表 Users (system or security admin)",
        response: { 200: z.object({ items: z.array(ZUser) }), ...errors },
      },
    },
    async (req) => {
      requireRole(req, "system_admin", "security_admin");
      const { rows } = await db.query<UserRow>(`${SELECT_USER} ORDER BY u.username`);
      const now = app.deps.now();
      return { items: rows.map((r) => presentUser(r, now)) };
    },
  );

  app.post(
    "/users",
    {
      schema: {
        tags: ["admin"],
        summary: "新建用户（系统管理员；角色由安全管理员授予） Create a user",
        body: ZUserCreate,
        response: { 201: ZUser, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, "system_admin");
      checkNewPassword(req.body.password, req.body.username);
      const phone = staffPhone(req.body.phone);
      const hash = await hashPassword(req.body.password);
      const user = await db.transaction(async (tx) => {
        const unit = await tx.query("SELECT 1 FROM org_units WHERE id = $1 AND is_active", [req.body.unitId]);
        if (unit.rows.length === 0) throw new AppError("UNIT_UNKNOWN");
        const { rows } = await tx.query<{ id: string }>(
          // The first password is the administrator's: the user replaces it at the first login. The
          // account holds no role, so it reads nothing, until the security administrator grants one.
          `INSERT INTO users (username, display_name, unit_id, roles, password_hash, must_change_password, phone)
           VALUES ($1, $2, $3, ARRAY[]::text[], $4, true, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
          [req.body.username, req.body.displayName, req.body.unitId, hash, phone],
        );
        if (!rows[0]) throw new AppError("CONFLICT");
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "system_admin",
          ip: req.ip,
          action: "admin_user_create",
          objectType: "user",
          objectId: rows[0].id,
          detail: {
            username: req.body.username,
            unitId: req.body.unitId,
            roles: [],
            mustChangePassword: true,
          },
        });
        return loadUser(tx, rows[0].id, app.deps.now());
      });
      return reply.code(201).send(user);
    },
  );

  app.put(
    "/users/:id/roles",
    {
      schema: {
        tags: ["admin"],
        summary: "授予角色（安全管理员） Set a user's roles",
        params: z.object({ id: zUuid }),
        body: ZUserRoles,
        response: { 200: ZUser, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, "security_admin");
      if (req.params.id === actor.id) throw new AppError("FORBIDDEN");
      const roles = [...new Set(req.body.roles)];
      checkGrantableRoles(roles);
      return db.transaction(async (tx) => {
        const before = await lockNonAdminUser(tx, req.params.id);
        await tx.query("UPDATE users SET roles = $2 WHERE id = $1", [req.params.id, roles]);
        // New roles take effect at the next login: end the user's sessions now.
        await tx.query("DELETE FROM sessions WHERE user_id = $1", [req.params.id]);
        await recordAudit(tx, {
          actorId: actor.id,
          actorRole: "security_admin",
          ip: req.ip,
          action: "admin_user_roles",
          objectType: "user",
          objectId: req.params.id,
          detail: { from: before.roles, to: roles },
        });
        return loadUser(tx, req.params.id, app.deps.now());
      });
    },
  );

  for (const [action, sql] of [
    ["deactivate", "UPDATE users SET is_active = false WHERE id = $1"],
    ["activate", "UPDATE users SET is_active = true WHERE id = $1"],
    ["unlock", "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1"],
  ] as const) {
    app.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags: ["admin"],
          summary: `${action} a user (system admin)`,
          params: z.object({ id: zUuid }),
          response: { 200: ZUser, ...errors },
        },
      },
      async (req) => {
        const actor = requireRole(req, "system_admin");
        if (req.params.id === actor.id) throw new AppError("FORBIDDEN");
        return db.transaction(async (tx) => {
          // Unlocking lets nobody in; disabling or enabling another administrator is not one's alone.
          if (action !== "unlock") await lockNonAdminUser(tx, req.params.id);
          const res = await tx.query(sql, [req.params.id]);
          if (res.rowCount === 0) throw new AppError("NOT_FOUND");
          if (action === "unlock") await clearAccount(tx, req.params.id);
          if (action === "deactivate")
            await tx.query("DELETE FROM sessions WHERE user_id = $1", [req.params.id]);
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: "system_admin",
            ip: req.ip,
            action: `admin_user_${action}`,
            objectType: "user",
            objectId: req.params.id,
          });
          return loadUser(tx, req.params.id, app.deps.now());
        });
      },
    );
  }
};
