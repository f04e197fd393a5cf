import type { Role } from "../../domain/auth/roles.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { createSession } from "../auth/sessions.ts";
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
  maxFailures: number;
  lockMinutes: number;
}

export type LoginResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; reason: "invalid" | "locked" | "totp_required" };

interface UserRow {
  id: string;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  roles: Role[];
  totp_enabled: boolean;
  totp_secret_enc: string | null;
  totp_last_step: string | null;
}

/**
 * One login attempt. A failure is a result, not an exception, so the transaction commits the
 * failure count, the lock and the audit row before the route answers 401 or 423.
 */
export async function login(tx: Queryable, input: LoginInput): Promise<LoginResult> {
  const { rows } = await tx.query<UserRow>(
    `SELECT id, password_hash, failed_logins, locked_until, roles, totp_enabled, totp_secret_enc, totp_last_step::text
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

  if (user?.locked_until && user.locked_until > input.now) {
    await verifyPassword(null, input.password);
    await audit("login_refused_locked");
    return { ok: false, reason: "locked" };
  }
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user) {
    await audit("login_failed", { reason: "unknown_user" });
    return { ok: false, reason: "invalid" };
  }
  let totpStep: number | null = null;
  if (valid && user.totp_enabled) {
    if (!input.totp) {
      await audit("login_totp_required");
      return { ok: false, reason: "totp_required" };
    }
    const secret = decryptField(input.keyRing, user.totp_secret_enc!, "users.totp_secret");
    totpStep = verifyTotp(
      secret,
      input.totp,
      input.now,
      user.totp_last_step ? Number(user.totp_last_step) : null,
    );
  }
  if (!valid || (user.totp_enabled && totpStep === null)) {
    const failures = user.failed_logins + 1;
    const lock = failures >= input.maxFailures;
    await tx.query("UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1", [
      user.id,
      lock ? 0 : failures,
      lock ? new Date(input.now.getTime() + input.lockMinutes * 60_000) : null,
    ]);
    await audit(lock ? "account_locked" : "login_failed", { failures, factor: valid ? "totp" : "password" });
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }
  await tx.query(
    "UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = COALESCE($2, totp_last_step) WHERE id = $1",
    [user.id, totpStep],
  );
  const session = await createSession(tx, user.id, input.now, input.ip, input.userAgent);
  await audit("login");
  return { ok: true, userId: user.id, ...session };
}
