import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ADMIN_ROLES, isAdminOnly, type Role } from "../../../domain/auth/roles.ts";
import { ZAdminReset, ZAdminResetList, ZAdminResetRequest, ZUser } from "../../../domain/schemas/admin.ts";
import { STANDARD_ERRORS, zUuid } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { checkNewPassword, rememberCurrentPassword } from "../../auth/password-rules.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { clearAccount } from "../../auth/throttle.ts";
import type { Queryable } from "../../db/index.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import type { UserLoader } from "./index.ts";

/** How long a request waits for the second administrator. */
const REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

interface ResetRow {
  id: string;
  target_user_id: string;
  target_username: string;
  requested_by: string;
  requested_by_username: string;
  requested_at: Date;
  expires_at: Date;
  status: "pending" | "approved" | "rejected";
  decided_by_username: string | null;
  decided_at: Date | null;
  password_hash: string;
}

const SELECT_RESET = `SELECT r.id, r.target_user_id, t.username AS target_username, r.requested_by,
  q.username AS requested_by_username, r.requested_at, r.expires_at, r.status, d.username AS decided_by_username,
  r.decided_at, r.password_hash
  FROM admin_password_resets r JOIN users t ON t.id = r.target_user_id JOIN users q ON q.id = r.requested_by
  LEFT JOIN users d ON d.id = r.decided_by`;

function present(r: ResetRow, now: Date): z.infer<typeof ZAdminReset> {
  return {
    id: r.id,
    targetUserId: r.target_user_id,
    targetUsername: r.target_username,
    requestedBy: r.requested_by,
    requestedByUsername: r.requested_by_username,
    requestedAt: r.requested_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    status: r.status === "pending" && r.expires_at <= now ? "expired" : r.status,
    decidedByUsername: r.decided_by_username,
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

async function adminRoles(q: Queryable, userId: string, lock = false): Promise<Role[] | null> {
  const row = (
    await q.query<{ roles: Role[] }>(`SELECT roles FROM users WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [
      userId,
    ])
  ).rows[0];
  return row ? row.roles : null;
}

/**
 * The two-person reset of an administrator's password (三员分立): one of the two other
 * administrators asks for it with the new password, the third approves it, and only then does the
 * account change (the administrator must choose their own password at the next login). Neither the
 * requester nor the administrator concerned can approve; every step is an audit row.
 */
export function adminResetRoutes(loadUser: UserLoader): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { db } = app.deps;

    app.get(
      "/admin-resets",
      {
        schema: {
          tags: ["admin"],
          summary: "管理员密码重置申请（三名管理员） Two-person resets of administrators' passwords",
          response: { 200: ZAdminResetList, ...STANDARD_ERRORS },
        },
      },
      async (req) => {
        requireRole(req, ...ADMIN_ROLES);
        const { rows } = await db.query<ResetRow>(`${SELECT_RESET} ORDER BY r.requested_at DESC LIMIT 100`);
        // The administrators' accounts, so each of the three can name the one to reset (the audit
        // administrator reads no user list otherwise).
        const admins = await db.query<{ id: string; username: string; display_name: string; roles: Role[] }>(
          `SELECT id, username, display_name, roles FROM users
            WHERE is_active AND roles && $1::text[] ORDER BY username`,
          [ADMIN_ROLES],
        );
        const now = app.deps.now();
        return {
          items: rows.map((r) => present(r, now)),
          administrators: admins.rows.map((a) => ({
            id: a.id,
            username: a.username,
            displayName: a.display_name,
            role: a.roles[0]!,
          })),
        };
      },
    );

    app.post(
      "/admin-resets",
      {
        schema: {
          tags: ["admin"],
          summary: "申请重置另一名管理员的密码 Ask to reset another administrator's password",
          body: ZAdminResetRequest,
          response: { 201: ZAdminReset, ...STANDARD_ERRORS },
        },
      },
      async (req, reply) => {
        const actor = requireRole(req, ...ADMIN_ROLES);
        if (req.body.userId === actor.id) throw new AppError("FORBIDDEN");
        checkNewPassword(req.body.password);
        const hash = await hashPassword(req.body.password);
        const now = app.deps.now();
        const created = await db.transaction(async (tx) => {
          const roles = await adminRoles(tx, req.body.userId, true);
          if (!roles) throw new AppError("NOT_FOUND");
          // A user who is not an administrator is reset by the system administrator alone.
          if (!isAdminOnly(roles)) throw new AppError("ADMIN_RESET_NOT_ADMIN");
          const open = await tx.query(
            "SELECT 1 FROM admin_password_resets WHERE target_user_id = $1 AND status = 'pending' AND expires_at > $2",
            [req.body.userId, now],
          );
          if (open.rows.length > 0) throw new AppError("ADMIN_RESET_PENDING");
          const { rows } = await tx.query<{ id: string }>(
            `INSERT INTO admin_password_resets (target_user_id, requested_by, password_hash, requested_at, expires_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id`,
            [req.body.userId, actor.id, hash, now, new Date(now.getTime() + REQUEST_TTL_MS)],
          );
          await recordAudit(tx, {
            actorId: actor.id,
            actorRole: actor.roles.join(","),
            ip: req.ip,
            action: "admin_password_reset_request",
            objectType: "user",
            objectId: req.body.userId,
            detail: { requestId: rows[0]!.id },
          });
          return (await tx.query<ResetRow>(`${SELECT_RESET} WHERE r.id = $1`, [rows[0]!.id])).rows[0]!;
        });
        return reply.code(201).send(present(created, now));
      },
    );

    for (const decision of ["approve", "reject"] as const) {
      app.post(
        `/admin-resets/:id/${decision}`,
        {
          schema: {
            tags: ["admin"],
            summary:
              decision === "approve"
                ? "批准重置管理员密码（第三名管理员） Approve the reset (the third administrator)"
                : "驳回重置管理员密码 Reject the reset",
            params: z.object({ id: zUuid }),
            response: { 200: z.object({ request: ZAdminReset, user: ZUser }), ...STANDARD_ERRORS },
          },
        },
        async (req) => {
          const actor = requireRole(req, ...ADMIN_ROLES);
          const now = app.deps.now();
          return db.transaction(async (tx) => {
            const r = (
              await tx.query<ResetRow>(`${SELECT_RESET} WHERE r.id = $1 FOR UPDATE OF r`, [req.params.id])
            ).rows[0];
            if (!r) throw new AppError("NOT_FOUND");
            if (actor.id === r.requested_by || actor.id === r.target_user_id)
              throw new AppError("ADMIN_REQUEST_SELF");
            if (r.status !== "pending" || r.expires_at <= now) throw new AppError("ADMIN_REQUEST_CLOSED");
            await tx.query(
              "UPDATE admin_password_resets SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1",
              [r.id, decision === "approve" ? "approved" : "rejected", actor.id, now],
            );
            if (decision === "approve") {
              await rememberCurrentPassword(tx, r.target_user_id, now);
              await tx.query(
                `UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL,
                        must_change_password = true WHERE id = $1`,
                [r.target_user_id, r.password_hash, now],
              );
              await clearAccount(tx, r.target_user_id);
              await tx.query("DELETE FROM sessions WHERE user_id = $1", [r.target_user_id]);
            }
            await recordAudit(tx, {
              actorId: actor.id,
              actorRole: actor.roles.join(","),
              ip: req.ip,
              action: `admin_password_reset_${decision}`,
              objectType: "user",
              objectId: r.target_user_id,
              detail: {
                requestId: r.id,
                requestedBy: r.requested_by,
                mustChangePassword: decision === "approve",
              },
            });
            const after = (await tx.query<ResetRow>(`${SELECT_RESET} WHERE r.id = $1`, [r.id])).rows[0]!;
            return { request: present(after, now), user: await loadUser(tx, r.target_user_id, now) };
          });
        },
      );
    }
  };
}
