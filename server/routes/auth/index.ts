import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZLoginRequest,
  ZMe,
  ZPasswordChangeRequest,
  ZTotpEnableRequest,
  ZTotpSetupResponse,
} from "../../../domain/schemas/auth.ts";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { checkNewPassword, checkNotReused, rememberCurrentPassword } from "../../auth/password-rules.ts";
import { hashPassword, verifyPassword } from "../../auth/passwords.ts";
import { deleteSession, lookupSession, SESSION_COOKIE, type SessionLookup } from "../../auth/sessions.ts";
import { newTotpSecret, otpauthUri, verifyTotp } from "../../auth/totp.ts";
import { login } from "../../commands/login.ts";
import { decryptField, encryptField } from "../../crypto/field-crypto.ts";
import { requireActor } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";

const TOTP_CONTEXT = "users.totp_secret";

export const authRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config, keyRing } = app.deps;
  const policy = {
    idleMinutes: config.sessionIdleMinutes,
    securityProfile: config.securityProfile,
    passwordMaxAgeDays: config.passwordMaxAgeDays,
  };

  const presentMe = (found: Extract<SessionLookup, { state: "active" }>) => ({
    id: found.actor.id,
    username: found.actor.username,
    displayName: found.actor.displayName,
    roles: found.actor.roles,
    unit: { id: found.actor.unitId, name: found.actor.unitName, kind: found.actor.unitKind },
    csrfToken: found.csrfToken,
    idleTimeoutMinutes: config.sessionIdleMinutes,
    totpEnabled: found.totpEnabled,
    restrictions: found.restrictions,
    passwordChangeReason: found.passwordChangeReason,
  });
  const meOf = (req: FastifyRequest) => {
    const actor = requireActor(req);
    return presentMe({
      state: "active",
      actor,
      csrfToken: req.csrfToken ?? "",
      totpEnabled: req.totpEnabled,
      restrictions: req.restrictions,
      passwordChangeReason: req.passwordChangeReason,
    });
  };

  app.post(
    "/login",
    {
      config: { csrf: false, whileRestricted: true, rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "登录 Log in",
        description:
          "With a second factor enabled, send `totp` (6 digits) with the password. Every refusal is the same 401 AUTH_INVALID_CREDENTIALS (unknown name, wrong password, missing or wrong code) with `details.remaining` (failures left before a wait) and `details.waitSeconds`; while a wait runs, 429 AUTH_THROTTLED with `details.waitSeconds` and Retry-After.",
        body: ZLoginRequest,
        response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 429: ZErrorResponse },
      },
    },
    async (req, reply) => {
      const now = app.deps.now();
      const result = await db.transaction((tx) =>
        login(tx, {
          ...req.body,
          keyRing,
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          now,
          throttle: { perAccountAddress: config.loginMaxFailures, maxDelayMinutes: config.loginLockMinutes },
        }),
      );
      if (!result.ok) {
        if (result.reason === "throttled") {
          reply.header("retry-after", String(result.waitSeconds));
          throw new AppError("AUTH_THROTTLED", { waitSeconds: result.waitSeconds });
        }
        if (result.waitSeconds > 0) reply.header("retry-after", String(result.waitSeconds));
        throw new AppError("AUTH_INVALID_CREDENTIALS", {
          remaining: result.remaining,
          waitSeconds: result.waitSeconds,
        });
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: config.secureCookies,
      });
      const found = await lookupSession(db, result.token, now, policy);
      if (found.state !== "active") throw new AppError("AUTH_REQUIRED");
      return presentMe(found);
    },
  );

  app.post(
    "/logout",
    {
      config: { whileRestricted: true },
      schema: {
        tags: ["auth"],
        summary: "退出 Log out",
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await db.transaction(async (tx) => {
        if (req.sessionToken) await deleteSession(tx, req.sessionToken);
        await recordAudit(tx, {
          actorId: actor.id,
          ip: req.ip,
          action: "logout",
          objectType: "user",
          objectId: actor.id,
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/me",
    {
      config: { whileRestricted: true },
      schema: {
        tags: ["auth"],
        summary: "当前用户 Current user",
        response: { 200: ZMe, 401: ZErrorResponse },
      },
    },
    async (req) => meOf(req),
  );

  app.post(
    "/totp/setup",
    {
      config: { whileRestricted: true },
      schema: {
        tags: ["auth"],
        summary: "生成双因素密钥 Start second-factor enrolment",
        response: { 200: ZTotpSetupResponse, 401: ZErrorResponse, 409: ZErrorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (req.totpEnabled) throw new AppError("CONFLICT");
      const secret = newTotpSecret();
      await db.query("UPDATE users SET totp_secret_enc = $2 WHERE id = $1 AND NOT totp_enabled", [
        actor.id,
        encryptField(keyRing, secret, TOTP_CONTEXT),
      ]);
      return { secret, otpauthUri: otpauthUri(secret, actor.username) };
    },
  );

  app.post(
    "/totp/enable",
    {
      config: { whileRestricted: true },
      schema: {
        tags: ["auth"],
        summary: "确认并启用双因素认证 Confirm a code and enable the second factor",
        body: ZTotpEnableRequest,
        response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 422: ZErrorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await db.transaction(async (tx) => {
        const row = (
          await tx.query<{ totp_secret_enc: string | null }>(
            "SELECT totp_secret_enc FROM users WHERE id = $1 AND NOT totp_enabled FOR UPDATE",
            [actor.id],
          )
        ).rows[0];
        if (!row?.totp_secret_enc) throw new AppError("AUTH_TOTP_INVALID");
        const step = verifyTotp(
          decryptField(keyRing, row.totp_secret_enc, TOTP_CONTEXT),
          req.body.code,
          app.deps.now(),
          null,
        );
        if (step === null) throw new AppError("AUTH_TOTP_INVALID");
        await tx.query("UPDATE users SET totp_enabled = true, totp_last_step = $2 WHERE id = $1", [
          actor.id,
          step,
        ]);
        await recordAudit(tx, {
          actorId: actor.id,
          ip: req.ip,
          action: "totp_enable",
          objectType: "user",
          objectId: actor.id,
        });
      });
      const found = await lookupSession(db, req.sessionToken ?? "", app.deps.now(), policy);
      if (found.state !== "active") throw new AppError("AUTH_REQUIRED");
      return presentMe(found);
    },
  );

  app.post(
    "/password",
    {
      config: { whileRestricted: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "修改本人密码 Change my password",
        body: ZPasswordChangeRequest,
        response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 422: ZErrorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      checkNewPassword(req.body.newPassword, actor.username);
      if (req.body.newPassword === req.body.currentPassword) throw new AppError("AUTH_PASSWORD_REUSED");
      const hash = await hashPassword(req.body.newPassword);
      await db.transaction(async (tx) => {
        const row = (
          await tx.query<{ password_hash: string; must_change_password: boolean }>(
            "SELECT password_hash, must_change_password FROM users WHERE id = $1 FOR UPDATE",
            [actor.id],
          )
        ).rows[0];
        if (!row || !(await verifyPassword(row.password_hash, req.body.currentPassword))) {
          throw new AppError("AUTH_INVALID_CREDENTIALS");
        }
        await checkNotReused(tx, actor.id, req.body.newPassword);
        await rememberCurrentPassword(tx, actor.id, app.deps.now());
        // Which restriction, if any, this change lifts: an administrator's password, or an expired one.
        const reason = row.must_change_password ? "admin_set" : req.passwordChangeReason;
        // The user's own password replaces the one an administrator set: the restriction ends.
        await tx.query(
          `UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false
            WHERE id = $1`,
          [actor.id, hash, app.deps.now()],
        );
        // Other sessions of this user end; this one continues.
        await tx.query(
          "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> encode(sha256(convert_to($2, 'UTF8')), 'hex')",
          [actor.id, req.sessionToken ?? ""],
        );
        await recordAudit(tx, {
          actorId: actor.id,
          ip: req.ip,
          action: "password_change",
          objectType: "user",
          objectId: actor.id,
          ...(reason ? { detail: { forced: reason } } : {}),
        });
      });
      const found = await lookupSession(db, req.sessionToken ?? "", app.deps.now(), policy);
      if (found.state !== "active") throw new AppError("AUTH_REQUIRED");
      return presentMe(found);
    },
  );
};
