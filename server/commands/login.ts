import type { Role } from "../../domain/auth/roles.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { createSession } from "../auth/sessions.ts";
import { recordFailure, recordSuccess, type ThrottlePolicy, throttleWait } from "../auth/throttle.ts";
import { verifyTotp } from "../auth/totp.ts";
import { decryptField, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  keyRing: KeyRing;
  ip: string | null;
  userAgent: string | null;
  now: Date;
  throttle: ThrottlePolicy;
}

/**
 * A refusal tells nothing about the account: an unknown name, a wrong password, a missing or wrong
 * second-factor code and a disabled account all answer `invalid`, with the same count of tries
 * left; `throttled` says how long to wait, whoever the name belongs to.
 */
export type LoginResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; reason: "invalid"; remaining: number; waitSeconds: number }
  | { ok: false; reason: "throttled"; waitSeconds: number };

interface UserRow {
  id: string;
  password_hash: string;
  roles: Role[];
  totp_enabled: boolean;
  totp_secret_enc: string | null;
  totp_last_step: string | null;
}

/**
 * One login attempt. A failure is a result, not an exception, so the transaction commits the
 * throttle counts and the audit row before the route answers 401 or 429.
 */
export async function login(tx: Queryable, input: LoginInput): Promise<LoginResult> {
  const { rows } = await tx.query<UserRow>(
    `SELECT id, password_hash, roles, totp_enabled, totp_secret_enc, totp_last_step::text
       FROM users
      WHERE username = $1 AND is_active FOR UPDATE`,
    [input.username.toLowerCase()],
  );
  const user = rows[0];
  const audit = (action: string, detail: Record<string, unknown> = {}) =>
    recordAudit(tx, {
      actorId: user?.id ?? null,
      actorRole: user?.roles.join(",") ?? null,
      ip: input.ip,
      action,
      objectType: "user",
      objectId: user?.id ?? null,
      detail: { username: input.username.slice(0, 40), ...detail },
    });

  const wait = await throttleWait(tx, input.username, input.ip, input.throttle, input.now);
  if (wait > 0) {
    // The same work as a real check, so the time taken tells nothing either.
    await verifyPassword(null, input.password);
    await audit("login_refused_throttled", { waitSeconds: wait });
    return { ok: false, reason: "throttled", waitSeconds: wait };
  }
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  let totpStep: number | null = null;
  if (valid && user?.totp_enabled && input.totp) {
    const secret = decryptField(input.keyRing, user.totp_secret_enc!, "users.totp_secret");
    totpStep = verifyTotp(
      secret,
      input.totp,
      input.now,
      user.totp_last_step ? Number(user.totp_last_step) : null,
    );
  }
  if (!user || !valid || (user.totp_enabled && totpStep === null)) {
    const failed = await recordFailure(tx, input.username, input.ip, input.throttle, input.now);
    const reason = !user ? "unknown_user" : !valid ? "password" : input.totp ? "totp" : "totp_missing";
    await audit(failed.waitSeconds > 0 ? "login_throttled" : "login_failed", {
      reason,
      remaining: failed.remaining,
      waitSeconds: failed.waitSeconds,
    });
    return { ok: false, reason: "invalid", ...failed };
  }
  await recordSuccess(tx, input.username, input.ip, input.throttle);
  await tx.query(
    "UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = COALESCE($2, totp_last_step) WHERE id = $1",
    [user.id, totpStep],
  );
  const session = await createSession(tx, user.id, input.now, input.ip, input.userAgent);
  await audit("login");
  return { ok: true, userId: user.id, ...session };
}
